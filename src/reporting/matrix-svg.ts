// The completion matrix as SVG (pure): units down, windows across, one coloured cell per responsible unit.
import { formatWindow } from '../ask/reply.js';
import type { CellStatus, StatusMatrix } from '../db/reporting.js';
import type { LocalDate } from '../domain/dates.js';
import { emptyCounts, type FollowUpCounts, type FollowUpState } from '../domain/follow-up.js';

export const CELL = 30;
const LABEL_WIDTH = 260;
const HEADER_HEIGHT = 40;
const LEGEND_LINE = 22;
/** Beyond these the picture stops being readable on a phone; the caller says what was left out. */
export const MAX_UNITS = 80;
export const MAX_COLUMNS = 40;

const COLOURS: Record<CellStatus | 'overdue', string> = {
  done: '#2e9e44',
  in_progress: '#f2b01e',
  blocked: '#d9342b',
  not_started: '#9aa5b1',
  none: '#e4e7eb',
  overdue: '#6b1a1a',
};
/** Done late: done's green with a dark corner, so late completions stand out without a fifth colour. */
const LATE_MARK = '#1d3b24';

export interface MatrixLabels {
  title: string;
  legend: Record<CellStatus | 'overdue', string>;
  /** The four-way follow-up: the done-late mark's legend, and the counts line under the legend. */
  followUp: { doneLate: string; summary: (counts: FollowUpCounts) => string };
}

export interface MatrixPicture {
  svg: string;
  width: number;
  height: number;
  /** How many units and windows did not fit. */
  leftOut: { units: number; columns: number };
}

export function matrixSvg(matrix: StatusMatrix, today: LocalDate, labels: MatrixLabels): MatrixPicture {
  const units = matrix.units.slice(0, MAX_UNITS);
  const columns = matrix.occurrences.slice(0, MAX_COLUMNS);
  const gridWidth = Math.max(columns.length, 1) * CELL;
  // Wide enough for the legend and the numbered list of windows under the grid.
  const width = Math.max(LABEL_WIDTH + gridWidth + 20, 900);
  const legendTop = HEADER_HEIGHT + units.length * CELL + 20;
  const height = legendTop + (7 + columns.length) * LEGEND_LINE + 20;
  const counts = emptyCounts();
  for (const cell of matrix.cells.values()) counts[cell.followUp satisfies FollowUpState] += 1;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="DejaVu Sans" font-size="13">`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text x="10" y="24" font-size="16" font-weight="bold">${escapeXml(labels.title)}</text>`,
  ];
  columns.forEach((_occurrence, column) => {
    const x = LABEL_WIDTH + column * CELL + CELL / 2;
    parts.push(`<text x="${x}" y="${HEADER_HEIGHT - 6}" text-anchor="middle" font-size="11">${column + 1}</text>`);
  });
  units.forEach((unit, row) => {
    const y = HEADER_HEIGHT + row * CELL;
    parts.push(`<text x="10" y="${y + CELL / 2 + 4}">${escapeXml(ellipsis(unit.name, 34))}</text>`);
    columns.forEach((occurrence, column) => {
      const cell = matrix.cells.get(`${occurrence.id}:${unit.id}`);
      const x = LABEL_WIDTH + column * CELL;
      if (!cell) {
        parts.push(
          `<rect x="${x + 1}" y="${y + 1}" width="${CELL - 2}" height="${CELL - 2}" fill="#ffffff" stroke="#f0f0f0"/>`,
        );
        return;
      }
      // Overdue against the unit's deadline in force (an approved extension moves it), as computed for the cell.
      const overdue = cell.followUp === 'overdue' || (cell.status !== 'done' && cell.deadline < today);
      const fill =
        cell.status === 'none' || cell.status === 'not_started'
          ? overdue
            ? COLOURS.overdue
            : COLOURS[cell.status]
          : COLOURS[cell.status];
      parts.push(`<rect x="${x + 1}" y="${y + 1}" width="${CELL - 2}" height="${CELL - 2}" rx="3" fill="${fill}"/>`);
      if (cell.followUp === 'done_late')
        parts.push(`<path d="M${x + CELL - 13} ${y + 1}h12v12z" fill="${LATE_MARK}"/>`);
      // Coordinating units get a lighter mark, so the leads stand out.
      if (cell.role === 'support')
        parts.push(
          `<rect x="${x + 1}" y="${y + 1}" width="${CELL - 2}" height="${CELL - 2}" rx="3" fill="#ffffff" fill-opacity="0.35"/>`,
        );
    });
  });
  let y = legendTop;
  const legend: [CellStatus | 'overdue', string][] = (
    ['done', 'in_progress', 'blocked', 'none', 'overdue'] as const
  ).map((key) => [key, labels.legend[key]]);
  legend.forEach(([key, text], index) => {
    const x = 10 + index * Math.floor((width - 20) / legend.length);
    parts.push(
      `<rect x="${x}" y="${y}" width="16" height="16" rx="3" fill="${COLOURS[key]}"/><text x="${x + 22}" y="${y + 13}" font-size="12">${escapeXml(text)}</text>`,
    );
  });
  y += LEGEND_LINE;
  parts.push(
    `<path d="M10 ${y}h16v16h-16z" fill="${COLOURS.done}"/><path d="M16 ${y}h10v10z" fill="${LATE_MARK}"/><text x="32" y="${y + 13}" font-size="12">${escapeXml(labels.followUp.doneLate)}</text>`,
    `<text x="${Math.floor(width / 3)}" y="${y + 13}" font-size="12">${escapeXml(labels.followUp.summary(counts))}</text>`,
  );
  y += LEGEND_LINE + 10;
  columns.forEach((occurrence, column) => {
    parts.push(
      `<text x="10" y="${y + column * LEGEND_LINE + 14}" font-size="12">${column + 1}. ${escapeXml(formatWindow(occurrence.start, occurrence.end))} — ${escapeXml(ellipsis(occurrence.title, 90))} [${escapeXml(occurrence.ref)}]</text>`,
    );
  });
  parts.push('</svg>');
  return {
    svg: parts.join(''),
    width,
    height,
    leftOut: { units: matrix.units.length - units.length, columns: matrix.occurrences.length - columns.length },
  };
}

function ellipsis(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
