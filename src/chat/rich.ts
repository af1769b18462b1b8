// Rich text helpers: plain rendering for text-only channels and splitting under a platform's length limit.
import type { Reply, RichText, Span } from './types.js';

export const bold = (text: string): Span => ({ bold: text });
export const italic = (text: string): Span => ({ italic: text });
export const code = (text: string): Span => ({ code: text });

export function spanText(span: Span): string {
  return typeof span === 'string' ? span : 'bold' in span ? span.bold : 'italic' in span ? span.italic : span.code;
}

export function plainText(text: RichText): string {
  return text.map(spanText).join('');
}

/** Same kind of span with other text. */
function withText(span: Span, text: string): Span {
  if (typeof span === 'string') return text;
  if ('bold' in span) return { bold: text };
  if ('italic' in span) return { italic: text };
  return { code: text };
}

/**
 * Splits rich text into parts whose visible length is at most `limit`, preferring line ends, then
 * sentence ends, then spaces, in the second half of the part; a word is cut only when it alone is
 * longer than the limit. Spans are cut
 * as text, so each part still renders with closed formatting.
 */
export function splitRichText(text: RichText, limit: number): RichText[] {
  const total = plainText(text);
  if (total.length <= limit) return [text];
  const cuts: number[] = [];
  let start = 0;
  while (total.length - start > limit) {
    const window = total.slice(start, start + limit + 1);
    // At least one whole character per part, even at absurd limits (an emoji is two UTF-16 units).
    // A line end, else a sentence end, else a space, each only if it keeps the part at least half full
    // (a heading's line end must not make a tiny part); failing all, the latest of them, else a hard cut.
    const breaks = [lastBreak(window, '\n'), lastSentenceEnd(window), lastBreak(window, ' ')];
    const full = breaks.find((at) => at !== undefined && at >= limit / 2);
    const latest = Math.max(...breaks.map((at) => at ?? 0));
    const cut =
      full ??
      (latest > 0 ? latest : Math.max(safeCut(total, start + limit) - start, isHighSurrogate(total, start) ? 2 : 1));
    cuts.push(start + cut);
    start += cut;
    while (start < total.length && (total[start] === '\n' || total[start] === ' ')) start += 1;
    cuts.push(start);
  }
  // Pairs of [end of a part, start of the next], then slice the spans along them.
  const bounds: [number, number][] = [];
  let from = 0;
  for (let i = 0; i < cuts.length; i += 2) {
    bounds.push([from, cuts[i] ?? total.length]);
    from = cuts[i + 1] ?? total.length;
  }
  bounds.push([from, total.length]);
  return bounds.map(([a, b]) => sliceRich(text, a, b)).filter((part) => plainText(part).trim().length > 0);
}

function lastBreak(window: string, separator: string): number | undefined {
  const index = window.lastIndexOf(separator);
  return index > 0 ? index : undefined;
}

function lastSentenceEnd(window: string): number | undefined {
  let best: number | undefined;
  for (const match of window.matchAll(/[.!?;…](?=\s)/g)) if (match.index > 0) best = match.index + 1;
  return best;
}

/** Never between the two halves of a surrogate pair (an emoji would break). */
function safeCut(text: string, at: number): number {
  return isHighSurrogate(text, at - 1) ? at - 1 : at;
}

function isHighSurrogate(text: string, index: number): boolean {
  const code = text.charCodeAt(index);
  return code >= 0xd800 && code <= 0xdbff;
}

function sliceRich(text: RichText, from: number, to: number): RichText {
  const result: RichText = [];
  let offset = 0;
  for (const span of text) {
    const content = spanText(span);
    const a = Math.max(from, offset);
    const b = Math.min(to, offset + content.length);
    if (a < b) result.push(withText(span, content.slice(a - offset, b - offset)));
    offset += content.length;
  }
  return result;
}

/** A reply's choices as numbered lines, for channels without buttons (Zalo, the console). */
export function choicesAsText(reply: Reply): string {
  if (!reply.choices?.length) return '';
  const lines = reply.choicesListed ? [] : reply.choices.map((choice, index) => `${index + 1}. ${choice.label}`);
  if (reply.choiceHint) lines.push(reply.choiceHint);
  return lines.join('\n');
}

/** Appends the numbered choices to the text, for channels without buttons. */
export function withChoicesAsText(reply: Reply): RichText {
  const choices = choicesAsText(reply);
  return choices ? [...reply.text, `\n\n${choices}`] : reply.text;
}
