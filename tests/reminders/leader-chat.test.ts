// The leader role in chat over the fake Telegram API: granted with /quyen, reads /tinhhinh, refused every admin change;
// the admins' one-tap nudge on the per-window view.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/db/officials.js';
import { seedDemoPlan } from '../../src/seed.js';
import { type TestDatabase, testDatabase } from '../support/databases.js';
import type { FakeUser } from '../support/fake-telegram.js';
import { buttons, startTelegramChat, type TelegramChat, type View } from '../support/telegram-chat.js';

const NOW = new Date('2012-09-20T03:00:00Z');

describe('leaders and the nudge in chat (PGlite)', () => {
  let db: TestDatabase;
  let chat: TelegramChat;
  const say = (user: FakeUser, text: string) => chat.say(user, text);
  const pressForReply = (user: FakeUser, on: View, data: string) => chat.press(user, on, data);
  const register = (unit: string, role: Role) => chat.register(unit, role);

  beforeAll(async () => {
    db = await testDatabase('pglite');
    await db.reset();
    await seedDemoPlan(db.database.prisma, NOW);
    chat = await startTelegramChat(db.database.prisma, { now: NOW, firstUserId: 60_000 });
  });
  afterAll(async () => {
    await chat?.stop();
  });

  const idOf = async (user: FakeUser) =>
    (
      await db.database.prisma.channelAccount.findFirstOrThrow({
        where: { externalId: String(user.id) },
        select: { officialId: true },
      })
    ).officialId;

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
