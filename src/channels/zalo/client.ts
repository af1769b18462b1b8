// A small typed client for the Zalo Bot Platform API (Telegram-like; no maintained SDK exists on npm).
import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import { createSendGate, GateTimeoutError, type SendGate } from '../send-gate.js';
import { currentSendClass } from '../send-priority.js';

export const DEFAULT_ZALO_API_ROOT = 'https://bot-api.zaloplatforms.com';
/** Zalo refuses texts longer than this. */
export const ZALO_TEXT_LIMIT = 2000;

/** An error answer from Zalo, or a transport failure described the same way; never carries the token. */
export class ZaloApiError extends Error {
  constructor(
    readonly method: string,
    /** Zalo's error_code; 0 for a network failure or a malformed answer. */
    readonly errorCode: number,
    readonly description: string,
    options?: { cause?: unknown; accepted?: boolean },
  ) {
    super(`Zalo ${method} failed: ${errorCode ? `${errorCode} ` : ''}${description}`, options);
    this.name = 'ZaloApiError';
    this.accepted = options?.accepted ?? false;
  }

  /** Zalo answered `ok: true` and the answer did not fit: the call did its work and must not be made again. */
  readonly accepted: boolean;

  /**
   * Worth trying again: the network, Zalo's own failures, or its quota (429). Zalo documents 403 as "Internal
   * server error", not as a user who blocked the bot: it is retried like the other server errors.
   */
  get retryable(): boolean {
    if (this.accepted) return false;
    return this.errorCode === 0 || this.errorCode === 429 || this.errorCode === 403 || this.errorCode >= 500;
  }
}

const zaloUser = z.object({ id: z.string(), display_name: z.string().optional(), is_bot: z.boolean().optional() });
export const zaloMessageSchema = z.object({
  message_id: z.string(),
  date: z.number().optional(),
  from: zaloUser,
  chat: z.object({ id: z.string(), chat_type: z.string().optional() }),
  text: z.string().optional(),
  photo_url: z.string().optional(),
  photo: z.string().optional(),
  caption: z.string().optional(),
  sticker: z.string().optional(),
});
/** `message` is optional in the documented result: unsupported and protected-user events may come without it. */
export const zaloUpdateSchema = z.object({ event_name: z.string(), message: zaloMessageSchema.optional() });
export type ZaloUpdate = z.infer<typeof zaloUpdateSchema>;

const meSchema = z.object({
  id: z.string(),
  account_name: z.string(),
  account_type: z.string().optional(),
  can_join_groups: z.boolean().optional(),
});
const sentSchema = z.object({ message_id: z.string(), date: z.number().optional() });
const webhookInfoSchema = z.object({ url: z.string(), updated_at: z.number().optional() });

const envelope = z.object({
  ok: z.boolean(),
  result: z.unknown().optional(),
  error_code: z.number().optional(),
  description: z.string().optional(),
});

export interface ZaloClientOptions {
  token: string;
  apiRoot?: string;
  /** Per request; a long poll adds its own wait on top. */
  timeoutMs?: number;
  /** Attempts for a retryable failure (network, 5xx, 429), with exponential backoff from `backoffMs`. */
  attempts?: number;
  backoffMs?: number;
  /** Sends per second for this bot (Zalo publishes no limit; the default is conservative). */
  sendsPerSecond?: number;
  /** How long a reply, and a bulk send, may wait out 429s before it fails (tests shorten them). */
  replyBoundMs?: number;
  bulkBoundMs?: number;
}

export interface ZaloClient {
  getMe(): Promise<z.infer<typeof meSchema>>;
  /** One update, or undefined when the long poll ended empty (Zalo's 408, or `ok` without a result). */
  getUpdates(timeoutSeconds: number, signal?: AbortSignal): Promise<ZaloUpdate | undefined>;
  setWebhook(url: string, secretToken: string): Promise<z.infer<typeof webhookInfoSchema>>;
  deleteWebhook(): Promise<z.infer<typeof webhookInfoSchema>>;
  getWebhookInfo(): Promise<z.infer<typeof webhookInfoSchema>>;
  sendMessage(chatId: string, text: string): Promise<z.infer<typeof sentSchema>>;
  sendPhoto(chatId: string, photoUrl: string, caption?: string): Promise<z.infer<typeof sentSchema>>;
  sendChatAction(chatId: string, action?: 'typing'): Promise<void>;
}

export const DEFAULT_SENDS_PER_SECOND = 10;
/** Methods that send to a chat: they pass the bot's send gate. */
const SENDS = new Set(['sendMessage', 'sendPhoto', 'sendChatAction']);
const REPLY_BOUND_MS = 5 * 60_000;
const BULK_BOUND_MS = 60_000;

