// The fake Telegram Bot API server, driven by grammY's real client over HTTP.
import { Bot, GrammyError, InlineKeyboard, InputFile } from 'grammy';
import { afterEach, describe, expect, it } from 'vitest';
import {
  type FakeTelegram,
  type FakeTelegramOptions,
  parseHtml,
  startFakeTelegram,
  visibleText,
} from '../support/fake-telegram.js';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver.js';

const fakes: FakeTelegram[] = [];
const bots: Array<{ bot: Bot; done: Promise<void>; errors: unknown[] }> = [];
const receivers: WebhookReceiver[] = [];

afterEach(async () => {
  for (const { bot, done, errors } of bots.splice(0)) {
    if (bot.isRunning()) await bot.stop();
    await done;
    expect(errors).toEqual([]);
  }
  for (const fake of fakes.splice(0)) await fake.close();
  for (const receiver of receivers.splice(0)) await receiver.close();
});

async function setup(options: FakeTelegramOptions = {}): Promise<{ fake: FakeTelegram; bot: Bot }> {
  const fake = await startFakeTelegram(options);
  fakes.push(fake);
  return { fake, bot: new Bot(fake.token, { client: { apiRoot: fake.apiRoot } }) };
}

/** Runs long polling in the background; resolves once the first getUpdates is in flight. */
async function startPolling(fake: FakeTelegram, bot: Bot): Promise<void> {
  const errors: unknown[] = [];
  bot.catch((err) => void errors.push(err));
  bots.push({ bot, errors, done: bot.start({ timeout: 30 }).catch((err: unknown) => void errors.push(err)) });
  await fake.waitForCalls('getUpdates');
}

async function rejection(promise: Promise<unknown>): Promise<GrammyError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(GrammyError);
  return error as GrammyError;
}

/** A webhook receiver answering with the given statuses in turn (then 200), closed after the test. */
async function receiver(statuses: number[] = []): Promise<WebhookReceiver> {
  const hook = await startWebhookReceiver({ path: '/hook', statuses });
  receivers.push(hook);
  return hook;
}

