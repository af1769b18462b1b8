// Chat accounts as adapters report them: a user blocked the bot (403, "kicked") or came back.
import type { ChatReachability } from '../channels/channel.js';
import type { PrismaClient } from '../db/database.js';
import { type ChannelName, setAccountActive } from '../db/officials.js';

/** Marks the accounts of a chat on one platform reachable or not; sends skip unreachable accounts. */
export function accountReachability(prisma: PrismaClient, channel: ChannelName): ChatReachability {
  return {
    async set(chatId, reachable) {
      return (await setAccountActive(prisma, channel, chatId, reachable)) > 0;
    },
  };
}
