// Invite and link codes: short, typeable on a phone, without look-alike characters (0/O, 1/I/L).
import { randomInt } from 'node:crypto';

export const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const CODE_LENGTH = 8;

/** 31^8 ≈ 8.5·10^11 codes: guessing a live one by typing is hopeless. */
export function generateCode(random: (max: number) => number = randomInt): string {
  let code = '';
  for (let i = 0; i < CODE_LENGTH; i += 1) code += CODE_ALPHABET[random(CODE_ALPHABET.length)];
  return code;
}

/** As people type it: any case, with spaces or dashes ("abcd-2345"). */
export function normalizeCode(text: string): string {
  return text.toUpperCase().replace(/[\s-]/g, '');
}

export function looksLikeCode(text: string): boolean {
  const code = normalizeCode(text);
  return code.length === CODE_LENGTH && [...code].every((char) => CODE_ALPHABET.includes(char));
}

const UNIT_MS = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 7 * 86_400_000 } as const;

/** "30m", "12h", "7d", "2w" → milliseconds; undefined when not such a duration. */
export function parseDuration(text: string): number | undefined {
  const match = text.trim().toLowerCase().match(/^(\d{1,4})\s*([mhdw])$/);
  if (!match) return undefined;
  const amount = Number(match[1]);
  return amount > 0 ? amount * UNIT_MS[match[2] as keyof typeof UNIT_MS] : undefined;
}
