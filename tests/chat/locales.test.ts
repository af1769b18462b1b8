// locales/*.ftl with src/i18n.ts: both locales define the same ids, every id the code uses exists, selectors format cleanly.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { FluentResource, type FluentVariable } from '@fluent/bundle';
import { beforeAll, describe, expect, it } from 'vitest';
import { menuChoices } from '../../handlers/menu.js';
import { COMMANDS } from '../../src/chat/commands.js';
import type { RegistrationResult } from '../../src/db/officials.js';
import type { ReportStatus } from '../../src/db/reports.js';
import { LANGUAGES } from '../../src/domain/language.js';
import { LOCALES_DIR, loadTranslations, type Translate, type Translations } from '../../src/i18n.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const ISOLATION_MARKS = /[\u2068\u2069]/;

type InviteFailure = Exclude<RegistrationResult['outcome'], 'registered' | 'already-registered'>;
// Records keyed by the source's unions: a new outcome or status fails to typecheck until it is listed here.
const INVITE_FAILURES: Record<InviteFailure, true> = { invalid: true, expired: true, 'used-up': true, revoked: true };
const STATUSES: Record<ReportStatus, true> = { done: true, in_progress: true, blocked: true, not_started: true };
const REPORTABLE = ['done', 'in_progress', 'blocked'] as const satisfies readonly ReportStatus[];
const MENU = ['thangnay', 'tuannay', 'quahan', 'baocao', 'donvi', 'caidat'];

function ftlText(language: string): string {
  return readFileSync(path.join(LOCALES_DIR, `${language}.ftl`), 'utf8');
}

function messageIds(language: string): string[] {
  return new FluentResource(ftlText(language)).body.map((entry) => entry.id).filter((id) => !id.startsWith('-'));
}

/** Every .ts file under a folder (recursively or not), skipping the generated Prisma client. */
function sourceFiles(folder: string, recursive: boolean): string[] {
  return readdirSync(path.join(ROOT, folder), { recursive })
    .map(String)
    .filter((file) => file.endsWith('.ts') && !file.startsWith('generated'))
    .map((file) => path.join(ROOT, folder, file));
}

/**
 * Literal message ids in t('…') calls, ctx.t('…'), translations[x]('…'), and both arms of t(a ? '…' : '…').
 * Template literals (`cmd-${id}`) are the dynamic families, checked separately.
 */
