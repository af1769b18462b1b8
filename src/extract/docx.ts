// A Word .docx → the document model: paragraphs with the heading markers Word's automatic numbering draws
// (word/numbering.xml, a paragraph's or its style's w:numPr: "I.", "1.", "a)"), and tables with merged cells
// (w:gridSpan across, w:vMerge down). Pure: bytes in, model out.
import type { ParagraphBlock, SourceBlock, SourceDocument, TableBlock, TableCell, TableRow } from './source.js';
import { TextBuilder } from './source.js';
import { readZipEntry, type ZipEntry, zipEntries } from './zip.js';

export interface DocxLimits {
  /** The most bytes any one part (document.xml) may inflate to. */
  maxPartBytes: number;
}

interface Tag {
  name: string;
  attributes: string;
  closing: boolean;
  selfClosing: boolean;
}

type Token = { tag: Tag } | { text: string };

/** A flat stream of tags and text; enough for WordprocessingML, whose text never holds markup. */
function* tokens(xml: string): Generator<Token> {
  const pattern = /<(\/?)([A-Za-z_][\w.:-]*)((?:\s+[^>]*?)?)(\/?)>|([^<]+)|<[?!][^>]*>/g;
  for (const match of xml.matchAll(pattern)) {
    if (match[5] !== undefined) yield { text: match[5] };
    else if (match[2])
      yield {
        tag: { name: match[2], attributes: match[3] ?? '', closing: match[1] === '/', selfClosing: match[4] === '/' },
      };
  }
}

function attribute(tag: Tag, name: string): string | undefined {
  const match = new RegExp(`${name.replace(':', '\\:')}="([^"]*)"`).exec(tag.attributes);
  return match?.[1] !== undefined ? decodeEntities(match[1]) : undefined;
}

function decodeEntities(text: string): string {
  return text.replace(/&(#x?[0-9a-fA-F]+|lt|gt|quot|apos|amp);/g, (all, entity: string) => {
    if (entity === 'lt') return '<';
    if (entity === 'gt') return '>';
    if (entity === 'quot') return '"';
    if (entity === 'apos') return "'";
    if (entity === 'amp') return '&';
    const code = entity.startsWith('#x') ? Number.parseInt(entity.slice(2), 16) : Number.parseInt(entity.slice(1), 10);
    return Number.isFinite(code) && code > 0 && code < 0x110000 ? String.fromCodePoint(code) : all;
  });
}

// ------------------------------------------------------------------------------------------------
// Numbering.

interface Level {
  start: number;
  format: string;
  text: string;
}

interface Numbering {
  /** numId → abstractNumId and the levels' start overrides. */
  nums: Map<string, { abstract: string; starts: Map<number, number> }>;
  abstracts: Map<string, Map<number, Level>>;
}

export function readNumbering(xml: string | undefined): Numbering {
  const numbering: Numbering = { nums: new Map(), abstracts: new Map() };
  if (!xml) return numbering;
  let abstract: Map<number, Level> | undefined;
  let level: Level | undefined;
  let levelIndex = 0;
  let num: { abstract: string; starts: Map<number, number> } | undefined;
  let overrideLevel: number | undefined;
  for (const token of tokens(xml)) {
    if (!('tag' in token)) continue;
    const { tag } = token;
    if (tag.name === 'w:abstractNum' && !tag.closing) {
      abstract = new Map();
      numbering.abstracts.set(attribute(tag, 'w:abstractNumId') ?? '', abstract);
    } else if (tag.name === 'w:abstractNum' && tag.closing) abstract = undefined;
    else if (tag.name === 'w:lvl' && !tag.closing && abstract) {
      levelIndex = Number(attribute(tag, 'w:ilvl') ?? 0);
      level = { start: 1, format: 'decimal', text: `%${levelIndex + 1}.` };
      abstract.set(levelIndex, level);
    } else if (tag.name === 'w:lvl' && tag.closing) level = undefined;
    else if (level && tag.name === 'w:start') level.start = Number(attribute(tag, 'w:val') ?? 1);
    else if (level && tag.name === 'w:numFmt') level.format = attribute(tag, 'w:val') ?? 'decimal';
    else if (level && tag.name === 'w:lvlText') level.text = attribute(tag, 'w:val') ?? '';
    else if (tag.name === 'w:num' && !tag.closing) {
      num = { abstract: '', starts: new Map() };
      numbering.nums.set(attribute(tag, 'w:numId') ?? '', num);
    } else if (tag.name === 'w:num' && tag.closing) num = undefined;
    else if (num && tag.name === 'w:abstractNumId') num.abstract = attribute(tag, 'w:val') ?? '';
    else if (num && tag.name === 'w:lvlOverride' && !tag.closing) overrideLevel = Number(attribute(tag, 'w:ilvl') ?? 0);
    else if (num && tag.name === 'w:startOverride' && overrideLevel !== undefined)
      num.starts.set(overrideLevel, Number(attribute(tag, 'w:val') ?? 1));
  }
  return numbering;
}

