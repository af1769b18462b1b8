// One send gate per bot: the platform's overall rate and per-chat spacing, replies before bulk sends, one pause after a 429.
//
// Pure scheduling: the clock and the timer are injected, so the order and timing of sends are tested without sleeping.

/** Replies to a user come first; reminders, notices and progress edits fill the slots replies leave. */
export type SendClass = 'interactive' | 'bulk';

export interface SendGateOptions {
  /** Counted sends per second over all chats (Telegram ≈30: 29 measured in bench/broadcasts.ts). */
  perSecond: number;
  /** Least time between two counted sends to one chat (Telegram: about a second); 0 for none. */
  perChatMs?: number;
  now?: () => number;
  /** Runs `fn` after `ms`; returns a function that cancels it. */
  timer?: (fn: () => void, ms: number) => () => void;
}

export interface SendTicket {
  /** The chat the send goes to; undefined for a send that belongs to no chat. */
  chatId?: string | undefined;
  sendClass: SendClass;
  /**
   * False for what the platform's limits leave out (a "typing" action): it waits out a pause only and takes
   * no slot. Default true.
   */
  counted?: boolean;
  /** A send that met a 429 goes again before the others of its class (it was first in line already). */
  front?: boolean;
  /** Absolute time (the gate's clock) after which the send is given up with a GateTimeoutError. */
  deadline?: number;
  signal?: AbortSignal | undefined;
}

/** The send waited longer than its bound. */
export class GateTimeoutError extends Error {
  override name = 'GateTimeoutError';
}

export interface SendGateStats {
  waiting: Record<SendClass, number>;
  /** Sends let through, by class. */
  passed: Record<SendClass, number>;
  pauses: number;
  timedOut: number;
}

export interface SendGate {
  /** Resolves when the send may go now; rejects with GateTimeoutError after its deadline, or when its signal aborts. */
  take(ticket: SendTicket): Promise<void>;
  /** Holds every send for `ms` from now (a 429's retry_after, or a back-off where the platform gives none). */
  pause(ms: number): void;
  stats(): SendGateStats;
}

interface Waiter {
  chatId: string | undefined;
  counted: boolean;
  deadline: number;
  resolve(): void;
  reject(error: Error): void;
  detach(): void;
}

export function createSendGate(options: SendGateOptions): SendGate {
  const now = options.now ?? (() => performance.now());
  const timer =
    options.timer ??
    ((fn, ms) => {
      const handle = setTimeout(fn, ms);
      return () => clearTimeout(handle);
    });
  const interval = 1000 / options.perSecond;
  const perChatMs = options.perChatMs ?? 0;
  const queues: Record<SendClass, Waiter[]> = { interactive: [], bulk: [] };
  const chatFreeAt = new Map<string, number>();
  const passed: Record<SendClass, number> = { interactive: 0, bulk: 0 };
  let nextSlot = Number.NEGATIVE_INFINITY;
  let pausedUntil = Number.NEGATIVE_INFINITY;
  let pauses = 0;
  let timedOut = 0;
  let cancelTimer: (() => void) | undefined;
  let wakeAt = Number.POSITIVE_INFINITY;

  function remove(queue: Waiter[], index: number): Waiter {
    const [waiter] = queue.splice(index, 1);
    waiter?.detach();
    return waiter as Waiter;
  }

  /** The first waiter that may go at `t`, replies first; the earliest time something else could go otherwise. */
  function pick(t: number): { sendClass: SendClass; index: number } | { wake: number } {
    let wake = Number.POSITIVE_INFINITY;
    if (t < pausedUntil) return { wake: pausedUntil };
    for (const sendClass of ['interactive', 'bulk'] as const) {
      const queue = queues[sendClass];
      for (let index = 0; index < queue.length; index += 1) {
        const waiter = queue[index] as Waiter;
        if (waiter.deadline <= t) {
          remove(queue, index).reject(new GateTimeoutError('waited longer than its bound for a send slot'));
          timedOut += 1;
          index -= 1;
          continue;
        }
        wake = Math.min(wake, waiter.deadline);
        if (!waiter.counted) return { sendClass, index };
        // A chat still within its spacing does not hold up the other chats behind it.
        const chatAt = waiter.chatId === undefined ? t : (chatFreeAt.get(waiter.chatId) ?? t);
        const at = Math.max(nextSlot, chatAt);
        if (at <= t) return { sendClass, index };
        wake = Math.min(wake, at);
      }
    }
    return { wake };
  }

  function pump(): void {
    const t = now();
    for (;;) {
      const next = pick(t);
      if ('wake' in next) {
        schedule(next.wake, t);
        return;
      }
      const waiter = remove(queues[next.sendClass], next.index);
      if (waiter.counted) {
        nextSlot = Math.max(t, nextSlot) + interval;
        if (waiter.chatId !== undefined && perChatMs > 0) chatFreeAt.set(waiter.chatId, t + perChatMs);
      }
      passed[next.sendClass] += 1;
      waiter.resolve();
    }
  }

  function schedule(at: number, t: number): void {
    if (at === wakeAt && cancelTimer) return;
    cancelTimer?.();
    cancelTimer = undefined;
    wakeAt = at;
    if (at === Number.POSITIVE_INFINITY) return;
    cancelTimer = timer(
      () => {
        cancelTimer = undefined;
        wakeAt = Number.POSITIVE_INFINITY;
        pump();
      },
      Math.max(0, at - t),
    );
    if (chatFreeAt.size > 10_000) for (const [chat, at] of chatFreeAt) if (at <= t) chatFreeAt.delete(chat);
  }

  return {
    take(ticket) {
      return new Promise<void>((resolve, reject) => {
        if (ticket.signal?.aborted) return reject(ticket.signal.reason as Error);
        const queue = queues[ticket.sendClass];
        const onAbort = () => {
          const index = queue.indexOf(waiter);
          if (index >= 0) remove(queue, index);
          reject(ticket.signal?.reason as Error);
        };
        const waiter: Waiter = {
          chatId: ticket.chatId,
          counted: ticket.counted ?? true,
          deadline: ticket.deadline ?? Number.POSITIVE_INFINITY,
          resolve,
          reject,
          detach: () => ticket.signal?.removeEventListener('abort', onAbort),
        };
        ticket.signal?.addEventListener('abort', onAbort, { once: true });
        if (ticket.front) queue.unshift(waiter);
        else queue.push(waiter);
        pump();
      });
    },
    pause(ms) {
      const until = now() + ms;
      if (until <= pausedUntil) return;
      pausedUntil = until;
      pauses += 1;
      pump();
    },
    stats: () => ({
      waiting: { interactive: queues.interactive.length, bulk: queues.bulk.length },
      passed: { ...passed },
      pauses,
      timedOut,
    }),
  };
}
