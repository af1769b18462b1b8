// Occurrences in a date range: the app's listOccurrences() on loaded data sets, on PGlite and on PostgreSQL.
//
// Three data sets per database, all loaded before measuring so the calls can be interleaved:
//   small   - N duties (4N occurrences, 100N reports), windows over 2017 .. 2027: the baseline;
//   big     - 10N duties over the same years: 10x the data and 10x the windows in any month;
//   history - the small set's N duties plus 9N older ones (windows over 2007 .. 2017): 10x the data, but
//             the same windows in the queried months, i.e. the data grew the way a deployment's does.
// Each round times, for every data set in turn, a trivial `SELECT 1` through Prisma (the round-trip
// baseline), listOccurrences for November 2026 and for Q4 2026, and the same two calls again with the
// session's random_page_cost lowered to 1.1 (a what-if, not what the app does today: see README).
import { performance } from 'node:perf_hooks';
import { listOccurrences } from '../src/db/occurrences.js';
import { localDate } from '../src/domain/dates.js';
import type { DateRange } from '../src/domain/schedule.js';
import {
  type BenchDatabase,
  type BenchKind,
  openBenchPglite,
  openBenchPostgres,
  type RecordedStatement,
  type SettingSession,
  startRecording,
  stopRecording,
} from './databases.js';
import { type DatasetCounts, type DatasetSize, type LoadResult, loadDataset } from './dataset.js';
import { type Summary, summarize } from './stats.js';

/** The indexes that answer a range query; the planner picks the GiST for narrow answers, either for wide ones. */
export const INDEX_NAMES = ['Occurrence_window_idx', 'Occurrence_endsOn_startsOn_idx'];
export const INDEX_NAME = INDEX_NAMES.join(' or ');
const usesRangeIndex = (indexes: string[]) => INDEX_NAMES.some((name) => indexes.includes(name));

export const RANGES = {
  month: { from: localDate('2026-11-01'), to: localDate('2026-11-30') },
  quarter: { from: localDate('2026-10-01'), to: localDate('2026-12-31') },
} satisfies Record<string, DateRange>;
export type RangeName = keyof typeof RANGES;
const RANGE_NAMES = Object.keys(RANGES) as RangeName[];

/** The what-if planner setting: the cost of a random page read, default 4, commonly 1.1 when data is cached or on SSD. */
export const TUNED = { setting: 'random_page_cost', value: '1.1' } as const;

export type OpName = 'select1' | RangeName | `${RangeName}Tuned`;
interface OpSpec {
  name: OpName;
  range?: RangeName;
  tuned: boolean;
}
export const OPS: OpSpec[] = [
  { name: 'select1', tuned: false },
  { name: 'month', range: 'month', tuned: false },
  { name: 'quarter', range: 'quarter', tuned: false },
  { name: 'monthTuned', range: 'month', tuned: true },
  { name: 'quarterTuned', range: 'quarter', tuned: true },
];

export type DatasetName = 'small' | 'big' | 'history';
export const DATASETS: DatasetName[] = ['small', 'big', 'history'];

export function datasetSizes(baseDuties: number): Record<DatasetName, DatasetSize> {
  return {
    small: { duties: baseDuties },
    big: { duties: baseDuties * 10 },
    history: { duties: baseDuties, historyDuties: baseDuties * 9 },
  };
}

/** The occurrence range query written by hand, as listOccurrences sends it (for EXPLAIN); retired duties are dropped afterwards. */
export const HAND_SQL = `SELECT o.id, o.seq, o."startsOn", o."endsOn", o."scheduleId", o."dutyId"
FROM "Occurrence" o
WHERE daterange(o."startsOn", o."endsOn", '[]') && daterange($1::date, $2::date, '[]')
ORDER BY o."endsOn", o."startsOn", o.id`;

export interface StatementTiming {
  /** A short name: the table read and what for. */
  label: string;
  /** The SQL with parameter lists collapsed, for reading. */
  sql: string;
  median: number;
  p95: number;
  rows: number;
}

