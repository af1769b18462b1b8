// Memory of the running bot, as an operator sees it: the compiled `dondoc start` as its own process (embedded
// database, then a PostgreSQL server), the demo plan, a hundred officials registered through the fake Telegram,
// an hour's worth of their traffic, then a soak at a steady rate with the process's RSS sampled from /proc.
// Baselines in the same run: `node` doing nothing, and PGlite opened alone with the bot's settings.
//   npx tsx bench/memory.ts [--quick] [--soak-minutes N]
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import pg from 'pg';
import { type FakeTelegram, type FakeUser, startFakeTelegram } from '../tests/support/fake-telegram.js';
import { loadAverageNow, random, runAndSave, runIfMain, SAMPLE_QUESTIONS, sourceVersion } from './common.js';
import { POSTGRES_URL, postgresAvailable } from './databases.js';
import { table } from './stats.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const MAIN = path.join(ROOT, 'dist/src/main.js');
const BIN = path.join(ROOT, 'bin/dondoc.js');
/** The flags of deploy/dondoc.service. */
const NODE_FLAGS = ['--v8-pool-size=2', '--liftoff-only'];
const run = promisify(execFile);

export interface MemoryOptions {
  users: number;
  /** Updates of the "hour of traffic": each official asks or taps about every five minutes. */
  hourUpdates: number;
  soakMinutes: number;
  sampleSeconds: number;
  log: (line: string) => void;
}

export interface MemoryRun {
  kind: 'pglite' | 'postgres';
  afterStartMb: number;
  afterRegistrationMb: number;
  afterHourMb: number;
  peakMb: number;
  soak: {
    minutes: number;
    samples: { minute: number; rssMb: number }[];
    firstHalfMb: number;
    secondHalfMb: number;
    slopeMbPer10Min: number;
  };
  updatesSent: number;
  repliesSeen: number;
}

export interface MemoryResult {
  version: ReturnType<typeof sourceVersion>;
  loadAverage: { start: number; end: number };
  baselines: { nodeMb: number; pgliteAloneMb: number };
  runs: MemoryRun[];
}

export function memoryBenchOptions(quick: boolean, log: (line: string) => void): MemoryOptions {
  return quick
    ? { users: 20, hourUpdates: 200, soakMinutes: 1, sampleSeconds: 10, log }
    : { users: 100, hourUpdates: 1_200, soakMinutes: 30, sampleSeconds: 30, log };
}

async function rssMb(pid: number): Promise<{ rss: number; peak: number }> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const field = (name: string) => Number(new RegExp(`${name}:\\s+(\\d+)`).exec(status)?.[1] ?? Number.NaN) / 1024;
  return { rss: field('VmRSS'), peak: field('VmHWM') };
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function baselines(dataDir: string): Promise<{ nodeMb: number; pgliteAloneMb: number }> {
  const rssOf = async (script: string) => {
    const { stdout } = await run(process.execPath, [...NODE_FLAGS, '--input-type=module', '-e', script], { cwd: ROOT });
    return Number(stdout.trim()) / 1024 / 1024;
  };
  const nodeMb = await rssOf('console.log(process.memoryUsage().rss)');
  const pgliteAloneMb = await rssOf(
    `import { PGlite } from '@electric-sql/pglite';
     import { EMBEDDED_POSTGRES_SETTINGS } from './dist/src/db/database.js';
     const db = await PGlite.create(${JSON.stringify(path.join(dataDir, 'pgdata'))}, { postgresqlconf: EMBEDDED_POSTGRES_SETTINGS });
     await db.query('SELECT count(*) FROM "Duty"');
     console.log(process.memoryUsage().rss); await db.close();`,
  );
  return { nodeMb, pgliteAloneMb };
}

function startBot(env: NodeJS.ProcessEnv): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...NODE_FLAGS, MAIN, 'start'], {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('dondoc is running')) resolve(child);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`dondoc exited (${code}):\n${output}`)));
  });
}

