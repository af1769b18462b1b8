// A burst: many officials ask at once while a large notice goes out, against the fake Telegram with its real limits
// (30/s overall, 1/s per chat). Shared by tests/channels/burst.test.ts (small) and bench/channels.ts (full size).
import { createBroadcastWorker } from '../../src/broadcasts/worker.js';
import { createTelegramChannel } from '../../src/channels/telegram/bot.js';
import { createConfig } from '../../src/config.js';
import { broadcastProgress, queueBroadcast } from '../../src/db/broadcasts.js';
import type { PrismaClient } from '../../src/db/database.js';
import type { Logger } from '../../src/logger.js';
import { createChatCore } from '../../src/main.js';
import { accountReachability, undeliveredReplies } from '../../src/services/accounts.js';
import { startFakeTelegram } from './fake-telegram.js';
import { waitUntil } from './wait.js';

export const BURST_NOTICE = 'Thông báo khẩn: họp giao ban toàn tỉnh lúc 8 giờ thứ Hai.';
const QUESTIONS = [
  'việc gì đến hạn tháng 9/2012?',
  'đơn vị tôi cần làm gì?',
  'việc nào quá hạn?',
  'quý III/2012 có việc gì?',
];

export interface BurstResult {
  users: number;
  recipients: number;
  /** From a question being queued at the fake to the bot's first reply to that chat arriving there. */
  replyLatencyMs: number[];
  repliesMissing: number;
  noticeReached: number;
  noticeTwice: number;
  /** Notices per second from the first to the last, while the replies took their share of the 30/s. */
  noticeRate: number;
  /** Every message per second over the whole burst (replies and notices), against Telegram's 30/s. */
  overallRate: number;
  rateLimited: number;
  undelivered: number;
  seconds: number;
}

/**
 * `recipients` officials with a Telegram account each (chat ids from 900000) in the demo plan's units; the first
 * `users` of them each ask one question, spread over `spreadMs`, a second after the notice to all started going out.
 */
export async function runBurst(options: {
  prisma: PrismaClient;
  logger: Logger;
  now: Date;
  users: number;
  recipients: number;
  spreadMs: number;
  timeoutMs: number;
}): Promise<BurstResult> {
  const { prisma, logger } = options;
  const units = await prisma.unit.findMany({ select: { id: true }, orderBy: { id: 'asc' } });
  await prisma.official.createMany({
    data: Array.from({ length: options.recipients }, (_, i) => ({
      name: `Cán bộ ${i}`,
      unitId: units[i % units.length]!.id,
    })),
  });
  const officials = await prisma.official.findMany({ select: { id: true }, orderBy: { id: 'asc' } });
  await prisma.channelAccount.createMany({
    data: officials.map((o, i) => ({
      officialId: o.id,
      channel: 'telegram' as const,
      externalId: String(900_000 + i),
      chatId: String(900_000 + i),
    })),
  });
  const fake = await startFakeTelegram({ globalRatePerSecond: 30, perChatRatePerSecond: 1 });
  const config = createConfig({ TELEGRAM_BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.apiRoot });
  const core = await createChatCore({ prisma, config, logger, now: () => options.now });
  const channel = createTelegramChannel({
    config: config.telegram!,
    conversation: core.conversation,
    reachability: accountReachability(prisma, 'telegram'),
    undelivered: undeliveredReplies(prisma, 'telegram'),
    translations: core.translations,
    logger,
  });
  const worker = createBroadcastWorker({
    prisma,
    channels: { telegram: channel },
    translations: core.translations,
    logger,
    instance: 'burst',
    idleMs: 200,
  });
  const started = performance.now();
  try {
    await channel.ready;
    const { id } = await queueBroadcast(
      prisma,
      { text: BURST_NOTICE, audience: { kind: 'all' }, actor: { label: 'burst' } },
      options.now,
    );
    worker.start();
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const asked = new Map<number, number>();
    const askers = Array.from({ length: options.users }, (_, i) => 900_000 + i);
    for (const [i, chatId] of askers.entries()) {
      const at = (options.spreadMs * i) / options.users;
      setTimeout(() => {
        asked.set(chatId, Date.now());
        fake.sendText(
          { id: chatId, first_name: 'Cán bộ', last_name: String(i), language_code: 'vi' },
          QUESTIONS[i % 4]!,
        );
      }, at);
    }
    const isNotice = (visible: string) => visible.includes('họp giao ban toàn tỉnh');
    const replyAt = () => {
      const first = new Map<number, number>();
      for (const m of fake.sent)
        if (!isNotice(m.visible) && asked.has(m.chatId) && !first.has(m.chatId)) first.set(m.chatId, m.at);
      return first;
    };
    await waitUntil(
      async () => replyAt().size === options.users && (await broadcastProgress(prisma, id))?.status === 'done',
      { timeoutMs: options.timeoutMs, intervalMs: 250 },
    ).catch(() => undefined);
    const seconds = (performance.now() - started) / 1000;
    const replies = replyAt();
    const notices = fake.sent.filter((m) => isNotice(m.visible));
    const perChat = new Map<number, number>();
    for (const m of notices) perChat.set(m.chatId, (perChat.get(m.chatId) ?? 0) + 1);
    const span = (list: { at: number }[]) => ((list.at(-1)?.at ?? 0) - (list[0]?.at ?? 0)) / 1000;
    return {
      users: options.users,
      recipients: options.recipients,
      replyLatencyMs: [...replies].map(([chat, at]) => at - (asked.get(chat) ?? at)),
      repliesMissing: options.users - replies.size,
      noticeReached: perChat.size,
      noticeTwice: [...perChat.values()].filter((n) => n > 1).length,
      noticeRate: notices.length / Math.max(span(notices), 0.001),
      overallRate: fake.sent.length / Math.max(span(fake.sent), 0.001),
      rateLimited: fake.stats.rateLimited,
      undelivered: await prisma.undeliveredReply.count(),
      seconds,
    };
  } finally {
    await worker.stop();
    await channel.stop();
    await fake.close();
  }
}
