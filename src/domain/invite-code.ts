// Invite and link codes: short, typeable on a phone, without look-alike characters (0/O, 1/I/L).
import { randomInt } from 'node:crypto';

export const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const CODE_LENGTH = 8;

const DIGITS = CODE_ALPHABET.replace(/[A-Z]/g, '');
const LETTERS = CODE_ALPHABET.replace(/[0-9]/g, '');
const isDigit = (char: string) => char >= '0' && char <= '9';

/**
 * About 31^8 ≈ 8.5·10^11 codes: guessing a live one by typing is hopeless. A code always mixes letters
 * and digits, so words an unregistered person types ("thang nay") are never taken for one.
 */
export function generateCode(random: (max: number) => number = randomInt): string {
  const chars = Array.from({ length: CODE_LENGTH }, () => CODE_ALPHABET[random(CODE_ALPHABET.length)] ?? 'A');
  if (!chars.some(isDigit)) chars[random(CODE_LENGTH)] = DIGITS[random(DIGITS.length)] ?? '2';
  else if (chars.every(isDigit)) chars[random(CODE_LENGTH)] = LETTERS[random(LETTERS.length)] ?? 'A';
  return chars.join('');
}

/** As people type it: any case, with spaces or dashes ("abcd-2345"). */
export function normalizeCode(text: string): string {
  return text.toUpperCase().replace(/[\s-]/g, '');
}

export function looksLikeCode(text: string): boolean {
  const code = normalizeCode(text);
  const chars = [...code];
  return (
    chars.length === CODE_LENGTH &&
    chars.every((char) => CODE_ALPHABET.includes(char)) &&
    chars.some(isDigit) &&
    !chars.every(isDigit)
  );
}

const UNIT_MS = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 7 * 86_400_000 } as const;

/** "30m", "12h", "7d", "2w" → milliseconds; undefined when not such a duration. */
export function parseDuration(text: string): number | undefined {
  const match = text
    .trim()
    .toLowerCase()
    .match(/^(\d{1,4})\s*([mhdw])$/);
  if (!match) return undefined;
  const amount = Number(match[1]);
  return amount > 0 ? amount * UNIT_MS[match[2] as keyof typeof UNIT_MS] : undefined;
}