async function measure(kind: MemoryRun['kind'], options: MemoryOptions, fake: FakeTelegram): Promise<MemoryRun> {
  const dir = await mkdtemp(path.join(os.tmpdir(), `dondoc-memory-${kind}-`));
  const schema = `dondoc_bench_memory_${process.pid}`;
  const admin = kind === 'postgres' ? new pg.Client({ connectionString: POSTGRES_URL }) : undefined;
  if (admin) {
    await admin.connect();
    await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE; CREATE SCHEMA "${schema}"`);
  }
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    MALLOC_ARENA_MAX: '2',
    MALLOC_TRIM_THRESHOLD_: '131072',
    LOG_LEVEL: 'warn',
    LOG_FORMAT: 'json',
    DONDOC_CONSOLE: 'false',
    DONDOC_SEED_DEMO: 'true',
    DONDOC_DATA_DIR: path.join(dir, 'data'),
    HTTP_PORT: String(await freePort()),
    HTTP_HOST: '127.0.0.1',
    TELEGRAM_BOT_TOKEN: fake.token,
    TELEGRAM_API_ROOT: fake.apiRoot,
    ...(admin ? { DATABASE_URL: `${POSTGRES_URL}?schema=${schema}` } : {}),
  };
  const child = await startBot({ ...env, LOG_LEVEL: 'info' });
  const pid = child.pid ?? 0;
  try {
    await sleep(2_000);
    const afterStart = await rssMb(pid);
    options.log(`  ${kind}: running, ${afterStart.rss.toFixed(0)} MB`);
    const { stdout } = await run(
      process.execPath,
      [BIN, 'invite', 'create', '--unit', 'TU-UBKT', '--uses', String(options.users + 10), '--json'],
      { cwd: dir, env },
    );
    const code = (JSON.parse(stdout) as { code: string }).code;
    const users: FakeUser[] = Array.from({ length: options.users }, (_, i) => ({
      id: (kind === 'pglite' ? 700_000 : 800_000) + i,
      first_name: `Cán bộ ${i + 1}`,
      language_code: 'vi',
    }));
    let sent = 0;
    const repliesBefore = () => users.reduce((sum, user) => sum + fake.sentTo(user.id).length, 0);
    const waitForReplies = async (count: number) => {
      for (let i = 0; i < 600 && repliesBefore() < count; i += 1) await sleep(100);
    };
    for (const user of users) {
      fake.sendText(user, `/start ${code}`);
      sent += 1;
    }
    await waitForReplies(options.users);
    const afterRegistration = await rssMb(pid);
    options.log(`  ${kind}: ${options.users} officials registered, ${afterRegistration.rss.toFixed(0)} MB`);

    const rnd = random(11);
    const act = (user: FakeUser) => {
      const last = fake.sentTo(user.id).at(-1);
      const buttons = (
        (last?.replyMarkup as { inline_keyboard?: { callback_data: string }[][] } | undefined)?.inline_keyboard ?? []
      ).flat();
      if (last && buttons.length > 0 && rnd() < 0.4) {
        fake.pressButton(
          user,
          { chatId: user.id, messageId: last.messageId },
          buttons[Math.floor(rnd() * buttons.length)]?.callback_data ?? '',
        );
      } else {
        fake.sendText(user, SAMPLE_QUESTIONS[Math.floor(rnd() * SAMPLE_QUESTIONS.length)] ?? 'việc gì đến hạn?');
      }
      sent += 1;
    };
    // The hour: every official's messages, at about 10 a second (the bot answers them all meanwhile).
    for (let i = 0; i < options.hourUpdates; i += 1) {
      act(users[i % users.length] as FakeUser);
      if (i % 10 === 9) await sleep(1_000);
    }
    await waitForReplies(repliesBefore());
    await sleep(3_000);
    const afterHour = await rssMb(pid);
    options.log(`  ${kind}: ${options.hourUpdates} updates of an hour's traffic, ${afterHour.rss.toFixed(0)} MB`);

    // The soak: two updates a second, RSS every sampleSeconds.
    const samples: { minute: number; rssMb: number }[] = [];
    const started = Date.now();
    let next = 0;
    while (Date.now() - started < options.soakMinutes * 60_000) {
      act(users[next++ % users.length] as FakeUser);
      await sleep(500);
      const minute = (Date.now() - started) / 60_000;
      if (samples.length === 0 || minute * 60 - (samples.at(-1)?.minute ?? 0) * 60 >= options.sampleSeconds) {
        samples.push({ minute, rssMb: (await rssMb(pid)).rss });
      }
    }
    const final = await rssMb(pid);
    const half = Math.floor(samples.length / 2);
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
    const secondHalf = samples.slice(half);
    const slope = leastSquaresSlope(secondHalf.map((s) => [s.minute, s.rssMb]));
    return {
      kind,
      afterStartMb: afterStart.rss,
      afterRegistrationMb: afterRegistration.rss,
      afterHourMb: afterHour.rss,
      peakMb: final.peak,
      soak: {
        minutes: options.soakMinutes,
        samples,
        firstHalfMb: mean(samples.slice(0, half).map((s) => s.rssMb)),
        secondHalfMb: mean(secondHalf.map((s) => s.rssMb)),
        slopeMbPer10Min: slope * 10,
      },
      updatesSent: sent,
      repliesSeen: repliesBefore(),
    };
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
    if (admin) {
      await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await admin.end();
    }
    await rm(dir, { recursive: true, force: true });
  }
}

