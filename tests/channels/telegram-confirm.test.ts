// Confirmation and extensions end to end: grammY's real client against the fake Bot API, on PGlite and PostgreSQL.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTelegramChannel, type TelegramChannel } from '../../src/channels/telegram/bot.js';
import { createConfig } from '../../src/config.js';
import { approvedDeadline } from '../../src/db/extensions.js';
import { createInvite } from '../../src/db/officials.js';
import { setPlanConfirmation } from '../../src/db/reviews.js';
import { generateCode } from '../../src/domain/invite-code.js';
import { createLogger } from '../../src/logger.js';
import { createChatCore } from '../../src/main.js';
import { seedDemoPlan } from '../../src/seed.js';
import { accountReachability } from '../../src/services/accounts.js';
import { databaseKinds, type TestDatabase, testDatabase } from '../support/databases.js';
import { type FakeTelegram, type FakeUser, type SentMessage, startFakeTelegram } from '../support/fake-telegram.js';

const kinds = await databaseKinds();
const logger = createLogger({ level: 'silent' });
const NOW = new Date('2012-08-20T03:00:00Z');
let nextUserId = 5000;
const newUser = (): FakeUser => ({ id: nextUserId++, first_name: 'Lê', last_name: 'Văn C', language_code: 'vi' });

type Button = { text: string; callback_data: string };
function buttons(message: SentMessage | undefined): Button[] {
  const markup = message?.replyMarkup as { inline_keyboard?: Button[][] } | undefined;
  return (markup?.inline_keyboard ?? []).flat();
}

