// Reads the period a question asks about ("tháng 9/2012", "quý này", "trước 30/9", "next week") from folded text:
// ranges, bounds and single periods here; their words, atoms, dates and calendar spans in src/ask/period/.
import { addMonths, dateParts, type LocalDate, makeLocalDate } from '../domain/dates.js';
import { monthAtom, parseAtom, yearlessDate } from './period/atoms.js';
import { daySpan, startOfMonth, unitSpan } from './period/calendar.js';
import { boundDate, combineRange, deadlineRange, nearest, unitOf } from './period/resolve.js';
import {
  type Atom,
  BARE_NUMBER,
  BOUND,
  type Context,
  DASH,
  DOCUMENT_BEFORE,
  exec,
  NOW,
  type Parsed,
  RANGE_OPEN,
  RANGE_SEP,
  SHORT_CODE,
  START_OF,
  TRIGGERS,
  UNIT_WORDS,
  WORD,
  WORD_START,
} from './period/words.js';
import type { PeriodMatch } from './types.js';

/**
 * The period that `folded` (a question passed through foldText) asks about, relative to `today`; undefined when
 * it names none. The first period in the text wins, except that a date identifying a document comes last.
 */
export function findPeriod(folded: string, today: LocalDate): PeriodMatch | undefined {
  try {
    return scan(folded, today);
  } catch {
    // A question the parser cannot read must not take the conversation down; it then just has no period.
    return undefined;
  }
}

function scan(text: string, today: LocalDate): PeriodMatch | undefined {
  const context: Context = { today, year: dateParts(today).year, keyword: false, bound: false, inEnd: false };
  let documentDate: PeriodMatch | undefined;
  WORD_START.lastIndex = 0;
  for (let start = WORD_START.exec(text); start; start = WORD_START.exec(text)) {
    const pos = start.index;
    const word = exec(WORD, text, pos)?.[0] ?? '';
    if (!isTrigger(word)) continue;
    const found = parseAt(text, pos, context);
    if (!found) continue;
    if (!DOCUMENT_BEFORE.test(text.slice(Math.max(0, pos - 60), pos))) return found;
    documentDate ??= found;
    WORD_START.lastIndex = pos + found.matched.length;
  }
  return documentDate;
}

function isTrigger(word: string): boolean {
  const first = word.charCodeAt(0);
  return (first >= 48 && first <= 57) || TRIGGERS.has(word) || SHORT_CODE.test(word);
}

function parseAt(text: string, pos: number, context: Context): PeriodMatch | undefined {
  return parseRange(text, pos, context) ?? parseBound(text, pos, context) ?? parseSingle(text, pos, context);
}

// ---------------------------------------------------------------------------------------------------------------
// Ranges, bounds and single periods

function parseRange(text: string, pos: number, context: Context): PeriodMatch | undefined {
  const open = exec(RANGE_OPEN, text, pos);
  if (!open) return undefined;
  const inner: Context = { ...context, keyword: true };
  const aPos = pos + open[0].length;
  const first = parseRangeStart(text, aPos, inner) ?? bareDay(text, aPos);
  if (!first) return undefined;
  const sep = exec(RANGE_SEP, text, first.end);
  if (!sep) return undefined;
  return finishRange(text, pos, first, first.end + sep[0].length, inner, () => true);
}

/** "từ nay", "từ đầu năm": a range may start now or at the start of the current week, month, quarter, year. */
function parseRangeStart(text: string, pos: number, context: Context): Parsed | undefined {
  const now = exec(NOW, text, pos);
  if (now) return { atom: daySpan(context.today), end: pos + now[0].length };
  const startOf = exec(START_OF, text, pos);
  if (startOf) {
    const range = unitSpan(UNIT_WORDS.get(startOf[1] ?? '') ?? 'year', 0, context.today);
    return { atom: daySpan(range.from), end: pos + startOf[0].length };
  }
  return parseAtom(text, pos, context);
}

type RangeStart = Parsed | { bareDay: number; end: number };

