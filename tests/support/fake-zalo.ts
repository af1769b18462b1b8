// A fake Zalo Bot Platform API server on 127.0.0.1, for tests and benchmarks that drive the project's Zalo client over real HTTP.
// It follows docs in /work/shared/notes/zalo-bot-api.md; where Zalo documents nothing, the choice made here is written beside it.
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  ApiError,
  badRequest,
  closeServer,
  deliverWithRetries,
  InjectedErrors,
  listenOnLoopback,
  postJson,
  postUpdateTo,
  readBody,
  SlidingWindow,
  sendError,
  sendJson,
  Waiters,
} from './fake-server.js';

// ---------------------------------------------------------------- protocol types

export type ZaloEventName =
  | 'message.text.received'
  | 'message.image.received'
  | 'message.sticker.received'
  | 'message.unsupported.received';
export interface ZaloUser {
  id: string;
  display_name: string;
  is_bot: boolean;
}
export interface ZaloChat {
  id: string;
  chat_type: 'PRIVATE' | 'GROUP';
}
export interface ZaloMessage {
  message_id: string;
  /** Milliseconds since the epoch. */
  date: number;
  from: ZaloUser;
  chat: ZaloChat;
  text?: string;
  photo_url?: string;
  photo?: string;
  caption?: string;
  /** The field name for a sticker is not documented; the fake uses `sticker`, as in sendSticker. */
  sticker?: string;
}
export interface ZaloUpdate {
  event_name: ZaloEventName | (string & {});
  message: ZaloMessage;
}

// ---------------------------------------------------------------- the fake's own types

export type Params = Record<string, unknown>;
/** 'wrapped' is the documented `{ ok: true, result: update }`; 'bare' is the `update` itself, as some integrations report. */
export type WebhookBodyShape = 'wrapped' | 'bare';

export interface FakeZaloOptions {
  /** Default '1234567890:fake-zalo-secret'; getMe's id is the part before the colon. */
  token?: string;
  accountName?: string;
  /** sendMessage, sendPhoto, sendSticker and sendChatAction over all chats in a sliding one-second window; more answer 429. Unlimited when unset. */
  ratePerSecond?: number;
  /** Caps every long poll (fractions allowed) so that tests waiting for a 408 stay fast. */
  longPollMaxSeconds?: number;
  /** Delivery attempts per update in webhook mode (default 3). */
  webhookAttempts?: number;
  /** Pause between attempts (default 100 ms). */
  webhookRetryDelayMs?: number;
  /** getMe answers only after this long (a platform slow to answer while dondoc starts). */
  getMeDelayMs?: number;
  /**
   * How a long poll that ended empty is answered: Zalo's documented 408 (default), or `ok: true` without a result,
   * which copies of its docs also show.
   */
  emptyPoll?: '408' | 'ok-without-result';
  /** Initial value of `webhookBodyShape` (default 'wrapped'). */
  webhookBodyShape?: WebhookBodyShape;
  /**
   * Where a webhook URL is really reached: Zalo only accepts https URLs, which the tests map to the bot's loopback HTTP
   * server (standing in for the TLS proxy in front of it).
   */
  resolveWebhookUrl?: (url: string) => string;
}

export interface ZaloApiCall {
  method: string;
  params: Params;
  at: number;
}
export interface ZaloSentMessage {
  method: 'sendMessage' | 'sendPhoto';
  chatId: string;
  /** The text of a sendMessage, or the caption of a sendPhoto ('' without one). */
  text: string;
  /** The photo URL of a sendPhoto. */
  photo?: string;
  messageId: string;
  /** The `date` the fake answered with (milliseconds). */
  date: number;
  at: number;
}
export interface ZaloWebhookDelivery {
  event_name: string;
  message_id: string;
  status: number;
  attempt: number;
  shape: WebhookBodyShape;
  error?: string;
  at: number;
}
export interface ZaloInjectedError {
  error_code: number;
  description: string;
}
export interface FakeZaloUser {
  id: string;
  display_name?: string;
}
export interface FakeZaloWebhook {
  url: string;
  secretToken: string;
  updatedAt: number;
}

