// Broadcasts and the reporting picture at scale.
//
//   npx tsx bench/broadcasts.ts [--quick] [--pglite-only]   (or from bench/run.ts: broadcastBenchOptions + runBroadcastBench + printBroadcasts)
//
// "Broadcast to 10,000 recipients against the rate-limited fake server: achieved rate as a ratio of the allowed
// 30 messages/second (goal >= 0.95), zero duplicates, zero losses; time to build the matrix for 100 units x 50
// occurrences."
//
// 1. Delivery. PostgreSQL if it answers (schema dondoc_bench_broadcasts, dropped at the end), else PGlite (a
//    temporary folder), opened as the app opens them (databases.ts). 10,000 officials in 20 units, each with one
//    Telegram account (createMany; 1 in 4 writes in English), loaded once. Per setting: the first R accounts are
//    left active (the rest set inactive, so not in the audience), queueBroadcast(audience "all") - timed - writes
//    one delivery row per recipient, and one createBroadcastWorker (the app's: batches of 50 claimed with SKIP
//    LOCKED, 8 sends in flight, its default idle of 2 s) with the REAL TelegramChannel (receive: false) at a push
//    rate of P messages a second sends them to the fake Bot API (tests/support/fake-telegram.ts) limited as
//    Telegram is: 30 messages a second over all chats, 1 per chat, more answered 429 with retry_after (the
//    channel's send gate then waits and sends again). A fresh fake and channel per setting. Wall time: from
//    worker.start() to the broadcast's finishedAt (status 'done'). Achieved rate = deliveries sent / wall time,
//    as a ratio to the 30/s limit and to P. Exactly once: the messages the fake stored, per chat, against the
//    active accounts (duplicates = messages beyond the first to a chat; losses = recipients with none).
//    Settings: P = 25 (TELEGRAM_PUSH_PER_SECOND, the default), 29 and 30. Full run: 10,000 recipients for 29,
//    2,000 for 25 and 30 (10,000 at 25-30/s is 6-7 minutes each); --quick: 1,000 for each.
// 2. Matrix. statusMatrix(range) (src/db/reporting.ts) for a period of one month holding W windows (one per duty,
//    one plan) of which U units are all responsible: even duties through their level as lead (DutyLevel), odd
//    ones through their level as support plus one unit named as lead (DutyUnit), so both paths are used and the
//    matrix is exactly U x W cells; about half of the cells have a status (a StatusReport and its
//    OccurrenceStatus; done 50%, in progress 25%, blocked 10%, not started 15%; a note on 1 in 3). Large set
//    100 x 50; baseline in the same database and run 10 x 5 (another month, another level, so neither sees the
//    other). Then matrixSvg (the app's picture: at most 80 units x 40 windows are drawn, MAX_UNITS / MAX_COLUMNS)
//    with the Vietnamese labels, and svgToPng (resvg WASM). Each step timed separately; warm-up rounds, then
//    measured rounds, both sets in every round (the order rotates). On PGlite, and on PostgreSQL if it answers.
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import type { DateRange } from '../src/ask/types.js';
import { createBroadcastWorker } from '../src/broadcasts/worker.js';
import { createTelegramChannel, TELEGRAM_PUSH_PER_SECOND, type TelegramChannel } from '../src/channels/telegram/bot.js';
import { createConfig } from '../src/config.js';
import { queueBroadcast } from '../src/db/broadcasts.js';
import { statusMatrix } from '../src/db/reporting.js';
import { addDays, type LocalDate, localDate, toUtcMidnight } from '../src/domain/dates.js';
import { loadTranslations, type Translations } from '../src/i18n.js';
import { createLogger } from '../src/logger.js';
import type { UnitLevel } from '../src/plans/format.js';
import { matrixLabels } from '../src/reporting/labels.js';
import { MAX_COLUMNS, MAX_UNITS, matrixSvg } from '../src/reporting/matrix-svg.js';
import { pngSize, svgToPng } from '../src/reporting/png.js';
import { accountReachability } from '../src/services/accounts.js';
import { type FakeTelegram, startFakeTelegram } from '../tests/support/fake-telegram.js';
import {
  loadAverageNow,
  PER_CHAT_LIMIT,
  random,
  runAndSave,
  runIfMain,
  type SourceVersion,
  sourceVersion,
  statementLabel,
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
import { ms, ratio, type Summary, summarize, table } from './stats.js';

/** The issue's goal for the achieved rate, as a ratio of the limit. */
export const RATE_GOAL = 0.95;
const DELIVERY_SCHEMA = 'dondoc_bench_broadcasts';
const MATRIX_SCHEMA = 'dondoc_bench_matrix';
const RECIPIENT_UNITS = 20;
const FIRST_CHAT_ID = 900_000_001;
const NOTICE =
  'Thông báo: Hội nghị quán triệt, triển khai Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XII tổ chức lúc 7 giờ 30 thứ Hai, 30/11/2026 tại Hội trường Tỉnh ủy. ' +
  'Đề nghị các đồng chí tham dự đầy đủ, đúng giờ; trường hợp vắng mặt báo cáo Văn phòng Tỉnh ủy trước 16 giờ thứ Sáu.';

export interface DeliverySetting {
  pushPerSecond: number;
  recipients: number;
}

export interface MatrixSize {
  units: number;
  windows: number;
}

export interface BroadcastBenchOptions {
  /** Delivery runs, in this order: push rate of the channel and recipients. */
  deliveries: DeliverySetting[];
  matrix: { large: MatrixSize; baseline: MatrixSize; warmup: number; runs: number };
  /** Skip PostgreSQL even if it answers. */
  pgliteOnly?: boolean;
  log: (line: string) => void;
}

/** The options bench/run.ts and the command line use: the full sizes, or a smoke run. */
export function broadcastBenchOptions(quick: boolean, log: (line: string) => void): BroadcastBenchOptions {
  const matrix = { large: { units: 100, windows: 50 }, baseline: { units: 10, windows: 5 } };
  return quick
    ? {
        deliveries: [
          { pushPerSecond: 25, recipients: 1000 },
          { pushPerSecond: TELEGRAM_PUSH_PER_SECOND, recipients: 1000 },
          { pushPerSecond: 30, recipients: 1000 },
        ],
        matrix: { ...matrix, warmup: 2, runs: 7 },
        log,
      }
    : {
        // The default (29/s) at the issue's full 10,000; the neighbours at 2,000 to show why it is the default.
        deliveries: [
          { pushPerSecond: 25, recipients: 2000 },
          { pushPerSecond: TELEGRAM_PUSH_PER_SECOND, recipients: 10_000 },
          { pushPerSecond: 30, recipients: 2000 },
        ],
        matrix: { ...matrix, warmup: 3, runs: 21 },
        log,
      };
}

export interface StatementGroup {
  label: string;
  /** Per delivery (or per call). */
  count: number;
  /** Driver-side ms per delivery (or per call). */
  ms: number;
}

export interface DeliveryResult extends DeliverySetting {
  limitPerSecond: number;
  perChatLimit: number;
  /** queueBroadcast: the audience read and one delivery row per recipient, in one transaction. */
  queueMs: number;
  /** worker.start() to the broadcast's finishedAt. */
  wallMs: number;
  /** worker.start() to the first message stored by the fake. */
  firstMessageMs: number;
  /** The last message stored by the fake to the broadcast marked done. */
  tailMs: number;
  /** Deliveries in state 'sent' per second of wall time. */
  perSecond: number;
  ratioToLimit: number;
  ratioToPush: number;
  /** (messages - 1) / (last message - first message): the rate once sending has started. */
  steadyPerSecond: number;
  /** Messages per second in each whole 10-second slice from the first message on: lowest and highest. */
  perTenSeconds: { min: number; max: number; slices: number };
  /** The most messages the fake stored in any one second (sliding; stamped when stored, within 1 ms of its own check). */
  maxInOneSecond: number;
  /** The longest time between two consecutive messages at the fake (a stall: a 429's retry_after holding a batch). */
  longestGapMs: number;
  sent: number;
  /** Messages the fake stored (sendMessage answered 200). */
  messages: number;
  duplicates: number;
  losses: number;
  /** Messages to chats that are not recipients. */
  strays: number;
  /** sendMessage answered 429 by the fake. */
  rateLimited: number;
  /** sendMessage requests the fake received (200 and 429). */
  sendRequests: number;
  /** Deliveries by the worker's attempts (1 = claimed once). */
  attempts: Record<string, number>;
  states: Record<string, number>;
  meets: boolean;
  timedOut: boolean;
  /** This process's CPU time over the wall time (1.0 = one core). */
  cpuCores: number;
  loadAverage: { start: number; end: number };
  statementsPerDelivery: number;
  dbMsPerDelivery: number;
  statements: StatementGroup[];
  problems: string[];
}

export interface DeliveryKindResult {
  kind: BenchKind;
  serverVersion: string;
  load: { officials: number; accounts: number; ms: number };
  runs: DeliveryResult[];
}

export type MatrixSetName = 'baseline' | 'large';
export const MATRIX_SETS: MatrixSetName[] = ['baseline', 'large'];

export interface MatrixSetResult {
  name: MatrixSetName;
  units: number;
  windows: number;
  cells: number;
  /** Cells with a status (a report). */
  reported: number;
  period: DateRange;
  today: string;
  loadMs: number;
  statusMatrix: Summary;
  svg: Summary;
  png: Summary;
  total: Summary;
  samples: { statusMatrix: number[]; svg: number[]; png: number[] };
  /** statusMatrix's statements per call and their driver-side time (median over calls). */
  statements: { count: number; driverMs: Summary; byLabel: StatementGroup[] };
  /** statusMatrix minus its statements' driver time: Prisma's client side and the matrix built in JS. */
  clientSide: Summary;
  picture: {
    width: number;
    height: number;
    svgKiB: number;
    pngKiB: number;
    drawnUnits: number;
    drawnWindows: number;
    leftOut: { units: number; columns: number };
  };
}

export interface MatrixKindResult {
  kind: BenchKind;
  serverVersion: string;
  sets: Record<MatrixSetName, MatrixSetResult>;
  ratios: Record<'statusMatrix' | 'svg' | 'png' | 'total', { median: number; p95: number }>;
}

export interface BroadcastResult {
  source: SourceVersion;
  options: Omit<BroadcastBenchOptions, 'log'>;
  delivery: DeliveryKindResult;
  /** The first svgToPng of the process: loads the resvg WASM and the font (about 2 MB), then renders the large picture. */
  firstPngMs: number;
  matrix: MatrixKindResult[];
  skipped: string[];
  loadAverage: { start: number; end: number };
}

/** Taken when this module loads, with the app's modules: the code measured. */
const SOURCE = sourceVersion();

function groupStatements(statements: RecordedStatement[], per: number): StatementGroup[] {
  const groups = new Map<string, { count: number; ms: number }>();
  for (const s of statements) {
    const label = statementLabel(s.sql);
    const g = groups.get(label) ?? { count: 0, ms: 0 };
    g.count += 1;
    g.ms += s.ms;
    groups.set(label, g);
  }
  return [...groups]
    .map(([label, g]) => ({ label, count: g.count / Math.max(1, per), ms: g.ms / Math.max(1, per) }))
    .sort((a, b) => b.ms - a.ms);
}

const chunked = <T>(items: T[], size: number): T[][] =>
  Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));

