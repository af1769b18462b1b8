// Levels as data: the migration keeps stored units' levels, a two-tier plan with a level of its own imports,
// and questions, audiences and reports use the levels' names and ranks from the database.
import { cp, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createAskService } from '../../src/ask/service.js';
import { audienceAccounts } from '../../src/db/broadcasts.js';
import { connectDatabase, MIGRATIONS, migrate } from '../../src/db/database.js';
import { dutyIdsForUnit, unitRoleInDuty } from '../../src/db/duties.js';
import { listLevels } from '../../src/db/levels.js';
import { registerWithInvite } from '../../src/db/officials.js';
import { importPlan, knownUnitCodes } from '../../src/db/plans.js';
import { listUnits } from '../../src/db/units.js';
import { parseAudience } from '../../src/domain/audience.js';
import { localDate } from '../../src/domain/dates.js';
import { STANDARD_LEVELS } from '../../src/domain/levels.js';
import { loadTranslations, type Translations } from '../../src/i18n.js';
import { parsePlanText } from '../../src/plans/load.js';
import {
  databaseKinds,
  POSTGRES_URL,
  postgresAvailable,
  type TestDatabase,
  testDatabase,
} from '../support/databases.js';

const twoTier = await readFile(new URL('../fixtures/two-tier-plan.yaml', import.meta.url), 'utf8');
const hasPostgres = await postgresAvailable();
let translations: Translations;
beforeAll(async () => {
  translations = await loadTranslations();
});

