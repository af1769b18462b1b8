// Wall-clock times in a time zone: "08:00 on 2012-08-31 in Asia/Ho_Chi_Minh" ↔ an instant. Pure.
import { type LocalDate, localDate } from './dates.js';

export interface LocalDateTime {
  date: LocalDate;
  /** Minutes after local midnight, 0–1439. */
  minutes: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, format);
  }
  return format;
}

export function toLocalDateTime(instant: Date, timeZone: string): LocalDateTime {
  const parts = formatter(timeZone).formatToParts(instant);
  const get = (type: string) => parts.find((part) => part.type === type)?.value ?? '00';
  return {
    date: localDate(`${get('year')}-${get('month')}-${get('day')}`),
    minutes: Number(get('hour')) * 60 + Number(get('minute')),
  };
}

/** Offset of the zone from UTC at `instant`, in minutes (Asia/Ho_Chi_Minh: +420). */
function offsetMinutes(instant: Date, timeZone: string): number {
  const local = toLocalDateTime(instant, timeZone);
  const asUtc = Date.parse(`${local.date}T00:00:00Z`) + local.minutes * 60_000;
  return Math.round((asUtc - Math.floor(instant.getTime() / 60_000) * 60_000) / 60_000);
}

/**
 * The instant a wall clock in `timeZone` shows `minutes` on `date`. In a DST gap (02:30 that never
 * happens) the clock time is moved forward by the gap, as Temporal's "compatible" disambiguation does.
 */
export function instantAt(date: LocalDate, minutes: number, timeZone: string): Date {
  const wall = Date.parse(`${date}T00:00:00Z`) + minutes * 60_000;
  const first = wall - offsetMinutes(new Date(wall), timeZone) * 60_000;
  const second = wall - offsetMinutes(new Date(first), timeZone) * 60_000;
  const shows = (instant: number) => {
    const local = toLocalDateTime(new Date(instant), timeZone);
    return local.date === date && local.minutes === minutes;
  };
  if (shows(second)) return new Date(second);
  if (shows(first)) return new Date(first);
  return new Date(Math.max(first, second));
}

export function parseClock(text: string): number | undefined {
  const match = text.trim().match(/^([01]?\d|2[0-3])[:h]([0-5]\d)$/);
  return match ? Number(match[1]) * 60 + Number(match[2]) : undefined;
}

export function formatClock(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** ISO 8601 with the zone's offset: "2012-07-25T08:00:00+07:00". */
export function isoWithOffset(instant: Date, timeZone: string): string {
  const local = toLocalDateTime(instant, timeZone);
  const offset = offsetMinutes(instant, timeZone);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  const seconds = String(instant.getUTCSeconds()).padStart(2, '0');
  return `${local.date}T${formatClock(local.minutes)}:${seconds}${sign}${formatClock(abs)}`;
}