async function serverVersion(db: BenchDatabase): Promise<string> {
  return ((await db.query<{ v: string }>('SELECT version() AS v'))[0]?.v ?? '?').split(' on ')[0] ?? '?';
}

// ------------------------------------------------------------------------------------------- delivery

/** `count` officials in RECIPIENT_UNITS units, each with one Telegram account (chat FIRST_CHAT_ID + i). */
async function loadRecipients(db: BenchDatabase, count: number): Promise<DeliveryKindResult['load']> {
  const prisma = db.database.prisma;
  const started = performance.now();
  await prisma.unit.createMany({
    data: Array.from({ length: RECIPIENT_UNITS }, (_, i) => ({
      code: `BC-${String(i + 1).padStart(3, '0')}`,
      name: `Đảng ủy xã Bench ${i + 1}`,
      level: 'grassroots' as const,
    })),
  });
  const units = await prisma.unit.findMany({ select: { id: true }, orderBy: { id: 'asc' } });
  const people = Array.from({ length: count }, (_, i) => ({
    name: `Cán bộ ${i + 1}`,
    unitId: (units[i % units.length] as { id: number }).id,
    locale: i % 4 === 3 ? ('en' as const) : ('vi' as const),
  }));
  for (const slice of chunked(people, 5000)) await prisma.official.createMany({ data: slice });
  const officials = await prisma.official.findMany({ select: { id: true }, orderBy: { id: 'asc' } });
  const accounts = officials.map((o, i) => ({
    officialId: o.id,
    channel: 'telegram' as const,
    externalId: String(FIRST_CHAT_ID + i),
    chatId: String(FIRST_CHAT_ID + i),
    displayName: `Cán bộ ${i + 1}`,
  }));
  for (const slice of chunked(accounts, 5000)) await prisma.channelAccount.createMany({ data: slice });
  await db.execute('VACUUM (ANALYZE)');
  return { officials: officials.length, accounts: accounts.length, ms: performance.now() - started };
}

