// SIGTERM in the middle of a notice: the running `dondoc start` stops taking work, gives back what it had not
// started, exits 0; started again, it sends the rest. Nobody is skipped and nobody gets it twice.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { broadcastProgress, queueBroadcast } from '../../src/db/broadcasts.js';
import {
  POSTGRES_SCHEMA,
  POSTGRES_URL,
  postgresAvailable,
  type TestDatabase,
  testDatabase,
} from '../support/databases.js';
import { type FakeTelegram, startFakeTelegram } from '../support/fake-telegram.js';
import { importSmallPlan } from '../support/fixtures.js';
import { DONDOC_BIN } from '../support/processes.js';
import { waitUntil } from '../support/wait.js';

const RECIPIENTS = 300;

describe.runIf(await postgresAvailable())('graceful shutdown of dondoc start', () => {
  let db: TestDatabase;
  let fake: FakeTelegram;
  let dir: string;

  beforeAll(async () => {
    db = await testDatabase('postgres');
    await db.reset();
    await importSmallPlan(db.database.prisma);
    fake = await startFakeTelegram();
    dir = await mkdtemp(path.join(os.tmpdir(), 'dondoc-shutdown-'));
  });
  afterAll(async () => {
    await fake?.close();
    await rm(dir, { recursive: true, force: true });
  });

  function startBot() {
    const child = spawn(process.execPath, [DONDOC_BIN, 'start'], {
      cwd: dir,
      env: {
        PATH: process.env.PATH,
        LOG_LEVEL: 'info',
        DONDOC_CONSOLE: 'false',
        DONDOC_SEED_DEMO: 'false',
        HTTP_PORT: '0',
        DONDOC_DATA_DIR: path.join(dir, 'data'),
        DATABASE_URL: `${POSTGRES_URL}?schema=${POSTGRES_SCHEMA}`,
        TELEGRAM_BOT_TOKEN: fake.token,
        TELEGRAM_API_ROOT: fake.apiRoot,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
    });
    child.stderr.on('data', (chunk) => {
      output += chunk;
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    return { child, exited, output: () => output };
  }

  it('gives back unsent deliveries on SIGTERM and sends every one exactly once after a restart', async () => {
    const { prisma } = db.database;
    const unit = await prisma.unit.findFirstOrThrow({ select: { id: true } });
    await prisma.official.createMany({
      data: Array.from({ length: RECIPIENTS }, (_, i) => ({ name: `Cán bộ ${i}`, unitId: unit.id })),
    });
    const officials = await prisma.official.findMany({ select: { id: true }, orderBy: { id: 'asc' } });
    await prisma.channelAccount.createMany({
      data: officials.map((official, i) => ({
        officialId: official.id,
        channel: 'telegram' as const,
        externalId: String(900_000 + i),
        chatId: String(900_000 + i),
      })),
    });
    const { id } = await queueBroadcast(
      prisma,
      { text: 'Họp giao ban lúc 8 giờ.', audience: { kind: 'all' }, actor: { label: 'test' } },
      new Date(),
    );

    const first = startBot();
    try {
      await waitUntil(() => fake.sent.length >= 60, { timeoutMs: 60_000 });
    } finally {
      first.child.kill('SIGTERM');
    }
    const stoppedAt = performance.now();
    expect(await first.exited, first.output()).toBe(0);
    expect(performance.now() - stoppedAt).toBeLessThan(20_000);
    expect(first.output()).toContain('stopping');
    // Nothing is left held by the stopped instance: another would take the rest at once, without a lease to wait.
    expect(await prisma.broadcastDelivery.count({ where: { state: 'sending' } })).toBe(0);
    const progress = await broadcastProgress(prisma, id);
    expect(progress?.remaining).toBeGreaterThan(0);
    expect(progress?.sent).toBe(fake.sent.length);

    const second = startBot();
    try {
      await waitUntil(async () => (await broadcastProgress(prisma, id))?.status === 'done', {
        timeoutMs: 90_000,
        intervalMs: 200,
      });
    } finally {
      second.child.kill('SIGTERM');
      await second.exited;
    }
    const perChat = new Map<number, number>();
    for (const message of fake.sent) perChat.set(message.chatId, (perChat.get(message.chatId) ?? 0) + 1);
    expect(perChat.size).toBe(RECIPIENTS);
    expect([...perChat.values()].every((count) => count === 1)).toBe(true);
  }, 180_000);
});