// JavaScript string length (UTF-16 code units): Zalo says "1 to 2000 characters" without saying what a character is, and
// counting code units is the stricter reading for emoji, so a client that passes here also passes a code-point count.
const MAX_TEXT = 2000;
// The notes give no caption limit; the same 2000 as for texts is assumed (copies of Zalo's docs say "1 to 2000").
const MAX_CAPTION = 2000;
const DEFAULT_POLL_SECONDS = 30; // Zalo's default for getUpdates' timeout
const MAX_BODY = 1024 * 1024;
const RATE_LIMITED = new Set(['sendMessage', 'sendPhoto', 'sendSticker', 'sendChatAction']);
// Zalo's wording for everything below is undocumented (only the codes are): these are the fake's own, kept clear.
const WEBHOOK_ACTIVE = 'Bad Request: getUpdates does not work while a webhook is set; call deleteWebhook first';
// What Zalo answers a user who blocked the bot is undocumented; its documented 403 is "Internal server error", so a
// blocked chat answers exactly that here: a client cannot tell it from a passing fault, and must not try to.
const BLOCKED = 'Internal server error';

const requestTimeout = () => new ApiError(408, 'Request timeout');
/** A poll that ended empty, answered `{ ok: true }` without a result (FakeZaloOptions.emptyPoll). */
const EMPTY_POLL = Symbol('empty poll');

// ---------------------------------------------------------------- HTTP helpers

/** A JSON object body; an empty body is `{}`. The content type is not checked (Zalo's handling of others is undocumented). */
function parseParams(body: string): Params | ApiError {
  if (body.trim() === '') return {};
  try {
    const json: unknown = JSON.parse(body);
    if (typeof json === 'object' && json !== null && !Array.isArray(json)) return json as Params;
  } catch {
    // answered below
  }
  return badRequest('the body must be a JSON object');
}

// Errors answer with HTTP status = error_code (sendError in fake-server.ts), as Telegram does; Zalo does not say which status its
// errors carry, so a client must read the JSON body of a non-2xx answer rather than give up on the status (which it would also have
// to do with a 200).

// ---------------------------------------------------------------- parameter checks

/** Zalo's ids are strings (hex for users); a number is refused so that a client sending one is caught here. */
function chatIdOf(p: Params): string {
  const value = p.chat_id;
  if (value === undefined || value === null || value === '') throw badRequest('chat_id is required');
  if (typeof value !== 'string') throw badRequest('chat_id must be a string');
  return value;
}

function textOf(value: unknown): string {
  if (value === undefined || value === null || value === '') throw badRequest('text is empty');
  if (typeof value !== 'string') throw badRequest('text must be a string');
  if (value.length > MAX_TEXT) throw badRequest(`text is too long (${value.length} > ${MAX_TEXT} characters)`);
  return value;
}

function isHttpUrl(value: unknown): value is string {
  if (typeof value !== 'string' || !URL.canParse(value)) return false;
  const { protocol, host } = new URL(value);
  return (protocol === 'http:' || protocol === 'https:') && host !== '';
}

/** The long poll's wait in seconds: `timeout` is documented as a string, and a number is accepted too. */
function pollSeconds(value: unknown): number {
  if (value === undefined || value === null || value === '') return DEFAULT_POLL_SECONDS;
  const seconds =
    typeof value === 'number'
      ? value
      : typeof value === 'string' && /^\s*\d+(\.\d+)?\s*$/.test(value)
        ? Number(value)
        : NaN;
  if (!Number.isFinite(seconds) || seconds < 0) throw badRequest('timeout must be a number of seconds');
  return seconds;
}

function describeUpdate(update: object): { event_name: string; message_id: string } {
  const u = update as { event_name?: unknown; message?: { message_id?: unknown } };
  return { event_name: String(u.event_name ?? ''), message_id: String(u.message?.message_id ?? '') };
}

// ---------------------------------------------------------------- the server

