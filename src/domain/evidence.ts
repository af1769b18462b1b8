// The number and date of the document a unit issued, recognised in a report note ("Báo cáo số 45-BC/HU ngày 20/9/2012").
//
// Vietnamese administrative document numbers are a serial number and a sign joined by "/" and "-"
// ("45-BC/HU", "123/UBND-VX", "12/BC-SNV"): a number without "/" ("việc 3", "số 5") is not one. The date
// follows as "ngày 20/9/2012", "ngày 03-10-2025", "ngày 5.10.2025" or "ngày 20 tháng 9 năm 2012".
import { type LocalDate, makeLocalDate } from './dates.js';

export interface Evidence {
  /** The document's number and sign as written, at most 80 characters ("45-BC/HU"). */
  number: string;
  /** The document's date, when the note gives a valid one right after the number. */
  date: LocalDate | null;
}

export const MAX_EVIDENCE_NUMBER_LENGTH = 80;

// What may introduce a number: "số", a document kind, or a kind's abbreviation (case-insensitive, with or without diacritics).
const LEAD = String.raw`(?:s[ốo]|b[áa]o\s+c[áa]o|c[ôo]ng\s+v[ăa]n|k[ếe]\s+ho[ạa]ch|quy[ếe]t\s+[đd][ịi]nh|th[ôo]ng\s+b[áa]o|t[ờo]\s+tr[ìi]nh|ngh[ịi]\s+quy[ếe]t|ch[ỉi]\s+th[ịi]|CV|BC|KH|QĐ|QD|TB|TTr|NQ|CT)`;
// Serial number (digits, maybe a letter suffix "45a"), then at least one "/"-joined sign part; "-" joins inside parts.
const SIGN_PART = String.raw`[A-Za-zĐđ0-9]+(?:[-.][A-Za-zĐđ0-9]+)*`;
const NUMBER = String.raw`(\d{1,6}[a-z]?(?:-${SIGN_PART})?(?:/${SIGN_PART})+)`;
const NUMERIC_DATE = String.raw`(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})`;
const WORD_DATE = String.raw`(\d{1,2})\s+th[áa]ng\s+(\d{1,2})\s+n[ăa]m\s+(\d{4})`;
const DATE = String.raw`(?:\s*,?\s*(?:ng[àa]y|ngay|ng\.)\s*(?:${NUMERIC_DATE}|${WORD_DATE}))?`;

const PATTERN = new RegExp(
  String.raw`(?<![\p{L}\p{N}])${LEAD}\s*(?:s[ốo]\s*)?[:.]?\s*${NUMBER}(?![\p{L}\p{N}/@-])${DATE}`,
  'iu',
);

/** The first document number (and its date) in a note; undefined when there is none. */
export function recognizeEvidence(note: string): Evidence | undefined {
  const match = PATTERN.exec(note.normalize('NFC'));
  if (!match) return undefined;
  const number = (match[1] ?? '').toUpperCase();
  if (number.length > MAX_EVIDENCE_NUMBER_LENGTH || !/[A-ZĐ]/.test(number)) return undefined;
  const [day, month, year] =
    match[2] !== undefined
      ? [match[2], match[3], match[4]]
      : match[5] !== undefined
        ? [match[5], match[6], match[7]]
        : [];
  const date = day !== undefined ? (makeLocalDate(Number(year), Number(month), Number(day)) ?? null) : null;
  return { number, date };
}
