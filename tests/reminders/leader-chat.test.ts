// The leader role in chat over the fake Telegram API: granted with /quyen, reads /tinhhinh, refused every admin change;
// the admins' one-tap nudge on the per-window view.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTelegramChannel, type TelegramChannel } from '../../src/channels/telegram/bot.js';
import { createConfig } from '../../src/config.js';
import { createInvite } from '../../src/db/officials.js';
import { generateCode } from '../../src/domain/invite-code.js';
import { createLogger } from '../../src/logger.js';
import { createChatCore } from '../../src/main.js';
import { seedDemoPlan } from '../../src/seed.js';
import { accountReachability } from '../../src/services/accounts.js';
import { type TestDatabase, testDatabase } from '../support/databases.js';
import { type FakeTelegram, type FakeUser, type SentMessage, startFakeTelegram } from '../support/fake-telegram.js';
import { waitUntil } from '../support/wait.js';

const logger = createLogger({ level: 'silent' });
const NOW = new Date('2012-09-20T03:00:00Z');
type Button = { text: string; callback_data: string };
type View = Pick<SentMessage, 'chatId' | 'messageId' | 'visible' | 'replyMarkup'>;
const buttons = (message: View | undefined): Button[] =>
  ((message?.replyMarkup as { inline_keyboard?: Button[][] } | undefined)?.inline_keyboard ?? []).flat();

describe('leaders and the nudge in chat (PGlite)', () => {
  let db: TestDatabase;
  let fake: FakeTelegram;
  let channel: TelegramChannel;
  let nextUser = 60_000;

  beforeAll(async () => {
    db = await testDatabase('pglite');
    await db.reset();
    await seedDemoPlan(db.database.prisma, NOW);
    fake = await startFakeTelegram();
    const config = createConfig({ TELEGRAM_BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.apiRoot });
    const core = await createChatCore({ prisma: db.database.prisma, config, logger, now: () => NOW });
    channel = createTelegramChannel({
      config: config.telegram!,
      conversation: core.conversation,
      reachability: accountReachability(db.database.prisma, 'telegram'),
      translations: core.translations,
      logger,
      // The fake sets no per-chat limit here: replies to one chat need not wait a second apart.
      gate: { perChatMs: 0 },
      pushPerSecond: 1000,
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
    return reply!;
  }
  async function register(unit: string, role: 'official' | 'admin' | 'leader'): Promise<FakeUser> {
    const unitId = (await db.database.prisma.unit.findUniqueOrThrow({ where: { code: unit }, select: { id: true } }))
      .id;
    const code = generateCode();
    await createInvite(db.database.prisma, {
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

  const idOf = async (user: FakeUser) =>
    (
      await db.database.prisma.channelAccount.findFirstOrThrow({
        where: { externalId: String(user.id) },
        select: { officialId: true },
      })
    ).officialId;
  /** Presses a button and returns what answered it: a new message, or the message the button was on, edited. */
  async function pressForReply(user: FakeUser, on: View, data: string): Promise<View> {
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

  it('an admin makes an official a leader, who reads /tinhhinh but is refused every admin change', async () => {
    const admin = await register('TU', 'admin');
    const head = await register('TU-UBKT', 'official');
    const granted = await say(admin, `/quyen ${await idOf(head)} leader`);
    expect(granted.visible).toContain('Đã cập nhật cán bộ');
    const row = await db.database.prisma.official.findUniqueOrThrow({
      where: { id: await idOf(head) },
      select: { role: true },
    });
    expect(row.role).toBe('leader');

    const help = await say(head, '/trogiup');
    expect(help.visible).toContain('/tinhhinh');
    expect(help.visible).not.toContain('/thongbao');
    const overview = await say(head, '/tinhhinh');
    expect(overview.visible).not.toContain('chỉ dành cho quản trị viên');
    const window = buttons(overview).find((b) => b.callback_data.startsWith('s:'));
    expect(window).toBeDefined();
    const view = await pressForReply(head, overview, window!.callback_data);
    expect(view.visible).not.toContain('chỉ dành cho quản trị viên');
    // Reading only: no nudge button for a leader.
    expect(buttons(view).some((b) => b.callback_data.startsWith('nu:'))).toBe(false);

    for (const command of [
      '/thongbao all\nxin chào',
      '/canbo',
      '/khoa 1',
      '/quyen 1 admin',
      '/moi TU-BTG',
      '/nhacviec',
    ])
      expect((await say(head, command)).visible).toContain('chỉ dành cho quản trị viên');
    const forged = await pressForReply(head, overview, `nu:${window!.callback_data.slice(2)}`);
    expect(forged.visible).toContain('chỉ dành cho quản trị viên');
    expect(await db.database.prisma.reminderRun.count({ where: { kind: { startsWith: 'nudge:' } } })).toBe(0);
  });

  it('an admin taps "remind the units that have not reported" once per window and day, and sees how many', async () => {
    const admin = await register('TU', 'admin');
    const second = await register('TU', 'admin');
    await register('TU-UBKT', 'official');
    await register('TU-UBKT', 'leader');
    const overview = await say(admin, '/tinhhinh tháng 9/2012');
    const open = buttons(overview).filter((b) => b.callback_data.startsWith('s:'));
    expect(open.length).toBeGreaterThan(0);
    let nudged = false;
    for (const button of open) {
      const view = await pressForReply(admin, overview, button.callback_data);
      const nudge = buttons(view).find((b) => b.callback_data.startsWith('nu:'));
      expect(nudge?.text).toBe('🔔 Nhắc các đơn vị chưa báo cáo');
      const answer = await pressForReply(admin, view, nudge!.callback_data);
      if (!answer.visible.startsWith('Đã nhắc')) continue;
      expect(answer.visible).toMatch(/Đã nhắc 1 cán bộ/);
      // Tapped again, or by another admin: nothing more is queued.
      expect((await pressForReply(admin, view, nudge!.callback_data)).visible).toContain('Hôm nay đã nhắc');
      const other = await say(second, '/tinhhinh tháng 9/2012');
      expect((await pressForReply(second, other, nudge!.callback_data)).visible).toContain('Hôm nay đã nhắc');
      const occurrenceId = Number(nudge!.callback_data.slice(3));
      expect(
        await db.database.prisma.reminderLedger.count({ where: { occurrenceId, kind: { startsWith: 'nudge:' } } }),
      ).toBe(1);
      nudged = true;
      break;
    }
    expect(nudged).toBe(true);
  });
});
