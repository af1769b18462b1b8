// Telegram updates: the whole bot in-process (createChatCore + createTelegramChannel, grammY polling with the
// @grammyjs/runner as the app runs it) against the fake Bot API server on loopback
// (tests/support/fake-telegram.ts), on PGlite and on PostgreSQL. The baseline, in the same run: a bare grammY
// bot with the same runner settings whose only handler echoes, against a fake server of its own, driven by
// the same load pattern.
//
// Method: every bot is started first (each with its fake server), warmed up, then measured in rounds, every
// bot in turn (the order rotates), so that drift on a shared machine hits them alike: per round, a block of
// updates with `concurrency` users in flight, then a block one at a time (the handling time without
// queueing; for dondoc, with every statement recorded).
//
// Load: registered officials (registerWithInvite, as "/start CODE" does) in a dozen units, each a private
// chat; a closed loop of `concurrency` users in flight (one update per user at a time: the next one goes
// when the bot's reply has arrived). Each user walks a cycle of 8 updates:
//   "my unit's duties?" -> open one of the listed duties (button o:<id>) -> report a status (button
//   r:<id>:d|p|b on the details) -> a note (text) or "skip note" (button n:skip) -> question -> question ->
//   open a listed duty -> question
// i.e. 50% questions (the first of them about the user's own unit, so the details it opens carry report
// buttons), 25% openings, 25% status reports (the status tap and its follow-up). Users start at random
// places in the cycle (after a warm-up that gives everyone a list and a details message), so the updates
// in flight are mixed. Per update: the time from the fake queueing it (sendText / pressButton) to the bot's
// first reply to that chat arriving at the fake (sendMessage, or editMessageText for a status tap and a
// skipped note, which replace the message pressed).
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { type RunnerHandle, run } from '@grammyjs/runner';
import { Bot } from 'grammy';
import { ALLOWED_UPDATES, createTelegramChannel, type TelegramChannel } from '../src/channels/telegram/bot.js';
import type { Conversation } from '../src/chat/types.js';
import { createConfig } from '../src/config.js';
import { ensureMaterializedThrough } from '../src/db/occurrences.js';
import { createInvite, registerWithInvite } from '../src/db/officials.js';
import { localDateAt } from '../src/domain/dates.js';
import { createLogger } from '../src/logger.js';
import { createChatCore } from '../src/main.js';
import { seedDemoPlan } from '../src/seed.js';
import { accountReachability } from '../src/services/accounts.js';
import { type FakeTelegram, type FakeUser, startFakeTelegram } from '../tests/support/fake-telegram.js';
import {
  BENCH_NOW,
  ChatWaiters,
  loadAverageNow,
  MINE_QUESTIONS_VI,
  pick,
  random,
  SAMPLE_NOTES,
  SAMPLE_QUESTIONS,
  type SourceVersion,
  sourceVersion,
  split,
  statementLabel,
} from './common.js';
import {
  type BenchDatabase,
  type BenchKind,
  openBenchPglite,
  openBenchPostgres,
  POSTGRES_URL,
  postgresAvailable,
  startRecording,
  stopRecording,
} from './databases.js';
import { FIRST_PLAN_SEEDED_AT } from './dataset.js';
import { ms, type P99Summary, ratio, table, withP99 } from './stats.js';

export type UpdateKind = 'question' | 'open' | 'report' | 'note' | 'skip';
export const UPDATE_KINDS: readonly UpdateKind[] = ['question', 'open', 'report', 'note', 'skip'];
export type TargetName = 'echo' | BenchKind;

const SCHEMA = 'dondoc_bench_telegram';

/** Units the officials belong to: province bodies with their own duties, and district committees (duties by level). */
const UNIT_CODES = [
  'TU-BTC',
  'TU-BTG',
  'TU-BTV',
  'TU-UBKT',
  'TU-BCSD-UBND',
  'TU-DD-HDND',
  'TU-BDV',
  'TU-VP',
  'HU-CANGLONG',
  'HU-CAUKE',
  'HU-TIEUCAN',
  'TP-TRAVINH',
];

/** The question at the start of each cycle: the user's own unit (its details carry report buttons). */
const MINE_QUESTIONS = { vi: MINE_QUESTIONS_VI, en: ['what does my unit have to do?'] } as const;
/** The cycle every user walks (see the top of the file); 'mine' is a question, 'follow' a note or a skip. */
const CYCLE = ['mine', 'open', 'report', 'follow', 'question', 'question', 'open', 'question'] as const;
type Planned = (typeof CYCLE)[number];
/** Where a user may start after the warm-up: anywhere but the follow-up of a status tap. */
const START_POSITIONS = CYCLE.flatMap((step, i) => (step === 'follow' ? [] : [i]));
/** The echo bot's messages carry no buttons: its users press made-up payloads of the same shapes on its last reply. */
const ECHO_BUTTONS = ['o:101', 'o:102', 'r:101:d', 'r:101:p', 'r:101:b', 'n:skip'];

