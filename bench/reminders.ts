// Reminders at scale: one scheduler tick with 1,000 duties and 10,000 officials, on PGlite and on PostgreSQL.
//
//   npx tsx bench/reminders.ts [--quick] [--pglite-only] [--catch-up]   (or from bench/run.ts: runReminderBench + printReminders)
//
// 1. Find and claim. A plan of N duties (N = 1,000; the same-run baseline has N/10 = 100) and 10N officials
//    (10,000; baseline 1,000) spread evenly over 200 units, each with a Telegram account. Every duty has one
//    half-yearly series of 2 windows in 2026 (anchors spread over January .. June, windows 6 to 65 days long),
//    led by one named unit (9 duties in 10) or by every district committee (1 in 10: DutyLevel district, 19
//    units); every 3rd duty has a coordinating unit too (not reminded: the default policy leaves them out);
//    every 50th duty is retired. The measured instant is Tuesday 2026-11-17 08:00 (Asia/Ho_Chi_Minh), the
//    default send time: today's reminders (before opening, on opening, before closing, overdue) fall due.
//    The days before are history, as in a deployment that has ticked every minute: every reminder the app's
//    planner (planReminders, the worker's range of windows) says fell due before today has its ReminderRun
//    and its ledger rows (the lead units' officials), marked sent, written with SQL (`--catch-up` runs the
//    app's own catch-up tick instead, the first tick after a plan is loaded, and reports its time). So each
//    measured tick finds exactly today's reminders (checked against the planner), as a
//    deployment ticking every minute does. Then, per run, with the rows the previous run wrote deleted (and
//    the table vacuumed, untimed):
//      (a) expansion: worker.tick(now, { budgetMs: 0 }): finds what is due, writes the ledger, sends nothing;
//      (b) claiming: claimDueReminders (batches of 100, as the tick does) until nothing is left.
//    Both data sets are measured in every round (the order rotates), so drift hits them alike.
// 2. Delivery rate. On the N-duty data set: today's reminders are expanded, the first D (in claim order) are
//    kept pending and the rest set aside; a real TelegramChannel (receive: false, its default push rate,
//    TELEGRAM_PUSH_PER_SECOND) against the fake Bot API (tests/support/fake-telegram.ts) with Telegram's limits
//    (30 messages a second over all chats, 1 per chat): ticks run (their clock moving with the wall clock)
//    until no row is pending or sending. Achieved rate = delivered / wall time, as a ratio to the 30/s limit.
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import v8 from 'node:v8';
import vm from 'node:vm';
import { createTelegramChannel, TELEGRAM_PUSH_PER_SECOND, type TelegramChannel } from '../src/channels/telegram/bot.js';
import { createConfig } from '../src/config.js';
import { listOccurrences } from '../src/db/occurrences.js';
import { claimDueReminders } from '../src/db/reminders.js';
import { addDays, localDateAt } from '../src/domain/dates.js';
import { loadTranslations, type Translations } from '../src/i18n.js';
import { createLogger, type Logger } from '../src/logger.js';
import { longestLead, OVERDUE_USEFUL_DAYS, planReminders } from '../src/reminders/policy.js';
import { CLAIM_LEASE_MS, createReminderWorker, type TickResult } from '../src/reminders/worker.js';
import { accountReachability } from '../src/services/accounts.js';
import { type FakeTelegram, startFakeTelegram } from '../tests/support/fake-telegram.js';
import {
  loadAverageNow,
  PER_CHAT_LIMIT,
  runAndSave,
  runIfMain,
  type SourceVersion,
  sourceVersion,
  TELEGRAM_LIMIT_PER_SECOND,
} from './common.js';
import {
  type BenchDatabase,
  type BenchKind,
  openBenchPglite,
  openBenchPostgres,
  POSTGRES_URL,
  postgresAvailable,
  type RecordedStatement,
  startRecording,
  stopRecording,
} from './databases.js';
import { UNIT_TREE_SQL, UNITS } from './dataset.js';
import { ms, ratio, type Summary, summarize, table } from './stats.js';

/** The measured instant: a Tuesday at the default send time (08:00 in the default time zone). */
export const REMINDER_NOW = new Date('2026-11-17T08:00:00+07:00');
/** The days before end here: history (or the catch-up tick) covers everything due before today's send time. */
const CATCH_UP_AT = new Date(REMINDER_NOW.getTime() - 60_000);
/** Claims per round, as the worker makes them. */
const CLAIM_BATCH = 100;

export type ReminderSetName = 'baseline' | 'full';
export const REMINDER_SETS: ReminderSetName[] = ['baseline', 'full'];

export interface ReminderBenchOptions {
  /** Duties of the full data set (the baseline has a tenth). */
  duties: number;
  /** Officials per duty (10: 10,000 officials for 1,000 duties); the baseline has a tenth. */
  officialsPerDuty: number;
  /** Measured runs per data set (each after a fresh ledger). */
  runs: number;
  /** Unmeasured runs first. */
  warmup: number;
  /** Reminders delivered through the fake Telegram. */
  delivery: number;
  /** Skip PostgreSQL even if it answers. */
  pgliteOnly?: boolean;
  /**
   * How the days before are prepared: false (default) writes their runs and sent ledger rows with SQL, from the
   * app's own planner; true runs the app's catch-up tick instead (the first tick after a plan is loaded) and
   * reports its time: about 30 to 45 s per database on the full set.
   */
  catchUp?: boolean;
  log: (line: string) => void;
}

/** The options bench/run.ts and the command line use: the full sizes, or a smoke run. */
export function reminderBenchOptions(quick: boolean, log: (line: string) => void): ReminderBenchOptions {
  return quick
    ? { duties: 200, officialsPerDuty: 10, runs: 3, warmup: 1, delivery: 150, log }
    : { duties: 1000, officialsPerDuty: 10, runs: 7, warmup: 1, delivery: 600, log };
}

export interface MemoryFigures {
  /** MiB, after a full GC, before the step. */
  rssBefore: number;
  heapBefore: number;
  /** MiB, highest seen during the step (sampled every 5 ms; the event loop must be free to sample). */
  rssPeak: number;
  heapPeak: number;
  /** MiB, right after the step (no GC). */
  rssAfter: number;
  heapAfter: number;
  /** MiB, after the step and a full GC: what the step left behind. */
  heapRetained: number;
}

export interface StatementGroup {
  label: string;
  /** Per run, median over runs. */
  count: number;
  /** Driver-side ms per run, median over runs (the statements' own times added up). */
  ms: number;
  rows: number;
}

export interface StepResult {
  summary: Summary;
  samplesMs: number[];
  memory: { median: MemoryFigures; max: MemoryFigures };
  /** The statements of one run, grouped; driver-side time. */
  statements: StatementGroup[];
  /** Median over runs of the step's time minus its statements' driver time (Prisma, planning, JS). */
  clientSide: Summary;
  statementsPerRun: number;
}

export interface ReminderSetResult {
  name: ReminderSetName;
  counts: { units: number; officials: number; accounts: number; duties: number; occurrences: number };
  loadMs: number;
  /** The days before: 'sql' (runs and sent rows written from the app's planner) or 'tick' (the app's catch-up tick, timed). */
  history: {
    how: 'sql' | 'tick';
    ms: number;
    runs: number;
    ledgerRows: number;
    tick?: { expanded: number; written: number };
  };
  /** Reminders (window x kind) the planner says fall due between the history and the measured instant: what a tick must expand. */
  plannedToday: number;
  /** What one measured tick finds: windows (occurrence, kind) expanded, ledger rows written, windows listed. */
  due: { expanded: number; written: number; claimed: number; claimRounds: number; windowsListed: number };
  expansion: StepResult;
  claim: StepResult;
  /** Expansion + claiming, per run. */
  total: Summary;
  /** Driver-side ms of the first claim of a run (every due row pending) and of the last one that claimed rows, median over runs. */
  claimStatements: { first: number; last: number };
}

