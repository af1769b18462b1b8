// Vietnamese time expressions of plan texts → windows, deadlines and recurrence.
import { describe, expect, it } from 'vitest';
import type { LocalDate } from '../../src/domain/dates.js';
import { defaultRecurringWindow, findTimes } from '../../src/extract/dates.js';

const planDate = '2012-04-04' as LocalDate;
const windows = (text: string, date = planDate) =>
  findTimes(text, { planDate: date })
    .filter((time) => time.kind !== 'recurring')
    .map((time) => [time.kind, time.start, time.end]);
const recurrence = (text: string) =>
  findTimes(text, { planDate })
    .filter((time) => time.kind === 'recurring')
    .map((time) => time.everyMonths ?? null);

describe('dated windows', () => {
  it.each([
    ['Thời gian hai ngày (27, 28/3/2012).', '2012-03-27', '2012-03-28'],
    ['Thời gian hai ngày (27-28/3/2012).', '2012-03-27', '2012-03-28'],
    ['Thời gian ba ngày (27, 28 và 29/3/2012).', '2012-03-27', '2012-03-29'],
    ['Thời gian một ngày (30/3/2012).', '2012-03-30', '2012-03-30'],
    ['Thời gian trong tháng 4/2012.', '2012-04-01', '2012-04-30'],
    ['Thời gian trong tháng 02/2012.', '2012-02-01', '2012-02-29'],
    ['Thực hiện trong tháng 7 và tháng 8/2012.', '2012-07-01', '2012-08-31'],
    ['Thực hiện trong tháng 8 và tháng 9/2012.', '2012-08-01', '2012-09-30'],
    ['Thực hiện trong tháng 9, 10, 11/2012.', '2012-09-01', '2012-11-30'],
    ['tổ chức trong quý III/2012', '2012-07-01', '2012-09-30'],
    ['tổ chức trong quý IV năm 2012', '2012-10-01', '2012-12-31'],
    ['trong quý I, II năm 2013', '2013-01-01', '2013-06-30'],
    ['sơ kết 6 tháng đầu năm 2013', '2013-01-01', '2013-06-30'],
    ['Trong năm 2012, thực hiện tốt chuyên đề', '2012-01-01', '2012-12-31'],
    ['vào ngày 15 tháng 5 năm 2012', '2012-05-15', '2012-05-15'],
  ])('%s', (text, start, end) => {
    expect(windows(text)).toEqual([['window', start, end]]);
  });

  it('reads ranges across months and years', () => {
    expect(windows('từ 15/11 đến 15/12/2012')).toEqual([['window', '2012-11-15', '2012-12-15']]);
    expect(windows('từ ngày 20/12/2012 đến ngày 10/01/2013')).toEqual([['window', '2012-12-20', '2013-01-10']]);
    expect(windows('từ 15/12 đến 15/01/2013')).toEqual([['window', '2012-12-15', '2013-01-15']]);
    expect(windows('từ tháng 11/2012 đến tháng 02/2013')).toEqual([['window', '2012-11-01', '2013-02-28']]);
    expect(windows('trong tháng 12/2012 và tháng 01/2013')).toEqual([['window', '2012-12-01', '2013-01-31']]);
    expect(windows('trong tháng 12 và tháng 01/2013')).toEqual([['window', '2012-12-01', '2013-01-31']]);
  });

  it('keeps months that are not next to each other as separate windows', () => {
    expect(windows('trong tháng 3 và tháng 9/2013')).toEqual([
      ['window', '2013-03-01', '2013-03-31'],
      ['window', '2013-09-01', '2013-09-30'],
    ]);
  });

  it('reads deadlines from the plan date', () => {
    expect(windows('hoàn thành trước ngày 30/6/2013')).toEqual([['deadline', '2012-04-04', '2013-06-30']]);
    expect(windows('chậm nhất trong tháng 6/2013')).toEqual([['deadline', '2012-04-04', '2013-06-30']]);
    // What is completed within a month is due by its end (the corpus answer keys' reading).
    expect(windows('hoàn thành trong tháng 5 năm 2013')).toEqual([['deadline', '2012-04-04', '2013-05-31']]);
    expect(windows('Hoàn thành, báo cáo kết quả trong tháng 11/2012')).toEqual([
      ['deadline', '2012-04-04', '2012-11-30'],
    ]);
    expect(windows('trước tháng 6/2013')).toEqual([['deadline', '2012-04-04', '2013-05-31']]);
    expect(windows('báo cáo về Ban Thường vụ trước ngày 30 tháng 6 năm 2013')).toEqual([
      ['deadline', '2012-04-04', '2013-06-30'],
    ]);
  });

  it("takes a missing year from the plan's date, the next year when the month is long past", () => {
    const may = findTimes('Thời gian trong tháng 5.', { planDate })[0];
    expect([may?.start, may?.end, may?.yearInferred]).toEqual(['2012-05-01', '2012-05-31', true]);
    expect(windows('Thời gian hai ngày (27, 28/3).')).toEqual([['window', '2012-03-27', '2012-03-28']]);
    expect(windows('trong tháng 01', '2012-11-20' as LocalDate)).toEqual([['window', '2013-01-01', '2013-01-31']]);
    expect(windows('trước ngày 30/6', '2012-04-04' as LocalDate)).toEqual([['deadline', '2012-04-04', '2012-06-30']]);
    expect(windows('quý III', planDate)).toEqual([['window', '2012-07-01', '2012-09-30']]);
  });

  it('skips the dates of cited documents', () => {
    expect(
      windows(
        'theo Chỉ thị 03-CT/TW ngày 14/5/2011 của Bộ Chính trị, Kế hoạch số 12, ngày 06/10/2011 của Ban Thường vụ Tỉnh ủy',
      ),
    ).toEqual([]);
    expect(windows('Quán triệt Nghị quyết số 12-NQ/TW ngày 16/01/2012 Hội nghị lần thứ tư')).toEqual([]);
    expect(windows('Kế hoạch 08, ngày 12/3/2012 của Bộ Chính trị')).toEqual([]);
  });

  it('does not read durations, plan numbers or decisions as months', () => {
    expect(windows('những người 02 năm liền không hoàn thành nhiệm vụ')).toEqual([]);
    expect(windows('Số 15-KH/TU')).toEqual([]);
    expect(windows('6 tháng và hàng năm báo cáo')).toEqual([]);
  });
});