export interface TelegramBenchOptions {
  users: number;
  /** Users in flight at once in the loaded phase. */
  concurrency: number;
  /** Updates measured in the loaded phase. */
  updates: number;
  /** Updates measured one at a time (no queueing): handling time alone. */
  sequential: number;
  /** Both phases are split into this many rounds, every bot in turn in each. */
  rounds: number;
  seed?: number;
  log: (line: string) => void;
}

export interface PhaseResult {
  concurrency: number;
  updates: number;
  wallMs: number;
  perSecond: number;
  /** This process's CPU time over the wall time (1.0 = one core); PGlite runs inside it, PostgreSQL does not. */
  cpuCores: number;
  latency: P99Summary;
  /** Every update's time, ms (in the order they completed, rounds one after another). */
  samplesMs: number[];
  byKind: Partial<Record<UpdateKind, P99Summary>>;
  counts: Record<UpdateKind, number>;
  /** dondoc only: conversation.handle() (database and logic, pool waits included), per update. */
  handle?: P99Summary;
  /** dondoc, one-at-a-time phase only: statements per update and their driver-side time (all of them, summed). */
  statements?: { count: P99Summary; driverMs: P99Summary };
  /** dondoc, one-at-a-time phase only: per update, end to end minus handle (grammY, HTTP both ways, the fake, answerCallbackQuery). */
  outsideHandle?: P99Summary;
  /** dondoc, one-at-a-time phase only: handle minus the statements' driver time (Prisma client side, parsing, ranking, reply text). */
  handleClientSide?: P99Summary;
  /** Planned steps that had nothing to press (no list, no report buttons) and asked a question instead. */
  fallbacks: number;
  /** The planned steps that fell back. */
  fallbackSteps: string[];
}

export interface TargetResult {
  name: TargetName;
  label: string;
  serverVersion?: string;
  setup: { openMs: number; seedMs: number; registerMs: number; startMs: number };
  warmup: { updates: number; ms: number };
  loaded: PhaseResult;
  oneAtATime: PhaseResult;
  /** Updates per second of each loaded round. */
  perRound: number[];
  /** dondoc, one at a time: the statements by label, per update (count, driver-side ms), most time first. */
  statementsByLabel: { label: string; perUpdate: number; msPerUpdate: number }[];
  fake: { requests: number; byMethod: Record<string, number>; rateLimited: number };
  /** Bot messages that arrived for a chat no update was waiting on (a second part of a long reply). */
  extraMessages: number;
  /** Warnings and errors the app logged (handler failures, undelivered replies). */
  problems: string[];
}

export interface TelegramResult {
  source: SourceVersion;
  options: Omit<TelegramBenchOptions, 'log'>;
  units: string[];
  cycle: readonly string[];
  targets: TargetResult[];
  skipped: string[];
  /** The machine's 1-minute load average when the bench started and ended (other processes compete for the cores). */
  loadAverage: { start: number; end: number };
  ratios: Partial<
    Record<
      BenchKind,
      {
        throughput: number;
        throughputPerRound: { min: number; max: number };
        p50: number;
        p99: number;
        oneAtATimeP50: number;
        oneAtATimeP99: number;
      }
    >
  >;
}

/** Taken when this module loads, with the app's modules: the code measured. */
const SOURCE = sourceVersion();

interface BotMessage {
  at: number;
  chatId: number;
  messageId: number;
  /** callback_data of the inline keyboard the message has now. */
  data: string[];
}

type Json = Record<string, unknown>;

function callbackData(markup: Json | undefined): string[] {
  const rows = markup?.inline_keyboard;
  if (!Array.isArray(rows)) return [];
  return (rows as unknown[][]).flat().flatMap((button) => {
    const data = (button as Json | undefined)?.callback_data;
    return typeof data === 'string' ? [data] : [];
  });
}

/**
 * Watches what the bot sends: the fake's `sent` and `edits` arrays are pushed to synchronously while it
 * handles sendMessage / editMessageText, so a wrapped push gives the arrival time without polling or
 * scanning (waitForSent filters every sent message on every call, which would grow with the run).
 */
class ReplyWatch {
  private readonly waiters = new ChatWaiters<number, BotMessage>();
  extra = 0;

  constructor(fake: FakeTelegram) {
    const sent = fake.sent;
    const pushSent = sent.push.bind(sent);
    sent.push = (...items) => {
      const at = performance.now();
      const n = pushSent(...items);
      for (const m of items)
        this.arrived({ at, chatId: m.chatId, messageId: m.messageId, data: callbackData(m.replyMarkup) });
      return n;
    };
    const edits = fake.edits;
    const pushEdit = edits.push.bind(edits);
    edits.push = (...items) => {
      const at = performance.now();
      const n = pushEdit(...items);
      for (const e of items)
        if (e.method === 'editMessageText')
          this.arrived({ at, chatId: e.chatId, messageId: e.messageId, data: callbackData(e.replyMarkup) });
      return n;
    };
  }