/** The most timestamps (ms) within any span of one second. */
function maxInWindow(times: number[], spanMs: number): number {
  let best = 0;
  let lo = 0;
  for (let hi = 0; hi < times.length; hi += 1) {
    while ((times[hi] as number) - (times[lo] as number) >= spanMs) lo += 1;
    best = Math.max(best, hi - lo + 1);
  }
  return best;
}

async function measureDelivery(
  db: BenchDatabase,
  setting: DeliverySetting,
  deps: { translations: Translations; log: (line: string) => void },
): Promise<DeliveryResult> {
  const prisma = db.database.prisma;
  const problems: string[] = [];
  // The app's logger at warn, into memory: failed or undelivered sends are reported, not printed.
  const logger = createLogger({
    level: 'warn',
    destination: { write: (line: string) => void problems.push(line.trim()) },
  });
  // The audience: the first `recipients` accounts (by id) active, the rest not.
  await prisma.$executeRawUnsafe(
    `UPDATE "ChannelAccount" SET active = (id IN (SELECT id FROM "ChannelAccount" ORDER BY id LIMIT $1::int))`,
    setting.recipients,
  );
  const recipients = new Set(
    (await prisma.channelAccount.findMany({ where: { active: true }, select: { chatId: true } })).map((a) =>
      Number(a.chatId),
    ),
  );

  const queueStarted = performance.now();
  const queued = await queueBroadcast(
    prisma,
    { text: NOTICE, audience: { kind: 'all' }, actor: { label: 'bench' } },
    new Date(),
  );
  const queueMs = performance.now() - queueStarted;
  if (queued.count.recipients.telegram !== setting.recipients)
    throw new Error(`queued ${queued.count.recipients.telegram} recipients, expected ${setting.recipients}`);

  let fake: FakeTelegram | undefined;
  let channel: TelegramChannel | undefined;
  try {
    fake = await startFakeTelegram({
      globalRatePerSecond: TELEGRAM_LIMIT_PER_SECOND,
      perChatRatePerSecond: PER_CHAT_LIMIT,
    });
    const channelConfig = createConfig({ TELEGRAM_BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.apiRoot }).telegram;
    if (!channelConfig) throw new Error('no Telegram configuration');
    // The app's channel as a sending-only process makes it, at the push rate being measured.
    channel = createTelegramChannel({
      config: channelConfig,
      conversation: { handle: async () => [] },
      reachability: accountReachability(prisma, 'telegram'),
      translations: deps.translations,
      logger,
      pushPerSecond: setting.pushPerSecond,
      receive: false,
    });
    await channel.ready;
    // The app's worker with its defaults (idle 2 s when nothing can be claimed).
    const worker = createBroadcastWorker({
      prisma,
      channels: { telegram: channel },
      translations: deps.translations,
      logger,
      instance: 'bench-broadcasts',
    });
    const rateLimitedBefore = fake.stats.rateLimited;
    const sendsBefore = fake.stats.byMethod.sendMessage ?? 0;
    const guardMs = (setting.recipients / (setting.pushPerSecond * 0.5) + 120) * 1000;

    const loadStart = loadAverageNow();
    const cpu = process.cpuUsage();
    startRecording();
    const startedAt = Date.now();
    const started = performance.now();
    worker.start();
    let finishedAt: Date | null = null;
    let timedOut = false;
    // The database is asked only once every recipient has a message (or every 5 s), so that the bench's own
    // polling stays out of the statements recorded for the worker.
    for (let tick = 1; ; tick += 1) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      if (fake.sent.length < setting.recipients && tick % 25 !== 0) continue;
      const row = await prisma.broadcast.findUnique({
        where: { id: queued.id },
        select: { status: true, finishedAt: true },
      });
      if (row?.status === 'done') {
        finishedAt = row.finishedAt;
        break;
      }
      if (performance.now() - started > guardMs) {
        timedOut = true;
        problems.push(
          `gave up after ${((performance.now() - started) / 1000).toFixed(0)} s, broadcast ${row?.status ?? 'missing'}`,
        );
        break;
      }
    }
    const polledMs = performance.now() - started;
    await worker.stop();
    const statements = stopRecording();
    const used = process.cpuUsage(cpu);
    const loadEnd = loadAverageNow();
    const wallMs = finishedAt ? finishedAt.getTime() - startedAt : polledMs;

    const states = Object.fromEntries(
      (
        await prisma.broadcastDelivery.groupBy({
          by: ['state'],
          where: { broadcastId: queued.id },
          _count: { _all: true },
        })
      ).map((g) => [g.state, g._count._all]),
    );
    const attempts = Object.fromEntries(
      (
        await prisma.broadcastDelivery.groupBy({
          by: ['attempts'],
          where: { broadcastId: queued.id },
          _count: { _all: true },
        })
      ).map((g) => [String(g.attempts), g._count._all]),
    );
    const sent = states.sent ?? 0;
    const perChat = new Map<number, number>();
    for (const message of fake.sent) perChat.set(message.chatId, (perChat.get(message.chatId) ?? 0) + 1);
    let duplicates = 0;
    let strays = 0;
    for (const [chat, n] of perChat) {
      if (!recipients.has(chat)) strays += n;
      else duplicates += n - 1;
    }
    const losses = [...recipients].filter((chat) => !perChat.has(chat)).length;
    const times = fake.sent.map((m) => m.at).sort((a, b) => a - b);
    const first = times[0] ?? Number.NaN;
    const last = times.at(-1) ?? Number.NaN;
    const slices: number[] = [];
    for (let from = first; from + 10_000 <= last; from += 10_000)
      slices.push(times.filter((t) => t >= from && t < from + 10_000).length / 10);
    const perSecond = sent / (wallMs / 1000);
    const rateLimited = fake.stats.rateLimited - rateLimitedBefore;
    return {
      ...setting,
      limitPerSecond: TELEGRAM_LIMIT_PER_SECOND,
      perChatLimit: PER_CHAT_LIMIT,
      queueMs,
      wallMs,
      firstMessageMs: first - startedAt,
      tailMs: finishedAt ? finishedAt.getTime() - last : Number.NaN,
      perSecond,
      ratioToLimit: perSecond / TELEGRAM_LIMIT_PER_SECOND,
      ratioToPush: perSecond / setting.pushPerSecond,
      steadyPerSecond: times.length > 1 ? (times.length - 1) / ((last - first) / 1000) : Number.NaN,
      perTenSeconds: {
        min: slices.length ? Math.min(...slices) : Number.NaN,
        max: slices.length ? Math.max(...slices) : Number.NaN,
        slices: slices.length,
      },
      maxInOneSecond: maxInWindow(times, 1000),
      longestGapMs: times.reduce((gap, t, i) => (i ? Math.max(gap, t - (times[i - 1] as number)) : 0), 0),
      sent,
      messages: fake.sent.length,
      duplicates,
      losses,
      strays,
      rateLimited,
      sendRequests: (fake.stats.byMethod.sendMessage ?? 0) - sendsBefore,
      attempts,
      states,
      meets:
        perSecond / TELEGRAM_LIMIT_PER_SECOND >= RATE_GOAL &&
        duplicates === 0 &&
        losses === 0 &&
        strays === 0 &&
        !timedOut,
      timedOut,
      cpuCores: (used.user + used.system) / 1000 / polledMs,
      loadAverage: { start: loadStart, end: loadEnd },
      statementsPerDelivery: statements.length / Math.max(1, setting.recipients),
      dbMsPerDelivery: statements.reduce((sum, s) => sum + s.ms, 0) / Math.max(1, setting.recipients),
      statements: groupStatements(statements, setting.recipients),
      problems,
    };
  } finally {
    await channel?.stop().catch(() => undefined);
    await fake?.close().catch(() => undefined);
    // The next setting starts from an empty queue (the rows of this one would only be skipped by the claim).
    await prisma.broadcastDelivery.deleteMany({ where: { broadcastId: queued.id } });
    await prisma.broadcast.delete({ where: { id: queued.id } });
    await db.execute('VACUUM (ANALYZE) "BroadcastDelivery"');
  }
}

