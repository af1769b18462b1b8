// Prometheus metrics (prom-client): what an operator watches — updates and their latency, replies, reminders and
// notices, the database pool — and the GET /metrics route, open to this machine or to a bearer token.
import type http from 'node:http';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { Conversation } from './chat/types.js';
import { sameSecret } from './http/request.js';
import type { RouteHandler } from './http/server.js';
import type { TickResult } from './reminders/worker.js';

export interface Metrics {
  readonly registry: Registry;
  /** The conversation, counted and timed per update. */
  instrument(conversation: Conversation): Conversation;
  reminderTick(result: TickResult): void;
}

export interface MetricSources {
  /** Ledger and queue states, read at scrape time. */
  reminderStates(): Promise<Record<string, number>>;
  deliveryStates(): Promise<Record<string, number>>;
  pool(): { total: number; idle: number; waiting: number };
  /** 429 answers met (and waited out) since start, per channel whose send gate counts them. */
  rateLimited(): Record<string, number>;
}

export function createMetrics(sources: MetricSources): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'dondoc_' });
  const updates = new Counter({
    name: 'dondoc_updates_total',
    help: 'Chat updates handled, by channel and outcome',
    labelNames: ['channel', 'outcome'],
    registers: [registry],
  });
  const latency = new Histogram({
    name: 'dondoc_update_seconds',
    help: 'Time from an update reaching the conversation to its replies being ready',
    labelNames: ['channel'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  const replies = new Counter({
    name: 'dondoc_replies_total',
    help: 'Replies produced for users, by channel',
    labelNames: ['channel'],
    registers: [registry],
  });
  const reminders = new Counter({
    name: 'dondoc_reminders_total',
    help: 'Reminders handled by ticks, by result (sent, retried, failed, cancelled, deferred, written)',
    labelNames: ['result'],
    registers: [registry],
  });
  new Gauge({
    name: 'dondoc_rate_limited',
    help: "429 answers from a chat platform since start (waited out by the channel's send gate)",
    labelNames: ['channel'],
    registers: [registry],
    collect() {
      for (const [channel, count] of Object.entries(sources.rateLimited())) this.set({ channel }, count);
    },
  });
  new Gauge({
    name: 'dondoc_reminder_ledger',
    help: 'Reminder ledger rows by state',
    labelNames: ['state'],
    registers: [registry],
    async collect() {
      for (const [state, count] of Object.entries(await sources.reminderStates())) this.set({ state }, count);
    },
  });
  new Gauge({
    name: 'dondoc_notice_queue',
    help: 'Notice deliveries by state',
    labelNames: ['state'],
    registers: [registry],
    async collect() {
      for (const [state, count] of Object.entries(await sources.deliveryStates())) this.set({ state }, count);
    },
  });
  new Gauge({
    name: 'dondoc_db_pool_connections',
    help: 'Database pool: connections open, idle, and queries waiting for a connection',
    labelNames: ['kind'],
    registers: [registry],
    collect() {
      const pool = sources.pool();
      this.set({ kind: 'total' }, pool.total);
      this.set({ kind: 'idle' }, pool.idle);
      this.set({ kind: 'waiting' }, pool.waiting);
    },
  });

  return {
    registry,
    instrument(conversation) {
      return {
        async handle(message) {
          const stop = latency.startTimer({ channel: message.channel });
          try {
            const produced = await conversation.handle(message);
            updates.inc({ channel: message.channel, outcome: produced.length > 0 ? 'answered' : 'silent' });
            replies.inc({ channel: message.channel }, produced.length);
            return produced;
          } catch (error) {
            updates.inc({ channel: message.channel, outcome: 'failed' });
            throw error;
          } finally {
            stop();
          }
        },
      };
    },
    reminderTick(result) {
      for (const [key, count] of Object.entries(result))
        if (key !== 'expanded' && count) reminders.inc({ result: key }, count);
    },
  };
}

/** GET /metrics: from this machine, or from anywhere with `Authorization: Bearer <METRICS_TOKEN>`. */
export function metricsRoute(metrics: Metrics, token: string | undefined): RouteHandler {
  return async (request, response) => {
    if (!isLoopback(request) && !(token && sameSecret(bearer(request), token))) {
      response.writeHead(token ? 401 : 403, { 'content-type': 'text/plain; charset=utf-8' });
      response.end(token ? 'unauthorized\n' : 'metrics are served to this machine only (set METRICS_TOKEN)\n');
      return;
    }
    const text = await metrics.registry.metrics();
    response.writeHead(200, { 'content-type': metrics.registry.contentType });
    response.end(text);
  };
}

function bearer(request: http.IncomingMessage): string | undefined {
  const header = request.headers.authorization;
  return header?.startsWith('Bearer ') ? header.slice('Bearer '.length) : undefined;
}

function isLoopback(request: http.IncomingMessage): boolean {
  const address = request.socket.remoteAddress ?? '';
  // A reverse proxy on this machine forwards others' requests from loopback: it must not expose /metrics.
  if (request.headers['x-forwarded-for']) return false;
  return address === '127.0.0.1' || address === '::1' || address === '::ffff:127.0.0.1';
}
