import { describe, expect, it } from 'vitest';
import { addDays, localDate } from '../../src/domain/dates.js';
import { formatClock, instantAt, parseClock, toLocalDateTime } from '../../src/domain/zoned.js';
import { seeded } from '../support/random.js';

const d = localDate;
const VN = 'Asia/Ho_Chi_Minh';
const NEW_YORK = 'America/New_York';
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** Random instants (with seconds and milliseconds) in [from, to). */
function randomInstants(seed: number, from: string, to: string, count: number): Date[] {
  const random = seeded(seed);
  const start = Date.parse(from);
  const span = Date.parse(to) - start;
  return Array.from({ length: count }, () => new Date(start + Math.floor(random() * span)));
}

const floorToMinute = (instant: Date) => Math.floor(instant.getTime() / MINUTE) * MINUTE;

/** What a fixed-offset clock shows, computed without Intl. */
function fixedOffsetLocal(instant: Date, offsetMinutes: number) {
  const shifted = new Date(floorToMinute(instant) + offsetMinutes * MINUTE);
  return { date: shifted.toISOString().slice(0, 10), minutes: shifted.getUTCHours() * 60 + shifted.getUTCMinutes() };
}

describe('toLocalDateTime and instantAt', () => {
  it('round-trips a year of random instants in Asia/Ho_Chi_Minh (UTC+7, no DST), to the minute', () => {
    for (const instant of randomInstants(2012, '2012-01-01T00:00:00Z', '2013-01-01T00:00:00Z', 1000)) {
      const local = toLocalDateTime(instant, VN);
      expect(local, instant.toISOString()).toEqual(fixedOffsetLocal(instant, 7 * 60));
      expect(instantAt(local.date, local.minutes, VN).getTime(), instant.toISOString()).toBe(floorToMinute(instant));
    }
  });

  it('round-trips random wall times in Asia/Ho_Chi_Minh back to the same wall time', () => {
    const random = seeded(84);
    for (let index = 0; index < 2000; index += 1) {
      const date = addDays(d('2024-01-01'), Math.floor(random() * 366));
      const minutes = Math.floor(random() * 1440);
      const instant = instantAt(date, minutes, VN);
      expect(instant.getTime()).toBe(Date.parse(`${date}T00:00:00Z`) + minutes * MINUTE - 7 * HOUR);
      expect(toLocalDateTime(instant, VN)).toEqual({ date, minutes });
    }
  });

  it('shows local midnight as minute 0 of the new day, not 24:00 of the old one', () => {
    expect(toLocalDateTime(new Date('2012-12-31T17:00:00Z'), VN)).toEqual({ date: '2013-01-01', minutes: 0 });
    expect(toLocalDateTime(new Date('2012-12-31T16:59:59.999Z'), VN)).toEqual({ date: '2012-12-31', minutes: 1439 });
    expect(instantAt(d('2013-01-01'), 0, VN).toISOString()).toBe('2012-12-31T17:00:00.000Z');
    expect(instantAt(d('2012-02-29'), 23 * 60 + 59, VN).toISOString()).toBe('2012-02-29T16:59:00.000Z');
  });

  it('is the identity on UTC', () => {
    for (const instant of randomInstants(7, '2024-01-01T00:00:00Z', '2025-01-01T00:00:00Z', 500)) {
      const local = toLocalDateTime(instant, 'UTC');
      expect(local).toEqual(fixedOffsetLocal(instant, 0));
      expect(instantAt(local.date, local.minutes, 'UTC').getTime()).toBe(floorToMinute(instant));
    }
    expect(instantAt(d('2024-03-10'), 150, 'UTC').toISOString()).toBe('2024-03-10T02:30:00.000Z');
  });

  it('moves a wall time in the America/New_York spring-forward gap forward by the gap (2024-03-10 02:30 → 03:30 EDT = 07:30Z)', () => {
    const gap = instantAt(d('2024-03-10'), 2 * 60 + 30, NEW_YORK);
    expect(gap.toISOString()).toBe('2024-03-10T07:30:00.000Z');
    expect(toLocalDateTime(gap, NEW_YORK)).toEqual({ date: '2024-03-10', minutes: 3 * 60 + 30 });
    expect(instantAt(d('2024-03-10'), 2 * 60, NEW_YORK).toISOString()).toBe('2024-03-10T07:00:00.000Z'); // 02:00 → 03:00 EDT
    expect(instantAt(d('2024-03-10'), 2 * 60 + 59, NEW_YORK).toISOString()).toBe('2024-03-10T07:59:00.000Z');
    // Just around the gap the wall times exist and are exact.
    expect(instantAt(d('2024-03-10'), 60 + 59, NEW_YORK).toISOString()).toBe('2024-03-10T06:59:00.000Z'); // 01:59 EST
    expect(instantAt(d('2024-03-10'), 3 * 60, NEW_YORK).toISOString()).toBe('2024-03-10T07:00:00.000Z'); // 03:00 EDT
  });

  it('picks the first occurrence (EDT) of a wall time in the America/New_York fall-back overlap (2024-11-03 01:30 → 05:30Z), like Temporal "compatible"', () => {
    // Both 05:30Z (EDT) and 06:30Z (EST) show 01:30.
    expect(toLocalDateTime(new Date('2024-11-03T05:30:00Z'), NEW_YORK)).toEqual({ date: '2024-11-03', minutes: 90 });
    expect(toLocalDateTime(new Date('2024-11-03T06:30:00Z'), NEW_YORK)).toEqual({ date: '2024-11-03', minutes: 90 });
    expect(instantAt(d('2024-11-03'), 90, NEW_YORK).toISOString()).toBe('2024-11-03T05:30:00.000Z');
    expect(instantAt(d('2024-11-03'), 60, NEW_YORK).toISOString()).toBe('2024-11-03T05:00:00.000Z');
    expect(instantAt(d('2024-11-03'), 60 + 59, NEW_YORK).toISOString()).toBe('2024-11-03T05:59:00.000Z');
    // Outside the overlap the wall times are exact.
    expect(instantAt(d('2024-11-03'), 59, NEW_YORK).toISOString()).toBe('2024-11-03T04:59:00.000Z'); // 00:59 EDT
    expect(instantAt(d('2024-11-03'), 2 * 60, NEW_YORK).toISOString()).toBe('2024-11-03T07:00:00.000Z'); // 02:00 EST
  });

  it('round-trips a year of America/New_York instants, except the repeated hour, which comes back as its first occurrence', () => {
    const secondPassStart = Date.parse('2024-11-03T06:00:00Z'); // 01:00 EST, the second time
    const secondPassEnd = Date.parse('2024-11-03T07:00:00Z');
    const instants = [
      ...randomInstants(1776, '2024-01-01T00:00:00Z', '2025-01-01T00:00:00Z', 1500),
      ...randomInstants(1777, '2024-11-03T04:00:00Z', '2024-11-03T08:00:00Z', 200),
      ...randomInstants(1778, '2024-03-10T05:00:00Z', '2024-03-10T09:00:00Z', 200),
    ];
    for (const instant of instants) {
      const local = toLocalDateTime(instant, NEW_YORK);
      const back = instantAt(local.date, local.minutes, NEW_YORK).getTime();
      const floored = floorToMinute(instant);
      const expected = floored >= secondPassStart && floored < secondPassEnd ? floored - HOUR : floored;
      expect(back, instant.toISOString()).toBe(expected);
    }
  });

  it('shows a wall time in a Europe/Berlin overlap at one of its occurrences (the doc comment promises nothing more)', () => {
    // 2024-10-27 02:30 happens at 00:30Z (CEST) and 01:30Z (CET).
    const instant = instantAt(d('2024-10-27'), 150, 'Europe/Berlin');
    expect(['2024-10-27T00:30:00.000Z', '2024-10-27T01:30:00.000Z']).toContain(instant.toISOString());
    expect(toLocalDateTime(instant, 'Europe/Berlin')).toEqual({ date: '2024-10-27', minutes: 150 });
    // And the spring gap (2024-03-31 02:30) moves forward to 03:30 CEST.
    expect(instantAt(d('2024-03-31'), 150, 'Europe/Berlin').toISOString()).toBe('2024-03-31T01:30:00.000Z');
  });
});