/** "15" in "từ 15 đến 20/9" or "15-20/9": a day whose month is named only at the end of the range. */
function bareDay(text: string, pos: number): RangeStart | undefined {
  const match = exec(BARE_NUMBER, text, pos);
  return match ? { bareDay: Number(match[1]), end: pos + match[0].length } : undefined;
}

function finishRange(
  text: string,
  start: number,
  first: RangeStart,
  bPos: number,
  context: Context,
  accept: (second: Atom) => boolean,
): PeriodMatch | undefined {
  const now = exec(NOW, text, bPos);
  let second: Parsed | undefined = now ? { atom: daySpan(context.today), end: bPos + now[0].length } : undefined;
  second ??= parseAtom(text, bPos, context);
  if (!second && 'atom' in first && unitOf(first.atom) === 'month') second = bareMonth(text, bPos, context);
  if (!second || !accept(second.atom)) return undefined;
  const from = 'atom' in first ? first.atom : dayBefore(first.bareDay, second.atom);
  if (!from) return undefined;
  const range = combineRange(from, second.atom, context.today);
  return range && { range, kind: 'window', matched: text.slice(start, second.end) };
}

/** "9" in "tháng 7-9/2012", "từ tháng 7 đến 9". */
function bareMonth(text: string, pos: number, context: Context): Parsed | undefined {
  const match = exec(BARE_NUMBER, text, pos);
  if (!match) return undefined;
  return monthAtom(Number(match[1]), text, pos + match[0].length, context, true);
}

function dayBefore(day: number, second: Atom): Atom | undefined {
  if (second.type === 'date') {
    const month = day > second.day ? ((second.month + 10) % 12) + 1 : second.month;
    return yearlessDate(day, month);
  }
  if (second.type === 'span' && second.unit === 'day') {
    const last = second.range.from;
    const month = dateParts(day > dateParts(last).day ? addMonths(startOfMonth(last), -1) : last);
    const from = makeLocalDate(month.year, month.month, day);
    return from && daySpan(from);
  }
  return undefined;
}

function parseBound(text: string, pos: number, context: Context): PeriodMatch | undefined {
  const keyword = exec(BOUND, text, pos);
  if (!keyword) return undefined;
  const parsed = parseAtom(text, pos + keyword[0].length, { ...context, keyword: true, bound: true });
  if (!parsed) return undefined;
  const bound = boundDate(parsed.atom, keyword[1] !== undefined, context.today);
  const matched = text.slice(pos, parsed.end);
  return bound && { range: deadlineRange(bound, context.today), kind: 'deadline', matched };
}

function parseSingle(text: string, pos: number, context: Context): PeriodMatch | undefined {
  const parsed = parseAtom(text, pos, context);
  if (!parsed) {
    const day = bareDay(text, pos);
    const dash = day && exec(DASH, text, day.end);
    return day && dash ? finishDashRange(text, pos, day, day.end + dash[0].length, context) : undefined;
  }
  const dash = exec(DASH, text, parsed.end);
  if (dash && isDashRangeStart(parsed.atom)) {
    const range = finishDashRange(text, pos, parsed, parsed.end + dash[0].length, context);
    if (range) return range;
  }
  const { atom } = parsed;
  const matched = text.slice(pos, parsed.end);
  if (atom.type === 'end') {
    const bound = boundDate(atom, false, context.today);
    return bound && { range: deadlineRange(bound, context.today), kind: 'deadline', matched };
  }
  const range = atom.type === 'span' ? atom.range : nearest(atom, context.today);
  return range && { range, kind: 'window', matched };
}

/** Without "từ", only a dash joins two periods, and only days, months and years ("2011-2015"). */
function isDashRangeStart(atom: Atom): boolean {
  const unit = unitOf(atom);
  return unit === 'day' || unit === 'month' || unit === 'year';
}

function finishDashRange(
  text: string,
  start: number,
  first: RangeStart,
  bPos: number,
  context: Context,
): PeriodMatch | undefined {
  // "15-20/9" is a range of days; "2-3 ngày tới" or "15/8 - quý 3" are not ranges this parser should guess at.
  const accept = (second: Atom) => ('atom' in first ? isDashRangeStart(second) : unitOf(second) === 'day');
  return finishRange(text, start, first, bPos, { ...context, keyword: true }, accept);
}
