// The completion matrix as the console shows it (pure): windows with overdue cells first, then units with the most
// overdue cells, and one page of it (rows and columns), so a province's 1,000 units × 200 windows is a table a
// browser draws at once. The counts come from one statement (matrixTotals), the page's cells from another.
import type { OccurrenceView } from '../db/occurrences.js';
import type { MatrixState, MatrixTotals } from '../db/reporting.js';

export type CellState = MatrixState;
export const CELL_STATES: readonly CellState[] = ['done', 'in_progress', 'blocked', 'none', 'overdue'];

export const UNITS_PER_PAGE = 50;
export const WINDOWS_PER_PAGE = 30;

export interface MatrixLayout {
  /** This page's windows, in order, and its units' ids, in order. */
  windows: OccurrenceView[];
  unitIds: number[];
  totals: { units: number; windows: number; counts: Record<CellState, number> };
  pages: { rows: number; columns: number; page: number; columnPage: number };
  overdueWindows: Set<number>;
  firstColumn: number;
}

export function matrixLayout(
  occurrences: readonly OccurrenceView[],
  totals: MatrixTotals,
  wanted: { page: number; columnPage: number },
): MatrixLayout {
  const overdue = (id: number) => (totals.windows.get(id)?.overdue ?? 0) > 0;
  const windows = occurrences
    .filter((window) => totals.windows.has(window.id))
    .sort(
      (a, b) => Number(overdue(b.id)) - Number(overdue(a.id)) || (a.end < b.end ? -1 : a.end > b.end ? 1 : a.id - b.id),
    );
  const units = [...totals.units].sort(([a, x], [b, y]) => y.overdue - x.overdue || a - b).map(([id]) => id);
  const rows = Math.max(1, Math.ceil(units.length / UNITS_PER_PAGE));
  const columns = Math.max(1, Math.ceil(windows.length / WINDOWS_PER_PAGE));
  const page = Math.min(Math.max(0, wanted.page), rows - 1);
  const columnPage = Math.min(Math.max(0, wanted.columnPage), columns - 1);
  return {
    windows: windows.slice(columnPage * WINDOWS_PER_PAGE, (columnPage + 1) * WINDOWS_PER_PAGE),
    unitIds: units.slice(page * UNITS_PER_PAGE, (page + 1) * UNITS_PER_PAGE),
    totals: { units: units.length, windows: windows.length, counts: totals.states },
    pages: { rows, columns, page, columnPage },
    overdueWindows: new Set(windows.filter((window) => overdue(window.id)).map((window) => window.id)),
    firstColumn: columnPage * WINDOWS_PER_PAGE,
  };
}