export interface DeliveryResult {
  reminders: number;
  /** Of today's reminders on the full set, the ones set aside (cancelled before sending). */
  setAside: number;
  pushPerSecond: number;
  limitPerSecond: number;
  perChatLimit: number;
  ticks: number;
  wallMs: number;
  /** delivered / wall time. */
  perSecond: number;
  ratioToLimit: number;
  /** From the first message to the last one arriving at the fake: (n - 1) / span. */
  steadyPerSecond: number;
  delivered: number;
  messages: number;
  rateLimited: number;
  fakeRequests: Record<string, number>;
  exactlyOnce: boolean;
  /** Chats that got more than one reminder (the per-chat limit applies), and the shortest gap between two messages to one chat, ms. */
  chatsWithSeveral: number;
  minGapSameChatMs: number;
  mismatches: string[];
  states: Record<string, number>;
  outcome: Omit<TickResult, 'expanded' | 'written'>;
  /** Statements per reminder sent and their driver-side time. */
  statementsPerReminder: number;
  dbMsPerReminder: number;
  statements: StatementGroup[];
  problems: string[];
}

export interface LedgerWriteResult {
  rows: number;
  runs: number;
  createMany: { wall: Summary; driver: Summary };
  unnest: { wall: Summary; driver: Summary };
}

export interface ReminderKindResult {
  kind: BenchKind;
  serverVersion: string;
  sets: Record<ReminderSetName, ReminderSetResult>;
  /** full / baseline: medians and p95s of each step; rows and windows for comparison. */
  ratios: {
    expansion: { median: number; p95: number };
    claim: { median: number; p95: number };
    total: { median: number; p95: number };
    written: number;
    expanded: number;
  };
  claimPlan: string;
  /** A what-if on the full set: today's ledger rows written as expandRun writes them (Prisma createMany per run) or with one raw INSERT ... unnest per run. */
  ledgerWrites: LedgerWriteResult;
  delivery: DeliveryResult;
}

export interface ReminderResult {
  source: SourceVersion;
  options: Omit<ReminderBenchOptions, 'log'>;
  now: string;
  kinds: ReminderKindResult[];
  skipped: string[];
  loadAverage: { start: number; end: number };
  memory: { start: { rss: number; heap: number }; end: { rss: number; heap: number } };
}

/** Taken when this module loads, with the app's modules: the code measured. */
const SOURCE = sourceVersion();

// ------------------------------------------------------------------------------------------- memory

v8.setFlagsFromString('--expose-gc');
const collect = vm.runInNewContext('gc') as (() => void) | undefined;
const MiB = 2 ** 20;

function memoryNow(): { rss: number; heap: number } {
  const m = process.memoryUsage();
  return { rss: m.rss / MiB, heap: m.heapUsed / MiB };
}

/** Runs a step while sampling memory: before (after a GC), peak, after, and retained (after another GC). */
async function withMemory<T>(step: () => Promise<T>): Promise<{ value: T; ms: number; memory: MemoryFigures }> {
  collect?.();
  const before = memoryNow();
  let rssPeak = before.rss;
  let heapPeak = before.heap;
  const sample = () => {
    const now = memoryNow();
    rssPeak = Math.max(rssPeak, now.rss);
    heapPeak = Math.max(heapPeak, now.heap);
  };
  const timer = setInterval(sample, 5);
  timer.unref();
  const started = performance.now();
  let value: T;
  try {
    value = await step();
  } finally {
    clearInterval(timer);
  }
  const elapsed = performance.now() - started;
  sample();
  const after = memoryNow();
  collect?.();
  const retained = memoryNow();
  return {
    value,
    ms: elapsed,
    memory: {
      rssBefore: before.rss,
      heapBefore: before.heap,
      rssPeak,
      heapPeak,
      rssAfter: after.rss,
      heapAfter: after.heap,
      heapRetained: retained.heap,
    },
  };
}

function memorySummary(samples: MemoryFigures[]): { median: MemoryFigures; max: MemoryFigures } {
  const keys = ['rssBefore', 'heapBefore', 'rssPeak', 'heapPeak', 'rssAfter', 'heapAfter', 'heapRetained'] as const;
  const median = {} as MemoryFigures;
  const max = {} as MemoryFigures;
  for (const key of keys) {
    const values = samples.map((s) => s[key]);
    median[key] = summarize(values).median;
    max[key] = Math.max(...values);
  }
  return { median, max };
}

// ------------------------------------------------------------------------------------------- data

const TABLES = [
  'Unit',
  'Official',
  'ChannelAccount',
  'Plan',
  'Duty',
  'DutyUnit',
  'DutyLevel',
  'DutySchedule',
  'Occurrence',
];

/**
 * Loads a plan of `duties` duties and `officials` officials (each with a Telegram account) into an empty,
 * migrated schema, with set-based SQL; ids are explicit and the sequences moved past them.
 */
