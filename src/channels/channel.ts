// What the rest of dondoc needs from a chat platform to reach someone unprompted (reminders, broadcasts).
import type { ChannelName, Reply } from '../chat/types.js';

export type DeliveryOutcome =
  | { ok: true; messageIds: string[] }
  /** `blocked`: the user blocked the bot (the account was marked inactive); `failed`: try again later. */
  | { ok: false; reason: 'blocked' | 'failed'; error: string; retryAfterSeconds?: number };

/** Where an adapter records that a chat blocked the bot or came back: the app's accounts, not the adapter's. */
export interface ChatReachability {
  /** True when an account's state changed. */
  set(chatId: string, reachable: boolean): Promise<boolean>;
}

export interface OutgoingChannel {
  readonly name: ChannelName;
  deliver(chatId: string, replies: Reply[]): Promise<DeliveryOutcome>;
  /** Replaces a message the bot sent (progress of a broadcast); absent where the platform cannot edit. */
  edit?(chatId: string, messageId: string, reply: Reply): Promise<DeliveryOutcome>;
}
