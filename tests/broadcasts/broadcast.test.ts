// Broadcasts against the rate-limited fake Telegram API: exactly once per recipient, across workers and a killed process.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createBroadcastWorker } from '../../src/broadcasts/worker.js';
import { createTelegramChannel, type TelegramChannel } from '../../src/channels/telegram/bot.js';
import { createConfig } from '../../src/config.js';
import { broadcastProgress, queueBroadcast } from '../../src/db/broadcasts.js';
import type { Database } from '../../src/db/database.js';
import { loadTranslations } from '../../src/i18n.js';
import { createLogger } from '../../src/logger.js';
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
const CHILD = fileURLToPath(new URL('../support/broadcast-child.ts', import.meta.url));
// tsx as a loader in this very process (its CLI would run the script in a grandchild a kill would not reach).
const TSX_LOADER = ['--import', 'tsx'];
const NOW = new Date('2012-08-20T03:00:00Z');

/** `count` officials, each with a Telegram account whose chat id is 800000 + i, in units of the demo plan. */
async function recipients(db: TestDatabase, count: number): Promise<number[]> {
  const { prisma } = db.database;
  const units = await prisma.unit.findMany({ select: { id: true }, orderBy: { id: 'asc' } });
  await prisma.official.createMany({
    data: Array.from({ length: count }, (_, i) => ({ name: `Cán bộ ${i}`, unitId: units[i % units.length]!.id })),
  });
  const officials = await prisma.official.findMany({ select: { id: true }, orderBy: { id: 'asc' } });
  await prisma.channelAccount.createMany({
    data: officials.map((o, i) => ({
      officialId: o.id,
      channel: 'telegram' as const,
      externalId: String(800_000 + i),
      chatId: String(800_000 + i),
    })),
  });
  return officials.map((_, i) => 800_000 + i);
}

/** Every recipient got the notice; `mayRepeat` of them at most twice (the sends in flight when a process was killed). */
function expectOncePerChat(fake: FakeTelegram, chats: number[], mayRepeat = 0): void {
  const perChat = new Map<number, number>();
  for (const message of fake.sent) perChat.set(message.chatId, (perChat.get(message.chatId) ?? 0) + 1);
  const missing = chats.filter((chat) => !perChat.has(chat));
  const twice = [...perChat.entries()].filter(([, n]) => n > 1);
  expect(missing.length).toBe(0);
  expect([...perChat.values()].every((n) => n <= 2)).toBe(true);
  expect(twice.length).toBeLessThanOrEqual(mayRepeat);
  expect(fake.sent.length).toBe(chats.length + twice.length);
}

