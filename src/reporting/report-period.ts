// The period a periodic report covers ("2012-H2", "2012", "2012-Q3", "2012-09", "2012-07-01..2012-12-31"), its days,
// the next period of the same kind, and its name in words as reports write it ("6 tháng cuối năm 2012").
import type { DateRange } from '../ask/types.js';
import {
  addDays,
  dateParts,
  daysBetween,
  daysInMonth,
  type LocalDate,
  MONTHS_EN,
  makeLocalDate,
  parseLocalDate,
  QUARTER_NUMERALS,
} from '../domain/dates.js';
import type { Language } from '../domain/language.js';

export type ReportPeriodKind = 'year' | 'half' | 'quarter' | 'month' | 'range';

export interface PeriodSpan {
  kind: ReportPeriodKind;
  /** The period as it is written on the command line and in file names: "2012-H2", "2012-07-01..2012-12-31". */
  key: string;
  range: DateRange;
}

export interface ReportPeriod extends PeriodSpan {
  /** The next period of the same kind (H2 → the next H1, Q3 → Q4, a range → the same number of days after it). */
  next: PeriodSpan;
}

export type ReportPeriodProblem = 'format' | 'date' | 'order' | 'year';

/** A period that cannot be read; `problem` lets each face say why in its own words. */
export class ReportPeriodError extends Error {
  constructor(
    readonly input: string,
    readonly problem: ReportPeriodProblem,
  ) {
    super(
      problem === 'format'
        ? `"${input}" is not a period: use 2012, 2012-H1, 2012-H2, 2012-Q3, 2012-09 or 2012-07-01..2012-12-31`
        : problem === 'date'
          ? `"${input}" names a day that does not exist`
          : problem === 'order'
            ? `"${input}": the first day is after the last`
            : `"${input}": the year must be between ${MIN_YEAR} and ${MAX_YEAR}`,
    );
    this.name = 'ReportPeriodError';
  }
}

// Plans are administrative documents of living offices; a year outside this is a typing error.
const MIN_YEAR = 1945;
const MAX_YEAR = 2199;

/** Reads a period; throws ReportPeriodError for anything else. */
export function parseReportPeriod(text: string): ReportPeriod {
  const input = text.trim();
  const span = parseSpan(input);
  return { ...span, next: nextSpan(span) };
}

function parseSpan(input: string): PeriodSpan {
  const range = /^(\d{4}-\d{2}-\d{2})\s*\.\.\s*(\d{4}-\d{2}-\d{2})$/.exec(input);
  if (range) {
    const from = parseLocalDate(range[1] ?? '');
    const to = parseLocalDate(range[2] ?? '');
    if (!from || !to) throw new ReportPeriodError(input, 'date');
    checkYear(input, dateParts(from).year);
    checkYear(input, dateParts(to).year);
    if (to < from) throw new ReportPeriodError(input, 'order');
    return rangeSpan({ from, to });
  }
  const match = /^(\d{4})(?:-(?:H([12])|Q([1-4])|(\d{2})))?$/i.exec(input);
  if (!match) throw new ReportPeriodError(input, 'format');
  const year = Number(match[1]);
  checkYear(input, year);
  if (match[2]) return halfSpan(year, Number(match[2]) as 1 | 2);
  if (match[3]) return quarterSpan(year, Number(match[3]));
  if (match[4]) {
    const month = Number(match[4]);
    if (month < 1 || month > 12) throw new ReportPeriodError(input, 'date');
    return monthSpan(year, month);
  }
  return yearSpan(year);
}

function checkYear(input: string, year: number): void {
  if (year < MIN_YEAR || year > MAX_YEAR) throw new ReportPeriodError(input, 'year');
}

/**
 * The period a range of days is, when it is one: a whole year, half, quarter or month; otherwise the range itself.
 * /tinhhinh's periods ("quý III", "tháng 9/2012") become the report's.
 */
export function periodOfRange(range: DateRange): ReportPeriod {
  const from = dateParts(range.from);
  const to = dateParts(range.to);
  const whole = from.day === 1 && to.day === daysInMonth(to.year, to.month) && from.year === to.year;
  let span: PeriodSpan = rangeSpan(range);
  if (whole && from.month === 1 && to.month === 12) span = yearSpan(from.year);
  else if (whole && (from.month === 1 || from.month === 7) && to.month === from.month + 5)
    span = halfSpan(from.year, from.month === 1 ? 1 : 2);
  else if (whole && from.month % 3 === 1 && to.month === from.month + 2)
    span = quarterSpan(from.year, (from.month + 2) / 3);
  else if (whole && from.month === to.month) span = monthSpan(from.year, from.month);
  return { ...span, next: nextSpan(span) };
}

