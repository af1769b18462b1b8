// Vietnamese time expressions in plan texts → dated windows, deadlines and recurrence.
//
// Forms read (folded, i.e. without diacritics, as matched):
//   "Thời gian hai ngày (27, 28/3/2012)", "27-28/3/2012", "từ 15/11 đến 15/12/2012", "(30/3/2012)",
//   "ngày 30 tháng 6 năm 2013", "trong tháng 4/2012", "tháng 5 năm 2012", "tháng 7 và tháng 8/2012",
//   "tháng 9, 10, 11/2012", "từ tháng 11/2012 đến tháng 02/2013", "quý III/2012", "quý I, II năm 2013",
//   "6 tháng đầu năm 2012", "trong năm 2012", "cuối năm 2012", "trước ngày 30/6/2013",
//   "chậm nhất trong tháng 6/2013", "trước tháng 6/2013";
//   recurrence: "hàng năm", "6 tháng và hàng năm", "01 năm 02 lần", "hàng quý", "hàng tháng",
//   "6 tháng một lần", "định kỳ" (no interval: flagged).
// A day or month without a year takes the year of the list it is in ("15/11 đến 15/01/2013" → 2012 for the
// first when it is later in the year than the second), else the plan's year; a window that would then
// end more than two months before the plan was signed is taken to be in the following year.
import { addDays, daysInMonth, type LocalDate, makeLocalDate, toEpochDay } from '../domain/dates.js';
import { foldKeepLength } from './normalize.js';
import { findForms } from './time-forms.js';

/** `ongoing`: "thường xuyên" or an open start; `condition`: "sau khi … được ban hành" (no date to set). */
export type TimeKind = 'window' | 'deadline' | 'recurring' | 'ongoing' | 'condition';

export interface TimeFinding {
  kind: TimeKind;
  /** Windows and deadlines: the dates. Deadlines run from the plan date (or the deadline's month) to the deadline. */
  start?: LocalDate;
  end?: LocalDate;
  /** Recurring: months between windows; undefined when the text says "định kỳ" without an interval. */
  everyMonths?: number;
  /** The words as written (NFC). */
  phrase: string;
  index: number;
  length: number;
  /** True when a year was not written and was taken from the plan's date or the list. */
  yearInferred?: boolean;
  /** Why a reader should check this finding. */
  note?: string;
  /** Name for a recurring window ("6 tháng và năm"). */
  label?: string;
}

export interface DateContext {
  /** The plan's date: the default year and the start of deadlines. */
  planDate: LocalDate;
}

const NUMBER_WORDS: Record<string, number> = {
  mot: 1,
  hai: 2,
  ba: 3,
  bon: 4,
  tu: 4,
  nam: 5,
  sau: 6,
  bay: 7,
  tam: 8,
  chin: 9,
  muoi: 10,
};
const QUARTERS: Record<string, number> = { i: 1, ii: 2, iii: 3, iv: 4, '1': 1, '2': 2, '3': 3, '4': 4 };

function numberOf(word: string | undefined): number | undefined {
  if (word === undefined) return undefined;
  if (/^\d+$/.test(word)) return Number(word);
  return NUMBER_WORDS[word];
}

function fullYear(text: string | undefined): number | undefined {
  if (!text) return undefined;
  const value = Number(text);
  return text.length === 2 ? 2000 + value : value;
}

/**
 * Rewrites written-out dates to the numeric form in place, keeping every position: "ngay 30 thang 6 nam
 * 2013" → "ngay 30/6/2013" padded with spaces, "thang 4 nam 2012" → "thang 4/2012", "quy iii nam 2012" →
 * "quy iii/2012".
 */
function canonicalise(folded: string, spans: [number, number][] = []): string {
  const pad = (replacement: string, original: string) =>
    replacement + ' '.repeat(Math.max(0, original.length - replacement.length));
  const record = (all: string, offset: number) => spans.push([offset, offset + all.length]);
  return folded
    .replace(
      /\b(\d{1,2}) thang (\d{1,2})(?: nam (\d{4}))?(?!\d)/g,
      (all: string, d: string, m: string, y: string | undefined, offset: number) => {
        record(all, offset);
        return pad(`${d}/${m}${y ? `/${y}` : ''}`, all);
      },
    )
    .replace(/\bthang (\d{1,2}) nam (\d{4})\b/g, (all: string, m: string, y: string, offset: number) => {
      record(all, offset);
      return pad(`thang ${m}/${y}`, all);
    })
    .replace(/\b(qu[yi] (?:iv|iii|ii|i|[1-4])) nam (\d{4})\b/g, (all: string, q: string, y: string, offset: number) => {
      record(all, offset);
      return pad(`${q}/${y}`, all);
    })
    .replace(
      /\b(thang (?:\d{1,2}(?:(?:, | va | - |-)(?:thang )?\d{1,2})*)) nam (\d{4})\b/g,
      (all: string, list: string, y: string, offset: number) => {
        record(all, offset);
        return pad(`${list}/${y}`, all);
      },
    );
}

