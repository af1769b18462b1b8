// What the fake Bot API servers (fake-telegram.ts, fake-zalo.ts) share: HTTP plumbing, error answers, waits, rate windows, webhook POSTs.
import { request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

// ---------------------------------------------------------------- errors and answers

/** An error answered as `{ ok: false, error_code, description }`, with `parameters.retry_after` when `retryAfter` is set. */
export class ApiError extends Error {
  constructor(
    readonly code: number,
    readonly description: string,
    readonly retryAfter?: number,
    /** Telegram's ResponseParameters other than retry_after (migrate_to_chat_id for an upgraded group). */
    readonly parameters?: Record<string, unknown>,
  ) {
    super(description);
  }
}

export const badRequest = (what: string): ApiError => new ApiError(400, `Bad Request: ${what}`);

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

/** Answers an ApiError with HTTP status = error_code (500 when the code is no HTTP status), anything else as a 500. */
export function sendError(res: ServerResponse, error: unknown): void {
  if (error instanceof ApiError) {
    const status = Number.isInteger(error.code) && error.code >= 100 && error.code <= 599 ? error.code : 500;
    sendJson(res, status, {
      ok: false,
      error_code: error.code,
      description: error.description,
      ...((error.retryAfter !== undefined || error.parameters) && {
        parameters: { ...error.parameters, ...(error.retryAfter !== undefined && { retry_after: error.retryAfter }) },
      }),
    });
  } else sendJson(res, 500, { ok: false, error_code: 500, description: `Internal Server Error: ${String(error)}` });
}

// ---------------------------------------------------------------- the HTTP server

/** The whole request body; one larger than `maxBytes` rejects with a 413 ApiError. */
export function readBody(req: IncomingMessage, maxBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) reject(new ApiError(413, 'Request Entity Too Large'));
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** Listens on 127.0.0.1 at a random port; resolves with the server's root URL (`http://127.0.0.1:PORT`). */
export async function listenOnLoopback(server: Server): Promise<string> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** Closes a server and its keep-alive sockets; the sockets a tick later, so that answers written just now still leave. */
export function closeServer(server: Server): Promise<void> {
  return new Promise<void>((resolve) => {
    server.close(() => resolve());
    setImmediate(() => server.closeAllConnections());
  });
}

// ---------------------------------------------------------------- webhook POSTs

export interface PostResult {
  status: number;
  body: string;
  error?: string;
}

/** POSTs a JSON body; network failures resolve with status 0 and `error` rather than rejecting. */
export function postJson(
  url: string,
  body: string,
  headers: Record<string, string>,
  signal: AbortSignal,
): Promise<PostResult> {
  return new Promise((resolve) => {
    let target: URL;
    try {
      target = new URL(url);
    } catch {
      resolve({ status: 0, body: '', error: `invalid URL: ${url}` });
      return;
    }
    const requestFn = target.protocol === 'https:' ? httpsRequest : httpRequest;
    // No keep-alive agent: a lingering socket would keep the receiving test server from closing.
    const req = requestFn(
      target,
      {
        method: 'POST',
        agent: false,
        signal,
        timeout: 10_000,
        headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)), ...headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', (e) => resolve({ status: 0, body: '', error: e.message }));
      },
    );
    req.on('timeout', () => req.destroy(new Error('Connection timed out')));
    req.on('error', (e) => resolve({ status: 0, body: '', error: e.message }));
    req.end(body);
  });
}

/** A test's own webhook POST (postUpdate): throws when there is no URL (`noUrl` says why) or the request fails. */
export async function postUpdateTo(
  url: string | undefined,
  body: string,
  headers: Record<string, string>,
  signal: AbortSignal,
  noUrl: string,
): Promise<{ status: number; body: string }> {
  if (!url) throw new Error(`postUpdate: ${noUrl}`);
  const result = await postJson(url, body, headers, signal);
  if (result.error !== undefined) throw new Error(`postUpdate: ${result.error}`);
  return { status: result.status, body: result.body };
}

/** One update's webhook delivery, as deliverWithRetries runs it. */
export interface RetriedDelivery {
  attempts: number;
  /** The pause between attempts; aborting `signal` cuts it short. */
  delayMs: number;
  signal: AbortSignal;
  /** Checked before each attempt: false abandons the delivery (the update stays queued for whoever reads updates next). */
  stillWanted(): boolean;
  post(): Promise<PostResult>;
  /** Records one attempt's result (and notifies waiters). */
  record(result: PostResult, attempt: number): void;
  /** Drops the update from the queue once it is delivered or given up on. */
  moveOn(): void;
}

/**
 * POSTs one update until an attempt answers 2xx or the attempts are used up, then moves on; false when abandoned. Recording the
 * last attempt and moving on happen in one synchronous step, so a test woken by the record already sees the update gone.
 */
export async function deliverWithRetries(delivery: RetriedDelivery): Promise<boolean> {
  for (let attempt = 1; attempt <= delivery.attempts; attempt++) {
    if (!delivery.stillWanted()) return false;
    const result = await delivery.post();
    delivery.record(result, attempt);
    if (result.status >= 200 && result.status < 300) break;
    if (attempt < delivery.attempts)
      await sleep(delivery.delayMs, undefined, { signal: delivery.signal }).catch(() => undefined);
  }
  delivery.moveOn();
  return true;
}

