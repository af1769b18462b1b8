// An official's typed request for a later deadline: "xin gia hạn việc 3 đến 15/10 vì chờ số liệu" → item, date, reason.
import { dateParts, type LocalDate, makeLocalDate } from './dates.js';
import { foldText } from './text.js';

export interface ExtensionRequestText {
  /** The number of the item in the official's list (/baocao), when the text names one ("việc 3"). */
  item: number | null;
  newEndsOn: LocalDate;
  reason: string;
}

/**
 * A day as officials type it, on or after `today` when the year is left out: "15/10", "15-10-2025", "15.10",
 * "ngày 15 tháng 10", "15 tháng 10 năm 2025". Undefined for anything else or an impossible date.
 */
export function parseDeadlineWords(text: string, today: LocalDate): LocalDate | undefined {
  const folded = foldText(text).replace(/^ngay\s+/, '');
  const match =
    folded.match(/^(\d{1,2})\s*[/.-]\s*(\d{1,2})(?:\s*[/.-]\s*(\d{4}))?$/) ??
    folded.match(/^(\d{1,2})\s+thang\s+(\d{1,2})(?:\s+nam\s+(\d{4}))?$/);
  if (!match) return undefined;
  const [day, month] = [Number(match[1]), Number(match[2])];
  if (match[3] !== undefined) return makeLocalDate(Number(match[3]), month, day);
  const { year } = dateParts(today);
  const thisYear = makeLocalDate(year, month, day);
  if (thisYear && thisYear >= today) return thisYear;
  return makeLocalDate(year + 1, month, day) ?? thisYear;
}

const DATE_WORDS = String.raw`((?:ngày\s+|ngay\s+)?\d{1,2}(?:\s*[/.-]\s*\d{1,2}(?:\s*[/.-]\s*\d{4})?|\s+th[áa]ng\s+\d{1,2}(?:\s+n[ăa]m\s+\d{4})?))`;
const REQUEST = new RegExp(
  String.raw`^(?:xin\s+gia\s+h[ạa]n\s*)?(?:(?:vi[ệe]c|s[ốo]|m[ụu]c|#)?\s*(\d{1,2})\s+)?(?:đ[ếe]n|den|t[ớo]i|toi|->)?\s*${DATE_WORDS}\s*(?:,|;|:|-)?\s*(?:v[ìi]|l[ýy]\s+do|do|because)?\s*[:,-]?\s*([\s\S]*)$`,
  'iu',
);

/** Reads "việc 3 đến 15/10 vì chờ số liệu" (with or without "xin gia hạn"); undefined when no date is found. */
export function parseExtensionRequest(text: string, today: LocalDate): ExtensionRequestText | undefined {
  const match = text.normalize('NFC').trim().match(REQUEST);
  if (!match) return undefined;
  const newEndsOn = parseDeadlineWords(match[2] ?? '', today);
  if (!newEndsOn) return undefined;
  return { item: match[1] !== undefined ? Number(match[1]) : null, newEndsOn, reason: (match[3] ?? '').trim() };
}

/** Whether a free text is an extension request ("xin gia hạn …"), so the conversation routes it here. */
export function looksLikeExtensionRequest(text: string): boolean {
  return /^xin\s+gia\s+han\b/.test(foldText(text));
}
