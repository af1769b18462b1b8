// Every Telegram call to a chat goes through the bot's send gate: 429s are waited out, 5xx and network errors retried.
import type { Transformer } from 'grammy';
import { createSendGate, GateTimeoutError, type SendGate } from '../send-gate.js';
import { currentSendClass } from '../send-priority.js';

/** Telegram's flood limits: about 30 messages a second overall, about one a second to one chat. */
export const TELEGRAM_PER_CHAT_MS = 1_050;
/** How long a reply may wait for Telegram (429s, outages) before it is recorded as undelivered. */
export const REPLY_BOUND_MS = 5 * 60_000;
/** Bulk sends give up sooner: their ledger retries them later, and their claim stays short. */
export const BULK_BOUND_MS = 60_000;
const SERVER_ERROR_ATTEMPTS = 5;

/** Chat actions ("typing") are not messages: Telegram's flood limits are about messages. */
const UNCOUNTED = new Set(['sendChatAction']);

export interface ApiGateStats {
  rateLimited: number;
  retried: number;
}

export interface ApiGate {
  readonly gate: SendGate;
  readonly transformer: Transformer;
  stats(): ApiGateStats;
}

export function createApiGate(options: {
  perSecond: number;
  perChatMs?: number;
  replyBoundMs?: number;
  bulkBoundMs?: number;
  /** First wait after a 5xx or network error; doubles (tests shorten it). */
  backoffMs?: number;
}): ApiGate {
  const gate = createSendGate({ perSecond: options.perSecond, perChatMs: options.perChatMs ?? TELEGRAM_PER_CHAT_MS });
  const backoffMs = options.backoffMs ?? 1_000;
  const stats: ApiGateStats = { rateLimited: 0, retried: 0 };

  const transformer: Transformer = async (prev, method, payload, apiSignal) => {
    // grammY types its signal with a polyfill's AbortSignal; at run time it is Node's own.
    const signal = apiSignal as unknown as AbortSignal | undefined;
    const fields = payload as Record<string, unknown> | undefined;
    if (!fields || !('chat_id' in fields)) return prev(method, payload, apiSignal);
    const chatId = fields.chat_id;
    // A call without a chat would be Telegram's error at best: refused here, before any request.
    if (chatId === undefined || chatId === null || chatId === '')
      return { ok: false, error_code: 400, description: 'Bad Request: chat_id is empty (not sent by dondoc)' };
    const sendClass = currentSendClass();
    const bound =
      sendClass === 'interactive' ? (options.replyBoundMs ?? REPLY_BOUND_MS) : (options.bulkBoundMs ?? BULK_BOUND_MS);
    const deadline = performance.now() + bound;
    let last: Awaited<ReturnType<typeof prev>> | undefined;
    let failures = 0;
    for (let attempt = 1; ; attempt += 1) {
      try {
        await gate.take({
          chatId: String(chatId),
          sendClass,
          counted: !UNCOUNTED.has(method),
          front: attempt > 1,
          deadline,
          signal,
        });
      } catch (error) {
        if (error instanceof GateTimeoutError && last) return last;
        throw error;
      }
      let response: Awaited<ReturnType<typeof prev>>;
      try {
        response = await prev(method, payload, apiSignal);
      } catch (error) {
        // A network failure: the message may or may not have arrived; trying again is what Telegram's clients do.
        failures += 1;
        if (signal?.aborted || failures >= SERVER_ERROR_ATTEMPTS) throw error;
        if (!(await backOff(failures, deadline, signal))) throw error;
        stats.retried += 1;
        continue;
      }
      if (response.ok) return response;
      last = response;
      if (response.error_code === 429) {
        stats.rateLimited += 1;
        // Everyone waits, and this send goes first when the pause ends: nothing is given up for a 429.
        gate.pause((response.parameters?.retry_after ?? 1) * 1000);
        continue;
      }
      if (response.error_code >= 500) {
        failures += 1;
        if (failures >= SERVER_ERROR_ATTEMPTS || !(await backOff(failures, deadline, signal))) return response;
        stats.retried += 1;
        continue;
      }
      return response;
    }
  };

  /** Waits before the next try; false when that would pass the deadline. */
  async function backOff(failures: number, deadline: number, signal: AbortSignal | undefined): Promise<boolean> {
    const wait = Math.min(backoffMs * 2 ** (failures - 1), 30_000);
    if (performance.now() + wait > deadline) return false;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, wait);
      signal?.addEventListener('abort', () => {
        clearTimeout(timer);
        resolve();
      });
    });
    return !signal?.aborted;
  }

  return { gate, transformer, stats: () => ({ ...stats }) };
}