const ROMAN: [number, string][] = [
  [1000, 'M'],
  [900, 'CM'],
  [500, 'D'],
  [400, 'CD'],
  [100, 'C'],
  [90, 'XC'],
  [50, 'L'],
  [40, 'XL'],
  [10, 'X'],
  [9, 'IX'],
  [5, 'V'],
  [4, 'IV'],
  [1, 'I'],
];

function roman(value: number): string {
  let rest = value;
  let out = '';
  for (const [amount, letters] of ROMAN)
    while (rest >= amount) {
      out += letters;
      rest -= amount;
    }
  return out;
}

function formatNumber(value: number, format: string): string {
  switch (format) {
    case 'upperRoman':
      return roman(value);
    case 'lowerRoman':
      return roman(value).toLowerCase();
    case 'upperLetter':
      return String.fromCharCode(64 + (((value - 1) % 26) + 1));
    case 'lowerLetter':
      return String.fromCharCode(96 + (((value - 1) % 26) + 1));
    case 'bullet':
      return '';
    case 'none':
      return '';
    default:
      return String(value);
  }
}

/** Counters of a document's lists: each paragraph with a w:numPr advances its level and resets the deeper ones. */
class ListCounters {
  private readonly counters = new Map<string, number[]>();

  constructor(private readonly numbering: Numbering) {}

  marker(numId: string, ilvl: number): string | undefined {
    const num = this.numbering.nums.get(numId);
    if (!num || numId === '0') return undefined;
    const levels = this.numbering.abstracts.get(num.abstract);
    const level = levels?.get(ilvl);
    if (!levels || !level) return undefined;
    const startOf = (index: number) => num.starts.get(index) ?? levels.get(index)?.start ?? 1;
    const counts = this.counters.get(numId) ?? [];
    counts[ilvl] = counts[ilvl] === undefined ? startOf(ilvl) : (counts[ilvl] as number) + 1;
    counts.length = ilvl + 1;
    this.counters.set(numId, counts);
    if (level.format === 'bullet') return level.text.trim() ? '-' : undefined;
    const text = level.text.replace(/%(\d)/g, (_, n: string) => {
      const index = Number(n) - 1;
      const value = counts[index] ?? startOf(index);
      return formatNumber(value, levels.get(index)?.format ?? 'decimal');
    });
    return text.trim() || undefined;
  }
}

/** Paragraph styles' own numbering (w:style/w:pPr/w:numPr), for headings numbered by style. */
function readStyleNumbering(xml: string | undefined): Map<string, { numId: string; ilvl: number }> {
  const styles = new Map<string, { numId: string; ilvl: number }>();
  if (!xml) return styles;
  let style: string | undefined;
  let numId: string | undefined;
  let ilvl = 0;
  for (const token of tokens(xml)) {
    if (!('tag' in token)) continue;
    const { tag } = token;
    if (tag.name === 'w:style' && !tag.closing) {
      style = attribute(tag, 'w:styleId');
      numId = undefined;
      ilvl = 0;
    } else if (tag.name === 'w:style' && tag.closing) {
      if (style && numId) styles.set(style, { numId, ilvl });
      style = undefined;
    } else if (style && tag.name === 'w:numId') numId = attribute(tag, 'w:val');
    else if (style && tag.name === 'w:ilvl') ilvl = Number(attribute(tag, 'w:val') ?? 0);
  }
  return styles;
}

// ------------------------------------------------------------------------------------------------
// The body.

