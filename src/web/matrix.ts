// The completion matrix as the console shows it (pure): filtered by level and unit, windows with overdue cells first,
// then units with the most overdue cells, and one page of it (rows and columns), so a province's 1,000 units × 200
// windows is a table a browser draws at once.

import type { OccurrenceView } from '../db/occurrences.js';
import type { MatrixCell, MatrixUnit, StatusMatrix } from '../db/reporting.js';
import type { LocalDate } from '../domain/dates.js';

export type CellState = 'done' | 'in_progress' | 'blocked' | 'none' | 'overdue';
export const CELL_STATES: readonly CellState[] = ['done', 'in_progress', 'blocked', 'none', 'overdue'];

export const UNITS_PER_PAGE = 50;
export const WINDOWS_PER_PAGE = 30;

export function cellState(cell: MatrixCell, end: LocalDate, today: LocalDate): CellState {
  if (cell.status === 'done') return 'done';
  if (end < today) return 'overdue';
  if (cell.status === 'in_progress' || cell.status === 'blocked') return cell.status;
  return 'none';
}

export interface MatrixFilter {
  level?: string;
  unitCode?: string;
  /** 0-based pages of rows (units) and columns (windows). */
  page: number;
  columnPage: number;
}

export interface MatrixView {
  windows: OccurrenceView[];
  units: MatrixUnit[];
  cells: StatusMatrix['cells'];
  totals: { units: number; windows: number; counts: Record<CellState, number> };
  pages: { rows: number; columns: number; page: number; columnPage: number };
  overdueWindows: Set<number>;
}

export function matrixView(matrix: StatusMatrix, filter: MatrixFilter, today: LocalDate): MatrixView {
  const units = matrix.units.filter(
    (unit) =>
      (!filter.level || unit.level === filter.level) &&
      (!filter.unitCode || unit.code.toLowerCase() === filter.unitCode.toLowerCase()),
  );
  const counts: Record<CellState, number> = { done: 0, in_progress: 0, blocked: 0, none: 0, overdue: 0 };
  const overdueOfWindow = new Map<number, number>();
  const overdueOfUnit = new Map<number, number>();
  const windowsUsed = new Set<number>();
  for (const window of matrix.occurrences) {
    for (const unit of units) {
      const cell = matrix.cells.get(`${window.id}:${unit.id}`);
      if (!cell) continue;
      windowsUsed.add(window.id);
      const state = cellState(cell, window.end, today);
      counts[state] += 1;
      if (state === 'overdue') {
        overdueOfWindow.set(window.id, (overdueOfWindow.get(window.id) ?? 0) + 1);
        overdueOfUnit.set(unit.id, (overdueOfUnit.get(unit.id) ?? 0) + 1);
      }
    }
  }
  const windows = matrix.occurrences
    .filter((window) => windowsUsed.has(window.id))
    .sort(
      (a, b) =>
        Number(overdueOfWindow.has(b.id)) - Number(overdueOfWindow.has(a.id)) ||
        (a.end < b.end ? -1 : a.end > b.end ? 1 : a.id - b.id),
    );
  const sortedUnits = units
    .filter((unit) => matrix.occurrences.some((window) => matrix.cells.has(`${window.id}:${unit.id}`)))
    .sort((a, b) => (overdueOfUnit.get(b.id) ?? 0) - (overdueOfUnit.get(a.id) ?? 0) || a.id - b.id);
  const rows = Math.max(1, Math.ceil(sortedUnits.length / UNITS_PER_PAGE));
  const columns = Math.max(1, Math.ceil(windows.length / WINDOWS_PER_PAGE));
  const page = Math.min(Math.max(0, filter.page), rows - 1);
  const columnPage = Math.min(Math.max(0, filter.columnPage), columns - 1);
  return {
    windows: windows.slice(columnPage * WINDOWS_PER_PAGE, (columnPage + 1) * WINDOWS_PER_PAGE),
    units: sortedUnits.slice(page * UNITS_PER_PAGE, (page + 1) * UNITS_PER_PAGE),
    cells: matrix.cells,
    totals: { units: sortedUnits.length, windows: windows.length, counts },
    pages: { rows, columns, page, columnPage },
    overdueWindows: new Set(overdueOfWindow.keys()),
  };
}