export async function loadReminderSet(
  db: BenchDatabase,
  duties: number,
  officials: number,
): Promise<ReminderSetResult['counts']> {
  const q = db.query;
  // The unit tree of bench/dataset.ts: 1 province, 19 districts, 80 grassroots, 100 cells.
  await q(UNIT_TREE_SQL, [UNITS]);
  // Round-robin over the units: officials / 200 in each.
  await q(
    `INSERT INTO "Official" (id, name, "unitId", "updatedAt")
     SELECT g, 'Cán bộ ' || g, 1 + (g - 1) % $2::int, now() FROM generate_series(1, $1::int) AS g`,
    [officials, UNITS],
  );
  await q(
    `INSERT INTO "ChannelAccount" (id, "officialId", channel, "externalId", "chatId")
     SELECT g, g, 'telegram'::"Channel", (1000000 + g)::text, (1000000 + g)::text FROM generate_series(1, $1::int) AS g`,
    [officials],
  );
  await q(
    `INSERT INTO "Plan" (id, code, title, issuer, "issuerUnitId", "issuedOn", "contentHash", "updatedAt")
     VALUES (1, 'KH-BENCH', 'Kế hoạch thực hiện (dữ liệu đo hiệu năng)', 'Ban Thường vụ Tỉnh ủy', 1, date '2026-01-01', 'bench', now())`,
  );
  await q(
    `INSERT INTO "Duty" (id, "planId", key, ref, title, summary, "sourceQuote", aliases, "retiredAt", "updatedAt")
     SELECT g, 1, 'nv-' || g, (1 + g / 100) || '.' || (g % 100),
            'Nhiệm vụ số ' || g || ': tổ chức quán triệt, triển khai và báo cáo kết quả thực hiện',
            'Định kỳ 6 tháng báo cáo tiến độ thực hiện nhiệm vụ số ' || g,
            repeat('Các cấp ủy, tổ chức đảng tổ chức quán triệt và triển khai thực hiện nghiêm túc. ', 3),
            ARRAY['nv' || g], CASE WHEN g % 50 = 0 THEN now() END, now()
     FROM generate_series(1, $1::int) AS g`,
    [duties],
  );
  // 9 duties in 10 led by one named unit, 1 in 10 by every district committee; every 3rd has a coordinating unit.
  await q(
    `INSERT INTO "DutyUnit" ("dutyId", "unitId", role)
     SELECT g, 1 + (g * 37) % $2::int, 'lead'::"AssignmentRole" FROM generate_series(1, $1::int) AS g WHERE g % 10 <> 0
     UNION ALL
     SELECT g, 1 + (g * 53 + 7) % $2::int, 'support'::"AssignmentRole" FROM generate_series(1, $1::int) AS g WHERE g % 3 = 0
     ON CONFLICT DO NOTHING`,
    [duties, UNITS],
  );
  await q(
    `INSERT INTO "DutyLevel" ("dutyId", level, role) SELECT g, 'district', 'lead'::"AssignmentRole" FROM generate_series(10, $1::int, 10) AS g`,
    [duties],
  );
  // One bounded half-yearly series per duty: anchor on day (g * 7919) mod 181 of 2026, 6 to 65 days long, 2 windows.
  const anchor = `(date '2026-01-01' + ((g * 7919) % 181)::int)`;
  const length = `(6 + (g * 13) % 60)::int`;
  await q(
    `INSERT INTO "DutySchedule" (id, "dutyId", position, "startsOn", "endsOn", label, "everyMonths", count, "materializedThrough")
     SELECT g, g, 0, ${anchor}, ${anchor} + ${length}, 'báo cáo 6 tháng', 6, 2, NULL FROM generate_series(1, $1::int) AS g`,
    [duties],
  );
  await q(
    `INSERT INTO "Occurrence" (id, "dutyId", "scheduleId", seq, "startsOn", "endsOn")
     SELECT (g - 1) * 2 + k + 1, g, g, k, s, s + ${length}
     FROM generate_series(1, $1::int) AS g, generate_series(0, 1) AS k,
          LATERAL (SELECT (${anchor} + make_interval(months => 6 * k))::date AS s) AS w`,
    [duties],
  );
  await q(
    `SELECT ${['Unit', 'Official', 'ChannelAccount', 'Plan', 'Duty', 'DutySchedule', 'Occurrence']
      .map((t) => `setval(pg_get_serial_sequence('"${t}"', 'id'), (SELECT max(id) FROM "${t}"))`)
      .join(', ')}`,
  );
  await db.execute(`VACUUM (ANALYZE) ${TABLES.map((t) => `"${t}"`).join(', ')}`);
  const rows = await q<Record<string, bigint>>(
    `SELECT (SELECT count(*) FROM "Unit") AS units, (SELECT count(*) FROM "Official") AS officials, (SELECT count(*) FROM "ChannelAccount") AS accounts,
            (SELECT count(*) FROM "Duty") AS duties, (SELECT count(*) FROM "Occurrence") AS occurrences`,
  );
  const row = rows[0] ?? {};
  return {
    units: Number(row.units),
    officials: Number(row.officials),
    accounts: Number(row.accounts),
    duties: Number(row.duties),
    occurrences: Number(row.occurrences),
  };
}

// ------------------------------------------------------------------------------------------- statements