async function runDelivery(
  kind: BenchKind,
  options: BroadcastBenchOptions,
  translations: Translations,
): Promise<DeliveryKindResult> {
  const { log } = options;
  const db =
    kind === 'pglite' ? await openBenchPglite('broadcasts') : await openBenchPostgres('broadcasts', DELIVERY_SCHEMA);
  try {
    const version = await serverVersion(db);
    const most = Math.max(...options.deliveries.map((d) => d.recipients));
    log(`  delivery on ${kind} (${version}): loading ${most} officials with a Telegram account each ...`);
    const load = await loadRecipients(db, most);
    log(`  loaded in ${ms(load.ms)} ms`);
    const runs: DeliveryResult[] = [];
    for (const setting of options.deliveries) {
      const expected = setting.recipients / Math.min(setting.pushPerSecond, TELEGRAM_LIMIT_PER_SECOND);
      log(
        `  push rate ${setting.pushPerSecond}/s: ${setting.recipients} recipients (at least ${expected.toFixed(0)} s) ...`,
      );
      const run = await measureDelivery(db, setting, { translations, log });
      runs.push(run);
      log(
        `  push rate ${setting.pushPerSecond}/s: ${run.sent} sent in ${(run.wallMs / 1000).toFixed(1)} s = ${run.perSecond.toFixed(2)}/s (${ratio(run.ratioToLimit)} of 30/s), ` +
          `${run.rateLimited} answered 429, ${run.duplicates} duplicates, ${run.losses} losses; queueBroadcast ${ms(run.queueMs)} ms; load ${run.loadAverage.start.toFixed(1)} -> ${run.loadAverage.end.toFixed(1)}`,
      );
    }
    return { kind, serverVersion: version, load, runs };
  } finally {
    await db.close().catch((error: unknown) => log(`  could not close the ${kind} database: ${String(error)}`));
  }
}