interface Raw {
  index: number;
  length: number;
  findings: Omit<TimeFinding, 'phrase' | 'index' | 'length'>[];
  /** Higher wins when two matches overlap. */
  priority: number;
}

const SEP = String.raw`\s*(?:,|-|–|\s(?:va|den|toi|den het)\s)\s*`;
const DAY_LIST = new RegExp(
  String.raw`(?<![\w/.])(\d{1,2})((?:${SEP}\d{1,2})+)\s*/\s*(\d{1,2})(?:\s*/\s*(\d{4}|\d{2}))?(?![\w/])`,
  'g',
);
const DATE = String.raw`(\d{1,2})\s*/\s*(\d{1,2})(?:\s*/\s*(\d{4}))?`;
const DATE_RANGE = new RegExp(
  String.raw`(?<![\w/.])(?:(?:tu|ke tu) (?:ngay )?)?${DATE}\s*(?:-|–|\sden(?: het)?(?: ngay)?\s|\stoi(?: ngay)?\s)\s*${DATE}(?![\w/])`,
  'g',
);
const ONE_DATE = new RegExp(String.raw`(?<![\w/.-])${DATE}(?![\w/]|-[a-z])`, 'g');
const MONTH_ITEM = String.raw`\d{1,2}(?:\s*/\s*\d{4})?`;
const MONTH_LIST = new RegExp(
  String.raw`(?<!\d )(?<![\w])(?:(tu|ke tu) )?thang (${MONTH_ITEM}(?:${SEP}(?:thang )?${MONTH_ITEM})*)(?![\w/])`,
  'g',
);
const QUARTER_LIST = new RegExp(
  String.raw`(?<![\w])qu[yi] ((?:iv|iii|ii|i|[1-4])(?:${SEP}(?:qu[yi] )?(?:iv|iii|ii|i|[1-4]))*)(?:(?:\s*/\s*|\snam\s|\s*[-–]\s*(?=\d{4}))(\d{4}))?(?![\w/])`,
  'g',
);
const HALF = /(?<![\w])(?:(6|sau) thang (dau|cuoi)|nua (dau|cuoi|sau)) nam(?:\s*\/?\s*(\d{4}))?(?![\w/])/g;
const YEAR = /(?<![\w])(trong|ca|suot|cuoi|dau) nam (\d{4})(?![\w/])/g;

const RECURRENCES: {
  pattern: RegExp;
  months: (match: RegExpExecArray) => number | undefined;
  label?: string;
  note?: string;
  priority?: number;
}[] = [
  {
    pattern: /(?<![\w])(\d{1,2}|sau) thang(?: va|,| va| hoac) (?:hang |moi |ca |01 |mot )?nam(?![\w])(?! ?\d)/g,
    months: (m) => numberOf(m[1]),
    label: '6 tháng và năm',
    priority: 6,
  },
  {
    pattern: /(?<![\w])(\d{1,2}|mot|hai|ba) nam (\d{1,2}|mot|hai|ba|bon) lan(?![\w])/g,
    months: (m) => ratio(12 * (numberOf(m[1]) ?? 1), numberOf(m[2])),
  },
  {
    pattern: /(?<![\w])(?:moi|hang) nam (\d{1,2}|mot|hai|ba|bon) lan(?![\w])/g,
    months: (m) => ratio(12, numberOf(m[1])),
  },
  {
    pattern: /(?<![\w])(\d{1,2}|mot|hai|ba|bon) lan (?:\/ ?|trong |moi |mot )nam(?![\w])/g,
    months: (m) => ratio(12, numberOf(m[1])),
  },
  {
    pattern:
      /(?<![\w])(?:(\d{1,2}|sau|ba|hai) thang (?:mot|1|01) lan|(?:dinh ky|moi) (\d{1,2}|sau|ba|hai) thang(?: mot lan)?)(?![\w])/g,
    months: (m) => numberOf(m[1] ?? m[2]),
  },
  { pattern: /(?<![\w])(\d{1,2}|hai|ba|nam) nam (?:mot|1|01) lan(?![\w])/g, months: (m) => 12 * (numberOf(m[1]) ?? 1) },
  {
    pattern: /(?<![\w])(?:dinh ky )?(?:hang|moi) quy(?![\w])(?! (?:dinh|che|trinh|hoach|mo|tac|chuan|luat))/g,
    months: () => 3,
    label: 'hàng quý',
  },
  { pattern: /(?<![\w])(?:dinh ky )?(?:hang|moi) thang(?![\w])/g, months: () => 1, label: 'hàng tháng' },
  { pattern: /(?<![\w])(?:dinh ky )?(?:hang|moi) nam|thuong nien(?![\w])/g, months: () => 12, label: 'hàng năm' },
  {
    pattern: /(?<![\w])(?:dinh ky )?(?:hang|moi) tuan(?![\w])/g,
    months: () => undefined,
    note: 'weekly: the plan format repeats at most monthly; no schedule set',
    priority: 2,
  },
  {
    pattern: /(?<![\w])dinh ky(?![\w])/g,
    months: () => undefined,
    note: '"định kỳ" without an interval: no schedule set',
    priority: 1,
  },
];

