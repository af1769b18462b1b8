// Plain text and text copied from the web (Markdown emphasis, hard-wrapped lines, table cells as `|` lines) → the
// document model: paragraphs and tables with their place in the normalised text.
import { type LineInput, normalizeLineEnds, paragraphsFromLines } from './normalize.js';
import type { SourceBlock, SourceDocument, TableBlock, TableCell, TableRow } from './source.js';
import { TextBuilder } from './source.js';

/** Emphasis or a `|` cell line: the text was copied from a web page converted to Markdown. */
const WEB_MARKS = /\*\*|^\s*\|\s*$|^\s*\|.*\|\s*$/m;

/** Removes Markdown emphasis (`**bold**`, `*italic*`); a leading "* " bullet of a plain line stays. */
export function stripEmphasis(line: string): string {
  if (/^\s*\*\s+[^*\s]/.test(line) && (line.match(/\*/g) ?? []).length === 1) return line;
  return line.replace(/\*+/g, '');
}

interface Line {
  original: string;
  text: string;
  line: number;
  start: number;
}

export function readTextDocument(source: string): SourceDocument {
  const text = normalizeLineEnds(source);
  const web = WEB_MARKS.test(text);
  const rawLines = text.split('\n');
  const builder = new TextBuilder();
  const lines: Line[] = rawLines.map((original) => {
    const cleaned = web ? stripEmphasis(original) : original;
    const { line, start } = builder.addLine(cleaned);
    return { original, text: cleaned, line, start };
  });
  const blocks: SourceBlock[] = [];
  let tables = 0;
  let pending: LineInput[] = [];
  const flushText = () => {
    if (pending.length > 0) blocks.push(...paragraphsFromLines(pending, { wrapped: web || looksHardWrapped(lines) }));
    pending = [];
  };
  for (let index = 0; index < lines.length; index += 1) {
    const region = web ? tableRegion(lines, index) : undefined;
    if (region) {
      flushText();
      tables += 1;
      const table = readTable(lines.slice(index, region), tables);
      if (table) blocks.push(table);
      index = region - 1;
      continue;
    }
    const current = lines[index] as Line;
    pending.push({
      text: current.text,
      line: current.line,
      start: current.start,
      ...(web && /^\s*\*/.test(current.original) ? { emphasisOpens: true } : {}),
      ...(web && /\*\s*$/.test(current.original) ? { emphasisCloses: true } : {}),
    });
  }
  flushText();
  return { format: web ? 'web-text' : 'text', text: builder.text(), blocks, notes: [] };
}

/** Most lines short and paragraphs separated by blank lines: text wrapped at a fixed width. */
function looksHardWrapped(lines: Line[]): boolean {
  const lengths = lines.map((line) => line.text.trim().length).filter((length) => length > 0);
  if (lengths.length < 10) return false;
  const sorted = [...lengths].sort((a, b) => a - b);
  return (sorted[Math.floor(sorted.length / 2)] ?? 0) < 100 && lines.length - lengths.length > lengths.length / 5;
}

const CELL_LINE = /^\s*\|\s*$/;
const ROW_LINE = /^\s*\|.*\|\s*$/;

/** The end (exclusive) of a table starting at `index`, or undefined when no table starts there. */
function tableRegion(lines: Line[], index: number): number | undefined {
  const first = lines[index]?.text ?? '';
  if (CELL_LINE.test(first)) {
    let lastPipe = index;
    for (let i = index + 1; i < lines.length; i += 1) {
      const text = lines[i]?.text ?? '';
      if (text.trim() === '') break;
      if (CELL_LINE.test(text)) lastPipe = i;
    }
    return lastPipe > index ? lastPipe + 1 : undefined;
  }
  if (ROW_LINE.test(first) && (first.match(/\|/g) ?? []).length >= 3) {
    let end = index + 1;
    while (end < lines.length && ROW_LINE.test(lines[end]?.text ?? '')) end += 1;
    return end;
  }
  return undefined;
}