// ---------------------------------------------------------------- failure injection and rate limits

/** Errors queued per method: each answers the next `times` calls of its method, in the order they were added. */
export class InjectedErrors<E> {
  private readonly byMethod = new Map<string, Array<{ error: E; times: number }>>();

  add(method: string, error: E, times: number): void {
    const list = this.byMethod.get(method) ?? [];
    list.push({ error, times });
    this.byMethod.set(method, list);
  }

  /** The error for this call of `method`, if one is queued (used up after its `times`). */
  take(method: string): E | undefined {
    const list = this.byMethod.get(method);
    const next = list?.[0];
    if (!list || !next) return undefined;
    if (--next.times <= 0) list.shift();
    return next.error;
  }
}

/** The times of the requests admitted in the last `spanMs` (a sliding window, one second by default). */
export class SlidingWindow {
  private readonly times: number[] = [];

  constructor(private readonly spanMs = 1000) {}

  /** Whether `limit` requests are already in the window at `now` (never when there is no limit). */
  isFull(limit: number | undefined, now = Date.now()): boolean {
    while (this.times.length > 0 && this.times[0]! <= now - this.spanMs) this.times.shift();
    return limit !== undefined && this.times.length >= limit;
  }

  /** How long until the oldest request leaves the window. */
  msUntilFree(now = Date.now()): number {
    return (this.times[0] ?? now) + this.spanMs - now;
  }

  record(now = Date.now()): void {
    this.times.push(now);
  }
}

// ---------------------------------------------------------------- waiting for the fake's state

interface Waiter {
  check(): void;
  fail(error: Error): void;
}

/** Tests' pending waits on a fake's state: re-checked on every notify(), failed on timeout or by failAll(). */
export class Waiters {
  private readonly pending = new Set<Waiter>();

  /** Resolves with the first value `probe` gives other than undefined; rejects when it throws, or after `timeoutMs` with `describe()`. */
  until<T>(probe: () => T | undefined, timeoutMs: number, describe: () => string): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const done = () => {
        clearTimeout(timer);
        this.pending.delete(waiter);
      };
      const waiter: Waiter = {
        check: () => {
          let value: T | undefined;
          try {
            value = probe();
          } catch (error) {
            done();
            reject(error as Error);
            return;
          }
          if (value !== undefined) {
            done();
            resolve(value);
          }
        },
        fail: (error) => {
          done();
          reject(error);
        },
      };
      const timer = setTimeout(() => waiter.fail(new Error(describe())), timeoutMs);
      this.pending.add(waiter);
      waiter.check();
    });
  }

  /** Resolves with the first `count` of `items` matching `predicate` once there are that many (`items` is read on every check). */
  forItems<T>(
    items: readonly T[],
    predicate: (item: T) => boolean,
    count: number,
    timeoutMs: number,
    describe: () => string,
  ): Promise<T[]> {
    return this.until(
      () => {
        const matching = items.filter(predicate);
        return matching.length >= count ? matching.slice(0, count) : undefined;
      },
      timeoutMs,
      describe,
    );
  }

  /** waitForSent of a fake: the failure lists every message sent, one `line` each. */
  forSent<T>(
    sent: readonly T[],
    predicate: (m: T) => boolean,
    count: number,
    timeoutMs: number,
    line: (m: T) => string,
  ): Promise<T[]> {
    return this.forItems(
      sent,
      predicate,
      count,
      timeoutMs,
      () =>
        `waitForSent: expected ${count} matching message(s) within ${timeoutMs} ms; ${sent.length} sent:\n${sent.map((m) => `  ${line(m)}`).join('\n') || '  (none)'}`,
    );
  }

  /** waitForCalls of a fake: the first `count` calls of `method`; the failure gives the calls so far by method. */
  forCalls<T extends { method: string }>(
    calls: readonly T[],
    byMethod: Record<string, number>,
    method: string,
    count: number,
    timeoutMs: number,
  ): Promise<T[]> {
    return this.forItems(
      calls,
      (c) => c.method === method,
      count,
      timeoutMs,
      () =>
        `waitForCalls: expected ${count} call(s) of ${method} within ${timeoutMs} ms; calls so far: ${JSON.stringify(byMethod)}`,
    );
  }

  /** waitForWebhookDeliveries of a fake: the first `count` delivery attempts, failed ones included. */
  forDeliveries<T>(deliveries: readonly T[], count: number, timeoutMs: number): Promise<T[]> {
    return this.forItems(
      deliveries,
      () => true,
      count,
      timeoutMs,
      () => `waitForWebhookDeliveries: expected ${count} within ${timeoutMs} ms; got ${JSON.stringify(deliveries)}`,
    );
  }

  /** Re-checks every pending wait (call after each change a test may wait for). */
  notify(): void {
    for (const waiter of [...this.pending]) waiter.check();
  }

  /** Rejects every pending wait with an Error saying `message` (when the fake closes). */
  failAll(message: string): void {
    for (const waiter of [...this.pending]) waiter.fail(new Error(message));
  }
}
