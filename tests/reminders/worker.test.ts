// The reminder worker against the database and the fake Telegram API: due reminders go out once, in working time.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTelegramChannel, type TelegramChannel } from '../../src/channels/telegram/bot.js';
import { createConfig } from '../../src/config.js';
import { createInvite, registerWithInvite } from '../../src/db/officials.js';
import { claimDueReminders, setDutyReminders } from '../../src/db/reminders.js';
import { recordStatusReport } from '../../src/db/reports.js';
import { generateCode } from '../../src/domain/invite-code.js';
import { loadTranslations } from '../../src/i18n.js';
import { createLogger } from '../../src/logger.js';
import { createChatCore } from '../../src/main.js';
import { createReminderWorker, type ReminderWorker } from '../../src/reminders/worker.js';
import { seedDemoPlan } from '../../src/seed.js';
import { accountReachability } from '../../src/services/accounts.js';
import { databaseKinds, type TestDatabase, testDatabase } from '../support/databases.js';
import { type FakeTelegram, startFakeTelegram } from '../support/fake-telegram.js';

const logger = createLogger({ level: 'silent' });
/** Local wall time in Việt Nam (UTC+7) as an instant. */
const vn = (text: string) => new Date(`${text}:00+07:00`);

describe.each(await databaseKinds())('reminder worker on %s', (kind) => {
  let db: TestDatabase;
  let fake: FakeTelegram;
  let telegram: TelegramChannel;
  let worker: ReminderWorker;
  let nextUser = 9000;
  const config = createConfig({ TELEGRAM_BOT_TOKEN: '1:x', REMINDER_HOLIDAYS: '2012-09-03' });

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
      // The fake sets no per-chat limit here: replies to one chat need not wait a second apart.
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
      instance: 'test-a',
    });
  });

  /** Registers a Telegram user as an official of a unit; returns their chat id and official id. */
  async function official(unit: string, locale: 'vi' | 'en' = 'vi'): Promise<{ chatId: number; officialId: number }> {
    const { prisma } = db.database;
    const unitId = (await prisma.unit.findUniqueOrThrow({ where: { code: unit }, select: { id: true } })).id;
    const code = generateCode();
    await createInvite(prisma, {
      code,
      unitId,
      role: 'official',
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
        displayName: `Official ${chatId}`,
        locale,
      },
      new Date(),
    );
    if (result.outcome !== 'registered') throw new Error(result.outcome);
    return { chatId, officialId: result.identity.official.id };
  }
  const to = (chatId: number) => fake.sentTo(chatId).map((m) => m.visible.split('\n')[0]);

  it('sends the "7 days before it opens" reminder at 08:00, with the duty and report buttons, once', async () => {
    const ubkt = await official('TU-UBKT');
    const btg = await official('TU-BTG');
    // The first tick catches up what was due before and is still useful; then, 25/7/2012 (a Wednesday)
    // at 08:00 is 7 days before the 1/8 windows open, and not a minute earlier.
    await worker.tick(vn('2012-07-24T12:00'));
    fake.sent.length = 0;
    expect((await worker.tick(vn('2012-07-25T07:59'))).sent).toBe(0);
    const first = await worker.tick(vn('2012-07-25T08:00'));
    expect(first.sent).toBeGreaterThan(0);
    expect(to(ubkt.chatId)).toContain('⏰ Nhắc việc: còn 7 ngày nữa bắt đầu');
    const message = fake.sentTo(ubkt.chatId).find((m) => m.visible.includes('Đề xuất gợi ý kiểm điểm sâu'));
    expect(message?.visible).toContain('Ủy ban Kiểm tra: chưa báo cáo');
    expect(message).toBeDefined();
    const buttons = (message!.replyMarkup as { inline_keyboard: { callback_data: string }[][] }).inline_keyboard
      .flat()
      .map((b) => b.callback_data);
    expect(buttons).toEqual(
      expect.arrayContaining([expect.stringMatching(/^r:\d+:d$/), expect.stringMatching(/^q:\d+:off$/), 'z:1']),
    );
    // The propaganda board leads nothing that opens on 1/8 alone: its officials get only their own duties.
    for (const text of fake.sentTo(btg.chatId).map((m) => m.visible))
      expect(text).not.toContain('Đề xuất gợi ý kiểm điểm sâu');

    const sentBefore = fake.sent.length;
    const again = await worker.tick(vn('2012-07-25T08:01'));
    expect(again).toMatchObject({ sent: 0, expanded: 0 });
    expect(fake.sent.length).toBe(sentBefore);
    const rows = await db.database.prisma.reminderLedger.findMany({
      where: { officialId: ubkt.officialId, dueAt: vn('2012-07-25T08:00') },
      select: { kind: true, state: true },
    });
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((row) => row.kind === 'before-open-7' && row.state === 'sent')).toBe(true);
  });

  it('skips "before it opens" reminders missed while down, but still sends the opening and overdue ones', async () => {
    const ubkt = await official('TU-UBKT');
    // Down from before 25/7 until Thursday 2/8 at 09:00: the windows opened on 1/8.
    const result = await worker.tick(vn('2012-08-02T09:00'));
    const kinds = await db.database.prisma.reminderLedger.findMany({
      where: { officialId: ubkt.officialId },
      select: { kind: true },
    });
    expect(new Set(kinds.map((row) => row.kind))).toEqual(new Set(['open']));
    expect(result.sent).toBeGreaterThan(0);
    expect(to(ubkt.chatId).every((line) => line === '⏰ Nhắc việc: hôm nay bắt đầu')).toBe(true);
    const skipped = await db.database.prisma.reminderRun.findMany({
      where: { kind: { startsWith: 'before-open' } },
      select: { recipients: true },
    });
    expect(skipped.length).toBeGreaterThan(0);
    expect(skipped.every((run) => run.recipients === 0)).toBe(true);
  });

  it('spreads a large catch-up over ticks within their budget, writing every reminder exactly once', async () => {
    await official('TU-UBKT');
    await official('TU-BTG');
    const at = vn('2012-08-02T09:00');
    // A budget that admits one window per tick: the rest waits for the next ticks, nothing is lost or doubled.
    const ticks: number[] = [];
    for (let i = 0; i < 200; i += 1) {
      const result = await worker.tick(at, { expandBudgetMs: 0, budgetMs: 0 });
      ticks.push(result.expanded);
      if (result.expanded === 0) break;
    }
    expect(ticks.slice(0, -1).every((expanded) => expanded === 1)).toBe(true);
    expect(ticks.length).toBeGreaterThan(3);
    const runs = await db.database.prisma.reminderRun.count();
    expect(runs).toBe(ticks.length - 1);
    const rows = await db.database.prisma.reminderLedger.groupBy({
      by: ['occurrenceId', 'officialId', 'kind'],
      _count: { _all: true },
    });
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((row) => row._count._all === 1)).toBe(true);
  });

  it('waits for working time: a reminder due on a Sunday or a holiday goes out on the next working day', async () => {
    const ubkt = await official('TU-UBKT');
    // "3 days before it closes" for windows ending 30/9 is Thursday 27/9; "before it opens" for 1/9 windows, 29/8 (Wed) …
    // The 4/9 "open" reminders of windows opening Sat 1/9 wait: Monday 3/9 is a holiday here, so Tuesday 4/9.
    await worker.tick(vn('2012-09-01T08:00'));
    await worker.tick(vn('2012-09-03T08:00'));
    const openedOnFirst = await db.database.prisma.reminderLedger.findMany({
      where: { officialId: ubkt.officialId, kind: 'open', occurrence: { startsOn: new Date('2012-09-01') } },
      select: { dueAt: true },
    });
    for (const row of openedOnFirst) expect(row.dueAt.toISOString()).toBe(vn('2012-09-04T08:00').toISOString());
  });

  it('stops reminding a unit that reported done, an official who opted out of the duty, and defers a snooze', async () => {
    const { prisma } = db.database;
    const a = await official('TU-UBKT');
    const b = await official('TU-UBKT');
    const c = await official('TU-UBKT');
    const occurrence = await prisma.occurrence.findFirstOrThrow({
      where: { duty: { title: { startsWith: 'Đề xuất gợi ý kiểm điểm sâu' } } },
      select: { id: true, dutyId: true },
    });
    await worker.tick(vn('2012-08-01T08:00'));
    const unitId = (await prisma.unit.findUniqueOrThrow({ where: { code: 'TU-UBKT' }, select: { id: true } })).id;
    await setDutyReminders(prisma, { officialId: b.officialId, dutyId: occurrence.dutyId }, false);
    await prisma.official.update({ where: { id: c.officialId }, data: { snoozedUntil: vn('2012-09-29T12:00') } });
    // 27/9 08:00: "3 days before it closes". b opted out; c snoozed until Saturday noon → Monday 1/10 08:00, after the window: not sent.
    await worker.tick(vn('2012-09-27T08:00'));
    const rows = await prisma.reminderLedger.findMany({
      where: { occurrenceId: occurrence.id, kind: 'before-close-3' },
      select: { officialId: true, state: true, dueAt: true },
    });
    const state = (id: number) => rows.find((row) => row.officialId === id)?.state;
    expect(state(a.officialId)).toBe('sent');
    expect(state(b.officialId)).toBeUndefined();
    expect(state(c.officialId)).toBe('pending');
    await recordStatusReport(prisma, {
      occurrenceId: occurrence.id,
      unitId,
      officialId: a.officialId,
      status: 'done',
      channel: 'telegram',
      channelMessageId: 'x1',
      reportedAt: vn('2012-09-27T09:00'),
    });
    // Friday 28/9: "1 day before it closes" brought forward from Saturday: the unit is done, so nobody is reminded.
    await worker.tick(vn('2012-09-28T08:00'));
    expect(
      await prisma.reminderLedger.count({
        where: { occurrenceId: occurrence.id, kind: 'before-close-1', state: 'sent' },
      }),
    ).toBe(0);
    await worker.tick(vn('2012-10-01T08:00'));
    expect(await prisma.reminderLedger.count({ where: { occurrenceId: occurrence.id, kind: 'overdue' } })).toBe(0);
    expect(
      (
        await prisma.reminderLedger.findFirst({
          where: { officialId: c.officialId, occurrenceId: occurrence.id, kind: 'before-close-3' },
          select: { state: true },
        })
      )?.state,
    ).toBe('cancelled');
  });

  it('takes over reminders claimed by an instance that died, after its lease, and sends each once', async () => {
    const { prisma } = db.database;
    const people = await Promise.all(Array.from({ length: 5 }, () => official('TU-UBKT')));
    const at = vn('2012-07-25T08:00');
    // Another instance expands and claims, then dies before sending anything.
    const dead = createReminderWorker({
      prisma,
      config,
      channels: {},
      translations: await loadTranslations(),
      logger,
      instance: 'dead',
    });
    await dead.tick(at, { budgetMs: 0 });
    const expandedRows = await prisma.reminderLedger.count();
    expect(expandedRows).toBeGreaterThanOrEqual(people.length);
    const claimed = await claimDueReminders(prisma, { instance: 'dead', now: at, limit: 1000, leaseMs: 120_000 });
    expect(claimed.length).toBe(expandedRows);
    // Within the lease nobody else touches them…
    expect((await worker.tick(new Date(at.getTime() + 60_000))).sent).toBe(0);
    // …after it, they are taken over and sent once each.
    const later = await worker.tick(new Date(at.getTime() + 121_000));
    expect(later.sent).toBe(expandedRows);
    const perOfficial = await prisma.reminderLedger.groupBy({
      by: ['officialId', 'occurrenceId', 'kind'],
      _count: { _all: true },
    });
    expect(perOfficial.every((group) => group._count._all === 1)).toBe(true);
    const messages = fake.sent.filter((m) => people.some((p) => p.chatId === m.chatId));
    expect(messages.length).toBe(expandedRows);
  });
});