function ratio(months: number, times: number | undefined): number | undefined {
  if (!times) return undefined;
  const value = months / times;
  return Number.isInteger(value) && value >= 1 ? value : undefined;
}

/** Words before a date or month that make it a deadline, and how the deadline ends. */
const DEADLINE_BEFORE =
  /(?:^|[\s(,;])(truoc|cham nhat(?: la)?(?: trong| vao)?|han chot(?: la)?|den het|den cuoi|den|hoan thanh truoc|hoan thanh trong|hoan thanh vao|xong truoc|trong thoi han truoc)(?: ngay)?\s*$/;
/** "tính từ ngày … đến ngày …", "(số liệu) tính đến ngày …": the span a report or a figure covers. */
const DEFINED_PERIOD = /(?<![\w])tinh (?:tu|den)(?: ngay)? [^.;]{0,80}/g;
/** Words before a date that make it the date of a cited document, not a window. */
const DOCUMENT_DATE =
  /(?:\b(?:so|nghi quyet|chi thi|ke hoach|quyet dinh|ket luan|thong tri|quy dinh|cong van|thong bao|de an|cong dien|to trinh)\b[^.;:()]{0,30}|\d{1,4}-[a-z]{1,6}\/[a-z]{1,6}\s?),?\s*(?:ban hanh\s)?(?:ngay\s?)$/;

/** The matches of each date form, collected before overlaps are settled. */
interface Collector {
  folded: string;
  nfc: string;
  planYear: number;
  planDate: LocalDate;
  raws: Raw[];
  push(match: RegExpExecArray, findings: Raw['findings'], priority: number): void;
  windowFinding(start: LocalDate | undefined, end: LocalDate | undefined, inferred: boolean): Raw['findings'];
}

/** One function per date form; each adds its matches to the collector. */
const DATE_FORMS: ((collector: Collector) => void)[] = [
  dayLists,
  dateRanges,
  singleDates,
  monthLists,
  quarterLists,
  halves,
  wholeYears,
  otherForms,
  recurrences,
];

export function findTimes(text: string, context: DateContext): TimeFinding[] {
  const nfc = text.normalize('NFC');
  const spans: [number, number][] = [];
  const folded = canonicalise(foldKeepLength(nfc), spans);
  const planYear = Number(context.planDate.slice(0, 4));
  const raws: Raw[] = [];
  const settle = (start: LocalDate | undefined, end: LocalDate | undefined, inferred: boolean) => {
    if (!start || !end || end < start) return undefined;
    if (inferred && toEpochDay(end) < toEpochDay(context.planDate) - 62) {
      const shift = (date: LocalDate) =>
        makeLocalDate(Number(date.slice(0, 4)) + 1, Number(date.slice(5, 7)), Number(date.slice(8, 10))) ?? date;
      return { start: shift(start), end: shift(end) };
    }
    return { start, end };
  };
  const collector: Collector = {
    folded,
    nfc,
    planYear,
    planDate: context.planDate,
    raws,
    push(match, findings, priority) {
      if (findings.length === 0) return;
      let end = match.index + match[0].length;
      // A match ending inside a rewritten date ("30 thang 6 nam 2013" → "30/6/2013   ") covers all of it.
      for (const [from, to] of spans) if (end > from && end < to) end = to;
      raws.push({ index: match.index, length: end - match.index, findings, priority });
    },
    windowFinding(start, end, inferred) {
      const settled = settle(start, end, inferred);
      return settled ? [{ kind: 'window' as const, ...settled, ...(inferred ? { yearInferred: true } : {}) }] : [];
    },
  };
  for (const form of DATE_FORMS) form(collector);
  dropDefinedPeriods(folded, raws);
  return withDeadlines(settleOverlaps(raws), folded, nfc, context);
}

/** Periods of years, quarter ranges, open starts, ongoing work and conditions (time-forms.ts). */
function otherForms({ folded, nfc, planDate, raws }: Collector): void {
  findForms(
    folded,
    nfc,
    (index, length, findings, priority) => {
      if (findings.length === 0) return;
      raws.push({ index, length, findings: findings.map((finding) => ({ ...finding })), priority });
    },
    planDate,
  );
}

/** A period that defines something ("tính từ ngày 15/12 năm trước đến ngày 14/12": what a report covers) is no window. */
function dropDefinedPeriods(folded: string, raws: Raw[]): void {
  for (const match of folded.matchAll(DEFINED_PERIOD)) {
    const from = match.index;
    const to = match.index + match[0].length;
    for (let index = raws.length - 1; index >= 0; index -= 1) {
      const raw = raws[index] as Raw;
      if (raw.index >= from && raw.index < to && raw.findings.every((finding) => finding.kind !== 'recurring'))
        raws.splice(index, 1);
    }
  }
}

/** Overlaps: the longer match wins, then the higher priority; the rest in text order. */
function settleOverlaps(raws: Raw[]): Raw[] {
  raws.sort((a, b) => b.length - a.length || b.priority - a.priority || a.index - b.index);
  const kept: Raw[] = [];
  for (const raw of raws) {
    if (kept.some((other) => raw.index < other.index + other.length && other.index < raw.index + raw.length)) continue;
    kept.push(raw);
  }
  kept.sort((a, b) => a.index - b.index);
  return kept;
}

/** Each match as a finding; a window after "trước", "chậm nhất", "hoàn thành trong" … becomes a deadline. */
function withDeadlines(kept: Raw[], folded: string, nfc: string, context: DateContext): TimeFinding[] {
  const results: TimeFinding[] = [];
  for (const raw of kept) {
    const before = folded.slice(Math.max(0, raw.index - 40), raw.index);
    const deadline = DEADLINE_BEFORE.exec(before);
    for (const finding of raw.findings) {
      let result: TimeFinding = {
        ...finding,
        phrase: nfc.slice(raw.index, raw.index + raw.length),
        index: raw.index,
        length: raw.length,
      };
      // "Hoàn thành, báo cáo … trong tháng 11/2025": what is completed in a month is due by its end.
      const completion =
        !deadline &&
        finding.kind === 'window' &&
        /(?:^|\s)trong\s*$/.test(before) &&
        /\bhoan thanh\b[^.;]*$/.test(folded.slice(0, raw.index))
          ? (/(trong)\s*$/.exec(before) as RegExpExecArray)
          : null;
      const cue = deadline ?? completion;
      if (cue && finding.kind === 'window' && finding.start && finding.end) {
        const word = cue[1] ?? '';
        // "trước tháng 6" ends with May; "trước ngày 30/6", "chậm nhất trong tháng 6", "đến hết tháng 6" end with the date/month.
        const exclusiveMonth =
          word === 'truoc' &&
          finding.start !== finding.end &&
          finding.start.endsWith('-01') &&
          !/\bngay\s*$/.test(before);
        const end = exclusiveMonth ? addDays(finding.start, -1) : finding.end;
        const start = context.planDate <= end ? context.planDate : exclusiveMonth ? end : finding.start;
        result = {
          ...result,
          kind: 'deadline',
          start,
          end,
          phrase: `${nfc.slice(raw.index - cue[0].trimStart().length, raw.index)}${result.phrase}`.trim(),
        };
      }
      results.push(result);
    }
  }
  return results;
}

/** Day lists: "27, 28/3/2012", "27-28/3/2012". */
function dayLists({ folded, planYear, push, windowFinding }: Collector): void {
  for (const match of folded.matchAll(DAY_LIST)) {
    const days = [match[1], ...(match[2] ?? '').split(/,|-|–|\bva\b|\bden het\b|\bden\b|\btoi\b/)]
      .map((d) => Number(d?.trim()))
      .filter((d) => d > 0);
    const month = Number(match[3]);
    const year = fullYear(match[4]) ?? planYear;
    const first = makeLocalDate(year, month, Math.min(...days));
    const last = makeLocalDate(year, month, Math.max(...days));
    push(match as RegExpExecArray, windowFinding(first, last, !match[4]), 5);
  }
}

/** Date ranges: "15/11 - 15/12/2012", "từ 15/11/2012 đến 15/01/2013". */
function dateRanges({ folded, planYear, push, windowFinding }: Collector): void {
  for (const match of folded.matchAll(DATE_RANGE)) {
    const endYear = fullYear(match[6]) ?? fullYear(match[3]) ?? planYear;
    const endMonth = Number(match[5]);
    const startMonth = Number(match[2]);
    const startYear = fullYear(match[3]) ?? (startMonth > endMonth ? endYear - 1 : endYear);
    push(
      match as RegExpExecArray,
      windowFinding(
        makeLocalDate(startYear, startMonth, Number(match[1])),
        makeLocalDate(endYear, endMonth, Number(match[4])),
        !match[6] && !match[3],
      ),
      6,
    );
  }
}

/** Single dates: "(30/3/2012)", "ngày 30/6/2013"; dates of cited documents are skipped. */
function singleDates({ folded, planYear, push, windowFinding }: Collector): void {
  for (const match of folded.matchAll(ONE_DATE)) {
    const before = folded.slice(Math.max(0, match.index - 60), match.index);
    if (DOCUMENT_DATE.test(before) && !DEADLINE_BEFORE.test(before)) continue;
    const year = fullYear(match[3]);
    const day = makeLocalDate(year ?? planYear, Number(match[2]), Number(match[1]));
    push(match as RegExpExecArray, windowFinding(day, day, year === undefined), 4);
  }
}

/** Months: "tháng 4/2012", "tháng 7 và tháng 8/2012", "tháng 9, 10, 11/2012", "từ tháng 11/2012 đến tháng 02/2013". */
function monthLists({ folded, planYear, push, windowFinding }: Collector): void {
  for (const match of folded.matchAll(MONTH_LIST)) {
    const body = match[2] ?? '';
    const items = [...body.matchAll(/(\d{1,2})(?:\s*\/\s*(\d{4}))?/g)].map((item) => ({
      month: Number(item[1]),
      year: fullYear(item[2]),
    }));
    if (items.some((item) => item.month < 1 || item.month > 12)) continue;
    const isRange = Boolean(match[1]) || /\s(?:den|toi)\s|-|–/.test(body);
    // Years right to left: an item without a year takes the next item's, one less when its month is later.
    let nextYear: number | undefined;
    let nextMonth = 13;
    let inferred = false;
    for (let index = items.length - 1; index >= 0; index -= 1) {
      const item = items[index];
      if (!item) continue;
      if (item.year === undefined) {
        if (nextYear === undefined) {
          item.year = planYear;
          inferred = true;
        } else item.year = item.month > nextMonth ? nextYear - 1 : nextYear;
      }
      nextYear = item.year;
      nextMonth = item.month;
    }
    const monthStart = (item: { month: number; year?: number }) => makeLocalDate(item.year ?? planYear, item.month, 1);
    const monthEnd = (item: { month: number; year?: number }) =>
      makeLocalDate(item.year ?? planYear, item.month, daysInMonth(item.year ?? planYear, item.month));
    const first = items[0];
    const last = items[items.length - 1];
    if (!first || !last) continue;
    const contiguous = items.every((item, index) => {
      const previous = items[index - 1];
      return !previous || (item.year ?? 0) * 12 + item.month === (previous.year ?? 0) * 12 + previous.month + 1;
    });
    const findings =
      isRange || contiguous
        ? windowFinding(monthStart(first), monthEnd(last), inferred)
        : items.flatMap((item) => windowFinding(monthStart(item), monthEnd(item), inferred));
    push(match as RegExpExecArray, findings, 5);
  }
}

/** Quarters: "quý III/2012", "quý I, II năm 2013". */
function quarterLists({ folded, planYear, push, windowFinding }: Collector): void {
  for (const match of folded.matchAll(QUARTER_LIST)) {
    const quarters = (match[1] ?? '')
      .split(/,|-|–|\bva\b|\bden\b|\bqu[yi]\b/)
      .map((q) => QUARTERS[q.trim()])
      .filter((q): q is number => q !== undefined);
    if (quarters.length === 0) continue;
    const year = fullYear(match[2]) ?? planYear;
    const first = Math.min(...quarters);
    const last = Math.max(...quarters);
    push(
      match as RegExpExecArray,
      windowFinding(
        makeLocalDate(year, first * 3 - 2, 1),
        makeLocalDate(year, last * 3, daysInMonth(year, last * 3)),
        !match[2],
      ),
      5,
    );
  }
}

/** Halves: "6 tháng đầu năm 2012", "nửa cuối năm". */
function halves({ folded, planYear, push, windowFinding }: Collector): void {
  for (const match of folded.matchAll(HALF)) {
    const year = fullYear(match[4]) ?? planYear;
    const firstHalf = (match[2] ?? match[3]) === 'dau';
    push(
      match as RegExpExecArray,
      windowFinding(
        makeLocalDate(year, firstHalf ? 1 : 7, 1),
        makeLocalDate(year, firstHalf ? 6 : 12, firstHalf ? 30 : 31),
        !match[4],
      ),
      7,
    );
  }
}

/** Whole years: "trong năm 2012"; "cuối năm 2012" = December; "đầu năm 2013" = January. */
function wholeYears({ folded, push, windowFinding }: Collector): void {
  for (const match of folded.matchAll(YEAR)) {
    const year = Number(match[2]);
    const word = match[1];
    const [from, to] = word === 'cuoi' ? [12, 12] : word === 'dau' ? [1, 1] : [1, 12];
    const findings = windowFinding(
      makeLocalDate(year, from, 1),
      makeLocalDate(year, to, daysInMonth(year, to)),
      false,
    ).map((finding) =>
      word === 'cuoi' || word === 'dau'
        ? {
            ...finding,
            note: `"${word === 'cuoi' ? 'cuối' : 'đầu'} năm" read as the whole month of ${word === 'cuoi' ? 'December' : 'January'}`,
          }
        : finding,
    );
    push(match as RegExpExecArray, findings, 3);
  }
}

/** Recurrence: "hàng năm", "6 tháng và hàng năm", "01 năm 02 lần", … */
function recurrences({ folded, push }: Collector): void {
  for (const rule of RECURRENCES) {
    for (const match of folded.matchAll(rule.pattern)) {
      const months = rule.months(match as RegExpExecArray);
      if (months === undefined && !rule.note) continue;
      push(
        match as RegExpExecArray,
        [
          {
            kind: 'recurring',
            ...(months !== undefined ? { everyMonths: months } : {}),
            label: rule.label ?? labelForMonths(months),
            ...(rule.note ? { note: rule.note } : {}),
          },
        ],
        rule.priority ?? 5,
      );
    }
  }
}

function labelForMonths(months: number | undefined): string {
  if (months === undefined) return 'định kỳ';
  if (months === 12) return 'hàng năm';
  if (months === 6) return '6 tháng một lần';
  if (months === 3) return 'hàng quý';
  if (months === 1) return 'hàng tháng';
  return months % 12 === 0 ? `${months / 12} năm một lần` : `${months} tháng một lần`;
}

/**
 * The first window of a recurring duty whose text gives no day: our choice, to be checked. Yearly: December
 * of the plan's year (the second half for reports); twice a year: June or December, whichever comes first
 * after the plan date; quarterly: the last month of the quarter; monthly: the month after the plan date.
 */
export function defaultRecurringWindow(
  everyMonths: number,
  planDate: LocalDate,
  report: boolean,
): { start: LocalDate; end: LocalDate; why: string } {
  const year = Number(planDate.slice(0, 4));
  const month = Number(planDate.slice(5, 7));
  let targetYear = year;
  let targetMonth: number;
  let why: string;
  if (everyMonths === 1) {
    targetMonth = month + 1;
    why = 'the month after the plan date';
  } else if (everyMonths === 3) {
    targetMonth = Math.ceil(month / 3) * 3;
    why = 'the last month of the quarter of the plan date';
  } else if (everyMonths === 6) {
    targetMonth = month <= 6 ? 6 : 12;
    why = 'June or December, whichever comes first after the plan date';
  } else {
    targetMonth = 12;
    why = "December of the plan's year";
  }
  if (targetMonth > 12) {
    targetMonth -= 12;
    targetYear += 1;
  }
  const last = daysInMonth(targetYear, targetMonth);
  const start = makeLocalDate(targetYear, targetMonth, report && everyMonths >= 6 ? 15 : 1) as LocalDate;
  const end = makeLocalDate(targetYear, targetMonth, last) as LocalDate;
  return { start, end, why: report && everyMonths >= 6 ? `the second half of ${why} (a report)` : why };
}
