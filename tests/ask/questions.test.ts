// Officials' questions as they type them, with what dondoc must understand: intent, period and unit.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MAX_QUESTION_LENGTH, parseQuestion } from '../../src/ask/parse.js';
import { buildUnitIndex } from '../../src/ask/units.js';
import { unitAliases } from '../../src/db/plans.js';
import { localDate } from '../../src/domain/dates.js';
import { parsePlanText } from '../../src/plans/load.js';

const plan = parsePlanText(
  readFileSync(new URL('../../plans/tra-vinh-15-KH-TU-2012.yaml', import.meta.url), 'utf8'),
  'plan.yaml',
);
const index = buildUnitIndex(
  plan.units.map((unit, position) => ({
    id: position + 1,
    code: unit.code,
    name: unit.name,
    shortName: unit.shortName ?? null,
    level: unit.level,
    names: unitAliases(unit).map((alias) => alias.normalized),
  })),
);

// [question, today, intent, from, to, unit code, mine]
type Row = [string, string, string, string | null, string | null, string | null, boolean?];
const T = '2012-08-15'; // a Wednesday: this week is 13–19/8/2012

const QUESTIONS: Row[] = [
  // Due in a period, relative
  ['Việc gì đến hạn tháng này?', T, 'due', '2012-08-01', '2012-08-31', null],
  ['viec gi den han thang nay', T, 'due', '2012-08-01', '2012-08-31', null],
  ["What's due this month?", T, 'due', '2012-08-01', '2012-08-31', null],
  ['vic gi den han thang nay', T, 'due', '2012-08-01', '2012-08-31', null],
  ['Tháng sau có việc gì?', T, 'due', '2012-09-01', '2012-09-30', null],
  ['thang truoc co viec gi', T, 'due', '2012-07-01', '2012-07-31', null],
  ['Tuần này có việc gì?', T, 'due', '2012-08-13', '2012-08-19', null],
  ['tuan sau can lam gi', T, 'due', '2012-08-20', '2012-08-26', null],
  ['tuần trước', T, 'due', '2012-08-06', '2012-08-12', null],
  ['Hôm nay có việc gì không?', T, 'due', '2012-08-15', '2012-08-15', null],
  ['ngay mai co gi', T, 'due', '2012-08-16', '2012-08-16', null],
  ['Quý này có việc gì?', T, 'due', '2012-07-01', '2012-09-30', null],
  ['quy sau co viec gi', T, 'due', '2012-10-01', '2012-12-31', null],
  ['Năm nay có những việc gì?', T, 'due', '2012-01-01', '2012-12-31', null],
  ['Từ nay đến cuối năm có việc gì?', T, 'due', '2012-08-15', '2012-12-31', null],
  ['6 tháng cuối năm có việc gì', T, 'due', '2012-07-01', '2012-12-31', null],
  ['6 thang dau nam 2013 co viec gi', T, 'due', '2013-01-01', '2013-06-30', null],
  ['what is due next week?', T, 'due', '2012-08-20', '2012-08-26', null],
  ["what's due in Q4?", T, 'due', '2012-10-01', '2012-12-31', null],
  ['anything due tomorrow?', T, 'due', '2012-08-16', '2012-08-16', null],
  ['what is due this year', T, 'due', '2012-01-01', '2012-12-31', null],
  ['Việc gì đến hạn?', T, 'due', null, null, null],
  ['upcoming deadlines', T, 'due', null, null, null],
  // Due in a period, absolute
  ['Việc gì đến hạn tháng 9/2012?', T, 'due', '2012-09-01', '2012-09-30', null],
  ['viec den han thang 9 nam 2012', T, 'due', '2012-09-01', '2012-09-30', null],
  ['T9/2012 có việc gì', T, 'due', '2012-09-01', '2012-09-30', null],
  ['09/2012 co viec gi can lam', T, 'due', '2012-09-01', '2012-09-30', null],
  ['tháng9/2012', T, 'due', '2012-09-01', '2012-09-30', null],
  ['THÁNG 9/2012 CÓ VIỆC GÌ', T, 'due', '2012-09-01', '2012-09-30', null],
  ['quý4/2012 btg làm gì', T, 'unit_duties', '2012-10-01', '2012-12-31', 'TU-BTG'],
  ['Quý III/2012 có việc gì?', T, 'due', '2012-07-01', '2012-09-30', null],
  ['quy 3 nam 2012', T, 'due', '2012-07-01', '2012-09-30', null],
  ['năm 2013 có việc gì', T, 'due', '2013-01-01', '2013-12-31', null],
  ['Ngày 30/9/2012 có việc gì?', T, 'due', '2012-09-30', '2012-09-30', null],
  ['từ 15/8 đến 15/9/2012 có việc gì', T, 'due', '2012-08-15', '2012-09-15', null],
  ['tu thang 7 den thang 9/2012 co viec gi', T, 'due', '2012-07-01', '2012-09-30', null],
  ['Trước 30/9 có việc gì phải xong?', T, 'due', '2012-08-15', '2012-09-30', null],
  ['den cuoi thang can lam gi', T, 'due', '2012-08-15', '2012-08-31', null],
  ['what is due in september 2012', T, 'due', '2012-09-01', '2012-09-30', null],
  ['due between 1/7 and 31/8/2012', T, 'due', '2012-07-01', '2012-08-31', null],
  // Edge dates: year ends, leap day, quarter boundaries, a month without a year in December and January
  ['Tháng 12 có việc gì?', '2012-12-20', 'due', '2012-12-01', '2012-12-31', null],
  ['tháng 1 có việc gì?', '2012-12-20', 'due', '2013-01-01', '2013-01-31', null],
  ['thang 12 co viec gi', '2013-01-05', 'due', '2012-12-01', '2012-12-31', null],
  ['thang 2 co viec gi', '2013-01-05', 'due', '2013-02-01', '2013-02-28', null],
  ['việc gì đến hạn tháng 2/2012', T, 'due', '2012-02-01', '2012-02-29', null],
  ['29/2/2012 có việc gì', T, 'due', '2012-02-29', '2012-02-29', null],
  ['quý này có việc gì', '2012-03-31', 'due', '2012-01-01', '2012-03-31', null],
  ['quý này có việc gì', '2012-04-01', 'due', '2012-04-01', '2012-06-30', null],
  ['quy sau', '2012-12-31', 'due', '2013-01-01', '2013-03-31', null],
  ['tháng sau có việc gì', '2012-12-31', 'due', '2013-01-01', '2013-01-31', null],
  ['tuần này có việc gì', '2012-12-31', 'due', '2012-12-31', '2013-01-06', null],
  ['thang nay', '2012-04-30', 'due', '2012-04-01', '2012-04-30', null],
  // A unit's duties
  ['Ban Tuyên giáo cần làm gì?', T, 'unit_duties', null, null, 'TU-BTG'],
  ['ban tuyen giao can lam gi', T, 'unit_duties', null, null, 'TU-BTG'],
  ['BTG cần làm gì?', T, 'unit_duties', null, null, 'TU-BTG'],
  ['btg can lam gi', T, 'unit_duties', null, null, 'TU-BTG'],
  ['ban tuyen giao can lam ji', T, 'unit_duties', null, null, 'TU-BTG'],
  ['UBKT tỉnh cần làm gì?', T, 'unit_duties', null, null, 'TU-UBKT'],
  ['ubkt tinh lam gi', T, 'unit_duties', null, null, 'TU-UBKT'],
  ['Huyện ủy Càng Long cần làm gì?', T, 'unit_duties', null, null, 'HU-CANGLONG'],
  ['huyen uy cang long can lam gi trong thang 9/2012', T, 'unit_duties', '2012-09-01', '2012-09-30', 'HU-CANGLONG'],
  ['Ban Tổ chức Tỉnh ủy có nhiệm vụ gì trong quý 4?', T, 'unit_duties', '2012-10-01', '2012-12-31', 'TU-BTC'],
  ['Ban Dân vận tháng này làm gì', T, 'unit_duties', '2012-08-01', '2012-08-31', 'TU-BDV'],
  ['Văn phòng Tỉnh ủy cần làm gì', T, 'unit_duties', null, null, 'TU-VP'],
  ['Thành ủy Trà Vinh tháng 10 có việc gì', T, 'unit_duties', '2012-10-01', '2012-10-31', 'TP-TRAVINH'],
  ['BTV Tỉnh ủy cần làm gì', T, 'unit_duties', null, null, 'TU-BTV'],
  ['TU cần làm gì?', T, 'unit_duties', null, null, 'TU'],
  ['tu 15/8 den 15/9/2012 btg can lam gi', T, 'unit_duties', '2012-08-15', '2012-09-15', 'TU-BTG'],
  ['What does the propaganda board have to do in Q3?', T, 'unit_duties', '2012-07-01', '2012-09-30', 'TU-BTG'],
  ['what does the organisation board have to do?', T, 'unit_duties', null, null, 'TU-BTC'],
  ['inspection committee duties this month', T, 'unit_duties', '2012-08-01', '2012-08-31', 'TU-UBKT'],
  ['việc của tôi tháng này', T, 'unit_duties', '2012-08-01', '2012-08-31', null, true],
  ['my duties next week', T, 'unit_duties', '2012-08-20', '2012-08-26', null, true],
  ['đơn vị tôi cần làm gì', T, 'unit_duties', null, null, null, true],
  // When is a duty
  ['Khi nào kiểm điểm cấp huyện?', T, 'duty_when', null, null, null],
  ['khi nao kiem diem cap huyen', T, 'duty_when', null, null, null],
  ['Hội nghị quán triệt cấp tỉnh ngày nào?', T, 'duty_when', null, null, null],
  ['hoi nghi quan triet cap tinh ngay nao', T, 'duty_when', null, null, null],
  ['bao giờ lấy phiếu tín nhiệm?', T, 'duty_when', null, null, null],
  ['When is the district-level review?', T, 'duty_when', null, null, null],
  ['when is the confidence vote?', T, 'duty_when', null, null, null],
  ['thời hạn kiểm điểm chi bộ', T, 'duty_when', null, null, null],
  // Overdue
  ['Việc nào quá hạn?', T, 'overdue', null, null, null],
  ['viec nao qua han', T, 'overdue', null, null, null],
  ['Những việc chưa báo cáo', T, 'overdue', null, null, null],
  ['What is overdue?', T, 'overdue', null, null, null],
  ['BTG có việc gì quá hạn không?', T, 'overdue', null, null, 'TU-BTG'],
  ['quá hạn tháng 7', T, 'overdue', '2012-07-01', '2012-07-31', null],
  ['việc trễ hạn của tôi', T, 'overdue', null, null, null, true],
  // Admins' follow-up questions: read before "overdue", whose words they contain
  ['Việc nào hoàn thành trễ hạn?', T, 'done_late', null, null, null],
  ['viec nao hoan thanh tre han', T, 'done_late', null, null, null],
  ['việc nào hoàn thành trễ hạn tháng 7?', T, 'done_late', '2012-07-01', '2012-07-31', null],
  ['Which duties were done late?', T, 'done_late', null, null, null],
  ['what was completed late last month', T, 'done_late', '2012-07-01', '2012-07-31', null],
  ['Đơn vị nào chưa báo cáo tháng này?', T, 'not_reported', '2012-08-01', '2012-08-31', null],
  ['don vi nao chua bao cao thang nay', T, 'not_reported', '2012-08-01', '2012-08-31', null],
  ['Which units have not reported this month?', T, 'not_reported', '2012-08-01', '2012-08-31', null],
  ["which units haven't reported", T, 'not_reported', null, null, null],
  // Help, greetings, anything else
  ['', T, 'help', null, null, null],
  ['   ', T, 'help', null, null, null],
  ['Xin chào', T, 'help', null, null, null],
  ['/start', T, 'help', null, null, null],
  ['help', T, 'help', null, null, null],
  ['Hướng dẫn', T, 'help', null, null, null],
  ['hello!', T, 'help', null, null, null],
  ['cảm ơn', T, 'help', null, null, null],
  ['what can you do?', T, 'help', null, null, null],
  ['asdfgh qwerty', T, 'unknown', null, null, null],
  ['🙂🙂🙂', T, 'unknown', null, null, null],
  ['\u0000\u0007\u001b[31m', T, 'unknown', null, null, null],
];

