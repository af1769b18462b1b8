// Zalo: the app's Zalo client and polling adapter against the fake Zalo Bot API on loopback (tests/support/fake-zalo.ts).
//
//   npx tsx bench/zalo.ts [--quick]      (or through bench/run.ts: zaloBenchOptions + runZaloBench + printZalo)
//
// 1. Sending rate. createZaloClient (src/channels/zalo/client.ts) with the app's retry settings (4 attempts, backoff
//    from 500 ms, doubled for a 429), its sendMessage called for N messages at once to many chats (the client's rate
//    gate spaces them), each text unique so that the fake's record shows every message arrived exactly once:
//      (a) ceiling: no limit at the fake, the client at 10,000 sends/s (all N go out at once): the client + HTTP +
//          fake ceiling (after an unmeasured warm-up on the same client and fake);
//      (a') the same at 1,000 sends/s (the most ZALO_SENDS_PER_SECOND allows): sends spaced 1 ms apart;
//      (b) matched: the fake answers 429 "quota exceeded" above 20 sends in any sliding second, the client set to 20/s;
//      (c) too fast: the same fake limit, the client set to 30/s (a wrong configuration): what the retries do;
//      (d) margin: the same fake limit, the client set to 18/s (10% below it).
//    (b), (c) and (d) are idle most of the time (a tenth of a core each) and run side by side, each with its own
//    fake and client.
//    Achieved rate = messages / (first call -> last call settled), as a ratio to the fake's limit;
//    the steady rate is (recorded - 1) / (first -> last recorded, the fake's clock). The 429s are the fake's count;
//    attempts per message are counted from the fake's call log (by the message's text).
// 2. Update-to-reply latency. The real adapter (createZaloChannel, polling with pollSeconds 1, as the tests run it)
//    on the embedded database (PGlite, as bench/databases.ts opens it: a temporary folder, the loopback socket
//    server, a pool of 1) with the first plan (seedDemoPlan) and registered officials (registerWithInvite, channel
//    'zalo') in 12 units. The baseline, in the same run: the same adapter and polling loop against a fake of its own,
//    with a conversation whose handle() answers at once with a fixed text (no database). Blocks of both are
//    measured in rounds, the order rotating, so that drift on a shared machine hits them alike: per round, a block
//    with `concurrency` users in flight (closed loop: a user's next update goes when the reply to the last one has
//    arrived) and a block one at a time. Each user walks a cycle of 8 updates with numbered choices, as on Zalo:
//      "việc gì đến hạn tháng 9/2012?" (or "đơn vị tôi cần làm gì?" in the units that the September list's first
//      duty does not name) -> "1" (open the first duty: its details offer the unit's report choices) -> "1" Done
//      (50%), "2" in progress (35%) or "3" blocked (15%) -> a short note (50%) or "1" skip -> question ->
//      question -> a number from the last list -> question.
//    A step whose choices are not on offer (no list, no report choices in the last reply) asks a question instead
//    (counted). Per update: the time from fake.sendText to the bot's first message to that chat recorded by the
//    fake, split into in (queued -> conversation.handle called: the long poll's answer, HTTP, parsing),
//    handle, and out (handle returned -> recorded: rendering, the send gate, sendMessage over HTTP).
// 3. Polling ceiling. Zalo's getUpdates hands out ONE update per call (no batch, no offset), so the adapter's loop
//    makes one HTTP round trip per update. A burst of B updates is queued at the fake at once, for each bot: the
//    time until the getUpdates call that took the last of them arrived (all handed out by polling; timed by wrapping
//    the fake's call log) and until the last reply.
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { createZaloChannel, type ZaloChannel } from '../src/channels/zalo/bot.js';
import { createZaloClient } from '../src/channels/zalo/client.js';
import type { Conversation, IncomingMessage } from '../src/chat/types.js';
import { type ChannelConfig, createConfig } from '../src/config.js';
import type { PrismaClient } from '../src/db/database.js';
import { ensureMaterializedThrough } from '../src/db/occurrences.js';
import { createInvite, registerWithInvite } from '../src/db/officials.js';
import { localDateAt } from '../src/domain/dates.js';
import { createLogger, type Logger } from '../src/logger.js';
import { createChatCore } from '../src/main.js';
import { seedDemoPlan } from '../src/seed.js';
import { accountReachability } from '../src/services/accounts.js';
import { type FakeZalo, type FakeZaloUser, startFakeZalo } from '../tests/support/fake-zalo.js';
import {
  BENCH_NOW,
  ChatWaiters,
  loadAverageNow,
  MINE_QUESTIONS_VI,
  pick,
  random,
  runAndSave,
  runIfMain,
  SAMPLE_NOTES,
  SAMPLE_QUESTIONS,
  type SourceVersion,
  sourceVersion,
  split,
} from './common.js';
import { type BenchDatabase, openBenchPglite } from './databases.js';
import { FIRST_PLAN_SEEDED_AT } from './dataset.js';
import { ms, type P99Summary, ratio, table, withP99 } from './stats.js';

/** The fake's limit in the rate-limited runs (Zalo publishes none; the fake answers 429 "quota exceeded" above it). */
export const ZALO_FAKE_LIMIT = 20;
/** The latency runs' send gate: high enough never to hold a reply back, so the numbers are handling, not the gate. */
const LATENCY_SENDS_PER_SECOND = 1000;
/** Long poll wait of the adapter, as the tests run it. */
const POLL_SECONDS = 1;

/** Units whose officials get the September 2012 list first: its first duty names them, so its details offer report choices. */
const SEPTEMBER_UNITS = ['TU-BTC', 'TU-UBKT', 'TU-BTG', 'TU-VP', 'TU-DD-HDND', 'TU-BCSD-UBND'];
/** Units whose officials ask about their own unit first (the September list's first duty is not theirs). */
const MINE_UNITS = ['TU-BTV', 'TU-BDV', 'TP-TRAVINH', 'HU-CANGLONG', 'HU-CAUKE', 'HU-TIEUCAN'];
const UNIT_CODES = [...SEPTEMBER_UNITS, ...MINE_UNITS];
const SEPTEMBER_QUESTION = 'việc gì đến hạn tháng 9/2012?';
const ECHO_TEXT = 'Đã nhận.';

