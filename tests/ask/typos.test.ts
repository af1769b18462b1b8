import { describe, expect, it } from 'vitest';
import { parseQuestion } from '../../src/ask/parse.js';
import { correctedKeyword, correctKeywords, joinMonthLists, monthNamesAsDigits } from '../../src/ask/typos.js';
import { buildUnitIndex } from '../../src/ask/units.js';
import { localDate } from '../../src/domain/dates.js';

const today = localDate('2026-12-02');
const units = buildUnitIndex([]);
const periodOf = (question: string) => parseQuestion(question, today, units).period?.range;

describe('month names in words', () => {
  it.each([
    ['tháng mười hai', 'tháng 12'],
    ['Tháng Mười Hai năm 2025', 'Tháng 12 năm 2025'],
    ['thang muoi hai', 'thang 12'],
    ['tháng mười một', 'tháng 11'],
    ['tháng mười', 'tháng 10'],
    ['tháng chín', 'tháng 9'],
    ['tháng tám', 'tháng 8'],
    ['tháng bảy', 'tháng 7'],
    ['tháng sáu', 'tháng 6'],
    ['tháng năm có việc gì', 'tháng 5 có việc gì'],
    ['tháng năm năm 2026', 'tháng 5 năm 2026'],
    ['tháng tư', 'tháng 4'],
    ['tháng bốn', 'tháng 4'],
    ['thang tu', 'thang 4'],
    ['tháng ba', 'tháng 3'],
    ['tháng hai', 'tháng 2'],
    ['tháng một', 'tháng 1'],
    ['tháng giêng', 'tháng 1'],
    ['thang gieng', 'thang 1'],
    ['tháng chạp', 'tháng 12'],
  ])('%s → %s', (text, expected) => {
    expect(monthNamesAsDigits(text)).toBe(expected);
  });

  it.each([
    'tháng sau có việc gì',
    'thang sau',
    'tháng năm nay',
    'tháng năm 2025',
    'tháng này',
    'từ tháng 3',
    'thang tu thang 3',
    'tháng mười hai giờ',
    'tháng 12',
    'thángba',
    'tháng bao',
  ])('%s stays as it is, or only its real month is read', (text) => {
    if (text === 'tháng mười hai giờ') expect(monthNamesAsDigits(text)).toBe('tháng 12 giờ');
    else expect(monthNamesAsDigits(text)).toBe(text);
  });
});

describe('slips in the keywords', () => {
  it.each([
    ['thangs', 'thang'],
    ['thnag', 'thang'],
    ['tahng', 'thang'],
    ['htang', 'thang'],
    ['thag', 'thang'],
    ['vieecj', 'viec'],
    ['veic', 'viec'],
    ['tuaanf', 'tuan'],
    ['quys', 'quy'],
    ['hanj', 'han'],
  ])('%s → %s', (word, keyword) => {
    expect(correctedKeyword(word)).toBe(keyword);
  });

  it.each(['thanh', 'than', 'tang', 'hang', 'thong', 'vice', 'view', 'thang', 'viec', 'ban', 'tuyen', 'giao', 'hanh'])(
    '%s is a word and stays',
    (word) => {
      expect(correctedKeyword(word)).toBeUndefined();
    },
  );

  it('reads shorthand: cv, cviec, thg, th3, t.3', () => {
    expect(correctKeywords('cv thg 3')).toBe('cong viec thang 3');
    expect(correctKeywords('cviec th3')).toBe('cong viec thang 3');
    expect(correctKeywords('viec t.3')).toBe('viec thang 3');
    expect(correctKeywords('thg3/2026')).toBe('thang 3/2026');
    expect(correctKeywords('thanh pho')).toBe('thanh pho');
  });
});

describe('several months in one question', () => {
  it.each([
    ['thang 3 va thang 4', 'thang 3-4'],
    ['thang 3, 4', 'thang 3-4'],
    ['thang 3 va 4/2026', 'thang 3-4/2026'],
    ['thang 3 hoac thang 5', 'thang 3-5'],
    ['march and april', 'between march and april'],
  ])('%s → %s', (text, expected) => {
    expect(joinMonthLists(text)).toBe(expected);
  });

  it('leaves a date and a later month alone, and lists that go backwards', () => {
    expect(joinMonthLists('thang 3 va 15/4')).toBe('thang 3 va 15/4');
    expect(joinMonthLists('thang 5 va thang 3')).toBe('thang 5 va thang 3');
    expect(joinMonthLists('between march and april')).toBe('between march and april');
  });
});

describe('questions as new users write them', () => {
  it.each([
    ['việc tháng mười hai', '2026-12-01', '2026-12-31'],
    ['việc gì trong tháng giêng năm 2027', '2027-01-01', '2027-01-31'],
    ['tháng chạp có việc gì', '2026-12-01', '2026-12-31'],
    ['thg 3/2027 có việc gì', '2027-03-01', '2027-03-31'],
    ['tháng 3 và tháng 4/2027 cần làm gì', '2027-03-01', '2027-04-30'],
    ['viec thang 3, 4 nam 2027', '2027-03-01', '2027-04-30'],
    ['thangs 3/2027 co vieecj gi', '2027-03-01', '2027-03-31'],
    ['thnag 5/2027 có viec gi', '2027-05-01', '2027-05-31'],
    ['tasks in March and April 2027', '2027-03-01', '2027-04-30'],
    ['việc tháng sau', '2027-01-01', '2027-01-31'],
  ])('%s', (question, from, to) => {
    expect(periodOf(question)).toEqual({ from, to });
  });
});
