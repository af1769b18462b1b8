// Calendar dates without a time of day ("2012-03-27"), the unit in which plans state their windows.
//
// A plan says "trong tháng 8/2012": a calendar fact, independent of any clock or time zone.
// Keeping such dates as ISO strings (which sort correctly as text) avoids the classic bug
// of a JS Date at local midnight shifting to the previous day in UTC.

export type LocalDate = string & { readonly __localDate: unique symbol };

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

/** Parses "YYYY-MM-DD", rejecting impossible dates such as 2012-02-31; returns undefined when invalid. */
export function parseLocalDate(text: string): LocalDate | undefined {
  const match = ISO_DATE.exec(text);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  return text as LocalDate;
}

/** Like parseLocalDate but throws, for values that are known to be well-formed. */
export function localDate(text: string): LocalDate {
  const parsed = parseLocalDate(text);
  if (!parsed) throw new RangeError(`Not a valid calendar date: ${JSON.stringify(text)}`);
  return parsed;
}

export function makeLocalDate(year: number, month: number, day: number): LocalDate | undefined {
  if (!Number.isInteger(year) || year < 1 || year > 9999) return undefined;
  return parseLocalDate(`${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`);
}

export function dateParts(date: LocalDate): { year: number; month: number; day: number } {
  return { year: Number(date.slice(0, 4)), month: Number(date.slice(5, 7)), day: Number(date.slice(8, 10)) };
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function isLastDayOfMonth(date: LocalDate): boolean {
  const { year, month, day } = dateParts(date);
  return day === daysInMonth(year, month);
}

export function addDays(date: LocalDate, days: number): LocalDate {
  return fromEpochDay(toEpochDay(date) + days);
}

/**
 * Adds calendar months, clamping to the month's last day (31 Jan + 1 month = 28/29 Feb).
 * With `keepMonthEnd`, a date on the last day of its month stays on the last day (30 Jun + 6 months = 31 Dec),
 * which is how "cuối tháng" deadlines repeat.
 */
export function addMonths(date: LocalDate, months: number, keepMonthEnd = false): LocalDate {
  const { year, month, day } = dateParts(date);
  const index = year * 12 + (month - 1) + months;
  const newYear = Math.floor(index / 12);
  const newMonth = (index % 12) + 1;
  const lastDay = daysInMonth(newYear, newMonth);
  const newDay = keepMonthEnd && day === daysInMonth(year, month) ? lastDay : Math.min(day, lastDay);
  return makeLocalDate(newYear, newMonth, newDay) ?? raise(`month arithmetic left the calendar: ${date} + ${months}`);
}

/** Whole days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: LocalDate, to: LocalDate): number {
  return toEpochDay(to) - toEpochDay(from);
}

/** Whole months from the month of `from` to the month of `to`. */
export function monthsBetween(from: LocalDate, to: LocalDate): number {
  const a = dateParts(from);
  const b = dateParts(to);
  return (b.year - a.year) * 12 + (b.month - a.month);
}

export function minDate(a: LocalDate, b: LocalDate): LocalDate {
  return a <= b ? a : b;
}

export function maxDate(a: LocalDate, b: LocalDate): LocalDate {
  return a >= b ? a : b;
}

export function toEpochDay(date: LocalDate): number {
  const { year, month, day } = dateParts(date);
  return Math.floor(Date.UTC(year, month - 1, day) / DAY_MS);
}

export function fromEpochDay(epochDay: number): LocalDate {
  return new Date(epochDay * DAY_MS).toISOString().slice(0, 10) as LocalDate;
}

/** The database stores `date` columns; the pg driver hands them over as UTC midnights. */
export function toUtcMidnight(date: LocalDate): Date {
  return new Date(`${date}T00:00:00.000Z`);
}

export function fromUtcMidnight(value: Date): LocalDate {
  return value.toISOString().slice(0, 10) as LocalDate;
}

// One formatter per time zone: building an Intl.DateTimeFormat costs far more than formatting with it, and the
// reporting picture asks for the day of every reported cell (tens of thousands per report draft).
const dayFormatters = new Map<string, Intl.DateTimeFormat>();

/** The calendar date at `instant` in an IANA time zone (what "today" means for a plan). */
export function localDateAt(instant: Date, timeZone: string): LocalDate {
  let formatter = dayFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dayFormatters.set(timeZone, formatter);
  }
  const parts = formatter.formatToParts(instant);
  const get = (type: string) => parts.find((part) => part.type === type)?.value ?? '';
  return localDate(`${get('year')}-${get('month')}-${get('day')}`);
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return true;
  } catch {
    return false;
  }
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

function raise(message: string): never {
  throw new RangeError(message);
}

/** Month names for English replies and documents (Vietnamese says "tháng 9"). */
export const MONTHS_EN = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;

/** Quarters as Vietnamese documents write them: "quý III". */
export const QUARTER_NUMERALS = ['I', 'II', 'III', 'IV'] as const;
