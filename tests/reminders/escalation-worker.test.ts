// Overdue reminders, escalation, leaders and the one-tap nudge against both databases and the fake Telegram API.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTelegramChannel, type TelegramChannel } from '../../src/channels/telegram/bot.js';
import { createConfig } from '../../src/config.js';
import { createInvite, registerWithInvite } from '../../src/db/officials.js';
import { recordStatusReport } from '../../src/db/reports.js';
import { generateCode } from '../../src/domain/invite-code.js';
import { loadTranslations } from '../../src/i18n.js';
import { createLogger } from '../../src/logger.js';
import { createChatCore } from '../../src/main.js';
import { sendDigests } from '../../src/reminders/digest.js';
import { queueNudge } from '../../src/reminders/nudge.js';
import { createReminderWorker, type ReminderWorker } from '../../src/reminders/worker.js';
import { seedDemoPlan } from '../../src/seed.js';
import { accountReachability } from '../../src/services/accounts.js';
import { databaseKinds, type TestDatabase, testDatabase } from '../support/databases.js';
import { type FakeTelegram, startFakeTelegram } from '../support/fake-telegram.js';

const logger = createLogger({ level: 'silent' });
const vn = (text: string) => new Date(`${text}:00+07:00`);
const DEEP = 'Đề xuất gợi ý kiểm điểm sâu';