function literalIdsIn(source: string): string[] {
  const ids: string[] = [];
  for (const call of source.matchAll(/(?:\bt|\])\(\s*([^,)]*)/g)) {
    for (const literal of (call[1] ?? '').matchAll(/(?:^|[?:])\s*(['"])([^'"]*)\1/g)) ids.push(literal[2] ?? '');
  }
  return ids;
}

function usedIds(): Map<string, string[]> {
  const where = new Map<string, string[]>();
  for (const file of [...sourceFiles('handlers', false), ...sourceFiles('src', true)]) {
    for (const id of literalIdsIn(readFileSync(file, 'utf8')))
      where.set(id, [...(where.get(id) ?? []), path.relative(ROOT, file)]);
  }
  return where;
}

/** Every variable either locale mentions, with a plausible value: messages then format with nothing missing. */
function allVariables(): Record<string, FluentVariable> {
  const names = new Set(
    LANGUAGES.flatMap((language) =>
      [...ftlText(language).matchAll(/\$([A-Za-z][\w-]*)/g)].map((match) => match[1] ?? ''),
    ),
  );
  const numbers = new Set(['count', 'max', 'length', 'uses', 'days', 'minutes']);
  return Object.fromEntries([...names].map((name) => [name, numbers.has(name) ? 3 : `‹${name}›`]));
}

describe('locales', () => {
  let translations: Translations;
  beforeAll(async () => {
    translations = await loadTranslations();
  });

  it('defines exactly the same message ids in vi.ftl and en.ftl', () => {
    const vi = messageIds('vi');
    const en = messageIds('en');
    expect(vi.length).toBeGreaterThan(50);
    expect(new Set(vi).size).toBe(vi.length);
    expect(new Set(en).size).toBe(en.length);
    expect([...vi].sort()).toEqual([...en].sort());
  });

  it('finds the literal ids the code uses (the scan itself works)', () => {
    const used = usedIds();
    expect(used.size).toBeGreaterThan(60);
    for (const id of [
      'error-generic',
      'registered-admin',
      'registered',
      'note-skipped',
      'nothing-to-cancel',
      'settings-reminders-on',
      'due-header',
      'period-quarter',
    ]) {
      expect(used.has(id), id).toBe(true);
    }
    expect(
      literalIdsIn(`t(role === 'admin' ? 'a-b' : 'c', { x: 'y' }) + ctx.t(\`cmd-\${id}\`) + map['k']('e-f')`),
    ).toEqual(['a-b', 'c', 'e-f']);
  });

  it.each(LANGUAGES)('has every literal t(…) id of handlers/ and src/ in %s.ftl', (language) => {
    const defined = new Set(messageIds(language));
    const missing = [...usedIds()]
      .filter(([id]) => !defined.has(id))
      .map(([id, files]) => `${id} (${[...new Set(files)].join(', ')})`);
    expect(missing).toEqual([]);
  });

  const families: [string, string[]][] = [
    ['cmd-<command id>', COMMANDS.map((command) => `cmd-${command.id}`)],
    ['menu-<name>', MENU.map((name) => `menu-${name}`)],
    ['invite-<outcome>', Object.keys(INVITE_FAILURES).map((outcome) => `invite-${outcome}`)],
    ['help/unknown of helpReply', ['help', 'unknown']],
  ];

  it.each(families)('has the whole %s family in both locales', (_family, ids) => {
    for (const language of LANGUAGES) {
      const defined = new Set(messageIds(language));
      expect(
        ids.filter((id) => !defined.has(id)),
        language,
      ).toEqual([]);
    }
  });

  it('lists the same menu entries as the code', () => {
    const asked: string[] = [];
    const recording = (id: string) => {
      asked.push(id);
      return id;
    };
    menuChoices(Object.assign(recording, { language: 'vi' as const }));
    expect(asked.filter((id) => id.startsWith('menu-'))).toEqual(MENU.map((name) => `menu-${name}`));
  });

  it.each(LANGUAGES)(
    'formats every %s message with all variables given, without errors or isolation marks',
    (language) => {
      const t = translations[language];
      const args = allVariables();
      for (const id of messageIds(language)) {
        const text = t(id, args);
        expect(text.trim().length, id).toBeGreaterThan(0);
        expect(ISOLATION_MARKS.test(text), id).toBe(false);
      }
    },
  );

  /** Formats one selector message for each value; each must format cleanly and say something different. */
  function variants(
    t: Translate,
    id: string,
    selector: string,
    values: readonly (string | number)[],
    args: Record<string, FluentVariable> = {},
  ): string[] {
    const texts = values.map((value) => t(id, { unit: 'Ban Tuyên giáo', ...args, [selector]: value }));
    for (const text of texts) expect(ISOLATION_MARKS.test(text), `${id}: ${text}`).toBe(false);
    expect(new Set(texts).size, `${id} has a variant for each of ${values.join(', ')}: ${JSON.stringify(texts)}`).toBe(
      values.length,
    );
    return texts;
  }

  describe.each(LANGUAGES)('selectors in %s', (language) => {
    it('status-button has a button for each reportable status', () => {
      variants(translations[language], 'status-button', 'status', REPORTABLE);
    });

    it('status-name and duty-unit-status name every status, not_started included', () => {
      const statuses = Object.keys(STATUSES);
      variants(translations[language], 'status-name', 'status', statuses);
      const lines = variants(translations[language], 'duty-unit-status', 'status', statuses);
      for (const line of lines) expect(line.startsWith('Ban Tuyên giáo: ')).toBe(true);
    });

    it('report-saved confirms each reportable status for the unit', () => {
      for (const text of variants(translations[language], 'report-saved', 'status', REPORTABLE)) {
        expect(text).toContain('Ban Tuyên giáo');
        expect(text.endsWith('.')).toBe(true);
      }
    });

    it('the other selectors have a variant for each value the code passes', () => {
      const t = translations[language];
      variants(t, 'duty-window', 'phase', ['open', 'upcoming', 'closed'], { window: '01/09–30/09/2012' });
      variants(t, 'settings-language', 'language', ['vi', 'en']);
      const [snoozed] = variants(t, 'settings-reminders', 'state', ['snoozed', 'on', 'off'], {
        until: '07/05/2024 09:00',
      });
      expect(snoozed).toContain('07/05/2024 09:00');
      const [admin, official] = variants(t, 'invite-created', 'role', ['admin', 'official'], {
        unit: 'Ban Tuyên giáo (TU-BTG)',
        uses: 5,
        days: 7,
      });
      expect(official?.length).toBeLessThan(admin?.length ?? 0);
      expect(official).toMatch(/^\S.*\(TU-BTG\): /);
    });

    // describePeriod passes half as a number: Fluent matches the [1]/[2] keys to numbers, never to strings.
    it('period-half tells the first half from the second with the values describePeriod passes', () => {
      variants(translations[language], 'period-half', 'half', [1, 2], { year: '2012' });
    });
  });
});
