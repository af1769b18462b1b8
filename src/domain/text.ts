// Text folding for lookups: people type "ban tuyen giao" for "Ban Tuyên giáo", and "BTG" for both.

/** Lower-case ASCII with Vietnamese diacritics removed (đ → d) and white space collapsed. */
export function foldText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** The folded words a duty can be found by: its title, summary, aliases and section joined. */
export function searchableText(parts: readonly (string | null | undefined)[]): string {
  return foldText(parts.filter(Boolean).join(' '));
}
