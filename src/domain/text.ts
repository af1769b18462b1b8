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