// ------------------------------------------------------------------------------------------- matrix

export interface MatrixSpec extends MatrixSize {
  name: MatrixSetName;
  prefix: string;
  level: UnitLevel;
  period: DateRange;
  today: LocalDate;
  seed: number;
}

const DUTY_TITLES = [
  'Hội nghị quán triệt, triển khai Nghị quyết của Ban Chấp hành Trung ương',
  'Báo cáo sơ kết 6 tháng thực hiện Chỉ thị về công tác cán bộ',
  'Kiểm điểm tự phê bình và phê bình tập thể, cá nhân lãnh đạo',
  'Lấy phiếu tín nhiệm đối với cán bộ giữ chức vụ do Hội đồng nhân dân bầu',
  'Kiểm tra, giám sát việc thực hiện quy chế làm việc',
  'Tổng kết công tác xây dựng Đảng và hệ thống chính trị',
  'Rà soát, bổ sung quy hoạch cán bộ nhiệm kỳ 2026 - 2031',
  'Báo cáo kết quả học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh',
];
const UNIT_NAMES = [
  'Đảng ủy xã Long Hòa',
  'Đảng ủy xã Hòa Minh',
  'Đảng ủy thị trấn Càng Long',
  'Đảng ủy xã Tân An',
  'Chi bộ ấp Bến Có',
  'Đảng ủy xã Phước Hưng',
];

/** Loads one set: a plan, its units and one official each, one window per duty inside the period, and the reports. */
export async function loadMatrixSet(
  db: BenchDatabase,
  spec: MatrixSpec,
): Promise<{ cells: number; reported: number; ms: number }> {
  const prisma = db.database.prisma;
  const started = performance.now();
  const rnd = random(spec.seed);
  const plan = await prisma.plan.create({
    data: {
      code: `${spec.prefix}-KH/TU`,
      title: `Kế hoạch ${spec.prefix}`,
      issuer: 'Tỉnh ủy',
      issuedOn: toUtcMidnight(addDays(spec.period.from, -60)),
      contentHash: spec.prefix,
    },
    select: { id: true },
  });
  await prisma.unit.createMany({
    data: Array.from({ length: spec.units }, (_, i) => ({
      code: `${spec.prefix}-U${String(i + 1).padStart(3, '0')}`,
      name: `${UNIT_NAMES[i % UNIT_NAMES.length]} ${i + 1}`,
      level: spec.level,
    })),
  });
  const units = await prisma.unit.findMany({
    where: { code: { startsWith: `${spec.prefix}-U` } },
    select: { id: true },
    orderBy: { id: 'asc' },
  });
  await prisma.official.createMany({
    data: units.map((u, i) => ({ name: `Cán bộ ${spec.prefix} ${i + 1}`, unitId: u.id })),
  });
  const officials = new Map(
    (
      await prisma.official.findMany({
        where: { unitId: { in: units.map((u) => u.id) } },
        select: { id: true, unitId: true },
      })
    ).map((o) => [o.unitId, o.id]),
  );
  await prisma.duty.createMany({
    data: Array.from({ length: spec.windows }, (_, i) => {
      const title = `${DUTY_TITLES[i % DUTY_TITLES.length]} (đợt ${i + 1})`;
      return {
        planId: plan.id,
        key: `${spec.prefix}-${i + 1}`,
        ref: `${Math.floor(i / 10) + 1}.${(i % 10) + 1}`,
        title,
        sourceQuote: title,
        aliases: [],
      };
    }),
  });
  const duties = await prisma.duty.findMany({
    where: { planId: plan.id },
    select: { id: true },
    orderBy: { id: 'asc' },
  });
  // Windows inside the period: starting on day 1-20, 3 to 10 days long (some closed before `today`: overdue).
  const windows = duties.map((d, i) => {
    const start = addDays(spec.period.from, (i * 7) % 20);
    return { dutyId: d.id, startsOn: toUtcMidnight(start), endsOn: toUtcMidnight(addDays(start, 2 + ((i * 5) % 8))) };
  });
  await prisma.dutySchedule.createMany({ data: windows.map((w) => ({ ...w, position: 0 })) });
  const scheduleOf = new Map(
    (
      await prisma.dutySchedule.findMany({
        where: { dutyId: { in: duties.map((d) => d.id) } },
        select: { id: true, dutyId: true },
      })
    ).map((s) => [s.dutyId, s.id]),
  );
  await prisma.occurrence.createMany({
    data: windows.map((w) => ({ ...w, scheduleId: scheduleOf.get(w.dutyId) as number, seq: 0 })),
  });
  // Even duties: the whole level leads. Odd ones: one unit named as lead, the rest of the level supports.
  await prisma.dutyLevel.createMany({
    data: duties.map((d, i) => ({
      dutyId: d.id,
      level: spec.level,
      role: i % 2 === 0 ? ('lead' as const) : ('support' as const),
    })),
  });
  await prisma.dutyUnit.createMany({
    data: duties.flatMap((d, i) =>
      i % 2 === 1
        ? [{ dutyId: d.id, unitId: (units[i % units.length] as { id: number }).id, role: 'lead' as const }]
        : [],
    ),
  });
  const occurrences = await prisma.occurrence.findMany({
    where: { dutyId: { in: duties.map((d) => d.id) } },
    select: { id: true, startsOn: true },
    orderBy: { id: 'asc' },
  });

  // About half the cells reported: done 50%, in progress 25%, blocked 10%, not started 15%; a note on 1 in 3.
  const reports = occurrences.flatMap((o, w) =>
    units.flatMap((u, k) => {
      if (rnd() >= 0.5) return [];
      const r = rnd();
      const status =
        r < 0.5
          ? ('done' as const)
          : r < 0.75
            ? ('in_progress' as const)
            : r < 0.85
              ? ('blocked' as const)
              : ('not_started' as const);
      return [
        {
          occurrenceId: o.id,
          unitId: u.id,
          officialId: officials.get(u.id) as number,
          status,
          note: rnd() < 1 / 3 ? 'Đã triển khai đến các chi bộ, đang tổng hợp báo cáo.' : null,
          reportedAt: new Date(o.startsOn.getTime() + (1 + ((w + k) % 48)) * 3_600_000),
          channel: 'telegram' as const,
          channelMessageId: `${spec.prefix}-${w}-${k}`,
        },
      ];
    }),
  );
  for (const slice of chunked(reports, 2000)) await prisma.statusReport.createMany({ data: slice });
  const stored = await prisma.statusReport.findMany({
    where: { channelMessageId: { startsWith: `${spec.prefix}-` } },
    select: { id: true, occurrenceId: true, unitId: true, status: true, reportedAt: true },
  });
  for (const slice of chunked(stored, 2000)) {
    await prisma.occurrenceStatus.createMany({
      data: slice.map((r) => ({
        occurrenceId: r.occurrenceId,
        unitId: r.unitId,
        status: r.status,
        reportId: r.id,
        updatedAt: r.reportedAt,
      })),
    });
  }
  return { cells: spec.units * spec.windows, reported: stored.length, ms: performance.now() - started };
}

