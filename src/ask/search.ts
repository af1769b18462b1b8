// Ranking duties by the words of a question ("khi nào kiểm điểm cấp huyện?"), diacritics-insensitive.

export interface DutyDocument {
  id: number;
  /** Folded title. */
  title: string;
  /** Folded title, summary, aliases and section (Duty.searchText). */
  text: string;
  /** The same words as written, lower case with diacritics, for terms the asker spelled with diacritics. */
  spelledWords: ReadonlySet<string>;
}

/** Lower-case words with their diacritics, as a document's spelled words. */
export function spelledWordsOf(parts: readonly (string | null | undefined)[]): Set<string> {
  return new Set(
    parts
      .filter(Boolean)
      .join(' ')
      .normalize('NFC')
      .toLowerCase()
      .split(/[^\p{L}\p{N}]+/u)
      .filter(Boolean),
  );
}

export interface RankedDuty {
  id: number;
  score: number;
}

/**
 * Scores each duty by the question's words: a word in the title counts 3, elsewhere 1; two question words
 * that stand together in the duty ("cap huyen") count 2 more. A duty must contain at least half of the
 * words (all of them when there are two or fewer). Returns the duties scoring at least 60% of the best.
 */
/** How many of a question's words a duty must contain: all of one or two, half of more. */
export function wordsNeeded(terms: number): number {
  return terms <= 2 ? terms : Math.ceil(terms / 2);
}

export function rankDuties(
  terms: readonly string[],
  documents: readonly DutyDocument[],
  spelled: Readonly<Record<string, string>> = {},
): RankedDuty[] {
  if (terms.length === 0) return [];
  const needed = wordsNeeded(terms.length);
  const pairs = terms.slice(1).map((term, index) => `${terms[index]} ${term}`);
  const ranked: RankedDuty[] = [];
  for (const document of documents) {
    const titleWords = new Set(document.title.split(/[^a-z0-9]+/));
    const textWords = new Set(document.text.split(/[^a-z0-9]+/));
    let found = 0;
    let score = 0;
    for (const term of terms) {
      const spelling = spelled[term];
      if (spelling !== undefined && !document.spelledWords.has(spelling)) continue;
      if (titleWords.has(term)) {
        found += 1;
        score += 3;
      } else if (textWords.has(term)) {
        found += 1;
        score += 1;
      }
    }
    if (found < needed) continue;
    for (const pair of pairs) if (document.text.includes(pair)) score += 2;
    ranked.push({ id: document.id, score: score + found / terms.length });
  }
  ranked.sort((a, b) => b.score - a.score || a.id - b.id);
  const best = ranked[0]?.score ?? 0;
  return ranked.filter((duty) => duty.score >= best * 0.6);
}