export type UpdateKind = 'question' | 'open' | 'report' | 'note' | 'skip';
export const UPDATE_KINDS: readonly UpdateKind[] = ['question', 'open', 'report', 'note', 'skip'];
const CYCLE = ['first', 'open-first', 'report', 'follow', 'question', 'question', 'open', 'question'] as const;
type Planned = (typeof CYCLE)[number];
/**
 * Where a user may start after the warm-up, whose last reply is a duty's details with the unit's report choices: at a
 * question, or at the report (a step that needs a list or a note prompt would find none on offer).
 */
const START_POSITIONS = CYCLE.flatMap((step, i) =>
  step === 'first' || step === 'question' || step === 'report' ? [i] : [],
);

export interface ZaloBenchOptions {
  /** Messages of the ceiling run (a). */
  ceilingMessages: number;
  /** Messages of each rate-limited run (b), (c). */
  limitedMessages: number;
  /** Chats the messages go to (round robin). */
  chats: number;
  /** Registered officials (latency). */
  users: number;
  /** Users in flight at once in the loaded blocks. */
  concurrency: number;
  /** Updates measured with `concurrency` in flight, per bot (over all rounds). */
  updates: number;
  /** Updates measured one at a time, per bot. */
  sequential: number;
  rounds: number;
  /** Updates of the polling burst, per bot. */
  burst: number;
  seed?: number;
  log: (line: string) => void;
}

export function zaloBenchOptions(quick: boolean, log: (line: string) => void): ZaloBenchOptions {
  return quick
    ? {
        ceilingMessages: 300,
        limitedMessages: 100,
        chats: 50,
        users: 24,
        concurrency: 8,
        updates: 100,
        sequential: 30,
        rounds: 2,
        burst: 60,
        log,
      }
    : {
        ceilingMessages: 2000,
        limitedMessages: 400,
        chats: 200,
        users: 50,
        concurrency: 8,
        updates: 400,
        sequential: 100,
        rounds: 4,
        burst: 120,
        log,
      };
}

// ------------------------------------------------------------------------------------------- 1. sending rate

export interface SendRun {
  name: 'ceiling' | 'ceiling-spaced' | 'matched' | 'too-fast' | 'margin';
  label: string;
  messages: number;
  chats: number;
  clientPerSecond: number;
  fakeLimit: number | undefined;
  wallMs: number;
  /** messages recorded / wall time. */
  perSecond: number;
  /** perSecond / fakeLimit. */
  ratioToLimit: number | undefined;
  /** (recorded - 1) / (first -> last recorded), on the fake's clock. */
  steadyPerSecond: number;
  /** From the first call to the first message recorded by the fake (ms). */
  firstMs: number;
  /** The wall time at exactly the limit: (messages - 1) / limit. */
  idealMs: number | undefined;
  /** sendMessage requests the fake answered (every attempt). */
  requests: number;
  /** 429s the fake answered. */
  rateLimited: number;
  /** Messages by the attempts they took (1 = no retry); 'failed' = gave up. */
  attempts: Record<string, number>;
  /**
   * For each 429: how much earlier than the window's first free moment the request arrived (ms, the fake's clock:
   * the oldest admitted send in the last second + 1000 - its arrival).
   */
  earlyMs: P99Summary | undefined;
  /** Per message: from the call to its promise settling (ms). */
  latency: P99Summary;
  delivered: number;
  failed: number;
  duplicates: number;
  missing: number;
  /** Every chat received exactly the messages addressed to it, each once. */
  exactlyOnce: boolean;
  errors: string[];
  /** This process's CPU (client and fake both) over the wall time. */
  cpuCores: number;
}

async function sendRun(spec: {
  name: SendRun['name'];
  label: string;
  messages: number;
  chats: number;
  clientPerSecond: number;
  fakeLimit: number | undefined;
  warmup: number;
}): Promise<SendRun> {
  const fake = await startFakeZalo(spec.fakeLimit === undefined ? {} : { ratePerSecond: spec.fakeLimit });
  try {
    // The app's retry settings (the defaults of createZaloClient, as createZaloChannel uses them).
    const client = createZaloClient({ token: fake.token, apiRoot: fake.apiRoot, sendsPerSecond: spec.clientPerSecond });
    const chats = Array.from({ length: spec.chats }, () => fake.newId());
    if (spec.warmup > 0)
      await Promise.all(
        Array.from({ length: spec.warmup }, (_, i) =>
          client.sendMessage(chats[i % chats.length] as string, `warm-up ${i}`),
        ),
      );
    // A connection open (getMe is not rate limited) and a pause, so that the first send finds the client ready and the
    // previous run's sockets closed.
    await client.getMe();
    await sleep(250);
    const sentBefore = fake.sent.length;
    const callsBefore = fake.calls.length;
    const requestsBefore = fake.stats.byMethod.sendMessage ?? 0;
    const limitedBefore = fake.stats.rateLimited;
    const texts = Array.from(
      { length: spec.messages },
      (_, i) => `Nhắc việc ${i + 1}/${spec.messages}: báo cáo tiến độ kiểm điểm cấp huyện trước 30/9/2012.`,
    );
    const settled: number[] = [];
    const errors: string[] = [];
    const cpu = process.cpuUsage();
    const startedAt = Date.now();
    const started = performance.now();
    await Promise.all(
      texts.map((text, i) =>
        client.sendMessage(chats[i % chats.length] as string, text).then(
          () => void settled.push(performance.now() - started),
          (error: unknown) => {
            settled.push(performance.now() - started);
            errors.push(error instanceof Error ? error.message : String(error));
          },
        ),
      ),
    );
    const used = process.cpuUsage(cpu);
    const sent = fake.sent.slice(sentBefore);
    const firstAt = sent[0]?.at ?? Number.NaN;
    const lastAt = sent.at(-1)?.at ?? Number.NaN;
    // The wall time: from the first call to the last call settled (the last message recorded, its answer read).
    const wallMs = Math.max(...settled);
    // Exactly once, per chat: every text addressed to a chat recorded once for that chat, nothing else.
    const byText = new Map<string, { count: number; chatOk: boolean }>();
    for (const m of sent) {
      const seen = byText.get(m.text) ?? { count: 0, chatOk: true };
      const index = texts.indexOf(m.text);
      seen.count += 1;
      seen.chatOk &&= index >= 0 && chats[index % chats.length] === m.chatId;
      byText.set(m.text, seen);
    }
    const duplicates = [...byText.values()].filter((s) => s.count > 1).length;
    const missing = texts.filter((t) => !byText.has(t)).length;
    const misplaced = [...byText.values()].filter((s) => !s.chatOk).length;
    const tries = new Map<string, number>();
    const sendCalls = fake.calls.slice(callsBefore).filter((call) => call.method === 'sendMessage');
    for (const call of sendCalls) tries.set(String(call.params.text), (tries.get(String(call.params.text)) ?? 0) + 1);
    // The rejected calls: every call of a text but its last, and every call of a text never recorded.
    const seenCalls = new Map<string, number>();
    const early: number[] = [];
    const admitted = sent.map((m) => m.at);
    for (const call of sendCalls) {
      const text = String(call.params.text);
      seenCalls.set(text, (seenCalls.get(text) ?? 0) + 1);
      const rejected = !byText.has(text) || (seenCalls.get(text) ?? 0) < (tries.get(text) ?? 0);
      if (!rejected || spec.fakeLimit === undefined) continue;
      const oldest = admitted.find((at) => at > call.at - 1000);
      if (oldest !== undefined) early.push(oldest + 1000 - call.at);
    }
    const attempts: Record<string, number> = {};
    for (const text of texts) {
      const key = byText.has(text) ? String(tries.get(text) ?? 0) : 'failed';
      attempts[key] = (attempts[key] ?? 0) + 1;
    }
    const delivered = sent.length;
    const perSecond = byText.size / (wallMs / 1000);
    return {
      name: spec.name,
      label: spec.label,
      messages: spec.messages,
      chats: spec.chats,
      clientPerSecond: spec.clientPerSecond,
      fakeLimit: spec.fakeLimit,
      wallMs,
      perSecond,
      ratioToLimit: spec.fakeLimit === undefined ? undefined : perSecond / spec.fakeLimit,
      steadyPerSecond: ((delivered - 1) * 1000) / (lastAt - firstAt),
      firstMs: firstAt - startedAt,
      idealMs: spec.fakeLimit === undefined ? undefined : ((spec.messages - 1) * 1000) / spec.fakeLimit,
      requests: (fake.stats.byMethod.sendMessage ?? 0) - requestsBefore,
      rateLimited: fake.stats.rateLimited - limitedBefore,
      attempts,
      earlyMs: early.length ? withP99(early) : undefined,
      latency: withP99(settled),
      delivered,
      failed: errors.length,
      duplicates,
      missing,
      exactlyOnce: duplicates === 0 && missing === 0 && misplaced === 0 && delivered === spec.messages,
      errors: [...new Set(errors)].slice(0, 5),
      cpuCores: (used.user + used.system) / 1000 / wallMs,
    };
  } finally {
    await fake.close();
  }
}

