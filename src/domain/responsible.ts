// Who answers for a duty, as replies name them: one unit, or every unit of a level.
import type { Language } from './language.js';

export type Responsible =
  | { kind: 'unit'; code: string; name: string; shortName: string | null }
  | { kind: 'level'; level: string; members: Record<Language, string> };

/** "Ban Tuyên giáo", or "các huyện ủy và tương đương" for a level, in the reader's language. */
export function responsibleName(responsible: Responsible, language: Language): string {
  return responsible.kind === 'unit' ? (responsible.shortName ?? responsible.name) : responsible.members[language];
}
