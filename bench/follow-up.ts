// Follow-up statistics at scale: the four-way counts of one plan (per plan, level, unit, GROUPING SETS) at 1,000 units ×
// 100 windows with 100,000 reports, against the console's matrix totals on the same data, on PostgreSQL and PGlite.
import { performance } from 'node:perf_hooks';
import { followUpStatistics, matrixTotals } from '../src/db/reporting.js';
import { localDate } from '../src/domain/dates.js';
import {
  type BenchDatabase,
  type BenchKind,
  openBenchPglite,
  openBenchPostgres,
  postgresAvailable,
} from './databases.js';
import { measureRuns, ms, ratio, type Summary, table } from './stats.js';

export interface FollowUpBenchOptions {
  units: number;
  windows: number;
  runs: number;
  log: (line: string) => void;
}

export interface FollowUpKindResult {
  kind: BenchKind;
  cells: number;
  reports: number;
  extensions: number;
  loadMs: number;
  statistics: Summary;
  totals: Summary;
  /** The counts, to show the data is what it says (and that both queries saw the same cells). */
  counts: Record<string, number>;
}

export interface FollowUpBenchResult {
  options: { units: number; windows: number; runs: number };
  kinds: FollowUpKindResult[];
}

export function followUpBenchOptions(quick: boolean, log: (line: string) => void): FollowUpBenchOptions {
  return quick ? { units: 100, windows: 20, runs: 5, log } : { units: 1000, windows: 100, runs: 30, log };
}

const RANGE = { from: localDate('2026-01-01'), to: localDate('2026-06-30') };
const TODAY = localDate('2026-04-15');

/**
 * Bulk SQL (INSERT … SELECT generate_series): one plan, `units` district units, `windows` duties each with one window
 * led by the district level, one report per cell (done 60 %, in progress 25 %, blocked 5 %, not started 10 %), reported
 * between 10 days before and 10 days after the window's end; on 1 % of cells an approved extension of a week.
 */
