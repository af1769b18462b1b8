// The fake Zalo Bot Platform API server, driven with plain fetch over HTTP.
import { afterEach, describe, expect, it } from 'vitest';
import { type FakeZalo, type FakeZaloOptions, startFakeZalo, type ZaloUpdate } from '../support/fake-zalo.js';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver.js';

const fakes: FakeZalo[] = [];
const receivers: WebhookReceiver[] = [];

afterEach(async () => {
  for (const fake of fakes.splice(0)) await fake.close();
  for (const receiver of receivers.splice(0)) await receiver.close();
});

async function setup(options: FakeZaloOptions = {}): Promise<FakeZalo> {
  const fake = await startFakeZalo(options);
  fakes.push(fake);
  return fake;
}

interface Answer {
  status: number;
  body: { ok: boolean; result?: unknown; error_code?: number; description?: string };
}

/** POSTs `params` as JSON (no body when undefined) and returns the HTTP status and the parsed answer. */
async function call(
  fake: FakeZalo,
  method: string,
  params?: Record<string, unknown>,
  token = fake.token,
): Promise<Answer> {
  const response = await fetch(fake.methodUrl(method, token), {
    method: 'POST',
    ...(params !== undefined && { headers: { 'content-type': 'application/json' }, body: JSON.stringify(params) }),
  });
  return { status: response.status, body: (await response.json()) as Answer['body'] };
}

function expectError(answer: Answer, code: number, description?: string | RegExp): void {
  expect(answer.status).toBe(code);
  expect(answer.body).toMatchObject({ ok: false, error_code: code });
  if (description !== undefined) expect(answer.body.description).toMatch(description);
}

/** A webhook receiver answering with the given statuses in turn (then 200), or 401 when the secret is not `secret`; closed after the test. */
async function receiver(options: { statuses?: number[]; secret?: string } = {}): Promise<WebhookReceiver> {
  const secret = options.secret === undefined ? undefined : { header: 'x-bot-api-secret-token', value: options.secret };
  const hook = await startWebhookReceiver({ path: '/zalo/hook', statuses: options.statuses, secret });
  receivers.push(hook);
  return hook;
}

const HOOK_URL = 'https://bot.example.test/zalo/hook';
const SECRET = 'webhook-secret-1';
const USER = { id: 'e4ea2cd5189df1c3a88c', display_name: 'Nguyễn Văn An' };

