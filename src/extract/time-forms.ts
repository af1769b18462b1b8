// Time forms of current plans beyond the day/month/quarter forms of dates.ts: periods of years ("giai đoạn
// 2026-2030", "2025 - 2035", "từ năm 2025 đến hết năm 2030"), quarter ranges ("Quý IV/2025 - Quý II/2026"),
// "Năm 2026 và các năm tiếp theo", open starts ("Từ ngày 01/01/2026"), ongoing work ("Thường xuyên") and
// conditions ("sau khi … được ban hành", "theo tiến độ …"). Matched on folded text; each adds findings through
// the same `push` as dates.ts so that overlaps are settled in one place.
import { daysInMonth, type LocalDate, makeLocalDate } from '../domain/dates.js';

export type FormFinding =
  | { kind: 'window'; start: LocalDate; end: LocalDate; note?: string }
  | { kind: 'deadline'; start: LocalDate; end: LocalDate }
  | { kind: 'recurring'; everyMonths: number; label: string }
  | { kind: 'ongoing'; start?: LocalDate; note?: string }
  | { kind: 'condition'; note: string };

export type Push = (index: number, length: number, findings: FormFinding[], priority: number) => void;

const QUARTER: Record<string, number> = { i: 1, ii: 2, iii: 3, iv: 4, '1': 1, '2': 2, '3': 3, '4': 4 };
const Q = '(iv|iii|ii|i|[1-4])';

function yearWindow(first: number, last: number): FormFinding[] {
  const start = makeLocalDate(first, 1, 1);
  const end = makeLocalDate(last, 12, 31);
  return start && end && last >= first && last - first <= 30 ? [{ kind: 'window', start, end }] : [];
}

/** "giai đoạn 2026-2030", "2025 - 2035", "từ năm 2025 đến hết năm 2030", "năm 2026 - 2030". */
const YEAR_RANGE =
  /(?<![\w/.-])(?:(giai doan|thoi ky|tam nhin|tu nam|nam|tu|trong giai doan) )?(\d{4})\s*(?:-|–|den(?: het)?(?: nam)?|toi(?: nam)?)\s*(?:nam )?(\d{4})(?![\w/])/g;
/** "Quý IV/2025 - Quý II/2026", "từ quý III năm 2025 đến quý I năm 2026". */
const QUARTER_RANGE = new RegExp(
  String.raw`(?<![\w])(?:tu )?qu[yi] ${Q}\s*(?:\/|nam)\s*(\d{4})\s*(?:-|–|den(?: het)?)\s*qu[yi] ${Q}\s*(?:\/|nam)\s*(\d{4})(?![\w/])`,
  'g',
);
/** "Năm 2026 và các năm tiếp theo", "từ năm 2026 trở đi", "hằng năm từ năm 2026". */
const YEAR_ONWARDS = /(?<![\w])(?:tu )?nam (\d{4}) (?:va (?:cac|nhung) nam tiep theo|tro di|va cac nam sau)(?![\w])/g;
/** "Từ ngày 01/01/2026" with no end. */
const OPEN_START =
  /(?<![\w])(?:ke )?tu ngay (\d{1,2})\s*\/\s*(\d{1,2})\s*\/\s*(\d{4})(?!\s*(?:-|–|den|toi)\s*(?:ngay )?\d)/g;
/**
 * Ongoing work: "Thường xuyên" (or "hằng ngày") as the time of a duty: at the start of a sentence or a cell, after
 * "Thời gian:", in parentheses, or closing a clause ("… thực hiện thường xuyên."); not "chi thường xuyên" (recurrent
 * spending) nor an adverb inside a clause.
 */
