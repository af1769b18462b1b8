// Several instances on one PostgreSQL, and an instance killed mid-run: every reminder of a wave (windows opening, or
// an escalation wave of overdue reminders and notices to leaders and a supervising unit) reaches the fake Telegram once.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTelegramChannel, type TelegramChannel } from '../../src/channels/telegram/bot.js';
import { createConfig } from '../../src/config.js';
import type { Database, PrismaClient } from '../../src/db/database.js';
import { loadTranslations } from '../../src/i18n.js';
import { createLogger } from '../../src/logger.js';
import { createReminderWorker } from '../../src/reminders/worker.js';
import { seedDemoPlan } from '../../src/seed.js';
import { accountReachability } from '../../src/services/accounts.js';
import {
  POSTGRES_SCHEMA,
  postgresAvailable,
  secondPostgresConnection,
  type TestDatabase,
  testDatabase,
} from '../support/databases.js';
import { type FakeTelegram, startFakeTelegram } from '../support/fake-telegram.js';
import { waitUntil } from '../support/wait.js';

const logger = createLogger({ level: 'silent' });
const CHILD = fileURLToPath(new URL('../support/reminder-child.ts', import.meta.url));
// tsx as a loader in this very process (its CLI would run the script in a grandchild a kill would not reach).
const TSX_LOADER = ['--import', 'tsx'];
const OFFICIALS = 500;
const ESCALATION = { officials: 300, leaders: 150, admins: 20 };

interface Scenario {
  wave: string;
  at: Date;
  /** When the ledger was last handled: reminders due before it are cleared, so only the wave is sent. */
  handledUntil: Date;
  /** The recipients of the wave, each with a Telegram account (written by the test after this). */
  seed: (prisma: PrismaClient) => Promise<void>;
  checkRows: (rows: { kind: string }[]) => void;
}

const SCENARIOS: Scenario[] = [
  {
    // Each of 500 officials of the inspection committee gets two reminders (two windows it leads open on 1/8).
    wave: 'of 1,000 due reminders',
    at: new Date('2012-07-25T08:00:00+07:00'),
    handledUntil: new Date('2012-07-25T07:59:00+07:00'),
    seed: async (prisma) => {
      const unitId = (await prisma.unit.findUniqueOrThrow({ where: { code: 'TU-UBKT' }, select: { id: true } })).id;
      await prisma.official.createMany({
        data: Array.from({ length: OFFICIALS }, (_, i) => ({ name: `Cán bộ ${i}`, unitId })),
      });
    },
    checkRows: (rows) => expect(rows.length).toBeGreaterThanOrEqual(1000),
  },
  {
    // Monday 8/10/2012, day 7 after the 30/9 deadlines: overdue reminders to the committee, escalations to its
    // leaders and to the admins of the unit supervising it.
    wave: 'overdue reminder and escalation',
    at: new Date('2012-10-08T08:00:00+07:00'),
    handledUntil: new Date('2012-10-07T08:00:00+07:00'),
    seed: async (prisma) => {
      const unit = async (code: string) =>
        (await prisma.unit.findUniqueOrThrow({ where: { code }, select: { id: true } })).id;
      const ubkt = await unit('TU-UBKT');
      // The committee is supervised by a unit of its own here, so its admins hear about the committee alone (the province
      // committee's admins would get one per overdue board, each a second apart in their chat: a slow wave, not a test).
      const tu = (
        await prisma.unit.create({
          data: { code: 'TU-GS', name: 'Giám sát', level: 'province', parentId: await unit('TU') },
          select: { id: true },
        })
      ).id;
      await prisma.unit.update({ where: { id: ubkt }, data: { parentId: tu }, select: { id: true } });
      await prisma.official.createMany({
        data: [
          ...Array.from({ length: ESCALATION.officials }, (_, i) => ({ name: `Cán bộ ${i}`, unitId: ubkt })),
          ...Array.from({ length: ESCALATION.leaders }, (_, i) => ({
            name: `Lãnh đạo ${i}`,
            unitId: ubkt,
            role: 'leader' as const,
          })),
          ...Array.from({ length: ESCALATION.admins }, (_, i) => ({
            name: `Quản trị ${i}`,
            unitId: tu,
            role: 'admin' as const,
          })),
        ],
      });
    },
    checkRows: (rows) => {
      // Both waves: the committee's overdue reminders and the escalations about it to its leaders and its supervisor's admins.
      expect(rows.some((row) => row.kind.startsWith('overdue-7'))).toBe(true);
      const { officials, leaders, admins } = ESCALATION;
      expect(rows.filter((row) => row.kind.startsWith('escalate-7:')).length).toBeGreaterThanOrEqual(leaders + admins);
      expect(rows.length).toBeGreaterThanOrEqual(officials + leaders + admins);
    },
  },
];

