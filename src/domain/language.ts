// The languages dondoc answers in: Vietnamese first, English for everything too.
export const LANGUAGES = ['vi', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

export function isLanguage(value: unknown): value is Language {
  return value === 'vi' || value === 'en';
}