describe.each(await databaseKinds())('overdue reminders and escalation on %s', (kind) => {
  let db: TestDatabase;
  let fake: FakeTelegram;
  let telegram: TelegramChannel;
  let worker: ReminderWorker;
  let nextUser = 19000;
  const config = createConfig({ TELEGRAM_BOT_TOKEN: '1:x' });

  beforeAll(async () => {
    db = await testDatabase(kind);
    fake = await startFakeTelegram();
    const channelConfig = createConfig({ TELEGRAM_BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.apiRoot }).telegram!;
    const core = await createChatCore({ prisma: db.database.prisma, config, logger, now: () => new Date() });
    telegram = createTelegramChannel({
      config: channelConfig,
      conversation: core.conversation,
      reachability: accountReachability(db.database.prisma, 'telegram'),
      translations: core.translations,
      logger,
      gate: { perChatMs: 0 },
      pushPerSecond: 1000,
    });
    await telegram.ready;
  });
  afterAll(async () => {
    await telegram?.stop();
    await fake?.close();
  });
  beforeEach(async () => {
    await db.reset();
    await seedDemoPlan(db.database.prisma, vn('2012-04-10T08:00'));
    worker = createReminderWorker({
      prisma: db.database.prisma,
      config,
      channels: { telegram },
      translations: await loadTranslations(),
      logger,
      instance: 'test-e',
    });
  });

  async function unitId(code: string): Promise<number> {
    return (await db.database.prisma.unit.findUniqueOrThrow({ where: { code }, select: { id: true } })).id;
  }

  async function official(unit: string, role: 'official' | 'admin' | 'leader' = 'official') {
    const { prisma } = db.database;
    const code = generateCode();
    await createInvite(prisma, {
      code,
      unitId: await unitId(unit),
      role,
      maxUses: 1,
      expiresAt: null,
      createdById: null,
      actorLabel: 'test',
    });
    const chatId = nextUser++;
    const result = await registerWithInvite(
      prisma,
      code,
      {
        channel: 'telegram',
        externalId: String(chatId),
        chatId: String(chatId),
        displayName: `P ${chatId}`,
        locale: 'vi',
      },
      new Date(),
    );
    if (result.outcome !== 'registered') throw new Error(result.outcome);
    return { chatId, officialId: result.identity.official.id };
  }

  async function deepWindow() {
    return db.database.prisma.occurrence.findFirstOrThrow({
      where: { duty: { title: { startsWith: DEEP } } },
      select: { id: true, dutyId: true, endsOn: true },
    });
  }

  const kindsFor = async (officialId: number, occurrenceId: number) =>
    (
      await db.database.prisma.reminderLedger.findMany({
        where: { officialId, occurrenceId },
        select: { kind: true, state: true },
        orderBy: { id: 'asc' },
      })
    ).map((row) => `${row.kind}:${row.state}`);

  it('reminds on days 1, 3 and 7 once each, then escalates to the leaders and the supervising unit’s admins', async () => {
    const a = await official('TU-UBKT');
    const leader = await official('TU-UBKT', 'leader');
    const admin = await official('TU', 'admin');
    const elsewhere = await official('TU-BTG', 'admin');
    const occurrence = await deepWindow();
    expect(occurrence.endsOn.toISOString().slice(0, 10)).toBe('2012-09-30');
    const ubkt = await unitId('TU-UBKT');
    // The preview shows the wave ahead, without writing anything.
    const preview = await worker.preview('2012-10-08' as never, '2012-10-08' as never);
    const previewed = preview.filter(
      (row) => row.windowEnd === '2012-09-30' && row.kind.match(/^(overdue-7|escalate-7:)/),
    );
    expect(previewed.some((row) => row.kind === 'overdue-7' && row.unit === 'TU-UBKT')).toBe(true);
    expect(
      previewed
        .filter((row) => row.kind === `escalate-7:${ubkt}`)
        .map((row) => row.unit)
        .sort(),
    ).toEqual(expect.arrayContaining(['TU', 'TU-UBKT']));
    expect(await db.database.prisma.reminderLedger.count()).toBe(0);
    // Catch up everything before, then the schedule: Monday 1/10, Wednesday 3/10, Sunday 7/10 → Monday 8/10.
    await worker.tick(vn('2012-09-30T12:00'));
    fake.sent.length = 0;
    await worker.tick(vn('2012-10-01T08:00'));
    await worker.tick(vn('2012-10-01T09:00'));
    expect(await kindsFor(a.officialId, occurrence.id)).toContain('overdue-1:sent');
    expect(fake.sentTo(a.chatId).some((m) => m.visible.startsWith('⚠️ Quá hạn 1 ngày'))).toBe(true);
    await worker.tick(vn('2012-10-03T08:00'));
    await worker.tick(vn('2012-10-07T08:00'));
    expect(await kindsFor(leader.officialId, occurrence.id)).toEqual([]);
    await worker.tick(vn('2012-10-08T08:00'));
    await worker.tick(vn('2012-10-08T10:00'));
    const mine = (await kindsFor(a.officialId, occurrence.id)).filter((k) => k.startsWith('overdue'));
    expect(mine).toEqual(['overdue-1:sent', 'overdue-3:sent', 'overdue-7:sent']);
    // The leader and the province committee's admin: one escalation each about the committee; not the other board's admin.
    expect(await kindsFor(leader.officialId, occurrence.id)).toEqual([`escalate-7:${ubkt}:sent`]);
    expect(await kindsFor(admin.officialId, occurrence.id)).toEqual([`escalate-7:${ubkt}:sent`]);
    expect(await kindsFor(elsewhere.officialId, occurrence.id)).toEqual([]);
    const told = fake.sentTo(leader.chatId).filter((m) => m.visible.includes(DEEP));
    expect(told.length).toBe(1);
    expect(told[0]!.visible).toContain('Ủy ban Kiểm tra Tỉnh ủy Trà Vinh');
    expect(told[0]!.visible).toContain('quá hạn 7 ngày');
    // No report buttons for the reader of an escalation.
    expect(told[0]!.replyMarkup).toBeUndefined();
    // A leader is never reminded to report anything.
    expect(
      await db.database.prisma.reminderLedger.count({
        where: { officialId: leader.officialId, NOT: { kind: { startsWith: 'escalate' } } },
      }),
    ).toBe(0);

    // Done at last: the weekly reminder stops.
    await recordStatusReport(db.database.prisma, {
      occurrenceId: occurrence.id,
      unitId: ubkt,
      officialId: a.officialId,
      status: 'done',
      channel: 'telegram',
      channelMessageId: 'done-1',
      reportedAt: vn('2012-10-10T09:00'),
    });
    await worker.tick(vn('2012-10-15T08:00'));
    expect((await kindsFor(a.officialId, occurrence.id)).some((k) => k.startsWith('overdue-14'))).toBe(false);
  });

  it('an approved extension moves the schedule, and one approved after a reminder was written stops it', async () => {
    const { prisma } = db.database;
    const a = await official('TU-UBKT');
    const occurrence = await deepWindow();
    const ubkt = await unitId('TU-UBKT');
    await worker.tick(vn('2012-09-30T12:00'));
    // Written at 08:00 but not yet sent (no sending budget): then the extension to 10/10 is approved.
    await worker.tick(vn('2012-10-01T08:00'), { budgetMs: 0 });
    expect(await kindsFor(a.officialId, occurrence.id)).toContain('overdue-1:pending');
    await prisma.$executeRaw`
      INSERT INTO "DeadlineExtension" ("occurrenceId", "unitId", "requestedById", "newEndsOn", "reason", "state")
      VALUES (${occurrence.id}, ${ubkt}, ${a.officialId}, '2012-10-10'::date, 'test', 'approved')`;
    await worker.tick(vn('2012-10-01T08:01'));
    expect(await kindsFor(a.officialId, occurrence.id)).toContain('overdue-1:cancelled');
    await worker.tick(vn('2012-10-03T08:00'));
    expect((await kindsFor(a.officialId, occurrence.id)).some((k) => k.startsWith('overdue-3'))).toBe(false);
    // From the deadline in force: Thursday 11/10 is its first day overdue (the ledger keeps one "overdue-1" per official).
    await worker.tick(vn('2012-10-13T08:00'));
    await worker.tick(vn('2012-10-15T08:00'));
    const runs = await prisma.reminderRun.findMany({
      where: { occurrenceId: occurrence.id, kind: { startsWith: 'overdue' } },
      select: { kind: true },
      orderBy: { kind: 'asc' },
    });
    expect(runs.map((run) => run.kind)).toEqual(
      expect.arrayContaining(['overdue-1@2012-09-30', 'overdue-3@2012-10-10']),
    );
    expect(await kindsFor(a.officialId, occurrence.id)).toContain('overdue-3:sent');
  });

  it('the one-tap nudge reaches only the units that have not reported, once per window and day', async () => {
    const { prisma } = db.database;
    const a = await official('TU-UBKT');
    const b = await official('TU-BTG');
    const occurrence = await prisma.occurrence.findFirstOrThrow({
      where: {
        duty: { units: { some: { unit: { code: 'TU-BTG' }, role: 'lead' } } },
        AND: [{ duty: { units: { some: { unit: { code: 'TU-UBKT' }, role: 'lead' } } } }],
      },
      select: { id: true, startsOn: true },
      orderBy: { startsOn: 'asc' },
    });
    const at = new Date(occurrence.startsOn.getTime() + 3 * 86_400_000 + 3 * 3_600_000);
    await recordStatusReport(prisma, {
      occurrenceId: occurrence.id,
      unitId: await unitId('TU-BTG'),
      officialId: b.officialId,
      status: 'in_progress',
      channel: 'telegram',
      channelMessageId: 'p-1',
      reportedAt: at,
    });
    const [first, second] = await Promise.all([
      queueNudge(prisma, occurrence.id, at),
      queueNudge(prisma, occurrence.id, at),
    ]);
    const outcomes = [first.kind, second.kind].sort();
    expect(outcomes).toEqual(['already', 'queued']);
    expect(first.kind === 'queued' ? first : second).toMatchObject({ count: 1 });
    expect(await queueNudge(prisma, occurrence.id, new Date(at.getTime() + 60_000))).toMatchObject({
      kind: 'already',
      count: 1,
    });
    fake.sent.length = 0;
    await worker.tick(new Date(at.getTime() + 1_000), { expandBudgetMs: 0 });
    const nudges = await prisma.reminderLedger.findMany({
      where: { kind: { startsWith: 'nudge:' } },
      select: { officialId: true, state: true },
    });
    expect(nudges).toEqual([{ officialId: a.officialId, state: 'sent' }]);
    expect(fake.sentTo(a.chatId).some((m) => m.visible.startsWith('🔔 Nhắc báo cáo'))).toBe(true);
    expect(fake.sentTo(b.chatId).some((m) => m.visible.startsWith('🔔 Nhắc báo cáo'))).toBe(false);
  });

  it('a leader receives the daily digest, with the admins', async () => {
    const leader = await official('TU-UBKT', 'leader');
    const admin = await official('TU', 'admin');
    const plain = await official('TU-UBKT');
    fake.sent.length = 0;
    const sent = await sendDigests({
      prisma: db.database.prisma,
      channels: { telegram },
      translations: await loadTranslations(),
      logger,
      today: '2012-10-01' as never,
    });
    expect(sent).toBe(2);
    expect(fake.sentTo(leader.chatId).length).toBe(1);
    expect(fake.sentTo(admin.chatId).length).toBe(1);
    expect(fake.sentTo(plain.chatId).length).toBe(0);
  });
});
