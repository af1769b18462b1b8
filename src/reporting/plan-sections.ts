// The headings of a plan's top sections ("III.- GIẢI PHÁP THỰC HIỆN:") read from its source text, and which section a
// duty's reference ("IV.2.b") belongs to: the report groups its results the way the plan is written.

/** Roman section number → its heading as written ("GIẢI PHÁP THỰC HIỆN"), NFC, without the trailing colon. */
export function sectionHeadings(sourceText: string | null): Map<string, string> {
  const headings = new Map<string, string>();
  if (!sourceText) return headings;
  // "III.- GIẢI PHÁP…:", "IV. PHƯƠNG PHÁP…", "V- CHỈ ĐẠO…": a Roman numeral at the start of a line, then a heading in capitals.
  const pattern = /^[ \t]*([IVX]{1,5})[ \t]*[.\-–][.\-– \t]*(\S[^\n]*?)[ \t:]*$/gmu;
  for (const match of sourceText.normalize('NFC').matchAll(pattern)) {
    const [, number, heading] = match;
    if (!number || !heading || headings.has(number)) continue;
    // A heading is written in capitals; a numbered sentence is not one.
    if (heading !== heading.toLocaleUpperCase('vi')) continue;
    headings.set(number, heading.replace(/\s+/g, ' '));
  }
  return headings;
}

/** The top section of a reference: "IV.2.b" → "IV", "III" → "III"; a reference without one → itself. */
export function sectionOf(ref: string): string {
  return /^([IVX]+)\b/.exec(ref)?.[1] ?? ref;
}

const ROMAN_VALUES: Record<string, number> = { I: 1, V: 5, X: 10 };

/** Orders section keys as the plan does: I, II, III, IV, V, …; other keys after them, alphabetically. */
export function compareSections(a: string, b: string): number {
  return romanValue(a) - romanValue(b) || a.localeCompare(b);
}

function romanValue(key: string): number {
  if (!/^[IVX]+$/.test(key)) return Number.MAX_SAFE_INTEGER;
  let total = 0;
  for (let i = 0; i < key.length; i++) {
    const value = ROMAN_VALUES[key[i] as string] ?? 0;
    const following = ROMAN_VALUES[key[i + 1] as string] ?? 0;
    total += value < following ? -value : value;
  }
  return total;
}
