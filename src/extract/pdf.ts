// A PDF's text layer → lines → the document model (pdfjs-dist, the maintained PDF.js build for Node). Lines are
// rebuilt from the positions of text items; a wide horizontal gap stays a wide gap (the heading's two columns), a
// tall vertical gap is a blank line (a paragraph break). Pages are capped; a PDF with (almost) no text is a scan.
import { type LineInput, paragraphsFromLines } from './normalize.js';
import type { SourceDocument } from './source.js';
import { TextBuilder } from './source.js';

export interface PdfLimits {
  maxPages: number;
}

export class PdfError extends Error {
  constructor(
    message: string,
    readonly reason: 'corrupt' | 'no-text' | 'encrypted',
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'PdfError';
  }
}

interface Item {
  str: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface PdfText {
  /** Lines of each page, top to bottom. */
  pages: string[][];
  pageCount: number;
  /** Pages read (at most the limit). */
  read: number;
}

/** Text lines of a PDF's pages. */
export async function pdfLines(bytes: Uint8Array, limits: PdfLimits): Promise<PdfText> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  let document: Awaited<ReturnType<typeof pdfjs.getDocument>['promise']>;
  try {
    document = await pdfjs.getDocument({
      data: new Uint8Array(bytes),
      isEvalSupported: false,
      useSystemFonts: false,
      disableFontFace: true,
      verbosity: 0,
    }).promise;
  } catch (error) {
    const name = (error as Error).name;
    if (name === 'PasswordException')
      throw new PdfError('the PDF is protected by a password', 'encrypted', { cause: error });
    throw new PdfError(`the PDF cannot be read: ${(error as Error).message}`, 'corrupt', { cause: error });
  }
  try {
    const pages: string[][] = [];
    const read = Math.min(document.numPages, limits.maxPages);
    for (let number = 1; number <= read; number += 1) {
      const page = await document.getPage(number);
      const content = await page.getTextContent();
      const items: Item[] = [];
      for (const item of content.items) {
        if (!('str' in item) || !item.str) continue;
        items.push({
          str: item.str,
          x: item.transform[4] ?? 0,
          y: item.transform[5] ?? 0,
          width: item.width,
          height: Math.abs(item.transform[3] ?? item.height ?? 10) || 10,
        });
      }
      pages.push(linesOf(items));
      page.cleanup();
    }
    return { pages, pageCount: document.numPages, read };
  } finally {
    await document.destroy();
  }
}

/** Items → lines: same baseline (within a third of the text height), left to right; blank lines at tall gaps. */
function linesOf(items: Item[]): string[] {
  const sorted = [...items].sort((a, b) => b.y - a.y || a.x - b.x);
  const rows: { y: number; height: number; items: Item[] }[] = [];
  for (const item of sorted) {
    const row = rows[rows.length - 1];
    if (row && Math.abs(row.y - item.y) <= Math.max(2, item.height / 3)) row.items.push(item);
    else rows.push({ y: item.y, height: item.height, items: [item] });
  }
  const lines: string[] = [];
  let previous: { y: number; height: number } | undefined;
  for (const row of rows) {
    if (previous && previous.y - row.y > Math.max(previous.height, row.height) * 1.8) lines.push('');
    row.items.sort((a, b) => a.x - b.x);
    let text = '';
    let end = 0;
    for (const item of row.items) {
      // Space items that PDF.js inserts between words say nothing about the gap.
      if (!item.str.trim()) continue;
      const gap = item.x - end;
      if (text && gap > item.height * 2) text += '    ';
      else if (text && gap > item.height * 0.15 && !text.endsWith(' ') && !item.str.startsWith(' ')) text += ' ';
      text += item.str;
      end = item.x + item.width;
    }
    lines.push(text);
    previous = row;
  }
  return lines;
}

/** The document model of a PDF's text. */
export function pdfDocument(text: PdfText): SourceDocument {
  const builder = new TextBuilder();
  const inputs: LineInput[] = [];
  text.pages.forEach((page, index) => {
    if (index > 0) builder.addLine('');
    for (const line of page) {
      // Page numbers alone on a line are not text.
      if (/^\s*(?:-\s*)?\d{1,3}(?:\s*-)?\s*$/.test(line)) continue;
      const placed = builder.addLine(line);
      inputs.push({ text: line, line: placed.line, start: placed.start });
    }
    inputs.push({ text: '', line: 0, start: 0 });
  });
  const notes = text.read < text.pageCount ? [`only the first ${text.read} of ${text.pageCount} pages were read`] : [];
  return { format: 'pdf', text: builder.text(), blocks: paragraphsFromLines(inputs, { wrapped: false }), notes };
}

/** Characters of text per page below which a PDF is taken to be a scan. */
export const SCAN_THRESHOLD = 40;

export function looksScanned(text: PdfText): boolean {
  const characters = text.pages.reduce((sum, page) => sum + page.join('').replace(/\s+/g, '').length, 0);
  return characters < SCAN_THRESHOLD * Math.max(1, text.read);
}