describe.each(kinds)('confirmation and extensions over Telegram on %s', (kind) => {
  let db: TestDatabase;
  let fake: FakeTelegram;
  let channel: TelegramChannel;
  let evidenceDir: string;
  let nextMessageId = 900_000;

  /** A user sends a file (or a photo) as Telegram would deliver it; waits for the reply. */
  async function sendFile(user: FakeUser, bytes: Buffer, photo = false): Promise<SentMessage> {
    const file = fake.registerFile({ bytes, fileName: 'bao-cao.pdf', mimeType: 'application/pdf' });
    const before = fake.sentTo(user.id).length;
    const ref = { file_id: file.fileId, file_unique_id: file.fileUniqueId, file_size: bytes.length };
    fake.enqueue({
      message: {
        message_id: nextMessageId++,
        date: 0,
        chat: { id: user.id, type: 'private', first_name: user.first_name },
        from: { id: user.id, is_bot: false, first_name: user.first_name },
        ...(photo ? { photo: [ref] } : { document: { ...ref, file_name: 'bao-cao.pdf' } }),
      },
    });
    const [reply] = await fake.waitForSent((m) => m.chatId === user.id && fake.sentTo(user.id).indexOf(m) >= before);
    return reply as SentMessage;
  }

  beforeAll(async () => {
    db = await testDatabase(kind);
    await db.reset();
    await seedDemoPlan(db.database.prisma, NOW);
    await setPlanConfirmation(db.database.prisma, '15-KH/TU', true, { label: 'test' });
    fake = await startFakeTelegram();
    evidenceDir = mkdtempSync(path.join(tmpdir(), 'dondoc-evidence-'));
    const config = createConfig({
      TELEGRAM_BOT_TOKEN: fake.token,
      TELEGRAM_API_ROOT: fake.apiRoot,
      EVIDENCE_DIR: evidenceDir,
      EVIDENCE_MAX_MB: '0.001',
    });
    const core = await createChatCore({
      prisma: db.database.prisma,
      config,
      logger,
      now: () => NOW,
      outgoing: () => ({ telegram: channel }),
    });
    channel = createTelegramChannel({
      config: config.telegram!,
      conversation: core.conversation,
      reachability: accountReachability(db.database.prisma, 'telegram'),
      translations: core.translations,
      logger,
      gate: { perChatMs: 0 },
    });
    await channel.ready;
  });
  afterAll(async () => {
    await channel?.stop();
    await fake?.close();
  });

  async function say(user: FakeUser, text: string): Promise<SentMessage> {
    const before = fake.sentTo(user.id).length;
    fake.sendText(user, text);
    const [reply] = await fake.waitForSent((m) => m.chatId === user.id && fake.sentTo(user.id).indexOf(m) >= before);
    return reply as SentMessage;
  }

  async function press(user: FakeUser, message: SentMessage, data: string): Promise<SentMessage> {
    const edits = fake.calls.filter((c) => c.method === 'editMessageText').length;
    const before = fake.sentTo(user.id).length;
    fake.pressButton(user, message, data);
    await Promise.race([
      fake.waitForSent((m) => m.chatId === user.id && fake.sentTo(user.id).indexOf(m) >= before),
      fake.waitForCalls('editMessageText', edits + 1),
    ]);
    const sent = fake.sentTo(user.id);
    return (sent.length > before ? sent[sent.length - 1] : fake.message(user.id, message.messageId)) as SentMessage;
  }

  async function register(unit: string, role: 'official' | 'admin'): Promise<FakeUser> {
    const { prisma } = db.database;
    const unitId = (await prisma.unit.findUniqueOrThrow({ where: { code: unit }, select: { id: true } })).id;
    const invite = generateCode();
    await createInvite(prisma, {
      code: invite,
      unitId,
      role,
      maxUses: 1,
      expiresAt: null,
      createdById: null,
      actorLabel: 'test',
    });
    const user = newUser();
    expect((await say(user, `/start ${invite}`)).visible).toMatch(/Đăng ký thành công/);
    return user;
  }

  it('takes a done as pending, lets the issuing body return it with a reason, refuses a forged press', async () => {
    const { prisma } = db.database;
    const official = await register('TU-BTG', 'official');
    const admin = await register('TU', 'admin');
    const outsider = await register('TU-BTC', 'admin');

    const answer = await say(official, 'việc gì đến hạn tháng 9/2012');
    const details = await press(official, answer, buttons(answer)[2]!.callback_data);
    const done = buttons(details).find((b) => /^r:\d+:d$/.test(b.callback_data))!;
    const saved = await press(official, details, done.callback_data);
    expect(saved.text).toContain('sẽ được tính khi cơ quan giao việc xác nhận');
    // The issuing body's admin is told, with the buttons; the other body's admin is not.
    const notice = fake.sentTo(admin.id).at(-1)!;
    expect(notice.visible).toContain('Ban Tuyên giáo báo cáo hoàn thành, chờ xác nhận');
    expect(buttons(notice).map((b) => b.callback_data)).toEqual([
      expect.stringMatching(/^v:\d+:ok$/),
      expect.stringMatching(/^v:\d+:ret$/),
    ]);
    expect(fake.sentTo(outsider.id).some((m) => m.visible.includes('chờ xác nhận'))).toBe(false);
    // Evidence right after the tap: a file and a photo stored by sha256; one over the limit refused.
    const pdf = Buffer.from('%PDF-1.4 báo cáo');
    expect((await sendFile(official, pdf)).visible).toContain('Đã lưu tệp minh chứng bao-cao.pdf');
    expect((await sendFile(official, Buffer.from('jpeg bytes'), true)).visible).toContain('Đã lưu tệp minh chứng');
    expect((await sendFile(official, Buffer.alloc(2000, 1))).visible).toContain('Tệp quá lớn: tối đa 0 MB');
    const sha = createHash('sha256').update(pdf).digest('hex');
    expect(readFileSync(path.join(evidenceDir, sha))).toEqual(pdf);
    expect(
      await prisma.reportAttachment.findMany({
        select: { kind: true, sha256: true, sizeBytes: true },
        orderBy: { id: 'asc' },
      }),
    ).toEqual([
      { kind: 'document', sha256: sha, sizeBytes: pdf.length },
      { kind: 'photo', sha256: expect.any(String), sizeBytes: 10 },
    ]);
    expect((await say(official, 'Báo cáo số 45-BC/BTGTU ngày 20/8/2012')).visible).toContain('Đã lưu ghi chú');
    const report = await prisma.statusReport.findFirstOrThrow({
      select: { id: true, reviewState: true, evidenceNumber: true },
    });
    expect(report).toMatchObject({ reviewState: 'pending', evidenceNumber: '45-BC/BTGTU' });

    // An admin of another body: /xacnhan shows nothing of this plan, and a forged press is refused and audited.
    expect((await say(outsider, '/xacnhan')).visible).toContain('Không có hoàn thành nào');
    const forged = await say(outsider, '/caidat');
    const refused = await press(outsider, forged, `v:${report.id}:ok`);
    expect(refused.visible).toContain('Chỉ quản trị viên của cơ quan giao việc');
    expect(await prisma.auditLog.count({ where: { action: 'report.review-refused' } })).toBe(1);

    const list = await say(admin, '/xacnhan');
    expect(list.visible).toContain('Ban Tuyên giáo');
    expect(list.visible).toContain('45-BC/BTGTU');
    expect(list.visible).toContain('Minh chứng: 2 tệp');
    // The window's units in /tinhhinh show the same evidence beside the unit's status.
    const window = await prisma.statusReport.findUniqueOrThrow({
      where: { id: report.id },
      select: { occurrenceId: true },
    });
    const units = await press(admin, list, `s:${window.occurrenceId}`);
    expect(units.visible).toContain('văn bản 45-BC/BTGTU ngày 20/08/2012 · Minh chứng: 2 tệp');
    const back = buttons(list).find((b) => b.callback_data === `v:${report.id}:ret`)!;
    expect((await press(admin, list, back.callback_data)).visible).toContain('lý do trả lại');
    expect((await say(admin, 'Thiếu số liệu các xã')).visible).toContain('Đã trả lại');
    expect(fake.sentTo(official.id).at(-1)!.visible).toContain(
      'trả lại báo cáo hoàn thành (lý do: Thiếu số liệu các xã)',
    );
    expect(
      await prisma.statusReport.findUniqueOrThrow({
        where: { id: report.id },
        select: { reviewState: true, reviewReason: true },
      }),
    ).toEqual({ reviewState: 'returned', reviewReason: 'Thiếu số liệu các xã' });
    expect(await prisma.auditLog.count({ where: { action: 'report.return', target: `report:${report.id}` } })).toBe(1);
  });

  it('takes an extension request in words and the issuing body approves it', async () => {
    const { prisma } = db.database;
    const official = await register('TU-UBKT', 'official');
    const admin = await register('TU', 'admin');
    const todo = await say(official, '/baocao');
    expect(todo.visible).toContain('1.');
    const requested = await say(official, 'xin gia hạn việc 1 đến 15/12/2012 vì chờ số liệu');
    expect(requested.visible).toContain('Đã gửi đề nghị gia hạn đến 2012-12-15');
    expect(fake.sentTo(admin.id).at(-1)!.visible).toContain('Ủy ban Kiểm tra xin gia hạn');
    const extension = await prisma.deadlineExtension.findFirstOrThrow({
      select: { id: true, occurrenceId: true, unitId: true },
    });
    const list = await say(admin, '/xacnhan');
    const approve = buttons(list).find((b) => b.callback_data === `x:${extension.id}:ok`)!;
    expect((await press(admin, list, approve.callback_data)).text).toContain('Đã đồng ý gia hạn');
    expect(await approvedDeadline(prisma, extension.occurrenceId, extension.unitId)).toBe('2012-12-15');
    expect(fake.sentTo(official.id).at(-1)!.visible).toContain('đã đồng ý gia hạn đến 2012-12-15');
    expect(await prisma.auditLog.count({ where: { action: 'extension.approve' } })).toBe(1);
  });

  it('asks for the date and reason after the "Xin gia hạn" button on the duty card', async () => {
    const official = await register('TU-BTG', 'official');
    const answer = await say(official, 'việc gì đến hạn tháng 9/2012');
    const details = await press(official, answer, buttons(answer)[2]!.callback_data);
    const ask = buttons(details).find((b) => /^xa:\d+$/.test(b.callback_data))!;
    expect(ask.text).toBe('Xin gia hạn');
    expect((await press(official, details, ask.callback_data)).visible).toContain('Gửi hạn mới và lý do');
    expect((await say(official, '30/11/2012 vì chờ ý kiến')).visible).toContain(
      'Đã gửi đề nghị gia hạn đến 2012-11-30',
    );
  });
});
