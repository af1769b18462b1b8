// src/domain/invite-code.ts: generating codes from the look-alike-free alphabet, recognising typed codes, parsing /moi durations.
import { describe, expect, it } from 'vitest';
import {
  CODE_ALPHABET,
  CODE_LENGTH,
  generateCode,
  looksLikeCode,
  normalizeCode,
  parseDuration,
} from '../../src/domain/invite-code.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

describe('src/domain/invite-code', () => {
  describe('generateCode', () => {
    it('draws CODE_LENGTH characters, asking the random source for an index below the alphabet size each time', () => {
      const asked: number[] = [];
      let next = 20;
      const code = generateCode((max) => {
        asked.push(max);
        return next++ % max;
      });
      // Indexes 20..27 mix letters and digits already: nothing is replaced.
      expect(code).toBe(CODE_ALPHABET.slice(20, 20 + CODE_LENGTH));
      expect(asked).toEqual(Array.from({ length: CODE_LENGTH }, () => CODE_ALPHABET.length));
    });

    it('puts a digit into an all-letter draw and a letter into an all-digit one', () => {
      expect(generateCode(() => 0)).toBe('2AAAAAAA');
      expect(generateCode((max) => max - 1)).toBe('9999999Z');
      expect(looksLikeCode('AAAAAAAA')).toBe(false);
      expect(looksLikeCode('99999999')).toBe(false);
    });

    it('makes 8-character codes of unambiguous characters by default', () => {
      for (let i = 0; i < 200; i += 1) {
        const code = generateCode();
        expect(code).toMatch(/^[A-Z2-9]{8}$/);
        expect(code).not.toMatch(/[01ILO]/);
        expect(looksLikeCode(code)).toBe(true);
      }
    });

    it('uses an alphabet without 0 O 1 I L and without repeats', () => {
      expect(CODE_LENGTH).toBe(8);
      expect(CODE_ALPHABET).not.toMatch(/[01ILO]/);
      expect(new Set(CODE_ALPHABET).size).toBe(CODE_ALPHABET.length);
      expect(CODE_ALPHABET).toMatch(/^[A-Z2-9]+$/);
    });
  });

  describe('looksLikeCode', () => {
    it.each(['K7M2Q9XP', 'k7m2q9xp', 'K7m2Q9xP', 'K7M2 Q9XP', 'k7m2-q9xp', ' K7M2-Q9XP ', 'K 7 M 2 - Q 9 X P'])(
      'accepts %j as typed on a phone',
      (text) => {
        expect(looksLikeCode(text)).toBe(true);
      },
    );

    it('normalises to upper case without spaces and dashes', () => {
      expect(normalizeCode(' k7m2-q9 xp ')).toBe('K7M2Q9XP');
    });

    it.each([
      ['a zero', 'K7M2Q9X0'],
      ['a letter O', 'K7M2Q9XO'],
      ['a lower-case o', 'k7m2q9xo'],
      ['a one', 'K7M2Q9X1'],
      ['a letter I', 'K7M2Q9XI'],
      ['a lower-case i', 'k7m2q9xi'],
      ['a letter L', 'K7M2Q9XL'],
      ['a lower-case l', 'k7m2q9xl'],
      ['7 characters', 'K7M2Q9X'],
      ['9 characters', 'K7M2Q9XPA'],
      ['nothing', ''],
      ['only dashes', '--------'],
      ['punctuation', 'K7M2.Q9XP'],
      ['an underscore', 'K7M2_Q9XP'],
      ['a Vietnamese phrase', 'tháng này'],
      ['a Vietnamese word with Đ', 'ĐĂNGKÝXX'],
      ['a Vietnamese greeting', 'xin chào'],
      ['a question', 'việc gì đến hạn?'],
      ['a command', '/start K7M2Q9XP'],
    ])('rejects %s (%j)', (_what, text) => {
      expect(looksLikeCode(text)).toBe(false);
    });

    // Codes mix letters and digits, so unaccented Vietnamese ("thang nay" = "this month") is not taken for one.
    it('does not take unaccented Vietnamese "thang nay" for a code', () => {
      expect(looksLikeCode('thang nay')).toBe(false);
    });
  });

  describe('parseDuration', () => {
    it.each([
      ['30m', 30 * MINUTE],
      ['1m', MINUTE],
      ['12h', 12 * HOUR],
      ['7d', 7 * DAY],
      ['14d', 14 * DAY],
      ['2w', 14 * DAY],
      ['7D', 7 * DAY],
      [' 3 h ', 3 * HOUR],
      ['9999m', 9999 * MINUTE],
    ])('reads %j as %i ms', (text, ms) => {
      expect(parseDuration(text)).toBe(ms);
    });

    it.each([
      '0d',
      '0m',
      '-1d',
      '-7d',
      '7',
      '7x',
      'd',
      '',
      ' ',
      '1.5d',
      '10000d',
      '7 days',
      '7dd',
      'd7',
      '1e2d',
      '７d',
    ])('rejects %j', (text) => {
      expect(parseDuration(text)).toBeUndefined();
    });
  });
});
