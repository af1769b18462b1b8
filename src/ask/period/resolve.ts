// Turning parsed periods into dates: which year a yearless day or month means, bounds, and ranges of two periods.
import { addDays, dateParts, type LocalDate, makeLocalDate, toEpochDay } from '../../domain/dates.js';
import type { DateRange } from '../types.js';
import { monthsSpan, startOfMonth } from './calendar.js';
import type { Atom, Unit, Yearless } from './words.js';

// ---------------------------------------------------------------------------------------------------------------
// Resolving atoms to dates

export function unitOf(atom: Atom): Unit {
  switch (atom.type) {
    case 'date':
      return 'day';
    case 'month':
      return 'month';
    case 'quarter':
      return 'quarter';
    case 'span':
      return atom.unit;
    case 'end':
      return 'other';
  }
}

export function spanIn(atom: Yearless, year: number): DateRange | undefined {
  switch (atom.type) {
    case 'date': {
      const date = makeLocalDate(year, atom.month, atom.day);
      return date && { from: date, to: date };
    }
    case 'month':
      return monthsSpan(year, atom.month, atom.month);
    case 'quarter':
      return monthsSpan(year, atom.quarter * 3 - 2, atom.quarter * 3);
  }
}

/**
 * A day, month or quarter without a year is the one nearest today, among last, this and next year; ties go to the
 * future. Distance is counted in the atom's own unit: in mid-June, December is six months away both ways and
 * means this December, although 31/12 last year is two days nearer than 1/12 this year.
 */
export function nearest(atom: Yearless, today: LocalDate): DateRange | undefined {
  const year = dateParts(today).year;
  const candidates = [year - 1, year, year + 1].map((y) => spanIn(atom, y)).filter((range) => range !== undefined);
  return closest(candidates, today, unitOf(atom));
}

export function closest(candidates: DateRange[], today: LocalDate, unit: Unit): DateRange | undefined {
  const scale = unit === 'month' || unit === 'quarter' ? unit : 'day';
  const now = unitIndex(today, scale);
  let best: DateRange | undefined;
  let bestDistance = Infinity;
  for (const range of candidates) {
    const from = unitIndex(range.from, scale);
    const to = unitIndex(range.to, scale);
    const distance = now < from ? from - now : now > to ? now - to : 0;
    // Candidates come in calendar order, so `<=` lets the later one win a tie.
    if (distance <= bestDistance) {
      best = range;
      bestDistance = distance;
    }
  }
  return best;
}

export function unitIndex(date: LocalDate, scale: 'day' | 'month' | 'quarter'): number {
  if (scale === 'day') return toEpochDay(date);
  const { year, month } = dateParts(date);
  return scale === 'month' ? year * 12 + month - 1 : year * 4 + Math.floor((month - 1) / 3);
}

/**
 * The last day a bound allows. "Trước 30/9" includes 30/9 (that is how plans use it); "before September" ends
 * on 31/8. Without a year, a bound is the next such day on or after today: nobody asks what is due by a day past.
 */
export function boundDate(atom: Atom, before: boolean, today: LocalDate): LocalDate | undefined {
  if (atom.type === 'end') return boundDate(atom.inner, false, today);
  const pick = (range: DateRange, unit: Unit) => (before && isCalendarUnit(unit) ? addDays(range.from, -1) : range.to);
  if (atom.type === 'span') return pick(atom.range, atom.unit);
  const year = dateParts(today).year;
  // Eight years ahead always reaches a leap year, for "trước 29/2".
  for (let y = year - 1; y <= year + 8; y++) {
    const range = spanIn(atom, y);
    const bound = range && pick(range, unitOf(atom));
    if (bound && bound >= today) return bound;
  }
  return undefined;
}

export function isCalendarUnit(unit: Unit): boolean {
  return unit !== 'day' && unit !== 'other';
}

/** Due between today and the bound; a bound already past ("trước 30/9/2011") keeps from <= to via its month. */
export function deadlineRange(bound: LocalDate, today: LocalDate): DateRange {
  return { from: bound >= today ? today : startOfMonth(bound), to: bound };
}

/**
 * A year named on one end only applies to both ("từ 15/8 đến 15/9/2012"), stepping back (or forward) a year when
 * the range would otherwise run backwards ("từ 15/12 đến 15/1/2013"). With no year at all, the whole range follows
 * the nearest-year rule. Ends given the wrong way round are swapped rather than refused.
 */
export function combineRange(firstAtom: Atom, secondAtom: Atom, today: LocalDate): DateRange | undefined {
  const first = firstAtom.type === 'end' ? firstAtom.inner : firstAtom;
  const second = secondAtom.type === 'end' ? secondAtom.inner : secondAtom;
  if (first.type === 'end' || second.type === 'end') return undefined;
  if (first.type === 'span') {
    if (second.type === 'span') return ordered(first.range, second.range);
    const year = dateParts(first.range.from).year;
    let range = spanIn(second, year);
    if (!range || range.to < first.range.from) range = spanIn(second, year + 1);
    return range && ordered(first.range, range);
  }
  if (second.type === 'span') {
    const year = dateParts(second.range.to).year;
    let range = spanIn(first, year);
    if (!range || range.from > second.range.to) range = spanIn(first, year - 1);
    return range && ordered(range, second.range);
  }
  const year = dateParts(today).year;
  const candidates: DateRange[] = [];
  for (const y of [year - 1, year, year + 1]) {
    const end = spanIn(second, y);
    let start = spanIn(first, y);
    if (end && start && start.from > end.to) start = spanIn(first, y - 1);
    if (end && start) candidates.push({ from: start.from, to: end.to });
  }
  const unit = unitOf(first) === unitOf(second) ? unitOf(first) : 'day';
  return closest(candidates, today, unit);
}

export function ordered(first: DateRange, second: DateRange): DateRange {
  return first.from <= second.to ? { from: first.from, to: second.to } : { from: second.from, to: first.to };
}