interface Poller {
  deliver(update: object): void;
  fail(error: ApiError): void;
}

export class FakeZalo {
  readonly token: string;
  readonly botId: string;
  readonly accountName: string;
  /** The base to configure in place of https://bot-api.zaloplatforms.com (methods are at `${apiRoot}/bot${token}/${method}`). */
  apiRoot = '';
  /** The body shape of webhook deliveries from now on; switch it at any time. */
  webhookBodyShape: WebhookBodyShape;
  readonly calls: ZaloApiCall[] = [];
  readonly sent: ZaloSentMessage[] = [];
  readonly webhookDeliveries: ZaloWebhookDelivery[] = [];
  /** `rateLimited` counts every 429 answered, injected ones included. */
  readonly stats = { requests: 0, rateLimited: 0, byMethod: {} as Record<string, number> };

  private readonly server: Server;
  private readonly queue: object[] = [];
  private readonly pollers: Poller[] = [];
  private hook: FakeZaloWebhook | undefined;
  /** updated_at of getWebhookInfo before any setWebhook or deleteWebhook: the fake's start. */
  private webhookUpdatedAt = Date.now();
  private pumping = false;
  private readonly users = new Map<string, string>();
  private readonly messageIds = new Set<string>();
  private readonly blocked = new Set<string>();
  private readonly injected = new InjectedErrors<ZaloInjectedError>();
  private readonly drops = new Map<string, number>();
  private readonly okAnswers: { method: string; result: unknown }[] = [];
  private readonly window = new SlidingWindow();
  private readonly waiters = new Waiters();
  private readonly shutdown = new AbortController();
  private closing: Promise<void> | undefined;

  constructor(private readonly options: FakeZaloOptions = {}) {
    this.token = options.token ?? '1234567890:fake-zalo-secret';
    this.botId = this.token.split(':')[0] || '1234567890';
    this.accountName = options.accountName ?? 'bot.DondocTest';
    this.webhookBodyShape = options.webhookBodyShape ?? 'wrapped';
    this.server = createServer((req, res) => void this.onRequest(req, res).catch((e: unknown) => sendError(res, e)));
  }

  /** @internal use startFakeZalo() */
  async listen(): Promise<void> {
    this.apiRoot = await listenOnLoopback(this.server);
  }

  /** The URL of one method, with this fake's token unless another is given. */
  methodUrl(method: string, token = this.token): string {
    return `${this.apiRoot}/bot${token}/${method}`;
  }

  /** Ends pending long polls at once (408), stops webhook delivery, fails pending waits, and closes the server and its keep-alive sockets. */
  close(): Promise<void> {
    if (this.closing) return this.closing;
    this.shutdown.abort();
    for (const poller of [...this.pollers]) poller.fail(requestTimeout());
    this.waiters.failAll('the fake Zalo server was closed');
    // The 408 answers written just now leave before their sockets are cut.
    this.closing = closeServer(this.server);
    return this.closing;
  }

  // ---------------------------------------------------------------- failure injection

  /** Sends to this chat answer Zalo's documented 403, "Internal server error" (what a block looks like is undocumented). */
  blockChat(chatId: string): void {
    this.blocked.add(chatId);
  }

  unblockChat(chatId: string): void {
    this.blocked.delete(chatId);
  }

  /** The next `times` calls of `method` fail with this error, before any other check. */
  failNext(method: string, error: ZaloInjectedError, times = 1): void {
    this.injected.add(method, error, times);
  }

  /** The next `times` calls of `method` do their work (a send is recorded as sent) and answer `{ ok: true, result }`. */
  answerOkNext(method: string, result: unknown, times = 1): void {
    for (let i = 0; i < times; i++) this.okAnswers.push({ method, result });
  }

  /** The next `times` calls of `method` are read, recorded, and then answered by destroying the socket (a network error for the client). */
  dropConnectionNext(method: string, times = 1): void {
    this.drops.set(method, (this.drops.get(method) ?? 0) + times);
  }

  // ---------------------------------------------------------------- simulated users