// ------------------------------------------------------------------------------------------- 2. latency

interface BotMessage {
  at: number;
  chatId: string;
  text: string;
}

/**
 * Watches what the bot sends: the fake's `sent` array is pushed to synchronously while it answers sendMessage, so a
 * wrapped push gives the arrival time without polling or scanning.
 */
class ReplyWatch {
  private readonly waiters = new ChatWaiters<string, BotMessage>();
  /** Bot messages to a chat no update was waiting on (a second part of a long reply, or a burst's replies). */
  extra = 0;
  /** Every arrival, for the burst. */
  onAny: ((m: BotMessage) => void) | undefined;
  /** Arrival times of getUpdates calls at the fake while a burst runs (the fake pushes to `calls` as a request arrives). */
  polls: number[] | undefined;

  constructor(fake: FakeZalo) {
    const calls = fake.calls;
    const pushCall = calls.push.bind(calls);
    calls.push = (...items) => {
      const at = performance.now();
      if (this.polls) for (const c of items) if (c.method === 'getUpdates') this.polls.push(at);
      return pushCall(...items);
    };
    const sent = fake.sent;
    const push = sent.push.bind(sent);
    sent.push = (...items) => {
      const at = performance.now();
      const n = push(...items);
      for (const m of items) this.arrived({ at, chatId: m.chatId, text: m.text });
      return n;
    };
  }

  /** Call before the update is queued; resolves with the first bot message to that chat. */
  expect(chatId: string, timeoutMs = 30_000): Promise<BotMessage> {
    return this.waiters.expect(chatId, timeoutMs);
  }

  private arrived(message: BotMessage): void {
    this.onAny?.(message);
    if (!this.waiters.deliver(message.chatId, message) && !this.onAny) this.extra += 1;
  }
}

/** What the numbers in a user's next message refer to: the choices of the last reply that offered any. */
type Offered = { kind: 'list'; count: number } | { kind: 'report' } | { kind: 'note' } | undefined;

interface User {
  from: FakeZaloUser;
  locale: 'vi' | 'en';
  firstQuestion: readonly string[];
  position: number;
  offered: Offered;
}

/** The user's next message from the cycle and what the last reply offered; the echo bot's users send the same shapes blind. */
function plan(
  user: User,
  rnd: () => number,
  echo: boolean,
): { kind: UpdateKind; text: string; fallback: Planned | undefined } {
  const planned = CYCLE[user.position % CYCLE.length] as Planned;
  user.position += 1;
  const question = (fallback?: Planned) => ({ kind: 'question' as const, text: pick(SAMPLE_QUESTIONS, rnd), fallback });
  const offered = user.offered;
  switch (planned) {
    case 'first':
      return { kind: 'question', text: pick(user.firstQuestion, rnd), fallback: undefined };
    case 'question':
      return question();
    case 'open-first':
    case 'open':
      if (echo)
        return {
          kind: 'open',
          text: planned === 'open' ? String(1 + Math.floor(rnd() * 5)) : '1',
          fallback: undefined,
        };
      if (offered?.kind !== 'list') return question(planned);
      return {
        kind: 'open',
        text: planned === 'open' ? String(1 + Math.floor(rnd() * Math.min(offered.count, 5))) : '1',
        fallback: undefined,
      };
    case 'report': {
      if (!echo && offered?.kind !== 'report') return question(planned);
      // Done half the time, in progress 35%, blocked 15%.
      const r = rnd();
      return { kind: 'report', text: r < 0.5 ? '1' : r < 0.85 ? '2' : '3', fallback: undefined };
    }
    case 'follow':
      if (!echo && offered?.kind !== 'note') return question(planned);
      return rnd() < 0.5
        ? { kind: 'note', text: pick(SAMPLE_NOTES, rnd), fallback: undefined }
        : { kind: 'skip', text: '1', fallback: undefined };
  }
  throw new Error(`unplanned step ${String(planned)}`);
}