describe('fake Telegram server', () => {
  it('answers getMe for bot.init()', async () => {
    const { bot } = await setup({ botUsername: 'other_test_bot' });
    await bot.init();
    expect(bot.botInfo).toMatchObject({ id: 123456, is_bot: true, username: 'other_test_bot' });
  });

  it('rejects a wrong token with 401 and an unknown method with 404', async () => {
    const { fake } = await setup();
    const stranger = new Bot('999:wrong', { client: { apiRoot: fake.apiRoot } });
    expect((await rejection(stranger.api.getMe())).error_code).toBe(401);
    const response = await fetch(`${fake.apiRoot}/bot${fake.token}/noSuchMethod`, { method: 'POST' });
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ ok: false, error_code: 404, description: 'Not Found' });
  });

  it('accepts GET query strings and urlencoded forms', async () => {
    const { fake } = await setup();
    const viaGet = await (
      await fetch(
        `${fake.apiRoot}/bot${fake.token}/sendMessage?chat_id=5&text=${encodeURIComponent('<b>hi</b>')}&parse_mode=HTML`,
      )
    ).json();
    expect(viaGet).toMatchObject({
      ok: true,
      result: { chat: { id: 5, type: 'private' }, text: 'hi', entities: [{ type: 'bold', offset: 0, length: 2 }] },
    });
    const form = new URLSearchParams({
      chat_id: '5',
      text: '123',
      reply_markup: JSON.stringify({ inline_keyboard: [[{ text: 'x', callback_data: 'y' }]] }),
    });
    const viaForm = await (
      await fetch(`${fake.apiRoot}/bot${fake.token}/sendMessage`, { method: 'POST', body: form })
    ).json();
    expect(viaForm).toMatchObject({
      ok: true,
      result: { message_id: 2, text: '123', reply_markup: { inline_keyboard: [[{ text: 'x', callback_data: 'y' }]] } },
    });
    expect(fake.calls.map((c) => c.params.chat_id)).toEqual([5, 5]);
  });

  it('delivers a user message by long polling, and the bot replies, answers the button and edits', async () => {
    const { fake, bot } = await setup();
    bot.command('start', (ctx) =>
      ctx.reply('<b>Xin chào</b> &amp; welcome', {
        parse_mode: 'HTML',
        reply_markup: new InlineKeyboard().text('OK', 'ok:1'),
      }),
    );
    bot.callbackQuery('ok:1', async (ctx) => {
      await ctx.answerCallbackQuery({ text: 'Đã nhận' });
      await ctx.editMessageText('<i>Done</i>', { parse_mode: 'HTML' });
    });
    await startPolling(fake, bot);

    const update = fake.sendText({ id: 42, first_name: 'An', language_code: 'vi' }, '/start');
    expect(update.message?.entities).toEqual([{ type: 'bot_command', offset: 0, length: 6 }]);
    const [reply] = await fake.waitForSent((m) => m.chatId === 42);
    expect(reply).toMatchObject({
      method: 'sendMessage',
      messageId: 2,
      text: '<b>Xin chào</b> &amp; welcome',
      visible: 'Xin chào & welcome',
      parseMode: 'HTML',
    });
    expect(reply!.replyMarkup).toEqual({ inline_keyboard: [[{ text: 'OK', callback_data: 'ok:1' }]] });
    expect(reply!.message.chat).toEqual({ id: 42, type: 'private', first_name: 'An' });

    fake.pressButton({ id: 42 }, reply!, 'ok:1');
    await fake.waitForCalls('editMessageText');
    expect(fake.callbackAnswers).toMatchObject([{ text: 'Đã nhận' }]);
    expect(fake.edits).toMatchObject([{ chatId: 42, messageId: 2, visible: 'Done' }]);
    // Editing without reply_markup removes the keyboard, as on Telegram.
    expect(fake.message(42, 2)).toMatchObject({ text: 'Done', entities: [{ type: 'italic', offset: 0, length: 4 }] });
    expect(fake.message(42, 2)?.reply_markup).toBeUndefined();

    // bot.start() removes any webhook first; bot.stop() confirms what was handled with a last getUpdates.
    expect(
      fake.calls
        .slice(0, 2)
        .map((c) => c.method)
        .sort(),
    ).toEqual(['deleteWebhook', 'getMe']);
    await bot.stop();
    expect((await bot.api.getWebhookInfo()).pending_update_count).toBe(0);
  });

  it('refuses invalid HTML and unknown callback queries with 400', async () => {
    const { fake, bot } = await setup();
    for (const html of ['<b>bold', '<b>x</i>', 'a < b', '<br>line', '<span>x</span>', 'Tom &nbsp; Jerry']) {
      const error = await rejection(bot.api.sendMessage(1, html, { parse_mode: 'HTML' }));
      expect(error.error_code).toBe(400);
      expect(error.description).toMatch(/^Bad Request: can't parse entities: /);
    }
    expect((await rejection(bot.api.sendMessage(1, '   '))).description).toBe('Bad Request: message text is empty');
    const sent = await bot.api.sendMessage(
      1,
      'A &amp; B &#8364; <a href="https://x.vn/?a=1&amp;b=2">link</a> <span class="tg-spoiler">s</span> Tom & Jerry',
      { parse_mode: 'HTML' },
    );
    expect(sent.text).toBe('A & B € link s Tom & Jerry');
    expect(sent.entities).toEqual([
      { type: 'text_link', offset: 8, length: 4, url: 'https://x.vn/?a=1&b=2' },
      { type: 'spoiler', offset: 13, length: 1 },
    ]);
    await expect(bot.api.editMessageText(1, sent.message_id, sent.text, { parse_mode: 'HTML' })).resolves.toBeTruthy();
    expect((await rejection(bot.api.editMessageText(1, sent.message_id, sent.text))).description).toMatch(
      /^Bad Request: message is not modified/,
    );
    expect((await rejection(bot.api.answerCallbackQuery('12345'))).description).toBe(
      'Bad Request: query is too old and response timeout expired or query ID is invalid',
    );
    const keyboard = { inline_keyboard: [[{ text: 'x', callback_data: 'x'.repeat(65) }]] };
    expect((await rejection(bot.api.sendMessage(1, 'hi', { reply_markup: keyboard }))).description).toBe(
      'Bad Request: BUTTON_DATA_INVALID',
    );
    expect(fake.sent).toHaveLength(1);
  });

  it('counts message length after parsing, in UTF-16 code units', async () => {
    const { bot } = await setup();
    await expect(bot.api.sendMessage(1, `<b>${'a'.repeat(4096)}</b>`, { parse_mode: 'HTML' })).resolves.toMatchObject({
      text: 'a'.repeat(4096),
    });
    expect((await rejection(bot.api.sendMessage(1, 'a'.repeat(4097)))).description).toBe(
      'Bad Request: message is too long',
    );
    expect((await rejection(bot.api.sendMessage(1, '😀'.repeat(2049)))).description).toBe(
      'Bad Request: message is too long',
    );
    expect(visibleText(' <b>a &lt; b</b>\n')).toBe('a < b');
    expect(parseHtml('<pre><code class="language-ts">x</code></pre>')).toEqual({
      text: 'x',
      entities: [{ type: 'pre', offset: 0, length: 1, language: 'ts' }],
    });
  });

  it('answers 403 for a chat that blocked the bot', async () => {
    const { fake, bot } = await setup();
    fake.blockChat(7);
    const error = await rejection(bot.api.sendMessage(7, 'hi'));
    expect([error.error_code, error.description]).toEqual([403, 'Forbidden: bot was blocked by the user']);
    await expect(bot.api.sendMessage(8, 'hi')).resolves.toBeTruthy();
  });

  it('injects failures with retry_after', async () => {
    const { fake, bot } = await setup();
    fake.failNext('sendMessage', { error_code: 429, description: 'Too Many Requests: retry after 7', retry_after: 7 });
    const error = await rejection(bot.api.sendMessage(1, 'hi'));
    expect(error.error_code).toBe(429);
    expect(error.parameters.retry_after).toBe(7);
    await expect(bot.api.sendMessage(1, 'hi')).resolves.toBeTruthy();
    expect(fake.stats.rateLimited).toBe(1);
    expect(fake.stats.byMethod.sendMessage).toBe(2);
  });

  it('rate-limits one chat without slowing the others', async () => {
    const { fake, bot } = await setup({ perChatRatePerSecond: 2 });
    const results = await Promise.allSettled([1, 2, 3, 4, 5].map((i) => bot.api.sendMessage(10, `m${i}`)));
    const limited = results
      .filter((r) => r.status === 'rejected')
      .map((r) => (r as PromiseRejectedResult).reason as GrammyError);
    expect(limited).toHaveLength(3);
    expect(
      limited.every(
        (e) =>
          e.error_code === 429 &&
          e.parameters.retry_after! >= 1 &&
          /^Too Many Requests: retry after \d+$/.test(e.description),
      ),
    ).toBe(true);
    await expect(bot.api.sendMessage(11, 'other chat')).resolves.toBeTruthy();
    expect(fake.stats.rateLimited).toBe(3);
  });

  it('applies a global rate limit across chats', async () => {
    const { bot } = await setup({ globalRatePerSecond: 3 });
    const results = await Promise.allSettled([1, 2, 3, 4].map((chat) => bot.api.sendMessage(chat, 'hi')));
    expect(results.filter((r) => r.status === 'rejected')).toHaveLength(1);
  });

  it('receives documents as multipart uploads and accepts their file_id again', async () => {
    const { fake, bot } = await setup();
    const bytes = Buffer.from('kế hoạch\n');
    const message = await bot.api.sendDocument(3, new InputFile(bytes, 'kế hoạch 2025.txt'), {
      caption: '<b>Plan</b>',
      parse_mode: 'HTML',
    });
    expect(message.document).toMatchObject({ file_name: 'kế hoạch 2025.txt', file_size: bytes.length });
    expect(message.caption).toBe('Plan');
    const [sent] = fake.sentTo(3);
    expect(sent).toMatchObject({
      method: 'sendDocument',
      text: '<b>Plan</b>',
      visible: 'Plan',
      file: { fileName: 'kế hoạch 2025.txt', size: bytes.length },
    });
    expect(sent!.file!.bytes!.equals(bytes)).toBe(true);
    expect(fake.calls[0]!.params.document).toMatchObject({ file_name: 'kế hoạch 2025.txt', size: bytes.length });

    await expect(bot.api.sendDocument(3, message.document!.file_id)).resolves.toMatchObject({
      document: { file_name: 'kế hoạch 2025.txt' },
    });
    expect((await rejection(bot.api.sendDocument(3, '/tmp/plan.txt'))).description).toBe(
      'Bad Request: wrong file identifier/HTTP URL specified',
    );
    await expect(bot.api.sendPhoto(3, new InputFile(Buffer.alloc(100)))).resolves.toMatchObject({
      photo: [{ file_size: 100 }],
    });
    expect(
      (await rejection(bot.api.sendPhoto(3, new InputFile(Buffer.alloc(1)), { caption: 'c'.repeat(1025) })))
        .description,
    ).toBe('Bad Request: message caption is too long');
  });

  it('serves files that users send, and edits markup and deletes messages', async () => {
    const { fake, bot } = await setup();
    const file = fake.registerFile({ bytes: Buffer.from('plan: 1'), fileName: 'plan.yaml' });
    fake.enqueue({
      message: {
        message_id: 1,
        date: 0,
        chat: { id: 5, type: 'private', first_name: 'B' },
        from: { id: 5, is_bot: false, first_name: 'B' },
        document: { file_id: file.fileId, file_unique_id: file.fileUniqueId, file_name: 'plan.yaml' },
      },
    });
    const [update] = await bot.api.getUpdates();
    const info = await bot.api.getFile(update!.message!.document!.file_id);
    const download = await fetch(`${fake.apiRoot}/file/bot${fake.token}/${info.file_path}`);
    expect(await download.text()).toBe('plan: 1');

    const sent = await bot.api.sendMessage(5, 'pick', { reply_markup: new InlineKeyboard().text('a', 'a') });
    expect(sent.message_id).toBe(2); // shared with the user's message in the same chat
    await bot.api.editMessageReplyMarkup(5, sent.message_id, { reply_markup: new InlineKeyboard().text('b', 'b') });
    expect(fake.message(5, 2)?.reply_markup).toEqual({ inline_keyboard: [[{ text: 'b', callback_data: 'b' }]] });
    await bot.api.deleteMessage(5, sent.message_id);
    expect((await rejection(bot.api.editMessageText(5, sent.message_id, 'x'))).description).toBe(
      'Bad Request: message to edit not found',
    );
    expect(() => fake.pressButton({ id: 5 }, sent, 'b')).toThrow(/no message 2/);
  });

  it('keeps commands per language code', async () => {
    const { fake, bot } = await setup();
    await bot.api.setMyCommands([{ command: 'start', description: 'Start' }]);
    await bot.api.setMyCommands(
      [
        { command: 'start', description: 'Bắt đầu' },
        { command: 'hoi', description: 'Hỏi' },
      ],
      { language_code: 'vi' },
    );
    expect(await bot.api.getMyCommands()).toEqual([{ command: 'start', description: 'Start' }]);
    expect(await bot.api.getMyCommands({ language_code: 'vi' })).toHaveLength(2);
    expect(fake.commands.vi?.[0]?.description).toBe('Bắt đầu');
    expect((await rejection(bot.api.setMyCommands([{ command: 'Hỏi', description: 'x' }]))).description).toBe(
      'Bad Request: BOT_COMMAND_INVALID',
    );
    await bot.api.deleteMyCommands({ language_code: 'vi' });
    expect(await bot.api.getMyCommands({ language_code: 'vi' })).toEqual([]);
  });

  it('posts updates to a webhook with the secret header, retrying failures, and refuses getUpdates meanwhile', async () => {
    const { fake, bot } = await setup({ webhookRetryDelayMs: 10 });
    const hook = await receiver([500]);
    await bot.api.setWebhook(hook.url, { secret_token: 's3cret' });
    const update = fake.sendText({ id: 9 }, 'xin chào');
    expect(await fake.waitForWebhookDeliveries(2)).toEqual([
      { update_id: update.update_id, status: 500, attempt: 1 },
      { update_id: update.update_id, status: 200, attempt: 2 },
    ]);
    expect(hook.received[1]!.headers['x-telegram-bot-api-secret-token']).toBe('s3cret');
    expect(hook.received[1]!.body).toMatchObject({
      update_id: update.update_id,
      message: { text: 'xin chào', chat: { id: 9 } },
    });
    expect((await bot.api.getWebhookInfo()).url).toBe(hook.url);

    const conflict = await rejection(bot.api.getUpdates());
    expect([conflict.error_code, conflict.description]).toEqual([
      409,
      "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
    ]);
    await fake.postUpdate({ update_id: 1 }, { secret: null });
    expect(hook.received.at(-1)!.headers['x-telegram-bot-api-secret-token']).toBeUndefined();

    await bot.api.deleteWebhook();
    fake.sendText({ id: 9 }, 'again');
    expect((await bot.api.getUpdates()).map((u) => u.message?.text)).toEqual(['again']);
  });

  it('ends a pending long poll promptly on close', async () => {
    const { fake } = await setup();
    const started = Date.now();
    const poll = fetch(`${fake.apiRoot}/bot${fake.token}/getUpdates?timeout=30`).then((r) => r.json());
    await fake.waitForCalls('getUpdates');
    await fake.close();
    expect(await poll).toEqual({ ok: true, result: [] });
    expect(Date.now() - started).toBeLessThan(2000);
  });
});
