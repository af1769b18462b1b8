import { beforeEach, describe, expect, it } from 'vitest';
import { currentUnitStatus, recordStatusReport } from '../../src/db/reports.js';
import { databaseKinds, type TestDatabase, testDatabase } from '../support/databases.js';
import { importSmallPlan } from '../support/fixtures.js';

describe.each(await databaseKinds())('status reports and unique keys on %s', (kind) => {
  let db: TestDatabase;
  let occurrenceId: number;
  let unitId: number;
  let officialId: number;

  beforeEach(async () => {
    db = await testDatabase(kind);
    await db.reset();
    const { prisma } = db.database;
    await importSmallPlan(prisma);
    occurrenceId = (
      await prisma.occurrence.findFirstOrThrow({ where: { duty: { key: 'kiem-diem-huyen' } }, select: { id: true } })
    ).id;
    unitId = (await prisma.unit.findUniqueOrThrow({ where: { code: 'HU-A' }, select: { id: true } })).id;
    officialId = (await prisma.official.create({ data: { name: 'Trần Thị B', unitId }, select: { id: true } })).id;
  });

  const report = (id: string, status: 'in_progress' | 'done' | 'blocked', at: string, note?: string) => ({
    occurrenceId,
    unitId,
    officialId,
    status,
    channel: 'telegram' as const,
    channelMessageId: id,
    reportedAt: new Date(at),
    ...(note ? { note } : {}),
  });

  it('stores a redelivered channel message once', async () => {
    const first = await recordStatusReport(
      db.database.prisma,
      report('tg:42', 'done', '2012-08-10T03:00:00Z', 'Đã xong'),
    );
    const again = await recordStatusReport(
      db.database.prisma,
      report('tg:42', 'done', '2012-08-10T03:00:00Z', 'Đã xong'),
    );
    expect(first.duplicate).toBe(false);
    expect(again).toEqual({ reportId: first.reportId, duplicate: true, reviewState: null });
    expect(await db.database.prisma.statusReport.count()).toBe(1);
  });

  it('stores concurrent duplicate deliveries once', async () => {
    const results = await Promise.all(
      Array.from({ length: 5 }, () =>
        recordStatusReport(db.database.prisma, report('tg:7', 'in_progress', '2012-08-10T03:00:00Z')),
      ),
    );
    expect(new Set(results.map((r) => r.reportId)).size).toBe(1);
    expect(results.filter((r) => !r.duplicate)).toHaveLength(1);
    expect(await db.database.prisma.statusReport.count()).toBe(1);
  });

  it('rejects a second channel account for the same platform user', async () => {
    const { prisma } = db.database;
    await prisma.channelAccount.create({ data: { officialId, channel: 'zalo', externalId: 'z1', chatId: 'z1' } });
    await expect(
      prisma.channelAccount.create({ data: { officialId, channel: 'zalo', externalId: 'z1', chatId: 'z1' } }),
    ).rejects.toMatchObject({ code: 'P2002' });
    await prisma.channelAccount.create({ data: { officialId, channel: 'telegram', externalId: 'z1', chatId: 'z1' } });
    expect(await prisma.channelAccount.count({ where: { officialId } })).toBe(2);
  });

  it('keeps the history and lets the latest report set the current status, even when an older one arrives late', async () => {
    const { prisma } = db.database;
    await recordStatusReport(prisma, report('tg:1', 'in_progress', '2012-08-05T03:00:00Z', 'Đang làm'));
    await recordStatusReport(prisma, report('tg:3', 'done', '2012-08-20T03:00:00Z', 'Hoàn thành'));
    await recordStatusReport(prisma, report('tg:2', 'blocked', '2012-08-10T03:00:00Z', 'Vướng'));
    expect(await prisma.statusReport.count()).toBe(3);
    expect(await currentUnitStatus(prisma, { occurrenceId, unitId })).toMatchObject({
      status: 'done',
      note: 'Hoàn thành',
    });
  });

  it('refuses a note over 500 characters and stores nothing', async () => {
    await expect(
      recordStatusReport(db.database.prisma, report('tg:9', 'done', '2012-08-10T03:00:00Z', 'x'.repeat(501))),
    ).rejects.toThrow(/at most 500/);
    expect(await db.database.prisma.statusReport.count()).toBe(0);
  });

  it('keeps the reminder ledger and broadcast deliveries unique', async () => {
    const { prisma } = db.database;
    const ledger = { occurrenceId, officialId, kind: 'before_close_3d', dueAt: new Date('2012-09-27T01:00:00Z') };
    await prisma.reminderLedger.create({ data: ledger });
    await expect(prisma.reminderLedger.create({ data: ledger })).rejects.toMatchObject({ code: 'P2002' });
    const account = await prisma.channelAccount.create({
      data: { officialId, channel: 'telegram', externalId: '1001', chatId: '1001' },
      select: { id: true },
    });
    const broadcast = await prisma.broadcast.create({
      data: { text: 'Thông báo', audience: 'all' },
      select: { id: true },
    });
    await prisma.broadcastDelivery.create({ data: { broadcastId: broadcast.id, accountId: account.id } });
    await expect(
      prisma.broadcastDelivery.create({ data: { broadcastId: broadcast.id, accountId: account.id } }),
    ).rejects.toMatchObject({ code: 'P2002' });
  });
});
