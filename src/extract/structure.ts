// The section structure of a plan: roman parts ("IV.-", "II-"), numbered items ("1.", "2/-", "3)"),
// lettered items ("a)", "c)-", "đ.") and the bullets inside them ("-", "+", "(1)").
import { type Paragraph, toParagraphs } from './normalize.js';

export type HeadingKind = 'roman' | 'number' | 'letter';

export interface Heading {
  kind: HeadingKind;
  /** The marker as a ref segment: "IV", "2", "c", "2.1". */
  label: string;
  /** The heading's words after the marker (NFC). */
  title: string;
  /** The same in the source's own code points. */
  rawTitle: string;
}

export interface Block {
  /** The section path the block lies in, e.g. "IV.2.c" (empty before the first heading). */
  ref: string;
  /** Headings from the top down to the block's own section. */
  path: Heading[];
  /** Set when the paragraph is itself a heading. */
  heading?: Heading;
  /** Bullet marker of an item ("-", "+", "*", "(1)"), absent for plain paragraphs. */
  bullet?: string;
  /** Paragraph text without the heading or bullet marker. */
  text: string;
  raw: string;
  line: number;
  /** The paragraph the block is, and where `raw` starts in its raw text (to locate sentences). */
  paragraph?: Paragraph;
  rawStart: number;
}

const ROMAN = /^([IVXLC]{1,6})\s*(?:[.)/]\s*-?|-)\s*(?=\S)/u;
// "2/-" and "2/ " are markers, "71/NQ-CP" is a citation; "4- " is a marker, "57-NQ/TW" is not.
const NUMBER = /^(\d{1,2}(?:\.\d{1,2})*)\s*(?:[.)]+\/?\s*-?|\/(?=\s*-|\s)\s*-?|-(?=\s))\s*(?=[^\d\s])/u;
const LETTER = /^([a-zđ])\s*(?:\)\s*[-.]?|\.\s*-?)\s*(?=\S)/u;
const BULLET = /^([-+*•–·]|\(\d{1,2}\)|\d{1,2}\))\s*/u;

const ROMAN_VALUE: Record<string, number> = { I: 1, V: 5, X: 10, L: 50, C: 100 };

export function romanToNumber(roman: string): number | undefined {
  let total = 0;
  for (let index = 0; index < roman.length; index += 1) {
    const value = ROMAN_VALUE[roman[index] ?? ''];
    const next = ROMAN_VALUE[roman[index + 1] ?? ''] ?? 0;
    if (value === undefined) return undefined;
    total += value < next ? -value : value;
  }
  return total > 0 && total < 40 ? total : undefined;
}

/** Reads a heading marker at the start of a paragraph; undefined for ordinary text. */
export function readHeading(text: string): { heading: Heading; rest: number } | undefined {
  const roman = ROMAN.exec(text);
  if (roman?.[1] && romanToNumber(roman[1]) !== undefined) {
    const title = text.slice(roman[0].length);
    // "I." followed by ordinary prose ("I. Tôi ...") is unlikely in a plan; a roman part title is usually
    // in capitals or ends with a colon. Accept either, or a short title.
    if (/^\p{Lu}/u.test(title))
      return { heading: { kind: 'roman', label: roman[1], title, rawTitle: '' }, rest: roman[0].length };
  }
  const number = NUMBER.exec(text);
  if (number?.[1]) {
    return {
      heading: { kind: 'number', label: number[1], title: text.slice(number[0].length), rawTitle: '' },
      rest: number[0].length,
    };
  }
  const letter = LETTER.exec(text);
  if (letter?.[1]) {
    return {
      heading: { kind: 'letter', label: letter[1], title: text.slice(letter[0].length), rawTitle: '' },
      rest: letter[0].length,
    };
  }
  return undefined;
}

const RANK: Record<HeadingKind, number> = { roman: 1, number: 2, letter: 3 };

const LETTERS = 'abcdđeghiklmnopqrstuvxy';

