// Text clean-up for plan extraction: line ends, odd spacing, wrapped lines joined into paragraphs.
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

/**
 * Splits a plan text into paragraphs. A blank line always ends a paragraph. A non-blank line continues
 * the previous one (a wrapped line, as in text copied from PDF or Word) when it does not start an item
 * or heading and either starts with a lower-case letter or follows a long line that did not end a
 * sentence.
 */
export function toParagraphs(source: string): Paragraph[] {
  const lines = normalizeLineEnds(source).split('\n');
  const paragraphs: Paragraph[] = [];
  let current: { parts: string[]; line: number; lastLength: number } | undefined;
  const flush = () => {
    if (current) {
      const raw = collapseSpaces(current.parts.join(' '));
      if (raw) paragraphs.push({ raw, text: raw.normalize('NFC'), line: current.line });
    }
    current = undefined;
  };
  lines.forEach((rawLine, index) => {
    const line = collapseSpaces(rawLine);
    if (!line) {
      flush();
      return;
    }
    const nfc = line.normalize('NFC');
    if (current) {
      const previous = (current.parts[current.parts.length - 1] ?? '').normalize('NFC');
      const continues =
        !isItemStart(nfc) &&
        !/^(?:Thời gian|Thực hiện trong|Hoàn thành)/u.test(nfc) &&
        (STARTS_LOWER.test(nfc)
          ? !ENDS_SENTENCE.test(previous) || /[,;]$/.test(previous)
          : current.lastLength >= 60 && !ENDS_SENTENCE.test(previous));
      if (continues) {
        current.parts.push(line);
        current.lastLength = nfc.length;
        return;
      }
      flush();
    }
    current = { parts: [line], line: index + 1, lastLength: nfc.length };
  });
  flush();
  return paragraphs;
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
