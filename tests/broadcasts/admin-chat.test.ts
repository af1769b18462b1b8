// Admin tools in chat over the fake Telegram API: notices with preview and progress, the reporting picture, role checks.
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBroadcastWorker } from '../../src/broadcasts/worker.js';
import type { TelegramChannel } from '../../src/channels/telegram/bot.js';
import { recordStatusReport } from '../../src/db/reports.js';
import { loadTranslations } from '../../src/i18n.js';
import { createLogger } from '../../src/logger.js';
import { pngSize } from '../../src/reporting/png.js';
import { seedDemoPlan } from '../../src/seed.js';
import { pdf } from '../extract/support/documents.js';
import { type TestDatabase, testDatabase } from '../support/databases.js';
import type { FakeTelegram, FakeUser, SentMessage } from '../support/fake-telegram.js';
import { buttons, startTelegramChat, type TelegramChat } from '../support/telegram-chat.js';

const logger = createLogger({ level: 'silent' });
const NOW = new Date('2012-09-20T03:00:00Z');

describe('admin tools in chat (PGlite)', () => {
  let db: TestDatabase;
  let chat: TelegramChat;
  let fake: FakeTelegram;
  let channel: TelegramChannel;

  beforeAll(async () => {
    db = await testDatabase('pglite');
    await db.reset();
    await seedDemoPlan(db.database.prisma, NOW);
    chat = await startTelegramChat(db.database.prisma, { now: NOW, firstUserId: 50_000 });
    ({ fake, channel } = chat);
  });
  afterAll(async () => {
    await chat?.stop();
  });

  const say = (user: FakeUser, text: string) => chat.say(user, text);
  const press = (user: FakeUser, message: SentMessage, data: string) => chat.press(user, message, data);
  const register = (unit: string, role: 'official' | 'admin') => chat.register(unit, role);

  it('previews a notice with exact counts, sends nothing before "Send", then delivers once with progress in the same message', async () => {
    const admin = await register('TU-VP', 'admin');
    const members = [await register('TU-BTG', 'official'), await register('TU-BTG', 'official')];
    const other = await register('TU-BTC', 'official');
    const ask = await say(admin, '/thongbao unit:TU-BTG');
    expect(ask.visible).toContain('Gửi nội dung thông báo tới unit:TU-BTG');
    const preview = await say(admin, 'Họp Ban lúc 14 giờ chiều nay <phòng 2>.');
    expect(preview.visible).toContain('Tới unit:TU-BTG: 2 cán bộ — Telegram 2, Zalo 0');
    expect(preview.visible).toContain('<phòng 2>');
    const broadcasts = await db.database.prisma.broadcast.findMany({ select: { status: true } });
    expect(broadcasts).toEqual([{ status: 'draft' }]);
    expect(await db.database.prisma.broadcastDelivery.count()).toBe(0);

    // Another official forging the admin's "Send" button is refused and audited.
    const forgedBy = members[0]!;
    const forged = await (async () => {
      const before = fake.sentTo(forgedBy.id).length;
      fake.pressButton(
        forgedBy,
        { chatId: forgedBy.id, messageId: fake.sentTo(forgedBy.id).at(-1)!.messageId },
        buttons(preview)[0]!.callback_data,
      );
      return (
        await fake.waitForSent((m) => m.chatId === forgedBy.id && fake.sentTo(forgedBy.id).indexOf(m) >= before)
      )[0]!;
    })();
    expect(forged.visible).toContain('chỉ dành cho quản trị viên');
    expect(await db.database.prisma.broadcast.count({ where: { status: 'draft' } })).toBe(1);

    await press(admin, preview, buttons(preview)[0]!.callback_data);
    const queued = fake.message(admin.id, preview.messageId);
    expect(queued?.text).toMatch(/Thông báo #\d+/);
    const worker = createBroadcastWorker({
      prisma: db.database.prisma,
      channels: { telegram: channel },
      translations: await loadTranslations(),
      logger,
      instance: 'chat-test',
    });
    while ((await worker.runOnce()) > 0);
    for (const member of members) {
      const notices = fake.sentTo(member.id).filter((m) => m.visible.startsWith('📢 Thông báo'));
      expect(notices.map((m) => m.visible)).toEqual(['📢 Thông báo\n\nHọp Ban lúc 14 giờ chiều nay <phòng 2>.']);
    }
    expect(fake.sentTo(other.id).some((m) => m.visible.startsWith('📢'))).toBe(false);
    expect(fake.message(admin.id, preview.messageId)?.text).toContain('Đã gửi 2 · Lỗi 0 · Còn lại 0 (tổng 2)');
    // Pressing "Send" again (a double tap) sends nothing more.
    await press(admin, preview, buttons(preview)[0]!.callback_data);
    while ((await worker.runOnce()) > 0);
    for (const member of members)
      expect(fake.sentTo(member.id).filter((m) => m.visible.startsWith('📢'))).toHaveLength(1);
  });

  it('refuses notices, the reporting picture and official changes to non-admins, on every call', async () => {
    const official = await register('TU-BDV', 'official');
    for (const command of ['/thongbao all\nxin chào', '/tinhhinh', '/canbo', '/khoa 1', '/quyen 1 admin']) {
      expect((await say(official, command)).visible).toContain('chỉ dành cho quản trị viên');
    }
    const reply = await say(official, '/start');
    for (const data of ['s:1', 'mx:20120901:20120930', 'bx:1']) {
      const before = fake.sentTo(official.id).length;
      fake.pressButton(official, reply, data);
      const [answer] = await fake.waitForSent(
        (m) => m.chatId === official.id && fake.sentTo(official.id).indexOf(m) >= before,
      );
      expect(answer!.visible).toContain('chỉ dành cho quản trị viên');
    }
    const officialId = (
      await db.database.prisma.channelAccount.findFirstOrThrow({
        where: { externalId: String(official.id) },
        select: { officialId: true },
      })
    ).officialId;
    expect(await db.database.prisma.auditLog.count({ where: { actorId: officialId, action: 'denied' } })).toBe(8);
  });

  it('shows the reporting picture of a period: overdue first, each unit with its note, and the matrix as a PNG', async () => {
    const { prisma } = db.database;
    const admin = await register('TU-VP', 'admin');
    const reporterId = (await prisma.official.findFirstOrThrow({ select: { id: true } })).id;
    const occurrence = await prisma.occurrence.findFirstOrThrow({
      where: { duty: { title: { startsWith: 'Đề xuất gợi ý kiểm điểm sâu' } } },
      select: { id: true },
    });
    const unit = async (code: string) =>
      (await prisma.unit.findUniqueOrThrow({ where: { code }, select: { id: true } })).id;
    await recordStatusReport(prisma, {
      occurrenceId: occurrence.id,
      unitId: await unit('TU-UBKT'),
      officialId: reporterId,
      status: 'blocked',
      note: 'Chờ ý kiến Thường trực',
      channel: 'telegram',
      channelMessageId: 'r1',
    });
    await recordStatusReport(prisma, {
      occurrenceId: occurrence.id,
      unitId: await unit('TU-BTG'),
      officialId: reporterId,
      status: 'done',
      channel: 'telegram',
      channelMessageId: 'r2',
    });
    const overview = await say(admin, '/tinhhinh tháng 9/2012');
    expect(overview.visible).toContain('Tình hình báo cáo tháng 9/2012');
    expect(overview.visible).toMatch(/1\. .*\n {3}✅ \d+ · ⏳ \d+ · ⚠️ \d+ · ⬜ \d+/);
    const choice = buttons(overview).find((b) => b.callback_data === `s:${occurrence.id}`);
    expect(choice).toBeDefined();
    const before = fake.sentTo(admin.id).length;
    fake.pressButton(admin, overview, choice!.callback_data);
    const [detail] = await fake.waitForSent((m) => m.chatId === admin.id && fake.sentTo(admin.id).indexOf(m) >= before);
    const lines = detail!.visible.split('\n');
    expect(lines[2]).toBe('⚠️ Ủy ban Kiểm tra — Chờ ý kiến Thường trực');
    expect(lines.at(-1)).toContain('✅ Ban Tuyên giáo');

    const picture = buttons(overview).at(-1)!;
    expect(picture.callback_data).toBe('mx:20120901:20120930');
    const sentBefore = fake.sentTo(admin.id).length;
    fake.pressButton(admin, overview, picture.callback_data);
    const [photo] = await fake.waitForSent(
      (m) => m.chatId === admin.id && fake.sentTo(admin.id).indexOf(m) >= sentBefore,
      { timeoutMs: 30_000 },
    );
    expect(photo!.method).toBe('sendPhoto');
    expect(photo!.file?.size).toBeGreaterThan(1000);
    expect(photo!.file?.bytes && pngSize(photo!.file.bytes)).toMatchObject({ width: 900 });
  });

  it('turns a plan document an admin sends into a draft plan file, and refuses documents from others', async () => {
    const admin = await register('TU-VP', 'admin');
    const official = await register('TU-BTG', 'official');
    const source = await readFile(new URL('../../plans/sources/tra-vinh-15-KH-TU-2012.txt', import.meta.url));
    let sentDocuments = 0;
    const sendDocument = (user: FakeUser, bytes: Buffer | Uint8Array = source, fileName = 'ke-hoach-15.txt') => {
      const file = fake.registerFile({ bytes: Buffer.from(bytes), fileName });
      return fake.enqueue({
        message: {
          message_id: 900_000 + user.id * 10 + sentDocuments++,
          date: 0,
          chat: { id: user.id, type: 'private', first_name: 'A' },
          from: { id: user.id, is_bot: false, first_name: 'A' },
          document: {
            file_id: file.fileId,
            file_unique_id: file.fileUniqueId,
            file_name: fileName,
            file_size: file.size,
          },
        },
      });
    };
    const before = fake.sentTo(official.id).length;
    sendDocument(official);
    const [refused] = await fake.waitForSent(
      (m) => m.chatId === official.id && fake.sentTo(official.id).indexOf(m) >= before,
    );
    expect(refused!.visible).toContain('chỉ đọc được tin nhắn chữ');

    const sent = fake.sentTo(admin.id).length;
    sendDocument(admin);
    const [draft] = await fake.waitForSent((m) => m.chatId === admin.id && fake.sentTo(admin.id).indexOf(m) >= sent, {
      timeoutMs: 30_000,
    });
    expect(draft!.method).toBe('sendDocument');
    expect(draft!.file?.fileName).toBe('ke-hoach-15.yaml');
    expect(draft!.visible).toContain('Bản nháp kế hoạch 15-KH/TU');
    const yaml = draft!.file?.bytes?.toString('utf8') ?? '';
    expect(yaml).toContain('format: dondoc-plan/1');
    expect(yaml).toContain('code: 15-KH/TU');

    // The same plan as a PDF with a text layer; and a text that is no plan, refused in the admin's language.
    const lines = source.toString('utf8').split('\n');
    const pages = Array.from({ length: Math.ceil(lines.length / 45) }, (_, i) => lines.slice(i * 45, i * 45 + 45));
    const asPdf = fake.sentTo(admin.id).length;
    sendDocument(admin, await pdf(pages), 'ke-hoach-15.pdf');
    const [fromPdf] = await fake.waitForSent(
      (m) => m.chatId === admin.id && fake.sentTo(admin.id).indexOf(m) >= asPdf,
      {
        timeoutMs: 60_000,
      },
    );
    expect(fromPdf!.visible).toContain('Bản nháp kế hoạch 15-KH/TU');
    const asNote = fake.sentTo(admin.id).length;
    sendDocument(admin, Buffer.from('Danh sách mua sắm: gạo, muối, nước mắm.\n'), 'ghi-chu.txt');
    const [refusedNote] = await fake.waitForSent(
      (m) => m.chatId === admin.id && fake.sentTo(admin.id).indexOf(m) >= asNote,
    );
    expect(refusedNote!.visible).toContain('Tệp "ghi-chu.txt" không phải là một kế hoạch triển khai');
  });
});