const LIST_HINT = /Chọn số thứ tự|Choose a number/;
const REPORT_CHOICE = /^1\. ✅/m;
const NOTE_CHOICE = /^1\. (Bỏ qua|Skip)$/m;

/** What the reply offers to choose by number (the conversation keeps the last offered choices when a reply offers none). */
function learn(user: User, reply: BotMessage): void {
  if (LIST_HINT.test(reply.text)) {
    const numbers = [...reply.text.matchAll(/^(\d+)\. /gm)].map((m) => Number(m[1]));
    user.offered = { kind: 'list', count: Math.max(0, ...numbers) };
  } else if (REPORT_CHOICE.test(reply.text)) user.offered = { kind: 'report' };
  else if (NOTE_CHOICE.test(reply.text)) user.offered = { kind: 'note' };
}

interface Sample {
  kind: UpdateKind;
  ms: number;
  /** queued -> conversation.handle called. */
  inMs: number;
  handleMs: number;
  /** handle returned -> reply recorded. */
  outMs: number;
  fallback: Planned | undefined;
}

/** One bot under test: its fake, the reply watch, and the handle() times per chat. */
interface Harness {
  name: 'echo' | 'dondoc';
  label: string;
  fake: FakeZalo;
  watch: ReplyWatch;
  echo: boolean;
  users: User[];
  rnd: () => number;
  /** handle() start and end of the last update handled per chat. */
  handled: Map<string, { start: number; end: number }>;
  setup: { openMs: number; seedMs: number; registerMs: number; startMs: number };
  problems: string[];
  close(): Promise<void>;
}

async function step(h: Harness, user: User): Promise<Sample> {
  const next = plan(user, h.rnd, h.echo);
  const reply = h.watch.expect(user.from.id);
  const started = performance.now();
  h.fake.sendText(user.from, next.text);
  const message = await reply;
  const handled = h.handled.get(user.from.id);
  h.handled.delete(user.from.id);
  if (!handled) throw new Error(`a reply to ${user.from.id} came without handle() being timed`);
  if (!h.echo) learn(user, message);
  return {
    kind: next.kind,
    ms: message.at - started,
    inMs: handled.start - started,
    handleMs: handled.end - handled.start,
    outMs: message.at - handled.end,
    fallback: next.fallback,
  };
}

interface Driven {
  samples: Sample[];
  wallMs: number;
  cpuCores: number;
  getUpdates: number;
}

/** `count` updates from `concurrency` users in flight (each user one update at a time); idle users queue FIFO. */
async function drive(h: Harness, count: number, concurrency: number): Promise<Driven> {
  const idle = [...h.users];
  const samples: Sample[] = [];
  let issued = 0;
  const polls = h.fake.stats.byMethod.getUpdates ?? 0;
  const cpu = process.cpuUsage();
  const started = performance.now();
  const worker = async () => {
    while (issued < count) {
      issued += 1;
      const user = idle.shift();
      if (!user) throw new Error('more users in flight than users');
      samples.push(await step(h, user));
      idle.push(user);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, h.users.length) }, worker));
  const wallMs = performance.now() - started;
  const used = process.cpuUsage(cpu);
  return {
    samples,
    wallMs,
    cpuCores: (used.user + used.system) / 1000 / wallMs,
    getUpdates: (h.fake.stats.byMethod.getUpdates ?? 0) - polls,
  };
}

export interface PhaseResult {
  concurrency: number;
  updates: number;
  wallMs: number;
  perSecond: number;
  cpuCores: number;
  /** getUpdates calls per update handed out (1.0 = every call brought one; more = empty polls too). */
  getUpdatesPerUpdate: number;
  latency: P99Summary;
  in: P99Summary;
  handle: P99Summary;
  out: P99Summary;
  byKind: Partial<Record<UpdateKind, P99Summary>>;
  counts: Record<UpdateKind, number>;
  fallbacks: number;
  /** The planned steps that fell back, and how often. */
  fallbackSteps: Record<string, number>;
  /** Every update's time, ms. */
  samplesMs: number[];
}

function phaseResult(concurrency: number, blocks: Driven[]): PhaseResult {
  const samples = blocks.flatMap((b) => b.samples);
  const wallMs = blocks.reduce((sum, b) => sum + b.wallMs, 0);
  const counts = Object.fromEntries(UPDATE_KINDS.map((k) => [k, 0])) as Record<UpdateKind, number>;
  for (const s of samples) counts[s.kind] += 1;
  const byKind: PhaseResult['byKind'] = {};
  for (const kind of UPDATE_KINDS) {
    const values = samples.filter((s) => s.kind === kind).map((s) => s.ms);
    if (values.length) byKind[kind] = withP99(values);
  }
  return {
    concurrency,
    updates: samples.length,
    wallMs,
    perSecond: samples.length / (wallMs / 1000),
    cpuCores: blocks.reduce((sum, b) => sum + b.cpuCores * b.wallMs, 0) / wallMs,
    getUpdatesPerUpdate: blocks.reduce((sum, b) => sum + b.getUpdates, 0) / samples.length,
    latency: withP99(samples.map((s) => s.ms)),
    in: withP99(samples.map((s) => s.inMs)),
    handle: withP99(samples.map((s) => s.handleMs)),
    out: withP99(samples.map((s) => s.outMs)),
    byKind,
    counts,
    fallbacks: samples.filter((s) => s.fallback).length,
    fallbackSteps: samples.reduce<Record<string, number>>((acc, s) => {
      if (s.fallback) acc[s.fallback] = (acc[s.fallback] ?? 0) + 1;
      return acc;
    }, {}),
    samplesMs: samples.map((s) => Math.round(s.ms * 100) / 100),
  };
}

export interface BurstResult {
  updates: number;
  /**
   * Queued -> the getUpdates call that took the last of them arrived at the fake (the long poll pending at the start
   * takes the first; every later call one more, answered at once while the queue is not empty).
   */
  handedOutMs: number;
  /** Handed out per second (one getUpdates per update). */
  pollPerSecond: number;
  /** Queued -> the last reply recorded. */
  repliedMs: number;
  repliedPerSecond: number;
  getUpdates: number;
  cpuCores: number;
}

