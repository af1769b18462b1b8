// Report periods: every form the command takes, its days, the next period of the same kind, its words and its keys.
import { describe, expect, it } from 'vitest';
import { localDate } from '../../src/domain/dates.js';
import {
  parseReportPeriod,
  periodFileKey,
  periodFromPayloadKey,
  periodOfRange,
  periodPayloadKey,
  periodWords,
  ReportPeriodError,
} from '../../src/reporting/report-period.js';

describe('parseReportPeriod', () => {
  it.each([
    ['2012', 'year', '2012-01-01', '2012-12-31', '2013', '2013-01-01', '2013-12-31'],
    ['2012-H1', 'half', '2012-01-01', '2012-06-30', '2012-H2', '2012-07-01', '2012-12-31'],
    ['2012-H2', 'half', '2012-07-01', '2012-12-31', '2013-H1', '2013-01-01', '2013-06-30'],
    ['2012-q3', 'quarter', '2012-07-01', '2012-09-30', '2012-Q4', '2012-10-01', '2012-12-31'],
    ['2012-Q4', 'quarter', '2012-10-01', '2012-12-31', '2013-Q1', '2013-01-01', '2013-03-31'],
    ['2012-09', 'month', '2012-09-01', '2012-09-30', '2012-10', '2012-10-01', '2012-10-31'],
    ['2012-02', 'month', '2012-02-01', '2012-02-29', '2012-03', '2012-03-01', '2012-03-31'],
    ['2012-12', 'month', '2012-12-01', '2012-12-31', '2013-01', '2013-01-01', '2013-01-31'],
    // A range: the next one has the same number of days and starts the day after.
    [
      '2012-07-01..2012-12-31',
      'range',
      '2012-07-01',
      '2012-12-31',
      '2013-01-01..2013-07-03',
      '2013-01-01',
      '2013-07-03',
    ],
    [
      ' 2012-09-15 .. 2012-09-20 ',
      'range',
      '2012-09-15',
      '2012-09-20',
      '2012-09-21..2012-09-26',
      '2012-09-21',
      '2012-09-26',
    ],
  ])('reads %s', (text, kind, from, to, nextKey, nextFrom, nextTo) => {
    const period = parseReportPeriod(text);
    expect(period.kind).toBe(kind);
    expect(period.range).toEqual({ from, to });
    expect(period.next).toEqual({ kind, key: nextKey, range: { from: nextFrom, to: nextTo } });
  });

  it.each([
    ['2012-H3', 'format'],
    ['2012-Q5', 'format'],
    ['H2-2012', 'format'],
    ['6 tháng cuối năm 2012', 'format'],
    ['', 'format'],
    ['12', 'format'],
    ['2012-13', 'date'],
    ['2012-00', 'date'],
    ['2012-02-30..2012-03-31', 'date'],
    ['2012-12-31..2012-07-01', 'order'],
    ['0012', 'year'],
    ['9999-H1', 'year'],
  ])('refuses %j (%s) with a message naming the input', (text, problem) => {
    let caught: unknown;
    try {
      parseReportPeriod(text);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ReportPeriodError);
    expect((caught as ReportPeriodError).problem).toBe(problem);
    expect((caught as Error).message).toContain(`"${text.trim()}"`);
  });
});

describe('period words', () => {
  it.each([
    ['2012-H1', '6 tháng đầu năm 2012', 'the first half of 2012'],
    ['2012-H2', '6 tháng cuối năm 2012', 'the second half of 2012'],
    ['2012', 'năm 2012', 'the year 2012'],
    ['2012-Q3', 'quý III năm 2012', 'the third quarter of 2012'],
    ['2012-Q1', 'quý I năm 2012', 'the first quarter of 2012'],
    ['2012-09', 'tháng 9 năm 2012', 'September 2012'],
    ['2012-07-01..2012-12-31', 'từ ngày 01/07/2012 đến ngày 31/12/2012', '01/07/2012 to 31/12/2012'],
  ])('names %s', (text, vi, en) => {
    const period = parseReportPeriod(text);
    expect(periodWords(period, 'vi')).toBe(vi);
    expect(periodWords(period, 'vi')).toBe(vi.normalize('NFC'));
    expect(periodWords(period, 'en')).toBe(en);
  });

  it('names the next period', () => {
    expect(periodWords(parseReportPeriod('2012-H2').next, 'vi')).toBe('6 tháng đầu năm 2013');
    expect(periodWords(parseReportPeriod('2012-Q3').next, 'vi')).toBe('quý IV năm 2012');
    expect(periodWords(parseReportPeriod('2012').next, 'en')).toBe('the year 2013');
  });
});

describe('a period from a range of days and back from a key', () => {
  it.each([
    ['2012-01-01', '2012-12-31', '2012'],
    ['2012-07-01', '2012-12-31', '2012-H2'],
    ['2012-07-01', '2012-09-30', '2012-Q3'],
    ['2012-09-01', '2012-09-30', '2012-09'],
    ['2012-09-01', '2012-10-31', '2012-09-01..2012-10-31'],
    ['2012-08-15', '2012-09-15', '2012-08-15..2012-09-15'],
  ])('%s – %s is %s', (from, to, key) => {
    const period = periodOfRange({ from: localDate(from), to: localDate(to) });
    expect(period.key).toBe(key);
    expect(periodFromPayloadKey(periodPayloadKey(period))).toEqual(period);
    expect(periodPayloadKey(period)).toMatch(/^[0-9A-Z-]{4,17}$/);
  });

  it('writes file keys without dots', () => {
    expect(periodFileKey(parseReportPeriod('2012-H2'))).toBe('2012-H2');
    expect(periodFileKey(parseReportPeriod('2012-07-01..2012-12-31'))).toBe('2012-07-01_2012-12-31');
  });

  it('refuses payload keys it did not write', () => {
    for (const key of ['2012-H3', '20120230-20120301', '2012-07-01..2012-12-31', '2012H2', '20121231-20120701', ''])
      expect(periodFromPayloadKey(key), key).toBeUndefined();
  });
});
