// Zalo end to end: the adapter against the fake Zalo Bot API over loopback HTTP, polling and webhook.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTelegramChannel, type TelegramChannel } from '../../src/channels/telegram/bot.js';
import { createZaloChannel, type ZaloChannel } from '../../src/channels/zalo/bot.js';
import { ZALO_TEXT_LIMIT } from '../../src/channels/zalo/client.js';
import { createConfig } from '../../src/config.js';
import { createInvite, listOfficials } from '../../src/db/officials.js';
import { generateCode } from '../../src/domain/invite-code.js';
import { type HttpServer, startHttpServer } from '../../src/http/server.js';
import { createLogger } from '../../src/logger.js';
import { createChatCore } from '../../src/main.js';
import { seedDemoPlan } from '../../src/seed.js';
import { accountReachability } from '../../src/services/accounts.js';
import { databaseKinds, type TestDatabase, testDatabase } from '../support/databases.js';
import { type FakeTelegram, startFakeTelegram } from '../support/fake-telegram.js';
import { type FakeZalo, type FakeZaloUser, startFakeZalo, type ZaloSentMessage } from '../support/fake-zalo.js';
import { waitUntil } from '../support/wait.js';

const logger = createLogger({ level: 'silent' });
const NOW = new Date('2012-08-20T03:00:00Z');

