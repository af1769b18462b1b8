// src/channels/telegram/webhook.ts sameSecret: the X-Telegram-Bot-Api-Secret-Token header must equal the configured secret exactly.
import { describe, expect, it } from 'vitest';
import { sameSecret } from '../../src/channels/telegram/webhook.js';

const SECRET = 'q8Zr_3-kLmN0pQ7sT2vW9xY4';

describe('src/channels/telegram/webhook sameSecret', () => {
  it('accepts the exact secret', () => {
    expect(sameSecret(SECRET, SECRET)).toBe(true);
    expect(sameSecret('a', 'a')).toBe(true);
  });

  it.each([
    ['a different secret of the same length', 'q8Zr_3-kLmN0pQ7sT2vW9xY5'],
    ['a different case', SECRET.toLowerCase()],
    ['a shorter prefix', SECRET.slice(0, -1)],
    ['a longer string starting with it', `${SECRET}x`],
    ['the secret with a trailing space', `${SECRET} `],
    ['an empty string', ''],
  ])('refuses %s', (_what, given) => {
    expect(sameSecret(given, SECRET)).toBe(false);
  });

  it('refuses a missing header', () => {
    expect(sameSecret(undefined, SECRET)).toBe(false);
  });

  it('refuses a repeated header, even when every copy is right', () => {
    expect(sameSecret([SECRET], SECRET)).toBe(false);
    expect(sameSecret([SECRET, SECRET], SECRET)).toBe(false);
  });
});