interface RawParagraph {
  text: string;
  marker?: string;
  bold: boolean;
}

interface RawCell {
  paragraphs: RawParagraph[];
  span: number;
  merge?: 'restart' | 'continue';
}

type RawBlock = { paragraph: RawParagraph } | { rows: RawCell[][] };

function readBody(
  xml: string,
  counters: ListCounters,
  styles: Map<string, { numId: string; ilvl: number }>,
): RawBlock[] {
  const blocks: RawBlock[] = [];
  const tables: { rows: RawCell[][]; row?: RawCell[]; cell?: RawCell }[] = [];
  let paragraph:
    | { text: string; numId?: string; ilvl?: number; style?: string; runs: number; boldRuns: number }
    | undefined;
  let inText = false;
  let run: { bold: boolean; text: boolean } | undefined;
  let inRunProperties = false;
  let inParagraphProperties = false;
  for (const token of tokens(xml)) {
    if ('text' in token) {
      if (inText && paragraph) {
        paragraph.text += decodeEntities(token.text);
        if (run) run.text = true;
      }
      continue;
    }
    const { tag } = token;
    const table = tables[tables.length - 1];
    switch (tag.name) {
      case 'w:tbl':
        if (tag.closing) {
          const done = tables.pop();
          if (done) {
            const parent = tables[tables.length - 1];
            // A table inside a cell: its text joins the cell's.
            if (parent?.cell)
              parent.cell.paragraphs.push(...done.rows.flatMap((row) => row.flatMap((cell) => cell.paragraphs)));
            else blocks.push({ rows: done.rows });
          }
        } else if (!tag.selfClosing) tables.push({ rows: [] });
        break;
      case 'w:tr':
        if (table) {
          if (tag.closing) {
            if (table.row) table.rows.push(table.row);
            table.row = undefined;
          } else table.row = [];
        }
        break;
      case 'w:tc':
        if (table) {
          if (tag.closing) {
            if (table.cell) table.row?.push(table.cell);
            table.cell = undefined;
          } else table.cell = { paragraphs: [], span: 1 };
        }
        break;
      case 'w:gridSpan':
        if (table?.cell) table.cell.span = Math.max(1, Number(attribute(tag, 'w:val') ?? 1));
        break;
      case 'w:vMerge':
        if (table?.cell) table.cell.merge = attribute(tag, 'w:val') === 'restart' ? 'restart' : 'continue';
        break;
      case 'w:p':
        if (tag.closing || tag.selfClosing) {
          if (paragraph) {
            const numbered =
              paragraph.numId !== undefined
                ? { numId: paragraph.numId, ilvl: paragraph.ilvl ?? 0 }
                : paragraph.style
                  ? styles.get(paragraph.style)
                  : undefined;
            const marker = numbered ? counters.marker(numbered.numId, numbered.ilvl) : undefined;
            const done: RawParagraph = {
              text: paragraph.text,
              ...(marker ? { marker } : {}),
              bold: paragraph.runs > 0 && paragraph.boldRuns === paragraph.runs,
            };
            const cell = tables[tables.length - 1]?.cell;
            if (cell) cell.paragraphs.push(done);
            else blocks.push({ paragraph: done });
          }
          paragraph = undefined;
        } else paragraph = { text: '', runs: 0, boldRuns: 0 };
        break;
      case 'w:pPr':
        inParagraphProperties = !tag.closing && !tag.selfClosing;
        break;
      case 'w:pStyle':
        if (paragraph && inParagraphProperties) paragraph.style = attribute(tag, 'w:val');
        break;
      case 'w:numId':
        if (paragraph && inParagraphProperties) paragraph.numId = attribute(tag, 'w:val');
        break;
      case 'w:ilvl':
        if (paragraph && inParagraphProperties) paragraph.ilvl = Number(attribute(tag, 'w:val') ?? 0);
        break;
      case 'w:r':
        if (tag.closing) {
          if (paragraph && run?.text) {
            paragraph.runs += 1;
            if (run.bold) paragraph.boldRuns += 1;
          }
          run = undefined;
        } else if (!tag.selfClosing) run = { bold: false, text: false };
        break;
      case 'w:rPr':
        inRunProperties = !tag.closing && !tag.selfClosing;
        break;
      case 'w:b':
        if (run && inRunProperties) run.bold = attribute(tag, 'w:val') !== '0' && attribute(tag, 'w:val') !== 'false';
        break;
      case 'w:t':
        inText = !tag.closing && !tag.selfClosing;
        break;
      case 'w:tab':
        if (paragraph && !inParagraphProperties) paragraph.text += '\t';
        break;
      case 'w:br':
      case 'w:cr':
        if (paragraph) paragraph.text += '\n';
        break;
      default:
        break;
    }
  }
  return blocks;
}