export interface OpResult {
  summary: Summary;
  /** Rows the call returned (constant across iterations; 1 for SELECT 1). */
  rows: number;
  /** listOccurrences only: the statements it sent, each with its own driver-side time. */
  statements?: StatementTiming[];
  /** listOccurrences only: time not spent waiting for the database (Prisma's query interpreter, row mapping). */
  clientSide?: Summary;
}

interface PlanFacts {
  plan: string;
  /** Indexes the plan reads. */
  indexes: string[];
  /** Tables read with a sequential scan (cost that grows with the table, not with the result). */
  seqScans: string[];
  executionMs: number | undefined;
}

export interface PlanCheck extends PlanFacts {
  query: 'hand-written' | 'prisma';
  range: RangeName;
  tuned: boolean;
  usesIndex: boolean;
}

/** The plan of each statement one listOccurrences call (Nov 2026) sends, as the app runs it. */
export interface StatementPlan extends PlanFacts {
  label: string;
}

export interface DatasetResult {
  name: DatasetName;
  size: DatasetSize;
  counts: DatasetCounts;
  load: LoadResult;
  migrateMs: number;
  ops: Record<OpName, OpResult>;
  plans: PlanCheck[];
  statementPlans: StatementPlan[];
}

export interface KindResult {
  kind: BenchKind;
  serverVersion: string;
  datasets: Record<DatasetName, DatasetResult>;
  /** median(big) / median(small) and median(history) / median(small), per operation (p95 likewise). */
  ratios: Record<'bigOverSmall' | 'historyOverSmall', Record<OpName, { median: number; p95: number }>>;
  /** Every occurrence range plan, as the app runs it (default settings), reads Occurrence_endsOn_startsOn_idx. */
  indexCheck: { pass: boolean; failures: string[] };
}

export interface OccurrenceBenchOptions {
  baseDuties: number;
  warmup: number;
  iterations: number;
  log: (line: string) => void;
}

/** Groups a statement by the table it reads, with IN lists collapsed (their length changes with the result). */
function describeStatement(sql: string): { label: string; sql: string } {
  const collapsed = sql
    .replace(/"(public|dondoc_bench_[a-z]+)"\./g, '') // schema qualifiers (not the j0 alias)
    .replace(/\$\d+(\s*,\s*\$\d+)+/g, '$…')
    .replace(/\$\d+/g, '$');
  const table = /FROM\s+"([^"]+)"/.exec(collapsed)?.[1] ?? '?';
  let label = table;
  if (table === 'DutySchedule' && /materializedThrough" IS NULL/.test(collapsed))
    label = 'DutySchedule: series to extend';
  else if (table === 'Occurrence') label = 'Occurrence: range';
  else if (/ IN \(\$…?\)/.test(collapsed)) label = `${table}: by id (IN list)`;
  return { label, sql: collapsed };
}

function planFacts(plan: string): PlanFacts {
  const indexes = [
    ...plan.matchAll(/(?:Index Scan|Index Only Scan|Bitmap Index Scan)(?: Backward)? (?:using|on) "?([A-Za-z_]+)"?/g),
  ].map((match) => match[1] ?? '?');
  const seqScans = [...plan.matchAll(/Seq Scan on "?([A-Za-z_]+)"?/g)].map((match) => match[1] ?? '?');
  const executionMs = Number(/Execution Time: ([\d.]+) ms/.exec(plan)?.[1] ?? Number.NaN);
  return {
    plan,
    indexes: [...new Set(indexes)],
    seqScans: [...new Set(seqScans)],
    executionMs: Number.isFinite(executionMs) ? executionMs : undefined,
  };
}

async function explain(db: BenchDatabase, sql: string, values: unknown[], tuned: boolean): Promise<string> {
  const text = `EXPLAIN (ANALYZE, BUFFERS) ${sql}`;
  const rows = tuned
    ? await db.database.prisma.$transaction(async (tx) => {
        await tx.$executeRawUnsafe(`SET LOCAL ${TUNED.setting} = ${TUNED.value}`);
        return tx.$queryRawUnsafe<{ 'QUERY PLAN': string }[]>(text, ...values);
      })
    : await db.query<{ 'QUERY PLAN': string }>(text, values);
  return rows.map((row) => row['QUERY PLAN']).join('\n');
}