  /** Call before the update is queued; resolves with the first bot message to that chat. */
  expect(chatId: number, timeoutMs = 30_000): Promise<BotMessage> {
    return this.waiters.expect(chatId, timeoutMs);
  }

  private arrived(message: BotMessage): void {
    if (!this.waiters.deliver(message.chatId, message)) this.extra += 1;
  }
}

interface Ref {
  chatId: number;
  messageId: number;
}

interface User {
  from: FakeUser;
  locale: 'vi' | 'en';
  position: number;
  /** The last reply that listed duties (its o: buttons). */
  list?: { ref: Ref; data: string[] };
  /** The last details message with report buttons not yet pressed. */
  reportable?: { ref: Ref; data: string[] };
  /** The "status saved, add a note?" message after a status tap. */
  noteTarget?: Ref;
}

interface Sample {
  kind: UpdateKind;
  ms: number;
  handleMs?: number;
  statements?: number;
  driverMs?: number;
}

/** One bot under test: its fake server, the reply watch, and (for dondoc) the handle times per chat. */
interface Harness {
  name: TargetName;
  fake: FakeTelegram;
  watch: ReplyWatch;
  echo: boolean;
  /** conversation.handle() time of the last update handled per chat (dondoc). */
  handleMs: Map<number, number>;
  record: boolean;
  /** Statements seen while recording, by label: how many and their driver-side time. */
  statementTotals: Map<string, { count: number; ms: number }>;
}

/** Decides the next update of a user from the cycle and what it has to press; returns it unsent. */
function plan(
  user: User,
  rnd: () => number,
): { kind: UpdateKind; send: (fake: FakeTelegram) => void; fallback: Planned | undefined } {
  const planned: Planned = CYCLE[user.position % CYCLE.length] as Planned;
  user.position += 1;
  const question = (text: string, fallback?: Planned) => ({
    kind: 'question' as const,
    fallback,
    send: (fake: FakeTelegram) => void fake.sendText(user.from, text),
  });
  const press = (kind: UpdateKind, ref: Ref, data: string) => ({
    kind,
    fallback: undefined,
    send: (fake: FakeTelegram) => void fake.pressButton(user.from, ref, data),
  });
  switch (planned) {
    case 'mine':
      return question(pick(MINE_QUESTIONS[user.locale], rnd));
    case 'question':
      return question(pick(SAMPLE_QUESTIONS, rnd));
    case 'open':
      if (user.list) return press('open', user.list.ref, pick(user.list.data, rnd));
      return question(pick(SAMPLE_QUESTIONS, rnd), 'open');
    case 'report': {
      const target = user.reportable;
      if (!target) return question(pick(SAMPLE_QUESTIONS, rnd), 'report');
      // Done half the time, in progress 35%, blocked 15%.
      const r = rnd();
      const code = r < 0.5 ? ':d' : r < 0.85 ? ':p' : ':b';
      const data = target.data.find((d) => d.endsWith(code)) ?? pick(target.data, rnd);
      return press('report', target.ref, data);
    }
    case 'follow': {
      const target = user.noteTarget;
      if (!target) return question(pick(SAMPLE_QUESTIONS, rnd), 'follow');
      if (rnd() < 0.5)
        return {
          kind: 'note',
          fallback: undefined,
          send: (fake) => void fake.sendText(user.from, pick(SAMPLE_NOTES, rnd)),
        };
      return press('skip', target, 'n:skip');
    }
  }
  throw new Error(`unplanned step ${String(planned)}`);
}

/** What the user can press next, learned from the bot's reply. */
function learn(user: User, kind: UpdateKind, reply: BotMessage, echo: boolean): void {
  const ref = { chatId: reply.chatId, messageId: reply.messageId };
  const data = echo ? ECHO_BUTTONS : reply.data;
  const opens = data.filter((d) => d.startsWith('o:'));
  const reports = data.filter((d) => d.startsWith('r:'));
  if (opens.length) user.list = { ref, data: opens };
  if (kind === 'report') {
    user.reportable = undefined;
    user.noteTarget = data.includes('n:skip') ? ref : undefined;
  } else if (reports.length) user.reportable = { ref, data: reports };
  if (kind === 'note' || kind === 'skip') user.noteTarget = undefined;
}