describe('parseClock and formatClock', () => {
  it('accepts 08:00, 7:30 and 17h30', () => {
    expect(parseClock('08:00')).toBe(480);
    expect(parseClock('7:30')).toBe(450);
    expect(parseClock('17h30')).toBe(1050);
    expect(parseClock('00:00')).toBe(0);
    expect(parseClock('23:59')).toBe(1439);
    expect(parseClock(' 08:00 ')).toBe(480);
  });

  it('rejects 24:00, 7:60, abc and other malformed times', () => {
    for (const text of ['24:00', '7:60', 'abc', '', '8', '8:0', '08:00:00', '-1:00', '25h00', '08-00', '123:00']) {
      expect(parseClock(text), JSON.stringify(text)).toBeUndefined();
    }
  });

  it('pads hours and minutes to two digits', () => {
    expect(formatClock(0)).toBe('00:00');
    expect(formatClock(5)).toBe('00:05');
    expect(formatClock(450)).toBe('07:30');
    expect(formatClock(480)).toBe('08:00');
    expect(formatClock(1050)).toBe('17:30');
    expect(formatClock(1439)).toBe('23:59');
  });

  it('round-trips every minute of the day through formatClock and parseClock', () => {
    for (let minutes = 0; minutes < 1440; minutes += 1) expect(parseClock(formatClock(minutes))).toBe(minutes);
  });
});
