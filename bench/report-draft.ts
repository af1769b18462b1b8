// The periodic report draft at scale: the facts from the database (statusMatrix, followUpStatistics, lateCompletions,
// the next period's windows) and the .docx built from them, for a plan of 60 duties × 100 units and one of 1,000
// duties × 10 units, on PostgreSQL and PGlite; against opening that database (and applying its migrations) in the run.
import { performance } from 'node:perf_hooks';
import { findDraftPlan, reportDraftFacts } from '../src/db/report-draft.js';
import { localDate } from '../src/domain/dates.js';
import { loadTranslations } from '../src/i18n.js';
import { draftDocx } from '../src/reporting/draft.js';
import { parseReportPeriod } from '../src/reporting/report-period.js';
import {
  type BenchDatabase,
  type BenchKind,
  openBenchPglite,
  openBenchPostgres,
  postgresAvailable,
} from './databases.js';
import { measureRuns, ms, ratio, type Summary, table } from './stats.js';

export interface DraftShape {
  duties: number;
  units: number;
}

export interface ReportDraftBenchOptions {
  shapes: DraftShape[];
  runs: number;
  log: (line: string) => void;
}

export interface ReportDraftCase {
  kind: BenchKind;
  shape: DraftShape;
  cells: number;
  reports: number;
  /** Opening the database and applying the migrations, once, in this run: the baseline. */
  openMs: number;
  facts: Summary;
  docx: Summary;
  total: Summary;
  bytes: number;
}

export interface ReportDraftBenchResult {
  options: { shapes: DraftShape[]; runs: number };
  cases: ReportDraftCase[];
}

export function reportDraftBenchOptions(quick: boolean, log: (line: string) => void): ReportDraftBenchOptions {
  return quick
    ? { shapes: [{ duties: 60, units: 20 }], runs: 2, log }
    : {
        shapes: [
          { duties: 60, units: 100 },
          { duties: 1000, units: 10 },
        ],
        runs: 5,
        log,
      };
}

const PERIOD = parseReportPeriod('2026-H1');
const TODAY = localDate('2026-04-15');

/**
 * Bulk SQL: one plan, `units` district units, `duties` duties with one window each in the first half of 2026, led by
 * the district level; one report per cell (done 60 %, in progress 25 %, blocked 5 % with a note, not started 10 %),
 * between 10 days before and 10 days after the window's end, some with a document number.
 */