  /** A private-chat text from `from`, queued for the bot. */
  sendText(from: FakeZaloUser, text: string): ZaloUpdate {
    return this.enqueue({ event_name: 'message.text.received', message: { ...this.messageHead(from), text } });
  }

  /** A private-chat image; the notes allow the URL as `photo_url` or `photo`, so either (or both) can be given. */
  sendImage(from: FakeZaloUser, image: { photo_url?: string; photo?: string; caption?: string }): ZaloUpdate {
    if (image.photo_url === undefined && image.photo === undefined)
      throw new Error('sendImage: give photo_url or photo');
    const content = {
      ...(image.photo_url !== undefined && { photo_url: image.photo_url }),
      ...(image.photo !== undefined && { photo: image.photo }),
      ...(image.caption !== undefined && { caption: image.caption }),
    };
    return this.enqueue({ event_name: 'message.image.received', message: { ...this.messageHead(from), ...content } });
  }

  sendSticker(from: FakeZaloUser, sticker: string): ZaloUpdate {
    return this.enqueue({ event_name: 'message.sticker.received', message: { ...this.messageHead(from), sticker } });
  }

  /** What Zalo sends instead of the content for protected users: the event without any content. */
  sendUnsupported(from: FakeZaloUser): ZaloUpdate {
    return this.enqueue({ event_name: 'message.unsupported.received', message: this.messageHead(from) });
  }

  /** An event without its `message`, as the documented result allows (Zalo withholds what it cannot show). */
  sendWithoutMessage(eventName: ZaloEventName = 'message.unsupported.received'): object {
    return this.enqueue({ event_name: eventName });
  }

  /** Queues any update as it is (enqueueing the same object again is a redelivery); returns it. */
  enqueue<T extends object = ZaloUpdate>(update: T): T {
    this.queue.push(update);
    if (this.hook) void this.pumpWebhook();
    else this.feedPollers();
    return update;
  }

  /** Updates queued and not yet handed out. */
  get pendingUpdates(): number {
    return this.queue.length;
  }

  /** The webhook as set, with its secret; undefined in polling mode. */
  get webhook(): FakeZaloWebhook | undefined {
    return this.hook && { ...this.hook };
  }

  /** A fresh id in Zalo's style (20 hex digits), never used before by this fake; also fit for user ids. */
  newId(): string {
    for (;;) {
      const id = randomBytes(10).toString('hex');
      if (!this.messageIds.has(id)) {
        this.messageIds.add(id);
        return id;
      }
    }
  }

  /**
   * POSTs one update as Zalo would: to the webhook (resolved) unless `url` is given, with the webhook's secret unless `secret` says
   * otherwise (null = no header), in the current body shape unless `shape` says otherwise. Not recorded in webhookDeliveries.
   */
  async postUpdate(
    update: object,
    options: { secret?: string | null; shape?: WebhookBodyShape; url?: string } = {},
  ): Promise<{ status: number; body: string }> {
    const url = options.url ?? (this.hook && this.reach(this.hook.url));
    const secret = options.secret === undefined ? this.hook?.secretToken : options.secret;
    return postUpdateTo(
      url,
      this.webhookBody(update, options.shape ?? this.webhookBodyShape),
      secret ? { 'X-Bot-Api-Secret-Token': secret } : {},
      this.shutdown.signal,
      'no webhook is set and no url was given',
    );
  }

  private messageHead(from: FakeZaloUser): Omit<ZaloMessage, 'text'> {
    const displayName = from.display_name ?? this.users.get(from.id) ?? `User ${from.id.slice(0, 6)}`;
    this.users.set(from.id, displayName);
    return {
      message_id: this.newId(),
      date: Date.now(),
      from: { id: from.id, display_name: displayName, is_bot: false },
      chat: { id: from.id, chat_type: 'PRIVATE' },
    };
  }

  private reach(url: string): string {
    return this.options.resolveWebhookUrl?.(url) ?? url;
  }

  private webhookBody(update: object, shape: WebhookBodyShape): string {
    return JSON.stringify(shape === 'wrapped' ? { ok: true, result: update } : update);
  }

