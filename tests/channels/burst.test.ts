// A burst against Telegram's real limits: every user gets every reply, the notice reaches everyone once.
// The full size (1,000 users, 5,000 recipients) and its figures are in bench/channels.ts.
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.js';
import { seedDemoPlan } from '../../src/seed.js';
import { runBurst } from '../support/burst.js';
import { postgresAvailable, testDatabase } from '../support/databases.js';

const NOW = new Date('2012-08-20T03:00:00Z');

describe('a burst of questions while a notice goes out, at 30/s overall and 1/s per chat', () => {
  it('answers all 200 users and reaches all 600 recipients once', async () => {
    const db = await testDatabase((await postgresAvailable()) ? 'postgres' : 'pglite');
    await db.reset();
    await seedDemoPlan(db.database.prisma, NOW);
    const result = await runBurst({
      prisma: db.database.prisma,
      logger: createLogger({ level: 'silent' }),
      now: NOW,
      users: 200,
      recipients: 600,
      spreadMs: 3_000,
      timeoutMs: 90_000,
    });
    expect(result).toMatchObject({ repliesMissing: 0, noticeReached: 600, noticeTwice: 0, undelivered: 0 });
    // Replies go first: none waits behind the notice's queue (which alone takes 20 s at 30/s).
    expect(Math.max(...result.replyLatencyMs)).toBeLessThan(15_000);
    expect(result.overallRate).toBeLessThanOrEqual(30);
  }, 120_000);
});