function openKind(kind: BenchKind, name: DatasetName): Promise<BenchDatabase> {
  return kind === 'pglite' ? openBenchPglite(name) : openBenchPostgres(name, `dondoc_bench_${name}`);
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

export async function runOccurrenceBench(kind: BenchKind, options: OccurrenceBenchOptions): Promise<KindResult> {
  const { log } = options;
  const sizes = datasetSizes(options.baseDuties);
  const dbs = new Map<DatasetName, BenchDatabase>();
  const loads = new Map<DatasetName, LoadResult>();
  const tunedSessions = new Map<DatasetName, SettingSession>();
  try {
    for (const name of DATASETS) {
      const db = await openKind(kind, name);
      dbs.set(name, db);
      const size = sizes[name];
      log(`  ${kind}/${name}: loading ${size.duties + (size.historyDuties ?? 0)} duties ...`);
      const load = await loadDataset(db.query, size);
      loads.set(name, load);
      log(
        `  ${kind}/${name}: loaded ${load.counts.occurrences} occurrences, ${load.counts.statusReports} reports in ${(load.totalMs / 1000).toFixed(1)} s` +
          ` (reports ${((load.steps.statusReports ?? 0) / 1000).toFixed(1)} s)`,
      );
    }
    const get = (name: DatasetName) => {
      const db = dbs.get(name);
      if (!db) throw new Error(`no database for ${name}`);
      return db;
    };
    const serverVersion = (await get('small').query<{ v: string }>('SELECT version() AS v'))[0]?.v ?? '?';

    // What each call should return, counted in SQL: a check that the benchmark measures the real thing.
    const expectedRows = new Map<string, number>();
    for (const name of DATASETS) {
      for (const range of RANGE_NAMES) {
        const { from, to } = RANGES[range];
        // The expected answer, computed independently: overlapping windows of duties that are not retired.
        const counted = await get(name).query<{ n: bigint }>(
          `SELECT count(*) AS n FROM (${HAND_SQL}) AS q JOIN "Duty" d ON d.id = q."dutyId" WHERE d."retiredAt" IS NULL`,
          [from, to],
        );
        expectedRows.set(`${name}/${range}`, Number(counted[0]?.n));
      }
    }

    // One timed call. The what-if setting is applied outside the timed part: on PGlite (one session) by SET
    // before and RESET after the call, on PostgreSQL by a second client whose connections all start with it.
    for (const name of DATASETS) tunedSessions.set(name, await get(name).withSetting(TUNED.setting, TUNED.value));
    const run = async (
      name: DatasetName,
      op: OpSpec,
    ): Promise<{ rows: number; ms: number; statements: RecordedStatement[] }> => {
      const session = op.tuned ? tunedSessions.get(name) : undefined;
      const prisma = session?.prisma ?? get(name).database.prisma;
      await session?.before();
      if (op.range) startRecording();
      const started = performance.now();
      const rows = op.range
        ? (await listOccurrences(prisma, RANGES[op.range])).length
        : (await prisma.$queryRaw<{ one: number }[]>`SELECT 1 AS one`).length;
      const ms = performance.now() - started;
      const statements = op.range ? stopRecording() : [];
      await session?.after();
      return { rows, ms, statements };
    };

    log(`  ${kind}: warm-up ${options.warmup} rounds, then ${options.iterations} measured rounds ...`);
    for (let round = 0; round < options.warmup; round += 1) {
      for (const name of DATASETS) for (const op of OPS) await run(name, op);
    }

    const times = new Map<string, number[]>();
    const clientTimes = new Map<string, number[]>();
    const statementTimes = new Map<
      string,
      Map<string, { sql: string; ms: number[]; rows: number; last: RecordedStatement }>
    >();
    const rowsSeen = new Map<string, number>();
    for (let round = 0; round < options.iterations; round += 1) {
      // Rotate which data set goes first, so none always runs right after the same other one.
      const order = DATASETS.map((_, i) => DATASETS[(i + round) % DATASETS.length] as DatasetName);
      for (const name of order) {
        for (const op of OPS) {
          const key = `${name}/${op.name}`;
          const { rows, ms, statements } = await run(name, op);
          const seen = rowsSeen.get(key);
          if (seen !== undefined && seen !== rows) throw new Error(`${kind} ${key}: ${rows} rows, earlier ${seen}`);
          rowsSeen.set(key, rows);
          push(times, key, ms);
          if (!op.range) continue;
          push(clientTimes, key, ms - statements.reduce((sum, s) => sum + s.ms, 0));
          const groups = statementTimes.get(key) ?? new Map();
          statementTimes.set(key, groups);
          for (const statement of statements) {
            const { label, sql } = describeStatement(statement.sql);
            const group = groups.get(label) ?? { sql, ms: [], rows: statement.rows, last: statement };
            group.ms.push(statement.ms);
            group.rows = statement.rows;
            group.last = statement;
            groups.set(label, group);
          }
        }
      }
    }

    const datasets = {} as Record<DatasetName, DatasetResult>;
    const failures: string[] = [];
    for (const name of DATASETS) {
      const db = get(name);
      const ops = {} as Record<OpName, OpResult>;
      for (const op of OPS) {
        const key = `${name}/${op.name}`;
        const rows = rowsSeen.get(key) ?? 0;
        if (op.range && rows !== expectedRows.get(`${name}/${op.range}`)) {
          throw new Error(
            `${kind} ${key}: listOccurrences returned ${rows} rows, SQL counts ${expectedRows.get(`${name}/${op.range}`)}`,
          );
        }
        const result: OpResult = { summary: summarize(times.get(key) ?? []), rows };
        if (op.range) {
          result.clientSide = summarize(clientTimes.get(key) ?? []);
          result.statements = [...(statementTimes.get(key)?.entries() ?? [])].map(([label, group]) => {
            const s = summarize(group.ms);
            return { label, sql: group.sql, median: s.median, p95: s.p95, rows: group.rows };
          });
        }
        ops[op.name] = result;
      }

      const plans: PlanCheck[] = [];
      for (const range of RANGE_NAMES) {
        const { from, to } = RANGES[range];
        const prismaStatement = statementTimes.get(`${name}/${range}`)?.get('Occurrence: range')?.last;
        if (!prismaStatement) throw new Error(`${kind} ${name}: no Occurrence statement was recorded for ${range}`);
        for (const tuned of [false, true]) {
          const hand = planFacts(await explain(db, HAND_SQL, [from, to], tuned));
          plans.push({ query: 'hand-written', range, tuned, usesIndex: usesRangeIndex(hand.indexes), ...hand });
          const prisma = planFacts(await explain(db, prismaStatement.sql, prismaStatement.values, tuned));
          plans.push({ query: 'prisma', range, tuned, usesIndex: usesRangeIndex(prisma.indexes), ...prisma });
        }
      }
      for (const plan of plans) {
        if (!plan.tuned && !plan.usesIndex)
          failures.push(`${name} ${plan.range} (${plan.query} SQL) does not use ${INDEX_NAME}`);
      }

      const statementPlans: StatementPlan[] = [];
      for (const [label, group] of statementTimes.get(`${name}/month`) ?? []) {
        statementPlans.push({ label, ...planFacts(await explain(db, group.last.sql, group.last.values, false)) });
      }

      const load = loads.get(name);
      if (!load) throw new Error(`no load result for ${name}`);
      datasets[name] = {
        name,
        size: sizes[name],
        counts: load.counts,
        load,
        migrateMs: db.migrateMs,
        ops,
        plans,
        statementPlans,
      };
    }

    const ratio = (over: DatasetName) =>
      Object.fromEntries(
        OPS.map((op) => [
          op.name,
          {
            median: datasets[over].ops[op.name].summary.median / datasets.small.ops[op.name].summary.median,
            p95: datasets[over].ops[op.name].summary.p95 / datasets.small.ops[op.name].summary.p95,
          },
        ]),
      ) as Record<OpName, { median: number; p95: number }>;

    return {
      kind,
      serverVersion,
      datasets,
      ratios: { bigOverSmall: ratio('big'), historyOverSmall: ratio('history') },
      indexCheck: { pass: failures.length === 0, failures },
    };
  } finally {
    for (const session of tunedSessions.values()) await session.close().catch(() => undefined);
    for (const db of dbs.values())
      await db.close().catch((error: unknown) => log(`  could not close ${db.label}: ${String(error)}`));
  }
}
