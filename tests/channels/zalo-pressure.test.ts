// Zalo under pressure, against the fake with its documented behaviours: start-up, quota bursts, pictures, "typing".
import { afterEach, describe, expect, it } from 'vitest';
import type { ChatReachability } from '../../src/channels/channel.js';
import { createZaloChannel, type ZaloChannel } from '../../src/channels/zalo/bot.js';
import type { Conversation, IncomingMessage } from '../../src/chat/types.js';
import { createConfig } from '../../src/config.js';
import { createPublicFiles, FILES_PREFIX } from '../../src/http/files.js';
import { type HttpServer, startHttpServer } from '../../src/http/server.js';
import { createLogger } from '../../src/logger.js';
import { type FakeZalo, startFakeZalo } from '../support/fake-zalo.js';

const logger = createLogger({ level: 'silent' });
const nobody: ChatReachability = { set: async () => false };
const echo = (delayMs = 0): Conversation => ({
  async handle(message: IncomingMessage) {
    if (delayMs) await new Promise((resolve) => setTimeout(resolve, delayMs));
    return [{ text: [`đã nhận: ${message.text ?? message.kind}`] }];
  },
});

describe('Zalo under pressure', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function setUp(options: {
    fake?: Parameters<typeof startFakeZalo>[0];
    env?: Record<string, string>;
    conversation?: Conversation;
    photos?: boolean;
    http?: boolean;
  }): Promise<{ fake: FakeZalo; channel: ZaloChannel; http: HttpServer | undefined }> {
    let http: HttpServer | undefined;
    if (options.http || options.photos) {
      http = await startHttpServer({ host: '127.0.0.1', port: 0, logger });
      const server = http;
      cleanups.push(() => server.close());
    }
    const root = 'https://dondoc.example.org';
    const fake = await startFakeZalo({
      longPollMaxSeconds: 1,
      ...(http ? { resolveWebhookUrl: (url: string) => url.replace(root, `http://127.0.0.1:${http?.port}`) } : {}),
      ...options.fake,
    });
    cleanups.push(() => fake.close());
    const config = createConfig({ ZALO_BOT_TOKEN: fake.token, ZALO_API_ROOT: fake.apiRoot, ...options.env });
    const files = options.photos && http ? createPublicFiles({ baseUrl: `http://127.0.0.1:${http.port}` }) : undefined;
    if (files && http) http.prefixRoute('GET', FILES_PREFIX, files.handler);
    const channel = createZaloChannel({
      config: config.zalo!,
      conversation: options.conversation ?? echo(),
      reachability: nobody,
      logger,
      pollSeconds: 1,
      retryDelayMs: 20,
      client: { backoffMs: 20 },
      typingAfterMs: 300,
      ...(files ? { photos: files } : {}),
    });
    cleanups.push(() => channel.stop());
    if (channel.webhook && http) http.route('POST', channel.webhook.path, channel.webhook.handler);
    return { fake, channel, http };
  }

  it('answers 503 to webhook calls until it has reached Zalo, so no update is acknowledged and lost', async () => {
    const secret = 'zalo-secret-0123456789';
    const { fake, channel, http } = await setUp({
      fake: { getMeDelayMs: 1_500 },
      http: true,
      env: {
        ZALO_MODE: 'webhook',
        ZALO_WEBHOOK_URL: 'https://dondoc.example.org/zalo/hook',
        ZALO_WEBHOOK_SECRET: secret,
      },
    });
    const user = { id: fake.newId(), display_name: 'A' };
    const update = {
      event_name: 'message.text.received',
      message: {
        message_id: fake.newId(),
        date: Date.now(),
        from: { id: user.id, display_name: 'A', is_bot: false },
        chat: { id: user.id, chat_type: 'PRIVATE' },
        text: 'xin chào',
      },
    };
    const url = `http://127.0.0.1:${http!.port}/zalo/hook`;
    expect((await fake.postUpdate(update, { secret, url })).status).toBe(503);
    await channel.ready;
    expect((await fake.postUpdate(update, { secret, url })).status).toBe(200);
    const [reply] = await fake.waitForSent((m) => m.chatId === user.id);
    expect(reply!.text).toBe('đã nhận: xin chào');
  });

  it('delivers every reply through a quota burst (429 without retry_after): the quota is waited out', async () => {
    const { fake, channel } = await setUp({
      fake: { ratePerSecond: 10 },
      // The bot believes it may send 100 a second: Zalo's 429s must slow it down, not lose replies.
      env: { ZALO_SENDS_PER_SECOND: '100' },
    });
    await channel.ready;
    const users = Array.from({ length: 30 }, () => ({ id: fake.newId(), display_name: 'B' }));
    for (const user of users) fake.sendText(user, 'câu hỏi');
    await fake.waitForSent(() => true, { count: 30, timeoutMs: 30_000 });
    expect(new Set(fake.sent.map((m) => m.chatId))).toEqual(new Set(users.map((u) => u.id)));
    expect(fake.stats.rateLimited).toBeGreaterThan(0);
  });

  it('shows "typing" when an answer takes longer than a moment, and not when it is quick', async () => {
    const { fake, channel } = await setUp({ conversation: echo(1_000) });
    await channel.ready;
    const slow = { id: fake.newId(), display_name: 'C' };
    fake.sendText(slow, 'chậm');
    await fake.waitForSent((m) => m.chatId === slow.id);
    const actions = fake.calls.filter((c) => c.method === 'sendChatAction');
    expect(actions.map((c) => c.params)).toEqual([{ chat_id: slow.id, action: 'typing' }]);
    expect(actions[0]!.at).toBeLessThan(fake.sent.find((m) => m.chatId === slow.id)!.at);
  });

  it('sends a picture by an unguessable, expiring URL on its own HTTP server, and no empty text', async () => {
    const { fake, channel } = await setUp({ photos: true });
    await channel.ready;
    const chat = fake.newId();
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);
    const outcome = await channel.deliver(chat, [
      { text: ['Ma trận'], file: { name: 'm.png', mimeType: 'image/png', data: png, kind: 'photo' } },
      { text: ['  '] },
    ]);
    expect(outcome.ok).toBe(true);
    const [photo, caption] = fake.sentTo(chat);
    expect(photo).toMatchObject({ method: 'sendPhoto' });
    expect(photo!.photo).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/files\/[0-9a-f]{64}\.png$/);
    expect(caption).toMatchObject({ method: 'sendMessage', text: 'Ma trận' });
    expect(fake.sentTo(chat)).toHaveLength(2);
    const served = await fetch(photo!.photo!);
    expect(served.status).toBe(200);
    expect(new Uint8Array(await served.arrayBuffer())).toEqual(png);
    expect((await fetch(photo!.photo!.replace(/[0-9a-f]{64}/, '0'.repeat(64)))).status).toBe(404);
  });

  it('forgets a published picture after its lifetime', async () => {
    let now = 0;
    const http = await startHttpServer({ host: '127.0.0.1', port: 0, logger });
    cleanups.push(() => http.close());
    const files = createPublicFiles({ baseUrl: `http://127.0.0.1:${http.port}`, lifetimeMs: 1_000, now: () => now });
    http.prefixRoute('GET', FILES_PREFIX, files.handler);
    const url = files.publish(new Uint8Array([1]), 'image/png');
    expect((await fetch(url)).status).toBe(200);
    now = 1_000;
    expect((await fetch(url)).status).toBe(404);
  });
});