async function loadDraftData(db: BenchDatabase, shape: DraftShape): Promise<{ reports: number }> {
  const sql = (text: string) => db.execute(text);
  await sql(`INSERT INTO "Unit" ("code", "name", "level", "updatedAt")
    VALUES ('RD', 'Tỉnh ủy Đo lường', 'province', now())`);
  await sql(`INSERT INTO "Plan" ("code", "title", "issuer", "issuerUnitId", "place", "issuedOn", "contentHash", "updatedAt")
    SELECT 'RD-KH/TU', 'Kế hoạch đo hiệu năng', 'Tỉnh ủy Đo lường', u."id", 'Đo lường', '2025-12-01', 'rd', now()
    FROM "Unit" u WHERE u."code" = 'RD'`);
  await sql(`INSERT INTO "Unit" ("code", "name", "level", "updatedAt")
    SELECT 'RD-U' || lpad(i::text, 4, '0'), 'Huyện ủy đo lường số ' || i, 'district', now() FROM generate_series(1, ${shape.units}) i`);
  await sql(`INSERT INTO "Official" ("name", "unitId", "updatedAt")
    SELECT 'Cán bộ ' || u."id", u."id", now() FROM "Unit" u WHERE u."code" LIKE 'RD-U%'`);
  await sql(`INSERT INTO "Duty" ("planId", "key", "ref", "title", "sourceQuote", "aliases", "updatedAt")
    SELECT p."id", 'rd-' || i, (ARRAY['I', 'II', 'III', 'IV', 'V'])[i % 5 + 1] || '.' || (i / 5 + 1),
      'Nhiệm vụ đo lường số ' || i || ': triển khai và báo cáo kết quả', 'Nhiệm vụ ' || i, '{}', now()
    FROM "Plan" p, generate_series(1, ${shape.duties}) i WHERE p."code" = 'RD-KH/TU'`);
  await sql(`INSERT INTO "DutySchedule" ("dutyId", "position", "startsOn", "endsOn")
    SELECT d."id", 0, DATE '2026-01-01' + (d."id" * 37 % 160), DATE '2026-01-01' + (d."id" * 37 % 160) + 5 + d."id" % 21
    FROM "Duty" d WHERE d."key" LIKE 'rd-%'`);
  await sql(`INSERT INTO "Occurrence" ("dutyId", "scheduleId", "seq", "startsOn", "endsOn")
    SELECT s."dutyId", s."id", 0, s."startsOn", s."endsOn" FROM "DutySchedule" s JOIN "Duty" d ON d."id" = s."dutyId" WHERE d."key" LIKE 'rd-%'`);
  await sql(`INSERT INTO "DutyLevel" ("dutyId", "level", "role")
    SELECT d."id", 'district', 'lead' FROM "Duty" d WHERE d."key" LIKE 'rd-%'`);
  await sql(`INSERT INTO "StatusReport" ("occurrenceId", "unitId", "officialId", "status", "note", "evidenceNumber", "reportedAt", "channel", "channelMessageId")
    SELECT o."id", f."unitId", f."id",
      (CASE WHEN h < 60 THEN 'done' WHEN h < 85 THEN 'in_progress' WHEN h < 90 THEN 'blocked' ELSE 'not_started' END)::"ReportStatus",
      CASE WHEN h >= 85 AND h < 90 THEN 'Chờ hướng dẫn, thiếu kinh phí' WHEN h % 7 = 0 THEN 'Đã triển khai' END,
      CASE WHEN h % 5 = 0 THEN h || '-BC/HU' END,
      (o."endsOn" - 10 + (o."id" + f."id") % 21)::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh' + interval '9 hours',
      'telegram', 'rd-' || o."id" || '-' || f."id"
    FROM "Occurrence" o JOIN "Duty" d ON d."id" = o."dutyId" AND d."key" LIKE 'rd-%'
    CROSS JOIN "Official" f
    CROSS JOIN LATERAL (SELECT abs(hashint4(o."id" * 7919 + f."id")) % 100 AS h) r
    WHERE f."name" LIKE 'Cán bộ %'`);
  await sql(`INSERT INTO "OccurrenceStatus" ("occurrenceId", "unitId", "status", "reportId", "updatedAt")
    SELECT r."occurrenceId", r."unitId", r."status", r."id", r."reportedAt" FROM "StatusReport" r WHERE r."channelMessageId" LIKE 'rd-%'`);
  await sql('ANALYZE');
  const [count] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM "StatusReport"`);
  return { reports: count?.n ?? 0 };
}

async function runCase(kind: BenchKind, shape: DraftShape, options: ReportDraftBenchOptions): Promise<ReportDraftCase> {
  const opened = performance.now();
  const db =
    kind === 'postgres' ? await openBenchPostgres('PostgreSQL', 'bench_report_draft') : await openBenchPglite('PGlite');
  const openMs = performance.now() - opened;
  try {
    const { reports } = await loadDraftData(db, shape);
    const prisma = db.database.prisma;
    const t = (await loadTranslations()).vi;
    const plan = await findDraftPlan(prisma, { code: 'RD-KH/TU' });
    if (!plan) throw new Error('the benchmark plan was not loaded');
    const facts = await reportDraftFacts(prisma, plan, PERIOD, TODAY);
    const bytes = await draftDocx(facts, t);
    const factsTime = await measureRuns(options.runs, 1, () => reportDraftFacts(prisma, plan, PERIOD, TODAY));
    const docxTime = await measureRuns(options.runs, 1, () => draftDocx(facts, t));
    const total = await measureRuns(options.runs, 1, async () =>
      draftDocx(await reportDraftFacts(prisma, plan, PERIOD, TODAY), t),
    );
    options.log(
      `  ${kind} ${shape.duties} duties × ${shape.units} units: ${facts.statistics.total.cells} cells, ${reports} reports, draft ${ms(total.median)} ms`,
    );
    return {
      kind,
      shape,
      cells: facts.statistics.total.cells,
      reports,
      openMs,
      facts: factsTime,
      docx: docxTime,
      total,
      bytes: bytes.length,
    };
  } finally {
    await db.close();
  }
}

export async function runReportDraftBench(options: ReportDraftBenchOptions): Promise<ReportDraftBenchResult> {
  const kinds: BenchKind[] = (await postgresAvailable()) ? ['postgres', 'pglite'] : ['pglite'];
  const cases: ReportDraftCase[] = [];
  for (const shape of options.shapes)
    for (const kind of kinds) {
      cases.push(await runCase(kind, shape, options));
    }
  return { options: { shapes: options.shapes, runs: options.runs }, cases };
}

export function printReportDraft(result: ReportDraftBenchResult, log: (line: string) => void = console.log): void {
  log(
    table(
      [
        'database',
        'duties × units',
        'cells',
        'reports',
        'facts median',
        '.docx median',
        'draft median',
        'p95',
        '.docx size',
        'open + migrate',
        'draft / open',
      ],
      result.cases.map((c) => [
        c.kind,
        `${c.shape.duties} × ${c.shape.units}`,
        String(c.cells),
        String(c.reports),
        `${ms(c.facts.median)} ms`,
        `${ms(c.docx.median)} ms`,
        `${ms(c.total.median)} ms`,
        `${ms(c.total.p95)} ms`,
        `${Math.round(c.bytes / 1024)} KiB`,
        `${ms(c.openMs)} ms`,
        ratio(c.total.median / c.openMs),
      ]),
    ),
  );
}
