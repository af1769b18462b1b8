// Text clean-up for plan extraction: line ends, odd spacing, wrapped lines joined into paragraphs.
import type { ParagraphBlock } from './source.js';
//
// Two forms of every piece of text are kept: `raw` keeps the source file's own code points (the source
// files mix precomposed and decomposed Vietnamese letters, and quotes must match the stored source text),
// with runs of white space collapsed; `text` is the NFC form used for matching and for titles.

export interface Paragraph {
  /** The source's code points, white space collapsed to single spaces. */
  raw: string;
  /** NFC form of `raw`. */
  text: string;
  /** 1-based line in the source where the paragraph starts. */
  line: number;
  /** Offsets in the normalised text of each character of `raw` (absent for text split without them). */
  offsets?: number[];
  /** A heading marker the text does not carry (Word's numbering). */
  marker?: string;
  emphasised?: boolean;
}

/** CRLF/CR to LF, a leading BOM removed. */
export function normalizeLineEnds(source: string): string {
  return source.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
}

/** Collapses every run of white space (tabs, no-break and other Unicode spaces included) to one space. */
export function collapseSpaces(text: string): string {
  return text.replace(/[\s\u00a0\u2000-\u200b\u202f\u205f\u3000]+/gu, ' ').trim();
}

/**
 * Folds to lower-case ASCII like foldText, but one output character per input (NFC) character, so that
 * positions found in the folded text are positions in the NFC text too.
 */
export function foldKeepLength(nfc: string): string {
  let out = '';
  for (const char of nfc) {
    let folded =
      char === 'đ' || char === 'Đ'
        ? 'd'
        : char
            .normalize('NFD')
            .replace(/[\u0300-\u036f]/g, '')
            .toLowerCase();
    if (folded.length !== char.length) folded = folded.slice(0, char.length).padEnd(char.length, ' ');
    out += folded;
  }
  return out;
}

/** Starts of items and headings: a line starting like this always begins a new paragraph. */
const ITEM_START =
  /^(?:[IVXLC]{1,6}\s*[.\-/)]|[A-ZĐ]\s*[.)/-]\s|\d{1,2}(?:\.\d{1,2})*\s*[.)/-]+\s*(?!\d)|[a-zđ]\s*[).]\s*-?|[-+*•–·]\s|\(\d{1,2}\)|\(?[a-zđ]\)\s)/u;
const ENDS_SENTENCE = /[.:;!?…"”)]$/u;
const STARTS_LOWER = /^\p{Ll}/u;

export function isItemStart(line: string): boolean {
  return ITEM_START.test(line);
}

/** One line of a document on its way to paragraphs: its text and where it is in the normalised text. */
export interface LineInput {
  text: string;
  line: number;
  start: number;
  /** The line starts with emphasis (`**`, `*` in web-copied text; bold in a PDF). */
  emphasisOpens?: boolean;
  /** The line ends with emphasis. */
  emphasisCloses?: boolean;
}

/** A line that is only a heading marker ("1.", "III.", "a)"): the heading's words are on the next line. */
const MARKER_ONLY = /^(?:[IVXLC]{1,6}|\d{1,2}(?:\.\d{1,2})*|[a-zđ])\s*[.)/-]*$/u;

/**
 * Whether a line continues the paragraph before it. In wrapped text (paragraphs separated by blank lines, lines
 * cut at a width) every line continues unless it starts an item after a line that ended a sentence. Otherwise a
 * line continues when it does not start an item or a time line and either starts in lower case after a line
 * that did not end a sentence, or follows a long line that did not end a sentence.
 */
export function joinsPrevious(previous: string, previousLength: number, line: string, wrapped: boolean): boolean {
  if (MARKER_ONLY.test(previous.trim())) return true;
  if (wrapped) return !(isItemStart(line) && (ENDS_SENTENCE.test(previous) || /[:;]$/.test(previous)));
  return (
    !isItemStart(line) &&
    !/^(?:Thời gian|Thực hiện trong|Hoàn thành)/u.test(line) &&
    (STARTS_LOWER.test(line)
      ? !ENDS_SENTENCE.test(previous) || /[,;]$/.test(previous)
      : previousLength >= 60 && !ENDS_SENTENCE.test(previous))
  );
}

/**
 * Lines → paragraphs. A blank line always ends a paragraph; an emphasised line (a heading in web text) stands
 * alone unless the emphasis runs on (a heading wrapped over lines). `raw` keeps the source's code points with
 * white space collapsed, and `offsets` maps each of its characters back to the normalised text.
 */