async function step(h: Harness, user: User, rnd: () => number): Promise<Sample & { fallback: Planned | undefined }> {
  const next = plan(user, rnd);
  const reply = h.watch.expect(user.from.id);
  if (h.record) startRecording();
  const started = performance.now();
  next.send(h.fake);
  const message = await reply;
  const sample: Sample & { fallback: Planned | undefined } = {
    kind: next.kind,
    ms: message.at - started,
    fallback: next.fallback,
  };
  if (h.record) {
    const statements = stopRecording();
    for (const st of statements) {
      const label = statementLabel(st.sql);
      const total = h.statementTotals.get(label) ?? { count: 0, ms: 0 };
      total.count += 1;
      total.ms += st.ms;
      h.statementTotals.set(label, total);
    }
    sample.statements = statements.length;
    sample.driverMs = statements.reduce((sum, s) => sum + s.ms, 0);
  }
  const handled = h.handleMs.get(user.from.id);
  if (handled !== undefined) sample.handleMs = handled;
  h.handleMs.delete(user.from.id);
  learn(user, next.kind, message, h.echo);
  return sample;
}

interface Driven {
  samples: (Sample & { fallback: Planned | undefined })[];
  wallMs: number;
  /** This process's CPU time (user + system) over the wall time: 1.0 = one core busy the whole time. */
  cpuCores: number;
}

/** `count` updates from `concurrency` users in flight (each user one update at a time); idle users queue FIFO. */
async function drive(
  h: Harness,
  users: User[],
  count: number,
  concurrency: number,
  rnd: () => number,
): Promise<Driven> {
  const idle = [...users];
  const samples: (Sample & { fallback: Planned | undefined })[] = [];
  let issued = 0;
  const cpu = process.cpuUsage();
  const started = performance.now();
  const worker = async () => {
    while (issued < count) {
      issued += 1;
      const user = idle.shift();
      if (!user) throw new Error('more users in flight than users');
      samples.push(await step(h, user, rnd));
      idle.push(user);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, users.length) }, worker));
  const wallMs = performance.now() - started;
  const used = process.cpuUsage(cpu);
  return { samples, wallMs, cpuCores: (used.user + used.system) / 1000 / wallMs };
}

function phaseResult(concurrency: number, run: Driven): PhaseResult {
  const { samples, wallMs, cpuCores } = run;
  const counts = Object.fromEntries(UPDATE_KINDS.map((k) => [k, 0])) as Record<UpdateKind, number>;
  for (const s of samples) counts[s.kind] += 1;
  const byKind: PhaseResult['byKind'] = {};
  for (const kind of UPDATE_KINDS) {
    const values = samples.filter((s) => s.kind === kind).map((s) => s.ms);
    if (values.length) byKind[kind] = withP99(values);
  }
  const result: PhaseResult = {
    concurrency,
    updates: samples.length,
    wallMs,
    perSecond: samples.length / (wallMs / 1000),
    cpuCores,
    latency: withP99(samples.map((s) => s.ms)),
    samplesMs: samples.map((s) => Math.round(s.ms * 100) / 100),
    byKind,
    counts,
    fallbacks: samples.filter((s) => s.fallback).length,
    fallbackSteps: [...new Set(samples.flatMap((s) => (s.fallback ? [s.fallback] : [])))],
  };
  const handled = samples.filter((s) => s.handleMs !== undefined);
  if (handled.length) {
    result.handle = withP99(handled.map((s) => s.handleMs as number));
    if (handled.length === samples.length && concurrency === 1)
      result.outsideHandle = withP99(handled.map((s) => s.ms - (s.handleMs as number)));
  }
  const recorded = samples.filter((s) => s.statements !== undefined);
  if (recorded.length) {
    result.statements = {
      count: withP99(recorded.map((s) => s.statements as number)),
      driverMs: withP99(recorded.map((s) => s.driverMs as number)),
    };
    const both = recorded.filter((s) => s.handleMs !== undefined);
    if (both.length)
      result.handleClientSide = withP99(both.map((s) => (s.handleMs as number) - (s.driverMs as number)));
  }
  return result;
}

/** The same users every time (the registered officials): one in four writes in English. */
function makeUsers(count: number): User[] {
  return Array.from({ length: count }, (_, i) => {
    const locale: 'vi' | 'en' = i % 4 === 3 ? 'en' : 'vi';
    return { from: { id: 700_000_001 + i, first_name: `Cán bộ ${i + 1}`, language_code: locale }, locale, position: 0 };
  });
}

const RUNNER_OPTIONS = {
  runner: {
    fetch: { allowed_updates: [...ALLOWED_UPDATES], timeout: 30 },
    retryInterval: 'exponential' as const,
    silent: true,
  },
};

/** A bot running against its fake, with its users: ready to be driven, then closed. */
interface Opened {
  harness: Harness;
  users: User[];
  rnd: () => number;
  label: string;
  serverVersion?: string;
  setup: TargetResult['setup'];
  problems: string[];
  close(): Promise<void>;
}