export function createZaloClient(options: ZaloClientOptions): ZaloClient {
  const root = (options.apiRoot ?? DEFAULT_ZALO_API_ROOT).replace(/\/+$/, '');
  const timeoutMs = options.timeoutMs ?? 15_000;
  const attempts = Math.max(1, options.attempts ?? 4);
  const backoffMs = options.backoffMs ?? 500;
  const replyBoundMs = options.replyBoundMs ?? REPLY_BOUND_MS;
  const bulkBoundMs = options.bulkBoundMs ?? BULK_BOUND_MS;
  // 10% under the configured quota: sends spaced exactly at the limit meet a sliding one-second window
  // right at its edge, and jitter turns some into 429s (measured in bench/zalo.ts). Zalo publishes no
  // per-chat limit, so none is kept.
  const sendGate: SendGate = createSendGate({ perSecond: (options.sendsPerSecond ?? DEFAULT_SENDS_PER_SECOND) * 0.9 });
  /** Zalo's 429 gives no retry_after: each one in a row doubles the pause, a send that goes through resets it. */
  let quotaStreak = 0;

  async function callOnce(
    method: string,
    body: Record<string, unknown>,
    waitMs: number,
    signal?: AbortSignal,
  ): Promise<unknown> {
    const timeout = AbortSignal.timeout(timeoutMs + waitMs);
    let response: Response;
    try {
      response = await fetch(`${root}/bot${options.token}/${method}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
        signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      });
    } catch (error) {
      // fetch's message may hold the URL, which holds the token: describe it without.
      const reason = signal?.aborted
        ? 'aborted'
        : timeout.aborted
          ? `no answer within ${timeoutMs + waitMs} ms`
          : 'network error';
      throw new ZaloApiError(method, 0, reason, { cause: stripUrl(error) });
    }
    const text = await response.text().catch(() => '');
    let parsed: z.infer<typeof envelope>;
    try {
      parsed = envelope.parse(JSON.parse(text));
    } catch {
      throw new ZaloApiError(
        method,
        response.status >= 400 ? response.status : 0,
        `unexpected answer (HTTP ${response.status})`,
      );
    }
    if (!parsed.ok)
      throw new ZaloApiError(method, parsed.error_code ?? response.status, parsed.description ?? 'no description');
    return parsed.result;
  }

  async function call<T>(
    method: string,
    body: Record<string, unknown>,
    schema: z.ZodType<T>,
    options: { waitMs?: number; signal?: AbortSignal } = {},
  ): Promise<T> {
    const send = SENDS.has(method);
    const sendClass = currentSendClass();
    const deadline = performance.now() + (sendClass === 'interactive' ? replyBoundMs : bulkBoundMs);
    let failures = 0;
    for (let attempt = 1; ; attempt += 1) {
      if (send) {
        try {
          await sendGate.take({
            chatId: String(body.chat_id),
            sendClass,
            counted: method !== 'sendChatAction',
            front: attempt > 1,
            deadline,
            signal: options.signal,
          });
        } catch (error) {
          if (error instanceof GateTimeoutError)
            throw new ZaloApiError(method, 429, 'quota exceeded for longer than the send may wait');
          throw error;
        }
      }
      let result: unknown;
      try {
        result = await callOnce(method, body, options.waitMs ?? 0, options.signal);
      } catch (error) {
        if (!(error instanceof ZaloApiError) || !error.retryable || options.signal?.aborted) throw error;
        if (error.errorCode === 429 && send) {
          // The quota is the bot's, not this chat's: every send waits, this one goes first after the pause.
          quotaStreak += 1;
          sendGate.pause(Math.min(backoffMs * 2 ** (quotaStreak - 1), 30_000));
          continue;
        }
        failures += 1;
        if (failures >= attempts) throw error;
        const delay = backoffMs * 2 ** (failures - 1) + Math.floor(Math.random() * backoffMs);
        await sleep(delay, undefined, options.signal ? { signal: options.signal } : {});
        continue;
      }
      if (send) quotaStreak = 0;
      const checked = schema.safeParse(result);
      if (checked.success) return checked.data;
      // Zalo said ok: the message went out. Calling again would send it twice.
      throw new ZaloApiError(method, 0, `unexpected result: ${checked.error.issues[0]?.message ?? 'invalid'}`, {
        accepted: true,
      });
    }
  }

  return {
    getMe: () => call('getMe', {}, meSchema),
    async getUpdates(timeoutSeconds, signal) {
      try {
        // `ok` without a result is an empty poll too: "nothing yet", not an error to back off from.
        const update = await call('getUpdates', { timeout: String(timeoutSeconds) }, zaloUpdateSchema.nullish(), {
          waitMs: timeoutSeconds * 1000,
          ...(signal ? { signal } : {}),
        });
        return update ?? undefined;
      } catch (error) {
        if (error instanceof ZaloApiError && error.errorCode === 408) return undefined;
        throw error;
      }
    },
    setWebhook: (url, secretToken) => call('setWebhook', { url, secret_token: secretToken }, webhookInfoSchema),
    deleteWebhook: () => call('deleteWebhook', {}, webhookInfoSchema),
    getWebhookInfo: () => call('getWebhookInfo', {}, webhookInfoSchema),
    async sendMessage(chatId, text) {
      // Zalo takes 1 to 2000 characters: an empty text is a bug here, not something to send.
      if (!chatId || text.trim() === '') throw new ZaloApiError('sendMessage', 400, 'empty text or chat: not sent');
      return call('sendMessage', { chat_id: chatId, text }, sentSchema).catch(acceptedSend);
    },
    sendPhoto: (chatId, photoUrl, caption) =>
      call(
        'sendPhoto',
        { chat_id: chatId, photo: photoUrl, ...(caption?.trim() ? { caption } : {}) },
        sentSchema,
      ).catch(acceptedSend),
    async sendChatAction(chatId, action = 'typing') {
      await call('sendChatAction', { chat_id: chatId, action }, z.unknown());
    },
  };
}

/** A send Zalo took (`ok: true`) with an answer of another shape: it went out, its id is unknown. */
function acceptedSend(error: unknown): z.infer<typeof sentSchema> {
  if (error instanceof ZaloApiError && error.accepted) return { message_id: '' };
  throw error;
}

function stripUrl(error: unknown): Error {
  const message =
    error instanceof Error
      ? `${error.name}: ${(error.cause as Error | undefined)?.message ?? error.message}`
      : String(error);
  return new Error(message.replace(/https?:\/\/\S+/g, '<url>'));
}