describe('the levels migration', () => {
  it.runIf(hasPostgres)('inserts the standard levels and keeps the levels of units stored before it', async () => {
    const schema = `dondoc_levels_${process.pid}`;
    const admin = new pg.Client({ connectionString: POSTGRES_URL });
    await admin.connect();
    await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE; CREATE SCHEMA "${schema}"`);
    const url = `${POSTGRES_URL}?options=${encodeURIComponent(`-c search_path=${schema}`)}`;
    const database = await connectDatabase({ connectionString: url }, 'server', { poolSize: 2, schema });
    const before = await mkdtemp(path.join(tmpdir(), 'dondoc-migrations-'));
    try {
      // Every migration up to the one before levels became data, with the schema it led to.
      const folders = (await readdir(MIGRATIONS.dir, { withFileTypes: true }))
        .filter((entry) => entry.isDirectory())
        .map((entry) => entry.name)
        .sort();
      const upTo = folders.findIndex((name) => name.endsWith('_levels_as_data'));
      expect(upTo).toBeGreaterThan(0);
      for (const folder of folders.slice(0, upTo))
        await cp(path.join(MIGRATIONS.dir, folder), path.join(before, folder), { recursive: true });
      await cp(path.join(MIGRATIONS.dir, 'migration_lock.toml'), path.join(before, 'migration_lock.toml'));
      await migrate(database, { dir: before, schemaPath: path.join(before, folders[upTo - 1] ?? '', 'schema.prisma') });
      await admin.query(
        `INSERT INTO "${schema}"."Unit" (code, name, level, "updatedAt") VALUES ('HU-X', 'Huyện ủy X', 'district', now()), ('CB-1', 'Chi bộ 1', 'cell', now())`,
      );

      await migrate(database);
      const units = await admin.query(`SELECT code, level FROM "${schema}"."Unit" ORDER BY code`);
      expect(units.rows).toEqual([
        { code: 'CB-1', level: 'cell' },
        { code: 'HU-X', level: 'district' },
      ]);
      const levels = await listLevels(database.prisma);
      expect(levels).toEqual(
        [...STANDARD_LEVELS]
          .sort((a, b) => a.rank - b.rank || a.key.localeCompare(b.key))
          .map((level) => ({ ...level, aliases: [...level.aliases] })),
      );
      await expect(
        admin.query(
          `INSERT INTO "${schema}"."Unit" (code, name, level, "updatedAt") VALUES ('Z', 'Z', 'nowhere', now())`,
        ),
      ).rejects.toThrow(/foreign key/);
    } finally {
      await database.close();
      await rm(before, { recursive: true, force: true });
      await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await admin.end();
    }
  });
});

describe.each(await databaseKinds())('a two-tier plan on %s', (kind) => {
  let db: TestDatabase;
  beforeEach(async () => {
    db = await testDatabase(kind);
    await db.reset();
  });

  async function importTwoTier() {
    const { prisma } = db.database;
    const plan = parsePlanText(twoTier, 'two-tier-plan.yaml', await knownUnitCodes(prisma));
    return importPlan(prisma, {
      plan,
      sourceText: undefined,
      now: new Date('2026-01-20T02:00:00Z'),
      actor: { label: 'test' },
    });
  }

  it('imports its own level, orders units by rank and answers with the levels’ names', async () => {
    const summary = await importTwoTier();
    expect(summary.levels).toEqual({ added: ['public-service'], updated: [] });
    const { prisma } = db.database;
    const levels = await listLevels(prisma);
    expect(levels.find((level) => level.key === 'public-service')).toMatchObject({
      rank: 1,
      members: { vi: 'các đơn vị sự nghiệp công lập thuộc tỉnh', en: "the province's public service units" },
      aliases: ['don vi su nghiep', 'su nghiep cong lap'],
    });
    expect((await listUnits(prisma)).map((unit) => unit.level)).toEqual([
      'province',
      'department',
      'department',
      'public-service',
      'commune',
      'commune',
    ]);

    const ask = createAskService({ prisma, translations });
    const vi = await ask.answer('UBND xã An Bình cần làm gì năm 2026?', {}, localDate('2026-02-01'));
    expect(vi.unit).toBe('XA-AN-BINH');
    expect(vi.duties.map((duty) => duty.key).sort()).toEqual(['dich-vu-cong', 'ha-tang-so']);
    const service = vi.duties.find((duty) => duty.key === 'dich-vu-cong');
    expect(service?.leadNames).toEqual(['các xã, phường, đặc khu']);
    expect(service?.coordinateNames).toEqual(['các đơn vị sự nghiệp công lập thuộc tỉnh']);
    expect(vi.answer).toContain('các xã, phường, đặc khu');
    const en = await ask.answer('Sở Tài chính 2026', { locale: 'en' }, localDate('2026-02-01'));
    expect(en.language).toBe('en');
    expect(en.duties.find((duty) => duty.key === 'du-toan')?.leadNames).toEqual(['departments and agencies']);

    // A unit answers for a duty through its level; a second import changes nothing.
    const commune = await prisma.unit.findUniqueOrThrow({ where: { code: 'PH-1' }, select: { id: true, level: true } });
    const duties = await prisma.duty.findMany({ select: { id: true, key: true } });
    const idOf = (key: string) => duties.find((duty) => duty.key === key)?.id ?? -1;
    expect(new Set(await dutyIdsForUnit(prisma, commune))).toEqual(new Set([idOf('ha-tang-so'), idOf('dich-vu-cong')]));
    expect(await unitRoleInDuty(prisma, idOf('dich-vu-cong'), commune)).toBe('lead');
    expect(await unitRoleInDuty(prisma, idOf('ha-tang-so'), commune)).toBe('support');
    expect(await unitRoleInDuty(prisma, idOf('du-toan'), commune)).toBeUndefined();
    expect((await importTwoTier()).outcome).toBe('unchanged');
  });

  it('sends a notice to every official of a level named by key or by its Vietnamese words', async () => {
    await importTwoTier();
    const { prisma } = db.database;
    for (const code of ['XA-AN-BINH', 'PH-1', 'SO-TC']) {
      const unit = await prisma.unit.findUniqueOrThrow({ where: { code }, select: { id: true } });
      const invite = await prisma.invite.create({
        data: { code: `INV${code.replace(/-/g, '')}9`, unitId: unit.id },
        select: { code: true },
      });
      const registered = await registerWithInvite(
        prisma,
        invite.code,
        { channel: 'telegram', externalId: `u-${code}`, chatId: `c-${code}`, displayName: code, locale: 'vi' },
        new Date('2026-01-20T01:00:00Z'),
      );
      expect(registered.outcome).toBe('registered');
    }
    for (const typed of ['level:commune', 'level:xa', 'level:cấp xã', 'cap:xa-phuong']) {
      const audience = parseAudience(typed);
      expect('error' in audience, typed).toBe(false);
      if ('error' in audience) continue;
      expect((await audienceAccounts(prisma, audience)).length, typed).toBe(2);
    }
    const unknown = parseAudience('level:huyen-moi');
    expect('error' in unknown).toBe(false);
    if (!('error' in unknown)) await expect(audienceAccounts(prisma, unknown)).rejects.toThrow(/level:commune/);
  });

  it('refuses a unit or duty that names a level nobody defined, at the line', () => {
    const broken = twoTier.replace('level: public-service\n    parent: SO-KHCN', 'level: agency\n    parent: SO-KHCN');
    expect(() => parsePlanText(broken, 'plan.yaml')).toThrow(
      /plan\.yaml:\d+ units\[5\]\.level: unknown level "agency"/,
    );
    const badRef = twoTier.replace('support: [level:public-service]', 'support: [level:agency]');
    expect(() => parsePlanText(badRef, 'plan.yaml')).toThrow(/unknown level "agency": define it under levels:/);
  });
});
