// Task tables ("STT | Nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian hoàn thành | Sản phẩm"): which
// columns mean what, whatever their order and wording; group rows ("I | NHÓM GIẢI PHÁP …"); rows whose merged cells
// were lost (web-copied text) aligned by what their cells hold; merged cells (Word's vMerge) taking the value above.
import { foldText } from '../domain/text.js';
import type { TableBlock, TableCell, TableRow } from './source.js';
import { ROW_NUMBER } from './text-document.js';

export type ColumnRole = 'number' | 'task' | 'lead' | 'support' | 'time' | 'product' | 'note' | 'other';

export interface DutyTable {
  table: TableBlock;
  columns: ColumnRole[];
  /** Rows before the first data row. */
  headerRows: number;
}

export interface TableDuty {
  /** The row's number as printed ("1", "2.3") and its group's ("I"), for the ref. */
  number?: string;
  group?: string;
  groupTitle?: string;
  task: string;
  lead: string;
  support: string;
  time: string;
  product: string;
  row: TableRow;
  /** 1-based row number in the table (header rows included). */
  rowIndex: number;
  /** Cells that were not in the row and were taken from the row above (merged cells). */
  inherited: ColumnRole[];
}

/** The role of a header cell, from its words (checked in this order: "Nội dung thực hiện" is a task). */
export function columnRole(header: string): ColumnRole {
  const folded = foldText(header).replace(/[^a-z0-9/ ]+/g, ' ');
  if (/^(?:stt|tt|so tt|so thu tu|thu tu)$/.test(folded.trim())) return 'number';
  if (/phoi hop/.test(folded)) return 'support';
  if (/thoi gian|thoi han|tien do|han hoan thanh|moc|thoi diem/.test(folded)) return 'time';
  if (/san pham|ket qua|hinh thuc|dau ra/.test(folded)) return 'product';
  if (/ghi chu/.test(folded)) return 'note';
  if (/nhiem vu|noi dung|cong viec|hoat dong|giai phap|chi tieu|de an|du an|ten /.test(folded)) return 'task';
  if (/chu tri|thuc hien|chiu trach nhiem|don vi|co quan|phu trach|tham muu/.test(folded)) return 'lead';
  return 'other';
}

function expand(cells: TableCell[]): TableCell[] {
  return cells.flatMap((cell) => Array.from({ length: Math.max(1, cell.span) }, () => cell));
}

/** The table as a task table, or undefined when it is not one (a heading, a signature, a list of places). */
export function dutyTable(table: TableBlock): DutyTable | undefined {
  for (let index = 0; index < Math.min(3, table.rows.length); index += 1) {
    const row = table.rows[index];
    if (!row) continue;
    const columns = expand(row.cells).map((cell) => columnRole(cell.text));
    if (columns.includes('task') && (columns.includes('lead') || columns.includes('time')))
      return { table, columns, headerRows: index + 1 };
  }
  return undefined;
}

const ROMAN_OR_LETTER = /^(?:[IVXLC]{1,6}|[A-ZĐ]|[a-zđ])\.?$/u;
const TIME_LIKE =
  /\b(?:19|20)\d{2}\b|\bqu[yý]\b|\bth[aá]ng\b|thường xuyên|hằng năm|hàng năm|định kỳ|trước ngày|sau khi|theo tiến độ/iu;
const UNIT_LIKE =
  /^(?:các\s+)?(?:sở|ban|ủy ban|ubnd|công an|văn phòng|trung tâm|hội|liên|cục|chi cục|viện|trường|tỉnh|bộ)(?=[\s,;]|$)/iu;