async function openEcho(options: TelegramBenchOptions, seed: number): Promise<Opened> {
  const startStarted = performance.now();
  const fake = await startFakeTelegram();
  const bot = new Bot(fake.token, { client: { apiRoot: fake.apiRoot } });
  bot.on('message:text', (ctx) => ctx.reply(ctx.message.text).then(() => undefined));
  bot.on('callback_query:data', async (ctx) => {
    await ctx.answerCallbackQuery();
    await ctx.reply(ctx.callbackQuery.data);
  });
  const problems: string[] = [];
  bot.catch((error) => void problems.push(`update ${error.ctx.update.update_id}: ${String(error.error)}`));
  let runner: RunnerHandle | undefined;
  const close = async () => {
    if (runner?.isRunning()) await runner.stop();
    await fake.close();
  };
  try {
    await bot.init();
    await bot.api.deleteWebhook();
    runner = run(bot, RUNNER_OPTIONS);
    await fake.waitForCalls('getUpdates');
    return {
      harness: {
        name: 'echo',
        fake,
        watch: new ReplyWatch(fake),
        echo: true,
        handleMs: new Map(),
        record: false,
        statementTotals: new Map(),
      },
      users: makeUsers(options.users),
      rnd: random(seed),
      label: 'bare grammY echo bot',
      setup: { openMs: 0, seedMs: 0, registerMs: 0, startMs: performance.now() - startStarted },
      problems,
      close,
    };
  } catch (error) {
    await close().catch(() => undefined);
    throw error;
  }
}

async function openDondoc(kind: BenchKind, options: TelegramBenchOptions, seed: number): Promise<Opened> {
  const problems: string[] = [];
  // The app's logger at warn, into memory: handler failures and undelivered replies are reported, not printed.
  const logger = createLogger({
    level: 'warn',
    destination: {
      write(line: string) {
        problems.push(line.trim());
      },
    },
  });
  const openStarted = performance.now();
  const db: BenchDatabase =
    kind === 'pglite' ? await openBenchPglite('telegram') : await openBenchPostgres('telegram', SCHEMA);
  const openMs = performance.now() - openStarted;
  let fake: FakeTelegram | undefined;
  let channel: TelegramChannel | undefined;
  const close = async () => {
    await channel?.stop();
    await fake?.close();
    await db.close();
  };
  try {
    const prisma = db.database.prisma;
    const serverVersion = ((await db.query<{ version: string }>('SELECT version()'))[0]?.version ?? '').split(
      ' on ',
    )[0];
    const config = createConfig({ DONDOC_DATA_DIR: '.' });
    const clockStart = Date.now();
    const now = () => new Date(BENCH_NOW.getTime() + (Date.now() - clockStart));

    const seedStarted = performance.now();
    await seedDemoPlan(prisma, FIRST_PLAN_SEEDED_AT);
    await ensureMaterializedThrough(prisma, localDateAt(now(), config.defaultTimeZone));
    const seedMs = performance.now() - seedStarted;

    // Officials registered as "/start CODE" registers them: one invite per unit, used by its officials.
    const registerStarted = performance.now();
    const units = await prisma.unit.findMany({ where: { code: { in: UNIT_CODES } }, select: { id: true, code: true } });
    if (units.length !== UNIT_CODES.length)
      throw new Error(`expected units ${UNIT_CODES.join(', ')}; found ${units.map((u) => u.code).join(', ')}`);
    const users = makeUsers(options.users);
    const perUnit = Math.ceil(users.length / units.length);
    const codes = new Map<number, string>();
    for (const unit of units) {
      const invite = await createInvite(prisma, {
        code: `BENCH-${unit.code}`,
        unitId: unit.id,
        role: 'official',
        maxUses: perUnit,
        expiresAt: null,
        createdById: null,
        actorLabel: 'bench',
      });
      codes.set(unit.id, invite.code);
    }
    for (const [i, user] of users.entries()) {
      const unit = units[i % units.length] as { id: number };
      const id = String(user.from.id);
      const account = {
        channel: 'telegram' as const,
        externalId: id,
        chatId: id,
        displayName: user.from.first_name ?? id,
        locale: user.locale,
      };
      const result = await registerWithInvite(prisma, codes.get(unit.id) as string, account, now());
      if (result.outcome !== 'registered') throw new Error(`registering user ${id}: ${result.outcome}`);
    }
    const registerMs = performance.now() - registerStarted;

    const startStarted = performance.now();
    fake = await startFakeTelegram();
    const core = await createChatCore({ prisma, config, logger, now, telegramUsername: () => channel?.username() });
    const handleMs = new Map<number, number>();
    // The app's conversation, timed: what handling costs apart from grammY, HTTP and the fake.
    const conversation: Conversation = {
      async handle(message) {
        const started = performance.now();
        try {
          return await core.conversation.handle(message);
        } finally {
          handleMs.set(Number(message.chatId), performance.now() - started);
        }
      },
    };
    channel = createTelegramChannel({
      config: {
        token: fake.token,
        apiRoot: fake.apiRoot,
        mode: 'polling',
        webhookUrl: undefined,
        webhookSecret: undefined,
      },
      conversation,
      reachability: accountReachability(prisma, 'telegram'),
      translations: core.translations,
      logger,
      // The fake sets no limits here: this measures dondoc's own cost per update, not Telegram's 30 messages a
      // second (which bench/channels.ts measures), so the send gate is opened as wide as the echo bot's path.
      gate: { perChatMs: 0 },
      pushPerSecond: 100_000,
    });
    await channel.ready;
    await fake.waitForCalls('getUpdates');
    return {
      harness: {
        name: kind,
        fake,
        watch: new ReplyWatch(fake),
        echo: false,
        handleMs,
        record: false,
        statementTotals: new Map(),
      },
      users,
      rnd: random(seed),
      label: kind === 'pglite' ? 'dondoc on PGlite (pool of 1)' : 'dondoc on PostgreSQL (pool of 10)',
      serverVersion,
      setup: { openMs, seedMs, registerMs, startMs: performance.now() - startStarted },
      problems,
      close,
    };
  } catch (error) {
    await close().catch(() => undefined);
    throw error;
  }
}