/** B updates queued at once (users round robin; questions for dondoc); the adapter drains the fake's queue one getUpdates at a time. */
async function burst(h: Harness, count: number): Promise<BurstResult> {
  const polls: number[] = [];
  let replies = 0;
  let lastReply = 0;
  let resolveDone: () => void = () => undefined;
  const done = new Promise<void>((resolve) => (resolveDone = resolve));
  h.watch.onAny = (m) => {
    replies += 1;
    lastReply = m.at;
    if (replies >= count) resolveDone();
  };
  h.watch.polls = polls;
  const pollsBefore = h.fake.stats.byMethod.getUpdates ?? 0;
  const cpu = process.cpuUsage();
  const started = performance.now();
  try {
    for (let i = 0; i < count; i += 1) {
      const user = h.users[i % h.users.length] as User;
      h.fake.sendText(user.from, h.echo ? `tin ${i}` : pick(SAMPLE_QUESTIONS, h.rnd));
    }
    const timeout = new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error(`burst: ${replies} of ${count} replies within 120 s`)), 120_000).unref(),
    );
    await Promise.race([done, timeout]);
  } finally {
    h.watch.onAny = undefined;
    h.watch.polls = undefined;
    h.handled.clear();
  }
  const used = process.cpuUsage(cpu);
  if (h.fake.pendingUpdates !== 0 || polls.length < count - 1)
    throw new Error(`burst: ${h.fake.pendingUpdates} updates still queued after ${polls.length} getUpdates calls`);
  const handedOutMs = (polls[count - 2] ?? started) - started;
  const repliedMs = lastReply - started;
  return {
    updates: count,
    handedOutMs,
    pollPerSecond: count / (handedOutMs / 1000),
    repliedMs,
    repliedPerSecond: count / (repliedMs / 1000),
    getUpdates: (h.fake.stats.byMethod.getUpdates ?? 0) - pollsBefore,
    cpuCores: (used.user + used.system) / 1000 / repliedMs,
  };
}

/** The same users every time: one in four writes in English; users are spread over the units round robin. */
function makeUsers(fake: FakeZalo, count: number): User[] {
  return Array.from({ length: count }, (_, i) => {
    const unit = UNIT_CODES[i % UNIT_CODES.length] as string;
    const locale: 'vi' | 'en' = i % 4 === 3 ? 'en' : 'vi';
    return {
      from: { id: fake.newId(), display_name: `Cán bộ ${i + 1}` },
      locale,
      firstQuestion: SEPTEMBER_UNITS.includes(unit) ? [SEPTEMBER_QUESTION] : MINE_QUESTIONS_VI,
      position: 0,
      offered: undefined,
    };
  });
}

/** The conversation timed: handle()'s start and end per chat (what handling costs apart from polling, HTTP and the fake). */
function timed(inner: Conversation, handled: Map<string, { start: number; end: number }>): Conversation {
  return {
    async handle(message: IncomingMessage) {
      const start = performance.now();
      try {
        return await inner.handle(message);
      } finally {
        handled.set(message.chatId, { start, end: performance.now() });
      }
    },
  };
}

function problemLogger(problems: string[]): Logger {
  // The app's logger at warn, into memory: handler failures and undelivered replies are reported, not printed.
  return createLogger({
    level: 'warn',
    destination: {
      write(line: string) {
        problems.push(line.trim());
      },
    },
  });
}

function channelConfig(fake: FakeZalo): ChannelConfig {
  return {
    token: fake.token,
    apiRoot: fake.apiRoot,
    mode: 'polling',
    webhookUrl: undefined,
    webhookSecret: undefined,
    sendsPerSecond: LATENCY_SENDS_PER_SECOND,
  };
}

/** The echo baseline needs no database: the adapter reads it only when a user blocked the bot (403), which never happens here. */
const NO_DATABASE = new Proxy(
  {},
  {
    get() {
      throw new Error('the echo baseline has no database');
    },
  },
) as PrismaClient;

async function openEcho(options: ZaloBenchOptions, seed: number): Promise<Harness> {
  const startStarted = performance.now();
  const problems: string[] = [];
  const fake = await startFakeZalo();
  const handled = new Map<string, { start: number; end: number }>();
  const echo: Conversation = { handle: async () => [{ text: [ECHO_TEXT] }] };
  const channel = createZaloChannel({
    config: channelConfig(fake),
    conversation: timed(echo, handled),
    reachability: accountReachability(NO_DATABASE, 'zalo'),
    logger: problemLogger(problems),
    pollSeconds: POLL_SECONDS,
    retryDelayMs: 20,
  });
  const close = async () => {
    await channel.stop();
    await fake.close();
  };
  try {
    await channel.ready;
    await fake.waitForCalls('getUpdates');
    return {
      name: 'echo',
      label: 'echo (same adapter, handle() answers at once)',
      fake,
      watch: new ReplyWatch(fake),
      echo: true,
      users: makeUsers(fake, options.users),
      rnd: random(seed),
      handled,
      setup: { openMs: 0, seedMs: 0, registerMs: 0, startMs: performance.now() - startStarted },
      problems,
      close,
    };
  } catch (error) {
    await close().catch(() => undefined);
    throw error;
  }
}

