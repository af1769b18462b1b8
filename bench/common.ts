// What the benchmark modules share: the code version and machine load they note, seeded randomness, the fakes' limits and replies, sample chat text, and running one directly.
import { execFileSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { seeded } from '../tests/support/random.js';

export interface SourceVersion {
  commit: string;
  changed: boolean;
}

/** The code measured: the commit, and whether the given folders (by default src/, handlers/, prisma/, locales/) differ from it now. */
export function sourceVersion(folders: readonly string[] = ['src', 'handlers', 'prisma', 'locales']): SourceVersion {
  try {
    const git = (...args: string[]) =>
      execFileSync('git', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    return {
      commit: git('rev-parse', '--short', 'HEAD'),
      changed: git('status', '--porcelain', '--', ...folders) !== '',
    };
  } catch {
    return { commit: 'unknown', changed: false };
  }
}

/** The machine's 1-minute load average now (other processes compete for the cores). */
export function loadAverageNow(): number {
  return os.loadavg()[0] ?? Number.NaN;
}

/** A small seeded generator (mulberry32, the tests' own): the same script and data every run. */
export const random: (seed: number) => () => number = seeded;

export function pick<T>(items: readonly T[], rnd: () => number): T {
  return items[Math.floor(rnd() * items.length)] as T;
}

/** Splits `total` into `parts` nearly equal whole numbers. */
export function split(total: number, parts: number): number[] {
  return Array.from(
    { length: parts },
    (_, i) => Math.floor((total * (i + 1)) / parts) - Math.floor((total * i) / parts),
  );
}

/** A short name for a statement: its verb and the table it names first (schema dropped; transaction control as is). */
export function statementLabel(sql: string): string {
  // Tables come schema-qualified on PostgreSQL ("dondoc_bench_telegram"."Unit"): the schema is dropped.
  const text = sql.replace(/"\w+"\.(?=")/g, '').trim();
  const verb = (/^\w+/.exec(text)?.[0] ?? '?').toUpperCase();
  if (['BEGIN', 'COMMIT', 'ROLLBACK', 'SAVEPOINT', 'RELEASE'].includes(verb)) return verb;
  const name = /(?:FROM|INTO|UPDATE)\s+"(\w+)"/i.exec(text)?.[1] ?? '?';
  return `${verb} ${name}`;
}

/** The fake Bot API's limits: Telegram's documented ~30 messages a second for a bot, 1 a second per chat. */
export const TELEGRAM_LIMIT_PER_SECOND = 30;
export const PER_CHAT_LIMIT = 1;

/**
 * Callers waiting for the bot's next message to a chat, one per chat: `expect` before the update is sent, `deliver`
 * as a message arrives (false when no one waited on that chat).
 */
export class ChatWaiters<K, M> {
  private readonly waiting = new Map<K, { resolve: (m: M) => void; timer: NodeJS.Timeout }>();

  expect(chatId: K, timeoutMs = 30_000): Promise<M> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(chatId);
        reject(new Error(`no reply to chat ${String(chatId)} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiting.set(chatId, { resolve, timer });
    });
  }

  deliver(chatId: K, message: M): boolean {
    const waiter = this.waiting.get(chatId);
    if (!waiter) return false;
    this.waiting.delete(chatId);
    clearTimeout(waiter.timer);
    waiter.resolve(message);
    return true;
  }
}

/** The users' clock in the chat benchmarks: the first plan's period (its windows are open then). */
export const BENCH_NOW = new Date('2012-08-20T02:00:00Z');

/** "What does my unit have to do?", Vietnamese with and without diacritics. */
export const MINE_QUESTIONS_VI = ['đơn vị tôi cần làm gì?', 'don vi toi can lam gi?'] as const;
/** Questions officials ask: Vietnamese with and without diacritics, and English; each lists duties on the first plan. */
export const SAMPLE_QUESTIONS = [
  'Việc gì đến hạn tháng 9/2012?',
  'viec gi den han thang 9/2012?',
  'Ban Tuyên giáo cần làm gì?',
  'ban tuyen giao can lam gi?',
  'khi nào kiểm điểm cấp huyện?',
  'khi nao kiem diem cap huyen?',
  'việc nào quá hạn?',
  'Huyện ủy Càng Long có việc gì quá hạn?',
  'việc gì đến hạn tuần này?',
  'Ban Tổ chức cần làm gì trong quý III/2012?',
  'khi nào lấy phiếu tín nhiệm?',
  "what's due this month?",
  'what is overdue?',
  'when is the review of the district level?',
];
/** Notes officials add to a status report. */
export const SAMPLE_NOTES = [
  'Đã triển khai xong, chờ tổng hợp báo cáo.',
  'Đang làm, dự kiến xong cuối tháng.',
  'Chưa có kinh phí, xin ý kiến Thường trực.',
  'Waiting for the district reports.',
];

/**
 * Runs a benchmark, timed: prints it, writes bench/results/<name>.json ({ date, seconds, ...result }) and says where.
 * Returns the result for checks of its own.
 */
export async function runAndSave<R extends object>(
  name: string,
  log: (line: string) => void,
  bench: () => Promise<R>,
  print: (result: R, seconds: number) => void,
): Promise<R> {
  const started = performance.now();
  const result = await bench();
  const seconds = (performance.now() - started) / 1000;
  print(result, seconds);
  const outDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'results');
  await mkdir(outDir, { recursive: true });
  const outFile = path.join(outDir, `${name}.json`);
  await writeFile(outFile, `${JSON.stringify({ date: new Date().toISOString(), seconds, ...result }, null, 2)}\n`);
  log(`\nDone in ${seconds.toFixed(0)} s; results in ${path.relative(process.cwd(), outFile)}`);
  return result;
}

/** Writes an error as the benchmarks report it: the stack where there is one. */
export function errorText(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

/** Calls `main` when the module `moduleUrl` (its import.meta.url) is the one run with tsx, not imported. */
export function runIfMain(moduleUrl: string, main: () => Promise<void>): void {
  if (!process.argv[1] || moduleUrl !== pathToFileURL(path.resolve(process.argv[1])).href) return;
  main().then(
    // Exit explicitly (as src/main.ts does): nothing measured is left running, and no stray timer may hold the process.
    () => process.exit(process.exitCode ?? 0),
    (error: unknown) => {
      process.stderr.write(`${errorText(error)}\n`);
      process.exit(1);
    },
  );
}
