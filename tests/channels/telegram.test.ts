// Telegram end to end: grammY's real client against the fake Bot API over loopback HTTP, on PGlite and PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTelegramChannel, type TelegramChannel } from '../../src/channels/telegram/bot.js';
import { createConfig } from '../../src/config.js';
import { createInvite } from '../../src/db/officials.js';
import { generateCode } from '../../src/domain/invite-code.js';
import { type HttpServer, startHttpServer } from '../../src/http/server.js';
import { createLogger } from '../../src/logger.js';
import { createChatCore } from '../../src/main.js';
import { seedDemoPlan } from '../../src/seed.js';
import { accountReachability } from '../../src/services/accounts.js';
import { databaseKinds, type TestDatabase, testDatabase } from '../support/databases.js';
import { type FakeTelegram, type FakeUser, type SentMessage, startFakeTelegram } from '../support/fake-telegram.js';
import { waitUntil } from '../support/wait.js';

const kinds = await databaseKinds();
const logger = createLogger({ level: 'silent' });
/** The bot's clock: mid-August 2012, while the plan's district reviews are open. */
const NOW = new Date('2012-08-20T03:00:00Z');
let nextUserId = 1000;
const newUser = (extra: Partial<FakeUser> = {}): FakeUser => ({
  id: nextUserId++,
  first_name: 'Nguyễn',
  last_name: 'Văn A',
  language_code: 'vi',
  ...extra,
});

type Button = { text: string; callback_data: string };
function buttons(message: SentMessage | undefined): Button[] {
  const markup = message?.replyMarkup as { inline_keyboard?: Button[][] } | undefined;
  return (markup?.inline_keyboard ?? []).flat();
}