export async function loadFollowUpData(
  db: BenchDatabase,
  units: number,
  windows: number,
): Promise<{ ms: number; reports: number }> {
  const started = performance.now();
  const sql = (text: string) => db.execute(text);
  await sql(`INSERT INTO "Plan" ("code", "title", "issuer", "issuedOn", "contentHash", "updatedAt")
    VALUES ('FU-KH/TU', 'Kế hoạch theo dõi', 'Tỉnh ủy', '2025-12-01', 'fu', now())`);
  await sql(`INSERT INTO "Unit" ("code", "name", "level", "updatedAt")
    SELECT 'FU-U' || lpad(i::text, 4, '0'), 'Huyện ủy ' || i, 'district', now() FROM generate_series(1, ${units}) i`);
  await sql(`INSERT INTO "Official" ("name", "unitId", "updatedAt")
    SELECT 'Cán bộ ' || u."id", u."id", now() FROM "Unit" u WHERE u."code" LIKE 'FU-U%'`);
  await sql(`INSERT INTO "Duty" ("planId", "key", "ref", "title", "sourceQuote", "aliases", "updatedAt")
    SELECT p."id", 'fu-' || i, (i / 10 + 1) || '.' || (i % 10 + 1), 'Nhiệm vụ ' || i, 'Nhiệm vụ ' || i, '{}', now()
    FROM "Plan" p, generate_series(1, ${windows}) i WHERE p."code" = 'FU-KH/TU'`);
  // Windows spread over the first half of 2026, 5 to 25 days long: about half have ended by TODAY.
  await sql(`INSERT INTO "DutySchedule" ("dutyId", "position", "startsOn", "endsOn")
    SELECT d."id", 0, DATE '2026-01-01' + (d."id" * 37 % 160), DATE '2026-01-01' + (d."id" * 37 % 160) + 5 + d."id" % 21
    FROM "Duty" d WHERE d."key" LIKE 'fu-%'`);
  await sql(`INSERT INTO "Occurrence" ("dutyId", "scheduleId", "seq", "startsOn", "endsOn")
    SELECT s."dutyId", s."id", 0, s."startsOn", s."endsOn" FROM "DutySchedule" s JOIN "Duty" d ON d."id" = s."dutyId" WHERE d."key" LIKE 'fu-%'`);
  await sql(`INSERT INTO "DutyLevel" ("dutyId", "level", "role")
    SELECT d."id", 'district', 'lead' FROM "Duty" d WHERE d."key" LIKE 'fu-%'`);
  await sql(`INSERT INTO "StatusReport" ("occurrenceId", "unitId", "officialId", "status", "reportedAt", "channel", "channelMessageId")
    SELECT o."id", f."unitId", f."id",
      (CASE WHEN h < 60 THEN 'done' WHEN h < 85 THEN 'in_progress' WHEN h < 90 THEN 'blocked' ELSE 'not_started' END)::"ReportStatus",
      (o."endsOn" - 10 + (o."id" + f."id") % 21)::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh' + interval '9 hours',
      'telegram', 'fu-' || o."id" || '-' || f."id"
    FROM "Occurrence" o JOIN "Duty" d ON d."id" = o."dutyId" AND d."key" LIKE 'fu-%'
    CROSS JOIN "Official" f
    CROSS JOIN LATERAL (SELECT abs(hashint4(o."id" * 7919 + f."id")) % 100 AS h) r
    WHERE f."name" LIKE 'Cán bộ %'`);
  await sql(`INSERT INTO "OccurrenceStatus" ("occurrenceId", "unitId", "status", "reportId", "updatedAt")
    SELECT r."occurrenceId", r."unitId", r."status", r."id", r."reportedAt" FROM "StatusReport" r WHERE r."channelMessageId" LIKE 'fu-%'`);
  await sql(`INSERT INTO "DeadlineExtension" ("occurrenceId", "unitId", "requestedById", "newEndsOn", "reason", "state")
    SELECT s."occurrenceId", s."unitId", r."officialId", o."endsOn" + 7, 'bench', 'approved'
    FROM "OccurrenceStatus" s JOIN "StatusReport" r ON r."id" = s."reportId" JOIN "Occurrence" o ON o."id" = s."occurrenceId"
    WHERE (s."occurrenceId" + s."unitId") % 100 = 0`);
  await sql('ANALYZE');
  const [count] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM "StatusReport"`);
  return { ms: performance.now() - started, reports: count?.n ?? 0 };
}

async function runOn(db: BenchDatabase, options: FollowUpBenchOptions): Promise<FollowUpKindResult> {
  const prisma = db.database.prisma;
  const loaded = await loadFollowUpData(db, options.units, options.windows);
  options.log(`  ${db.kind}: loaded ${loaded.reports} reports in ${ms(loaded.ms)} ms`);
  const plan = await prisma.plan.findUniqueOrThrow({ where: { code: 'FU-KH/TU' }, select: { id: true } });
  const filter = { planId: plan.id };
  const stats = await followUpStatistics(prisma, RANGE, filter, TODAY);
  const totals = await matrixTotals(prisma, RANGE, filter, TODAY);
  const [extensions] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM "DeadlineExtension"`);
  // Either statement alone, alternated so neither gets a warmer cache.
  const statistics = await measureRuns(options.runs, 2, () => followUpStatistics(prisma, RANGE, filter, TODAY));
  const totalsTime = await measureRuns(options.runs, 2, () => matrixTotals(prisma, RANGE, filter, TODAY));
  return {
    kind: db.kind,
    cells: stats.total.cells,
    reports: loaded.reports,
    extensions: extensions?.n ?? 0,
    loadMs: loaded.ms,
    statistics,
    totals: totalsTime,
    counts: {
      ...stats.total.counts,
      units: stats.units.length,
      matrixCells: [...totals.windows.values()].reduce((sum, w) => sum + w.cells, 0),
    },
  };
}

export async function runFollowUpBench(options: FollowUpBenchOptions): Promise<FollowUpBenchResult> {
  const kinds: FollowUpKindResult[] = [];
  if (await postgresAvailable()) {
    const db = await openBenchPostgres('PostgreSQL', 'bench_follow_up');
    try {
      kinds.push(await runOn(db, options));
    } finally {
      await db.close();
    }
  }
  const pglite = await openBenchPglite('PGlite');
  try {
    kinds.push(await runOn(pglite, options));
  } finally {
    await pglite.close();
  }
  return { options: { units: options.units, windows: options.windows, runs: options.runs }, kinds };
}

export function printFollowUp(result: FollowUpBenchResult, log: (line: string) => void = console.log): void {
  log(
    table(
      ['database', 'cells', 'reports', 'statistics median', 'p95', 'matrix totals median', 'p95', 'ratio'],
      result.kinds.map((k) => [
        k.kind,
        String(k.cells),
        String(k.reports),
        `${ms(k.statistics.median)} ms`,
        `${ms(k.statistics.p95)} ms`,
        `${ms(k.totals.median)} ms`,
        `${ms(k.totals.p95)} ms`,
        ratio(k.statistics.median / k.totals.median),
      ]),
    ),
  );
  for (const k of result.kinds) log(`  ${k.kind}: ${JSON.stringify(k.counts)}, ${k.extensions} extensions`);
}
