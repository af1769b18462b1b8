// Exports of the reporting picture: one row per unit × window, plus the full report history; CSV (UTF-8 with BOM) or XLSX.
import type { ReportHistoryRow, StatusMatrix } from '../db/reporting.js';

export const CURRENT_COLUMNS = [
  'plan',
  'dutyKey',
  'duty',
  'section',
  'windowStart',
  'windowEnd',
  'unitCode',
  'unit',
  'role',
  'status',
  'followUp',
  'deadline',
  'daysLate',
  'reportedAt',
  'reportedBy',
  'note',
] as const;
export const HISTORY_COLUMNS = [
  'reportedAt',
  'plan',
  'dutyKey',
  'windowStart',
  'windowEnd',
  'unitCode',
  'official',
  'status',
  'note',
  'channel',
] as const;

export type Row = Record<string, string>;

export function currentRows(matrix: StatusMatrix): Row[] {
  const rows: Row[] = [];
  for (const occurrence of matrix.occurrences) {
    for (const unit of matrix.units) {
      const cell = matrix.cells.get(`${occurrence.id}:${unit.id}`);
      if (!cell) continue;
      rows.push({
        plan: occurrence.planCode,
        dutyKey: occurrence.dutyKey,
        duty: occurrence.title,
        section: occurrence.ref,
        windowStart: occurrence.start,
        windowEnd: occurrence.end,
        unitCode: unit.code,
        unit: unit.name,
        role: cell.role,
        status: cell.status,
        // The four-way state offices count, against the deadline in force (an approved extension's, if any).
        followUp: cell.followUp,
        deadline: cell.deadline,
        daysLate: String(cell.daysLate),
        reportedAt: cell.reportedAt?.toISOString() ?? '',
        reportedBy: cell.reportedBy ?? '',
        note: cell.note ?? '',
      });
    }
  }
  return rows;
}

export function historyRows(history: ReportHistoryRow[]): Row[] {
  return history.map((row) => ({
    reportedAt: row.reportedAt.toISOString(),
    plan: row.planCode,
    dutyKey: row.dutyKey,
    windowStart: row.windowStart,
    windowEnd: row.windowEnd,
    unitCode: row.unitCode,
    official: row.official,
    status: row.status,
    note: row.note ?? '',
    channel: row.channel,
  }));
}

/** RFC 4180 CSV with a byte-order mark, so Excel reads the Vietnamese text as UTF-8. */
export function toCsv(columns: readonly string[], rows: Row[]): string {
  const field = (value: string) => (/[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);
  // A leading = + - @ would be taken for a formula by spreadsheets: neutralised with a quote mark.
  const safe = (value: string) => (/^[=+\-@]/.test(value) ? `'${value}` : value);
  return `\uFEFF${[columns.join(','), ...rows.map((row) => columns.map((column) => field(safe(row[column] ?? ''))).join(','))].join('\r\n')}\r\n`;
}

export async function toXlsx(sheets: { name: string; columns: readonly string[]; rows: Row[] }[]): Promise<Uint8Array> {
  // Loaded on demand: exceljs is some 25 MB of memory that a bot which never exports should not carry.
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'dondoc';
  for (const sheet of sheets) {
    const worksheet = workbook.addWorksheet(sheet.name);
    worksheet.columns = sheet.columns.map((column) => ({
      header: column,
      key: column,
      width: Math.min(60, Math.max(12, column.length + 2)),
    }));
    worksheet.getRow(1).font = { bold: true };
    for (const row of sheet.rows) worksheet.addRow(row);
    worksheet.views = [{ state: 'frozen', ySplit: 1 }];
  }
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
