// Start-up of the embedded database: every sample is a fresh Node process (bench/startup-child.ts) running the
// app's real open path, so one-time costs (loading PGlite's and the schema engine's WebAssembly) count every time.
//
// First start: an empty temporary data folder (PGlite's initdb, then the migrations). Reopen: the folder the
// first first-start sample created, opened again (migrations already applied: the schema engine only checks).
// The samples are interleaved (first start, then a few reopens, and again) so drift hits both alike.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import type { StartupSample } from './startup-child.js';
import { type Summary, summarize } from './stats.js';

const benchDir = path.dirname(fileURLToPath(import.meta.url));
const projectRoot = path.resolve(benchDir, '..');

export interface StartupOptions {
  firstStarts: number;
  reopens: number;
  log: (line: string) => void;
}

export interface StartupSeries {
  samples: (StartupSample & { processMs: number })[];
  /** Lock + openConfiguredDatabase + first SELECT 1: from "start" to "ready to serve", inside the process. */
  ready: Summary;
  open: Summary;
  firstQuery: Summary;
  close: Summary;
  /** Node + tsx + module loading before the app's code runs. */
  boot: Summary;
  /** Spawn to "ready" reported: what a user waits for after typing the command. */
  process: Summary;
}

export interface StartupResult {
  firstStart: StartupSeries;
  reopen: StartupSeries;
  /** median(first start) / median(reopen), for the in-process ready time and for the whole process. */
  ratio: { ready: number; process: number };
}

function runChild(dataDir: string): Promise<StartupSample & { processMs: number }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(benchDir, 'startup-child.ts'), dataDir], {
      cwd: projectRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let processMs: number | undefined;
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (processMs === undefined && stdout.includes('\n')) processMs = performance.now() - started;
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`startup sample exited with ${code}: ${stderr.trim()}`));
      try {
        const sample = JSON.parse(stdout.trim().split('\n').at(-1) ?? '') as StartupSample;
        resolve({ ...sample, processMs: processMs ?? performance.now() - started });
      } catch (error) {
        reject(new Error(`startup sample printed no result: ${stdout} ${stderr}`, { cause: error }));
      }
    });
  });
}

function series(samples: (StartupSample & { processMs: number })[]): StartupSeries {
  return {
    samples,
    ready: summarize(samples.map((s) => s.readyMs)),
    open: summarize(samples.map((s) => s.openMs)),
    firstQuery: summarize(samples.map((s) => s.firstQueryMs)),
    close: summarize(samples.map((s) => s.closeMs)),
    boot: summarize(samples.map((s) => s.bootMs)),
    process: summarize(samples.map((s) => s.processMs)),
  };
}

export async function runStartupBench(options: StartupOptions): Promise<StartupResult> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'dondoc-bench-startup-'));
  const first: (StartupSample & { processMs: number })[] = [];
  const reopen: (StartupSample & { processMs: number })[] = [];
  try {
    const existing = path.join(root, 'first-0');
    const perGap = Math.ceil(options.reopens / options.firstStarts);
    for (let i = 0; i < options.firstStarts; i += 1) {
      const dir = path.join(root, `first-${i}`);
      const sample = await runChild(dir);
      if (sample.migrationsApplied === 0)
        throw new Error('a first start applied no migrations: the folder was not empty');
      first.push(sample);
      options.log(
        `  first start ${i + 1}/${options.firstStarts}: ready in ${sample.readyMs.toFixed(0)} ms (process ${sample.processMs.toFixed(0)} ms)`,
      );
      if (i > 0) await rm(dir, { recursive: true, force: true });
      for (let j = 0; j < perGap && reopen.length < options.reopens; j += 1) {
        const again = await runChild(existing);
        if (again.migrationsApplied !== 0) throw new Error('a reopen applied migrations');
        reopen.push(again);
        options.log(
          `  reopen ${reopen.length}/${options.reopens}: ready in ${again.readyMs.toFixed(0)} ms (process ${again.processMs.toFixed(0)} ms)`,
        );
      }
    }
  } finally {
    await rm(root, { recursive: true, force: true });
  }
  const firstStart = series(first);
  const reopened = series(reopen);
  return {
    firstStart,
    reopen: reopened,
    ratio: {
      ready: firstStart.ready.median / reopened.ready.median,
      process: firstStart.process.median / reopened.process.median,
    },
  };
}
