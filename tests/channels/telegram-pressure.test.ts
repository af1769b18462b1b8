// Telegram under pressure: grammY's real client against the fake Bot API with its flood limits, a slow getMe,
// malformed updates; the replies must all arrive, and the logs must not carry what users wrote.
import { afterEach, describe, expect, it } from 'vitest';
import type { ChatReachability, UndeliveredReplies } from '../../src/channels/channel.js';
import { createTelegramChannel, type TelegramChannel } from '../../src/channels/telegram/bot.js';
import type { Conversation, IncomingMessage } from '../../src/chat/types.js';
import { createConfig } from '../../src/config.js';
import { type HttpServer, startHttpServer } from '../../src/http/server.js';
import { loadTranslations } from '../../src/i18n.js';
import { createLogger } from '../../src/logger.js';
import { type FakeTelegram, type FakeTelegramOptions, startFakeTelegram } from '../support/fake-telegram.js';
import { waitUntil } from '../support/wait.js';

const SECRET_TEXT = 'mật khẩu hộp thư là 123456';
const echo = (delayMs = 0): Conversation => ({
  async handle(message: IncomingMessage) {
    if (delayMs) await new Promise((resolve) => setTimeout(resolve, delayMs));
    return [{ text: [`đã nhận ${message.kind}`] }];
  },
});
const nobody: ChatReachability = { set: async () => false };
const user = (id: number) => ({ id, first_name: 'Trần', last_name: 'Thị B', language_code: 'vi' });