export function paragraphsFromLines(lines: LineInput[], options: { wrapped: boolean }): ParagraphBlock[] {
  const paragraphs: ParagraphBlock[] = [];
  let current:
    | { raw: string; offsets: number[]; line: number; lastLength: number; opens: boolean; closes: boolean }
    | undefined;
  let previousText = '';
  let blankAfter = false;
  const flush = () => {
    if (current?.raw.trim()) {
      let raw = current.raw;
      let offsets = current.offsets;
      const lead = raw.length - raw.trimStart().length;
      raw = raw.slice(lead).trimEnd();
      offsets = offsets.slice(lead, lead + raw.length);
      paragraphs.push({
        kind: 'paragraph',
        raw,
        span: { line: current.line, start: offsets[0] ?? 0, end: (offsets[offsets.length - 1] ?? 0) + 1 },
        offsets,
        ...(current.opens && current.closes ? { emphasised: true } : {}),
      });
    }
    current = undefined;
  };
  for (const input of lines) {
    const collapsed = collapseWithOffsets(input.text, input.start);
    if (!collapsed.text) {
      // In wrapped text a blank line may fall inside a sentence: keep the paragraph open until the next line shows
      // whether it goes on (a lower-case start after a line that did not end a sentence).
      if (options.wrapped && current) blankAfter = true;
      else {
        flush();
        previousText = '';
      }
      continue;
    }
    const nfc = collapsed.text.normalize('NFC');
    if (blankAfter) {
      blankAfter = false;
      const previous = previousText.normalize('NFC');
      if (!(STARTS_LOWER.test(nfc) && !ENDS_SENTENCE.test(previous) && !isItemStart(nfc))) {
        flush();
        previousText = '';
      }
    }
    if (current) {
      const previous = previousText.normalize('NFC');
      // Emphasis that ends on one line and does not go on at the next separates a heading from its text.
      const standalone =
        current.opens &&
        current.closes !== Boolean(input.emphasisOpens && input.emphasisCloses) &&
        !MARKER_ONLY.test(previous.trim());
      if (!standalone && joinsPrevious(previous, current.lastLength, nfc, options.wrapped)) {
        current.closes = Boolean(input.emphasisCloses);
        current.offsets.push(collapsed.offsets[0] ?? input.start);
        current.raw += ' ';
        current.raw += collapsed.text;
        current.offsets.push(...collapsed.offsets);
        current.lastLength = nfc.length;
        previousText = collapsed.text;
        continue;
      }
      flush();
    }
    current = {
      raw: collapsed.text,
      offsets: [...collapsed.offsets],
      line: input.line,
      lastLength: nfc.length,
      opens: Boolean(input.emphasisOpens),
      closes: Boolean(input.emphasisCloses),
    };
    previousText = collapsed.text;
  }
  flush();
  return paragraphs;
}

/** A line with runs of white space collapsed, and each kept character's offset in the normalised text. */
function collapseWithOffsets(text: string, base: number): { text: string; offsets: number[] } {
  let out = '';
  const offsets: number[] = [];
  let space = false;
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index] as string;
    if (SPACE.test(char)) {
      space = out.length > 0;
      continue;
    }
    if (space) {
      out += ' ';
      offsets.push(base + index - 1);
      space = false;
    }
    out += char;
    offsets.push(base + index);
  }
  return { text: out, offsets };
}

const SPACE = /[\s\u00a0\u2000-\u200b\u202f\u205f\u3000]/u;

/**
 * Splits a plan text into paragraphs (plain text; see `readTextDocument` for web-copied text and tables).
 */
export function toParagraphs(source: string): Paragraph[] {
  let start = 0;
  const lines: LineInput[] = normalizeLineEnds(source)
    .split('\n')
    .map((text, index) => {
      const line = { text, line: index + 1, start };
      start += text.length + 1;
      return line;
    });
  return paragraphsFromLines(lines, { wrapped: false }).map((paragraph) => ({
    raw: paragraph.raw,
    text: paragraph.raw.normalize('NFC'),
    line: paragraph.span.line,
  }));
}

/** The raw lines of a text (line ends normalised, spaces collapsed), for the header block. */
export function cleanLines(source: string): { raw: string; text: string; line: number }[] {
  return normalizeLineEnds(source)
    .split('\n')
    .map((line, index) => {
      const raw = collapseSpaces(line);
      return { raw, text: raw.normalize('NFC'), line: index + 1 };
    })
    .filter((line) => line.raw !== '');
}