  // ---------------------------------------------------------------- inspection and waiting

  sentTo(chatId: string): ZaloSentMessage[] {
    return this.sent.filter((m) => m.chatId === chatId);
  }

  /** Resolves with the first `count` sent messages matching `predicate`; rejects after `timeoutMs` listing everything sent. */
  waitForSent(
    predicate: (m: ZaloSentMessage) => boolean = () => true,
    { count = 1, timeoutMs = 10_000 }: { count?: number; timeoutMs?: number } = {},
  ): Promise<ZaloSentMessage[]> {
    return this.waiters.forSent(
      this.sent,
      predicate,
      count,
      timeoutMs,
      (m) => `${m.messageId} → ${m.chatId} [${m.method}] ${JSON.stringify(m.text.slice(0, 100))}`,
    );
  }

  /** Resolves with the first `count` calls of `method` once they have arrived (before they are answered). */
  waitForCalls(method: string, count = 1, { timeoutMs = 10_000 }: { timeoutMs?: number } = {}): Promise<ZaloApiCall[]> {
    return this.waiters.forCalls(this.calls, this.stats.byMethod, method, count, timeoutMs);
  }

  /** Resolves with the first `count` delivery attempts to the webhook (failed ones included). */
  waitForWebhookDeliveries(
    count = 1,
    { timeoutMs = 10_000 }: { timeoutMs?: number } = {},
  ): Promise<ZaloWebhookDelivery[]> {
    return this.waiters.forDeliveries(this.webhookDeliveries, count, timeoutMs);
  }

  private notify(): void {
    this.waiters.notify();
  }

  // ---------------------------------------------------------------- HTTP