describe.each(await databaseKinds())('Zalo by polling on %s', (kind) => {
  let db: TestDatabase;
  let fake: FakeZalo;
  let channel: ZaloChannel;
  /** The accounts' clock: failures are counted over time. */
  let clock = NOW;

  beforeAll(async () => {
    db = await testDatabase(kind);
    await db.reset();
    await seedDemoPlan(db.database.prisma, NOW);
    fake = await startFakeZalo({ longPollMaxSeconds: 1 });
    const config = createConfig({
      ZALO_BOT_TOKEN: fake.token,
      ZALO_API_ROOT: fake.apiRoot,
      ZALO_SENDS_PER_SECOND: '200',
    });
    const core = await createChatCore({ prisma: db.database.prisma, config, logger, now: () => NOW });
    channel = createZaloChannel({
      config: config.zalo!,
      conversation: core.conversation,
      reachability: accountReachability(db.database.prisma, 'zalo', {
        unreachable: { failures: 5, overMs: 24 * 3_600_000 },
        now: () => clock,
      }),
      logger,
      pollSeconds: 1,
      retryDelayMs: 20,
      client: { backoffMs: 2 },
      typingAfterMs: 300,
    });
    await channel.ready;
  });
  afterAll(async () => {
    await channel?.stop();
    await fake?.close();
  });

  const newUser = (): FakeZaloUser => ({ id: fake.newId(), display_name: 'Lê Văn C' });
  const code = async (unit: string) => {
    const unitId = (await db.database.prisma.unit.findUniqueOrThrow({ where: { code: unit }, select: { id: true } }))
      .id;
    const invite = generateCode();
    await createInvite(db.database.prisma, {
      code: invite,
      unitId,
      role: 'official',
      maxUses: 1,
      expiresAt: null,
      createdById: null,
      actorLabel: 'test',
    });
    return invite;
  };
  /** Sends a text and waits for the bot's (possibly several) messages in answer. */
  async function say(user: FakeZaloUser, text: string, count = 1): Promise<ZaloSentMessage[]> {
    const before = fake.sentTo(user.id).length;
    fake.sendText(user, text);
    await fake.waitForSent((m) => m.chatId === user.id, { count: before + count });
    return fake.sentTo(user.id).slice(before);
  }
  const accountOf = (user: FakeZaloUser) =>
    db.database.prisma.channelAccount.findUnique({
      where: { channel_externalId: { channel: 'zalo', externalId: user.id } },
      select: { officialId: true, active: true, deliveryFailures: true, inactiveReason: true },
    });

  it('refuses an unknown person, then registers them with an invite typed as plain text', async () => {
    const user = newUser();
    const [refused] = await say(user, 'viec gi den han thang 9/2012');
    expect(refused!.text).toContain('chưa đăng ký');
    expect(refused!.text).not.toContain('Việc đến hạn');
    const [welcome] = await say(user, `/start ${await code('TU-BTG')}`);
    expect(welcome!.text).toContain('Đăng ký thành công. Chào Lê Văn C');
    // No buttons on Zalo: the menu comes as numbered lines.
    expect(welcome!.text).toMatch(/\n1\. Đến hạn tháng này\n2\. Đến hạn tuần này/);
    expect(await accountOf(user)).toMatchObject({ active: true });
  });

  it('answers a question, opens a numbered duty and stores a "Done" report with a note, once', async () => {
    const user = newUser();
    await say(user, await code('TU-UBKT'));
    const [answer] = await say(user, 'việc gì đến hạn tháng 9/2012?');
    expect(answer!.text).toContain('Việc đến hạn tháng 9/2012 (7)');
    expect(answer!.text).toContain('1. 01/08–30/09/2012');
    expect(answer!.text).toContain('Chọn số thứ tự');
    const [details] = await say(user, '1');
    expect(details!.text).toContain('Đề xuất gợi ý kiểm điểm sâu');
    expect(details!.text).toContain('Ủy ban Kiểm tra: chưa báo cáo');
    expect(details!.text).toMatch(/1\. ✅ Hoàn thành\n2\. ⏳ Đang làm\n3\. ⚠️ Vướng mắc/);
    const [saved] = await say(user, '1');
    expect(saved!.text).toContain('Đã ghi nhận: Ủy ban Kiểm tra — hoàn thành');
    const [noted] = await say(user, 'Đã trình Thường trực Tỉnh ủy ngày 25/9');
    expect(noted!.text).toContain('Đã lưu ghi chú');

    // Zalo redelivers the same note message: it is recognised by event and message id and handled once.
    const redelivered = fake.sendText(user, 'Báo cáo bổ sung');
    await fake.waitForSent((m) => m.chatId === user.id && m.text.includes('Báo cáo bổ sung') === false, {
      count: fake.sentTo(user.id).length + 1,
    });
    fake.enqueue(redelivered);
    const [probe] = await say(user, '/baocao');
    expect(probe!.text).toContain('Ủy ban Kiểm tra');
    const officialId = (await accountOf(user))!.officialId;
    const reports = await db.database.prisma.statusReport.findMany({
      where: { officialId },
      select: { status: true, note: true, channel: true },
    });
    expect(reports).toEqual([{ status: 'done', note: 'Đã trình Thường trực Tỉnh ủy ngày 25/9', channel: 'zalo' }]);
    expect(
      await db.database.prisma.processedUpdate.count({
        where: { channel: 'zalo', key: `message.text.received:${redelivered.message.message_id}` },
      }),
    ).toBe(1);
  });

  it('answers images, stickers and withheld messages politely, and reads a photo by its caption', async () => {
    const user = newUser();
    await say(user, await code('TU-BDV'));
    for (const send of [
      () => fake.sendImage(user, { photo_url: 'https://example.org/x.jpg' }),
      () => fake.sendSticker(user, 'abc'),
      () => fake.sendUnsupported(user),
    ]) {
      const before = fake.sentTo(user.id).length;
      send();
      await fake.waitForSent((m) => m.chatId === user.id, { count: before + 1 });
      expect(fake.sentTo(user.id).at(-1)!.text).toContain('chỉ đọc được tin nhắn chữ');
    }
    const before = fake.sentTo(user.id).length;
    fake.sendImage(user, { photo_url: 'https://example.org/y.jpg', caption: 'việc gì đến hạn tháng 9/2012?' });
    await fake.waitForSent((m) => m.chatId === user.id, { count: before + 1 });
    expect(fake.sentTo(user.id).at(-1)!.text).toContain('Việc đến hạn tháng 9/2012');
  });

  it('skips an update without its message and loses nothing after it', async () => {
    const user = newUser();
    fake.sendWithoutMessage();
    const [next] = await say(user, '/start');
    expect(next!.text).toContain('trợ lý tự động');
    expect(fake.pendingUpdates).toBe(0);
  });

  it("retries Zalo's 403, and marks an account unreachable only after failures spread over a day, with the reason", async () => {
    const user = newUser();
    await say(user, await code('TU-BDV'));
    fake.blockChat(user.id);
    const failuresReach = (n: number) =>
      waitUntil(async () => (await accountOf(user))?.deliveryFailures === n, { timeoutMs: 10_000 });
    // Five failed replies within an hour: a passing fault, the account stays active.
    for (let i = 1; i <= 5; i++) {
      clock = new Date(NOW.getTime() + i * 60_000);
      fake.sendText(user, '/caidat');
      await failuresReach(i);
    }
    expect(await accountOf(user)).toMatchObject({ active: true, deliveryFailures: 5 });
    const officialId = (await accountOf(user))!.officialId;
    const failing = (await listOfficials(db.database.prisma)).find((o) => o.id === officialId);
    expect(failing?.problems).toEqual([
      { channel: 'zalo', state: 'failing', reason: expect.stringContaining('403 Internal server error'), failures: 5 },
    ]);
    // Still failing a day after the first: unreachable, and admins see why.
    clock = new Date(NOW.getTime() + 25 * 3_600_000);
    fake.sendText(user, '/caidat');
    await waitUntil(async () => (await accountOf(user))?.active === false, { timeoutMs: 10_000 });
    expect((await accountOf(user))!.inactiveReason).toMatch(
      /^6 failed deliveries since 2012-08-20 03:01 UTC \(last: .*403/,
    );
    const listed = (await listOfficials(db.database.prisma)).find((o) => o.id === officialId);
    expect(listed?.problems[0]).toMatchObject({ channel: 'zalo', state: 'inactive' });
  });

  it('forgets counted failures when a delivery goes through', async () => {
    const user = newUser();
    await say(user, await code('TU-BDV'));
    fake.blockChat(user.id);
    fake.sendText(user, '/caidat');
    await waitUntil(async () => (await accountOf(user))?.deliveryFailures === 1, { timeoutMs: 10_000 });
    fake.unblockChat(user.id);
    await say(user, '/caidat');
    await waitUntil(async () => (await accountOf(user))?.deliveryFailures === 0, { timeoutMs: 10_000 });
    expect(await accountOf(user)).toMatchObject({ active: true, inactiveReason: null });
  });

  it('splits a reply longer than 2000 characters at line or sentence ends', async () => {
    const user = newUser();
    await say(user, await code('TU-UBKT'));
    const sentence = 'Các cấp ủy tổ chức kiểm điểm nghiêm túc, đúng hướng dẫn của Trung ương và của Tỉnh ủy. ';
    const duty = await db.database.prisma.duty.findFirstOrThrow({
      where: { title: { startsWith: 'Đề xuất gợi ý kiểm điểm sâu' } },
      select: { id: true, sourceQuote: true },
    });
    await db.database.prisma.duty.update({ where: { id: duty.id }, data: { sourceQuote: sentence.repeat(30).trim() } });
    try {
      await say(user, 'việc gì đến hạn tháng 9/2012?');
      const parts = await say(user, '1', 2);
      expect(parts.length).toBe(2);
      for (const part of parts) {
        expect(part.text.length).toBeLessThanOrEqual(ZALO_TEXT_LIMIT);
        expect(part.text.length).toBeGreaterThan(0);
      }
      expect(parts[0]!.text.endsWith('.') || parts[0]!.text.endsWith('Tỉnh ủy.')).toBe(true);
      expect(parts[1]!.text).toMatch(/3\. ⚠️ Vướng mắc/);
      // Nothing lost at the cut: the words of both parts are the words of the reply.
      const words = parts
        .map((p) => p.text)
        .join(' ')
        .split(/\s+/)
        .filter(Boolean);
      expect(words.filter((w) => w === 'nghiêm').length).toBe(30);
    } finally {
      await db.database.prisma.duty.update({ where: { id: duty.id }, data: { sourceQuote: duty.sourceQuote } });
    }
  });
});

describe('Zalo by webhook, next to Telegram in one process', () => {
  let db: TestDatabase;
  let zaloFake: FakeZalo;
  let telegramFake: FakeTelegram;
  let http: HttpServer;
  let zalo: ZaloChannel;
  let telegram: TelegramChannel;
  const secret = 'zalo-secret-0123456789';
  const PUBLIC_ROOT = 'https://dondoc.example.org';

  beforeAll(async () => {
    db = await testDatabase('pglite');
    await db.reset();
    await seedDemoPlan(db.database.prisma, NOW);
    http = await startHttpServer({ host: '127.0.0.1', port: 0, logger });
    zaloFake = await startFakeZalo({
      resolveWebhookUrl: (url) => url.replace(PUBLIC_ROOT, `http://127.0.0.1:${http.port}`),
    });
    telegramFake = await startFakeTelegram();
    const config = createConfig({
      ZALO_BOT_TOKEN: zaloFake.token,
      ZALO_API_ROOT: zaloFake.apiRoot,
      ZALO_MODE: 'webhook',
      ZALO_WEBHOOK_URL: `${PUBLIC_ROOT}/zalo/hook`,
      ZALO_WEBHOOK_SECRET: secret,
      TELEGRAM_BOT_TOKEN: telegramFake.token,
      TELEGRAM_API_ROOT: telegramFake.apiRoot,
    });
    const core = await createChatCore({ prisma: db.database.prisma, config, logger, now: () => NOW });
    zalo = createZaloChannel({
      config: config.zalo!,
      conversation: core.conversation,
      reachability: accountReachability(db.database.prisma, 'zalo'),
      logger,
    });
    telegram = createTelegramChannel({
      config: config.telegram!,
      conversation: core.conversation,
      reachability: accountReachability(db.database.prisma, 'telegram'),
      translations: core.translations,
      logger,
      // The fake sets no per-chat limit here: replies to one chat need not wait a second apart.
      gate: { perChatMs: 0 },
    });
    http.route('POST', zalo.webhook!.path, zalo.webhook!.handler);
    await Promise.all([zalo.ready, telegram.ready]);
  });
  afterAll(async () => {
    await zalo?.stop();
    await telegram?.stop();
    await http?.close();
    await zaloFake?.close();
    await telegramFake?.close();
  });

  it('sets its webhook with the secret and accepts both documented body shapes', async () => {
    expect(zaloFake.webhook).toMatchObject({ url: `${PUBLIC_ROOT}/zalo/hook`, secretToken: secret });
    const user = { id: zaloFake.newId(), display_name: 'Phạm D' };
    zaloFake.webhookBodyShape = 'wrapped';
    zaloFake.sendText(user, '/start');
    await zaloFake.waitForSent((m) => m.chatId === user.id);
    zaloFake.webhookBodyShape = 'bare';
    zaloFake.sendText(user, '/trogiup');
    await zaloFake.waitForSent((m) => m.chatId === user.id, { count: 2 });
    expect(zaloFake.webhookDeliveries.map((d) => [d.shape, d.status])).toEqual([
      ['wrapped', 200],
      ['bare', 200],
    ]);
  });

  it('rejects a wrong or missing secret (401) and a body that is no update (400), processing nothing', async () => {
    const user = { id: zaloFake.newId(), display_name: 'X' };
    const update = {
      event_name: 'message.text.received',
      message: {
        message_id: zaloFake.newId(),
        date: Date.now(),
        from: { id: user.id, display_name: 'X', is_bot: false },
        chat: { id: user.id, chat_type: 'PRIVATE' },
        text: '/start',
      },
    };
    expect((await zaloFake.postUpdate(update, { secret: 'wrong-secret' })).status).toBe(401);
    expect((await zaloFake.postUpdate(update, { secret: null })).status).toBe(401);
    expect((await zaloFake.postUpdate({ message: update.message }, { secret })).status).toBe(400);
    // The documented result may come without a message: acknowledged and skipped, not refused.
    expect((await zaloFake.postUpdate({ event_name: 'message.unsupported.received' }, { secret })).status).toBe(200);
    expect(
      await db.database.prisma.processedUpdate.count({
        where: { key: `message.text.received:${update.message.message_id}` },
      }),
    ).toBe(0);
    expect(zaloFake.sentTo(user.id)).toEqual([]);
    // The same update posted twice with the right secret: handled once.
    expect((await zaloFake.postUpdate(update, { secret })).status).toBe(200);
    expect((await zaloFake.postUpdate(update, { secret, shape: 'bare' })).status).toBe(200);
    await zaloFake.waitForSent((m) => m.chatId === user.id);
    zaloFake.sendText(user, '/trogiup');
    await zaloFake.waitForSent((m) => m.chatId === user.id, { count: 2 });
    expect(zaloFake.sentTo(user.id)).toHaveLength(2);
  });

  it('links Telegram and Zalo to one official with a one-time code', async () => {
    const unitId = (
      await db.database.prisma.unit.findUniqueOrThrow({ where: { code: 'TU-BTC' }, select: { id: true } })
    ).id;
    const invite = generateCode();
    await createInvite(db.database.prisma, {
      code: invite,
      unitId,
      role: 'official',
      maxUses: 1,
      expiresAt: null,
      createdById: null,
      actorLabel: 'test',
    });
    const tgUser = { id: 555_001, first_name: 'Võ', last_name: 'Thị E', language_code: 'vi' };
    telegramFake.sendText(tgUser, `/start ${invite}`);
    await telegramFake.waitForSent((m) => m.chatId === tgUser.id);
    telegramFake.sendText(tgUser, '/lienket');
    const [linkMessage] = await telegramFake.waitForSent(
      (m) => m.chatId === tgUser.id && m.visible.includes('Mã liên kết'),
    );
    const linkCode = linkMessage!.visible.match(/\b([A-HJ-NP-Z2-9]{8})\b/)?.[1];
    expect(linkCode).toBeDefined();

    const zaloUser = { id: zaloFake.newId(), display_name: 'Võ Thị E (Zalo)' };
    zaloFake.sendText(zaloUser, linkCode!.toLowerCase());
    const [linked] = await zaloFake.waitForSent((m) => m.chatId === zaloUser.id);
    expect(linked!.text).toContain('Đã liên kết zalo với hồ sơ của Võ Thị E');
    const accounts = await db.database.prisma.channelAccount.findMany({
      where: { official: { name: 'Võ Thị E' } },
      select: { channel: true },
      orderBy: { id: 'asc' },
    });
    expect(accounts).toEqual([{ channel: 'telegram' }, { channel: 'zalo' }]);
    // The code was for one use only.
    const other = { id: zaloFake.newId(), display_name: 'Someone' };
    zaloFake.sendText(other, linkCode!);
    const [refused] = await zaloFake.waitForSent((m) => m.chatId === other.id);
    expect(refused!.text).toContain('đã được dùng hết');
  });
});