async function openDondoc(options: ZaloBenchOptions, seed: number): Promise<Harness> {
  const problems: string[] = [];
  const logger = problemLogger(problems);
  const openStarted = performance.now();
  const db: BenchDatabase = await openBenchPglite('zalo');
  const openMs = performance.now() - openStarted;
  let fake: FakeZalo | undefined;
  let channel: ZaloChannel | undefined;
  const close = async () => {
    await channel?.stop();
    await fake?.close();
    await db.close();
  };
  try {
    const prisma = db.database.prisma;
    const config = createConfig({ DONDOC_DATA_DIR: '.' });
    const clockStart = Date.now();
    const now = () => new Date(BENCH_NOW.getTime() + (Date.now() - clockStart));

    const seedStarted = performance.now();
    await seedDemoPlan(prisma, FIRST_PLAN_SEEDED_AT);
    await ensureMaterializedThrough(prisma, localDateAt(now(), config.defaultTimeZone));
    const seedMs = performance.now() - seedStarted;

    fake = await startFakeZalo();
    // Officials registered as "/start CODE" registers them: one invite per unit, used by its officials.
    const registerStarted = performance.now();
    const units = await prisma.unit.findMany({ where: { code: { in: UNIT_CODES } }, select: { id: true, code: true } });
    if (units.length !== UNIT_CODES.length)
      throw new Error(`expected units ${UNIT_CODES.join(', ')}; found ${units.map((u) => u.code).join(', ')}`);
    const unitId = new Map(units.map((u) => [u.code, u.id]));
    const users = makeUsers(fake, options.users);
    for (const code of UNIT_CODES) {
      await createInvite(prisma, {
        code: `BENCH-${code}`,
        unitId: unitId.get(code) as number,
        role: 'official',
        maxUses: Math.ceil(users.length / UNIT_CODES.length),
        expiresAt: null,
        createdById: null,
        actorLabel: 'bench',
      });
    }
    for (const [i, user] of users.entries()) {
      const code = UNIT_CODES[i % UNIT_CODES.length] as string;
      const account = {
        channel: 'zalo' as const,
        externalId: user.from.id,
        chatId: user.from.id,
        displayName: user.from.display_name ?? user.from.id,
        locale: user.locale,
      };
      const result = await registerWithInvite(prisma, `BENCH-${code}`, account, now());
      if (result.outcome !== 'registered') throw new Error(`registering user ${user.from.id}: ${result.outcome}`);
    }
    const registerMs = performance.now() - registerStarted;

    const startStarted = performance.now();
    const core = await createChatCore({ prisma, config, logger, now });
    const handled = new Map<string, { start: number; end: number }>();
    channel = createZaloChannel({
      config: channelConfig(fake),
      conversation: timed(core.conversation, handled),
      reachability: accountReachability(prisma, 'zalo'),
      logger,
      pollSeconds: POLL_SECONDS,
      retryDelayMs: 20,
    });
    await channel.ready;
    await fake.waitForCalls('getUpdates');
    return {
      name: 'dondoc',
      label: 'dondoc on PGlite (pool of 1)',
      fake,
      watch: new ReplyWatch(fake),
      echo: false,
      users,
      rnd: random(seed),
      handled,
      setup: { openMs, seedMs, registerMs, startMs: performance.now() - startStarted },
      problems,
      close,
    };
  } catch (error) {
    await close().catch(() => undefined);
    throw error;
  }
}

export interface LatencyTarget {
  name: 'echo' | 'dondoc';
  label: string;
  setup: Harness['setup'];
  warmup: { updates: number; ms: number };
  loaded: PhaseResult;
  oneAtATime: PhaseResult;
  /** Updates per second of each loaded round. */
  perRound: number[];
  burst: BurstResult;
  fake: { requests: number; byMethod: Record<string, number>; rateLimited: number };
  extraMessages: number;
  problems: string[];
}

export interface ZaloResult {
  source: SourceVersion;
  options: Omit<ZaloBenchOptions, 'log'>;
  sends: SendRun[];
  latency: {
    units: string[];
    cycle: readonly string[];
    pollSeconds: number;
    sendsPerSecond: number;
    targets: LatencyTarget[];
    ratios: { p50: number; p99: number; oneAtATimeP50: number; oneAtATimeP99: number; throughput: number };
  };
  /** The machine's 1-minute load average when the bench started and ended (other processes compete for the cores). */
  loadAverage: { start: number; end: number };
  partSeconds: { sends: number; latency: number };
}

/** Taken when this module loads, with the app's modules: the code measured. */
const SOURCE = sourceVersion();