  private async onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    this.stats.requests++;
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    const route = /^\/bot([^/]*)\/([^/]+)\/?$/.exec(path);
    if (!route) return sendError(res, new ApiError(404, 'Not Found'));
    let token: string;
    try {
      token = decodeURIComponent(route[1]!);
    } catch {
      token = route[1]!;
    }
    if (token !== this.token) return sendError(res, new ApiError(401, 'Unauthorized'));
    const method = route[2]!;
    const params = parseParams((await readBody(req, MAX_BODY)).toString('utf8'));
    this.calls.push({ method, params: params instanceof ApiError ? {} : structuredClone(params), at: Date.now() });
    this.stats.byMethod[method] = (this.stats.byMethod[method] ?? 0) + 1;
    this.notify();
    try {
      // Zalo documents every method as POST.
      if (req.method !== 'POST') throw new ApiError(405, 'Method Not Allowed');
      if (params instanceof ApiError) throw params;
      if (this.takeDrop(method)) {
        req.socket.destroy();
        return;
      }
      const handler = this.handlers[method];
      if (!handler) throw new ApiError(404, 'Not Found');
      const injected = this.takeInjected(method);
      if (injected) throw injected;
      if (method === 'getMe' && this.options.getMeDelayMs) await sleep(this.options.getMeDelayMs);
      const result = await handler(params, res);
      const odd = this.okAnswers.findIndex((answer) => answer.method === method);
      if (odd >= 0) {
        const [answer] = this.okAnswers.splice(odd, 1);
        sendJson(res, 200, { ok: true, result: answer?.result });
        return;
      }
      sendJson(res, 200, result === EMPTY_POLL ? { ok: true } : { ok: true, result });
    } catch (error) {
      if (error instanceof ApiError && error.code === 429) this.stats.rateLimited++;
      sendError(res, error);
    } finally {
      this.notify();
    }
  }

  private takeDrop(method: string): boolean {
    const left = this.drops.get(method) ?? 0;
    if (left <= 0) return false;
    if (left === 1) this.drops.delete(method);
    else this.drops.set(method, left - 1);
    return true;
  }

  private takeInjected(method: string): ApiError | undefined {
    const error = this.injected.take(method);
    return error && new ApiError(error.error_code, error.description);
  }

  private readonly handlers: Record<string, (p: Params, res: ServerResponse) => unknown> = {
    getMe: () => ({ id: this.botId, account_name: this.accountName, account_type: 'BASIC', can_join_groups: false }),
    getUpdates: (p, res) => this.getUpdates(p, res),
    setWebhook: (p) => this.setWebhook(p),
    deleteWebhook: () => {
      this.hook = undefined;
      this.webhookUpdatedAt = Date.now();
      // Updates still queued wait for getUpdates.
      return { url: '', updated_at: this.webhookUpdatedAt };
    },
    getWebhookInfo: () => ({ url: this.hook?.url ?? '', updated_at: this.webhookUpdatedAt }),
    sendMessage: (p) => {
      const chatId = chatIdOf(p);
      const text = textOf(p.text);
      this.admit('sendMessage', chatId);
      return this.recordSent({ method: 'sendMessage', chatId, text });
    },
    sendPhoto: (p) => {
      const chatId = chatIdOf(p);
      if (p.photo === undefined || p.photo === null || p.photo === '') throw badRequest('photo is required');
      if (!isHttpUrl(p.photo)) throw badRequest('photo must be an http(s) URL');
      if (p.caption !== undefined && p.caption !== null && typeof p.caption !== 'string')
        throw badRequest('caption must be a string');
      const caption = typeof p.caption === 'string' ? p.caption : '';
      if (caption.length > MAX_CAPTION)
        throw badRequest(`caption is too long (${caption.length} > ${MAX_CAPTION} characters)`);
      this.admit('sendPhoto', chatId);
      return this.recordSent({ method: 'sendPhoto', chatId, text: caption, photo: p.photo });
    },
    sendSticker: (p) => {
      const chatId = chatIdOf(p);
      if (typeof p.sticker !== 'string' || p.sticker === '') throw badRequest('sticker is required');
      this.admit('sendSticker', chatId);
      // Copies of Zalo's docs show sendSticker answering like sendMessage; stickers are not kept in `sent` (see `calls`).
      return { message_id: this.newId(), date: Date.now() };
    },
    sendChatAction: (p) => {
      const chatId = chatIdOf(p);
      // Only "typing" is documented as available (Zalo lists "upload_photo" as coming).
      if (p.action !== 'typing') throw badRequest('action must be "typing"');
      this.admit('sendChatAction', chatId);
      return true;
    },
  };

  /** Checks of a send that passed validation: a blocked user, then the quota. */
  private admit(method: string, chatId: string): void {
    if (this.blocked.has(chatId)) throw new ApiError(403, BLOCKED);
    const limit = this.options.ratePerSecond;
    if (limit === undefined || !RATE_LIMITED.has(method)) return;
    const now = Date.now();
    // Zalo publishes no numeric limit and no retry_after, only "quota exceeded".
    if (this.window.isFull(limit, now)) throw new ApiError(429, 'quota exceeded');
    this.window.record(now);
  }

  private recordSent(fields: Omit<ZaloSentMessage, 'messageId' | 'date' | 'at'>): { message_id: string; date: number } {
    const result = { message_id: this.newId(), date: Date.now() };
    this.sent.push({ ...fields, messageId: result.message_id, date: result.date, at: Date.now() });
    this.notify();
    return result;
  }

  // ---------------------------------------------------------------- updates

  /**
   * One update per call, removed from the queue as it is handed out (there is no offset to confirm it). Several pending long
   * polls are served oldest first (Zalo says nothing about concurrent polls; Telegram would end the older one with 409).
   */
  private getUpdates(p: Params, res: ServerResponse): unknown {
    // The notes only say getUpdates "does not work" with a webhook set; the code chosen for that is 400.
    if (this.hook) throw new ApiError(400, WEBHOOK_ACTIVE);
    const seconds = Math.min(pollSeconds(p.timeout), this.options.longPollMaxSeconds ?? Infinity);
    const ready = this.queue.shift();
    if (ready) return ready;
    const empty = () => (this.options.emptyPoll === 'ok-without-result' ? EMPTY_POLL : undefined);
    if (seconds <= 0 || this.closing) {
      if (empty()) return empty();
      throw requestTimeout();
    }
    return new Promise((resolve, reject) => {
      const finish = () => {
        clearTimeout(timer);
        res.off('close', onClose);
        const index = this.pollers.indexOf(poller);
        if (index >= 0) this.pollers.splice(index, 1);
      };
      const poller: Poller = {
        deliver: (update) => {
          finish();
          resolve(update);
        },
        fail: (error) => {
          finish();
          reject(error);
        },
      };
      const timer = setTimeout(
        () => {
          if (empty()) {
            finish();
            resolve(empty());
          } else poller.fail(requestTimeout());
        },
        Math.min(seconds * 1000, 2 ** 31 - 1),
      );
      // The client gave up (aborted its request): forget the poll so that the next update is not handed to nobody.
      const onClose = () => poller.fail(requestTimeout());
      res.on('close', onClose);
      this.pollers.push(poller);
    });
  }

  private feedPollers(): void {
    while (this.pollers.length > 0 && this.queue.length > 0) this.pollers[0]!.deliver(this.queue.shift()!);
  }

  private setWebhook(p: Params): { url: string; updated_at: number } {
    const url = p.url;
    if (typeof url !== 'string' || url === '') throw badRequest('url is required');
    if (!URL.canParse(url) || new URL(url).protocol !== 'https:' || new URL(url).host === '')
      throw badRequest('url must be an HTTPS URL');
    const secret = p.secret_token;
    // Counted in UTF-16 code units, as texts are; the allowed characters are undocumented, so any are accepted.
    if (typeof secret !== 'string' || secret.length < 8 || secret.length > 256)
      throw badRequest('secret_token must be 8 to 256 characters');
    this.webhookUpdatedAt = Date.now();
    this.hook = { url, secretToken: secret, updatedAt: this.webhookUpdatedAt };
    for (const poller of [...this.pollers]) poller.fail(new ApiError(400, WEBHOOK_ACTIVE));
    void this.pumpWebhook();
    return { url, updated_at: this.webhookUpdatedAt };
  }

  /**
   * Delivers queued updates to the webhook one at a time, in order, trying each `webhookAttempts` times (any 2xx is success)
   * before giving up on it and moving on. Zalo's retry policy is undocumented; this one lets tests exercise retries.
   */
  private async pumpWebhook(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      for (;;) {
        const hook = this.hook;
        const update = hook && !this.closing ? this.queue[0] : undefined;
        if (!hook || !update) return;
        let shape = this.webhookBodyShape;
        const delivered = await deliverWithRetries({
          attempts: Math.max(1, this.options.webhookAttempts ?? 3),
          delayMs: this.options.webhookRetryDelayMs ?? 100,
          signal: this.shutdown.signal,
          stillWanted: () => this.hook === hook && !this.closing,
          post: () => {
            shape = this.webhookBodyShape;
            return postJson(
              this.reach(hook.url),
              this.webhookBody(update, shape),
              { 'X-Bot-Api-Secret-Token': hook.secretToken },
              this.shutdown.signal,
            );
          },
          record: (result, attempt) => {
            this.webhookDeliveries.push({
              ...describeUpdate(update),
              status: result.status,
              attempt,
              shape,
              ...(result.error !== undefined && { error: result.error }),
              at: Date.now(),
            });
            this.notify();
          },
          // Delivered or given up on: the next update either way.
          moveOn: () => {
            if (this.queue[0] === update) this.queue.shift();
          },
        });
        if (!delivered) return; // left queued for whoever reads updates next
      }
    } finally {
      this.pumping = false;
      if (this.hook && !this.closing && this.queue.length > 0) void this.pumpWebhook();
    }
  }
}

/** Starts a fake Zalo Bot API server on 127.0.0.1 at a random port; point the client's API root at `fake.apiRoot`. */
export async function startFakeZalo(options: FakeZaloOptions = {}): Promise<FakeZalo> {
  const fake = new FakeZalo(options);
  await fake.listen();
  return fake;
}