function ordinal(heading: Heading): number | undefined {
  if (heading.kind === 'roman') return romanToNumber(heading.label);
  if (heading.kind === 'letter') return LETTERS.indexOf(heading.label) + 1 || undefined;
  const last = heading.label.split('.').pop();
  return last ? Number(last) : undefined;
}

/**
 * A heading must follow its siblings: "5." after "4." (a gap of a few is a lost heading), the first of its
 * kind under a parent small. A number that breaks the sequence is the start of an ordinary sentence.
 */
function followsSiblings(heading: Heading, path: Heading[], last: Map<string, number>): boolean {
  const value = ordinal(heading);
  if (value === undefined) return false;
  if (heading.kind === 'letter') return true;
  const previous = last.get(siblingKey(heading, path));
  return previous === undefined ? value <= 5 : value > previous - 1 && value <= previous + 5;
}

function siblingKey(heading: Heading, path: Heading[]): string {
  const parents = path.filter(
    (item) =>
      RANK[item.kind] < RANK[heading.kind] ||
      (item.kind === 'number' && heading.kind === 'number' && heading.label.startsWith(`${item.label}.`)),
  );
  return `${refOf(parents)}|${heading.kind}|${heading.label.split('.').length}`;
}

/** Splits a plan text into blocks that know their section ref. */
export function parseStructure(source: string | Paragraph[]): Block[] {
  const paragraphs = typeof source === 'string' ? toParagraphs(source) : source;
  const blocks: Block[] = [];
  let path: Heading[] = [];
  const last = new Map<string, number>();
  for (const paragraph of paragraphs) {
    const marked = paragraph.marker ? `${paragraph.marker} ${paragraph.text}` : paragraph.text;
    let found = readHeading(marked);
    if (found && !followsSiblings(found.heading, path, last)) found = undefined;
    if (found) {
      last.set(siblingKey(found.heading, path), ordinal(found.heading) ?? 0);
      const markerLength = paragraph.marker ? paragraph.marker.length + 1 : 0;
      const rawOffset = rawOffsetOf(paragraph.raw, Math.max(0, found.rest - markerLength));
      const heading: Heading = { ...found.heading, rawTitle: paragraph.raw.slice(rawOffset).trim() };
      // A number "2.1" under "2" is deeper than "2"; otherwise the rank decides.
      path = path.filter(
        (item) =>
          RANK[item.kind] < RANK[heading.kind] ||
          (item.kind === 'number' && heading.kind === 'number' && heading.label.startsWith(`${item.label}.`)),
      );
      path.push(heading);
      blocks.push({
        ref: refOf(path),
        path: [...path],
        heading,
        text: heading.title.trim(),
        raw: heading.rawTitle,
        line: paragraph.line,
        paragraph,
        rawStart: paragraph.raw.length - heading.rawTitle.length,
      });
      continue;
    }
    const bullet = BULLET.exec(paragraph.text);
    const rest = bullet ? bullet[0].length : 0;
    blocks.push({
      ref: refOf(path),
      path: [...path],
      ...(bullet?.[1] ? { bullet: bullet[1] } : {}),
      text: paragraph.text.slice(rest).trim(),
      raw: paragraph.raw.slice(rawOffsetOf(paragraph.raw, rest)).trim(),
      line: paragraph.line,
      paragraph,
      rawStart: rawOffsetOf(paragraph.raw, rest),
    });
  }
  return blocks;
}

export function refOf(path: Heading[]): string {
  // "2.1" under "2" reads IV.2.1, not IV.2.2.1.
  return path
    .filter((heading, index) => {
      const next = path[index + 1];
      return !(heading.kind === 'number' && next?.kind === 'number' && next.label.startsWith(`${heading.label}.`));
    })
    .map((heading) => heading.label)
    .join('.');
}

/**
 * The offset in `raw` that corresponds to `nfcOffset` characters of its NFC form (the prefix being
 * markers and spaces, this is exact as long as the prefix holds no decomposed letters).
 */
function rawOffsetOf(raw: string, nfcOffset: number): number {
  for (let offset = 0; offset <= raw.length; offset += 1) {
    if (raw.slice(0, offset).normalize('NFC').length >= nfcOffset) return offset;
  }
  return raw.length;
}