const ONGOING =
  /(?:^|(?<=[(:;–-]\s?)|(?<=thoi gian(?: thuc hien)?:? )|(?<=(?:thuc hien|trien khai|to chuc|duy tri|tien hanh) ))(?:thuong xuyen(?:,? lien tuc)?|hang ngay)(?=\s*(?:[.;)]|$)|(?<=^thuong xuyen|^hang ngay)|(?<=[(:;–-]\s?thuong xuyen))/g;
/** Conditions a careful reader notes instead of a date. */
const CONDITIONS: RegExp[] = [
  /(?<![\w])sau khi [^.;()]{3,90}?(?:duoc (?:ban hanh|phe duyet|thong qua|giao|bo tri|cap)|ban hanh|phe duyet|co hieu luc|co y kien|co quyet dinh|hoan thanh)(?![\w])/g,
  /(?<![\w])theo tien do(?: [^.;()]{0,60})?/g,
  /(?<![\w])(?:khi|ngay khi) (?:co|duoc) (?:yeu cau|chi dao|van ban|huong dan)(?: [^.;()]{0,40})?/g,
  /(?<![\w])theo (?:yeu cau|chi dao|huong dan|lo trinh|ke hoach) (?:cua|tu) [^.;()]{3,60}/g,
  /(?<![\w])(?:dot xuat|khi phat sinh)(?![\w])/g,
];

/**
 * A programme's or document's name before a period or a year ("Quy hoạch tỉnh thời kỳ 2021-2030", "Kế hoạch số 64/
 * KH-UBND … giai đoạn 2025 - 2030", "kế hoạch đầu tư công trung hạn giai đoạn 2026 - 2030", "tầm nhìn đến năm 2045"):
 * the years are its horizon, not the duty's time. Master plans, strategies, horizons and budgets in any case; plans,
 * programmes, schemes and resolutions when named (capitalised): "xây dựng kế hoạch … đạt mục tiêu vào năm 2030"
 * gives the duty's own time.
 */
const HORIZON_ANY =
  /\b(?:quy hoach|chien luoc|tam nhin|dinh huong|trung han|muc tieu quoc gia|ngan sach|von)\b[^.;]{0,150}$/;
const HORIZON_NAMED =
  /(?:^|[^\p{L}])(?:Kế hoạch|Chương trình|Đề án|Dự án|Nghị quyết|Chỉ thị|Kết luận)(?![\p{L}])[^.;]{0,150}$/u;

function isHorizon(folded: string, nfc: string, index: number): boolean {
  const from = Math.max(0, index - 160);
  return HORIZON_ANY.test(folded.slice(from, index)) || HORIZON_NAMED.test(nfc.slice(from, index));
}

/** Years further ahead than this are visions ("phát thải ròng bằng 0 vào năm 2050"), not a duty's deadline. */
const MAX_DEADLINE_YEARS = 10;

/** "đến năm 2030", "vào năm 2027", "ngay trong năm 2025", "trước năm 2027": the work is due by the year's end. */
const BY_YEAR =
  /(?<![\w])(?:den het|den|vao|truoc|cham nhat(?: la)?|ngay trong|hoan thanh trong) nam (\d{4})(?![\w/-])/g;

/** Whether a title names a programme or document, whose years are its horizon. */
export function namesAProgramme(folded: string): boolean {
  return /\b(?:chuong trinh|quy hoach|chien luoc|ke hoach|de an|nghi quyet)\b/.test(folded);
}

export function findForms(folded: string, nfc: string, push: Push, planDate?: LocalDate): void {
  if (planDate) {
    for (const match of folded.matchAll(BY_YEAR)) {
      if (isHorizon(folded, nfc, match.index)) continue;
      const year = Number(match[1]);
      const end = makeLocalDate(year, 12, 31);
      if (!end || end < planDate || year - Number(planDate.slice(0, 4)) > MAX_DEADLINE_YEARS) continue;
      push(match.index, match[0].length, [{ kind: 'deadline', start: planDate, end }], 4);
    }
  }
  for (const match of folded.matchAll(YEAR_RANGE)) {
    const word = match[1];
    // A period in a document's name ("Quy hoạch tỉnh thời kỳ 2021-2030, tầm nhìn đến năm 2050", "Kế hoạch đầu tư
    // công trung hạn giai đoạn 2026 - 2030") is not a window.
    if (word === 'thoi ky' || word === 'tam nhin') continue;
    if (isHorizon(folded, nfc, match.index)) continue;
    const findings = yearWindow(Number(match[2]), Number(match[3]));
    push(match.index, match[0].length, findings, 6);
  }
  // "Báo cáo giữa kỳ (năm 2030)": a year in parentheses is the time of what precedes it.
  for (const match of folded.matchAll(/\(\s*nam (\d{4})\s*\)/g))
    push(match.index, match[0].length, yearWindow(Number(match[1]), Number(match[1])), 5);
  for (const match of folded.matchAll(QUARTER_RANGE)) {
    const q1 = QUARTER[match[1] ?? ''] ?? 1;
    const q2 = QUARTER[match[3] ?? ''] ?? 4;
    const y1 = Number(match[2]);
    const y2 = Number(match[4]);
    const start = makeLocalDate(y1, q1 * 3 - 2, 1);
    const end = makeLocalDate(y2, q2 * 3, daysInMonth(y2, q2 * 3));
    push(match.index, match[0].length, start && end && end >= start ? [{ kind: 'window', start, end }] : [], 8);
  }
  for (const match of folded.matchAll(YEAR_ONWARDS)) {
    const year = Number(match[1]);
    const start = makeLocalDate(year, 1, 1);
    const end = makeLocalDate(year, 12, 31);
    if (!start || !end) continue;
    push(
      match.index,
      match[0].length,
      [
        {
          kind: 'window',
          start,
          end,
          note: `"${nfc.slice(match.index, match.index + match[0].length)}": every year from ${year}`,
        },
        { kind: 'recurring', everyMonths: 12, label: 'hàng năm' },
      ],
      8,
    );
  }
  for (const match of folded.matchAll(OPEN_START)) {
    const start = makeLocalDate(Number(match[3]), Number(match[2]), Number(match[1]));
    if (!start) continue;
    push(match.index, match[0].length, [{ kind: 'ongoing', start, note: `from ${start} with no end in the text` }], 7);
  }
  for (const match of folded.matchAll(ONGOING)) push(match.index, match[0].length, [{ kind: 'ongoing' }], 2);
  for (const pattern of CONDITIONS) {
    for (const match of folded.matchAll(pattern)) {
      const words = nfc.slice(match.index, match.index + match[0].length).trim();
      push(match.index, match[0].length, [{ kind: 'condition', note: `condition: "${words}"` }], 1);
    }
  }
}

/** A time cell of a table that is only a year ("2026", "Năm 2026") means the whole year. */
export function bareYear(cell: string): FormFinding[] {
  const match = /^(?:năm|nam|trong năm|trong nam)?\s*(\d{4})\.?$/iu.exec(cell.trim());
  if (!match) return [];
  return yearWindow(Number(match[1]), Number(match[1]));
}
