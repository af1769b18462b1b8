// Reads the period a question asks about ("tháng 9/2012", "quý này", "trước 30/9", "next week") from folded text.
import {
  addDays,
  addMonths,
  dateParts,
  daysInMonth,
  type LocalDate,
  makeLocalDate,
  toEpochDay,
} from '../domain/dates.js';
import type { DateRange, PeriodMatch } from './types.js';

type Unit = 'day' | 'week' | 'month' | 'quarter' | 'half' | 'year' | 'other';

/** A day, month or quarter named without its year: which year is meant depends on how it is used. */
type Yearless =
  | { type: 'date'; month: number; day: number }
  | { type: 'month'; month: number }
  | { type: 'quarter'; quarter: number };

type Atom =
  | Yearless
  | { type: 'span'; range: DateRange; unit: Unit }
  /** "cuối tháng 9", "end of the quarter": a deadline on the last day of `inner`. */
  | { type: 'end'; inner: Atom };

interface Parsed {
  atom: Atom;
  end: number;
}

interface Context {
  today: LocalDate;
  year: number;
  /** After "in", "by", "from"...: only then are "may" and "sep" surely months (Vietnamese "mấy", "sếp"). */
  keyword: boolean;
  /** After "trước", "đến", "by": Vietnamese weekdays are read, and "cuối năm nay" is a bound, not a window. */
  bound: boolean;
  /** Inside "cuối ...": no second "cuối", so that parsing stays linear on hostile input. */
  inEnd: boolean;
}

// Lookaheads that end a word, and a number: "15-kh/tu", "03-ct/tw", "09/2012/tt-btc" are document numbers,
// not dates; a dash before a digit stays allowed for ranges ("15/8-15/9").
const W = '(?![a-z0-9])';
const N = '(?![a-z0-9]|[/.][a-z0-9]|-[a-z])';

const sticky = (source: string) => new RegExp(source, 'y');

const MONTH_NUMBERS = new Map<string, number>([
  ['january', 1],
  ['jan', 1],
  ['february', 2],
  ['feb', 2],
  ['march', 3],
  ['mar', 3],
  ['april', 4],
  ['apr', 4],
  ['may', 5],
  ['june', 6],
  ['jun', 6],
  ['july', 7],
  ['jul', 7],
  ['august', 8],
  ['aug', 8],
  ['september', 9],
  ['sept', 9],
  ['sep', 9],
  ['october', 10],
  ['oct', 10],
  ['november', 11],
  ['nov', 11],
  ['december', 12],
  ['dec', 12],
]);
// Alone, these are more likely other words than months ("may", "mấy", "sếp"); the full names are not.
const WEAK_MONTH_NAMES = new Set([
  'may',
  'jan',
  'feb',
  'mar',
  'apr',
  'jun',
  'jul',
  'aug',
  'sep',
  'sept',
  'oct',
  'nov',
  'dec',
]);
// Even with a day after them, "mấy 2", "sếp 30" are too likely to be Vietnamese.
const VIETNAMESE_LOOKING_MONTH_NAMES = new Set(['may', 'sep']);
const MONTH_NAME = `(${[...MONTH_NUMBERS.keys()].sort((a, b) => b.length - a.length).join('|')})${W}(?:\\.(?= \\d))?`;

const WEEKDAYS = new Map<string, number>([
  ['monday', 1],
  ['tuesday', 2],
  ['wednesday', 3],
  ['thursday', 4],
  ['friday', 5],
  ['saturday', 6],
  ['sunday', 7],
  ['hai', 1],
  ['ba', 2],
  ['tu', 3],
  ['nam', 4],
  ['sau', 5],
  ['bay', 6],
  ['2', 1],
  ['3', 2],
  ['4', 3],
  ['5', 4],
  ['6', 5],
  ['7', 6],
]);

const QUARTER_WORDS = new Map<string, number>([
  ['i', 1],
  ['1', 1],
  ['mot', 1],
  ['nhat', 1],
  ['1st', 1],
  ['first', 1],
  ['ii', 2],
  ['2', 2],
  ['hai', 2],
  ['2nd', 2],
  ['second', 2],
  ['iii', 3],
  ['3', 3],
  ['ba', 3],
  ['3rd', 3],
  ['third', 3],
  ['iv', 4],
  ['4', 4],
  ['bon', 4],
  ['tu', 4],
  ['4th', 4],
  ['fourth', 4],
]);

