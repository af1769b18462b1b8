// Single periods ("atoms") in a question: a date, a month, a quarter, "tuần này", "next week", with a year after them.
import { addDays, daysInMonth, type LocalDate, makeLocalDate } from '../../domain/dates.js';
import { countedSpan, daySpan, isoWeekday, monthsSpan, unitSpan } from './calendar.js';
import { spanIn } from './resolve.js';
import {
  BARE_UNIT,
  type Context,
  D_MONTH,
  D_THANG_M,
  DAY_REL,
  DM,
  DMY,
  END_OF,
  exec,
  GUARD,
  HALF,
  ISO,
  int,
  LAST_WORDS,
  LONE_YEAR,
  MONTH,
  MONTH_D,
  MONTH_KW,
  MONTH_NUMBERS,
  MONTHS_OF_YEAR,
  MY,
  N_UNITS_EN,
  N_UNITS_VI,
  NEXT_WORDS,
  NGAY,
  NOT_AFTER_MAI,
  NOT_BEFORE_MAI,
  type Parsed,
  PREFIX,
  PREVIOUS_WORD,
  QUARTER_KW,
  QUARTER_WORDS,
  REL_YEAR,
  REST_OF_YEAR,
  SEP_YEAR,
  UNIT_END,
  UNIT_REL_EN,
  UNIT_REL_VI,
  UNIT_WORDS,
  VIETNAMESE_LOOKING_MONTH_NAMES,
  WEAK_MONTH_NAMES,
  WEEKDAY_EN,
  WEEKDAY_VI,
  WEEKDAYS,
  WORD_YEAR,
  YEAR_KW,
  type Yearless,
} from './words.js';

// ---------------------------------------------------------------------------------------------------------------
// Single periods ("atoms")

export function parseAtom(text: string, pos: number, context: Context): Parsed | undefined {
  const prefix = exec(PREFIX, text, pos);
  if (prefix && prefix[0].length > 0) {
    const keyword = context.keyword || prefix[1] !== undefined;
    const parsed = parseCore(text, pos + prefix[0].length, { ...context, keyword });
    if (parsed) return parsed;
  }
  return parseCore(text, pos, context);
}

export function parseCore(text: string, pos: number, context: Context): Parsed | undefined {
  const ngay = exec(NGAY, text, pos);
  return (
    (ngay ? parseDate(text, pos + ngay[0].length, context) : undefined) ??
    parseDate(text, pos, context) ??
    parseNumbered(text, pos, context) ??
    parseRelative(text, pos, context) ??
    parseEnglishMonth(text, pos, context) ??
    parseWeekday(text, pos, context)
  );
}

export function parseDate(text: string, pos: number, context: Context): Parsed | undefined {
  let match = exec(ISO, text, pos);
  if (match) return explicitDate(int(match[1]), int(match[2]), int(match[3]), pos + match[0].length);
  match = exec(DMY, text, pos);
  if (match) return explicitDate(fullYear(match[4]) ?? -1, int(match[3]), int(match[1]), pos + match[0].length);
  match = exec(MY, text, pos);
  if (match) {
    const year = fullYear(match[2]);
    return year === undefined ? undefined : explicitMonth(year, int(match[1]), pos + match[0].length);
  }
  match = exec(DM, text, pos);
  if (match) return dateAtom(int(match[1]), int(match[2]), text, pos + match[0].length, context, false);
  match = exec(D_THANG_M, text, pos);
  if (match) return dateAtom(int(match[1]), int(match[2]), text, pos + match[0].length, context, true);
  match = exec(D_MONTH, text, pos);
  if (match) return englishDate(int(match[1]), match[2] ?? '', text, pos + match[0].length, context);
  match = exec(MONTH_D, text, pos);
  if (match) return englishDate(int(match[2]), match[1] ?? '', text, pos + match[0].length, context);
  return undefined;
}

export function englishDate(
  day: number,
  name: string,
  text: string,
  pos: number,
  context: Context,
): Parsed | undefined {
  const parsed = dateAtom(day, MONTH_NUMBERS.get(name) ?? -1, text, pos, context, false);
  if (parsed?.atom.type === 'date' && !context.keyword && VIETNAMESE_LOOKING_MONTH_NAMES.has(name)) return undefined;
  return parsed;
}