interface MatrixSample {
  statusMatrix: number;
  svg: number;
  png: number;
  statements: RecordedStatement[];
  picture: MatrixSetResult['picture'];
}

async function measureMatrix(
  db: BenchDatabase,
  spec: MatrixSpec,
  expected: { cells: number; reported: number },
  translations: Translations,
): Promise<MatrixSample> {
  const prisma = db.database.prisma;
  const labels = matrixLabels(translations.vi, spec.period);
  startRecording();
  const t0 = performance.now();
  const matrix = await statusMatrix(prisma, spec.period);
  const t1 = performance.now();
  const statements = stopRecording();
  const picture = matrixSvg(matrix, spec.today, labels);
  const t2 = performance.now();
  const png = await svgToPng(picture.svg);
  const t3 = performance.now();
  const reported = [...matrix.cells.values()].filter((cell) => cell.status !== 'none').length;
  if (
    matrix.units.length !== spec.units ||
    matrix.occurrences.length !== spec.windows ||
    matrix.cells.size !== expected.cells ||
    reported !== expected.reported
  ) {
    throw new Error(
      `${spec.name}: matrix ${matrix.units.length} units x ${matrix.occurrences.length} windows, ${matrix.cells.size} cells, ${reported} reported; expected ${spec.units} x ${spec.windows}, ${expected.cells}, ${expected.reported}`,
    );
  }
  const size = pngSize(png);
  if (!size || size.width !== picture.width || size.height !== picture.height)
    throw new Error(`${spec.name}: PNG ${JSON.stringify(size)}, SVG ${picture.width}x${picture.height}`);
  return {
    statusMatrix: t1 - t0,
    svg: t2 - t1,
    png: t3 - t2,
    statements,
    picture: {
      width: picture.width,
      height: picture.height,
      svgKiB: Buffer.byteLength(picture.svg) / 1024,
      pngKiB: png.length / 1024,
      drawnUnits: Math.min(matrix.units.length, MAX_UNITS),
      drawnWindows: Math.min(matrix.occurrences.length, MAX_COLUMNS),
      leftOut: picture.leftOut,
    },
  };
}

function matrixSpecs(options: BroadcastBenchOptions): Record<MatrixSetName, MatrixSpec> {
  return {
    baseline: {
      name: 'baseline',
      ...options.matrix.baseline,
      prefix: 'MB',
      level: 'cell',
      period: { from: localDate('2026-10-01'), to: localDate('2026-10-31') },
      today: localDate('2026-10-20'),
      seed: 2026_10,
    },
    large: {
      name: 'large',
      ...options.matrix.large,
      prefix: 'ML',
      level: 'grassroots',
      period: { from: localDate('2026-11-01'), to: localDate('2026-11-30') },
      today: localDate('2026-11-20'),
      seed: 2026_11,
    },
  };
}