describe('parseQuestion', () => {
  it('has a large table', () => expect(QUESTIONS.length).toBeGreaterThanOrEqual(80));

  it.each(QUESTIONS)('%j on %s → %s %s..%s %s', (question, today, intent, from, to, unit, mine) => {
    const parsed = parseQuestion(question, localDate(today), index);
    expect(parsed.intent).toBe(intent);
    expect(parsed.period ? [parsed.period.range.from, parsed.period.range.to] : [null, null]).toEqual([from, to]);
    expect(parsed.unit?.unit.code ?? null).toBe(unit);
    if (mine !== undefined) expect(parsed.mine).toBe(mine);
  });

  it('detects English and Vietnamese, with or without diacritics', () => {
    const lang = (q: string) => parseQuestion(q, localDate(T), index).language;
    expect(lang("what's due this month?")).toBe('en');
    expect(lang('viec gi den han thang nay')).toBe('vi');
    expect(lang('Ban Tuyên giáo cần làm gì?')).toBe('vi');
    expect(lang('When is the district-level review?')).toBe('en');
  });

  it('keeps the words that name a duty, in Vietnamese, for English questions too', () => {
    expect(parseQuestion('Khi nào kiểm điểm cấp huyện?', localDate(T), index).terms).toEqual([
      'kiem',
      'diem',
      'cap',
      'huyen',
    ]);
    expect(parseQuestion('When is the district-level review?', localDate(T), index).terms).toEqual([
      'cap',
      'huyen',
      'kiem',
      'diem',
    ]);
  });

  // A pathological input must not hang the parser (catastrophic regex backtracking): the test's own
  // timeout is the guard; speed itself is measured in bench/.
  it('answers garbage and huge inputs safely', () => {
    const inputs = [
      'x'.repeat(10_000),
      'tháng '.repeat(2_000),
      '🙂'.repeat(5_000),
      '\u0000'.repeat(10_000),
      '((((((((((((((('.repeat(500),
      'a/'.repeat(5000),
    ];
    for (const input of inputs) {
      const parsed = parseQuestion(input, localDate(T), index);
      expect(['unknown', 'help', 'due']).toContain(parsed.intent);
    }
    expect(MAX_QUESTION_LENGTH).toBeLessThanOrEqual(1000);
  });
});