describe('fake Zalo server', () => {
  it('answers getMe, with or without a body', async () => {
    const fake = await setup({ accountName: 'bot.Test' });
    const me = {
      ok: true,
      result: { id: '1234567890', account_name: 'bot.Test', account_type: 'BASIC', can_join_groups: false },
    };
    expect(await call(fake, 'getMe', {})).toEqual({ status: 200, body: me });
    expect(await call(fake, 'getMe')).toEqual({ status: 200, body: me });
    expect(fake.stats).toMatchObject({ requests: 2, byMethod: { getMe: 2 } });
  });

  it('answers 401 for a wrong token and 404 for an unknown method', async () => {
    const fake = await setup();
    expect(await call(fake, 'getMe', {}, '1234567890:wrong')).toEqual({
      status: 401,
      body: { ok: false, error_code: 401, description: 'Unauthorized' },
    });
    expect(fake.calls).toEqual([]);
    expect(await call(fake, 'sendPoll', {})).toEqual({
      status: 404,
      body: { ok: false, error_code: 404, description: 'Not Found' },
    });
    const notAnObject = await fetch(fake.methodUrl('getMe'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '[1]',
    });
    expect(notAnObject.status).toBe(400);
    expect(await notAnObject.json()).toMatchObject({
      ok: false,
      error_code: 400,
      description: expect.stringMatching(/JSON object/),
    });
    const viaGet = await fetch(fake.methodUrl('getMe'));
    expect(viaGet.status).toBe(405);
  });

  it('hands out one queued update per getUpdates, as an object, and removes it', async () => {
    const fake = await setup({ longPollMaxSeconds: 0.05 });
    const text = fake.sendText(USER, '/start');
    const image = fake.sendImage({ id: USER.id }, { photo_url: 'https://example.test/a.jpg', caption: 'ảnh' });
    expect(text).toMatchObject({
      event_name: 'message.text.received',
      message: {
        from: { id: USER.id, display_name: USER.display_name, is_bot: false },
        chat: { id: USER.id, chat_type: 'PRIVATE' },
        text: '/start',
      },
    });
    expect(text.message.message_id).toMatch(/^[0-9a-f]{20}$/);
    expect(text.message.message_id).not.toBe(image.message.message_id);
    expect(Math.abs(text.message.date - Date.now())).toBeLessThan(5_000);
    // The display name given once is remembered for the same user.
    expect(image.message).toMatchObject({
      from: { display_name: USER.display_name },
      photo_url: 'https://example.test/a.jpg',
      caption: 'ảnh',
    });

    expect(await call(fake, 'getUpdates', { timeout: '30' })).toEqual({
      status: 200,
      body: { ok: true, result: text },
    });
    expect(await call(fake, 'getUpdates', { timeout: 30 })).toEqual({ status: 200, body: { ok: true, result: image } });
    expectError(await call(fake, 'getUpdates', { timeout: '30' }), 408, 'Request timeout');

    // A redelivery is the same update again; stickers and unsupported messages have their own events.
    fake.enqueue(text);
    const sticker = fake.sendSticker(USER, '0e078a2fb66a5f34067b');
    const unsupported = fake.sendUnsupported(USER);
    expect(fake.pendingUpdates).toBe(3);
    expect((await call(fake, 'getUpdates', { timeout: '1' })).body.result).toEqual(text);
    expect((await call(fake, 'getUpdates', { timeout: '1' })).body.result).toMatchObject({
      event_name: 'message.sticker.received',
      message: { sticker: '0e078a2fb66a5f34067b' },
    });
    const last = (await call(fake, 'getUpdates', { timeout: '1' })).body.result as ZaloUpdate;
    expect(last).toEqual(unsupported);
    expect(Object.keys(last.message).sort()).toEqual(['chat', 'date', 'from', 'message_id']);
    expect(sticker.message.message_id).not.toBe(unsupported.message.message_id);
  });

  it('answers a pending long poll as soon as an update arrives', async () => {
    const fake = await setup();
    const poll = call(fake, 'getUpdates', { timeout: '30' });
    await fake.waitForCalls('getUpdates');
    const update = fake.sendText(USER, 'xin chào');
    expect(await poll).toEqual({ status: 200, body: { ok: true, result: update } });
    expect(fake.pendingUpdates).toBe(0);
  });

  it('ends an empty long poll with 408 after the (capped) timeout', async () => {
    const fake = await setup({ longPollMaxSeconds: 0.2 });
    const started = Date.now();
    expectError(await call(fake, 'getUpdates', { timeout: '30' }), 408, 'Request timeout');
    expect(Date.now() - started).toBeGreaterThanOrEqual(150);
    expect(Date.now() - started).toBeLessThan(5_000);
    expectError(await call(fake, 'getUpdates', { timeout: 'soon' }), 400, /timeout/);
  });

  it('refuses getUpdates while a webhook is set, including a poll already waiting', async () => {
    const fake = await setup();
    const waiting = call(fake, 'getUpdates', { timeout: '30' });
    await fake.waitForCalls('getUpdates');
    expect((await call(fake, 'setWebhook', { url: HOOK_URL, secret_token: SECRET })).status).toBe(200);
    expectError(await waiting, 400, /webhook/);
    expectError(await call(fake, 'getUpdates', { timeout: '1' }), 400, /deleteWebhook/);
    expect((await call(fake, 'deleteWebhook', {})).status).toBe(200);
    fake.sendText(USER, 'back to polling');
    expect((await call(fake, 'getUpdates', { timeout: '1' })).body.result).toMatchObject({
      message: { text: 'back to polling' },
    });
  });

  it('validates setWebhook and reports the webhook', async () => {
    const fake = await setup();
    expectError(
      await call(fake, 'setWebhook', { url: 'http://bot.example.test/hook', secret_token: SECRET }),
      400,
      /HTTPS/,
    );
    expectError(await call(fake, 'setWebhook', { url: 'not a url', secret_token: SECRET }), 400, /HTTPS/);
    expectError(await call(fake, 'setWebhook', { url: HOOK_URL, secret_token: 'short' }), 400, /secret_token/);
    expectError(await call(fake, 'setWebhook', { url: HOOK_URL, secret_token: 'x'.repeat(257) }), 400, /secret_token/);
    expectError(await call(fake, 'setWebhook', { url: HOOK_URL }), 400, /secret_token/);
    expect((await call(fake, 'getWebhookInfo')).body.result).toMatchObject({ url: '' });

    const set = await call(fake, 'setWebhook', { url: HOOK_URL, secret_token: '12345678' });
    expect(set.body).toEqual({ ok: true, result: { url: HOOK_URL, updated_at: expect.any(Number) } });
    expect(Math.abs((set.body.result as { updated_at: number }).updated_at - Date.now())).toBeLessThan(5_000);
    expect((await call(fake, 'getWebhookInfo')).body.result).toEqual(set.body.result);
    expect(fake.webhook).toMatchObject({ url: HOOK_URL, secretToken: '12345678' });
    expect((await call(fake, 'deleteWebhook')).body).toEqual({
      ok: true,
      result: { url: '', updated_at: expect.any(Number) },
    });
    expect((await call(fake, 'getWebhookInfo')).body.result).toMatchObject({ url: '' });
    expect(fake.webhook).toBeUndefined();
  });

  it('accepts texts of 1 to 2000 characters and records what was sent', async () => {
    const fake = await setup();
    const ok = await call(fake, 'sendMessage', { chat_id: USER.id, text: 'a'.repeat(2000) });
    expect(ok.status).toBe(200);
    const result = ok.body.result as { message_id: string; date: number };
    expect(result.message_id).toMatch(/^[0-9a-f]{20}$/);
    expect(Math.abs(result.date - Date.now())).toBeLessThan(5_000);
    expectError(await call(fake, 'sendMessage', { chat_id: USER.id, text: 'a'.repeat(2001) }), 400, /too long/);
    // JavaScript string length: an emoji counts twice.
    expectError(await call(fake, 'sendMessage', { chat_id: USER.id, text: '😀'.repeat(1001) }), 400, /too long/);
    expectError(await call(fake, 'sendMessage', { chat_id: USER.id, text: '' }), 400, /empty/);
    expectError(await call(fake, 'sendMessage', { chat_id: USER.id }), 400, /empty/);
    expectError(await call(fake, 'sendMessage', { text: 'hi' }), 400, /chat_id/);
    expectError(await call(fake, 'sendMessage', { chat_id: 42, text: 'hi' }), 400, /chat_id/);

    expect(fake.sent).toEqual([
      {
        method: 'sendMessage',
        chatId: USER.id,
        text: 'a'.repeat(2000),
        messageId: result.message_id,
        date: result.date,
        at: expect.any(Number),
      },
    ]);
    expect(fake.sentTo(USER.id)).toHaveLength(1);
    expect(fake.sentTo('someone else')).toEqual([]);
    expect(fake.calls.map((c) => c.method)).toEqual(Array(7).fill('sendMessage'));
    expect(fake.calls[0]!.params).toEqual({ chat_id: USER.id, text: 'a'.repeat(2000) });
  });

  it('sends photos by URL, stickers and chat actions', async () => {
    const fake = await setup();
    const photo = await call(fake, 'sendPhoto', {
      chat_id: USER.id,
      photo: 'https://placehold.co/600x400',
      caption: 'Kế hoạch',
    });
    expect(photo.body).toEqual({
      ok: true,
      result: { message_id: expect.stringMatching(/^[0-9a-f]{20}$/), date: expect.any(Number) },
    });
    expectError(await call(fake, 'sendPhoto', { chat_id: USER.id, photo: '/tmp/plan.png' }), 400, /URL/);
    expectError(await call(fake, 'sendPhoto', { chat_id: USER.id }), 400, /photo/);
    expect((await call(fake, 'sendSticker', { chat_id: USER.id, sticker: '0e078a2fb66a5f34067b' })).body).toMatchObject(
      { ok: true, result: { message_id: expect.any(String) } },
    );
    expect(await call(fake, 'sendChatAction', { chat_id: USER.id, action: 'typing' })).toEqual({
      status: 200,
      body: { ok: true, result: true },
    });
    expectError(await call(fake, 'sendChatAction', { chat_id: USER.id, action: 'dancing' }), 400, /typing/);
    const [sent] = await fake.waitForSent((m) => m.method === 'sendPhoto');
    expect(sent).toMatchObject({
      chatId: USER.id,
      text: 'Kế hoạch',
      photo: 'https://placehold.co/600x400',
      messageId: (photo.body.result as { message_id: string }).message_id,
    });
    expect(fake.sent).toHaveLength(1);
  });

  it("answers Zalo's documented 403 (Internal server error) for a chat that blocked the bot", async () => {
    const fake = await setup();
    fake.blockChat('blocked-user');
    expectError(await call(fake, 'sendMessage', { chat_id: 'blocked-user', text: 'hi' }), 403, 'Internal server error');
    expectError(await call(fake, 'sendChatAction', { chat_id: 'blocked-user', action: 'typing' }), 403);
    expect((await call(fake, 'sendMessage', { chat_id: 'other-user', text: 'hi' })).status).toBe(200);
    fake.unblockChat('blocked-user');
    expect((await call(fake, 'sendMessage', { chat_id: 'blocked-user', text: 'hi' })).status).toBe(200);
    expect(fake.sent.map((m) => m.chatId)).toEqual(['other-user', 'blocked-user']);
  });

  it('injects failures for a number of calls', async () => {
    const fake = await setup();
    fake.failNext('sendMessage', { error_code: 429, description: 'quota exceeded' }, 2);
    fake.failNext('getMe', { error_code: 500, description: 'Internal Server Error' });
    expect(await call(fake, 'sendMessage', { chat_id: USER.id, text: 'hi' })).toEqual({
      status: 429,
      body: { ok: false, error_code: 429, description: 'quota exceeded' },
    });
    expectError(await call(fake, 'sendMessage', { chat_id: USER.id, text: 'hi' }), 429);
    expect((await call(fake, 'sendMessage', { chat_id: USER.id, text: 'hi' })).status).toBe(200);
    expectError(await call(fake, 'getMe'), 500, 'Internal Server Error');
    expect((await call(fake, 'getMe')).status).toBe(200);
    expect(fake.stats.rateLimited).toBe(2);
    expect(fake.stats.byMethod).toEqual({ sendMessage: 3, getMe: 2 });
  });

  it('answers 429 "quota exceeded" beyond the rate per second', async () => {
    const fake = await setup({ ratePerSecond: 3 });
    const answers = await Promise.all(
      [1, 2, 3, 4, 5].map((i) => call(fake, 'sendMessage', { chat_id: `user-${i}`, text: `m${i}` })),
    );
    const limited = answers.filter((a) => a.status === 429);
    expect(limited).toHaveLength(2);
    expect(limited.every((a) => a.body.description === 'quota exceeded')).toBe(true);
    expectError(await call(fake, 'sendChatAction', { chat_id: USER.id, action: 'typing' }), 429, 'quota exceeded');
    // Reading is not limited.
    expect((await call(fake, 'getMe')).status).toBe(200);
    expect(fake.stats.rateLimited).toBe(3);
    expect(fake.sent).toHaveLength(3);
  });

  it('drops the connection without answering, so that fetch throws', async () => {
    const fake = await setup();
    fake.dropConnectionNext('sendMessage');
    await expect(call(fake, 'sendMessage', { chat_id: USER.id, text: 'lost' })).rejects.toThrow(TypeError);
    expect(fake.sent).toEqual([]);
    expect((await call(fake, 'sendMessage', { chat_id: USER.id, text: 'again' })).status).toBe(200);
    expect(fake.calls.map((c) => c.params.text)).toEqual(['lost', 'again']);
  });

  it('delivers updates to the webhook with the secret header, in both body shapes, retrying failures', async () => {
    const hook = await receiver({ statuses: [500] });
    const fake = await setup({
      resolveWebhookUrl: (url) => (url === HOOK_URL ? hook.url : url),
      webhookRetryDelayMs: 5,
    });
    const first = fake.sendText(USER, 'queued before the webhook');
    expect((await call(fake, 'setWebhook', { url: HOOK_URL, secret_token: SECRET })).status).toBe(200);
    const deliveries = await fake.waitForWebhookDeliveries(2);
    expect(deliveries).toMatchObject([
      {
        event_name: 'message.text.received',
        message_id: first.message.message_id,
        status: 500,
        attempt: 1,
        shape: 'wrapped',
      },
      { message_id: first.message.message_id, status: 200, attempt: 2, shape: 'wrapped' },
    ]);
    expect(hook.received[1]!.headers['x-bot-api-secret-token']).toBe(SECRET);
    expect(hook.received[1]!.headers['content-type']).toBe('application/json');
    expect(hook.received[1]!.body).toEqual({ ok: true, result: first });

    fake.webhookBodyShape = 'bare';
    const second = fake.sendText(USER, 'bare');
    await fake.waitForWebhookDeliveries(3);
    expect(hook.received[2]!.body).toEqual(second);
    expect(hook.received[2]!.headers['x-bot-api-secret-token']).toBe(SECRET);
    expect(fake.webhookDeliveries[2]).toMatchObject({ status: 200, shape: 'bare' });
    expect(fake.pendingUpdates).toBe(0);
  });

  it('gives up on an update after the configured attempts and moves on', async () => {
    const hook = await receiver({ statuses: [503, 503] });
    const fake = await setup({
      resolveWebhookUrl: () => hook.url,
      webhookAttempts: 2,
      webhookRetryDelayMs: 1,
      webhookBodyShape: 'bare',
    });
    await call(fake, 'setWebhook', { url: HOOK_URL, secret_token: SECRET });
    const lost = fake.sendText(USER, 'lost');
    const next = fake.sendText(USER, 'next');
    const deliveries = await fake.waitForWebhookDeliveries(3);
    expect(deliveries.map((d) => [d.message_id, d.status, d.attempt])).toEqual([
      [lost.message.message_id, 503, 1],
      [lost.message.message_id, 503, 2],
      [next.message.message_id, 200, 1],
    ]);
    expect(hook.received.map((r) => r.body)).toEqual([lost, lost, next]);
  });

  it('posts one update directly with any secret', async () => {
    const hook = await receiver({ secret: SECRET });
    const fake = await setup({ resolveWebhookUrl: () => hook.url });
    const update: ZaloUpdate = {
      event_name: 'message.text.received',
      message: {
        message_id: fake.newId(),
        date: Date.now(),
        from: { id: USER.id, display_name: 'An', is_bot: false },
        chat: { id: USER.id, chat_type: 'PRIVATE' },
        text: 'forged',
      },
    };
    await expect(fake.postUpdate(update)).rejects.toThrow(/no webhook/);
    await call(fake, 'setWebhook', { url: HOOK_URL, secret_token: SECRET });

    expect((await fake.postUpdate(update, { secret: 'wrong-secret' })).status).toBe(401);
    expect((await fake.postUpdate(update, { secret: null })).status).toBe(401);
    expect(hook.received[1]!.headers['x-bot-api-secret-token']).toBeUndefined();
    expect((await fake.postUpdate(update, { shape: 'bare' })).status).toBe(200);
    expect(hook.received[2]!.body).toEqual(update);
    expect((await fake.postUpdate(update, { url: hook.url, secret: SECRET })).status).toBe(200);
    expect(hook.received[3]!.body).toEqual({ ok: true, result: update });
    // Direct posts are not deliveries of the queue.
    expect(fake.webhookDeliveries).toEqual([]);
  });

  it('rejects waitForSent with what was sent', async () => {
    const fake = await setup();
    await call(fake, 'sendMessage', { chat_id: USER.id, text: 'only this' });
    await expect(fake.waitForSent((m) => m.text === 'something else', { timeoutMs: 50 })).rejects.toThrow(
      /1 sent:\n.*"only this"/,
    );
    await expect(fake.waitForSent(undefined, { count: 1 })).resolves.toHaveLength(1);
  });

  it('close() ends a pending long poll at once', async () => {
    const fake = await startFakeZalo();
    const poll = call(fake, 'getUpdates', { timeout: '30' });
    await fake.waitForCalls('getUpdates');
    const waiting = expect(fake.waitForSent()).rejects.toThrow(/closed/);
    const started = Date.now();
    await fake.close();
    expectError(await poll, 408, 'Request timeout');
    expect(Date.now() - started).toBeLessThan(1_000);
    await waiting;
  });
});