describe('recurrence', () => {
  it.each([
    ['6 tháng và hàng năm báo cáo kết quả thực hiện', 6],
    ['tổ chức hội nghị 01 năm 02 lần để thông báo tình hình', 6],
    ['mỗi năm 2 lần', 6],
    ['Hàng năm rà soát, điều chỉnh, bổ sung quy hoạch', 12],
    ['thực hiện thường xuyên hàng năm', 12],
    ['báo cáo hàng quý', 3],
    ['giao ban hàng tháng', 1],
    ['định kỳ 6 tháng một lần', 6],
    ['2 năm một lần sơ kết', 24],
  ])('%s', (text, months) => {
    expect(recurrence(text)).toEqual([months]);
  });

  it('flags "định kỳ" without an interval', () => {
    const [time] = findTimes('định kỳ có báo cáo những việc làm theo', { planDate });
    expect(time?.kind).toBe('recurring');
    expect(time?.everyMonths).toBeUndefined();
    expect(time?.note).toMatch(/định kỳ/);
  });

  it('does not take "mới quy định" for "every quarter"', () => {
    expect(recurrence('Xây dựng mới quy định về việc lấy phiếu tín nhiệm hàng năm')).toEqual([12]);
  });

  it('gives default first windows after the plan date', () => {
    expect(defaultRecurringWindow(12, planDate, false)).toMatchObject({ start: '2012-12-01', end: '2012-12-31' });
    expect(defaultRecurringWindow(12, planDate, true)).toMatchObject({ start: '2012-12-15', end: '2012-12-31' });
    expect(defaultRecurringWindow(6, planDate, true)).toMatchObject({ start: '2012-06-15', end: '2012-06-30' });
    expect(defaultRecurringWindow(6, '2012-08-01' as LocalDate, false)).toMatchObject({
      start: '2012-12-01',
      end: '2012-12-31',
    });
    expect(defaultRecurringWindow(3, planDate, false)).toMatchObject({ start: '2012-06-01', end: '2012-06-30' });
    expect(defaultRecurringWindow(1, '2012-12-10' as LocalDate, false)).toMatchObject({
      start: '2013-01-01',
      end: '2013-01-31',
    });
  });
});