/** The document model of a .docx (its parts checked against the limit before they are inflated). */
export function readDocx(bytes: Uint8Array, limits: DocxLimits): SourceDocument {
  const entries = zipEntries(bytes);
  const part = (name: string): string | undefined => {
    const entry = entries.find((item: ZipEntry) => item.name === name);
    return entry ? readZipEntry(bytes, entry, limits.maxPartBytes).toString('utf8') : undefined;
  };
  const documentXml = part('word/document.xml');
  if (documentXml === undefined) throw new DocxError('the archive has no word/document.xml: not a Word document');
  const counters = new ListCounters(readNumbering(part('word/numbering.xml')));
  const raw = readBody(documentXml, counters, readStyleNumbering(part('word/styles.xml')));
  return toDocument(raw);
}

export class DocxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DocxError';
  }
}

function toDocument(raw: RawBlock[]): SourceDocument {
  const builder = new TextBuilder();
  const blocks: SourceBlock[] = [];
  let tables = 0;
  for (const block of raw) {
    if ('paragraph' in block) {
      const text = block.paragraph.text
        .replace(/[\t\n]+/g, ' ')
        .replace(/\s+/g, ' ')
        .trim();
      if (!text && !block.paragraph.marker) continue;
      const prefix = block.paragraph.marker ? `${block.paragraph.marker} ` : '';
      const { line, start } = builder.addLine(`${prefix}${text}`);
      const textStart = start + prefix.length;
      const paragraph: ParagraphBlock = {
        kind: 'paragraph',
        raw: text,
        span: { line, start, end: textStart + text.length },
        offsets: [...Array(text.length).keys()].map((index) => textStart + index),
        ...(block.paragraph.marker ? { marker: block.paragraph.marker } : {}),
        ...(block.paragraph.bold ? { emphasised: true } : {}),
      };
      blocks.push(paragraph);
      builder.addLine('');
      continue;
    }
    tables += 1;
    blocks.push(tableBlock(block.rows, tables, builder));
    builder.addLine('');
  }
  return { format: 'docx', text: builder.text(), blocks, notes: [] };
}

function tableBlock(rawRows: RawCell[][], index: number, builder: TextBuilder): TableBlock {
  const rows: TableRow[] = [];
  let firstLine = 0;
  let firstStart = 0;
  let lastEnd = 0;
  for (const rawRow of rawRows) {
    const texts = rawRow.map((cell) =>
      cell.paragraphs
        .map((paragraph) =>
          `${paragraph.marker ? `${paragraph.marker} ` : ''}${paragraph.text}`.replace(/\s+/g, ' ').trim(),
        )
        .filter(Boolean)
        .join('\n'),
    );
    const line = `| ${texts.map((text) => text.replace(/\n/g, ' / ')).join(' | ')} |`;
    const placed = builder.addLine(line);
    if (rows.length === 0) {
      firstLine = placed.line;
      firstStart = placed.start;
    }
    let offset = placed.start + 2;
    const cells: TableCell[] = rawRow.map((cell, cellIndex) => {
      const shown = (texts[cellIndex] ?? '').replace(/\n/g, ' / ');
      const source = { line: placed.line, start: offset, end: offset + shown.length };
      offset += shown.length + 3;
      return {
        text: texts[cellIndex] ?? '',
        span: cell.span,
        ...(cell.merge === 'continue' ? { mergedAbove: true } : {}),
        source,
      };
    });
    lastEnd = placed.start + line.length;
    rows.push({ cells, source: { line: placed.line, start: placed.start, end: placed.start + line.length } });
  }
  return { kind: 'table', index, rows, span: { line: firstLine, start: firstStart, end: lastEnd } };
}
