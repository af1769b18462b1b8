// A chat test's bot: the real chat core and grammY channel against the fake Telegram, with helpers to talk to it.
import { createTelegramChannel, type TelegramChannel } from '../../src/channels/telegram/bot.js';
import { createConfig } from '../../src/config.js';
import type { PrismaClient } from '../../src/db/database.js';
import { createInvite, type Role } from '../../src/db/officials.js';
import { generateCode } from '../../src/domain/invite-code.js';
import { createLogger } from '../../src/logger.js';
import { createChatCore } from '../../src/main.js';
import { accountReachability, groupReachability } from '../../src/services/accounts.js';
import { type FakeTelegram, type FakeUser, type SentMessage, startFakeTelegram } from './fake-telegram.js';
import { waitUntil } from './wait.js';

export type Button = { text: string; callback_data: string };
/** What answered a message or a button: a new message, or the message the button was on as edited. */
export type View = Pick<SentMessage, 'chatId' | 'messageId' | 'visible' | 'replyMarkup'>;

export const buttons = (message: View | undefined): Button[] =>
  ((message?.replyMarkup as { inline_keyboard?: Button[][] } | undefined)?.inline_keyboard ?? []).flat();

export interface TelegramChat {
  fake: FakeTelegram;
  channel: TelegramChannel;
  /** Sends a text and waits for the first reply to it. */
  say(user: FakeUser, text: string): Promise<SentMessage>;
  /** Presses a button and returns what answered it. */
  press(user: FakeUser, on: View, data: string): Promise<View>;
  /** A new user registered in the unit with the role, through an invite and /start. */
  register(unit: string, role: Role): Promise<FakeUser>;
  /** Writes in a group and waits for the bot's next message in that group. */
  sayInGroup(
    user: FakeUser,
    group: { id: number; title?: string },
    text: string,
    replyTo?: number,
  ): Promise<SentMessage>;
  stop(): Promise<void>;
}

export async function startTelegramChat(
  prisma: PrismaClient,
  options: { now: Date; firstUserId: number; env?: Record<string, string>; pushPerSecond?: number },
): Promise<TelegramChat> {
  const logger = createLogger({ level: 'silent' });
  const fake = await startFakeTelegram();
  const config = createConfig({ TELEGRAM_BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.apiRoot, ...options.env });
  let channel: TelegramChannel | undefined;
  const core = await createChatCore({
    prisma,
    config,
    logger,
    now: () => options.now,
    telegramUsername: () => channel?.username(),
    outgoing: () => (channel ? { telegram: channel } : {}),
  });
  channel = createTelegramChannel({
    config: config.telegram!,
    conversation: core.conversation,
    reachability: accountReachability(prisma, 'telegram'),
    groups: groupReachability(prisma, 'telegram'),
    translations: core.translations,
    logger,
    // The fake sets no per-chat limit here: replies to one chat need not wait a second apart.
    gate: { perChatMs: 0 },
    pushPerSecond: options.pushPerSecond ?? 1000,
  });
  await channel.ready;
  let nextUser = options.firstUserId;

  async function say(user: FakeUser, text: string): Promise<SentMessage> {
    const before = fake.sentTo(user.id).length;
    fake.sendText(user, text);
    const [reply] = await fake.waitForSent((m) => m.chatId === user.id && fake.sentTo(user.id).indexOf(m) >= before);
    return reply!;
  }

  async function sayInGroup(
    user: FakeUser,
    group: { id: number; title?: string },
    text: string,
    replyTo?: number,
  ): Promise<SentMessage> {
    const before = fake.sentTo(group.id).length;
    fake.sendGroupText(user, group, text, replyTo !== undefined ? { replyTo } : {});
    const [reply] = await fake.waitForSent((m) => m.chatId === group.id && fake.sentTo(group.id).indexOf(m) >= before);
    return reply!;
  }

  async function press(user: FakeUser, on: View, data: string): Promise<View> {
    const before = fake.sentTo(user.id).length;
    const edits = fake.edits.length;
    fake.pressButton(user, on, data);
    await waitUntil(() => fake.edits.length > edits || fake.sentTo(user.id).length > before, { timeoutMs: 10_000 });
    if (fake.sentTo(user.id).length > before) return fake.sentTo(user.id).at(-1)!;
    const edit = fake.edits.at(-1)!;
    return {
      chatId: edit.chatId,
      messageId: edit.messageId,
      visible: edit.visible ?? '',
      replyMarkup: edit.replyMarkup,
    };
  }

  async function register(unit: string, role: Role): Promise<FakeUser> {
    const unitId = (await prisma.unit.findUniqueOrThrow({ where: { code: unit }, select: { id: true } })).id;
    const code = generateCode();
    await createInvite(prisma, {
      code,
      unitId,
      role,
      maxUses: 1,
      expiresAt: null,
      createdById: null,
      actorLabel: 'test',
    });
    const user = { id: nextUser++, first_name: role === 'admin' ? 'Quản trị' : 'Cán bộ', language_code: 'vi' };
    await say(user, `/start ${code}`);
    return user;
  }

  const ready = channel;
  return {
    fake,
    channel: ready,
    say,
    press,
    register,
    sayInGroup,
    stop: async () => {
      await ready.stop();
      await fake.close();
    },
  };
}
