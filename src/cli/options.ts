// Option values of `dondoc` commands, checked once here: every command names a bad value the same way.
import { type LocalDate, parseLocalDate } from '../domain/dates.js';
import { isLanguage, type Language } from '../domain/language.js';
import { CliError } from './runtime.js';

/** A calendar day YYYY-MM-DD. */
export function dateOption(flag: string, value: string): LocalDate {
  const parsed = parseLocalDate(value);
  if (!parsed) throw new CliError(`${flag} must be a date in the form YYYY-MM-DD, got "${value}"`);
  return parsed;
}

/** A record's number ("an official number", "a broadcast number"): a positive whole number. */
export function idArgument(what: string, value: string): number {
  const id = Number(value);
  if (!Number.isInteger(id) || id <= 0 || id > 2_147_483_647)
    throw new CliError(`${what} is a positive whole number, got "${value}"`);
  return id;
}

export function languageOption(flag: string, value: string): Language {
  if (!isLanguage(value)) throw new CliError(`${flag} must be vi or en, got "${value}"`);
  return value;
}