describe.runIf(await postgresAvailable())('broadcasts on PostgreSQL', () => {
  let db: TestDatabase;
  let second: Database;
  let fake: FakeTelegram;
  let channels: TelegramChannel[];

  beforeAll(async () => {
    db = await testDatabase('postgres');
    second = await secondPostgresConnection();
  });
  afterAll(async () => {
    await second?.close();
  });
  beforeEach(async () => {
    await db.reset();
    await seedDemoPlan(db.database.prisma, NOW);
    // Telegram's overall limit scaled up so the test is quick (bench/broadcasts.ts measures the real one); one message a second per chat still holds.
    fake = await startFakeTelegram({ globalRatePerSecond: 1000, perChatRatePerSecond: 1 });
    const channelConfig = createConfig({ TELEGRAM_BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.apiRoot }).telegram!;
    const translations = await loadTranslations();
    channels = [db.database, second].map((database) =>
      createTelegramChannel({
        config: channelConfig,
        conversation: { handle: async () => [] },
        reachability: accountReachability(database.prisma, 'telegram'),
        translations,
        logger,
        pushPerSecond: 450,
        receive: false,
      }),
    );
    await Promise.all(channels.map((channel) => channel.ready));
  });
  afterEach(async () => {
    await Promise.all(channels.map((channel) => channel.stop()));
    await fake.close();
  });

  it('delivers a 5,000-recipient notice exactly once each with two workers sharing the queue', async () => {
    const chats = await recipients(db, 5000);
    const { id, count } = await queueBroadcast(
      db.database.prisma,
      { text: 'Họp giao ban lúc 8 giờ thứ Hai.', audience: { kind: 'all' }, actor: { label: 'test' } },
      NOW,
    );
    expect(count).toEqual({ recipients: { telegram: 5000, zalo: 0 }, officials: 5000 });
    const translations = await loadTranslations();
    const workers = [db.database, second].map((database, i) =>
      createBroadcastWorker({
        prisma: database.prisma,
        channels: { telegram: channels[i]! },
        translations,
        logger,
        instance: `worker-${i}`,
        idleMs: 50,
      }),
    );
    for (const worker of workers) worker.start();
    await waitUntil(async () => (await broadcastProgress(db.database.prisma, id))?.status === 'done', {
      timeoutMs: 150_000,
      intervalMs: 200,
    });
    await Promise.all(workers.map((worker) => worker.stop()));
    expectOncePerChat(fake, chats);
    expect(await broadcastProgress(db.database.prisma, id)).toMatchObject({ sent: 5000, failed: 0, remaining: 0 });
  }, 180_000);

  it('resumes after the sending process is killed at a random point: nobody skipped, repeats only for sends in flight', async () => {
    const chats = await recipients(db, 1000);
    const { id } = await queueBroadcast(
      db.database.prisma,
      { text: 'Thông báo khẩn.', audience: { kind: 'all' }, actor: { label: 'test' } },
      NOW,
    );
    const child = spawn(
      process.execPath,
      [...TSX_LOADER, CHILD, JSON.stringify({ schema: POSTGRES_SCHEMA, apiRoot: fake.apiRoot, token: fake.token })],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const exited = new Promise((resolve) => child.once('exit', resolve));
    // Killed somewhere between a tenth and a half of the way (and killed whatever happens, so no child outlives the test).
    const killAt = 100 + Math.floor(Math.random() * 400);
    try {
      await waitUntil(() => fake.sent.length >= killAt, { timeoutMs: 90_000 });
    } finally {
      child.kill('SIGKILL');
      await exited;
    }
    const killedAt = performance.now();
    const progress = await broadcastProgress(db.database.prisma, id);
    expect(progress!.remaining).toBeGreaterThan(0);
    const held = () =>
      db.database.prisma.broadcastDelivery.count({ where: { state: 'sending', claimedBy: `child-${child.pid}` } });
    expect(await held()).toBeGreaterThan(0);
    // The other instance, on the real clock: the dead one's claims run out within seconds (no heartbeat renews them).
    const translations = await loadTranslations();
    const restarted = createBroadcastWorker({
      prisma: second.prisma,
      channels: { telegram: channels[1]! },
      translations,
      logger,
      instance: 'restarted',
      idleMs: 200,
    });
    restarted.start();
    await waitUntil(async () => (await held()) === 0, { timeoutMs: 20_000, intervalMs: 100 });
    const takeoverMs = performance.now() - killedAt;
    await waitUntil(async () => (await broadcastProgress(db.database.prisma, id))?.status === 'done', {
      timeoutMs: 90_000,
      intervalMs: 200,
    });
    await restarted.stop();
    console.info(`notice takeover after SIGKILL: ${(takeoverMs / 1000).toFixed(1)} s`);
    expect(takeoverMs).toBeLessThan(10_000);
    // A message Telegram accepted a moment before the kill, whose row had not yet been marked sent, goes again:
    // Telegram has no idempotency key, so the sends in flight (at most one per lane) are the only possible repeats.
    expectOncePerChat(fake, chats, 8);
  }, 180_000);
});

describe('broadcasts on PGlite', () => {
  let db: TestDatabase;
  let fake: FakeTelegram;
  let channel: TelegramChannel;

  beforeAll(async () => {
    db = await testDatabase('pglite');
    fake = await startFakeTelegram();
    const channelConfig = createConfig({ TELEGRAM_BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.apiRoot }).telegram!;
    channel = createTelegramChannel({
      config: channelConfig,
      conversation: { handle: async () => [] },
      reachability: accountReachability(db.database.prisma, 'telegram'),
      translations: await loadTranslations(),
      logger,
      pushPerSecond: 1000,
      receive: false,
    });
    await channel.ready;
  });
  afterAll(async () => {
    await channel?.stop();
    await fake?.close();
  });

  it('marks recipients who blocked the bot inactive and counts them as failed, and a cancelled notice stops', async () => {
    await db.reset();
    await seedDemoPlan(db.database.prisma, NOW);
    const chats = await recipients(db, 20);
    for (const chat of chats.slice(0, 3)) fake.blockChat(chat);
    const { id } = await queueBroadcast(
      db.database.prisma,
      { text: 'Lịch họp', audience: { kind: 'all' }, actor: { label: 'test' } },
      NOW,
    );
    const worker = createBroadcastWorker({
      prisma: db.database.prisma,
      channels: { telegram: channel },
      translations: await loadTranslations(),
      logger,
      instance: 'one',
    });
    while ((await worker.runOnce()) > 0);
    expect(await broadcastProgress(db.database.prisma, id)).toMatchObject({
      status: 'done',
      sent: 17,
      failed: 3,
      remaining: 0,
    });
    expect(await db.database.prisma.channelAccount.count({ where: { active: false } })).toBe(3);
    // The next notice skips them: inactive accounts are not recipients.
    const next = await queueBroadcast(
      db.database.prisma,
      { text: 'Lịch họp 2', audience: { kind: 'all' }, actor: { label: 'test' } },
      NOW,
    );
    expect(next.count.recipients.telegram).toBe(17);
    const { cancelBroadcast } = await import('../../src/db/broadcasts.js');
    expect(await cancelBroadcast(db.database.prisma, next.id, { label: 'test' }, NOW)).toBe('cancelled');
    expect(await worker.runOnce()).toBe(0);
    expect(await broadcastProgress(db.database.prisma, next.id)).toMatchObject({
      status: 'cancelled',
      sent: 0,
      cancelled: 17,
    });
  });
});
