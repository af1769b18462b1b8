// handlers/rich.ts: splitting rich text under a length limit (examples and seeded random inputs) and choices as text.
import { describe, expect, it } from 'vitest';
import { bold, choicesAsText, code, italic, plainText, splitRichText, withChoicesAsText } from '../../src/chat/rich.js';
import type { Reply, RichText, Span } from '../../src/chat/types.js';
import { seeded } from '../support/random.js';

type Kind = 'plain' | 'bold' | 'italic' | 'code';

function kindOf(span: Span): Kind {
  return typeof span === 'string' ? 'plain' : 'bold' in span ? 'bold' : 'italic' in span ? 'italic' : 'code';
}

function textOf(span: Span): string {
  return typeof span === 'string' ? span : 'bold' in span ? span.bold : 'italic' in span ? span.italic : span.code;
}

/** The span kind of every UTF-16 unit of the text. */
function kindsOf(text: RichText): Kind[] {
  return text.flatMap((span) => Array.from({ length: textOf(span).length }, () => kindOf(span)));
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const isSeparator = (char: string | undefined) => char === ' ' || char === '\n';

/**
 * Checks every promise of splitRichText for one input; returns a description of the first broken one.
 * The parts, in order, must be pieces of the original text with only spaces/newlines dropped between them.
 */
function violation(text: RichText, limit: number, parts: RichText[]): string | undefined {
  const total = plainText(text);
  const kinds = kindsOf(text);
  let pos = 0;
  for (const [index, part] of parts.entries()) {
    const visible = plainText(part);
    if (visible.length === 0) return `part ${index} is empty`;
    if (visible.length > limit) return `part ${index} has ${visible.length} > ${limit} units`;
    if (LONE_SURROGATE.test(visible)) return `part ${index} cuts a surrogate pair`;
    if (part.some((span) => textOf(span).length === 0)) return `part ${index} has an empty span`;
    const skipFrom = pos;
    if (!isSeparator(visible[0]))
      while (pos < total.length && isSeparator(total[pos]) && !total.startsWith(visible, pos)) pos += 1;
    if (!total.startsWith(visible, pos))
      return `part ${index} (${JSON.stringify(visible.slice(0, 30))}…) is not the text at ${pos}`;
    if (index > 0 && pos === skipFrom) {
      // Nothing was dropped: the cut is inside a word, allowed only when that word alone exceeds the limit.
      let a = pos;
      let b = pos;
      while (a > 0 && !isSeparator(total[a - 1])) a -= 1;
      while (b < total.length && !isSeparator(total[b])) b += 1;
      if (b - a <= limit)
        return `part ${index} starts inside the word ${JSON.stringify(total.slice(a, b))} of ${b - a} ≤ ${limit} units`;
    }
    let offset = pos;
    for (const span of part) {
      for (let i = 0; i < textOf(span).length; i += 1) {
        if (kinds[offset + i] !== kindOf(span))
          return `part ${index} turns ${kinds[offset + i]} text at ${offset + i} into ${kindOf(span)}`;
      }
      offset += textOf(span).length;
    }
    pos += visible.length;
  }
  const rest = total.slice(pos);
  if (!/^[ \n]*$/.test(rest)) return `text after the last part was dropped: ${JSON.stringify(rest.slice(0, 30))}`;
  return undefined;
}

const WORDS = [
  'nhiệm',
  'vụ',
  'kế',
  'hoạch',
  'Đảng',
  'ủy',
  'Ban',
  'Tuyên',
  'giáo',
  'thực',
  'hiện',
  'báo',
  'cáo',
  'đôn',
  'đốc',
  'huyện',
  'xã',
  'tháng',
  'quý',
  'năm',
  'chi',
  'bộ',
  'kiểm',
  'điểm',
  'Thường',
  'trực',
  'Tỉnh',
  'đoàn',
  'Nghị',
  'quyết',
  'số',
  '30/09/2012',
  'A<B',
  '&',
];
const EMOJI = ['😀', '🎉', '✅', '📌', '⚠️', '👍', '🇻🇳'];
const PUNCT = ['.', '!', '?', ';', '…', ','];

function randomText(random: () => number, limit: number): RichText {
  const int = (n: number) => Math.floor(random() * n);
  const pick = <T>(list: readonly T[]): T => list[int(list.length)] as T;
  const token = (): string => {
    const roll = random();
    if (roll < 0.55) return `${pick(WORDS)} `;
    if (roll < 0.65) return `${pick(WORDS)}${pick(PUNCT)} `;
    if (roll < 0.72) return `${pick(WORDS)}\n`;
    if (roll < 0.75) return '\n\n';
    if (roll < 0.82) return `${pick(EMOJI)} `;
    if (roll < 0.86) return `${pick(WORDS)}${pick(EMOJI)}${pick(WORDS)} `;
    if (roll < 0.88) return '  ';
    if (roll < 0.9) {
      // A word about as long as the limit, sometimes longer: only such words may be cut.
      let word = '';
      const length = Math.floor(limit * (0.5 + random()));
      while (word.length < length) word += random() < 0.2 ? pick(EMOJI) : pick(WORDS);
      return `${word} `;
    }
    return pick(WORDS);
  };
  const target = int(limit * 3.5) + 1;
  const spans: RichText = [];
  let length = 0;
  while (length < target) {
    let content = '';
    const tokens = 1 + int(limit < 100 ? 6 : 60);
    for (let i = 0; i < tokens; i += 1) content += token();
    const kind = pick(['plain', 'plain', 'bold', 'italic', 'code'] as const);
    spans.push(
      kind === 'plain'
        ? content
        : kind === 'bold'
          ? bold(content)
          : kind === 'italic'
            ? italic(content)
            : code(content),
    );
    length += content.length;
  }
  return spans;
}

function reply(choices: string[], extra: Partial<Reply> = {}): Reply {
  return { text: ['Chọn:'], choices: choices.map((label, index) => ({ label, payload: `o:${index + 1}` })), ...extra };
}

describe('handlers/rich', () => {
  describe('splitRichText', () => {
    it('returns text that fits as the one and only part, unchanged', () => {
      const text: RichText = ['Việc ', bold('đến hạn'), ' tháng 9'];
      expect(splitRichText(text, 100)).toEqual([text]);
      expect(splitRichText(['x'.repeat(50)], 50)).toEqual([['x'.repeat(50)]]);
    });

    it('cuts at the last line end in reach before sentence ends and spaces', () => {
      const parts = splitRichText(['Dòng thứ nhất khá dài\nCâu hai. Câu ba và bốn năm sáu'], 30);
      expect(parts).toEqual([['Dòng thứ nhất khá dài'], ['Câu hai. Câu ba và bốn năm sáu']]);
    });

    it('passes over a line end that would leave a part less than half full', () => {
      const parts = splitRichText(['Tiêu đề\nCâu hai rất dài. Câu ba và bốn năm sáu'], 30);
      expect(parts).toEqual([['Tiêu đề\nCâu hai rất dài.'], ['Câu ba và bốn năm sáu']]);
    });

    it('cuts after a sentence end when no line end is in reach', () => {
      expect(splitRichText(['Một hai ba. Bốn năm sáu bảy tám'], 20)).toEqual([
        ['Một hai ba.'],
        ['Bốn năm sáu bảy tám'],
      ]);
      expect(splitRichText(['Xong rồi! Còn việc khác nữa'], 15)).toEqual([['Xong rồi!'], ['Còn việc khác'], ['nữa']]);
    });

    it('does not take a dot inside a word or number for a sentence end', () => {
      expect(splitRichText(['Hạn 30.09.2012 cho các đơn vị'], 20)).toEqual([['Hạn 30.09.2012 cho'], ['các đơn vị']]);
    });

    it('cuts at the last space in reach when there is no line or sentence end', () => {
      expect(splitRichText(['aaaa bbbb cccc dddd'], 10)).toEqual([['aaaa bbbb'], ['cccc dddd']]);
    });

    it('drops the run of spaces and newlines at a cut, and only there', () => {
      expect(splitRichText(['aaaa bbbb \n\n  cccc dddd'], 10)).toEqual([['aaaa bbbb '], ['cccc dddd']]);
    });

    it('cuts inside a word only when that word alone exceeds the limit', () => {
      expect(splitRichText(['x'.repeat(25)], 10)).toEqual([['x'.repeat(10)], ['x'.repeat(10)], ['x'.repeat(5)]]);
      expect(splitRichText([`ab ${'y'.repeat(12)} cd`], 10)).toEqual([['ab'], ['y'.repeat(10)], ['yy cd']]);
    });

    it('never cuts an emoji (a surrogate pair) in half', () => {
      const parts = splitRichText(['😀'.repeat(10)], 5);
      expect(parts).toEqual(Array.from({ length: 5 }, () => ['😀😀']));
      const mixed = splitRichText(['abcd😀efgh😀ijkl'], 5);
      expect(mixed.map(plainText).join('')).toBe('abcd😀efgh😀ijkl');
      for (const part of mixed) expect(LONE_SURROGATE.test(plainText(part))).toBe(false);
    });

    it.each([
      ['bold', bold],
      ['italic', italic],
      ['code', code],
    ] as const)('keeps a %s span that is cut the same kind of span in both parts', (_kind, make) => {
      const parts = splitRichText([make('aaaa bbbb cccc'), ' dddd'], 10);
      expect(parts).toEqual([[make('aaaa bbbb')], [make('cccc'), ' dddd']]);
    });

    it('keeps every span of the text in order across parts', () => {
      const text: RichText = [
        'Kế hoạch ',
        bold('số 30'),
        ' giao ',
        italic('Ban Tuyên giáo'),
        ' chủ trì, hạn ',
        code('30/09/2012'),
        '.',
      ];
      const parts = splitRichText(text, 20);
      expect(parts.length).toBeGreaterThan(1);
      expect(violation(text, 20, parts)).toBeUndefined();
    });

    it.each([50, 2000, 4000])('keeps every promise for 300 seeded random texts at limit %i', (limit) => {
      for (let seed = 1; seed <= 300; seed += 1) {
        const text = randomText(seeded(seed * 7919 + limit), limit);
        const parts = splitRichText(text, limit);
        const problem = violation(text, limit, parts);
        if (problem) expect.fail(`seed ${seed}, limit ${limit}: ${problem}`);
        if (plainText(text).length <= limit) expect(parts).toEqual([text]);
      }
    });

    it('has a checker that notices broken splits', () => {
      const text: RichText = [bold('aaaa bbbb'), ' cccc'];
      expect(violation(text, 10, [[bold('aaaa bbbb')], ['cccc']])).toBeUndefined();
      expect(violation(text, 5, [[bold('aaaa bbbb')], ['cccc']])).toMatch(/> 5/);
      expect(violation(text, 10, [['aaaa bbbb'], ['cccc']])).toMatch(/turns bold/);
      expect(violation(text, 10, [[bold('aaaa bb')], [bold('bb'), ' cccc']])).toMatch(/inside the word/);
      expect(violation(text, 10, [[bold('aaaa bbbb')]])).toMatch(/dropped/);
      expect(violation(['😀😀'], 10, [['\uD83D'], ['\uDE00😀']])).toMatch(/surrogate/);
    });
  });

  describe('choicesAsText', () => {
    it('is empty without choices', () => {
      expect(choicesAsText({ text: ['x'] })).toBe('');
      expect(choicesAsText(reply([]))).toBe('');
    });

    it('numbers the choices one per line, then the hint', () => {
      expect(choicesAsText(reply(['Đến hạn tháng này', 'Quá hạn', 'Cài đặt']))).toBe(
        '1. Đến hạn tháng này\n2. Quá hạn\n3. Cài đặt',
      );
      expect(choicesAsText(reply(['A', 'B'], { choiceHint: '(Trả lời bằng số thứ tự để chọn.)' }))).toBe(
        '1. A\n2. B\n(Trả lời bằng số thứ tự để chọn.)',
      );
    });

    it('prints only the hint when the text already lists the choices', () => {
      expect(choicesAsText(reply(['1', '2', '3'], { choicesListed: true, choiceHint: '(Chọn số thứ tự.)' }))).toBe(
        '(Chọn số thứ tự.)',
      );
      expect(choicesAsText(reply(['1', '2'], { choicesListed: true }))).toBe('');
    });
  });

  describe('withChoicesAsText', () => {
    it('returns the text itself when there is nothing to add', () => {
      const plain: Reply = { text: ['Xin chào'] };
      expect(withChoicesAsText(plain)).toBe(plain.text);
      expect(withChoicesAsText(reply(['1'], { choicesListed: true }))).toEqual(['Chọn:']);
    });

    it('appends the numbered choices after a blank line, keeping the spans', () => {
      const text: RichText = [bold('Cài đặt'), '\nNgôn ngữ'];
      expect(withChoicesAsText({ ...reply(['English', 'Tắt nhắc việc'], { choiceHint: '(hint)' }), text })).toEqual([
        bold('Cài đặt'),
        '\nNgôn ngữ',
        '\n\n1. English\n2. Tắt nhắc việc\n(hint)',
      ]);
      expect(withChoicesAsText(reply(['1', '2'], { choicesListed: true, choiceHint: '(hint)' }))).toEqual([
        'Chọn:',
        '\n\n(hint)',
      ]);
    });
  });
});