const UNIT_WORDS = new Map<string, Unit>([
  ['tuan', 'week'],
  ['week', 'week'],
  ['thang', 'month'],
  ['month', 'month'],
  ['quy', 'quarter'],
  ['quarter', 'quarter'],
  ['nam', 'year'],
  ['year', 'year'],
]);

const NEXT_WORDS = new Set(['sau', 'toi', 'ke tiep', 'tiep theo', 'sap toi', 'next', 'coming']);
const LAST_WORDS = new Set(['truoc', 'vua qua', 'qua', 'ngoai', 'last', 'previous', 'past', 'gan day', 'gan nhat']);

// Only words that can begin a period are parsed further; everything else is skipped after one Set lookup.
const TRIGGERS = new Set([
  'hom',
  'ngay',
  'mai',
  'today',
  'tomorrow',
  'yesterday',
  'tuan',
  'thang',
  'quy',
  'nam',
  'week',
  'month',
  'quarter',
  'year',
  'this',
  'current',
  'next',
  'coming',
  'last',
  'previous',
  'past',
  'tu',
  'from',
  'between',
  'giua',
  'ke',
  'con',
  'cuoi',
  'het',
  'end',
  'the',
  'nua',
  'first',
  'second',
  'third',
  'fourth',
  'truoc',
  'before',
  'prior',
  'den',
  'cho',
  'han',
  'thoi',
  'cham',
  'muon',
  'deadline',
  'due',
  'no',
  'not',
  'by',
  'until',
  'till',
  'up',
  'in',
  'during',
  'on',
  'for',
  'within',
  'rest',
  'remainder',
  ...MONTH_NUMBERS.keys(),
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
]);
const SHORT_CODE = /^[tqh]\d{1,2}$/;

const WORD = sticky('[a-z0-9]+');
// A word start that is not inside a code such as "15-kh/tu" or "03-ct/tw".
const WORD_START = /(?<![a-z0-9]|[a-z0-9][/.-])[a-z0-9]/g;
const GUARD = sticky(N);

const NGAY = sticky('ngay ');
const ISO = sticky(`(\\d{4})-(\\d{1,2})-(\\d{1,2})${N}`);
const DMY = sticky(`(\\d{1,2})([/.-])(\\d{1,2})\\2(\\d{4}|\\d{2})${N}`);
const MY = sticky(`(\\d{1,2})/(\\d{4})${N}`);
const DM = sticky(`(\\d{1,2})/(\\d{1,2})${N}`);
const D_THANG_M = sticky('(\\d{1,2}) thang (\\d{1,2})');
const D_MONTH = sticky(`(\\d{1,2})(?:st|nd|rd|th)? (?:of )?${MONTH_NAME}`);
const MONTH_D = sticky(`${MONTH_NAME} (?:the )?(\\d{1,2})(?:st|nd|rd|th)?${N}`);
const MONTH = sticky(MONTH_NAME);
const MONTH_KW = sticky('(?:thang |t)(\\d{1,2})');
const QUARTER_KW = sticky(
  '(?:quy (iv|iii|ii|i|[1-4]|mot|nhat|hai|ba|bon|tu)|q([1-4])|quarter ([1-4])' +
    `|(1st|2nd|3rd|4th|first|second|third|fourth) quarter)${W}`,
);
const HALF = sticky(`(?:h([12])|(1st|2nd|first|second) half)${W}`);
const MONTHS_OF_YEAR = sticky(
  `(?:nua (dau|cuoi|sau)|(\\d{1,2}) thang (dau|cuoi)) nam(?: (\\d{4})| (nay|hien tai|sau|toi|truoc|ngoai|qua))?${N}`,
);
const YEAR_KW = sticky(`(?:nam|year) (\\d{4})${N}`);
const LONE_YEAR = sticky(`(\\d{4})${N}`);
const SEP_YEAR = sticky(`(?:/(\\d{4}|\\d{2})|[.-](\\d{4}))${N}`);
const WORD_YEAR = sticky(`(?: nam|,? of|,)? (\\d{4})${N}`);
const REL_YEAR = sticky(`(?: nam (nay|hien tai|sau|toi|truoc|ngoai|qua)| (?:of )?(this|next|last|the) year)${W}`);
const DAY_REL = sticky(
  `(ngay hom nay|hom nay|today|ngay hom qua|hom qua|yesterday|hom kia|ngay mai|ngay kia|tomorrow|mai)${W}`,
);
const UNIT_REL_VI = sticky(`(tuan|thang|quy|nam) (nay|hien tai|sau|toi|ke tiep|tiep theo|truoc|vua qua|qua|ngoai)${W}`);
const UNIT_REL_EN = sticky(`(this|current|next|coming|last|previous|past) (week|month|quarter|year)${W}`);
const N_UNITS_VI = sticky(
  `(\\d{1,3}) (ngay|tuan|thang|nam) (toi|tiep theo|sap toi|ke tiep|sau|qua|vua qua|truoc|gan day|gan nhat)${W}`,
);
const N_UNITS_EN = sticky(`(next|coming|last|past|previous) (\\d{1,3}) (day|week|month|year)s?${W}`);
const REST_OF_YEAR = sticky(
  `(?:con lai (?:cua|trong) nam(?: nay)?|cuoi nam nay|(?:rest|remainder) of (?:the|this) year)${W}`,
);
const END_OF = sticky('(?:cuoi|het|end of(?: the)?) ');
const BARE_UNIT = sticky(`(?:this )?(tuan|thang|quy|nam|week|month|quarter|year)${W}`);
const UNIT_END = sticky(`(week|month|quarter|year)[- ]end${W}`);
const WEEKDAY_EN = sticky(`(monday|tuesday|wednesday|thursday|friday|saturday|sunday)${W}`);
const WEEKDAY_VI = sticky(`(?:thu (hai|ba|tu|nam|sau|bay|[2-7])|(chu nhat|cn))${W}`);
const PREFIX = sticky('(?:(in|during|on|for|within) )?(?:the )?');