function nextSpan(span: PeriodSpan): PeriodSpan {
  const { year, month } = dateParts(span.range.from);
  switch (span.kind) {
    case 'year':
      return yearSpan(year + 1);
    case 'half':
      return month === 1 ? halfSpan(year, 2) : halfSpan(year + 1, 1);
    case 'quarter': {
      const quarter = (month + 2) / 3;
      return quarter === 4 ? quarterSpan(year + 1, 1) : quarterSpan(year, quarter + 1);
    }
    case 'month':
      return month === 12 ? monthSpan(year + 1, 1) : monthSpan(year, month + 1);
    case 'range': {
      const days = daysBetween(span.range.from, span.range.to);
      const from = addDays(span.range.to, 1);
      return rangeSpan({ from, to: addDays(from, days) });
    }
  }
}

function day(year: number, month: number, dayOfMonth: number): LocalDate {
  // Only called with days that exist (the first, or the month's last).
  return makeLocalDate(year, month, dayOfMonth) as LocalDate;
}

function monthsSpan(kind: ReportPeriodKind, key: string, year: number, first: number, last: number): PeriodSpan {
  return { kind, key, range: { from: day(year, first, 1), to: day(year, last, daysInMonth(year, last)) } };
}

const yearSpan = (year: number) => monthsSpan('year', String(year), year, 1, 12);
const halfSpan = (year: number, half: 1 | 2) =>
  monthsSpan('half', `${year}-H${half}`, year, half === 1 ? 1 : 7, half === 1 ? 6 : 12);
const quarterSpan = (year: number, quarter: number) =>
  monthsSpan('quarter', `${year}-Q${quarter}`, year, quarter * 3 - 2, quarter * 3);
const monthSpan = (year: number, month: number) =>
  monthsSpan('month', `${year}-${String(month).padStart(2, '0')}`, year, month, month);
const rangeSpan = (range: DateRange): PeriodSpan => ({ kind: 'range', key: `${range.from}..${range.to}`, range });

/** dd/mm/yyyy, as Vietnamese documents write a day. */
export function formatDay(date: LocalDate): string {
  const { year, month, day: d } = dateParts(date);
  return `${String(d).padStart(2, '0')}/${String(month).padStart(2, '0')}/${year}`;
}

/** The period in words: "6 tháng cuối năm 2012", "quý III năm 2012"; "the second half of 2012", "Q3 2012". */
export function periodWords(span: PeriodSpan, language: Language): string {
  const { year, month } = dateParts(span.range.from);
  const vi = language === 'vi';
  switch (span.kind) {
    case 'year':
      return vi ? `năm ${year}` : `the year ${year}`;
    case 'half':
      if (month === 1) return vi ? `6 tháng đầu năm ${year}` : `the first half of ${year}`;
      return vi ? `6 tháng cuối năm ${year}` : `the second half of ${year}`;
    case 'quarter': {
      const quarter = (month + 2) / 3;
      return vi
        ? `quý ${QUARTER_NUMERALS[quarter - 1]} năm ${year}`
        : `the ${ORDINALS_EN[quarter - 1]} quarter of ${year}`;
    }
    case 'month':
      return vi ? `tháng ${month} năm ${year}` : `${MONTHS_EN[month - 1]} ${year}`;
    case 'range':
      return vi
        ? `từ ngày ${formatDay(span.range.from)} đến ngày ${formatDay(span.range.to)}`
        : `${formatDay(span.range.from)} to ${formatDay(span.range.to)}`;
  }
}

const ORDINALS_EN = ['first', 'second', 'third', 'fourth'] as const;

/** The period in a file name: "2012-H2", "2012-07-01_2012-12-31". */
export function periodFileKey(span: PeriodSpan): string {
  return span.key.replace('..', '_');
}

/** The period in a button's payload, where only [0-9A-Z-] is read: "2012-H2", "20120701-20121231". */
export function periodPayloadKey(span: PeriodSpan): string {
  return span.kind === 'range' ? `${span.range.from.replace(/-/g, '')}-${span.range.to.replace(/-/g, '')}` : span.key;
}

/** The period a payload key names (periodPayloadKey's inverse), or undefined for anything else. */
export function periodFromPayloadKey(key: string): ReportPeriod | undefined {
  const compact = /^(\d{4})(\d{2})(\d{2})-(\d{4})(\d{2})(\d{2})$/.exec(key);
  const text = compact ? `${compact[1]}-${compact[2]}-${compact[3]}..${compact[4]}-${compact[5]}-${compact[6]}` : key;
  if (!compact && !/^\d{4}(-(H[12]|Q[1-4]|\d{2}))?$/.test(key)) return undefined;
  try {
    return parseReportPeriod(text);
  } catch (error) {
    if (error instanceof ReportPeriodError) return undefined;
    throw error;
  }
}
