// The typed Zalo client against the fake Zalo Bot API over loopback: request shapes, results, error mapping, retries.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createZaloClient, ZaloApiError, type ZaloClient } from '../../src/channels/zalo/client.js';
import { type FakeZalo, startFakeZalo } from '../support/fake-zalo.js';

describe('Zalo client', () => {
  let fake: FakeZalo;
  let client: ZaloClient;
  beforeEach(async () => {
    fake = await startFakeZalo({ longPollMaxSeconds: 1 });
    client = createZaloClient({
      token: fake.token,
      apiRoot: fake.apiRoot,
      backoffMs: 5,
      timeoutMs: 5_000,
      sendsPerSecond: 1000,
    });
  });
  afterEach(() => fake.close());

  const lastCall = (method: string) => fake.calls.filter((call) => call.method === method).at(-1)?.params;

  it('sends every method with the documented body and validates what comes back', async () => {
    expect(await client.getMe()).toMatchObject({ account_name: fake.accountName });
    const info = await client.setWebhook('https://bot.example.org/zalo', 'secret-token-123');
    expect(lastCall('setWebhook')).toEqual({ url: 'https://bot.example.org/zalo', secret_token: 'secret-token-123' });
    expect(info.url).toBe('https://bot.example.org/zalo');
    expect((await client.getWebhookInfo()).url).toBe('https://bot.example.org/zalo');
    expect((await client.deleteWebhook()).url).toBe('');

    const user = { id: fake.newId(), display_name: 'Trần Thị B' };
    const queued = fake.sendText(user, 'xin chào');
    const update = await client.getUpdates(1);
    expect(lastCall('getUpdates')).toEqual({ timeout: '1' });
    expect(update).toEqual(queued);
    // Nothing queued: Zalo answers 408, which is "nothing yet", not an error.
    expect(await client.getUpdates(1)).toBeUndefined();

    const sent = await client.sendMessage(user.id, 'Chào bạn');
    expect(lastCall('sendMessage')).toEqual({ chat_id: user.id, text: 'Chào bạn' });
    expect(sent.message_id).toEqual(fake.sent.at(-1)?.messageId);
    await client.sendPhoto(user.id, 'https://example.org/a.png', 'Ảnh');
    expect(lastCall('sendPhoto')).toEqual({ chat_id: user.id, photo: 'https://example.org/a.png', caption: 'Ảnh' });
    await client.sendChatAction(user.id);
    expect(lastCall('sendChatAction')).toEqual({ chat_id: user.id, action: 'typing' });
  });

  it('maps errors to ZaloApiError with code, description and method, never the token', async () => {
    const wrong = createZaloClient({ token: '999:not-the-token', apiRoot: fake.apiRoot, backoffMs: 1 });
    const unauthorized = await wrong.getMe().catch((error: unknown) => error);
    expect(unauthorized).toBeInstanceOf(ZaloApiError);
    expect(unauthorized).toMatchObject({ method: 'getMe', errorCode: 401, retryable: false });
    expect(String((unauthorized as Error).message)).not.toContain('not-the-token');

    // Zalo documents 403 as "Internal server error": retried like any server error, then reported.
    const blockedUser = fake.newId();
    fake.blockChat(blockedUser);
    const forbidden = await client.sendMessage(blockedUser, 'x').catch((error: unknown) => error);
    expect(forbidden).toMatchObject({ errorCode: 403, method: 'sendMessage', retryable: true });
    expect(fake.calls.filter((call) => call.method === 'sendMessage')).toHaveLength(4);

    const tooLong = await client.sendMessage(fake.newId(), 'a'.repeat(2001)).catch((error: unknown) => error);
    expect(tooLong).toMatchObject({ errorCode: 400 });

    const unreachable = createZaloClient({
      token: fake.token,
      apiRoot: 'http://127.0.0.1:9',
      attempts: 2,
      backoffMs: 1,
    });
    const network = await unreachable.getMe().catch((error: unknown) => error);
    expect(network).toMatchObject({ errorCode: 0, retryable: true });
    expect(JSON.stringify(network)).not.toContain(fake.token);
    expect(String((network as Error).message)).not.toContain(fake.token);
  });

  it('retries 429, 5xx and dropped connections with backoff, and gives up after the set attempts', async () => {
    const chat = fake.newId();
    fake.failNext('sendMessage', { error_code: 429, description: 'quota exceeded' });
    fake.failNext('sendMessage', { error_code: 502, description: 'bad gateway' });
    fake.dropConnectionNext('sendMessage');
    await client.sendMessage(chat, 'lần thứ tư');
    expect(fake.calls.filter((call) => call.method === 'sendMessage')).toHaveLength(4);
    expect(fake.sentTo(chat).map((m) => m.text)).toEqual(['lần thứ tư']);

    fake.failNext('getMe', { error_code: 500, description: 'boom' }, 10);
    const gaveUp = await client.getMe().catch((error: unknown) => error);
    expect(gaveUp).toMatchObject({ errorCode: 500 });
    expect(fake.calls.filter((call) => call.method === 'getMe')).toHaveLength(4);
  });

  it('stops a long poll when its signal aborts', async () => {
    const controller = new AbortController();
    const slowFake = await startFakeZalo({ longPollMaxSeconds: 20 });
    try {
      const slow = createZaloClient({ token: slowFake.token, apiRoot: slowFake.apiRoot });
      const poll = slow.getUpdates(20, controller.signal).catch((error: unknown) => error);
      await slowFake.waitForCalls('getUpdates', 1);
      controller.abort();
      expect(await poll).toMatchObject({ errorCode: 0, description: 'aborted' });
    } finally {
      await slowFake.close();
    }
  });

  it('never sends a message twice that Zalo accepted with an answer of an unexpected shape', async () => {
    const chat = fake.newId();
    fake.answerOkNext('sendMessage', { unexpected: true });
    expect(await client.sendMessage(chat, 'một lần thôi')).toEqual({ message_id: '' });
    expect(fake.calls.filter((call) => call.method === 'sendMessage')).toHaveLength(1);
    expect(fake.sentTo(chat).map((m) => m.text)).toEqual(['một lần thôi']);
    // Not a send: the same answer is an error, and not retried either.
    fake.answerOkNext('getMe', { id: 7 });
    expect(await client.getMe().catch((error: unknown) => error)).toMatchObject({ accepted: true, retryable: false });
    expect(fake.calls.filter((call) => call.method === 'getMe')).toHaveLength(1);
  });

  it('sends no empty text and no text without a chat', async () => {
    expect(await client.sendMessage(fake.newId(), '  ').catch((error: unknown) => error)).toBeInstanceOf(ZaloApiError);
    expect(await client.sendMessage('', 'x').catch((error: unknown) => error)).toBeInstanceOf(ZaloApiError);
    expect(fake.calls.filter((call) => call.method === 'sendMessage')).toHaveLength(0);
  });

  it('takes an update without its message, and an empty poll answered ok without a result, as documented', async () => {
    fake.sendWithoutMessage();
    expect(await client.getUpdates(1)).toEqual({ event_name: 'message.unsupported.received' });
    const okEmpty = await startFakeZalo({ longPollMaxSeconds: 0.2, emptyPoll: 'ok-without-result' });
    try {
      const other = createZaloClient({ token: okEmpty.token, apiRoot: okEmpty.apiRoot, backoffMs: 5 });
      expect(await other.getUpdates(1)).toBeUndefined();
      expect(okEmpty.calls.filter((call) => call.method === 'getUpdates')).toHaveLength(1);
    } finally {
      await okEmpty.close();
    }
  });

  it('waits out a 429 without retry_after, however many come in a row, without giving the send up', async () => {
    const chat = fake.newId();
    fake.failNext('sendMessage', { error_code: 429, description: 'quota exceeded' }, 6);
    await client.sendMessage(chat, 'vẫn đến');
    expect(fake.calls.filter((call) => call.method === 'sendMessage')).toHaveLength(7);
    expect(fake.sentTo(chat).map((m) => m.text)).toEqual(['vẫn đến']);
  });
});