async function runMatrix(
  kind: BenchKind,
  options: BroadcastBenchOptions,
  translations: Translations,
  first: { pngMs?: number },
): Promise<MatrixKindResult> {
  const { log } = options;
  const db = kind === 'pglite' ? await openBenchPglite('matrix') : await openBenchPostgres('matrix', MATRIX_SCHEMA);
  try {
    const version = await serverVersion(db);
    const specs = matrixSpecs(options);
    const loaded = {} as Record<MatrixSetName, { cells: number; reported: number; ms: number }>;
    for (const name of MATRIX_SETS) loaded[name] = await loadMatrixSet(db, specs[name]);
    await db.execute('VACUUM (ANALYZE)');
    log(
      `  matrix on ${kind} (${version}): ${MATRIX_SETS.map((name) => `${name} ${specs[name].units} x ${specs[name].windows} (${loaded[name].reported} of ${loaded[name].cells} cells reported) loaded in ${ms(loaded[name].ms)} ms`).join('; ')}`,
    );
    if (first.pngMs === undefined) {
      // The process's first PNG: resvg's WASM and the font are loaded once.
      const matrix = await statusMatrix(db.database.prisma, specs.large.period);
      const picture = matrixSvg(matrix, specs.large.today, matrixLabels(translations.vi, specs.large.period));
      const started = performance.now();
      await svgToPng(picture.svg);
      first.pngMs = performance.now() - started;
    }
    for (let i = 0; i < options.matrix.warmup; i += 1)
      for (const name of MATRIX_SETS) await measureMatrix(db, specs[name], loaded[name], translations);
    const samples = new Map<MatrixSetName, MatrixSample[]>(MATRIX_SETS.map((name) => [name, []]));
    for (let round = 0; round < options.matrix.runs; round += 1) {
      const order = MATRIX_SETS.map((_, i) => MATRIX_SETS[(i + round) % MATRIX_SETS.length] as MatrixSetName);
      for (const name of order)
        samples.get(name)?.push(await measureMatrix(db, specs[name], loaded[name], translations));
    }
    const sets = {} as Record<MatrixSetName, MatrixSetResult>;
    for (const name of MATRIX_SETS) {
      const runs = samples.get(name) ?? [];
      const spec = specs[name];
      const all = runs.flatMap((r) => r.statements);
      sets[name] = {
        name,
        units: spec.units,
        windows: spec.windows,
        cells: loaded[name].cells,
        reported: loaded[name].reported,
        period: spec.period,
        today: spec.today,
        loadMs: loaded[name].ms,
        statusMatrix: summarize(runs.map((r) => r.statusMatrix)),
        svg: summarize(runs.map((r) => r.svg)),
        png: summarize(runs.map((r) => r.png)),
        total: summarize(runs.map((r) => r.statusMatrix + r.svg + r.png)),
        samples: {
          statusMatrix: runs.map((r) => r.statusMatrix),
          svg: runs.map((r) => r.svg),
          png: runs.map((r) => r.png),
        },
        statements: {
          count: all.length / Math.max(1, runs.length),
          driverMs: summarize(runs.map((r) => r.statements.reduce((sum, s) => sum + s.ms, 0))),
          byLabel: groupStatements(all, runs.length),
        },
        clientSide: summarize(runs.map((r) => r.statusMatrix - r.statements.reduce((sum, s) => sum + s.ms, 0))),
        picture: (runs[0] as MatrixSample).picture,
      };
    }
    const over = (get: (s: MatrixSetResult) => Summary) => ({
      median: get(sets.large).median / get(sets.baseline).median,
      p95: get(sets.large).p95 / get(sets.baseline).p95,
    });
    return {
      kind,
      serverVersion: version,
      sets,
      ratios: {
        statusMatrix: over((s) => s.statusMatrix),
        svg: over((s) => s.svg),
        png: over((s) => s.png),
        total: over((s) => s.total),
      },
    };
  } finally {
    await db.close().catch((error: unknown) => log(`  could not close the ${kind} database: ${String(error)}`));
  }
}

// ------------------------------------------------------------------------------------------- the benchmark

export async function runBroadcastBench(options: BroadcastBenchOptions): Promise<BroadcastResult> {
  const loadAtStart = loadAverageNow();
  const translations = await loadTranslations();
  const skipped: string[] = [];
  const kinds: BenchKind[] = ['pglite'];
  if (options.pgliteOnly) skipped.push('PostgreSQL not measured (pgliteOnly)');
  else if (await postgresAvailable()) kinds.push('postgres');
  else skipped.push(`PostgreSQL at ${POSTGRES_URL} does not answer: delivery and matrix measured on PGlite only`);
  const deliveryKind: BenchKind = kinds.includes('postgres') ? 'postgres' : 'pglite';
  const delivery = await runDelivery(deliveryKind, options, translations);
  const first: { pngMs?: number } = {};
  const matrix: MatrixKindResult[] = [];
  for (const kind of kinds) matrix.push(await runMatrix(kind, options, translations, first));
  const { deliveries, pgliteOnly } = options;
  return {
    source: SOURCE,
    options: { deliveries, matrix: options.matrix, ...(pgliteOnly ? { pgliteOnly } : {}) },
    delivery,
    firstPngMs: first.pngMs ?? Number.NaN,
    matrix,
    skipped,
    loadAverage: { start: loadAtStart, end: loadAverageNow() },
  };
}

// ------------------------------------------------------------------------------------------- printing

const cell = (s: Summary) => `${ms(s.median)} (${ms(s.p95)})`;