/** Blocks of one target run one after another: their samples pooled, their wall times and CPU added up. */
function pooled(blocks: Driven[]): Driven {
  const wallMs = blocks.reduce((sum, b) => sum + b.wallMs, 0);
  return {
    samples: blocks.flatMap((b) => b.samples),
    wallMs,
    cpuCores: blocks.reduce((sum, b) => sum + b.cpuCores * b.wallMs, 0) / wallMs,
  };
}

export async function runTelegramBench(options: TelegramBenchOptions): Promise<TelegramResult> {
  const { log } = options;
  const seed = options.seed ?? 20121;
  const skipped: string[] = [];
  const opened: Opened[] = [];
  const loadAtStart = loadAverageNow();
  try {
    log(`  echo baseline: a bare grammY bot on a fake server of its own ...`);
    opened.push(await openEcho(options, seed));
    const kinds: BenchKind[] = ['pglite'];
    if (await postgresAvailable()) kinds.push('postgres');
    else skipped.push(`PostgreSQL at ${POSTGRES_URL} does not answer: measured on PGlite only`);
    for (const kind of kinds) {
      log(`  dondoc on ${kind}: opening, seeding the first plan, registering ${options.users} officials ...`);
      const o = await openDondoc(kind, options, seed);
      opened.push(o);
      log(
        `  ${kind}: open ${ms(o.setup.openMs)} ms, seed ${ms(o.setup.seedMs)} ms, register ${ms(o.setup.registerMs)} ms, bot ready ${ms(o.setup.startMs)} ms`,
      );
    }

    // Warm-up: every user asks about their unit and opens one of its duties (2 updates per user).
    const warmups = new Map<TargetName, TargetResult['warmup']>();
    for (const o of opened) {
      const warmStarted = performance.now();
      const queue = [...o.users];
      const warmUser = async () => {
        for (let user = queue.shift(); user; user = queue.shift())
          for (let i = 0; i < 2; i += 1) await step(o.harness, user, o.rnd);
      };
      await Promise.all(Array.from({ length: Math.min(options.concurrency, o.users.length) }, warmUser));
      warmups.set(o.harness.name, { updates: o.users.length * 2, ms: performance.now() - warmStarted });
      // Scatter the users over the cycle, so the updates in flight are mixed.
      for (const user of o.users) user.position = pick(START_POSITIONS, o.rnd);
      for (let i = o.users.length - 1; i > 0; i -= 1) {
        const j = Math.floor(o.rnd() * (i + 1));
        [o.users[i], o.users[j]] = [o.users[j] as User, o.users[i] as User];
      }
    }
    log(
      `  warm-up: ${opened.map((o) => `${o.harness.name} ${warmups.get(o.harness.name)?.updates} updates in ${ms(warmups.get(o.harness.name)?.ms ?? Number.NaN)} ms`).join(', ')}`,
    );

    // Measured in rounds, every bot in turn (the order rotates), so that drift on a shared machine hits them alike.
    const loaded = new Map<TargetName, Driven[]>(opened.map((o) => [o.harness.name, []]));
    const single = new Map<TargetName, Driven[]>(opened.map((o) => [o.harness.name, []]));
    const loadedSizes = split(options.updates, options.rounds);
    const singleSizes = split(options.sequential, options.rounds);
    log(
      `  measuring: ${options.rounds} rounds of ${loadedSizes[0]} updates (${options.concurrency} in flight) and ${singleSizes[0]} one at a time, per bot ...`,
    );
    for (let round = 0; round < options.rounds; round += 1) {
      const order = opened.map((_, i) => opened[(i + round) % opened.length] as Opened);
      for (const o of order)
        loaded
          .get(o.harness.name)
          ?.push(await drive(o.harness, o.users, loadedSizes[round] ?? 0, options.concurrency, o.rnd));
      for (const o of order) {
        o.harness.record = !o.harness.echo;
        single.get(o.harness.name)?.push(await drive(o.harness, o.users, singleSizes[round] ?? 0, 1, o.rnd));
        o.harness.record = false;
      }
    }

    const targets: TargetResult[] = opened.map((o) => {
      const name = o.harness.name;
      const blocks = loaded.get(name) ?? [];
      return {
        name,
        label: o.label,
        ...(o.serverVersion ? { serverVersion: o.serverVersion } : {}),
        setup: o.setup,
        warmup: warmups.get(name) ?? { updates: 0, ms: 0 },
        loaded: phaseResult(options.concurrency, pooled(blocks)),
        oneAtATime: phaseResult(1, pooled(single.get(name) ?? [])),
        perRound: blocks.map((b) => b.samples.length / (b.wallMs / 1000)),
        statementsByLabel: [...o.harness.statementTotals]
          .map(([label, total]) => ({
            label,
            perUpdate: total.count / options.sequential,
            msPerUpdate: total.ms / options.sequential,
          }))
          .sort((x, y) => y.msPerUpdate - x.msPerUpdate),
        fake: {
          requests: o.harness.fake.stats.requests,
          byMethod: { ...o.harness.fake.stats.byMethod },
          rateLimited: o.harness.fake.stats.rateLimited,
        },
        extraMessages: o.harness.watch.extra,
        problems: o.problems,
      };
    });
    const echo = targets[0] as TargetResult;
    const ratios: TelegramResult['ratios'] = {};
    for (const t of targets) {
      if (t.name === 'echo') continue;
      const perRound = t.perRound.map((value, i) => value / (echo.perRound[i] ?? Number.NaN));
      ratios[t.name] = {
        throughput: t.loaded.perSecond / echo.loaded.perSecond,
        throughputPerRound: { min: Math.min(...perRound), max: Math.max(...perRound) },
        p50: t.loaded.latency.median / echo.loaded.latency.median,
        p99: t.loaded.latency.p99 / echo.loaded.latency.p99,
        oneAtATimeP50: t.oneAtATime.latency.median / echo.oneAtATime.latency.median,
        oneAtATimeP99: t.oneAtATime.latency.p99 / echo.oneAtATime.latency.p99,
      };
    }
    const { users, concurrency, updates, sequential, rounds } = options;
    const loadAverage = { start: loadAtStart, end: loadAverageNow() };
    return {
      source: SOURCE,
      options: { users, concurrency, updates, sequential, rounds, seed },
      units: UNIT_CODES,
      cycle: CYCLE,
      targets,
      skipped,
      loadAverage,
      ratios,
    };
  } finally {
    for (const o of opened.reverse()) await o.close();
  }
}