/** The rows of a task table as duties (group rows give their title to the rows under them). */
export function tableDuties(duty: DutyTable): TableDuty[] {
  const { table, columns } = duty;
  const width = columns.length;
  const out: TableDuty[] = [];
  let group: { number?: string; title: string } | undefined;
  const previous = new Map<ColumnRole, string>();
  table.rows.forEach((row, rowIndex) => {
    if (rowIndex < duty.headerRows) return;
    const cells = expand(row.cells);
    const values = new Map<ColumnRole, string>();
    const inherited: ColumnRole[] = [];
    // Cells as written (a cell spanning columns once), for telling group rows apart.
    const nonEmpty = row.cells.filter((cell) => cell.text.trim() !== '');
    if (nonEmpty.length === 0) return;
    // A group row: a roman or letter number and a title, or one cell only.
    const first = row.cells[0]?.text.trim() ?? '';
    if (
      nonEmpty.length <= 2 &&
      (ROMAN_OR_LETTER.test(first) || nonEmpty.length === 1) &&
      !TIME_LIKE.test(nonEmpty[nonEmpty.length - 1]?.text ?? '')
    ) {
      const title = (nonEmpty.length === 1 ? nonEmpty[0]?.text : nonEmpty[1]?.text) ?? '';
      const numbered = /^([IVXLC]{1,6}|[A-ZĐa-zđ]|\d{1,2})[.)]\s+(.*)$/u.exec(title);
      group =
        nonEmpty.length === 2
          ? { number: first.replace(/\.$/, ''), title }
          : numbered
            ? { number: numbered[1] ?? '', title: numbered[2] ?? title }
            : { title };
      return;
    }
    if (cells.length >= width) {
      columns.forEach((role, index) => {
        const cell = cells[index];
        if (!cell) return;
        const text = cell.mergedAbove ? (previous.get(role) ?? '') : cell.text;
        if (cell.mergedAbove) inherited.push(role);
        if (!values.has(role) || role === 'other') values.set(role, text);
      });
    } else alignShortRow(cells, columns, values, previous, inherited);
    for (const role of ['lead', 'support', 'time'] as const) {
      const value = values.get(role);
      if (value !== undefined) previous.set(role, value);
    }
    const task = values.get('task') ?? '';
    if (!task.trim()) return;
    const number = values.get('number')?.trim().replace(/\.$/, '');
    out.push({
      ...(number ? { number } : {}),
      ...(group?.number ? { group: group.number } : {}),
      ...(group ? { groupTitle: group.title } : {}),
      task,
      lead: values.get('lead') ?? '',
      support: values.get('support') ?? '',
      time: values.get('time') ?? '',
      product: values.get('product') ?? '',
      row,
      rowIndex: rowIndex + 1,
      inherited,
    });
  });
  return out;
}

/**
 * A row with fewer cells than columns (web-copied text drops merged cells): the number and the task keep the
 * first places, a cell that reads like a time goes to the time column, a unit name to the lead (then support)
 * column, the rest fill the remaining columns in order; what is left takes the value of the row above.
 */
function alignShortRow(
  cells: TableCell[],
  columns: ColumnRole[],
  values: Map<ColumnRole, string>,
  previous: Map<ColumnRole, string>,
  inherited: ColumnRole[],
): void {
  const free = [...columns];
  const take = (role: ColumnRole, text: string) => {
    const at = free.indexOf(role);
    if (at < 0) return false;
    free.splice(at, 1);
    values.set(role, text);
    return true;
  };
  let rest = [...cells];
  if (columns[0] === 'number' && rest[0] && ROW_NUMBER.test(rest[0].text.trim())) {
    take('number', rest[0].text);
    rest = rest.slice(1);
  }
  if (rest[0]) {
    take('task', rest[0].text);
    rest = rest.slice(1);
  }
  for (const cell of rest) {
    const text = cell.text;
    if (TIME_LIKE.test(text) && !UNIT_LIKE.test(text) && take('time', text)) continue;
    if (UNIT_LIKE.test(text) && (take('lead', text) || take('support', text))) continue;
    const next = free.find((role) => role !== 'number' && role !== 'task');
    if (next) take(next, text);
  }
  for (const role of free)
    if ((role === 'lead' || role === 'support' || role === 'time') && previous.has(role)) {
      values.set(role, previous.get(role) ?? '');
      inherited.push(role);
    }
}