export async function runZaloBench(options: ZaloBenchOptions): Promise<ZaloResult> {
  const { log } = options;
  const seed = options.seed ?? 20129;
  const loadAtStart = loadAverageNow();

  // 1. Sending rate.
  const sendsStarted = performance.now();
  const sends: SendRun[] = [];
  const ceiling = (name: 'ceiling' | 'ceiling-spaced', label: string, clientPerSecond: number) => ({
    name,
    label,
    messages: options.ceilingMessages,
    chats: options.chats,
    clientPerSecond,
    fakeLimit: undefined,
    warmup: Math.round(options.ceilingMessages / 4),
  });
  const limited = (name: 'matched' | 'too-fast' | 'margin', label: string, clientPerSecond: number) => ({
    name,
    label,
    messages: options.limitedMessages,
    chats: options.chats,
    clientPerSecond,
    fakeLimit: ZALO_FAKE_LIMIT,
    warmup: 0,
  });
  const report = (run: SendRun) =>
    log(
      `    ${run.label}: ${run.perSecond.toFixed(1)} messages/s in ${ms(run.wallMs)} ms; ${run.rateLimited} answered 429; ${run.failed} failed; exactly once: ${run.exactlyOnce ? 'yes' : 'NO'}`,
    );
  for (const spec of [
    ceiling('ceiling', '(a) no limit, client 10,000/s', 10_000),
    ceiling('ceiling-spaced', "(a') no limit, client 1,000/s", 1000),
  ]) {
    log(`  sending ${spec.label}: ${spec.messages} messages to ${spec.chats} chats ...`);
    const run = await sendRun(spec);
    sends.push(run);
    report(run);
  }
  // The rate-limited runs are idle most of the time (0.1 core each): they run side by side, each with its own fake and client.
  const limitedSpecs = [
    limited('matched', `(b) limit ${ZALO_FAKE_LIMIT}/s, client ${ZALO_FAKE_LIMIT}/s`, ZALO_FAKE_LIMIT),
    limited('too-fast', `(c) limit ${ZALO_FAKE_LIMIT}/s, client ${ZALO_FAKE_LIMIT * 1.5}/s`, ZALO_FAKE_LIMIT * 1.5),
    limited('margin', `(d) limit ${ZALO_FAKE_LIMIT}/s, client ${ZALO_FAKE_LIMIT * 0.9}/s`, ZALO_FAKE_LIMIT * 0.9),
  ];
  log(
    `  sending ${options.limitedMessages} messages to ${options.chats} chats, side by side: ${limitedSpecs.map((spec) => spec.label).join('; ')} ...`,
  );
  for (const run of await Promise.all(limitedSpecs.map((spec) => sendRun(spec)))) {
    sends.push(run);
    report(run);
  }
  const sendsSeconds = (performance.now() - sendsStarted) / 1000;

  // 2. Latency, 3. polling burst.
  const latencyStarted = performance.now();
  const opened: Harness[] = [];
  try {
    log('  latency: echo baseline (the adapter with an instant conversation) on a fake of its own ...');
    opened.push(await openEcho(options, seed));
    log(`  latency: dondoc on PGlite: opening, seeding the first plan, registering ${options.users} officials ...`);
    const dondoc = await openDondoc(options, seed);
    opened.push(dondoc);
    log(
      `  dondoc: open ${ms(dondoc.setup.openMs)} ms, seed ${ms(dondoc.setup.seedMs)} ms, register ${ms(dondoc.setup.registerMs)} ms, bot ready ${ms(dondoc.setup.startMs)} ms`,
    );

    // Warm-up: every user asks their first question and opens the first duty (2 updates per user).
    const warmups = new Map<Harness['name'], { updates: number; ms: number }>();
    for (const h of opened) {
      const warmStarted = performance.now();
      const queue = [...h.users];
      const warmUser = async () => {
        for (let user = queue.shift(); user; user = queue.shift()) for (let i = 0; i < 2; i += 1) await step(h, user);
      };
      await Promise.all(Array.from({ length: Math.min(options.concurrency, h.users.length) }, warmUser));
      warmups.set(h.name, { updates: h.users.length * 2, ms: performance.now() - warmStarted });
      // Scatter the users over the cycle, so the updates in flight are mixed.
      for (const user of h.users) user.position = pick(START_POSITIONS, h.rnd);
      for (let i = h.users.length - 1; i > 0; i -= 1) {
        const j = Math.floor(h.rnd() * (i + 1));
        [h.users[i], h.users[j]] = [h.users[j] as User, h.users[i] as User];
      }
    }

    const loaded = new Map<Harness['name'], Driven[]>(opened.map((h) => [h.name, []]));
    const single = new Map<Harness['name'], Driven[]>(opened.map((h) => [h.name, []]));
    const loadedSizes = split(options.updates, options.rounds);
    const singleSizes = split(options.sequential, options.rounds);
    log(
      `  measuring: ${options.rounds} rounds of ${loadedSizes[0]} updates (${options.concurrency} in flight) and ${singleSizes[0]} one at a time, per bot ...`,
    );
    for (let round = 0; round < options.rounds; round += 1) {
      const order = opened.map((_, i) => opened[(i + round) % opened.length] as Harness);
      for (const h of order) loaded.get(h.name)?.push(await drive(h, loadedSizes[round] ?? 0, options.concurrency));
      for (const h of order) single.get(h.name)?.push(await drive(h, singleSizes[round] ?? 0, 1));
    }
    log(`  polling burst: ${options.burst} updates queued at once, per bot ...`);
    const bursts = new Map<Harness['name'], BurstResult>();
    for (const h of opened) bursts.set(h.name, await burst(h, options.burst));

    const targets: LatencyTarget[] = opened.map((h) => {
      const blocks = loaded.get(h.name) ?? [];
      return {
        name: h.name,
        label: h.label,
        setup: h.setup,
        warmup: warmups.get(h.name) ?? { updates: 0, ms: 0 },
        loaded: phaseResult(options.concurrency, blocks),
        oneAtATime: phaseResult(1, single.get(h.name) ?? []),
        perRound: blocks.map((b) => b.samples.length / (b.wallMs / 1000)),
        burst: bursts.get(h.name) as BurstResult,
        fake: {
          requests: h.fake.stats.requests,
          byMethod: { ...h.fake.stats.byMethod },
          rateLimited: h.fake.stats.rateLimited,
        },
        extraMessages: h.watch.extra,
        problems: h.problems,
      };
    });
    const echo = targets[0] as LatencyTarget;
    const bot = targets[1] as LatencyTarget;
    const ratios = {
      p50: bot.loaded.latency.median / echo.loaded.latency.median,
      p99: bot.loaded.latency.p99 / echo.loaded.latency.p99,
      oneAtATimeP50: bot.oneAtATime.latency.median / echo.oneAtATime.latency.median,
      oneAtATimeP99: bot.oneAtATime.latency.p99 / echo.oneAtATime.latency.p99,
      throughput: bot.loaded.perSecond / echo.loaded.perSecond,
    };
    const { log: _log, ...rest } = options;
    return {
      source: SOURCE,
      options: { ...rest, seed },
      sends,
      latency: {
        units: UNIT_CODES,
        cycle: CYCLE,
        pollSeconds: POLL_SECONDS,
        sendsPerSecond: LATENCY_SENDS_PER_SECOND,
        targets,
        ratios,
      },
      loadAverage: { start: loadAtStart, end: loadAverageNow() },
      partSeconds: { sends: sendsSeconds, latency: (performance.now() - latencyStarted) / 1000 },
    };
  } finally {
    for (const h of opened.reverse()) await h.close();
  }
}

