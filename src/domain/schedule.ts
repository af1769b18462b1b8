// Time windows and their recurrence: which concrete windows ("occurrences") a duty has in a date range.
import { addMonths, isLastDayOfMonth, type LocalDate, maxDate, monthsBetween } from './dates.js';

export interface Repeat {
  /** Months between the starts of consecutive windows: 1 monthly, 3 quarterly, 6 twice a year, 12 yearly. */
  everyMonths: number;
  /** Last day on which a window may start; open-ended when absent. */
  until?: LocalDate;
  /** Total number of windows, the first included. */
  count?: number;
}

export interface Schedule {
  /** The first (or only) window; for a repeating schedule it is the anchor of the series. */
  start: LocalDate;
  end: LocalDate;
  repeat?: Repeat;
  /** What people call the window ("báo cáo 6 tháng"); shown in answers. */
  label?: string;
}

export interface OccurrenceWindow {
  /** 0 for the anchor window, then 1, 2, ... along the series; stable, so it can key stored rows. */
  seq: number;
  start: LocalDate;
  end: LocalDate;
}

export interface DateRange {
  from: LocalDate;
  to: LocalDate;
}

/** The k-th window of a schedule; month ends stay month ends (30/6 → 31/12). */
export function windowAt(schedule: Schedule, seq: number): OccurrenceWindow {
  if (seq === 0 || !schedule.repeat) return { seq: 0, start: schedule.start, end: schedule.end };
  const months = schedule.repeat.everyMonths * seq;
  return {
    seq,
    start: addMonths(schedule.start, months, isLastDayOfMonth(schedule.start)),
    end: addMonths(schedule.end, months, isLastDayOfMonth(schedule.end)),
  };
}

function isWithinSeries(schedule: Schedule, window: OccurrenceWindow): boolean {
  const repeat = schedule.repeat;
  if (!repeat) return window.seq === 0;
  if (repeat.count !== undefined && window.seq >= repeat.count) return false;
  if (repeat.until !== undefined && window.start > repeat.until) return false;
  return true;
}

/** Every window of the schedule that overlaps the range (both ends inclusive), in order. */
export function expandSchedule(schedule: Schedule, range: DateRange): OccurrenceWindow[] {
  if (range.to < range.from) return [];
  if (!schedule.repeat) {
    return overlaps(schedule.start, schedule.end, range) ? [windowAt(schedule, 0)] : [];
  }
  const step = schedule.repeat.everyMonths;
  // Jump close to the range instead of walking from the anchor: a yearly duty from 2012 asked about 2040.
  const monthsToRange = monthsBetween(schedule.end, maxDate(range.from, schedule.end));
  let seq = Math.max(0, Math.floor(monthsToRange / step) - 1);
  const windows: OccurrenceWindow[] = [];
  for (;;) {
    const window = windowAt(schedule, seq);
    if (!isWithinSeries(schedule, window) || window.start > range.to) break;
    if (overlaps(window.start, window.end, range)) windows.push(window);
    seq += 1;
  }
  return windows;
}

/** Whether a window [start, end] shares at least one day with the range. */
export function overlaps(start: LocalDate, end: LocalDate, range: DateRange): boolean {
  return start <= range.to && end >= range.from;
}

/** The last day any window of the schedule can reach, or undefined when the series is open-ended. */
export function scheduleLastDay(schedule: Schedule): LocalDate | undefined {
  const repeat = schedule.repeat;
  if (!repeat) return schedule.end;
  if (repeat.count !== undefined) return windowAt(schedule, repeat.count - 1).end;
  if (repeat.until !== undefined) {
    const span = monthsBetween(schedule.start, repeat.until);
    const lastSeq = Math.max(0, Math.floor(span / repeat.everyMonths));
    for (let seq = lastSeq + 1; seq >= 0; seq -= 1) {
      const window = windowAt(schedule, seq);
      if (window.start <= repeat.until) return window.end;
    }
  }
  return undefined;
}
