import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import { currentOrNextOccurrences, ensureMaterializedThrough, listOccurrences } from '../../src/db/occurrences.js';
import { getPlanDetails, importPlan, knownUnitCodes } from '../../src/db/plans.js';
import { localDate } from '../../src/domain/dates.js';
import { parsePlanText } from '../../src/plans/load.js';
import { databaseKinds, type TestDatabase, testDatabase } from '../support/databases.js';

const fixture = readFileSync(new URL('../fixtures/small-plan.yaml', import.meta.url), 'utf8');
const now = new Date('2012-04-10T02:00:00Z');
const actor = { label: 'test' };

describe.each(await databaseKinds())('plan import on %s', (kind) => {
  let db: TestDatabase;
  beforeEach(async () => {
    db = await testDatabase(kind);
    await db.reset();
  });

  async function load(text: string, options: { dryRun?: boolean } = {}) {
    const plan = parsePlanText(text, 'plan.yaml', await knownUnitCodes(db.database.prisma));
    return importPlan(db.database.prisma, { plan, sourceText: 'source', now, actor, ...options });
  }

  it('creates the plan, units, duties, assignments and occurrences', async () => {
    const summary = await load(fixture);
    expect(summary.outcome).toBe('created');
    expect(summary.units.added).toEqual(['TT', 'TT-BTG', 'TT-BTC', 'HU-A']);
    expect(summary.duties.added).toEqual(['hoi-nghi-tinh', 'kiem-diem-huyen', 'bao-cao-6-thang', 'thuong-xuyen']);
    const { prisma } = db.database;
    const btg = await prisma.unit.findUniqueOrThrow({
      where: { code: 'TT-BTG' },
      select: { parent: { select: { code: true } }, aliases: { select: { normalized: true } } },
    });
    expect(btg.parent?.code).toBe('TT');
    expect(btg.aliases.map((a) => a.normalized).sort()).toEqual([
      'ban tuyen giao',
      'ban tuyen giao tinh uy',
      'btg',
      'tt-btg',
      'tuyen giao',
    ]);
    const details = await getPlanDetails(prisma, '7-KH/TEST');
    expect(details?.duties.find((d) => d.key === 'hoi-nghi-tinh')).toMatchObject({
      lead: ['TT-BTG'],
      support: ['TT-BTC'],
    });
    expect(details?.duties.find((d) => d.key === 'kiem-diem-huyen')?.lead).toEqual(['level:district']);
    // The open-ended six-monthly series is stored through 24 months past the import date (2014-04-10).
    const reports = await prisma.occurrence.findMany({
      where: { duty: { key: 'bao-cao-6-thang' } },
      orderBy: { seq: 'asc' },
      select: { seq: true },
    });
    expect(reports.map((r) => r.seq)).toEqual([0, 1, 2, 3]);
    expect(await prisma.auditLog.count({ where: { action: 'plan.import' } })).toBe(1);
  });

  it('changes nothing when the same file is imported again', async () => {
    await load(fixture);
    const before = await snapshot(db);
    const again = await load(fixture);
    expect(again.outcome).toBe('unchanged');
    expect(await snapshot(db)).toEqual(before);
  });

  it('updates duties by key and reports what changed, added and removed', async () => {
    await load(fixture);
    const changed = fixture
      .replace('end: 2012-09-30', 'end: 2012-10-15')
      .replace(
        / {2}- key: thuong-xuyen[\s\S]*$/,
        '  - key: moi\n    ref: V.5\n    title: Việc mới\n    source: "Mới."\n    lead: [TT-BTG]\n',
      );
    const summary = await load(changed);
    expect(summary).toMatchObject({
      outcome: 'updated',
      duties: { added: ['moi'], changed: ['kiem-diem-huyen'], removed: ['thuong-xuyen'], unchanged: 2, retired: [] },
    });
    const occurrences = await listOccurrences(db.database.prisma, {
      from: localDate('2012-10-01'),
      to: localDate('2012-10-31'),
    });
    expect(occurrences.map((o) => [o.dutyKey, o.start, o.end])).toEqual([
      ['kiem-diem-huyen', '2012-08-01', '2012-10-15'],
    ]);
  });

  it('keeps a removed duty that has reports, marked retired, and moves its window in place', async () => {
    await load(fixture);
    const { prisma } = db.database;
    const occurrence = await prisma.occurrence.findFirstOrThrow({
      where: { duty: { key: 'kiem-diem-huyen' } },
      select: { id: true },
    });
    const unit = await prisma.unit.findUniqueOrThrow({ where: { code: 'HU-A' }, select: { id: true } });
    const official = await prisma.official.create({
      data: { name: 'Nguyễn Văn A', unitId: unit.id },
      select: { id: true },
    });
    await prisma.statusReport.create({
      data: {
        occurrenceId: occurrence.id,
        unitId: unit.id,
        officialId: official.id,
        status: 'done',
        channel: 'telegram',
        channelMessageId: '1',
      },
    });
    const withoutDuty = fixture.replace(/ {2}- key: kiem-diem-huyen[\s\S]*?(?= {2}- key: bao-cao)/, '');
    const summary = await load(withoutDuty);
    expect(summary.duties.retired).toEqual(['kiem-diem-huyen']);
    expect(await prisma.statusReport.count()).toBe(1);
    const listed = await listOccurrences(prisma, { from: localDate('2012-08-01'), to: localDate('2012-08-31') });
    expect(listed.map((o) => o.dutyKey)).not.toContain('kiem-diem-huyen');

    // Listing it again brings it back with its report still attached to the moved window.
    const moved = await load(fixture.replace('start: 2012-08-01', 'start: 2012-08-05'));
    expect(moved.duties.changed).toEqual(['kiem-diem-huyen']);
    const after = await prisma.occurrence.findUniqueOrThrow({
      where: { id: occurrence.id },
      select: { startsOn: true, _count: { select: { reports: true } } },
    });
    expect(after.startsOn.toISOString().slice(0, 10)).toBe('2012-08-05');
    expect(after._count.reports).toBe(1);
  });

  it('a dry run reports the changes and writes nothing', async () => {
    const summary = await load(fixture, { dryRun: true });
    expect(summary.outcome).toBe('created');
    expect(await db.database.prisma.plan.count()).toBe(0);
    expect(await db.database.prisma.unit.count()).toBe(0);
  });

  it('leaves nothing behind when an import fails half-way', async () => {
    // Validation is told TT-GONE exists, so the failure happens inside the transaction, after units were written.
    const plan = parsePlanText(
      fixture.replace('support: [TT-BTC]', 'support: [TT-GONE]'),
      'plan.yaml',
      new Set(['TT-GONE']),
    );
    await expect(importPlan(db.database.prisma, { plan, sourceText: undefined, now, actor })).rejects.toThrow();
    expect(await db.database.prisma.unit.count()).toBe(0);
    expect(await db.database.prisma.plan.count()).toBe(0);
    expect(await db.database.prisma.auditLog.count()).toBe(0);
  });

  it('extends open-ended series when a later range is asked for', async () => {
    await load(fixture);
    const horizons = await db.database.prisma.dutySchedule.findMany({
      where: { materializedThrough: { not: null } },
      select: { duty: { select: { key: true } } },
    });
    expect(horizons.map((h) => h.duty.key)).toEqual(['bao-cao-6-thang']);
    expect(await ensureMaterializedThrough(db.database.prisma, localDate('2013-01-01'))).toBe(0);
    expect(await ensureMaterializedThrough(db.database.prisma, localDate('2030-12-31'))).toBe(1);
    expect(await ensureMaterializedThrough(db.database.prisma, localDate('2030-12-31'))).toBe(0);
    const far = await listOccurrences(db.database.prisma, {
      from: localDate('2030-01-01'),
      to: localDate('2030-12-31'),
    });
    expect(far.map((o) => [o.dutyKey, o.start, o.end, o.seq, o.label])).toEqual([
      ['bao-cao-6-thang', '2030-06-15', '2030-06-30', 36, 'báo cáo 6 tháng'],
      ['bao-cao-6-thang', '2030-12-15', '2030-12-31', 37, 'báo cáo 6 tháng'],
    ]);
  });

  it('takes more duty ids than PostgreSQL takes parameters in one statement', async () => {
    await load(fixture);
    const { prisma } = db.database;
    const real = (await prisma.duty.findMany({ select: { id: true } })).map((d) => d.id);
    // 40,000 ids: one IN list would exceed the 32,767-parameter limit (Prisma error P2029).
    const many = [...Array.from({ length: 40_000 }, (_, i) => 1_000_000 + i), ...real];
    const listed = await listOccurrences(
      prisma,
      { from: localDate('2012-01-01'), to: localDate('2012-12-31') },
      { dutyIds: many },
    );
    const direct = await listOccurrences(prisma, { from: localDate('2012-01-01'), to: localDate('2012-12-31') });
    expect(listed).toEqual(direct);
    expect((await currentOrNextOccurrences(prisma, many, localDate('2012-04-10'))).length).toBe(3);
  });

  it('lists occurrences overlapping a range, sorted by end date', async () => {
    await load(fixture);
    const march = await listOccurrences(db.database.prisma, {
      from: localDate('2012-03-28'),
      to: localDate('2012-06-20'),
    });
    expect(march.map((o) => [o.dutyKey, o.start, o.end])).toEqual([
      ['hoi-nghi-tinh', '2012-03-27', '2012-03-28'],
      ['hoi-nghi-tinh', '2012-03-30', '2012-03-30'],
      ['bao-cao-6-thang', '2012-06-15', '2012-06-30'],
    ]);
  });
});

async function snapshot(db: TestDatabase) {
  const { prisma } = db.database;
  return {
    plans: await prisma.plan.findMany({ select: { id: true, updatedAt: true, contentHash: true } }),
    units: await prisma.unit.findMany({ select: { id: true, updatedAt: true }, orderBy: { id: 'asc' } }),
    duties: await prisma.duty.findMany({ select: { id: true, updatedAt: true }, orderBy: { id: 'asc' } }),
    occurrences: await prisma.occurrence.findMany({
      select: { id: true, startsOn: true, endsOn: true },
      orderBy: { id: 'asc' },
    }),
    audit: await prisma.auditLog.count(),
  };
}
