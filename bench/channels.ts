// Channels under pressure: 1,000 officials each asking a question within a few seconds while a 5,000-recipient
// notice goes out, against the fake Telegram with its real limits (30 messages/s overall, 1/s per chat, 429 +
// retry_after above). The whole bot's send path as the app runs it: createChatCore, createTelegramChannel (polling,
// the send gate), the broadcast worker. The scenario is tests/support/burst.ts; the test runs it at 200 + 600.
//
// Reported: reply latency (question queued at the fake -> the bot's reply arriving there) p50/p99/max, replies
// missing, the notice's rate while replies take their share, the overall rate against 30/s, 429s met, duplicates.
import os from 'node:os';
import { createLogger } from '../src/logger.js';
import { seedDemoPlan } from '../src/seed.js';
import { type BurstResult, runBurst } from '../tests/support/burst.js';
import { loadAverageNow, runIfMain, type SourceVersion, sourceVersion } from './common.js';
import { type BenchKind, openBenchPglite, openBenchPostgres, postgresAvailable } from './databases.js';
import { ms, type P99Summary, table, withP99 } from './stats.js';

const SCHEMA = 'dondoc_bench_channels';
const NOW = new Date('2012-08-20T03:00:00Z');

export interface ChannelsBenchOptions {
  users: number;
  recipients: number;
  spreadMs: number;
  log: (line: string) => void;
}

export interface ChannelsResult {
  kind: BenchKind;
  source: SourceVersion;
  loadAverage: { start: number; end: number };
  burst: Omit<BurstResult, 'replyLatencyMs'> & { replyLatency: P99Summary };
}

export function channelsBenchOptions(quick: boolean, log: (line: string) => void): ChannelsBenchOptions {
  return quick
    ? { users: 200, recipients: 600, spreadMs: 3_000, log }
    : { users: 1_000, recipients: 5_000, spreadMs: 5_000, log };
}

export async function runChannelsBench(options: ChannelsBenchOptions): Promise<ChannelsResult> {
  const start = loadAverageNow();
  const kind: BenchKind = (await postgresAvailable()) ? 'postgres' : 'pglite';
  const db = kind === 'postgres' ? await openBenchPostgres('channels', SCHEMA) : await openBenchPglite('channels');
  try {
    await seedDemoPlan(db.database.prisma, NOW);
    options.log(`  ${options.users} users asking while a notice goes to ${options.recipients}, on ${kind} ...`);
    const { replyLatencyMs, ...burst } = await runBurst({
      prisma: db.database.prisma,
      logger: createLogger({ level: 'warn' }),
      now: NOW,
      users: options.users,
      recipients: options.recipients,
      spreadMs: options.spreadMs,
      timeoutMs: 30 * 60_000,
    });
    return {
      kind,
      source: sourceVersion(),
      loadAverage: { start, end: loadAverageNow() },
      burst: { ...burst, replyLatency: withP99(replyLatencyMs) },
    };
  } finally {
    await db.close();
  }
}

export function printChannels(result: ChannelsResult, seconds: number, log: (line: string) => void): void {
  const b = result.burst;
  log(
    `\nChannels under pressure on ${result.kind}: ${seconds.toFixed(0)} s; load average ${result.loadAverage.start.toFixed(1)} → ${result.loadAverage.end.toFixed(1)} on ${os.cpus().length} cores; code at ${result.source.commit}`,
  );
  log(
    table(
      [
        'users',
        'recipients',
        'reply p50',
        'reply p99',
        'reply max',
        'missing',
        'notice rate',
        'overall rate',
        '429s',
        'twice',
        'undelivered',
      ],
      [
        [
          String(b.users),
          String(b.recipients),
          `${ms(b.replyLatency.median)} ms`,
          `${ms(b.replyLatency.p99)} ms`,
          `${ms(b.replyLatency.max)} ms`,
          String(b.repliesMissing),
          `${b.noticeRate.toFixed(1)}/s`,
          `${b.overallRate.toFixed(1)}/s (${(b.overallRate / 30).toFixed(3)} of 30)`,
          String(b.rateLimited),
          String(b.noticeTwice),
          String(b.undelivered),
        ],
      ],
    ),
  );
}

runIfMain(import.meta.url, async () => {
  const log = (line: string) => process.stdout.write(`${line}\n`);
  const started = performance.now();
  const result = await runChannelsBench(channelsBenchOptions(process.argv.includes('--quick'), log));
  printChannels(result, (performance.now() - started) / 1000, log);
});