export function printBroadcasts(result: BroadcastResult, seconds: number, log: (line: string) => void): void {
  const d = result.delivery;
  log(
    `\nBroadcasts: ${seconds.toFixed(0)} s in all. Load average (1 min) ${result.loadAverage.start.toFixed(1)} at the start, ${result.loadAverage.end.toFixed(1)} at the end, on ${os.cpus().length} cores; ` +
      `code at ${result.source.commit}${result.source.changed ? ' with uncommitted changes in src/, handlers/, prisma/ or locales/' : ''}`,
  );
  log(
    `\nDelivery on ${d.kind} (${d.serverVersion}): one worker, the TelegramChannel at the push rate shown, against the fake Bot API with ${TELEGRAM_LIMIT_PER_SECOND} messages/s over all chats and ${PER_CHAT_LIMIT}/s per chat (429 + retry_after above). ` +
      `Goal: achieved >= ${RATE_GOAL} x ${TELEGRAM_LIMIT_PER_SECOND}/s, no duplicates, no losses. ${d.load.accounts} accounts loaded in ${ms(d.load.ms)} ms`,
  );
  log(
    table(
      [
        'push rate /s',
        'recipients',
        'wall s',
        'sent',
        'achieved /s',
        `vs ${TELEGRAM_LIMIT_PER_SECOND}/s`,
        'vs push rate',
        'steady /s',
        '10 s slices /s',
        'max in 1 s',
        'longest gap ms',
        '429s',
        'duplicates',
        'losses',
        'goal',
      ],
      d.runs.map((r) => [
        `${r.pushPerSecond}${r.pushPerSecond === TELEGRAM_PUSH_PER_SECOND ? ' (default)' : ''}`,
        String(r.recipients),
        (r.wallMs / 1000).toFixed(1),
        String(r.sent),
        r.perSecond.toFixed(2),
        r.ratioToLimit.toFixed(3),
        r.ratioToPush.toFixed(3),
        r.steadyPerSecond.toFixed(2),
        `${r.perTenSeconds.min.toFixed(1)}-${r.perTenSeconds.max.toFixed(1)}`,
        String(r.maxInOneSecond),
        ms(r.longestGapMs),
        String(r.rateLimited),
        String(r.duplicates),
        `${r.losses}${r.strays ? ` (+${r.strays} strays)` : ''}`,
        r.meets ? 'MET' : 'not met',
      ]),
    ),
  );
  log(
    table(
      [
        'push rate /s',
        'queueBroadcast ms',
        'first message ms',
        'done after last ms',
        'sendMessage requests',
        'attempts per delivery',
        'states',
        'process CPU',
        'load 1 min',
        'statements / delivery',
        'DB ms / delivery',
      ],
      d.runs.map((r) => [
        String(r.pushPerSecond),
        ms(r.queueMs),
        ms(r.firstMessageMs),
        ms(r.tailMs),
        String(r.sendRequests),
        JSON.stringify(r.attempts),
        JSON.stringify(r.states),
        r.cpuCores.toFixed(2),
        `${r.loadAverage.start.toFixed(1)} -> ${r.loadAverage.end.toFixed(1)}`,
        r.statementsPerDelivery.toFixed(1),
        ms(r.dbMsPerDelivery),
      ]),
    ),
  );
  for (const r of d.runs) {
    log(
      `  ${r.pushPerSecond}/s statements per delivery (driver ms, pool waits included): ${r.statements
        .slice(0, 8)
        .map((g) => `${g.label} ${g.count.toFixed(2)} (${ms(g.ms)})`)
        .join(', ')}`,
    );
    if (r.problems.length)
      log(
        `  ${r.pushPerSecond}/s: ${r.problems.length} warnings/errors logged, first: ${r.problems[0]?.slice(0, 300)}`,
      );
  }
  const met = d.runs.filter((r) => r.meets).map((r) => `${r.pushPerSecond}/s`);
  log(
    `Goal (>= ${RATE_GOAL}, no duplicates, no losses) met at: ${met.length ? met.join(', ') : 'none of the settings'}`,
  );

  log(
    `\nMatrix: statusMatrix(month), matrixSvg (draws at most ${MAX_UNITS} units x ${MAX_COLUMNS} windows), svgToPng; median (p95) ms over ${result.options.matrix.runs} runs after ${result.options.matrix.warmup} warm-up; first svgToPng of the process (WASM + font load) ${ms(result.firstPngMs)} ms`,
  );
  const rows: string[][] = [];
  for (const k of result.matrix) {
    for (const name of MATRIX_SETS) {
      const s = k.sets[name];
      rows.push([
        k.kind,
        `${name} ${s.units} x ${s.windows}`,
        `${s.reported} / ${s.cells}`,
        cell(s.statusMatrix),
        `${s.statements.count.toFixed(0)}: ${cell(s.statements.driverMs)}`,
        cell(s.clientSide),
        cell(s.svg),
        cell(s.png),
        cell(s.total),
        `${s.picture.drawnUnits} x ${s.picture.drawnWindows}, ${s.picture.width}x${s.picture.height} px, ${s.picture.pngKiB.toFixed(0)} KiB`,
      ]);
    }
    rows.push([
      k.kind,
      'large / baseline',
      '',
      `${ratio(k.ratios.statusMatrix.median)} (${ratio(k.ratios.statusMatrix.p95)})`,
      '',
      '',
      `${ratio(k.ratios.svg.median)} (${ratio(k.ratios.svg.p95)})`,
      `${ratio(k.ratios.png.median)} (${ratio(k.ratios.png.p95)})`,
      `${ratio(k.ratios.total.median)} (${ratio(k.ratios.total.p95)})`,
      '',
    ]);
  }
  log(
    table(
      [
        'database',
        'data set',
        'reported / cells',
        'statusMatrix',
        'statements: driver ms',
        'client side',
        'matrixSvg',
        'svgToPng',
        'total',
        'picture',
      ],
      rows,
    ),
  );
  for (const k of result.matrix) {
    const s = k.sets.large;
    log(
      `  ${k.kind}/large statusMatrix statements per call (driver ms): ${s.statements.byLabel.map((g) => `${g.label} ${g.count.toFixed(0)} (${ms(g.ms)})`).join(', ')}`,
    );
  }
  for (const note of result.skipped) log(note);
}

// ------------------------------------------------------------------------------------------- run directly

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const flags = ['--quick', '--pglite-only'];
  const unknown = args.filter((arg) => !flags.includes(arg));
  if (unknown.length)
    throw new Error(
      `unknown argument ${unknown.join(' ')} (usage: npx tsx bench/broadcasts.ts [--quick] [--pglite-only])`,
    );
  const log = (line: string) => process.stdout.write(`${line}\n`);
  const options = broadcastBenchOptions(args.includes('--quick'), log);
  if (args.includes('--pglite-only')) options.pgliteOnly = true;
  log(
    `Broadcasts: ${options.deliveries.map((s) => `${s.recipients} recipients at ${s.pushPerSecond}/s`).join(', ')}; ` +
      `matrix ${options.matrix.large.units} x ${options.matrix.large.windows} (baseline ${options.matrix.baseline.units} x ${options.matrix.baseline.windows}) ...`,
  );
  const result = await runAndSave(
    'broadcasts',
    log,
    () => runBroadcastBench(options),
    (result, seconds) => printBroadcasts(result, seconds, log),
  );
  // Exactly once is a correctness property: a duplicate or a loss fails the run (timing never does).
  if (result.delivery.runs.some((r) => r.duplicates || r.losses || r.strays || r.timedOut)) process.exitCode = 1;
}

runIfMain(import.meta.url, main);