describe.each(kinds)('Telegram on %s', (kind) => {
  let db: TestDatabase;
  let fake: FakeTelegram;
  let channel: TelegramChannel;
  let code: (unit: string, role?: 'official' | 'admin') => Promise<string>;

  beforeAll(async () => {
    db = await testDatabase(kind);
    await db.reset();
    await seedDemoPlan(db.database.prisma, NOW);
    fake = await startFakeTelegram();
    const config = createConfig({ TELEGRAM_BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.apiRoot });
    const core = await createChatCore({
      prisma: db.database.prisma,
      config,
      logger,
      now: () => NOW,
      telegramUsername: () => channel?.username(),
    });
    channel = createTelegramChannel({
      config: config.telegram!,
      conversation: core.conversation,
      reachability: accountReachability(db.database.prisma, 'telegram'),
      translations: core.translations,
      logger,
      // The fake sets no per-chat limit here: replies to one chat need not wait a second apart.
      gate: { perChatMs: 0 },
    });
    await channel.ready;
    code = async (unit, role = 'official') => {
      const unitId = (await db.database.prisma.unit.findUniqueOrThrow({ where: { code: unit }, select: { id: true } }))
        .id;
      const invite = generateCode();
      await createInvite(db.database.prisma, {
        code: invite,
        unitId,
        role,
        maxUses: 1,
        expiresAt: null,
        createdById: null,
        actorLabel: 'test',
      });
      return invite;
    };
  });
  afterAll(async () => {
    await channel?.stop();
    await fake?.close();
  });

  /** Sends a text and waits for the bot's reply to it. */
  async function say(user: FakeUser, text: string): Promise<SentMessage> {
    const before = fake.sentTo(user.id).length;
    fake.sendText(user, text);
    const [reply] = await fake.waitForSent((m) => m.chatId === user.id && fake.sentTo(user.id).indexOf(m) >= before);
    return reply as SentMessage;
  }

  async function register(
    unit: string,
    role: 'official' | 'admin' = 'official',
    extra: Partial<FakeUser> = {},
  ): Promise<FakeUser> {
    const user = newUser(extra);
    const reply = await say(user, `/start ${await code(unit, role)}`);
    expect(reply.visible).toMatch(/Đăng ký thành công|You are registered/);
    return user;
  }

  it('registers its commands in Vietnamese and English', () => {
    expect(fake.commands['']?.map((c) => c.command)).toContain('baocao');
    expect(fake.commands.en?.map((c) => c.command)).toContain('report');
  });

  it('refuses an unknown person politely and shows no plan data', async () => {
    const stranger = newUser();
    const reply = await say(stranger, 'việc gì đến hạn tháng 9/2012?');
    expect(reply.visible).toContain('chưa đăng ký');
    // First contact says a program answers (the platforms' terms ask for it), in the reader's language.
    expect(reply.visible).toContain('Đây là trợ lý tự động');
    const english = await say(newUser({ language_code: 'en' }), '/start');
    expect(english.visible).toContain('This is an automated assistant');
    expect(reply.visible).not.toMatch(/Việc đến hạn|kiểm điểm/i);
    expect(buttons(reply)).toEqual([]);
    const again = await say(stranger, '/baocao');
    expect(again.visible).toContain('chưa đăng ký');
    const wrongCode = await say(stranger, 'ABCD2345');
    expect(wrongCode.visible).toContain('Mã không đúng');
    expect(await db.database.prisma.channelAccount.count({ where: { externalId: String(stranger.id) } })).toBe(0);
  });

  it('registers with an invite, answers a question, opens a duty and takes a report with a note', async () => {
    const user = await register('TU-BTG');
    const account = await db.database.prisma.channelAccount.findUniqueOrThrow({
      where: { channel_externalId: { channel: 'telegram', externalId: String(user.id) } },
      select: { chatId: true, official: { select: { name: true, unit: { select: { code: true } } } } },
    });
    expect(account).toEqual({ chatId: String(user.id), official: { name: 'Nguyễn Văn A', unit: { code: 'TU-BTG' } } });

    const answer = await say(user, 'việc gì đến hạn tháng 9/2012');
    expect(answer.visible).toContain('Việc đến hạn tháng 9/2012 (7)');
    expect(answer.parseMode).toBe('HTML');
    const choices = buttons(answer);
    expect(choices.map((b) => b.text)).toEqual(['1', '2', '3', '4', '5', '6', '7']);
    expect(choices.every((b) => /^o:\d+$/.test(b.callback_data))).toBe(true);

    // Duty 3 is the district-level review, which the propaganda board (TU-BTG) leads with others.
    const answered = fake.callbackAnswers.length;
    fake.pressButton(user, answer, choices[2]!.callback_data);
    const [details] = await fake.waitForSent((m) => m.chatId === user.id && m.messageId > answer.messageId);
    expect(fake.callbackAnswers.length).toBe(answered + 1);
    expect(details!.visible).toContain('Kiểm điểm ở cấp huyện');
    expect(details!.visible).toContain('Chủ trì:');
    expect(details!.visible).toContain('Ban Tuyên giáo: chưa báo cáo');
    const reportButtons = buttons(details);
    // Done / In progress / Blocked, then the switch for this duty's reminders and the request for more time.
    expect(reportButtons.map((b) => b.callback_data)).toEqual(
      [/^r:\d+:d$/, /^r:\d+:p$/, /^r:\d+:b$/, /^q:\d+:off$/, /^xa:\d+$/].map((pattern) =>
        expect.stringMatching(pattern),
      ) as never,
    );

    fake.pressButton(user, details!, reportButtons[0]!.callback_data);
    // The details message is edited into the confirmation (its buttons replaced by "Skip").
    await fake.waitForCalls('editMessageText', fake.calls.filter((c) => c.method === 'editMessageText').length + 1);
    const confirmation = fake.message(user.id, details!.messageId);
    expect(confirmation?.text).toContain('Đã ghi nhận: Ban Tuyên giáo — hoàn thành');
    const note = await say(user, 'Đã tổ chức hội nghị <quán triệt> & gửi báo cáo');
    expect(note.visible).toContain('Đã lưu ghi chú');

    const occurrenceId = Number(reportButtons[0]!.callback_data.split(':')[1]);
    const reports = await db.database.prisma.statusReport.findMany({
      where: { occurrenceId },
      select: { status: true, note: true, channel: true, unit: { select: { code: true } } },
    });
    expect(reports).toEqual([
      {
        status: 'done',
        note: 'Đã tổ chức hội nghị <quán triệt> & gửi báo cáo',
        channel: 'telegram',
        unit: { code: 'TU-BTG' },
      },
    ]);
    const current = await db.database.prisma.occurrenceStatus.findMany({
      where: { occurrenceId },
      select: { status: true, unit: { select: { code: true } } },
    });
    expect(current).toEqual([{ status: 'done', unit: { code: 'TU-BTG' } }]);

    // Opening it again shows the unit's status and the note, escaped (the fake rejects broken HTML).
    fake.pressButton(user, answer, choices[2]!.callback_data);
    const [reopened] = await fake.waitForSent((m) => m.chatId === user.id && m.messageId > note.messageId);
    expect(reopened!.visible).toContain('Ban Tuyên giáo: đã hoàn thành');
    expect(reopened!.visible).toContain('<quán triệt> & gửi');
  });

  it('stores a button press delivered twice once', async () => {
    const user = await register('TU-UBKT');
    const answer = await say(user, 'viec gi den han thang 9/2012');
    fake.pressButton(user, answer, buttons(answer)[0]!.callback_data);
    const [details] = await fake.waitForSent((m) => m.chatId === user.id && m.messageId > answer.messageId);
    const press = fake.pressButton(user, details!, buttons(details)[1]!.callback_data);
    // The same update again (a redelivery carries the same callback query), with a later update id.
    const { update_id: _id, ...same } = press as { update_id: number };
    fake.enqueue(same);
    await fake.waitForCalls('editMessageText', 1);
    const probe = await say(user, '/caidat');
    expect(probe.visible).toContain('Cài đặt');
    const occurrenceId = Number(buttons(details)[1]!.callback_data.split(':')[1]);
    const stored = await db.database.prisma.statusReport.findMany({
      where: { occurrenceId, official: { accounts: { some: { externalId: String(user.id) } } } },
      select: { status: true },
    });
    expect(stored).toEqual([{ status: 'in_progress' }]);
  });

  it('refuses forged and foreign button data, unknown commands, photos and too long notes, storing nothing', async () => {
    const user = await register('TU-BDV');
    const answer = await say(user, '/start');
    const forged = fake.pressButton(user, answer, 'r:99999:d');
    expect(forged).toBeDefined();
    const [notFound] = await fake.waitForSent((m) => m.chatId === user.id && m.messageId > answer.messageId);
    expect(notFound!.visible).toContain('Không tìm thấy nhiệm vụ');
    const junk = await (async () => {
      fake.pressButton(user, answer, 'drop table');
      return (await fake.waitForSent((m) => m.chatId === user.id && m.messageId > notFound!.messageId))[0]!;
    })();
    expect(junk.visible).toContain('không còn hiệu lực');
    // An occurrence the mass mobilisation board (TU-BDV) has no part in: the review of party cells.
    const cells = await db.database.prisma.occurrence.findFirstOrThrow({
      where: { duty: { levels: { some: { level: 'cell', role: 'lead' } }, units: { none: {} } } },
      select: { id: true },
    });
    fake.pressButton(user, answer, `r:${cells.id}:d`);
    const [refused] = await fake.waitForSent((m) => m.chatId === user.id && m.messageId > junk.messageId);
    expect(refused!.visible).toContain('không chủ trì hay phối hợp');
    expect(
      await db.database.prisma.statusReport.count({
        where: { official: { accounts: { some: { externalId: String(user.id) } } } },
      }),
    ).toBe(0);

    expect((await say(user, '/khongco')).visible).toContain('Không có lệnh /khongco');
    const photoReply = (async () => {
      const before = fake.sentTo(user.id).length;
      fake.enqueue({
        message: {
          message_id: 999_001,
          date: 0,
          chat: { id: user.id, type: 'private', first_name: 'A' },
          from: { id: user.id, is_bot: false, first_name: 'A' },
          photo: [{ file_id: 'x', file_unique_id: 'x', width: 1, height: 1 }],
        },
      });
      return (await fake.waitForSent((m) => m.chatId === user.id && fake.sentTo(user.id).indexOf(m) >= before))[0]!;
    })();
    expect((await photoReply).visible).toContain('chỉ đọc được tin nhắn chữ');

    const question = await say(user, 'Ban Dân vận cần làm gì tháng 9/2012?');
    const own = buttons(question);
    expect(own.length).toBeGreaterThan(0);
    fake.pressButton(user, question, own[0]!.callback_data);
    const [details] = await fake.waitForSent((m) => m.chatId === user.id && m.messageId > question.messageId);
    fake.pressButton(user, details!, buttons(details)[2]!.callback_data);
    await fake.waitForCalls('editMessageText', fake.calls.filter((c) => c.method === 'editMessageText').length + 1);
    const long = await say(user, 'x'.repeat(501));
    expect(long.visible).toContain('Ghi chú quá dài (501 ký tự, tối đa 500)');
    const fits = await say(user, 'Thiếu kinh phí');
    expect(fits.visible).toContain('Đã lưu ghi chú');
    const stored = await db.database.prisma.statusReport.findMany({
      where: { official: { accounts: { some: { externalId: String(user.id) } } } },
      select: { status: true, note: true },
    });
    expect(stored).toEqual([{ status: 'blocked', note: 'Thiếu kinh phí' }]);
  });

  it('lets only admins create invites, checking the role on every call and auditing refusals', async () => {
    const official = await register('TU-VP');
    const refused = await say(official, '/moi TU-BTC');
    expect(refused.visible).toContain('chỉ dành cho quản trị viên');
    const officialId = (
      await db.database.prisma.channelAccount.findUniqueOrThrow({
        where: { channel_externalId: { channel: 'telegram', externalId: String(official.id) } },
        select: { officialId: true },
      })
    ).officialId;
    expect(
      await db.database.prisma.auditLog.count({ where: { actorId: officialId, action: 'denied', target: 'moi' } }),
    ).toBe(1);

    const admin = await register('TU-VP', 'admin');
    const created = await say(admin, '/moi TU-BTC 3 14d');
    expect(created.visible).toContain('Mã mời cho Ban Tổ chức (TU-BTC)');
    expect(created.visible).toContain(`https://t.me/${fake.botUsername}?start=`);
    const newCode = created.visible.match(/\b([A-HJ-NP-Z2-9]{8})\b/)?.[1];
    expect(newCode).toBeDefined();
    const invite = await db.database.prisma.invite.findUniqueOrThrow({
      where: { code: newCode! },
      select: { maxUses: true, role: true, unit: { select: { code: true } } },
    });
    expect(invite).toEqual({ maxUses: 3, role: 'official', unit: { code: 'TU-BTC' } });
    expect((await say(admin, '/nhacviec')).visible).toContain('Trước khi bắt đầu: 7, 3, 1 ngày');
    expect((await say(official, '/nhacviec')).visible).toContain('chỉ dành cho quản trị viên');

    // Demoted in the database: the very next call is refused.
    const adminId = (
      await db.database.prisma.channelAccount.findUniqueOrThrow({
        where: { channel_externalId: { channel: 'telegram', externalId: String(admin.id) } },
        select: { officialId: true },
      })
    ).officialId;
    await db.database.prisma.official.update({ where: { id: adminId }, data: { role: 'official' } });
    expect((await say(admin, '/moi TU-BTC')).visible).toContain('chỉ dành cho quản trị viên');
  });

  it('retries a 429 after retry_after and marks a user who blocked the bot inactive', async () => {
    const user = await register('TU-BTC');
    fake.failNext('sendMessage', { error_code: 429, description: 'Too Many Requests: retry after 1', retry_after: 1 });
    const reply = await say(user, '/caidat');
    expect(reply.visible).toContain('Cài đặt');
    expect(fake.stats.byMethod.sendMessage).toBeGreaterThan(0);

    fake.blockChat(user.id);
    fake.sendText(user, '/caidat');
    const inactive = async () =>
      (
        await db.database.prisma.channelAccount.findUniqueOrThrow({
          where: { channel_externalId: { channel: 'telegram', externalId: String(user.id) } },
          select: { active: true },
        })
      ).active;
    await waitUntil(async () => (await inactive()) === false);
    // Unblocking (Telegram sends my_chat_member "member") makes the account reachable again.
    fake.unblockChat(user.id);
    fake.enqueue({
      my_chat_member: {
        chat: { id: user.id, type: 'private', first_name: 'A' },
        from: { id: user.id, is_bot: false, first_name: 'A' },
        date: 0,
        old_chat_member: { status: 'kicked', user: { id: 1, is_bot: true, first_name: 'bot' } },
        new_chat_member: { status: 'member', user: { id: 1, is_bot: true, first_name: 'bot' } },
      },
    });
    await waitUntil(async () => (await inactive()) === true);
  });

  it('speaks English to an official who chose it, and answers English questions', async () => {
    const user = await register('TU-BTG', 'official', { language_code: 'en' });
    const settings = await say(user, '/settings');
    expect(settings.visible).toContain('Settings');
    const answer = await say(user, "what's due in September 2012?");
    expect(answer.visible).toContain('Due in September 2012 (7)');
  });
});

