// Chat accounts as adapters report them: a user blocked the bot (403, "kicked") or came back, deliveries that
// keep failing, replies that could not be sent; work groups the bot was removed from or that moved.
import type { ChatReachability, GroupReachability, UndeliveredReplies } from '../channels/channel.js';
import { recordUndeliveredReply } from '../db/conversations.js';
import type { PrismaClient } from '../db/database.js';
import { deactivateGroup, migrateGroup } from '../db/groups.js';
import {
  type ChannelName,
  recordDeliveryFailure,
  recordDeliverySuccess,
  setAccountActive,
  type UnreachablePolicy,
} from '../db/officials.js';

/** Five failed deliveries in a row spread over a day (Zalo: its errors say nothing of a blocked bot). */
export const DEFAULT_UNREACHABLE: UnreachablePolicy = { failures: 5, overMs: 24 * 3_600_000 };

/** Marks the accounts of a chat on one platform reachable or not; sends skip unreachable accounts. */
export function accountReachability(
  prisma: PrismaClient,
  channel: ChannelName,
  options: { unreachable?: UnreachablePolicy; now?: () => Date } = {},
): ChatReachability {
  const policy = options.unreachable ?? DEFAULT_UNREACHABLE;
  const now = options.now ?? (() => new Date());
  return {
    async set(chatId, reachable, reason) {
      return (await setAccountActive(prisma, channel, chatId, reachable, reason)) > 0;
    },
    failed: (chatId, reason) => recordDeliveryFailure(prisma, { channel, chatId }, reason, now(), policy),
    reached: (chatId) => recordDeliverySuccess(prisma, { channel, chatId }),
  };
}

export function undeliveredReplies(prisma: PrismaClient, channel: ChannelName): UndeliveredReplies {
  return { record: (entry) => recordUndeliveredReply(prisma, { channel, ...entry }) };
}

/** Work groups as adapters report them: the bot removed (or refused), a group moved to a new id. */
export function groupReachability(
  prisma: PrismaClient,
  channel: ChannelName,
  now: () => Date = () => new Date(),
): GroupReachability {
  return {
    removed: (chatId, reason) => deactivateGroup(prisma, channel, chatId, reason, now()),
    migrated: (chatId, to) => migrateGroup(prisma, channel, chatId, to),
  };
}
