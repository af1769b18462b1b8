// Calendar spans the period reader builds: months, weeks, quarters and counted spans around a day.
import {
  addDays,
  addMonths,
  dateParts,
  daysInMonth,
  type LocalDate,
  makeLocalDate,
  toEpochDay,
} from '../../domain/dates.js';
import type { DateRange } from '../types.js';
import type { Atom, Unit } from './words.js';

// ---------------------------------------------------------------------------------------------------------------
// Calendar helpers

export function daySpan(date: LocalDate): Atom {
  return { type: 'span', range: { from: date, to: date }, unit: 'day' };
}

export function monthsSpan(year: number, firstMonth: number, lastMonth: number): DateRange | undefined {
  if (firstMonth < 1 || lastMonth > 12 || firstMonth > lastMonth) return undefined;
  const from = makeLocalDate(year, firstMonth, 1);
  const to = makeLocalDate(year, lastMonth, daysInMonth(year, lastMonth));
  return from && to ? { from, to } : undefined;
}

export function startOfMonth(date: LocalDate): LocalDate {
  return addDays(date, 1 - dateParts(date).day);
}

export function endOfMonth(date: LocalDate): LocalDate {
  const { year, month, day } = dateParts(date);
  return addDays(date, daysInMonth(year, month) - day);
}

/** Monday 1 ... Sunday 7; epoch day 0 (1970-01-01) was a Thursday. */
export function isoWeekday(date: LocalDate): number {
  return ((((toEpochDay(date) + 3) % 7) + 7) % 7) + 1;
}

/** This (0), next (1) or last (-1) week, month, quarter or year; weeks start on Monday. */
export function unitSpan(unit: Unit, offset: number, today: LocalDate): DateRange {
  switch (unit) {
    case 'week': {
      const from = addDays(today, 1 - isoWeekday(today) + 7 * offset);
      return { from, to: addDays(from, 6) };
    }
    case 'quarter': {
      const { month } = dateParts(today);
      const from = addMonths(addMonths(startOfMonth(today), -((month - 1) % 3)), 3 * offset);
      return { from, to: endOfMonth(addMonths(from, 2)) };
    }
    case 'year': {
      const year = dateParts(today).year + offset;
      // Only a `today` at the very edge of the calendar (year 9999) has no next year.
      return monthsSpan(year, 1, 12) ?? { from: today, to: today };
    }
    default: {
      const from = addMonths(startOfMonth(today), offset);
      return { from, to: endOfMonth(from) };
    }
  }
}

/** "7 ngày tới", "3 tháng qua", "next 2 weeks": from today to as many units ahead (or back). */
export function countedSpan(count: number, unit: Unit, future: boolean, today: LocalDate): DateRange | undefined {
  if (count < 1 || unit === 'other') return undefined;
  const sign = future ? 1 : -1;
  const other =
    unit === 'day'
      ? addDays(today, sign * count)
      : unit === 'week'
        ? addDays(today, sign * 7 * count)
        : addMonths(today, sign * count * (unit === 'year' ? 12 : unit === 'quarter' ? 3 : 1));
  return future ? { from: today, to: other } : { from: other, to: today };
}