function leastSquaresSlope(points: [number, number][]): number {
  if (points.length < 2) return 0;
  const mx = points.reduce((s, [x]) => s + x, 0) / points.length;
  const my = points.reduce((s, [, y]) => s + y, 0) / points.length;
  const num = points.reduce((s, [x, y]) => s + (x - mx) * (y - my), 0);
  const den = points.reduce((s, [x]) => s + (x - mx) ** 2, 0);
  return den === 0 ? 0 : num / den;
}

export async function runMemoryBench(options: MemoryOptions): Promise<MemoryResult> {
  const loadAtStart = loadAverageNow();
  const fake = await startFakeTelegram();
  const runs: MemoryRun[] = [];
  try {
    runs.push(await measure('pglite', options, fake));
    if (await postgresAvailable()) runs.push(await measure('postgres', options, fake));
  } finally {
    await fake.close();
  }
  // PGlite alone, on a data folder like the bot's (the floor the embedded database sets).
  const dir = await mkdtemp(path.join(os.tmpdir(), 'dondoc-memory-base-'));
  try {
    await run(process.execPath, [BIN, 'migrate'], {
      cwd: dir,
      env: { PATH: process.env.PATH, DONDOC_DATA_DIR: path.join(dir, 'data'), LOG_LEVEL: 'warn' },
    });
    return {
      version: sourceVersion(),
      loadAverage: { start: loadAtStart, end: loadAverageNow() },
      baselines: await baselines(path.join(dir, 'data')),
      runs,
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export function printMemory(result: MemoryResult, log: (line: string) => void): void {
  const mb = (value: number) => value.toFixed(0);
  log(
    `\nMemory (RSS of the bot process, MB), code ${result.version.commit}${result.version.changed ? ' + changes' : ''}, load ${result.loadAverage.start.toFixed(1)}–${result.loadAverage.end.toFixed(1)}`,
  );
  log(
    `baselines: node alone ${mb(result.baselines.nodeMb)} MB, PGlite alone with the bot's settings ${mb(result.baselines.pgliteAloneMb)} MB`,
  );
  log(
    table(
      [
        'database',
        'started',
        '+ officials',
        '+ an hour',
        'soak 1st half',
        'soak 2nd half',
        'slope / 10 min',
        'peak',
        'updates',
        'replies',
      ],
      result.runs.map((r) => [
        r.kind,
        mb(r.afterStartMb),
        mb(r.afterRegistrationMb),
        mb(r.afterHourMb),
        mb(r.soak.firstHalfMb),
        mb(r.soak.secondHalfMb),
        r.soak.slopeMbPer10Min.toFixed(1),
        mb(r.peakMb),
        String(r.updatesSent),
        String(r.repliesSeen),
      ]),
    ),
  );
}

runIfMain(import.meta.url, async () => {
  const quick = process.argv.includes('--quick');
  const log = (line: string) => process.stdout.write(`${line}\n`);
  const options = memoryBenchOptions(quick, log);
  const soak = process.argv.indexOf('--soak-minutes');
  if (soak > 0) options.soakMinutes = Number(process.argv[soak + 1]);
  await runAndSave(
    'memory',
    log,
    () => runMemoryBench(options),
    (result) => printMemory(result, log),
  );
});