/** Forms built on a number: "tháng 9", "t9", "quý III", "q3", "H1", "6 tháng đầu năm", "năm 2012", "7 ngày tới". */
export function parseNumbered(text: string, pos: number, context: Context): Parsed | undefined {
  let match = exec(MONTH_KW, text, pos);
  if (match) return monthAtom(int(match[1]), text, pos + match[0].length, context, true);
  match = exec(QUARTER_KW, text, pos);
  if (match) {
    const quarter = QUARTER_WORDS.get(match[1] ?? match[2] ?? match[3] ?? match[4] ?? '') ?? -1;
    return quarterAtom(quarter, text, pos + match[0].length, context);
  }
  match = exec(HALF, text, pos);
  if (match) {
    const second = match[1] === '2' || match[2] === '2nd' || match[2] === 'second';
    const year = yearAfter(text, pos + match[0].length, context, true);
    if (!year) return undefined;
    const span = monthsSpan(year.year ?? context.year, second ? 7 : 1, second ? 12 : 6);
    return span && { atom: { type: 'span', range: span, unit: 'half' }, end: year.end };
  }
  match = exec(MONTHS_OF_YEAR, text, pos);
  if (match) {
    const count = match[2] === undefined ? 6 : int(match[2]);
    const last = (match[1] ?? match[3]) !== 'dau';
    if (count < 1 || count > 12) return undefined;
    const year = match[4] !== undefined ? fullYear(match[4]) : context.year + relativeOffset(match[5]);
    const span = year === undefined ? undefined : last ? monthsSpan(year, 13 - count, 12) : monthsSpan(year, 1, count);
    return span && { atom: { type: 'span', range: span, unit: 'half' }, end: pos + match[0].length };
  }
  match = exec(N_UNITS_VI, text, pos);
  if (match) return countedAtom(int(match[1]), match[2], match[3], pos + match[0].length, context);
  match = exec(N_UNITS_EN, text, pos);
  if (match) return countedAtom(int(match[2]), match[3], match[1], pos + match[0].length, context);
  match = exec(YEAR_KW, text, pos);
  if (match) {
    const year = fullYear(match[1]);
    return year === undefined ? undefined : yearAtom(year, pos + match[0].length);
  }
  match = exec(LONE_YEAR, text, pos);
  if (match) {
    // A bare number is a year only in a plausible range: "btg 123", "1500 người" are not years.
    const year = int(match[1]);
    return year >= 1990 && year <= 2100 ? yearAtom(year, pos + match[0].length) : undefined;
  }
  return undefined;
}

export function parseRelative(text: string, pos: number, context: Context): Parsed | undefined {
  const { today } = context;
  let match = exec(DAY_REL, text, pos);
  if (match) {
    const word = match[1] ?? '';
    if (word === 'mai' && !isTomorrow(text, pos)) return undefined;
    const offset = dayOffset(word);
    return { atom: daySpan(addDays(today, offset)), end: pos + match[0].length };
  }
  match = exec(UNIT_REL_VI, text, pos);
  if (match) return relativeAtom(match[1], match[2], pos + match[0].length, today);
  match = exec(UNIT_REL_EN, text, pos);
  if (match) return relativeAtom(match[2], match[1], pos + match[0].length, today);
  if (!context.bound) {
    match = exec(REST_OF_YEAR, text, pos);
    if (match) {
      const range = { from: today, to: unitSpan('year', 0, today).to };
      return { atom: { type: 'span', range, unit: 'other' }, end: pos + match[0].length };
    }
  }
  if (!context.inEnd) {
    match = exec(END_OF, text, pos);
    if (match) {
      const innerPos = pos + match[0].length;
      const inner = parseCore(text, innerPos, { ...context, keyword: true, inEnd: true });
      if (inner) return { atom: { type: 'end', inner: inner.atom }, end: inner.end };
      const bare = exec(BARE_UNIT, text, innerPos);
      if (bare) return endOfCurrent(bare[1], innerPos + bare[0].length, today);
    }
  }
  match = exec(UNIT_END, text, pos);
  if (match) return endOfCurrent(match[1], pos + match[0].length, today);
  return undefined;
}

/** "cuối tháng", "hết năm", "end of the quarter", "month-end": the end of the current one. */
export function endOfCurrent(unitWord: string | undefined, end: number, today: LocalDate): Parsed {
  const unit = UNIT_WORDS.get(unitWord ?? '') ?? 'month';
  return { atom: { type: 'end', inner: { type: 'span', range: unitSpan(unit, 0, today), unit } }, end };
}

export function parseEnglishMonth(text: string, pos: number, context: Context): Parsed | undefined {
  const match = exec(MONTH, text, pos);
  if (!match) return undefined;
  const name = match[1] ?? '';
  const parsed = monthAtom(MONTH_NUMBERS.get(name) ?? -1, text, pos + match[0].length, context, false);
  if (parsed?.atom.type === 'month' && !context.keyword && WEAK_MONTH_NAMES.has(name)) return undefined;
  return parsed;
}

/** English weekdays anywhere ("due by friday"); Vietnamese ones ("thứ 6") only after a bound word. */
export function parseWeekday(text: string, pos: number, context: Context): Parsed | undefined {
  let match = exec(WEEKDAY_EN, text, pos);
  if (!match && context.bound) match = exec(WEEKDAY_VI, text, pos);
  if (!match) return undefined;
  const weekday = match[2] !== undefined ? 7 : (WEEKDAYS.get(match[1] ?? '') ?? 7);
  const ahead = (weekday - isoWeekday(context.today) + 7) % 7;
  return { atom: daySpan(addDays(context.today, ahead)), end: pos + match[0].length };
}

/** "tuần sau", "this quarter", "năm ngoái". */
export function relativeAtom(
  unitWord: string | undefined,
  which: string | undefined,
  end: number,
  today: LocalDate,
): Parsed {
  const unit = UNIT_WORDS.get(unitWord ?? '') ?? 'year';
  return { atom: { type: 'span', range: unitSpan(unit, relativeOffset(which), today), unit }, end };
}

