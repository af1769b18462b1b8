// What the rest of dondoc needs from a chat platform to reach someone unprompted (reminders, broadcasts).
import type { ChannelName, Reply } from '../chat/types.js';

export type DeliveryOutcome =
  | { ok: true; messageIds: string[] }
  /** `blocked`: the user blocked the bot (the account was marked inactive); `failed`: try again later. */
  | { ok: false; reason: 'blocked' | 'failed'; error: string; retryAfterSeconds?: number };

/** Where an adapter records that a chat blocked the bot or came back: the app's accounts, not the adapter's. */
export interface ChatReachability {
  /** True when an account's state changed; `reason` says why an account is made unreachable (shown to admins). */
  set(chatId: string, reachable: boolean, reason?: string): Promise<boolean>;
  /**
   * A delivery failed after the client's own retries: counted, and the account is made unreachable only when
   * failures keep coming over time (a platform's passing fault must not silence an official). True when it was.
   */
  failed?(chatId: string, reason: string): Promise<boolean>;
  /** A delivery went through: the failures counted so far are forgotten. */
  reached?(chatId: string): Promise<void>;
}

/**
 * Where an adapter records what happened to a work group: the bot was removed (or the platform refuses it), or the
 * group got a new id (Telegram's upgrade to a supergroup). The app's linked groups, not the adapter's.
 */
export interface GroupReachability {
  /** The group is unlinked from deliveries at once, its pending posts cancelled; true when a linked group changed. */
  removed(chatId: string, reason: string): Promise<boolean>;
  /** The group moved to a new chat id: its link follows it. */
  migrated(chatId: string, to: string): Promise<void>;
}

/** Where a reply the platform would not take within the send gate's bound is recorded, with why (for admins). */
export interface UndeliveredReplies {
  record(entry: { chatId: string; updateKey: string | undefined; reason: string }): Promise<void>;
}

export interface OutgoingChannel {
  readonly name: ChannelName;
  deliver(chatId: string, replies: Reply[]): Promise<DeliveryOutcome>;
  /** Replaces a message the bot sent (progress of a broadcast); absent where the platform cannot edit. */
  edit?(chatId: string, messageId: string, reply: Reply): Promise<DeliveryOutcome>;
}