export function printTelegram(result: TelegramResult, seconds: number, log: (line: string) => void): void {
  const { options } = result;
  const echo = result.targets.find((t) => t.name === 'echo') as TargetResult;
  log(
    `\nTelegram updates in-process through grammY (runner polling) against the fake Bot API on loopback; ${seconds.toFixed(0)} s in all. ` +
      `${options.users} registered users; ${options.updates} updates with ${options.concurrency} in flight (closed loop) and ${options.sequential} one at a time, ` +
      `in ${options.rounds} rounds, every bot in turn. Load average (1 min) ${result.loadAverage.start.toFixed(1)} at the start, ${result.loadAverage.end.toFixed(1)} at the end, on ${os.cpus().length} cores`,
  );
  log(
    `code at ${result.source.commit}${result.source.changed ? ' with uncommitted changes in src/, handlers/, prisma/ or locales/' : ''}`,
  );
  for (const t of result.targets) if (t.serverVersion) log(`${t.name}: ${t.serverVersion}`);
  const cell = (s: P99Summary | undefined) => (s ? `${ms(s.median)} (${ms(s.p99)})` : '-');
  for (const phase of ['loaded', 'oneAtATime'] as const) {
    log(
      phase === 'loaded'
        ? `\nLoaded: ${options.concurrency} users in flight`
        : '\nOne at a time (the next update when the reply has arrived: handling time, no queueing)',
    );
    log(
      table(
        ['bot', 'updates/s', 'vs echo', 'p50 (p99) ms', 'p50 vs echo', 'p99 vs echo', 'process CPU (cores)'],
        result.targets.map((t) => {
          const p = t[phase];
          const e = echo[phase];
          const own = t.name === 'echo';
          return [
            t.label,
            p.perSecond.toFixed(0),
            own ? '' : ratio(p.perSecond / e.perSecond),
            cell(p.latency),
            own ? '' : ratio(p.latency.median / e.latency.median),
            own ? '' : ratio(p.latency.p99 / e.latency.p99),
            p.cpuCores.toFixed(2),
          ];
        }),
      ),
    );
  }
  for (const t of result.targets) {
    const r = t.name === 'echo' ? undefined : result.ratios[t.name];
    if (r)
      log(
        `${t.name} / echo updates/s, per round: ${ratio(r.throughputPerRound.min)} .. ${ratio(r.throughputPerRound.max)}`,
      );
  }

  log(
    `\nPer kind of update: median (p99) ms, loaded (${options.concurrency} in flight) / one at a time; counts loaded + one at a time`,
  );
  log(
    table(
      ['kind', ...result.targets.flatMap((t) => [`${t.name} loaded`, `${t.name} one at a time`]), 'count'],
      UPDATE_KINDS.map((kind) => [
        kind,
        ...result.targets.flatMap((t) => [cell(t.loaded.byKind[kind]), cell(t.oneAtATime.byKind[kind])]),
        result.targets.map((t) => `${t.loaded.counts[kind]}+${t.oneAtATime.counts[kind]}`).join(' / '),
      ]),
    ),
  );

  const dondoc = result.targets.filter((t) => t.name !== 'echo');
  if (dondoc.length) {
    log('\nWhere an update goes, one at a time (median (p99) ms per update)');
    const row = (label: string, get: (t: TargetResult) => P99Summary | undefined, echoValue = '') => [
      label,
      echoValue,
      ...dondoc.map((t) => cell(get(t))),
    ];
    log(
      table(
        ['', 'echo', ...dondoc.map((t) => t.name)],
        [
          row(
            'end to end (queued at the fake -> reply at the fake)',
            (t) => t.oneAtATime.latency,
            cell(echo.oneAtATime.latency),
          ),
          row('conversation.handle (database + logic)', (t) => t.oneAtATime.handle),
          row('  statements, driver-side (summed)', (t) => t.oneAtATime.statements?.driverMs),
          row('  client side (Prisma, parsing, ranking, reply text)', (t) => t.oneAtATime.handleClientSide),
          row('outside handle (grammY, HTTP, fake, answerCallbackQuery)', (t) => t.oneAtATime.outsideHandle),
          row('statements per update', (t) => t.oneAtATime.statements?.count),
          row(
            `conversation.handle, loaded (${options.concurrency} in flight; pool waits included)`,
            (t) => t.loaded.handle,
          ),
        ],
      ),
    );
  }
  if (dondoc.length) {
    log('\nStatements of an update, one at a time: per update on average, count and driver-side ms');
    const labels = [...new Set(dondoc.flatMap((t) => t.statementsByLabel.map((x) => x.label)))];
    log(
      table(
        ['statement', ...dondoc.flatMap((t) => [`${t.name} count`, `${t.name} ms`])],
        labels.map((label) => [
          label,
          ...dondoc.flatMap((t) => {
            const x = t.statementsByLabel.find((y) => y.label === label);
            return x ? [x.perUpdate.toFixed(2), ms(x.msPerUpdate)] : ['-', '-'];
          }),
        ]),
      ),
    );
  }
  for (const t of result.targets) {
    const extra = [
      t.loaded.fallbacks + t.oneAtATime.fallbacks
        ? `${t.loaded.fallbacks + t.oneAtATime.fallbacks} planned presses had nothing to press (${[...new Set([...t.loaded.fallbackSteps, ...t.oneAtATime.fallbackSteps])].join(', ')}; asked a question instead)`
        : '',
      t.extraMessages ? `${t.extraMessages} extra bot messages (second parts)` : '',
      t.fake.rateLimited ? `${t.fake.rateLimited} answered 429` : '',
      t.problems.length ? `${t.problems.length} warnings/errors logged, first: ${t.problems[0]?.slice(0, 300)}` : '',
    ].filter(Boolean);
    const setup =
      t.name === 'echo'
        ? `start ${ms(t.setup.startMs)} ms`
        : `open ${ms(t.setup.openMs)} ms, seed ${ms(t.setup.seedMs)} ms, register ${options.users} ${ms(t.setup.registerMs)} ms, start ${ms(t.setup.startMs)} ms`;
    log(
      `${t.name}: ${setup}; warm-up ${t.warmup.updates} updates in ${ms(t.warmup.ms)} ms; fake API calls ${JSON.stringify(t.fake.byMethod)}${extra.length ? `; ${extra.join('; ')}` : ''}`,
    );
  }
  for (const note of result.skipped) log(note);
}
