// One start-up sample, run in a fresh process by bench/run.ts: the app's real open path on a data folder.
//
//   node --import tsx bench/startup-child.ts <dataDir>
//
// Prints one JSON line on stdout: the phase timings in milliseconds, measured after the modules are loaded
// (the parent measures the process's wall time, which adds Node, tsx and module loading).
import { performance } from 'node:perf_hooks';
import { createConfig } from '../src/config.js';
import { acquireDataDirLock } from '../src/db/data-dir-lock.js';
import { openConfiguredDatabase } from '../src/db/open.js';
import { createLogger } from '../src/logger.js';

export interface StartupSample {
  /** From process start (performance.timeOrigin) to the first line of this script: Node, tsx and imports. */
  bootMs: number;
  lockMs: number;
  /** openConfiguredDatabase: PGlite start (initdb on an empty folder), socket server, pool, migrations. */
  openMs: number;
  firstQueryMs: number;
  /** lock + open + first query: the time from "start" to "ready to serve". */
  readyMs: number;
  closeMs: number;
  migrationsApplied: number;
}

async function main(): Promise<void> {
  const dir = process.argv[2];
  if (!dir) throw new Error('usage: startup-child.ts <dataDir>');
  const bootMs = performance.now();
  const config = createConfig({ DONDOC_DATA_DIR: dir });
  const logger = createLogger({ level: 'silent' });

  const t0 = performance.now();
  const result = await acquireDataDirLock(config.database.dataDir);
  if (!result.acquired) throw new Error(`data folder ${dir} is locked by another process`);
  const t1 = performance.now();
  const opened = await openConfiguredDatabase(config, logger, result.lock);
  const t2 = performance.now();
  const rows = await opened.database.prisma.$queryRaw<{ one: number }[]>`SELECT 1 AS one`;
  const t3 = performance.now();
  if (rows[0]?.one !== 1) throw new Error('SELECT 1 did not answer 1');
  const migrationsApplied = opened.database.migrationsApplied.length;
  await opened.close();
  await result.lock.release();
  const t4 = performance.now();

  const sample: StartupSample = {
    bootMs,
    lockMs: t1 - t0,
    openMs: t2 - t1,
    firstQueryMs: t3 - t2,
    readyMs: t3 - t0,
    closeMs: t4 - t3,
    migrationsApplied,
  };
  // Exit at once, as src/main.ts does, so that no stray timer can delay the next sample (Prisma's schema
  // engine used to leave a 10 s one behind; src/db/schema-engine.ts now unrefs them).
  process.stdout.write(`${JSON.stringify(sample)}\n`, () => process.exit(0));
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
