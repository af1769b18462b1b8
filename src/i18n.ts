// Reply texts from locales/*.ftl (Fluent): loaded once at start-up, then formatting is pure.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { FluentBundle, FluentResource, type FluentVariable } from '@fluent/bundle';
import { LANGUAGES, type Language } from './domain/language.js';
import { projectPath } from './paths.js';

export const LOCALES_DIR = projectPath('locales');

/** One language's messages; it knows its language, for names stored in both (levels). */
export interface Translate {
  (id: string, args?: Record<string, FluentVariable>): string;
  readonly language: Language;
}
export type Translations = Record<Language, Translate>;

export function bundleFromText(language: Language, text: string): Translate {
  const bundle = new FluentBundle(language, { useIsolating: false });
  const errors = bundle.addResource(new FluentResource(text));
  if (errors.length > 0) throw new Error(`locales/${language}.ftl: ${errors.map((error) => error.message).join('; ')}`);
  const translate = (id: string, args?: Record<string, FluentVariable>) => {
    const message = bundle.getMessage(id);
    if (!message?.value) throw new Error(`locales/${language}.ftl has no message "${id}"`);
    const problems: Error[] = [];
    const text = bundle.formatPattern(message.value, args, problems);
    if (problems.length > 0)
      throw new Error(`locales/${language}.ftl "${id}": ${problems.map((p) => p.message).join('; ')}`);
    return text;
  };
  return Object.assign(translate, { language });
}

export async function loadTranslations(dir = LOCALES_DIR): Promise<Translations> {
  const entries = await Promise.all(
    LANGUAGES.map(
      async (language) =>
        [language, bundleFromText(language, await readFile(path.join(dir, `${language}.ftl`), 'utf8'))] as const,
    ),
  );
  return Object.fromEntries(entries) as Translations;
}