describe('Telegram webhook', () => {
  let db: TestDatabase;
  let fake: FakeTelegram;
  let http: HttpServer;
  let channel: TelegramChannel;
  const secret = 'webhook-secret-0123456789';
  /** The public address Telegram is given; a TLS proxy would forward it to the bot's HTTP port. */
  const PUBLIC_ROOT = 'https://dondoc.example.org';

  beforeAll(async () => {
    db = await testDatabase('pglite');
    await db.reset();
    await seedDemoPlan(db.database.prisma, NOW);
    http = await startHttpServer({ host: '127.0.0.1', port: 0, logger });
    fake = await startFakeTelegram({
      resolveWebhookUrl: (url) => url.replace(PUBLIC_ROOT, `http://127.0.0.1:${http.port}`),
    });
    const config = createConfig({
      TELEGRAM_BOT_TOKEN: fake.token,
      TELEGRAM_API_ROOT: fake.apiRoot,
      TELEGRAM_MODE: 'webhook',
      TELEGRAM_WEBHOOK_URL: `${PUBLIC_ROOT}/telegram/hook`,
      TELEGRAM_WEBHOOK_SECRET: secret,
    });
    const core = await createChatCore({ prisma: db.database.prisma, config, logger, now: () => NOW });
    channel = createTelegramChannel({
      config: config.telegram!,
      conversation: core.conversation,
      reachability: accountReachability(db.database.prisma, 'telegram'),
      translations: core.translations,
      logger,
      // The fake sets no per-chat limit here: replies to one chat need not wait a second apart.
      gate: { perChatMs: 0 },
    });
    http.route('POST', channel.webhook!.path, channel.webhook!.handler);
    await channel.ready;
  });
  afterAll(async () => {
    await channel?.stop();
    await http?.close();
    await fake?.close();
  });

  it('sets the webhook with its secret and handles what Telegram posts', async () => {
    const setWebhook = fake.calls.find((c) => c.method === 'setWebhook');
    expect(setWebhook?.params).toMatchObject({ url: `${PUBLIC_ROOT}/telegram/hook`, secret_token: secret });
    const user = newUser();
    fake.sendText(user, '/start');
    const [reply] = await fake.waitForSent((m) => m.chatId === user.id);
    expect(reply!.visible).toContain('Đôn đốc');
  });

  it('rejects calls without or with a wrong secret, and malformed bodies, processing nothing', async () => {
    const user = newUser();
    const update = {
      update_id: 777_001,
      message: {
        message_id: 1,
        date: 0,
        chat: { id: user.id, type: 'private', first_name: 'A' },
        from: { id: user.id, is_bot: false, first_name: 'A' },
        text: '/start',
      },
    };
    expect((await fake.postUpdate(update, { secret: null })).status).toBe(401);
    expect((await fake.postUpdate(update, { secret: 'wrong' })).status).toBe(401);
    const url = `http://127.0.0.1:${http.port}/telegram/hook`;
    const malformed = await fetch(url, {
      method: 'POST',
      headers: { 'x-telegram-bot-api-secret-token': secret, 'content-type': 'application/json' },
      body: '{"update_id": "x"',
    });
    expect(malformed.status).toBe(400);
    expect((await fetch(url, { method: 'GET' })).status).toBe(405);
    expect(await db.database.prisma.processedUpdate.count({ where: { key: { startsWith: `m:${user.id}:` } } })).toBe(0);
    expect(fake.sentTo(user.id)).toEqual([]);
  });

  it('handles a redelivered update once', async () => {
    const user = newUser();
    const update = {
      update_id: 777_100,
      message: {
        message_id: 5,
        date: 0,
        chat: { id: user.id, type: 'private', first_name: 'A' },
        from: { id: user.id, is_bot: false, first_name: 'A' },
        text: 'xin chào',
      },
    };
    expect((await fake.postUpdate(update, { secret })).status).toBe(200);
    expect((await fake.postUpdate(update, { secret })).status).toBe(200);
    await fake.waitForSent((m) => m.chatId === user.id);
    const probe = { ...update, update_id: 777_101, message: { ...update.message, message_id: 6, text: '/start' } };
    await fake.postUpdate(probe, { secret });
    await fake.waitForSent((m) => m.chatId === user.id, { count: 2 });
    expect(fake.sentTo(user.id).map((m) => m.visible.slice(0, 20))).toHaveLength(2);
  });
});