/** "SELECT Official", "INSERT ReminderLedger", "BEGIN": what a statement does to which table. */
export function reminderStatementLabel(sql: string): string {
  const text = sql.trim();
  const verb = (/^\w+/.exec(text)?.[0] ?? '?').toUpperCase();
  if (!['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'WITH'].includes(verb)) return verb;
  const tableName = /(?:FROM|INTO|UPDATE)\s+(?:"[^"]+"\.)?"([^"]+)"/i.exec(text)?.[1] ?? '?';
  return `${verb} ${tableName}`;
}

function groupStatements(runs: RecordedStatement[][]): StatementGroup[] {
  const byLabel = new Map<string, { counts: number[]; ms: number[]; rows: number[] }>();
  runs.forEach((statements, run) => {
    for (const statement of statements) {
      const label = reminderStatementLabel(statement.sql);
      const group = byLabel.get(label) ?? { counts: runs.map(() => 0), ms: runs.map(() => 0), rows: runs.map(() => 0) };
      group.counts[run] = (group.counts[run] ?? 0) + 1;
      group.ms[run] = (group.ms[run] ?? 0) + statement.ms;
      group.rows[run] = (group.rows[run] ?? 0) + statement.rows;
      byLabel.set(label, group);
    }
  });
  return [...byLabel]
    .map(([label, g]) => ({
      label,
      count: summarize(g.counts).median,
      ms: summarize(g.ms).median,
      rows: summarize(g.rows).median,
    }))
    .sort((a, b) => b.ms - a.ms);
}

// ------------------------------------------------------------------------------------------- one data set

interface OpenSet {
  name: ReminderSetName;
  db: BenchDatabase;
  counts: ReminderSetResult['counts'];
  loadMs: number;
  history: ReminderSetResult['history'];
  plannedToday: number;
  /** Ledger rows up to this id are the history's (kept, sent); later ones are a measured run's. */
  keepLedgerId: number;
  /** ReminderRun rows expanded at or after this database time are a measured run's. */
  mark: Date;
}

function reminderConfig() {
  return createConfig({ TELEGRAM_BOT_TOKEN: '1:bench' });
}

interface Planned {
  occurrenceId: number;
  kind: string;
  dueAt: Date;
  usefulUntil: Date;
}

/**
 * What the app's planner says is due, for the windows a tick at `at` looks at (the same range and the same
 * planReminders as the worker's expansion; the global policy, as no override is stored).
 */
async function plannedReminders(db: BenchDatabase, at: Date): Promise<Planned[]> {
  const config = reminderConfig();
  const today = localDateAt(at, config.defaultTimeZone);
  const occurrences = await listOccurrences(db.database.prisma, {
    from: addDays(today, -(OVERDUE_USEFUL_DAYS + 2)),
    to: addDays(today, longestLead(config.reminders.policy) + 2),
  });
  const [plan] = await db.query<{ timeZone: string }>('SELECT "timeZone" FROM "Plan" WHERE id = 1');
  const calendar = { ...config.reminders.calendar, timeZone: plan?.timeZone ?? config.defaultTimeZone };
  return occurrences.flatMap((o) =>
    planReminders({ start: o.start, end: o.end }, config.reminders.policy, calendar).map((r) => ({
      occurrenceId: o.id,
      kind: r.kind,
      dueAt: r.dueAt,
      usefulUntil: r.usefulUntil,
    })),
  );
}

/**
 * The days before, written with SQL: every reminder the planner says fell due before `at` (of the windows a
 * tick looks at) has its run, and its ledger rows (the officials of its lead units: named, or of the lead
 * level), marked sent on their day, as if every earlier tick had gone well.
 */
export async function writeHistory(db: BenchDatabase, at: Date): Promise<void> {
  const due = (await plannedReminders(db, at)).filter((r) => r.dueAt < at);
  const arrays = [
    due.map((r) => r.occurrenceId),
    due.map((r) => r.kind),
    due.map((r) => r.dueAt.toISOString()),
    due.map((r) => r.usefulUntil.toISOString()),
  ];
  const source = `unnest($1::int[], $2::text[], $3::text[], $4::text[]) AS r(occ, kind, due, useful)`;
  await db.query(
    `INSERT INTO "ReminderRun" ("occurrenceId", kind, recipients) SELECT occ, kind, 0 FROM ${source}`,
    arrays,
  );
  await db.query(
    `INSERT INTO "ReminderLedger" ("occurrenceId", "officialId", kind, "dueAt", "expiresAt", state, attempts, "sentAt", "channelsSent")
     SELECT r.occ, o.id, r.kind, r.due::timestamptz, r.useful::timestamptz, 'sent'::"DeliveryState", 1, r.due::timestamptz, ARRAY['telegram']
     FROM ${source}
     JOIN "Occurrence" oc ON oc.id = r.occ
     JOIN LATERAL (
       SELECT du."unitId" AS unit FROM "DutyUnit" du WHERE du."dutyId" = oc."dutyId" AND du.role = 'lead'
       UNION
       SELECT u.id FROM "DutyLevel" dl JOIN "Unit" u ON u.level = dl.level WHERE dl."dutyId" = oc."dutyId" AND dl.role = 'lead'
     ) AS lead ON true
     JOIN "Official" o ON o."unitId" = lead.unit
     ORDER BY r.due, r.occ, o.id`,
    arrays,
  );
  await db.query(
    `UPDATE "ReminderRun" AS run SET recipients = c.n
     FROM (SELECT "occurrenceId", kind, count(*)::int AS n FROM "ReminderLedger" GROUP BY "occurrenceId", kind) AS c
     WHERE c."occurrenceId" = run."occurrenceId" AND c.kind = run.kind`,
  );
}

async function openSet(
  kind: BenchKind,
  name: ReminderSetName,
  duties: number,
  officials: number,
  deps: { translations: Translations; logger: Logger; catchUp: boolean },
): Promise<OpenSet> {
  const db =
    kind === 'pglite'
      ? await openBenchPglite(`reminders-${name}`)
      : await openBenchPostgres(`reminders-${name}`, `dondoc_bench_reminders_${name}`);
  try {
    const loadStarted = performance.now();
    const counts = await loadReminderSet(db, duties, officials);
    const loadMs = performance.now() - loadStarted;
    const started = performance.now();
    let tick: TickResult | undefined;
    if (deps.catchUp) {
      // The app's first tick after the plan was loaded: it expands every reminder due before that is still useful.
      const worker = createReminderWorker({
        prisma: db.database.prisma,
        config: reminderConfig(),
        channels: {},
        translations: deps.translations,
        logger: deps.logger,
        instance: 'bench-catch-up',
      });
      tick = await worker.tick(CATCH_UP_AT, { budgetMs: 0 });
      // What was due before today went out in earlier ticks.
      await db.query(
        `UPDATE "ReminderLedger" SET state = 'sent', "sentAt" = "dueAt", attempts = 1, "channelsSent" = ARRAY['telegram'] WHERE state = 'pending'`,
      );
    } else {
      await writeHistory(db, CATCH_UP_AT);
    }
    const historyMs = performance.now() - started;
    await db.execute('VACUUM (ANALYZE) "ReminderLedger", "ReminderRun"');
    const [ledger] = await db.query<{ n: bigint; max: number | null }>(
      'SELECT count(*) AS n, max(id) AS max FROM "ReminderLedger"',
    );
    const [runs] = await db.query<{ n: bigint }>('SELECT count(*) AS n FROM "ReminderRun"');
    const [clock] = await db.query<{ at: Date }>('SELECT clock_timestamp() AS at');
    const plannedToday = (await plannedReminders(db, REMINDER_NOW)).filter(
      (r) => r.dueAt >= CATCH_UP_AT && r.dueAt <= REMINDER_NOW,
    ).length;
    return {
      name,
      db,
      counts,
      loadMs,
      history: {
        how: deps.catchUp ? 'tick' : 'sql',
        ms: historyMs,
        runs: Number(runs?.n ?? 0),
        ledgerRows: Number(ledger?.n ?? 0),
        ...(tick ? { tick: { expanded: tick.expanded, written: tick.written } } : {}),
      },
      plannedToday,
      keepLedgerId: ledger?.max ?? 0,
      mark: clock?.at ?? new Date(),
    };
  } catch (error) {
    await db.close().catch(() => undefined);
    throw error;
  }
}

/** Removes what a measured run wrote (today's runs and ledger rows), then VACUUM: every run starts alike. Not timed. */
async function resetToday(set: OpenSet): Promise<void> {
  await set.db.query('DELETE FROM "ReminderLedger" WHERE id > $1::int', [set.keepLedgerId]);
  await set.db.query('DELETE FROM "ReminderRun" WHERE "expandedAt" >= $1::timestamptz', [set.mark]);
  await set.db.execute('VACUUM "ReminderLedger", "ReminderRun"');
}

interface RunSample {
  expansion: { ms: number; memory: MemoryFigures; statements: RecordedStatement[]; tick: TickResult };
  claim: {
    ms: number;
    memory: MemoryFigures;
    statements: RecordedStatement[];
    claimed: number;
    rounds: number;
    distinct: number;
  };
}

async function measureRun(set: OpenSet, deps: { translations: Translations; logger: Logger }): Promise<RunSample> {
  await resetToday(set);
  const prisma = set.db.database.prisma;
  const worker = createReminderWorker({
    prisma,
    config: reminderConfig(),
    channels: {},
    translations: deps.translations,
    logger: deps.logger,
    instance: 'bench',
  });
  startRecording();
  const expansion = await withMemory(() => worker.tick(REMINDER_NOW, { budgetMs: 0 }));
  const expansionStatements = stopRecording();
  startRecording();
  const claim = await withMemory(async () => {
    let claimed = 0;
    let rounds = 0;
    const ids = new Set<number>();
    for (;;) {
      const batch = await claimDueReminders(prisma, {
        instance: 'bench',
        now: REMINDER_NOW,
        limit: CLAIM_BATCH,
        leaseMs: CLAIM_LEASE_MS,
      });
      rounds += 1;
      if (batch.length === 0) break;
      claimed += batch.length;
      for (const row of batch) ids.add(row.id);
    }
    return { claimed, rounds, distinct: ids.size };
  });
  const claimStatements = stopRecording();
  return {
    expansion: { ms: expansion.ms, memory: expansion.memory, statements: expansionStatements, tick: expansion.value },
    claim: { ms: claim.ms, memory: claim.memory, statements: claimStatements, ...claim.value },
  };
}

function stepResult(samples: { ms: number; memory: MemoryFigures; statements: RecordedStatement[] }[]): StepResult {
  const times = samples.map((s) => s.ms);
  return {
    summary: summarize(times),
    samplesMs: times,
    memory: memorySummary(samples.map((s) => s.memory)),
    statements: groupStatements(samples.map((s) => s.statements)),
    clientSide: summarize(samples.map((s) => s.ms - s.statements.reduce((sum, x) => sum + x.ms, 0))),
    statementsPerRun: summarize(samples.map((s) => s.statements.length)).median,
  };
}

/** EXPLAIN (ANALYZE, BUFFERS) of the claim statement as the app sent it, in a transaction that is rolled back. */
async function explainClaim(set: OpenSet, statement: RecordedStatement | undefined): Promise<string> {
  if (!statement) return '(no claim statement recorded)';
  class Rollback extends Error {
    constructor(readonly plan: string) {
      super('rollback');
    }
  }
  try {
    await set.db.database.prisma.$transaction(async (tx) => {
      const rows = await tx.$queryRawUnsafe<{ 'QUERY PLAN': string }[]>(
        `EXPLAIN (ANALYZE, BUFFERS) ${statement.sql}`,
        ...statement.values,
      );
      throw new Rollback(rows.map((row) => row['QUERY PLAN']).join('\n'));
    });
  } catch (error) {
    if (error instanceof Rollback) return error.plan;
    return `(EXPLAIN failed: ${error instanceof Error ? error.message : String(error)})`;
  }
  return '(no plan)';
}

/**
 * Where the expansion's client-side time goes: today's ledger rows (read back after a tick) written again,
 * run by run, (a) with Prisma's createMany as expandRun does (in slices of 5,000, skipDuplicates), and (b) with
 * one raw INSERT ... SELECT FROM unnest(...) ON CONFLICT DO NOTHING per run. No transaction and no ReminderRun
 * row in either; the rows are deleted between repetitions (untimed).
 */
async function measureLedgerWrites(
  set: OpenSet,
  repetitions: number,
  deps: { translations: Translations; logger: Logger },
): Promise<LedgerWriteResult> {
  const prisma = set.db.database.prisma;
  await resetToday(set);
  await createReminderWorker({
    prisma,
    config: reminderConfig(),
    channels: {},
    translations: deps.translations,
    logger: deps.logger,
    instance: 'bench',
  }).tick(REMINDER_NOW, { budgetMs: 0 });
  const rows = await prisma.reminderLedger.findMany({
    where: { id: { gt: set.keepLedgerId } },
    select: { occurrenceId: true, officialId: true, kind: true, dueAt: true, expiresAt: true },
    orderBy: { id: 'asc' },
  });
  const runs = new Map<string, typeof rows>();
  for (const row of rows) {
    const key = `${row.occurrenceId}:${row.kind}`;
    const list = runs.get(key);
    if (list) list.push(row);
    else runs.set(key, [row]);
  }
  const clear = async () => {
    await set.db.query('DELETE FROM "ReminderLedger" WHERE id > $1::int', [set.keepLedgerId]);
    await set.db.execute('VACUUM "ReminderLedger"');
  };
  const ways = {
    createMany: async (entries: typeof rows) => {
      for (let i = 0; i < entries.length; i += 5_000)
        await prisma.reminderLedger.createMany({ data: entries.slice(i, i + 5_000), skipDuplicates: true });
    },
    unnest: async (entries: typeof rows) => {
      await prisma.$executeRawUnsafe(
        `INSERT INTO "ReminderLedger" ("occurrenceId", "officialId", kind, "dueAt", "expiresAt")
         SELECT * FROM unnest($1::int[], $2::int[], $3::text[], $4::timestamptz[], $5::timestamptz[]) ON CONFLICT DO NOTHING`,
        entries.map((e) => e.occurrenceId),
        entries.map((e) => e.officialId),
        entries.map((e) => e.kind),
        entries.map((e) => e.dueAt.toISOString()),
        entries.map((e) => e.expiresAt?.toISOString() ?? null),
      );
    },
  };
  const samples = {
    createMany: { wall: [] as number[], driver: [] as number[] },
    unnest: { wall: [] as number[], driver: [] as number[] },
  };
  for (let rep = 0; rep < repetitions; rep += 1) {
    for (const way of ['createMany', 'unnest'] as const) {
      await clear();
      startRecording();
      const started = performance.now();
      for (const entries of runs.values()) await ways[way](entries);
      const wall = performance.now() - started;
      const statements = stopRecording();
      const [count] = await set.db.query<{ n: bigint }>(
        'SELECT count(*) AS n FROM "ReminderLedger" WHERE id > $1::int',
        [set.keepLedgerId],
      );
      if (Number(count?.n) !== rows.length)
        throw new Error(`ledger write what-if (${way}): ${Number(count?.n)} rows written, expected ${rows.length}`);
      samples[way].wall.push(wall);
      samples[way].driver.push(statements.reduce((sum, x) => sum + x.ms, 0));
    }
  }
  await clear();
  return {
    rows: rows.length,
    runs: runs.size,
    createMany: { wall: summarize(samples.createMany.wall), driver: summarize(samples.createMany.driver) },
    unnest: { wall: summarize(samples.unnest.wall), driver: summarize(samples.unnest.driver) },
  };
}

// ------------------------------------------------------------------------------------------- delivery

async function measureDelivery(
  set: OpenSet,
  count: number,
  deps: { translations: Translations; log: (line: string) => void },
): Promise<DeliveryResult> {
  const prisma = set.db.database.prisma;
  const problems: string[] = [];
  // The app's logger at warn, into memory: failed or undelivered sends are reported, not printed.
  const logger = createLogger({
    level: 'warn',
    destination: { write: (line: string) => void problems.push(line.trim()) },
  });
  await resetToday(set);
  const expander = createReminderWorker({
    prisma,
    config: reminderConfig(),
    channels: {},
    translations: deps.translations,
    logger,
    instance: 'bench-expand',
  });
  await expander.tick(REMINDER_NOW, { budgetMs: 0 });
  // The first `count` in claim order are delivered; the rest of today's are set aside.
  const setAside = await set.db.database.prisma.$executeRawUnsafe(
    `UPDATE "ReminderLedger" SET state = 'cancelled', "lastError" = 'bench: not in the delivery sample'
     WHERE id > $1::int AND id NOT IN (SELECT id FROM "ReminderLedger" WHERE id > $1::int ORDER BY "dueAt", id LIMIT $2::int)`,
    set.keepLedgerId,
    count,
  );
  const [kept] = await set.db.query<{ n: bigint }>(
    `SELECT count(*) AS n FROM "ReminderLedger" WHERE id > $1::int AND state = 'pending'`,
    [set.keepLedgerId],
  );
  const reminders = Number(kept?.n ?? 0);

  let fake: FakeTelegram | undefined;
  let channel: TelegramChannel | undefined;
  try {
    fake = await startFakeTelegram({
      globalRatePerSecond: TELEGRAM_LIMIT_PER_SECOND,
      perChatRatePerSecond: PER_CHAT_LIMIT,
    });
    const channelConfig = createConfig({ TELEGRAM_BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.apiRoot }).telegram;
    if (!channelConfig) throw new Error('no Telegram configuration');
    // The app's channel as a sending-only process makes it: default push rate (TELEGRAM_PUSH_PER_SECOND).
    channel = createTelegramChannel({
      config: channelConfig,
      conversation: { handle: async () => [] },
      reachability: accountReachability(prisma, 'telegram'),
      translations: deps.translations,
      logger,
      receive: false,
    });
    await channel.ready;
    const worker = createReminderWorker({
      prisma,
      config: reminderConfig(),
      channels: { telegram: channel },
      translations: deps.translations,
      logger,
      instance: 'bench-delivery',
    });
    fake.sent.length = 0;
    const requestsBefore = { ...fake.stats.byMethod };
    const rateLimitedBefore = fake.stats.rateLimited;

    const outcome = { sent: 0, retried: 0, failed: 0, cancelled: 0, deferred: 0 };
    const open = async () => {
      const [row] = await set.db.query<{ n: bigint }>(
        `SELECT count(*) AS n FROM "ReminderLedger" WHERE state IN ('pending', 'sending')`,
      );
      return Number(row?.n ?? 0);
    };
    const guardMs = (reminders / 5 + 120) * 1000;
    let ticks = 0;
    startRecording();
    const started = performance.now();
    // Ticks as the scheduler makes them, the clock moving with the wall clock, until nothing is left to send.
    while ((await open()) > 0) {
      const elapsed = performance.now() - started;
      if (elapsed > guardMs) {
        problems.push(
          `gave up after ${(elapsed / 1000).toFixed(0)} s with ${await open()} reminders pending or sending`,
        );
        break;
      }
      const result = await worker.tick(new Date(REMINDER_NOW.getTime() + elapsed));
      ticks += 1;
      for (const key of Object.keys(outcome) as (keyof typeof outcome)[]) outcome[key] += result[key];
      if (result.sent + result.retried + result.failed + result.cancelled + result.deferred === 0)
        await new Promise((resolve) => setTimeout(resolve, 250));
    }
    const wallMs = performance.now() - started;
    const statements = stopRecording();

    // Exactly once: each delivered ledger row is one message to its official's chat, and nothing else was sent.
    const rows = await set.db.query<{ chatId: string; n: bigint }>(
      `SELECT a."chatId", count(*) AS n FROM "ReminderLedger" l JOIN "ChannelAccount" a ON a."officialId" = l."officialId" AND a.channel = 'telegram'
       WHERE l.id > $1::int AND l.state = 'sent' GROUP BY a."chatId"`,
      [set.keepLedgerId],
    );
    const expected = new Map(rows.map((row) => [Number(row.chatId), Number(row.n)]));
    const got = new Map<number, number>();
    for (const message of fake.sent) got.set(message.chatId, (got.get(message.chatId) ?? 0) + 1);
    const mismatches: string[] = [];
    for (const [chat, n] of expected)
      if (got.get(chat) !== n) mismatches.push(`chat ${chat}: ${got.get(chat) ?? 0} messages for ${n} reminders`);
    for (const [chat, n] of got) if (!expected.has(chat)) mismatches.push(`chat ${chat}: ${n} messages, no reminder`);
    const states = Object.fromEntries(
      (
        await set.db.query<{ state: string; n: bigint }>(
          `SELECT state::text AS state, count(*) AS n FROM "ReminderLedger" WHERE id > $1::int GROUP BY state`,
          [set.keepLedgerId],
        )
      ).map((row) => [row.state, Number(row.n)]),
    );
    const delivered = states.sent ?? 0;
    const lastAt = new Map<number, number>();
    let minGapSameChatMs = Number.POSITIVE_INFINITY;
    for (const message of [...fake.sent].sort((a, b) => a.at - b.at)) {
      const previous = lastAt.get(message.chatId);
      if (previous !== undefined) minGapSameChatMs = Math.min(minGapSameChatMs, message.at - previous);
      lastAt.set(message.chatId, message.at);
    }
    const times = fake.sent.map((m) => m.at).sort((a, b) => a - b);
    const span = (times.at(-1) ?? 0) - (times[0] ?? 0);
    const fakeRequests = Object.fromEntries(
      Object.entries(fake.stats.byMethod)
        .map(([method, n]) => [method, n - (requestsBefore[method] ?? 0)])
        .filter(([, n]) => Number(n) > 0),
    );
    const perSecond = delivered / (wallMs / 1000);
    return {
      reminders,
      setAside,
      pushPerSecond: TELEGRAM_PUSH_PER_SECOND,
      limitPerSecond: TELEGRAM_LIMIT_PER_SECOND,
      perChatLimit: PER_CHAT_LIMIT,
      ticks,
      wallMs,
      perSecond,
      ratioToLimit: perSecond / TELEGRAM_LIMIT_PER_SECOND,
      steadyPerSecond: times.length > 1 ? (times.length - 1) / (span / 1000) : Number.NaN,
      delivered,
      messages: fake.sent.length,
      rateLimited: fake.stats.rateLimited - rateLimitedBefore,
      fakeRequests,
      exactlyOnce: mismatches.length === 0 && delivered === reminders && fake.sent.length === delivered,
      chatsWithSeveral: [...got.values()].filter((n) => n > 1).length,
      minGapSameChatMs: Number.isFinite(minGapSameChatMs) ? minGapSameChatMs : Number.NaN,
      mismatches: mismatches.slice(0, 10),
      states,
      outcome,
      statementsPerReminder: statements.length / Math.max(1, delivered),
      dbMsPerReminder: statements.reduce((sum, s) => sum + s.ms, 0) / Math.max(1, delivered),
      statements: groupStatements([statements]).map((g) => ({
        ...g,
        count: g.count / Math.max(1, delivered),
        ms: g.ms / Math.max(1, delivered),
      })),
      problems,
    };
  } finally {
    await channel?.stop().catch(() => undefined);
    await fake?.close().catch(() => undefined);
  }
}

// ------------------------------------------------------------------------------------------- the benchmark

async function runKind(
  kind: BenchKind,
  options: ReminderBenchOptions,
  deps: { translations: Translations; logger: Logger; catchUp: boolean },
): Promise<ReminderKindResult> {
  const { log } = options;
  const sizes: Record<ReminderSetName, { duties: number; officials: number }> = {
    baseline: {
      duties: Math.round(options.duties / 10),
      officials: Math.round((options.duties * options.officialsPerDuty) / 10),
    },
    full: { duties: options.duties, officials: options.duties * options.officialsPerDuty },
  };
  const sets: OpenSet[] = [];
  try {
    for (const name of REMINDER_SETS) {
      log(
        `  ${kind}/${name}: loading ${sizes[name].duties} duties, ${sizes[name].officials} officials, then the days before (${deps.catchUp ? "the app's catch-up tick" : 'SQL'}) ...`,
      );
      const set = await openSet(kind, name, sizes[name].duties, sizes[name].officials, deps);
      sets.push(set);
      log(
        `  ${kind}/${name}: loaded in ${ms(set.loadMs)} ms; days before (${set.history.how}) in ${ms(set.history.ms)} ms: ${set.history.runs} runs, ${set.history.ledgerRows} sent ledger rows` +
          (set.history.tick
            ? ` (catch-up tick: ${set.history.tick.expanded} reminders expanded, ${set.history.tick.written} rows written)`
            : ''),
      );
    }
    const serverVersion = (await (sets[0] as OpenSet).db.query<{ v: string }>('SELECT version() AS v'))[0]?.v ?? '?';

    log(
      `  ${kind}: ${options.warmup} warm-up and ${options.runs} measured runs per data set (expansion tick, then claiming all) ...`,
    );
    for (let i = 0; i < options.warmup; i += 1) for (const set of sets) await measureRun(set, deps);
    const samples = new Map<ReminderSetName, RunSample[]>(sets.map((set) => [set.name, []]));
    for (let round = 0; round < options.runs; round += 1) {
      const order = sets.map((_, i) => sets[(i + round) % sets.length] as OpenSet);
      for (const set of order) samples.get(set.name)?.push(await measureRun(set, deps));
    }

    const results = {} as Record<ReminderSetName, ReminderSetResult>;
    for (const set of sets) {
      const runs = samples.get(set.name) ?? [];
      const first = runs[0];
      if (!first) throw new Error(`${kind}/${set.name}: no runs`);
      // Every run must find and claim the same reminders, each claimed once.
      for (const run of runs) {
        const t = run.expansion.tick;
        if (t.expanded !== first.expansion.tick.expanded || t.written !== first.expansion.tick.written)
          throw new Error(
            `${kind}/${set.name}: runs differ (${t.expanded}/${t.written} vs ${first.expansion.tick.expanded}/${first.expansion.tick.written})`,
          );
        if (t.sent + t.failed + t.cancelled + t.retried + t.deferred !== 0)
          throw new Error(`${kind}/${set.name}: the expansion tick sent something`);
        if (run.claim.claimed !== t.written || run.claim.distinct !== t.written)
          throw new Error(
            `${kind}/${set.name}: claimed ${run.claim.claimed} (${run.claim.distinct} distinct), written ${t.written}`,
          );
        if (t.expanded !== set.plannedToday)
          throw new Error(
            `${kind}/${set.name}: the tick expanded ${t.expanded} reminders, the planner says ${set.plannedToday} fall due today`,
          );
      }
      const windowsListed =
        first.expansion.statements.find((s) => reminderStatementLabel(s.sql) === 'SELECT Occurrence')?.rows ??
        Number.NaN;
      results[set.name] = {
        name: set.name,
        counts: set.counts,
        loadMs: set.loadMs,
        history: set.history,
        plannedToday: set.plannedToday,
        due: {
          expanded: first.expansion.tick.expanded,
          written: first.expansion.tick.written,
          claimed: first.claim.claimed,
          claimRounds: first.claim.rounds,
          windowsListed,
        },
        expansion: stepResult(runs.map((r) => r.expansion)),
        claim: stepResult(runs.map((r) => r.claim)),
        total: summarize(runs.map((r) => r.expansion.ms + r.claim.ms)),
        claimStatements: {
          first: summarize(runs.map((r) => r.claim.statements[0]?.ms ?? Number.NaN)).median,
          last: summarize(runs.map((r) => r.claim.statements.at(-2)?.ms ?? Number.NaN)).median,
        },
      };
    }
    const over = (get: (r: ReminderSetResult) => Summary) => ({
      median: get(results.full).median / get(results.baseline).median,
      p95: get(results.full).p95 / get(results.baseline).p95,
    });
    const ratios = {
      expansion: over((r) => r.expansion.summary),
      claim: over((r) => r.claim.summary),
      total: over((r) => r.total),
      written: results.full.due.written / results.baseline.due.written,
      expanded: results.full.due.expanded / results.baseline.due.expanded,
    };

    const full = sets.find((set) => set.name === 'full') as OpenSet;
    // The claim statement's plan on the full set, with today's rows pending (the first claim of a tick).
    await resetToday(full);
    await createReminderWorker({
      prisma: full.db.database.prisma,
      config: reminderConfig(),
      channels: {},
      translations: deps.translations,
      logger: deps.logger,
      instance: 'bench',
    }).tick(REMINDER_NOW, { budgetMs: 0 });
    const claimStatement = (samples.get('full')?.[0]?.claim.statements ?? []).find(
      (s) => reminderStatementLabel(s.sql) === 'UPDATE ReminderLedger',
    );
    const claimPlan = await explainClaim(full, claimStatement);
    const ledgerWrites = await measureLedgerWrites(full, options.runs >= 5 ? 3 : 1, deps);

    log(
      `  ${kind}: delivering ${options.delivery} of today's reminders on the full set through the fake Telegram (${TELEGRAM_LIMIT_PER_SECOND}/s, ${PER_CHAT_LIMIT}/s per chat), push rate ${TELEGRAM_PUSH_PER_SECOND}/s ...`,
    );
    const delivery = await measureDelivery(full, options.delivery, { translations: deps.translations, log });
    log(
      `  ${kind}: delivered ${delivery.delivered} in ${ms(delivery.wallMs)} ms: ${delivery.perSecond.toFixed(1)}/s, ${delivery.rateLimited} answered 429`,
    );
    return { kind, serverVersion, sets: results, ratios, claimPlan, ledgerWrites, delivery };
  } finally {
    for (const set of sets)
      await set.db.close().catch((error: unknown) => log(`  could not close ${kind}/${set.name}: ${String(error)}`));
  }
}

export async function runReminderBench(options: ReminderBenchOptions): Promise<ReminderResult> {
  const loadAtStart = loadAverageNow();
  const memoryStart = memoryNow();
  const translations = await loadTranslations();
  const logger = createLogger({ level: 'silent' });
  const kinds: BenchKind[] = ['pglite'];
  const skipped: string[] = [];
  if (options.pgliteOnly) skipped.push('PostgreSQL not measured (pgliteOnly)');
  else if (await postgresAvailable()) kinds.push('postgres');
  else skipped.push(`PostgreSQL at ${POSTGRES_URL} does not answer: measured on PGlite only`);
  const results: ReminderKindResult[] = [];
  for (const kind of kinds)
    results.push(await runKind(kind, options, { translations, logger, catchUp: options.catchUp ?? false }));
  const { duties, officialsPerDuty, runs, warmup, delivery } = options;
  collect?.();
  return {
    source: SOURCE,
    options: { duties, officialsPerDuty, runs, warmup, delivery, catchUp: options.catchUp ?? false },
    now: REMINDER_NOW.toISOString(),
    kinds: results,
    skipped,
    loadAverage: { start: loadAtStart, end: loadAverageNow() },
    memory: { start: memoryStart, end: memoryNow() },
  };
}

// ------------------------------------------------------------------------------------------- printing

const mib = (value: number) => (Number.isFinite(value) ? value.toFixed(0) : '-');
const cell = (s: Summary) => `${ms(s.median)} (${ms(s.p95)})`;

export function printReminders(result: ReminderResult, seconds: number, log: (line: string) => void): void {
  const { options } = result;
  log(
    `\nReminders: one tick at ${result.now} (Tue 08:00 Asia/Ho_Chi_Minh), ${options.runs} measured runs per data set after ${options.warmup} warm-up; ` +
      `${seconds.toFixed(0)} s in all. Load average (1 min) ${result.loadAverage.start.toFixed(1)} at the start, ${result.loadAverage.end.toFixed(1)} at the end, on ${os.cpus().length} cores; ` +
      `code at ${result.source.commit}${result.source.changed ? ' with uncommitted changes in src/, handlers/, prisma/ or locales/' : ''}`,
  );
  for (const k of result.kinds) log(`${k.kind}: ${k.serverVersion.split(' on ')[0]}`);

  const first = result.kinds[0];
  if (first) {
    log('\nData sets (per database)');
    log(
      table(
        [
          'data set',
          'duties',
          'officials',
          'occurrences',
          'runs before',
          'sent rows before',
          'windows listed',
          'due today (window x kind)',
          'ledger rows today',
          'claim rounds',
        ],
        REMINDER_SETS.map((name) => {
          const s = first.sets[name];
          return [
            name,
            String(s.counts.duties),
            String(s.counts.officials),
            String(s.counts.occurrences),
            String(s.history.runs),
            String(s.history.ledgerRows),
            String(s.due.windowsListed),
            String(s.due.expanded),
            String(s.due.written),
            String(s.due.claimRounds),
          ];
        }),
      ),
    );
  }

  log('\nFind and claim: median (p95) ms per tick');
  const rows: string[][] = [];
  for (const k of result.kinds) {
    for (const name of REMINDER_SETS) {
      const s = k.sets[name];
      rows.push([
        k.kind,
        name,
        String(s.due.written),
        cell(s.expansion.summary),
        cell(s.claim.summary),
        cell(s.total),
        ms((s.expansion.summary.median / Math.max(1, s.due.written)) * 1000),
        ms((s.claim.summary.median / Math.max(1, s.due.written)) * 1000),
      ]);
    }
    rows.push([
      k.kind,
      'full / baseline',
      ratio(k.ratios.written),
      `${ratio(k.ratios.expansion.median)} (${ratio(k.ratios.expansion.p95)})`,
      `${ratio(k.ratios.claim.median)} (${ratio(k.ratios.claim.p95)})`,
      `${ratio(k.ratios.total.median)} (${ratio(k.ratios.total.p95)})`,
      '',
      '',
    ]);
  }
  log(
    table(
      [
        'database',
        'data set',
        'rows',
        'expansion tick',
        'claim all (x100)',
        'total',
        'expansion µs/row',
        'claim µs/row',
      ],
      rows,
    ),
  );

  log(
    '\nMemory of this process, MiB (median over runs; peak = max of 5 ms samples; PGlite runs inside the process, PostgreSQL does not)',
  );
  log(
    table(
      [
        'database',
        'data set',
        'step',
        'RSS before',
        'RSS peak',
        'RSS after',
        'heap before',
        'heap peak',
        'heap after',
        'heap retained',
      ],
      result.kinds.flatMap((k) =>
        REMINDER_SETS.flatMap((name) =>
          (['expansion', 'claim'] as const).map((step) => {
            const m = k.sets[name][step].memory.median;
            return [
              k.kind,
              name,
              step,
              mib(m.rssBefore),
              mib(m.rssPeak),
              mib(m.rssAfter),
              mib(m.heapBefore),
              mib(m.heapPeak),
              mib(m.heapAfter),
              mib(m.heapRetained),
            ];
          }),
        ),
      ),
    ),
  );
  log(
    `process: RSS ${mib(result.memory.start.rss)} MiB, heap ${mib(result.memory.start.heap)} MiB at the start; RSS ${mib(result.memory.end.rss)} MiB, heap ${mib(result.memory.end.heap)} MiB at the end (after GC)`,
  );

  for (const k of result.kinds) {
    const full = k.sets.full;
    log(
      `\nWhere the expansion tick goes on ${k.kind}/full (statements per tick, driver-side ms per tick, median; on PostgreSQL the recipient look-ups of a window run 4 at a time, so driver times can add up to more than the wall time)`,
    );
    const statementRows = full.expansion.statements.map((g) => [g.label, String(g.count), ms(g.ms), String(g.rows)]);
    statementRows.push([
      'client side (Prisma, planning, JS): tick minus driver time',
      '',
      ms(full.expansion.clientSide.median),
      '',
    ]);
    statementRows.push(['tick (wall)', String(full.expansion.statementsPerRun), ms(full.expansion.summary.median), '']);
    log(table(['statement', 'count', 'ms', 'rows'], statementRows));
    const claimGroup = full.claim.statements.find((g) => g.label === 'UPDATE ReminderLedger');
    log(
      `claiming on ${k.kind}/full: ${full.due.claimRounds} claim statements (the last finds nothing), driver-side ${ms(claimGroup?.ms ?? Number.NaN)} ms of ${ms(full.claim.summary.median)} ms; ` +
        `the first claim (${full.due.written} rows pending) ${ms(full.claimStatements.first)} ms, the last that claimed rows ${ms(full.claimStatements.last)} ms`,
    );
  }

  log(
    "\nWhat-if: today's ledger rows on the full set written again run by run, as expandRun does (Prisma createMany) or with one raw INSERT ... unnest per run; median ms (driver-side ms)",
  );
  log(
    table(
      ['database', 'rows', 'runs', 'createMany', 'driver', 'INSERT ... unnest', 'driver', 'createMany / unnest'],
      result.kinds.map((k) => {
        const w = k.ledgerWrites;
        return [
          k.kind,
          String(w.rows),
          String(w.runs),
          ms(w.createMany.wall.median),
          ms(w.createMany.driver.median),
          ms(w.unnest.wall.median),
          ms(w.unnest.driver.median),
          ratio(w.createMany.wall.median / w.unnest.wall.median),
        ];
      }),
    ),
  );

  for (const k of result.kinds) {
    log(`\nEXPLAIN (ANALYZE, BUFFERS) of the claim statement on ${k.kind}/full, first claim of a tick (rolled back):`);
    log(k.claimPlan.replace(/^/gm, '    '));
  }

  log(
    `\nDelivery through the fake Telegram (${TELEGRAM_LIMIT_PER_SECOND} messages/s over all chats, ${PER_CHAT_LIMIT}/s per chat; 429 with retry_after above), TelegramChannel at its default push rate`,
  );
  log(
    table(
      [
        'database',
        'reminders',
        'push rate /s',
        'wall s',
        'delivered',
        'achieved /s',
        'vs 30/s limit',
        'steady /s',
        '429s',
        'exactly once',
        'ticks',
        'DB ms / reminder',
        'statements / reminder',
      ],
      result.kinds.map((k) => {
        const d = k.delivery;
        return [
          k.kind,
          String(d.reminders),
          String(d.pushPerSecond),
          (d.wallMs / 1000).toFixed(1),
          String(d.delivered),
          d.perSecond.toFixed(1),
          ratio(d.ratioToLimit),
          d.steadyPerSecond.toFixed(1),
          String(d.rateLimited),
          d.exactlyOnce ? 'yes' : 'NO',
          String(d.ticks),
          ms(d.dbMsPerReminder),
          d.statementsPerReminder.toFixed(1),
        ];
      }),
    ),
  );
  for (const k of result.kinds) {
    const d = k.delivery;
    log(
      `${k.kind}: ${d.chatsWithSeveral} chats got more than one reminder${d.chatsWithSeveral ? ` (shortest gap between two to one chat ${ms(d.minGapSameChatMs)} ms)` : ''}; fake API calls ${JSON.stringify(d.fakeRequests)}; ledger ${JSON.stringify(d.states)}; outcomes ${JSON.stringify(d.outcome)}${d.mismatches.length ? `; MISMATCHES: ${d.mismatches.join('; ')}` : ''}${d.problems.length ? `; ${d.problems.length} warnings/errors logged, first: ${d.problems[0]?.slice(0, 300)}` : ''}`,
    );
    log(
      `  statements per reminder (driver ms): ${d.statements
        .slice(0, 8)
        .map((g) => `${g.label} ${g.count.toFixed(2)} (${ms(g.ms)})`)
        .join(', ')}`,
    );
  }
  for (const note of result.skipped) log(note);
}

// ------------------------------------------------------------------------------------------- run directly

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const flags = ['--quick', '--pglite-only', '--catch-up'];
  const unknown = args.filter((arg) => !flags.includes(arg));
  if (unknown.length)
    throw new Error(
      `unknown argument ${unknown.join(' ')} (usage: npx tsx bench/reminders.ts [--quick] [--pglite-only] [--catch-up])`,
    );
  const log = (line: string) => process.stdout.write(`${line}\n`);
  const options = reminderBenchOptions(args.includes('--quick'), log);
  if (args.includes('--pglite-only')) options.pgliteOnly = true;
  if (args.includes('--catch-up')) options.catchUp = true;
  log(
    `Reminders: ${options.duties} duties and ${options.duties * options.officialsPerDuty} officials (baseline a tenth of each), ${options.delivery} reminders delivered ...`,
  );
  await runAndSave(
    'reminders',
    log,
    () => runReminderBench(options),
    (result, seconds) => printReminders(result, seconds, log),
  );
}

runIfMain(import.meta.url, main);