describe('Telegram under pressure', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function setUp(options: {
    fake?: FakeTelegramOptions;
    env?: Record<string, string>;
    conversation?: Conversation;
    undelivered?: UndeliveredReplies;
    gate?: Parameters<typeof createTelegramChannel>[0]['gate'];
    http?: boolean;
  }): Promise<{ fake: FakeTelegram; channel: TelegramChannel; lines: string[]; http: HttpServer | undefined }> {
    const lines: string[] = [];
    const logger = createLogger({ level: 'debug', destination: { write: (line: string) => lines.push(line) } });
    let http: HttpServer | undefined;
    if (options.http) {
      http = await startHttpServer({ host: '127.0.0.1', port: 0, logger });
      const server = http;
      cleanups.push(() => server.close());
    }
    const fake = await startFakeTelegram({
      ...(http
        ? {
            resolveWebhookUrl: (url: string) =>
              url.replace('https://bot.example.org', `http://127.0.0.1:${http?.port}`),
          }
        : {}),
      ...options.fake,
    });
    cleanups.push(() => fake.close());
    const config = createConfig({ TELEGRAM_BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.apiRoot, ...options.env });
    const channel = createTelegramChannel({
      config: config.telegram!,
      conversation: options.conversation ?? echo(),
      reachability: nobody,
      translations: await loadTranslations(),
      logger,
      retryDelayMs: 200,
      typingAfterMs: 300,
      ...(options.undelivered ? { undelivered: options.undelivered } : {}),
      ...(options.gate ? { gate: options.gate } : {}),
    });
    cleanups.push(() => channel.stop());
    if (channel.webhook && http) http.route('POST', channel.webhook.path, channel.webhook.handler);
    return { fake, channel, lines, http };
  }

  it('loses no reply to 429s: 40 users at once against 30/s overall and 1/s per chat, and retry_after waited out', async () => {
    const { fake, channel } = await setUp({
      fake: { globalRatePerSecond: 30, perChatRatePerSecond: 1 },
      // The bot's own spacing set above Telegram's limit: the fake's 429s must be met and waited out.
      env: {},
    });
    await channel.ready;
    fake.failNext(
      'sendMessage',
      { error_code: 429, description: 'Too Many Requests: retry after 1', retry_after: 1 },
      3,
    );
    const users = Array.from({ length: 40 }, (_, i) => user(5000 + i));
    // Each asks twice: the second reply to a chat must keep a second's distance from the first.
    for (const u of users) fake.sendText(u, 'câu 1');
    for (const u of users) fake.sendText(u, 'câu 2');
    await fake.waitForSent(() => true, { count: 80, timeoutMs: 30_000 });
    const perChat = new Map<number, number[]>();
    for (const m of fake.sent) perChat.set(m.chatId, [...(perChat.get(m.chatId) ?? []), m.at]);
    expect([...perChat.values()].map((times) => times.length)).toEqual(users.map(() => 2));
    for (const [first, second] of perChat.values()) expect(second! - first!).toBeGreaterThanOrEqual(1000);
    expect(channel.gateStats().rateLimited).toBeGreaterThanOrEqual(3);
  });

  it('records a reply it still cannot send after its bound, with the reason', async () => {
    const recorded: { chatId: string; updateKey: string | undefined; reason: string }[] = [];
    const { fake, channel } = await setUp({
      undelivered: { record: async (entry) => void recorded.push(entry) },
      gate: { replyBoundMs: 1_500 },
    });
    await channel.ready;
    fake.failNext(
      'sendMessage',
      { error_code: 429, description: 'Too Many Requests: retry after 1', retry_after: 1 },
      5,
    );
    fake.sendText(user(6001), 'xin chào');
    await waitUntil(() => recorded.length === 1, { timeoutMs: 10_000 });
    expect(recorded[0]).toMatchObject({
      chatId: '6001',
      updateKey: 'm:6001:1',
      reason: expect.stringContaining('429'),
    });
  });

  it('answers 503 to webhook calls until getMe succeeded, then handles what Telegram delivers again', async () => {
    const { fake, channel, http, lines } = await setUp({
      fake: { getMeDelayMs: 1_500 },
      http: true,
      env: {
        TELEGRAM_MODE: 'webhook',
        TELEGRAM_WEBHOOK_URL: 'https://bot.example.org/tg/hook',
        TELEGRAM_WEBHOOK_SECRET: 'tg-secret-0123456789',
      },
    });
    const url = `http://127.0.0.1:${http!.port}/tg/hook`;
    const update = {
      update_id: 777,
      message: { message_id: 1, date: 1, chat: { id: 6101, type: 'private' }, from: user(6101), text: '/start' },
    };
    const early = await fake.postUpdate(update, { url, secret: 'tg-secret-0123456789' });
    expect(early.status).toBe(503);
    await channel.ready;
    expect((await fake.postUpdate(update, { url, secret: 'tg-secret-0123456789' })).status).toBe(200);
    await fake.waitForSent((m) => m.chatId === 6101);
    // A well-formed envelope around a broken update: acknowledged (it would only come again) and never handled.
    const broken = { update_id: 778, message: { message_id: 2, date: 1, from: user(6102), text: SECRET_TEXT } };
    expect((await fake.postUpdate(broken, { url, secret: 'tg-secret-0123456789' })).status).toBe(200);
    await waitUntil(() => lines.some((line) => line.includes('malformed update skipped')), { timeoutMs: 5_000 });
    expect(fake.sent.map((m) => m.chatId)).toEqual([6101]);
  });

  it('skips malformed updates with one warning each, never calling Telegram without a chat', async () => {
    const { fake, channel, lines } = await setUp({});
    await channel.ready;
    const broken = [
      { message: { message_id: 1, date: 1, from: user(6201), text: SECRET_TEXT } },
      {
        message: {
          message_id: 2,
          date: 1,
          chat: { id: 6202, type: 'private' },
          from: { ...user(6202), language_code: 7 },
          text: SECRET_TEXT,
        },
      },
      { callback_query: { id: 'q1', data: 'o:1', message: { message_id: 3, chat: { id: 6203, type: 'private' } } } },
      {
        message: { message_id: 4, date: 1, chat: { id: '6204', type: 'private' }, from: user(6204), text: SECRET_TEXT },
      },
    ];
    const ids = broken.map((update) => fake.enqueue(update).update_id);
    // Handled after them, in the same run: the bot kept going.
    fake.sendText(user(6205), 'câu hỏi');
    await fake.waitForSent((m) => m.chatId === 6205);
    const skipped = lines.filter((line) => line.includes('malformed update skipped'));
    expect(skipped.map((line) => JSON.parse(line).updateId)).toEqual(ids);
    expect(fake.sent.map((m) => m.chatId)).toEqual([6205]);
    expect(fake.calls.filter((call) => 'chat_id' in call.params && !call.params.chat_id)).toEqual([]);
    expect(lines.join('\n')).not.toContain('mật khẩu');
  });

  it('logs ids and kinds, never what the user wrote, when handling fails', async () => {
    const { fake, channel, lines } = await setUp({
      conversation: {
        handle: async (message) => {
          throw new Error(`cannot handle update ${message.updateKey}`);
        },
      },
    });
    await channel.ready;
    fake.sendText({ ...user(6301), first_name: 'Nguyễn Bí Mật' }, SECRET_TEXT);
    await waitUntil(() => lines.some((line) => line.includes('update failed')), { timeoutMs: 5_000 });
    const failed = JSON.parse(lines.find((line) => line.includes('update failed'))!);
    expect(failed).toMatchObject({ kind: 'message', updateId: expect.any(Number) });
    const all = lines.join('\n');
    expect(all).not.toContain('mật khẩu');
    expect(all).not.toContain('Bí Mật');
  });

  it('shows "typing" when the answer takes longer than a moment', async () => {
    const slowOrQuick: Conversation = {
      handle: (message) => (message.text === 'chậm' ? echo(1_000) : echo()).handle(message),
    };
    const { fake, channel } = await setUp({ conversation: slowOrQuick });
    await channel.ready;
    fake.sendText(user(6401), 'chậm');
    const [reply] = await fake.waitForSent((m) => m.chatId === 6401);
    const actions = fake.calls.filter((call) => call.method === 'sendChatAction');
    expect(actions.map((call) => call.params)).toEqual([{ chat_id: '6401', action: 'typing' }]);
    expect(actions[0]!.at).toBeLessThan(reply!.at);
    fake.sendText(user(6402), 'nhanh');
    await fake.waitForSent((m) => m.chatId === 6402);
    expect(fake.calls.filter((call) => call.method === 'sendChatAction')).toHaveLength(1);
  });
});