/** "7 ngày tới", "3 tháng qua", "next 2 weeks". */
export function countedAtom(
  count: number,
  unitWord: string | undefined,
  direction: string | undefined,
  end: number,
  context: Context,
): Parsed | undefined {
  const unit = unitWord === 'ngay' || unitWord === 'day' ? 'day' : (UNIT_WORDS.get(unitWord ?? '') ?? 'other');
  const range = countedSpan(count, unit, !LAST_WORDS.has(direction ?? ''), context.today);
  return range && { atom: { type: 'span', range, unit: 'other' }, end };
}

export function isTomorrow(text: string, pos: number): boolean {
  if (exec(NOT_AFTER_MAI, text, pos)) return false;
  const previous = PREVIOUS_WORD.exec(text.slice(Math.max(0, pos - 16), pos))?.[1];
  return previous === undefined || !NOT_BEFORE_MAI.has(previous);
}

export function dayOffset(word: string): number {
  if (word.endsWith('mai') || word === 'tomorrow') return 1;
  if (word === 'ngay kia') return 2;
  if (word.endsWith('qua') || word === 'yesterday') return -1;
  if (word === 'hom kia') return -2;
  return 0;
}

// ---------------------------------------------------------------------------------------------------------------
// Atoms with an optional year after them

export interface YearSuffix {
  year: number | undefined;
  end: number;
}

/** "/2012", "-2012", " năm 2012", ", 2012", " of 2012", " năm nay", " of next year", or nothing. */
export function yearAfter(text: string, pos: number, context: Context, separators: boolean): YearSuffix | undefined {
  let match = separators ? exec(SEP_YEAR, text, pos) : null;
  if (match) {
    const year = fullYear(match[1] ?? match[2]);
    return year === undefined ? undefined : { year, end: pos + match[0].length };
  }
  match = exec(WORD_YEAR, text, pos);
  if (match) {
    const year = fullYear(match[1]);
    if (year !== undefined) return { year, end: pos + match[0].length };
  }
  match = exec(REL_YEAR, text, pos);
  if (match) return { year: context.year + relativeOffset(match[1] ?? match[2]), end: pos + match[0].length };
  return exec(GUARD, text, pos) ? { year: undefined, end: pos } : undefined;
}

export function dateAtom(
  day: number,
  month: number,
  text: string,
  pos: number,
  context: Context,
  separators: boolean,
): Parsed | undefined {
  const year = yearAfter(text, pos, context, separators);
  if (!year) return undefined;
  if (year.year !== undefined) return explicitDate(year.year, month, day, year.end);
  const atom = yearlessDate(day, month);
  return atom && { atom, end: year.end };
}

export function monthAtom(
  month: number,
  text: string,
  pos: number,
  context: Context,
  separators: boolean,
): Parsed | undefined {
  if (month < 1 || month > 12) return undefined;
  const year = yearAfter(text, pos, context, separators);
  if (!year) return undefined;
  if (year.year !== undefined) return explicitMonth(year.year, month, year.end);
  return { atom: { type: 'month', month }, end: year.end };
}

export function quarterAtom(quarter: number, text: string, pos: number, context: Context): Parsed | undefined {
  if (quarter < 1 || quarter > 4) return undefined;
  const year = yearAfter(text, pos, context, true);
  if (!year) return undefined;
  if (year.year === undefined) return { atom: { type: 'quarter', quarter }, end: year.end };
  const range = spanIn({ type: 'quarter', quarter }, year.year);
  return range && { atom: { type: 'span', range, unit: 'quarter' }, end: year.end };
}

export function yearAtom(year: number, end: number): Parsed | undefined {
  const range = monthsSpan(year, 1, 12);
  return range && { atom: { type: 'span', range, unit: 'year' }, end };
}

export function explicitDate(year: number, month: number, day: number, end: number): Parsed | undefined {
  const date = makeLocalDate(year, month, day);
  return date && { atom: daySpan(date), end };
}

export function explicitMonth(year: number, month: number, end: number): Parsed | undefined {
  const range = monthsSpan(year, month, month);
  return range && { atom: { type: 'span', range, unit: 'month' }, end };
}

/** 31/2 and 31/4 are never dates; 29/2 is kept, and only leap years will offer it. */
export function yearlessDate(day: number, month: number): Yearless | undefined {
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(2012, month)) return undefined;
  return { type: 'date', month, day };
}

/** Two-digit years are this century's ("30/9/12"); four-digit ones must be plausible for a plan. */
export function fullYear(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (text.length === 2) return 2000 + value;
  return value >= 1900 && value <= 2199 ? value : undefined;
}

/** 0 for "nay", "this"; 1 for "sau", "tới", "next"; -1 for "trước", "ngoái", "last". */
export function relativeOffset(word: string | undefined): number {
  if (word === undefined) return 0;
  if (NEXT_WORDS.has(word)) return 1;
  return LAST_WORDS.has(word) ? -1 : 0;
}
