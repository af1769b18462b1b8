import { describe, expect, it } from 'vitest';
import { addMonths, localDate, localDateAt, parseLocalDate } from '../../src/domain/dates.js';
import { expandSchedule, type Schedule, scheduleLastDay, windowAt } from '../../src/domain/schedule.js';

const d = localDate;

describe('calendar dates', () => {
  it('rejects impossible dates', () => {
    expect(parseLocalDate('2012-02-31')).toBeUndefined();
    expect(parseLocalDate('2013-02-29')).toBeUndefined();
    expect(parseLocalDate('2012-02-29')).toBe('2012-02-29');
    expect(parseLocalDate('2012-13-01')).toBeUndefined();
    expect(parseLocalDate('27/3/2012')).toBeUndefined();
  });

  it('adds months with clamping, and keeps month ends when asked', () => {
    expect(addMonths(d('2012-01-31'), 1)).toBe('2012-02-29');
    expect(addMonths(d('2013-01-31'), 1)).toBe('2013-02-28');
    expect(addMonths(d('2012-06-30'), 6, true)).toBe('2012-12-31');
    expect(addMonths(d('2012-12-31'), 6, true)).toBe('2013-06-30');
    expect(addMonths(d('2012-11-15'), 3)).toBe('2013-02-15');
    expect(addMonths(d('2012-03-15'), -4)).toBe('2011-11-15');
  });

  it('tells the calendar date in a time zone', () => {
    // 17:30 UTC on 31 Dec is already 1 Jan in Hà Nội (UTC+7).
    expect(localDateAt(new Date('2012-12-31T17:30:00Z'), 'Asia/Ho_Chi_Minh')).toBe('2013-01-01');
    expect(localDateAt(new Date('2012-12-31T16:59:00Z'), 'Asia/Ho_Chi_Minh')).toBe('2012-12-31');
  });
});

describe('schedules', () => {
  const sixMonthly: Schedule = { start: d('2012-06-15'), end: d('2012-06-30'), repeat: { everyMonths: 6 } };

  it('lists a one-off window only when it overlaps the range', () => {
    const once: Schedule = { start: d('2012-07-01'), end: d('2012-08-31') };
    expect(expandSchedule(once, { from: d('2012-08-31'), to: d('2012-09-30') })).toEqual([
      { seq: 0, start: '2012-07-01', end: '2012-08-31' },
    ]);
    expect(expandSchedule(once, { from: d('2012-09-01'), to: d('2012-09-30') })).toEqual([]);
    expect(expandSchedule(once, { from: d('2012-06-01'), to: d('2012-06-30') })).toEqual([]);
  });

  it('repeats across month and year ends, keeping the month end', () => {
    const windows = expandSchedule(sixMonthly, { from: d('2012-01-01'), to: d('2014-01-01') });
    expect(windows.map((w) => [w.start, w.end])).toEqual([
      ['2012-06-15', '2012-06-30'],
      ['2012-12-15', '2012-12-31'],
      ['2013-06-15', '2013-06-30'],
      ['2013-12-15', '2013-12-31'],
    ]);
    expect(windows.map((w) => w.seq)).toEqual([0, 1, 2, 3]);
  });

  it('finds far-future windows with stable sequence numbers', () => {
    const windows = expandSchedule(sixMonthly, { from: d('2040-01-01'), to: d('2040-12-31') });
    expect(windows).toEqual([
      { seq: 56, start: '2040-06-15', end: '2040-06-30' },
      { seq: 57, start: '2040-12-15', end: '2040-12-31' },
    ]);
    expect(windowAt(sixMonthly, 56)).toEqual(windows[0]);
  });

  it('includes a window that spans the year end when the range touches either side', () => {
    const yearEnd: Schedule = { start: d('2012-12-20'), end: d('2013-01-10'), repeat: { everyMonths: 12 } };
    expect(expandSchedule(yearEnd, { from: d('2013-01-05'), to: d('2013-01-05') })).toEqual([
      { seq: 0, start: '2012-12-20', end: '2013-01-10' },
    ]);
    expect(expandSchedule(yearEnd, { from: d('2014-01-01'), to: d('2014-01-31') }).map((w) => w.start)).toEqual([
      '2013-12-20',
    ]);
  });

  it('keeps a one-day window on the 29th of February in range', () => {
    const leap: Schedule = { start: d('2012-02-29'), end: d('2012-02-29'), repeat: { everyMonths: 12 } };
    expect(expandSchedule(leap, { from: d('2013-01-01'), to: d('2013-12-31') })).toEqual([
      { seq: 1, start: '2013-02-28', end: '2013-02-28' },
    ]);
  });

  it('stops at count and until', () => {
    const counted: Schedule = { ...sixMonthly, repeat: { everyMonths: 6, count: 3 } };
    expect(expandSchedule(counted, { from: d('2012-01-01'), to: d('2020-01-01') })).toHaveLength(3);
    expect(scheduleLastDay(counted)).toBe('2013-06-30');
    const until: Schedule = { ...sixMonthly, repeat: { everyMonths: 6, until: d('2013-06-15') } };
    expect(expandSchedule(until, { from: d('2012-01-01'), to: d('2020-01-01') }).map((w) => w.start)).toEqual([
      '2012-06-15',
      '2012-12-15',
      '2013-06-15',
    ]);
    expect(scheduleLastDay(until)).toBe('2013-06-30');
    expect(scheduleLastDay(sixMonthly)).toBeUndefined();
  });

  it('monthly series from the 31st clamp to short months without drifting', () => {
    const monthly: Schedule = { start: d('2012-01-25'), end: d('2012-01-31'), repeat: { everyMonths: 1 } };
    const ends = expandSchedule(monthly, { from: d('2012-01-01'), to: d('2012-05-31') }).map((w) => w.end);
    expect(ends).toEqual(['2012-01-31', '2012-02-29', '2012-03-31', '2012-04-30', '2012-05-31']);
  });

  it('returns nothing for an inverted range', () => {
    expect(expandSchedule(sixMonthly, { from: d('2013-01-01'), to: d('2012-01-01') })).toEqual([]);
  });
});