describe.runIf(await postgresAvailable())('reminder waves across instances on PostgreSQL', () => {
  let db: TestDatabase;
  let second: Database;
  let fake: FakeTelegram;
  let channels: TelegramChannel[];
  const config = createConfig({ TELEGRAM_BOT_TOKEN: '1:x' });

  beforeAll(async () => {
    db = await testDatabase('postgres');
    second = await secondPostgresConnection();
    fake = await startFakeTelegram();
    const channelConfig = createConfig({ TELEGRAM_BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.apiRoot }).telegram!;
    const translations = await loadTranslations();
    channels = [db.database, second].map((database) =>
      createTelegramChannel({
        config: channelConfig,
        conversation: { handle: async () => [] },
        reachability: accountReachability(database.prisma, 'telegram'),
        translations,
        logger,
        pushPerSecond: 2000,
        receive: false,
      }),
    );
    await Promise.all(channels.map((channel) => channel.ready));
  });
  afterAll(async () => {
    await Promise.all(channels.map((channel) => channel.stop()));
    await second?.close();
    await fake?.close();
  });

  describe.each(SCENARIOS)('a wave $wave', (scenario) => {
    beforeEach(async () => {
      await db.reset();
      const { prisma } = db.database;
      await seedDemoPlan(prisma, new Date('2012-04-10T02:00:00Z'));
      const worker = createReminderWorker({
        prisma,
        config,
        channels: {},
        translations: await loadTranslations(),
        logger,
        instance: 'setup',
      });
      await worker.tick(scenario.handledUntil, { budgetMs: 0 });
      await prisma.reminderLedger.deleteMany();
      await scenario.seed(prisma);
      const officials = await prisma.official.findMany({ select: { id: true }, orderBy: { id: 'asc' } });
      await prisma.channelAccount.createMany({
        data: officials.map((o, i) => ({
          officialId: o.id,
          channel: 'telegram' as const,
          externalId: String(700_000 + i),
          chatId: String(700_000 + i),
        })),
      });
      fake.sent.length = 0;
    });

    async function expectEachSentOnce(): Promise<number> {
      const rows = await db.database.prisma.reminderLedger.findMany({
        select: { kind: true, state: true, official: { select: { accounts: { select: { chatId: true } } } } },
      });
      scenario.checkRows(rows);
      expect(rows.every((row) => row.state === 'sent')).toBe(true);
      const perChat = new Map<number, number>();
      for (const message of fake.sent) perChat.set(message.chatId, (perChat.get(message.chatId) ?? 0) + 1);
      const expected = new Map<number, number>();
      for (const row of rows)
        for (const account of row.official.accounts)
          expected.set(Number(account.chatId), (expected.get(Number(account.chatId)) ?? 0) + 1);
      expect(perChat).toEqual(expected);
      expect(fake.sent.length).toBe(rows.length);
      return rows.length;
    }

    it(`two schedulers ticking at once send each ${scenario.wave} exactly once`, async () => {
      const translations = await loadTranslations();
      const workers = [db.database, second].map((database, i) =>
        createReminderWorker({
          prisma: database.prisma,
          config,
          channels: { telegram: channels[i]! },
          translations,
          logger,
          instance: `instance-${i}`,
        }),
      );
      const results = await Promise.all(workers.map((worker) => worker.tick(scenario.at)));
      const total = await expectEachSentOnce();
      expect(results[0]!.sent + results[1]!.sent).toBe(total);
      // Both did part of the work, and each reminder was expanded by one of them only.
      expect(results.every((result) => result.sent > 0)).toBe(true);
      expect(results[0]!.written + results[1]!.written).toBe(total);
    });

    it('an instance killed in the middle of sending: within seconds the rest go out, nothing twice, nothing lost', async () => {
      // Both instances read the ledger's clock as the scenario's time moved on by the real time since `epoch`.
      const epoch = Date.now();
      const child = spawn(
        process.execPath,
        [
          ...TSX_LOADER,
          CHILD,
          JSON.stringify({
            schema: POSTGRES_SCHEMA,
            apiRoot: fake.apiRoot,
            token: fake.token,
            at: scenario.at.toISOString(),
            hangAfter: 150,
            epoch,
            instance: 'doomed',
          }),
        ],
        { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, CHILD_LOG_LEVEL: 'error' } },
      );
      let output = '';
      child.stdout.on('data', (chunk) => (output += chunk));
      child.stderr.on('data', (chunk) => (output += chunk));
      const exited = new Promise((resolve) => child.once('exit', resolve));
      try {
        await waitUntil(() => output.includes('HUNG') || child.exitCode !== null, { timeoutMs: 90_000 });
        // The other lanes' last sends were accepted by the fake a moment ago: killed once they are recorded, the
        // child leaves nothing in flight (a send accepted but not recorded would go twice: the documented bound).
        await waitUntil(
          async () =>
            (await db.database.prisma.reminderLedger.count({ where: { channelsSent: { has: 'telegram' } } })) >=
            fake.sent.length,
          { timeoutMs: 20_000, intervalMs: 50 },
        );
      } finally {
        // Killed whatever happens: a hung child must not outlive the test.
        child.kill('SIGKILL');
        await exited;
      }
      expect(output).toContain('HUNG');
      expect(fake.sent.length).toBe(150);
      const stranded = await db.database.prisma.reminderLedger.count({ where: { state: 'sending' } });
      expect(stranded).toBeGreaterThan(0);

      const killedAt = performance.now();
      const held = () => db.database.prisma.reminderLedger.count({ where: { state: 'sending', claimedBy: 'doomed' } });
      const survivor = createReminderWorker({
        prisma: second.prisma,
        config,
        channels: { telegram: channels[1]! },
        translations: await loadTranslations(),
        logger,
        instance: 'survivor',
        now: () => new Date(scenario.at.getTime() + (Date.now() - epoch)),
        loopMs: 500,
      });
      // The survivor's sending loop, on the shared clock: it leaves the dead instance's claims alone while their
      // lease lasts, and takes them within seconds after.
      survivor.start();
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      expect(await held()).toBeGreaterThan(0);
      await waitUntil(async () => (await held()) === 0, { timeoutMs: 20_000, intervalMs: 100 });
      const takeoverMs = performance.now() - killedAt;
      await waitUntil(
        async () => (await db.database.prisma.reminderLedger.count({ where: { state: { not: 'sent' } } })) === 0,
        { timeoutMs: 60_000, intervalMs: 200 },
      );
      await survivor.stop();
      console.info(`${scenario.wave}: takeover after SIGKILL: ${(takeoverMs / 1000).toFixed(1)} s`);
      expect(takeoverMs).toBeLessThan(10_000);
      await expectEachSentOnce();
    });
  });
});