const RANGE_OPEN = sticky('(?:tu|from|between|giua|ke tu) ');
const RANGE_SEP = sticky(' ?[-–] ?| (?:den|toi|to|and|until|till|through|thru|va|cho den) ');
const DASH = sticky(' ?[-–] ?');
const NOW = sticky(`(?:nay|bay gio|hien nay|now)${W}`);
const START_OF = sticky(`dau (tuan|thang|quy|nam)${W}`);
const BARE_NUMBER = sticky(`(\\d{1,2})${N}`);
// "đến hạn" is "falls due" ("việc gì đến hạn tháng 9"), not "until".
const BOUND = sticky(
  '(?:(truoc|before|prior to)|(?:cho )?den(?! han)|han chot|thoi han|han cuoi|cham nhat|muon nhat|deadline' +
    '|due by|due before|no later than|not later than|by|until|till|up to)(?: (?:la|vao|is|on))? ',
);

// "mai" is "tomorrow", but also "thương mại", "khuyến mại", "Hoàng Mai", "Nguyễn Thị Mai", "mãi mãi", "mai sau".
const NOT_BEFORE_MAI = new Set([
  'thuong',
  'khuyen',
  'hoang',
  'mai',
  'thi',
  'chi',
  'co',
  'ba',
  'em',
  'anh',
  'ong',
  'hoa',
]);
const NOT_AFTER_MAI = sticky(`mai (?:mai|sau|mot)${W}`);
const PREVIOUS_WORD = /([a-z0-9]+)[^a-z0-9]*$/;
// "Chỉ thị 03-CT/TW ngày 14/5/2011": the date identifies the document, it is not the period asked about.
const DOCUMENT_BEFORE = /(?:^|[\s(])(?=[^\s,]*\d)(?=[^\s,]*[-/][a-z])[^\s,]+,? (?:ngay )?$/;

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

// ---------------------------------------------------------------------------------------------------------------
// Single periods ("atoms")

function parseAtom(text: string, pos: number, context: Context): Parsed | undefined {
  const prefix = exec(PREFIX, text, pos);
  if (prefix && prefix[0].length > 0) {
    const keyword = context.keyword || prefix[1] !== undefined;
    const parsed = parseCore(text, pos + prefix[0].length, { ...context, keyword });
    if (parsed) return parsed;
  }
  return parseCore(text, pos, context);
}

function parseCore(text: string, pos: number, context: Context): Parsed | undefined {
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

function parseDate(text: string, pos: number, context: Context): Parsed | undefined {
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

function englishDate(day: number, name: string, text: string, pos: number, context: Context): Parsed | undefined {
  const parsed = dateAtom(day, MONTH_NUMBERS.get(name) ?? -1, text, pos, context, false);
  if (parsed?.atom.type === 'date' && !context.keyword && VIETNAMESE_LOOKING_MONTH_NAMES.has(name)) return undefined;
  return parsed;
}

/** Forms built on a number: "tháng 9", "t9", "quý III", "q3", "H1", "6 tháng đầu năm", "năm 2012", "7 ngày tới". */
function parseNumbered(text: string, pos: number, context: Context): Parsed | undefined {
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

function parseRelative(text: string, pos: number, context: Context): Parsed | undefined {
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
function endOfCurrent(unitWord: string | undefined, end: number, today: LocalDate): Parsed {
  const unit = UNIT_WORDS.get(unitWord ?? '') ?? 'month';
  return { atom: { type: 'end', inner: { type: 'span', range: unitSpan(unit, 0, today), unit } }, end };
}

function parseEnglishMonth(text: string, pos: number, context: Context): Parsed | undefined {
  const match = exec(MONTH, text, pos);
  if (!match) return undefined;
  const name = match[1] ?? '';
  const parsed = monthAtom(MONTH_NUMBERS.get(name) ?? -1, text, pos + match[0].length, context, false);
  if (parsed?.atom.type === 'month' && !context.keyword && WEAK_MONTH_NAMES.has(name)) return undefined;
  return parsed;
}

/** English weekdays anywhere ("due by friday"); Vietnamese ones ("thứ 6") only after a bound word. */
function parseWeekday(text: string, pos: number, context: Context): Parsed | undefined {
  let match = exec(WEEKDAY_EN, text, pos);
  if (!match && context.bound) match = exec(WEEKDAY_VI, text, pos);
  if (!match) return undefined;
  const weekday = match[2] !== undefined ? 7 : (WEEKDAYS.get(match[1] ?? '') ?? 7);
  const ahead = (weekday - isoWeekday(context.today) + 7) % 7;
  return { atom: daySpan(addDays(context.today, ahead)), end: pos + match[0].length };
}

/** "tuần sau", "this quarter", "năm ngoái". */
function relativeAtom(unitWord: string | undefined, which: string | undefined, end: number, today: LocalDate): Parsed {
  const unit = UNIT_WORDS.get(unitWord ?? '') ?? 'year';
  return { atom: { type: 'span', range: unitSpan(unit, relativeOffset(which), today), unit }, end };
}

/** "7 ngày tới", "3 tháng qua", "next 2 weeks". */
function countedAtom(
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

function isTomorrow(text: string, pos: number): boolean {
  if (exec(NOT_AFTER_MAI, text, pos)) return false;
  const previous = PREVIOUS_WORD.exec(text.slice(Math.max(0, pos - 16), pos))?.[1];
  return previous === undefined || !NOT_BEFORE_MAI.has(previous);
}

function dayOffset(word: string): number {
  if (word.endsWith('mai') || word === 'tomorrow') return 1;
  if (word === 'ngay kia') return 2;
  if (word.endsWith('qua') || word === 'yesterday') return -1;
  if (word === 'hom kia') return -2;
  return 0;
}

// ---------------------------------------------------------------------------------------------------------------
// Atoms with an optional year after them

interface YearSuffix {
  year: number | undefined;
  end: number;
}

/** "/2012", "-2012", " năm 2012", ", 2012", " of 2012", " năm nay", " of next year", or nothing. */
function yearAfter(text: string, pos: number, context: Context, separators: boolean): YearSuffix | undefined {
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

function dateAtom(
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

function monthAtom(
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

function quarterAtom(quarter: number, text: string, pos: number, context: Context): Parsed | undefined {
  if (quarter < 1 || quarter > 4) return undefined;
  const year = yearAfter(text, pos, context, true);
  if (!year) return undefined;
  if (year.year === undefined) return { atom: { type: 'quarter', quarter }, end: year.end };
  const range = spanIn({ type: 'quarter', quarter }, year.year);
  return range && { atom: { type: 'span', range, unit: 'quarter' }, end: year.end };
}

function yearAtom(year: number, end: number): Parsed | undefined {
  const range = monthsSpan(year, 1, 12);
  return range && { atom: { type: 'span', range, unit: 'year' }, end };
}

function explicitDate(year: number, month: number, day: number, end: number): Parsed | undefined {
  const date = makeLocalDate(year, month, day);
  return date && { atom: daySpan(date), end };
}

function explicitMonth(year: number, month: number, end: number): Parsed | undefined {
  const range = monthsSpan(year, month, month);
  return range && { atom: { type: 'span', range, unit: 'month' }, end };
}

/** 31/2 and 31/4 are never dates; 29/2 is kept, and only leap years will offer it. */
function yearlessDate(day: number, month: number): Yearless | undefined {
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(2012, month)) return undefined;
  return { type: 'date', month, day };
}

/** Two-digit years are this century's ("30/9/12"); four-digit ones must be plausible for a plan. */
function fullYear(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (text.length === 2) return 2000 + value;
  return value >= 1900 && value <= 2199 ? value : undefined;
}

/** 0 for "nay", "this"; 1 for "sau", "tới", "next"; -1 for "trước", "ngoái", "last". */
function relativeOffset(word: string | undefined): number {
  if (word === undefined) return 0;
  if (NEXT_WORDS.has(word)) return 1;
  return LAST_WORDS.has(word) ? -1 : 0;
}

// ---------------------------------------------------------------------------------------------------------------
// Resolving atoms to dates

function unitOf(atom: Atom): Unit {
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

function spanIn(atom: Yearless, year: number): DateRange | undefined {
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
function nearest(atom: Yearless, today: LocalDate): DateRange | undefined {
  const year = dateParts(today).year;
  const candidates = [year - 1, year, year + 1].map((y) => spanIn(atom, y)).filter((range) => range !== undefined);
  return closest(candidates, today, unitOf(atom));
}

function closest(candidates: DateRange[], today: LocalDate, unit: Unit): DateRange | undefined {
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

function unitIndex(date: LocalDate, scale: 'day' | 'month' | 'quarter'): number {
  if (scale === 'day') return toEpochDay(date);
  const { year, month } = dateParts(date);
  return scale === 'month' ? year * 12 + month - 1 : year * 4 + Math.floor((month - 1) / 3);
}

/**
 * The last day a bound allows. "Trước 30/9" includes 30/9 (that is how plans use it); "before September" ends
 * on 31/8. Without a year, a bound is the next such day on or after today: nobody asks what is due by a day past.
 */
function boundDate(atom: Atom, before: boolean, today: LocalDate): LocalDate | undefined {
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

function isCalendarUnit(unit: Unit): boolean {
  return unit !== 'day' && unit !== 'other';
}

/** Due between today and the bound; a bound already past ("trước 30/9/2011") keeps from <= to via its month. */
function deadlineRange(bound: LocalDate, today: LocalDate): DateRange {
  return { from: bound >= today ? today : startOfMonth(bound), to: bound };
}

/**
 * A year named on one end only applies to both ("từ 15/8 đến 15/9/2012"), stepping back (or forward) a year when
 * the range would otherwise run backwards ("từ 15/12 đến 15/1/2013"). With no year at all, the whole range follows
 * the nearest-year rule. Ends given the wrong way round are swapped rather than refused.
 */
function combineRange(firstAtom: Atom, secondAtom: Atom, today: LocalDate): DateRange | undefined {
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

function ordered(first: DateRange, second: DateRange): DateRange {
  return first.from <= second.to ? { from: first.from, to: second.to } : { from: second.from, to: first.to };
}

// ---------------------------------------------------------------------------------------------------------------
// Calendar helpers

function daySpan(date: LocalDate): Atom {
  return { type: 'span', range: { from: date, to: date }, unit: 'day' };
}

function monthsSpan(year: number, firstMonth: number, lastMonth: number): DateRange | undefined {
  if (firstMonth < 1 || lastMonth > 12 || firstMonth > lastMonth) return undefined;
  const from = makeLocalDate(year, firstMonth, 1);
  const to = makeLocalDate(year, lastMonth, daysInMonth(year, lastMonth));
  return from && to ? { from, to } : undefined;
}

function startOfMonth(date: LocalDate): LocalDate {
  return addDays(date, 1 - dateParts(date).day);
}

function endOfMonth(date: LocalDate): LocalDate {
  const { year, month, day } = dateParts(date);
  return addDays(date, daysInMonth(year, month) - day);
}

/** Monday 1 ... Sunday 7; epoch day 0 (1970-01-01) was a Thursday. */
function isoWeekday(date: LocalDate): number {
  return ((((toEpochDay(date) + 3) % 7) + 7) % 7) + 1;
}

/** This (0), next (1) or last (-1) week, month, quarter or year; weeks start on Monday. */
function unitSpan(unit: Unit, offset: number, today: LocalDate): DateRange {
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
function countedSpan(count: number, unit: Unit, future: boolean, today: LocalDate): DateRange | undefined {
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

function exec(pattern: RegExp, text: string, pos: number): RegExpExecArray | null {
  pattern.lastIndex = pos;
  return pattern.exec(text);
}

function int(text: string | undefined): number {
  return text === undefined ? -1 : Number(text);
}