export function printZalo(result: ZaloResult, seconds: number, log: (line: string) => void): void {
  const { options } = result;
  log(
    `\nZalo: the app's client and polling adapter against the fake Zalo Bot API on loopback; ${seconds.toFixed(0)} s in all (sending ${result.partSeconds.sends.toFixed(0)} s, latency ${result.partSeconds.latency.toFixed(0)} s). ` +
      `Load average (1 min) ${result.loadAverage.start.toFixed(1)} at the start, ${result.loadAverage.end.toFixed(1)} at the end, on ${os.cpus().length} cores`,
  );
  log(
    `code at ${result.source.commit}${result.source.changed ? ' with uncommitted changes in src/, handlers/, prisma/ or locales/' : ''}`,
  );

  log(
    `\nSending: createZaloClient.sendMessage, every message issued at once, ${options.chats} chats; the app's retries (4 attempts, backoff from 500 ms, x2 for a 429)`,
  );
  log(
    table(
      [
        'run',
        'messages',
        'wall s',
        'messages/s',
        'vs limit',
        'first ms',
        'steady /s',
        'ideal s',
        'requests',
        '429s',
        'attempts (1/2/3/4/failed)',
        'exactly once',
        'CPU (cores)',
      ],
      result.sends.map((r) => [
        r.label,
        String(r.messages),
        (r.wallMs / 1000).toFixed(2),
        r.perSecond.toFixed(1),
        r.ratioToLimit === undefined ? '' : ratio(r.ratioToLimit),
        ms(r.firstMs),
        r.steadyPerSecond.toFixed(1),
        r.idealMs === undefined ? '' : (r.idealMs / 1000).toFixed(2),
        String(r.requests),
        String(r.rateLimited),
        ['1', '2', '3', '4', 'failed'].map((k) => r.attempts[k] ?? 0).join('/'),
        r.exactlyOnce ? 'yes' : `NO (${r.missing} missing, ${r.duplicates} twice)`,
        r.cpuCores.toFixed(2),
      ]),
    ),
  );
  for (const r of result.sends)
    if (r.errors.length) log(`${r.name}: ${r.failed} messages given up on; ${r.errors.join('; ')}`);
  log(
    `per message, call -> settled (ms, median / p99 / max): ${result.sends.map((r) => `${r.name} ${ms(r.latency.median)} / ${ms(r.latency.p99)} / ${ms(r.latency.max)}`).join('; ')}`,
  );
  for (const r of result.sends) {
    if (r.earlyMs)
      log(
        `${r.name}: the ${r.earlyMs.n} rejected requests arrived ${ms(r.earlyMs.min)} .. ${ms(r.earlyMs.max)} ms (median ${ms(r.earlyMs.median)}) before the fake's one-second window had room`,
      );
  }

  const { targets, ratios } = result.latency;
  const echo = targets.find((t) => t.name === 'echo') as LatencyTarget;
  const bot = targets.find((t) => t.name === 'dondoc') as LatencyTarget;
  log(
    `\nUpdate -> reply: createZaloChannel polling (pollSeconds ${result.latency.pollSeconds}, send gate ${result.latency.sendsPerSecond}/s), ${options.users} registered officials in ${result.latency.units.length} units; ` +
      `${options.updates} updates with ${options.concurrency} in flight and ${options.sequential} one at a time per bot, in ${options.rounds} rounds, the bots in turn`,
  );
  const cell = (s: P99Summary | undefined) => (s ? `${ms(s.median)} (${ms(s.p99)})` : '-');
  for (const phase of ['loaded', 'oneAtATime'] as const) {
    log(
      phase === 'loaded'
        ? `\nLoaded: ${options.concurrency} users in flight`
        : '\nOne at a time (the next update when the reply has arrived: no queueing)',
    );
    log(
      table(
        [
          'bot',
          'updates',
          'updates/s',
          'p50 (p99) ms',
          'p50 vs echo',
          'p99 vs echo',
          'in',
          'handle',
          'out',
          'getUpdates / update',
          'CPU (cores)',
        ],
        targets.map((t) => {
          const p = t[phase];
          const e = echo[phase];
          const own = t.name === 'echo';
          return [
            t.label,
            String(p.updates),
            p.perSecond.toFixed(1),
            cell(p.latency),
            own ? '' : ratio(p.latency.median / e.latency.median),
            own ? '' : ratio(p.latency.p99 / e.latency.p99),
            cell(p.in),
            cell(p.handle),
            cell(p.out),
            p.getUpdatesPerUpdate.toFixed(2),
            p.cpuCores.toFixed(2),
          ];
        }),
      ),
    );
  }
  log(
    `dondoc / echo updates/s, loaded: ${ratio(ratios.throughput)}; per round dondoc ${bot.perRound.map((v) => v.toFixed(1)).join(', ')}, echo ${echo.perRound.map((v) => v.toFixed(1)).join(', ')}`,
  );
  log(
    `(in = queued at the fake -> handle() called: the long poll's answer, HTTP, parsing, waiting for the poll loop; out = handle() returned -> recorded by the fake: rendering, the send gate, sendMessage)`,
  );

  log(`\nPer kind of update: median (p99) ms, loaded / one at a time; counts loaded + one at a time`);
  log(
    table(
      ['kind', ...targets.flatMap((t) => [`${t.name} loaded`, `${t.name} one at a time`]), 'count'],
      UPDATE_KINDS.map((kind) => [
        kind,
        ...targets.flatMap((t) => [cell(t.loaded.byKind[kind]), cell(t.oneAtATime.byKind[kind])]),
        targets.map((t) => `${t.loaded.counts[kind]}+${t.oneAtATime.counts[kind]}`).join(' / '),
      ]),
    ),
  );

  log(`\nPolling burst: ${options.burst} updates queued at once (getUpdates hands out one update per call)`);
  log(
    table(
      [
        'bot',
        'handed out in ms',
        'getUpdates/s',
        'ms per getUpdates',
        'all replied in ms',
        'replies/s',
        'getUpdates calls',
        'CPU (cores)',
      ],
      targets.map((t) => [
        t.label,
        ms(t.burst.handedOutMs),
        t.burst.pollPerSecond.toFixed(0),
        ms(t.burst.handedOutMs / t.burst.updates),
        ms(t.burst.repliedMs),
        t.burst.repliedPerSecond.toFixed(0),
        String(t.burst.getUpdates),
        t.burst.cpuCores.toFixed(2),
      ]),
    ),
  );

  for (const t of targets) {
    const extra = [
      t.loaded.fallbacks + t.oneAtATime.fallbacks
        ? `${t.loaded.fallbacks + t.oneAtATime.fallbacks} planned choices had nothing on offer (${JSON.stringify(t.loaded.fallbackSteps)} loaded, ${JSON.stringify(t.oneAtATime.fallbackSteps)} one at a time; asked a question instead)`
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
}

// ------------------------------------------------------------------------------------------- run directly

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const unknown = args.filter((arg) => arg !== '--quick');
  if (unknown.length) throw new Error(`unknown argument ${unknown.join(' ')} (usage: npx tsx bench/zalo.ts [--quick])`);
  const log = (line: string) => process.stdout.write(`${line}\n`);
  const options = zaloBenchOptions(args.includes('--quick'), log);
  log(
    `Zalo: sending ${options.ceilingMessages} messages unlimited (twice) and ${options.limitedMessages} three times against a ${ZALO_FAKE_LIMIT}/s limit; update -> reply with ${options.users} officials ...`,
  );
  await runAndSave(
    'zalo',
    log,
    () => runZaloBench(options),
    (result, seconds) => printZalo(result, seconds, log),
  );
}

runIfMain(import.meta.url, main);
