// A simulated month of reminder-ledger churn on PGlite (no autovacuum): rows written, claimed, their lease
// renewed, finished — 30 days of it, once without and once with the bot's nightly VACUUM (ANALYZE). Reports the
// churning tables' sizes before and after, and the claim query's time at the end.
//   npx tsx bench/vacuum.ts [--quick]
import { performance } from 'node:perf_hooks';
import { churningTableSizes, vacuumChurningTables } from '../src/db/database.js';
import { claimDueReminders } from '../src/db/reminders.js';
import { seedDemoPlan } from '../src/seed.js';
import { runAndSave, runIfMain, sourceVersion } from './common.js';
import { openBenchPglite } from './databases.js';
import { summarize, table } from './stats.js';

export interface VacuumOptions {
  days: number;
  rowsPerDay: number;
  officials: number;
  log: (line: string) => void;
}

interface VacuumRun {
  vacuum: boolean;
  before: Record<string, number>;
  after: Record<string, number>;
  claimMs: { median: number; p95: number };
  secondsPerDay: number;
}

export interface VacuumResult {
  version: ReturnType<typeof sourceVersion>;
  options: Omit<VacuumOptions, 'log'>;
  runs: VacuumRun[];
}

export function vacuumBenchOptions(quick: boolean, log: (line: string) => void): VacuumOptions {
  return quick
    ? { days: 5, rowsPerDay: 2_000, officials: 50, log }
    : { days: 30, rowsPerDay: 10_000, officials: 200, log };
}

async function simulate(options: VacuumOptions, vacuum: boolean): Promise<VacuumRun> {
  const db = await openBenchPglite(`vacuum-${vacuum ? 'on' : 'off'}`);
  const { prisma } = db.database;
  try {
    await seedDemoPlan(prisma, new Date('2012-04-10T02:00:00Z'));
    await db.query(
      `INSERT INTO "Official" ("name", "unitId", "updatedAt")
       SELECT 'Cán bộ ' || g, (SELECT min(id) FROM "Unit"), now() FROM generate_series(1, $1::int) AS g`,
      [options.officials],
    );
    const before = await churningTableSizes(prisma);
    const started = performance.now();
    for (let day = 0; day < options.days; day += 1) {
      // The day's reminders: one row per (window, official, kind), as the ledger holds them.
      await db.query(
        `INSERT INTO "ReminderLedger" ("occurrenceId", "officialId", "kind", "dueAt")
         SELECT o.id, f.id, 'day-' || $1::int, now() - interval '1 minute'
         FROM (SELECT id FROM "Occurrence" ORDER BY id LIMIT $2::int) o
         CROSS JOIN (SELECT id FROM "Official" ORDER BY id) f
         LIMIT $3::int`,
        [day, Math.ceil(options.rowsPerDay / options.officials), options.rowsPerDay],
      );
      // Claimed, the lease renewed twice, then sent: four versions of each row, three of them dead.
      await db.query(
        `UPDATE "ReminderLedger" SET "state" = 'sending', "claimedBy" = 'bench', "claimedUntil" = now() WHERE "kind" = 'day-' || $1::int`,
        [day],
      );
      for (let renewal = 0; renewal < 2; renewal += 1)
        await db.query(`UPDATE "ReminderLedger" SET "claimedUntil" = now() WHERE "kind" = 'day-' || $1::int`, [day]);
      await db.query(
        `UPDATE "ReminderLedger" SET "state" = 'sent', "sentAt" = now(), "claimedBy" = NULL, "claimedUntil" = NULL WHERE "kind" = 'day-' || $1::int`,
        [day],
      );
      if (vacuum) await vacuumChurningTables(prisma);
      options.log(`  vacuum ${vacuum ? 'on' : 'off'}: day ${day + 1}/${options.days}`);
    }
    const secondsPerDay = (performance.now() - started) / 1000 / options.days;
    const after = await churningTableSizes(prisma);
    // What every sending round does: look for due rows (there are none left) among all the month's.
    const times: number[] = [];
    for (let i = 0; i < 20; i += 1) {
      const t = performance.now();
      await claimDueReminders(prisma, { instance: 'bench', now: new Date(), limit: 100, leaseMs: 6_000 });
      times.push(performance.now() - t);
    }
    const claim = summarize(times);
    return { vacuum, before, after, claimMs: { median: claim.median, p95: claim.p95 }, secondsPerDay };
  } finally {
    await db.database.close();
  }
}

export async function runVacuumBench(options: VacuumOptions): Promise<VacuumResult> {
  const runs = [await simulate(options, false), await simulate(options, true)];
  const { log: _log, ...rest } = options;
  return { version: sourceVersion(), options: rest, runs };
}

export function printVacuum(result: VacuumResult, log: (line: string) => void): void {
  const mb = (bytes: number | undefined) => ((bytes ?? 0) / 1024 / 1024).toFixed(1);
  log(
    `\nA simulated month on PGlite: ${result.options.days} days × ${result.options.rowsPerDay} ledger rows, each claimed, renewed twice and finished`,
  );
  const tables = Object.keys(result.runs[0]?.after ?? {});
  log(
    table(
      [
        'nightly VACUUM',
        ...tables.map((t) => `${t} MB before → after`),
        'claim median ms',
        'claim p95 ms',
        's per day',
      ],
      result.runs.map((run) => [
        run.vacuum ? 'yes' : 'no',
        ...tables.map((t) => `${mb(run.before[t])} → ${mb(run.after[t])}`),
        run.claimMs.median.toFixed(1),
        run.claimMs.p95.toFixed(1),
        run.secondsPerDay.toFixed(2),
      ]),
    ),
  );
}

runIfMain(import.meta.url, async () => {
  const log = (line: string) => process.stdout.write(`${line}\n`);
  const options = vacuumBenchOptions(process.argv.includes('--quick'), log);
  await runAndSave(
    'vacuum',
    log,
    () => runVacuumBench(options),
    (result) => printVacuum(result, log),
  );
});
