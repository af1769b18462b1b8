// Sentences of a paragraph as the extractor splits them, and lines that only state a time.
import type { LocalDate } from '../domain/dates.js';
import { findTimes, type TimeFinding } from './dates.js';
import { foldKeepLength } from './normalize.js';

/** Filler words of a line that only states a time ("Thực hiện trong tháng 7 và tháng 8/2012."). */
const TIME_FILLER = new Set([
  'thoi',
  'gian',
  'thuc',
  'hien',
  'trong',
  'hoan',
  'thanh',
  'mot',
  'hai',
  'ba',
  'bon',
  'nam',
  'ngay',
  'den',
  'tu',
  'tuan',
  'truoc',
  'xong',
  'cham',
  'nhat',
  'du',
  'kien',
  'tien',
  'do',
  'va',
  'han',
  'chot',
  'la',
  'tai',
  'vao',
  'cuoi',
  'dau',
  'thang',
  'quy',
  'het',
  'ke',
  'bat',
  'tien',
  'hanh',
  'to',
  'chuc',
  'ket',
  'thuc',
  'trien',
  'khai',
  'mo',
  'dot',
]);

export function isTimeOnly(text: string, times: TimeFinding[]): boolean {
  if (
    times.length === 0 ||
    times.every((time) => time.kind === 'recurring' || time.kind === 'condition') ||
    text.length > 140
  )
    return false;
  let folded = foldKeepLength(text.normalize('NFC'));
  for (const time of [...times].sort((a, b) => b.index - a.index))
    folded = `${folded.slice(0, time.index)} ${folded.slice(time.index + time.length)}`;
  return folded
    .split(/[^a-z]+/)
    .filter(Boolean)
    .every((word) => TIME_FILLER.has(word));
}

/** Splits a paragraph into sentences at ". " followed by a capital (and at "; " before a recurrence). */
export function sentencesOf(raw: string): { raw: string; text: string }[] {
  const parts: string[] = [];
  let last = 0;
  const regex = /(?<=[.!?…])\s+(?=["“(]?[\p{Lu}\d])/gu;
  for (const match of raw.matchAll(regex)) {
    parts.push(raw.slice(last, match.index));
    last = match.index + match[0].length;
  }
  parts.push(raw.slice(last));
  return parts
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => ({ raw: part, text: part.normalize('NFC') }));
}

/** A clause after "; " that states a recurrence ("...; 6 tháng và hàng năm báo cáo ...") is a duty of its own. */
export function splitRecurringClause(
  sentence: { raw: string; text: string },
  planDate: LocalDate,
): { raw: string; text: string }[] {
  const pieces = sentence.raw.split(/;\s+/);
  if (pieces.length < 2) return [sentence];
  const index = pieces.findIndex(
    (piece, i) =>
      i > 0 && findTimes(piece.slice(0, 40), { planDate }).some((time) => time.kind === 'recurring' && time.index < 5),
  );
  if (index <= 0) return [sentence];
  const head = `${pieces.slice(0, index).join('; ')};`;
  const tail = pieces.slice(index).join('; ');
  return [
    { raw: head, text: head.normalize('NFC') },
    { raw: tail, text: tail.normalize('NFC') },
  ];
}
