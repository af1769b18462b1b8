// One-shot `dondoc` commands as whole processes (the compiled bin), against `node -e 1` in the same run: --help,
// a command passed to the running bot through its control socket, and one against a PostgreSQL server.
//   npx tsx bench/cli.ts [--quick]
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import pg from 'pg';
import { runAndSave, runIfMain, sourceVersion } from './common.js';
import { POSTGRES_URL, postgresAvailable } from './databases.js';
import { ratio, summarize, table } from './stats.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = path.join(ROOT, 'bin/dondoc.js');
const run = promisify(execFile);

interface Timed {
  name: string;
  medianMs: number;
  p95Ms: number;
  vsNode: number;
}

export interface CliResult {
  version: ReturnType<typeof sourceVersion>;
  runs: number;
  commands: Timed[];
}

async function timeCommand(args: string[], env: NodeJS.ProcessEnv, runs: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < runs + 1; i += 1) {
    const started = performance.now();
    await run(process.execPath, args, { cwd: ROOT, env });
    if (i > 0) times.push(performance.now() - started);
  }
  return times;
}

export async function runCliBench(options: { runs: number; log: (line: string) => void }): Promise<CliResult> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'dondoc-bench-cli-'));
  const base = { PATH: process.env.PATH, HOME: process.env.HOME, LOG_LEVEL: 'warn', DONDOC_CONSOLE: 'false' };
  const embedded = { ...base, DONDOC_DATA_DIR: path.join(dir, 'data') };
  let bot: ChildProcess | undefined;
  try {
    const measured: [string, string[], NodeJS.ProcessEnv][] = [
      ['node -e 1 (baseline)', ['-e', '1'], base],
      ['dondoc --help', [BIN, '--help'], base],
    ];
    // The running bot on an embedded data folder: commands go through its control socket.
    await run(process.execPath, [BIN, 'migrate'], { cwd: ROOT, env: embedded });
    bot = spawn(process.execPath, [BIN, 'start'], {
      cwd: ROOT,
      env: { ...embedded, HTTP_PORT: '0', LOG_LEVEL: 'info' },
    });
    await new Promise<void>((resolve, reject) => {
      let output = '';
      const seen = (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('dondoc is running')) resolve();
      };
      bot?.stdout?.on('data', seen);
      bot?.stderr?.on('data', seen);
      bot?.once('exit', () => reject(new Error(`dondoc start exited:\n${output}`)));
    });
    measured.push(['dondoc plan list (through the running bot)', [BIN, 'plan', 'list'], embedded]);
    const schema = `dondoc_bench_cli_${process.pid}`;
    const server = (await postgresAvailable())
      ? { ...base, DATABASE_URL: `${POSTGRES_URL}?schema=${schema}` }
      : undefined;
    if (server) {
      const admin = new pg.Client({ connectionString: POSTGRES_URL });
      await admin.connect();
      await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE; CREATE SCHEMA "${schema}"`);
      await admin.end();
      await run(process.execPath, [BIN, 'migrate'], { cwd: ROOT, env: server });
      measured.push(['dondoc plan list (PostgreSQL server)', [BIN, 'plan', 'list'], server]);
    }
    const results: { name: string; times: number[] }[] = [];
    for (const [name, args, env] of measured) {
      options.log(`  ${name} …`);
      results.push({ name, times: await timeCommand(args, env, options.runs) });
    }
    if (server) {
      const admin = new pg.Client({ connectionString: POSTGRES_URL });
      await admin.connect();
      await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await admin.end();
    }
    const baseline = summarize(results[0]?.times ?? []).median;
    return {
      version: sourceVersion(),
      runs: options.runs,
      commands: results.map(({ name, times }) => {
        const summary = summarize(times);
        return { name, medianMs: summary.median, p95Ms: summary.p95, vsNode: summary.median / baseline };
      }),
    };
  } finally {
    bot?.kill('SIGTERM');
    if (bot) await new Promise((resolve) => bot?.once('exit', resolve));
    await rm(dir, { recursive: true, force: true });
  }
}

export function printCli(result: CliResult, log: (line: string) => void): void {
  log(
    `\nOne-shot commands, whole processes (${result.runs} runs each after one warm-up), code ${result.version.commit}`,
  );
  log(
    table(
      ['command', 'median ms', 'p95 ms', 'vs node -e 1'],
      result.commands.map((c) => [c.name, c.medianMs.toFixed(0), c.p95Ms.toFixed(0), ratio(c.vsNode)]),
    ),
  );
}

runIfMain(import.meta.url, async () => {
  const log = (line: string) => process.stdout.write(`${line}\n`);
  const runs = process.argv.includes('--quick') ? 3 : 15;
  await runAndSave(
    'cli',
    log,
    () => runCliBench({ runs, log }),
    (result) => printCli(result, log),
  );
});