interface Token {
  text: string;
  line: number;
  start: number;
  end: number;
}

/** Cells of a table in either web form: one `|` line between cells, or Markdown rows `| a | b |`. */
function readTable(lines: Line[], index: number): TableBlock | undefined {
  const first = lines[0];
  const last = lines[lines.length - 1];
  if (!first || !last) return undefined;
  const rows = CELL_LINE.test(first.text) ? cellLineRows(lines) : markdownRows(lines);
  if (rows.length === 0) return undefined;
  return {
    kind: 'table',
    index,
    rows,
    span: { line: first.line, start: first.start, end: last.start + last.text.length },
  };
}

function cellOf(token: Token): TableCell {
  return { text: token.text, span: 1, source: { line: token.line, start: token.start, end: token.end } };
}

/**
 * The scraper's form: every cell is preceded by a `|` line and a row ends with one, so two `|` lines in a row (an
 * empty cell) end a row. A real empty cell inside a row looks the same; a short fragment that does not start like
 * a row (its first cell is no row number) is joined back to the row before it.
 */
function cellLineRows(lines: Line[]): TableRow[] {
  const tokens: Token[] = [];
  let current: Token | undefined;
  for (const line of lines) {
    if (CELL_LINE.test(line.text)) {
      if (current) tokens.push(current);
      current = { text: '', line: line.line, start: line.start + line.text.length + 1, end: line.start };
      continue;
    }
    if (!current) continue;
    const piece = line.text.trim();
    if (!piece) continue;
    if (!current.text) {
      current.line = line.line;
      current.start = line.start + line.text.indexOf(piece);
    }
    current.text = current.text ? `${current.text} ${piece}` : piece;
    current.end = line.start + line.text.length;
  }
  const rawRows: Token[][] = [];
  let row: Token[] = [];
  for (const token of tokens) {
    if (token.text === '') {
      if (row.length > 0) rawRows.push(row);
      row = [];
    } else row.push(token);
  }
  if (row.length > 0) rawRows.push(row);
  const width = rawRows[0]?.length ?? 0;
  const rows: Token[][] = [];
  for (const cells of rawRows) {
    const previous = rows[rows.length - 1];
    const firstText = cells[0]?.text ?? '';
    if (
      previous &&
      previous.length < width &&
      previous.length + cells.length <= width &&
      previous.length > 1 &&
      !ROW_NUMBER.test(firstText)
    ) {
      previous.push(...cells);
      continue;
    }
    rows.push([...cells]);
  }
  return rows.map((cells) => ({
    cells: cells.map(cellOf),
    source: {
      line: cells[0]?.line ?? 0,
      start: cells[0]?.start ?? 0,
      end: cells[cells.length - 1]?.end ?? 0,
    },
  }));
}

/** The first cell of a table row: "1", "2.3", "IV", "a", "I." (a row number, "STT"). */
export const ROW_NUMBER = /^(?:\d{1,3}(?:\.\d{1,3})*\.?|[IVXLC]{1,6}\.?|[a-zđ][.)]?)$/u;

function markdownRows(lines: Line[]): TableRow[] {
  const rows: TableRow[] = [];
  for (const line of lines) {
    if (/^\s*\|?\s*:?-{2,}/.test(line.text)) continue;
    const cells: TableCell[] = [];
    const body = line.text.replace(/^\s*\|/, '').replace(/\|\s*$/, '');
    let offset = line.start + line.text.indexOf('|') + 1;
    for (const piece of body.split('|')) {
      const text = piece.trim();
      const start = offset + (piece.length - piece.trimStart().length);
      cells.push({ text, span: 1, source: { line: line.line, start, end: start + text.length } });
      offset += piece.length + 1;
    }
    rows.push({ cells, source: { line: line.line, start: line.start, end: line.start + line.text.length } });
  }
  return rows;
}
