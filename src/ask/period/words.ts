// The vocabulary of periods in questions: the shapes a parsed period takes, the words and patterns that name one.
import type { LocalDate } from '../../domain/dates.js';
import type { DateRange } from '../types.js';

export type Unit = 'day' | 'week' | 'month' | 'quarter' | 'half' | 'year' | 'other';

/** A day, month or quarter named without its year: which year is meant depends on how it is used. */
export type Yearless =
  | { type: 'date'; month: number; day: number }
  | { type: 'month'; month: number }
  | { type: 'quarter'; quarter: number };

export type Atom =
  | Yearless
  | { type: 'span'; range: DateRange; unit: Unit }
  /** "cuối tháng 9", "end of the quarter": a deadline on the last day of `inner`. */
  | { type: 'end'; inner: Atom };

export interface Parsed {
  atom: Atom;
  end: number;
}

export interface Context {
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
export const W = '(?![a-z0-9])';
export const N = '(?![a-z0-9]|[/.][a-z0-9]|-[a-z])';

export const sticky = (source: string) => new RegExp(source, 'y');

export const MONTH_NUMBERS = new Map<string, number>([
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
export const WEAK_MONTH_NAMES = new Set([
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
export const VIETNAMESE_LOOKING_MONTH_NAMES = new Set(['may', 'sep']);
export const MONTH_NAME = `(${[...MONTH_NUMBERS.keys()].sort((a, b) => b.length - a.length).join('|')})${W}(?:\\.(?= \\d))?`;

export const WEEKDAYS = new Map<string, number>([
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

export const QUARTER_WORDS = new Map<string, number>([
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

export const UNIT_WORDS = new Map<string, Unit>([
  ['tuan', 'week'],
  ['week', 'week'],
  ['thang', 'month'],
  ['month', 'month'],
  ['quy', 'quarter'],
  ['quarter', 'quarter'],
  ['nam', 'year'],
  ['year', 'year'],
]);

export const NEXT_WORDS = new Set(['sau', 'toi', 'ke tiep', 'tiep theo', 'sap toi', 'next', 'coming']);
export const LAST_WORDS = new Set([
  'truoc',
  'vua qua',
  'qua',
  'ngoai',
  'last',
  'previous',
  'past',
  'gan day',
  'gan nhat',
]);

// Only words that can begin a period are parsed further; everything else is skipped after one Set lookup.
export const TRIGGERS = new Set([
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
export const SHORT_CODE = /^[tqh]\d{1,2}$/;

export const WORD = sticky('[a-z0-9]+');
// A word start that is not inside a code such as "15-kh/tu" or "03-ct/tw".
export const WORD_START = /(?<![a-z0-9]|[a-z0-9][/.-])[a-z0-9]/g;
export const GUARD = sticky(N);

export const NGAY = sticky('ngay ');
export const ISO = sticky(`(\\d{4})-(\\d{1,2})-(\\d{1,2})${N}`);
export const DMY = sticky(`(\\d{1,2})([/.-])(\\d{1,2})\\2(\\d{4}|\\d{2})${N}`);
export const MY = sticky(`(\\d{1,2})/(\\d{4})${N}`);
export const DM = sticky(`(\\d{1,2})/(\\d{1,2})${N}`);
export const D_THANG_M = sticky('(\\d{1,2}) thang (\\d{1,2})');
export const D_MONTH = sticky(`(\\d{1,2})(?:st|nd|rd|th)? (?:of )?${MONTH_NAME}`);
export const MONTH_D = sticky(`${MONTH_NAME} (?:the )?(\\d{1,2})(?:st|nd|rd|th)?${N}`);
export const MONTH = sticky(MONTH_NAME);
export const MONTH_KW = sticky('(?:thang |t)(\\d{1,2})');
export const QUARTER_KW = sticky(
  '(?:quy (iv|iii|ii|i|[1-4]|mot|nhat|hai|ba|bon|tu)|q([1-4])|quarter ([1-4])' +
    `|(1st|2nd|3rd|4th|first|second|third|fourth) quarter)${W}`,
);
export const HALF = sticky(`(?:h([12])|(1st|2nd|first|second) half)${W}`);
export const MONTHS_OF_YEAR = sticky(
  `(?:nua (dau|cuoi|sau)|(\\d{1,2}) thang (dau|cuoi)) nam(?: (\\d{4})| (nay|hien tai|sau|toi|truoc|ngoai|qua))?${N}`,
);
export const YEAR_KW = sticky(`(?:nam|year) (\\d{4})${N}`);
export const LONE_YEAR = sticky(`(\\d{4})${N}`);
export const SEP_YEAR = sticky(`(?:/(\\d{4}|\\d{2})|[.-](\\d{4}))${N}`);
export const WORD_YEAR = sticky(`(?: nam|,? of|,)? (\\d{4})${N}`);
export const REL_YEAR = sticky(
  `(?: nam (nay|hien tai|sau|toi|truoc|ngoai|qua)| (?:of )?(this|next|last|the) year)${W}`,
);
export const DAY_REL = sticky(
  `(ngay hom nay|hom nay|today|ngay hom qua|hom qua|yesterday|hom kia|ngay mai|ngay kia|tomorrow|mai)${W}`,
);
export const UNIT_REL_VI = sticky(
  `(tuan|thang|quy|nam) (nay|hien tai|sau|toi|ke tiep|tiep theo|truoc|vua qua|qua|ngoai)${W}`,
);
export const UNIT_REL_EN = sticky(`(this|current|next|coming|last|previous|past) (week|month|quarter|year)${W}`);
export const N_UNITS_VI = sticky(
  `(\\d{1,3}) (ngay|tuan|thang|nam) (toi|tiep theo|sap toi|ke tiep|sau|qua|vua qua|truoc|gan day|gan nhat)${W}`,
);
export const N_UNITS_EN = sticky(`(next|coming|last|past|previous) (\\d{1,3}) (day|week|month|year)s?${W}`);
export const REST_OF_YEAR = sticky(
  `(?:con lai (?:cua|trong) nam(?: nay)?|cuoi nam nay|(?:rest|remainder) of (?:the|this) year)${W}`,
);
export const END_OF = sticky('(?:cuoi|het|end of(?: the)?) ');
export const BARE_UNIT = sticky(`(?:this )?(tuan|thang|quy|nam|week|month|quarter|year)${W}`);
export const UNIT_END = sticky(`(week|month|quarter|year)[- ]end${W}`);
export const WEEKDAY_EN = sticky(`(monday|tuesday|wednesday|thursday|friday|saturday|sunday)${W}`);
export const WEEKDAY_VI = sticky(`(?:thu (hai|ba|tu|nam|sau|bay|[2-7])|(chu nhat|cn))${W}`);
export const PREFIX = sticky('(?:(in|during|on|for|within) )?(?:the )?');

export const RANGE_OPEN = sticky('(?:tu|from|between|giua|ke tu) ');
export const RANGE_SEP = sticky(' ?[-–] ?| (?:den|toi|to|and|until|till|through|thru|va|cho den) ');
export const DASH = sticky(' ?[-–] ?');
export const NOW = sticky(`(?:nay|bay gio|hien nay|now)${W}`);
export const START_OF = sticky(`dau (tuan|thang|quy|nam)${W}`);
export const BARE_NUMBER = sticky(`(\\d{1,2})${N}`);
// "đến hạn" is "falls due" ("việc gì đến hạn tháng 9"), not "until".
export const BOUND = sticky(
  '(?:(truoc|before|prior to)|(?:cho )?den(?! han)|han chot|thoi han|han cuoi|cham nhat|muon nhat|deadline' +
    '|due by|due before|no later than|not later than|by|until|till|up to)(?: (?:la|vao|is|on))? ',
);

// "mai" is "tomorrow", but also "thương mại", "khuyến mại", "Hoàng Mai", "Nguyễn Thị Mai", "mãi mãi", "mai sau".
export const NOT_BEFORE_MAI = new Set([
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
export const NOT_AFTER_MAI = sticky(`mai (?:mai|sau|mot)${W}`);
export const PREVIOUS_WORD = /([a-z0-9]+)[^a-z0-9]*$/;
// "Chỉ thị 03-CT/TW ngày 14/5/2011": the date identifies the document, it is not the period asked about.
export const DOCUMENT_BEFORE = /(?:^|[\s(])(?=[^\s,]*\d)(?=[^\s,]*[-/][a-z])[^\s,]+,? (?:ngay )?$/;

export function exec(pattern: RegExp, text: string, pos: number): RegExpExecArray | null {
  pattern.lastIndex = pos;
  return pattern.exec(text);
}

export function int(text: string | undefined): number {
  return text === undefined ? -1 : Number(text);
}
