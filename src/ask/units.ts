// Finding the unit a question names ("Ban Tuyên giáo", "ban tuyen giao", "BTG", "UBKT tỉnh", "propaganda board").
import { type LevelDefinition, STANDARD_LEVELS } from '../domain/levels.js';
import { foldText } from '../domain/text.js';
import type { UnitLevel } from '../plans/format.js';

export interface UnitEntry {
  id: number;
  code: string;
  name: string;
  shortName: string | null;
  level: UnitLevel;
  /** Every name the unit answers to, folded (see foldText). */
  names: string[];
}

export interface UnitIndex {
  units: UnitEntry[];
  /** Folded name → the units that answer to it (several when a name is shared, e.g. "ban to chuc"). */
  byName: Map<string, UnitEntry[]>;
  /** Name lengths in words, longest first, for longest-match scanning. */
  wordCounts: number[];
  /** Each level's rank (0 = top): a shared name means the highest unit unless a level word says otherwise. */
  levelRank: Map<UnitLevel, number>;
  /** The words that name a level ("huyen", "cap xa") → its key. */
  levelByWord: Map<string, UnitLevel>;
}

export function buildUnitIndex(units: UnitEntry[], levels: readonly LevelDefinition[] = STANDARD_LEVELS): UnitIndex {
  const byName = new Map<string, UnitEntry[]>();
  for (const unit of units) {
    for (const name of new Set(unit.names.map(foldText))) {
      if (!name) continue;
      const list = byName.get(name) ?? [];
      list.push(unit);
      byName.set(name, list);
    }
  }
  const wordCounts = [...new Set([...byName.keys()].map((name) => name.split(' ').length))].sort((a, b) => b - a);
  const levelRank = new Map(levels.map((level) => [level.key, level.rank]));
  const levelByWord = new Map(levels.flatMap((level) => level.aliases.map((alias) => [alias, level.key] as const)));
  return { units, byName, wordCounts, levelRank, levelByWord };
}

/**
 * English names of the standard party bodies, translated to the Vietnamese words every plan uses, so an
 * English question finds the same units without each plan carrying English aliases.
 */
const ENGLISH_NAMES: [RegExp, string][] = [
  [/\b(?:the\s+)?propaganda(?:\s+and\s+education)?\s+(?:board|department|commission)\b/g, 'ban tuyen giao'],
  [/\b(?:the\s+)?organi[sz]ation(?:al)?\s+(?:board|department|commission)\b/g, 'ban to chuc'],
  [/\b(?:the\s+)?(?:mass\s+mobili[sz]ation|public\s+relations)\s+(?:board|department|commission)\b/g, 'ban dan van'],
  [/\b(?:the\s+)?inspection\s+(?:committee|commission|board)\b/g, 'uy ban kiem tra'],
  [/\b(?:the\s+)?standing\s+(?:committee|board)\b/g, 'ban thuong vu'],
  [/\b(?:the\s+)?(?:party\s+)?committee'?s?\s+office\b/g, 'van phong tinh uy'],
  [/\bprovincial\s+(?:party\s+)?committee\b/g, 'tinh uy'],
  [/\bprovincial\b/g, 'tinh'],
  [/\bdistrict\s+(?:party\s+)?committee\s+(?:of\s+)?([a-z]+(?:\s[a-z]+)?)/g, 'huyen uy $1'],
];

export function translateUnitNames(folded: string): string {
  let text = folded;
  for (const [pattern, replacement] of ENGLISH_NAMES) text = text.replace(pattern, replacement);
  return text;
}

export interface UnitMatch {
  unit: UnitEntry;
  /** The folded words that named it. */
  matched: string;
  /** Other units the same words could mean, when the question did not say which. */
  alternatives: UnitEntry[];
}

/**
 * The longest unit name that appears as whole words in the folded question. A shared name ("ban to chuc")
 * is narrowed by a level word next to it ("... tinh", "... huyen"); otherwise the highest level wins and
 * the others are returned as alternatives.
 */
export function findUnit(folded: string, index: UnitIndex, original = folded): UnitMatch | undefined {
  const words = folded
    .split(/[^a-z0-9.-]+/)
    .map((word) => word.replace(/^[.-]+|[.-]+$/g, ''))
    .filter(Boolean);
  for (const count of index.wordCounts) {
    for (let start = 0; start + count <= words.length; start += 1) {
      const phrase = words.slice(start, start + count).join(' ');
      const candidates = index.byName.get(phrase);
      if (!candidates) continue;
      if (count === 1 && phrase.length <= 2 && !writtenInCapitals(original, phrase)) continue;
      const next = words[start + count] ?? '';
      const nextTwo = words.slice(start + count, start + count + 2).join(' ');
      const wanted = index.levelByWord.get(nextTwo) ?? index.levelByWord.get(next);
      const rank = (unit: UnitEntry) => index.levelRank.get(unit.level) ?? Number.MAX_SAFE_INTEGER;
      const ranked = [...candidates].sort((a, b) => rank(a) - rank(b) || a.code.localeCompare(b.code));
      const chosen = (wanted && ranked.find((unit) => unit.level === wanted)) || ranked[0];
      if (!chosen) continue;
      return { unit: chosen, matched: phrase, alternatives: ranked.filter((unit) => unit !== chosen) };
    }
  }
  return undefined;
}

/**
 * Two-letter abbreviations fold onto everyday words ("TU" for Tỉnh ủy, but "từ" means "from"), so they
 * count only when typed in capitals, as abbreviations are.
 */
function writtenInCapitals(original: string, folded: string): boolean {
  const upper = folded.toUpperCase().replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[^\\p{L}\\p{N}])${upper}($|[^\\p{L}\\p{N}])`, 'u').test(original);
}
