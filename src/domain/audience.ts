// Who a notice goes to, as admins write it: "all", "unit:TU-BTG", "level:district", "duty:KEY" (or "duty:PLAN/KEY").
import type { UnitLevel } from '../plans/format.js';

export type Audience =
  | { kind: 'all' }
  | { kind: 'unit'; code: string }
  | { kind: 'level'; level: UnitLevel }
  | { kind: 'duty'; key: string; plan?: string };

/**
 * The audience, or an error message naming the accepted forms. A level is kept as typed ("level:huyen",
 * "level:cấp xã"): which levels exist is the database's, so the key is resolved when recipients are found.
 */
export function parseAudience(text: string): Audience | { error: string } {
  const value = text.trim();
  if (/^(all|tatca|tất cả)$/i.test(value)) return { kind: 'all' };
  const match = value.match(/^(unit|donvi|level|cap|duty|viec):(.+)$/i);
  if (match) {
    const kind = (match[1] ?? '').toLowerCase();
    const rest = (match[2] ?? '').trim();
    if ((kind === 'unit' || kind === 'donvi') && rest) return { kind: 'unit', code: rest };
    if (kind === 'level' || kind === 'cap') {
      if (rest) return { kind: 'level', level: rest };
    }
    if ((kind === 'duty' || kind === 'viec') && rest) {
      const slash = rest.lastIndexOf('/');
      // Plan codes contain "/" themselves ("15-KH/TU"): the key is what follows the last one.
      return slash > 0
        ? { kind: 'duty', plan: rest.slice(0, slash), key: rest.slice(slash + 1) }
        : { kind: 'duty', key: rest };
    }
  }
  return { error: `"${value}" is not an audience: use all, unit:CODE, level:district or duty:KEY` };
}

export function formatAudience(audience: Audience): string {
  switch (audience.kind) {
    case 'all':
      return 'all';
    case 'unit':
      return `unit:${audience.code}`;
    case 'level':
      return `level:${audience.level}`;
    case 'duty':
      return `duty:${audience.plan ? `${audience.plan}/` : ''}${audience.key}`;
  }
}
