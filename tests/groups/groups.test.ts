// Units' work groups over the fake Telegram with grammY's real client: linking, answers only about the group's unit,
// reminders and notices posted once, the bot removed (no storm of failing sends), a supergroup upgrade.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/program.js';
import { createConfig } from '../../src/config.js';
import { queueBroadcast } from '../../src/db/broadcasts.js';
import { createGroupWorker, type GroupWorker } from '../../src/groups/worker.js';
import { loadTranslations } from '../../src/i18n.js';
import { createLogger } from '../../src/logger.js';
import { createReminderWorker, type ReminderWorker } from '../../src/reminders/worker.js';
import { seedDemoPlan } from '../../src/seed.js';
import { databaseKinds, type TestDatabase, testDatabase } from '../support/databases.js';
import type { FakeUser, SentMessage } from '../support/fake-telegram.js';
import { startTelegramChat, type TelegramChat } from '../support/telegram-chat.js';
import { waitUntil } from '../support/wait.js';

const logger = createLogger({ level: 'silent' });
/** Local wall time in Việt Nam (UTC+7) as an instant. */
const vn = (text: string) => new Date(`${text}:00+07:00`);
const NOW = vn('2012-07-24T12:00');
const BOT = '@dondoc_test_bot';
/** A duty the inspection committee (TU-UBKT) leads in August 2012, and one only the organisation board leads. */
const UBKT_DUTY = 'Đề xuất gợi ý kiểm điểm sâu';
const BTC_DUTY = 'Chuẩn bị bản tự phê bình';

describe.each(await databaseKinds())('unit work groups on %s', (kind) => {
  let db: TestDatabase;
  let chat: TelegramChat;
  let reminders: ReminderWorker;
  let posts: GroupWorker;
  let groupIds = -4_000_100_000;
  const users = 70_000;
  const config = createConfig({ TELEGRAM_BOT_TOKEN: '1:x', REMINDER_HOLIDAYS: '2012-09-03' });

  beforeAll(async () => {
    db = await testDatabase(kind);
    chat = await startTelegramChat(db.database.prisma, { now: NOW, firstUserId: users });
  });
  afterAll(async () => {
    await chat?.stop();
  });
  beforeEach(async () => {
    await db.reset();
    await seedDemoPlan(db.database.prisma, vn('2012-04-10T08:00'));
    const translations = await loadTranslations();
    const channels = { telegram: chat.channel };
    reminders = createReminderWorker({
      prisma: db.database.prisma,
      config,
      channels,
      translations,
      logger,
      instance: 'test-a',
    });
    posts = createGroupWorker({
      prisma: db.database.prisma,
      channels,
      translations,
      logger,
      instance: 'test-a',
      telegramUsername: () => chat.channel.username(),
    });
  });

  const newGroup = (title = 'Nhóm UBKT') => ({ id: groupIds--, title });
  const groupRow = (chatId: number) =>
    db.database.prisma.groupChat.findUnique({
      where: { channel_chatId: { channel: 'telegram', chatId: String(chatId) } },
      select: { active: true, unitId: true, inactiveReason: true },
    });
  const unitId = async (code: string) =>
    (await db.database.prisma.unit.findUniqueOrThrow({ where: { code }, select: { id: true } })).id;

  /** An admin links a group to a unit with group delivery on; returns the admin. */
  async function linkedGroup(group: { id: number; title?: string }, unit: string): Promise<FakeUser> {
    const admin = await chat.register('TU', 'admin');
    expect((await chat.sayInGroup(admin, group, `/nhom ${unit}`)).visible).toContain('Đã liên kết nhóm này');
    expect((await chat.sayInGroup(admin, group, '/nhom bat')).visible).toContain('Đã bật');
    return admin;
  }

  /** The bot's messages to a chat from `index` on. */
  const sentSince = (chatId: number, index: number): SentMessage[] => chat.fake.sentTo(chatId).slice(index);

  it('an admin links the group and turns delivery on; a non-admin is refused and changes nothing', async () => {
    const group = newGroup();
    const official = await chat.register('TU-UBKT', 'official');
    const refused = await chat.sayInGroup(official, group, '/nhom TU-UBKT');
    expect(refused.visible).toContain('chỉ dành cho quản trị viên');
    expect(await groupRow(group.id)).toBeNull();

    const admin = await chat.register('TU', 'admin');
    const linked = await chat.sayInGroup(admin, group, '/nhom@dondoc_test_bot ủy ban kiểm tra');
    expect(linked.visible).toContain('Đã liên kết nhóm này với Ủy ban Kiểm tra');
    expect(await groupRow(group.id)).toMatchObject({ active: true, unitId: await unitId('TU-UBKT') });
    expect((await chat.sayInGroup(admin, group, '/nhom')).visible).toContain('đang tắt');
    expect((await chat.sayInGroup(admin, group, '/nhom bat')).visible).toContain('Đã bật');
    expect(
      (await db.database.prisma.unit.findUniqueOrThrow({ where: { code: 'TU-UBKT' }, select: { groupDelivery: true } }))
        .groupDelivery,
    ).toBe(true);
    // Refused once in a while: another non-admin is told, the same one again is not.
    const second = await chat.register('TU-UBKT', 'official');
    expect((await chat.sayInGroup(second, group, '/nhom tat')).visible).toContain('chỉ dành cho quản trị viên');
    expect((await chat.sayInGroup(admin, group, '/nhom')).visible).toContain('đang bật');

    // Relinking moves the group; the admin's private /nhom lists it.
    expect((await chat.sayInGroup(admin, group, '/nhom TU-BTG')).visible).toContain('Đã chuyển liên kết');
    expect(await groupRow(group.id)).toMatchObject({ unitId: await unitId('TU-BTG') });
    const listed = await chat.say(admin, '/nhom');
    expect(listed.visible).toContain('Nhóm UBKT');
    expect(listed.visible).toContain('TU-BTG');
    const actions = (
      await db.database.prisma.auditLog.findMany({
        where: { action: { startsWith: 'group' } },
        select: { action: true },
      })
    ).map((row) => row.action);
    expect(actions).toEqual(['group.linked', 'group-delivery.on', 'group.linked']);
    expect(await db.database.prisma.auditLog.count({ where: { action: 'denied', target: 'nhom' } })).toBe(2);
    // The first official again: the refusal is audited, but the group hears it only once in a while.
    const sent = chat.fake.sentTo(group.id).length;
    chat.fake.sendGroupText(official, group, '/nhom huy');
    await waitUntil(async () => (await db.database.prisma.auditLog.count({ where: { action: 'denied' } })) === 3);
    // The setting is the unit's: Ban Tuyên giáo has not turned its group posts on.
    expect((await chat.sayInGroup(admin, group, '/nhom')).visible).toContain(
      'Ban Tuyên giáo (TU-BTG). Gửi nhắc việc và thông báo vào nhóm: đang tắt',
    );
    expect(chat.fake.sentTo(group.id).length).toBe(sent + 1);
    expect(await groupRow(group.id)).not.toBeNull();
  });

  it("the CLI lists linked groups and switches a unit's group posts", async () => {
    const group = newGroup('Nhóm CLI');
    await linkedGroup(group, 'TU-UBKT');
    let out = '';
    const io = {
      stdout: (text: string) => {
        out += text;
        return true;
      },
      stderr: (text: string) => {
        out += text;
        return true;
      },
      cwd: '/tmp',
    };
    const runtime = {
      config,
      now: () => NOW,
      logger,
      withDatabase: <T>(use: (database: typeof db.database) => Promise<T>) => use(db.database),
    };
    expect(await runCli(['groups'], io, runtime)).toBe(0);
    expect(out).toContain(`${group.id}\tNhóm CLI\tTU-UBKT\tposts on\tactive`);
    expect(await runCli(['groups', 'delivery', 'TU-UBKT', 'off'], io, runtime)).toBe(0);
    const unit = await db.database.prisma.unit.findUniqueOrThrow({
      where: { code: 'TU-UBKT' },
      select: { groupDelivery: true },
    });
    expect(unit.groupDelivery).toBe(false);
    expect(await runCli(['groups', 'delivery', 'TU-UBKT', 'maybe'], io, runtime)).not.toBe(0);
    expect(
      await db.database.prisma.auditLog.count({ where: { action: 'group-delivery.off', actorLabel: 'cli' } }),
    ).toBe(1);
  });

  it('a reminder due for the unit reaches its group once, its officials privately as before; a notice once', async () => {
    const group = newGroup();
    const admin = await linkedGroup(group, 'TU-UBKT');
    const official = await chat.register('TU-UBKT', 'official');
    const otherGroup = newGroup('Nhóm Ban Tổ chức');
    await linkedGroup(otherGroup, 'TU-BTC');
    await reminders.tick(vn('2012-07-24T12:00'));
    await posts.runOnce(vn('2012-07-24T12:00'));
    const start = chat.fake.sentTo(group.id).length;
    const privateStart = chat.fake.sentTo(official.id).length;

    // 25/7/2012 at 08:00 is 7 days before the committee's 1/8 window opens.
    await reminders.tick(vn('2012-07-25T08:00'));
    await posts.runOnce(vn('2012-07-25T08:00'));
    const posted = sentSince(group.id, start).filter((m) => m.visible.includes(UBKT_DUTY));
    expect(posted).toHaveLength(1);
    expect(posted[0]!.visible).toContain('⏰ Nhắc việc: còn 7 ngày nữa bắt đầu');
    expect(posted[0]!.visible).toContain('https://t.me/dondoc_test_bot');
    expect(posted[0]!.replyMarkup).toBeUndefined();
    expect(sentSince(official.id, privateStart).filter((m) => m.visible.includes(UBKT_DUTY))).toHaveLength(1);
    // The organisation board does not lead it: its group gets nothing about it.
    expect(chat.fake.sentTo(otherGroup.id).some((m) => m.visible.includes(UBKT_DUTY))).toBe(false);

    // Again: nothing more.
    await reminders.tick(vn('2012-07-25T08:01'));
    await posts.runOnce(vn('2012-07-25T08:01'));
    expect(sentSince(group.id, start).filter((m) => m.visible.includes(UBKT_DUTY))).toHaveLength(1);

    const adminId = (
      await db.database.prisma.channelAccount.findFirstOrThrow({
        where: { externalId: String(admin.id) },
        select: { officialId: true },
      })
    ).officialId;
    await queueBroadcast(
      db.database.prisma,
      {
        text: 'Họp giao ban thứ Hai lúc 7 giờ 30.',
        audience: { kind: 'unit', code: 'TU-UBKT' },
        actor: { officialId: adminId, label: 'test' },
      },
      vn('2012-07-25T09:00'),
    );
    await posts.runOnce(vn('2012-07-25T09:00'));
    await posts.runOnce(vn('2012-07-25T09:01'));
    const notices = chat.fake.sentTo(group.id).filter((m) => m.visible.includes('Họp giao ban thứ Hai'));
    expect(notices).toHaveLength(1);
    expect(notices[0]!.visible).toContain('📢 Thông báo');
    expect(chat.fake.sentTo(otherGroup.id).some((m) => m.visible.includes('Họp giao ban'))).toBe(false);
    expect(await db.database.prisma.groupPost.count({ where: { key: { startsWith: 'notice:' } } })).toBe(1);
  });

  it("answers a member's mention with the group's unit's duties only; strangers and chatter get no data", async () => {
    const group = newGroup();
    await linkedGroup(group, 'TU-UBKT');
    const member = await chat.register('TU-UBKT', 'official');
    const otherUnit = await chat.register('TU-BTC', 'official');
    const stranger: FakeUser = { id: users + 900, first_name: 'Khách', language_code: 'vi' };

    const answer = await chat.sayInGroup(member, group, `${BOT} việc gì đến hạn tháng 8/2012?`);
    expect(answer.visible).toContain(UBKT_DUTY);
    expect(answer.visible).not.toContain(BTC_DUTY);
    expect(answer.visible).toContain('https://t.me/dondoc_test_bot');
    expect(answer.replyMarkup).toBeUndefined();
    // Naming another unit does not open its duties here.
    const named = await chat.sayInGroup(member, group, `${BOT} Ban Tổ chức cần làm gì tháng 8/2012?`);
    expect(named.visible).not.toContain(BTC_DUTY);
    // A reply to the bot's message is addressed to it too.
    const replied = await chat.sayInGroup(member, group, 'việc gì đến hạn tháng 8/2012?', answer.messageId);
    expect(replied.visible).toContain(UBKT_DUTY);
    // /baocao and a report attempt point to the private chat.
    expect((await chat.sayInGroup(member, group, '/baocao')).visible).toContain('trò chuyện riêng');
    expect((await chat.sayInGroup(member, group, `${BOT} đã xong`)).visible).toContain('trò chuyện riêng');

    // A stranger and an official of another unit: a short reply without data, once in a while.
    const before = chat.fake.sentTo(group.id).length;
    const handled = await db.database.prisma.processedUpdate.count();
    chat.fake.sendGroupText(stranger, group, `${BOT} việc gì đến hạn tháng 8/2012?`);
    chat.fake.sendGroupText(stranger, group, `${BOT} việc gì quá hạn?`);
    chat.fake.sendGroupText(otherUnit, group, `${BOT} việc gì đến hạn tháng 8/2012?`);
    // Chatter among members: no reply, nothing written.
    chat.fake.sendGroupText(member, group, 'Chiều nay họp lúc 14 giờ nhé');
    chat.fake.sendGroupText(member, group, 'Việc gì đến hạn tháng 8 vậy mọi người?');
    chat.fake.sendGroupText(member, group, `${BOT} việc gì quá hạn?`);
    await chat.fake.waitForSent((m) => m.chatId === group.id && chat.fake.sentTo(group.id).indexOf(m) >= before, {
      count: 3,
    });
    const replies = sentSince(group.id, before);
    expect(replies).toHaveLength(3);
    expect(replies[0]!.visible).toContain('Hãy nhắn riêng cho bot');
    expect(replies[1]!.visible).toContain('Hãy nhắn riêng cho bot');
    for (const reply of replies.slice(0, 2)) {
      expect(reply.visible).not.toContain(UBKT_DUTY);
      expect(reply.visible).not.toContain(BTC_DUTY);
    }
    // The member's question, the last one, is answered (the chatter before it was not).
    expect(replies[2]!.visible).not.toContain('Hãy nhắn riêng');
    // Four addressed messages were handled; the two lines of chatter never reached the conversation.
    expect(await db.database.prisma.processedUpdate.count()).toBe(handled + 4);
  });

  it('a button pressed in a group is answered with the private chat, not acted on', async () => {
    const group = newGroup();
    await linkedGroup(group, 'TU-UBKT');
    const member = await chat.register('TU-UBKT', 'official');
    const answer = await chat.sayInGroup(member, group, `${BOT} việc gì đến hạn tháng 8/2012?`);
    const answers = chat.fake.callbackAnswers.length;
    chat.fake.pressButton(member, answer, 'r:1:d');
    await waitUntil(() => chat.fake.callbackAnswers.length > answers);
    expect(chat.fake.callbackAnswers.at(-1)?.text).toContain('trò chuyện riêng');
    expect(await db.database.prisma.statusReport.count()).toBe(0);
  });

  it('the bot removed from the group: the group becomes inactive at once and later reminders are not sent there', async () => {
    const group = newGroup();
    const admin = await linkedGroup(group, 'TU-UBKT');
    chat.fake.setGroupMembership(admin, group, 'kicked');
    await waitUntil(async () => (await groupRow(group.id))?.active === false);
    await reminders.tick(vn('2012-07-24T12:00'));
    await reminders.tick(vn('2012-07-25T08:00'));
    await posts.runOnce(vn('2012-07-25T08:00'));
    expect(await db.database.prisma.groupPost.count()).toBe(0);
    expect(
      chat.fake.calls.filter((c) => c.method === 'sendMessage' && String(c.params.chat_id) === String(group.id)).length,
    ).toBe(
      // The replies to the admin's two /nhom commands, nothing after.
      2,
    );

    // Added back: re-linked by an admin, posts go there again.
    chat.fake.setGroupMembership(admin, group, 'member');
    expect((await chat.sayInGroup(admin, group, '/nhom TU-UBKT')).visible).toContain('Đã liên kết');
    expect(await groupRow(group.id)).toMatchObject({ active: true });
  });

  it('a 403 on sending to a group the bot left unseen: inactive, its posts cancelled, one failed send', async () => {
    const group = newGroup();
    const admin = await linkedGroup(group, 'TU-UBKT');
    chat.fake.setGroupMembership(admin, group, 'kicked', { deliver: false });
    const adminId = (
      await db.database.prisma.channelAccount.findFirstOrThrow({
        where: { externalId: String(admin.id) },
        select: { officialId: true },
      })
    ).officialId;
    for (const text of ['Thông báo một', 'Thông báo hai', 'Thông báo ba'])
      await queueBroadcast(
        db.database.prisma,
        { text, audience: { kind: 'unit', code: 'TU-UBKT' }, actor: { officialId: adminId, label: 'test' } },
        vn('2012-07-25T09:00'),
      );
    await reminders.tick(vn('2012-07-24T12:00'));
    const callsBefore = chat.fake.calls.filter(
      (c) => String(c.params.chat_id) === String(group.id) && c.method === 'sendMessage',
    );
    for (let round = 0; round < 3; round += 1) await posts.runOnce(vn('2012-07-25T09:00'));
    const failed = chat.fake.calls
      .filter((c) => String(c.params.chat_id) === String(group.id) && c.method === 'sendMessage')
      .slice(callsBefore.length);
    // One request learnt that the bot is gone; the group's other posts were never tried.
    expect(failed).toHaveLength(1);
    expect(await groupRow(group.id)).toMatchObject({ active: false });
    expect((await groupRow(group.id))?.inactiveReason).toContain('kicked');
    const states = await db.database.prisma.groupPost.groupBy({ by: ['state'], _count: { _all: true } });
    expect(states.every((row) => row.state === 'failed' || row.state === 'cancelled')).toBe(true);
    // Later reminders and notices: none written for the group.
    await reminders.tick(vn('2012-07-25T08:00'));
    await posts.runOnce(vn('2012-07-25T10:00'));
    expect(await db.database.prisma.groupPost.count({ where: { state: 'pending' } })).toBe(0);
    expect(
      chat.fake.calls.filter((c) => String(c.params.chat_id) === String(group.id) && c.method === 'sendMessage')
        .length - callsBefore.length,
    ).toBe(failed.length);
  });

  it('a group upgraded to a supergroup keeps its link, announced or met on a send', async () => {
    const group = newGroup();
    const admin = await linkedGroup(group, 'TU-UBKT');
    const supergroup = -1_000_000_000_000 - Math.abs(group.id);
    chat.fake.upgradeGroup(group.id, supergroup);
    await waitUntil(async () => (await groupRow(supergroup)) !== null);
    expect(await groupRow(group.id)).toBeNull();
    expect((await chat.sayInGroup(admin, { id: supergroup }, '/nhom')).visible).toContain('Ủy ban Kiểm tra');

    // Met on a send: Telegram answers with the new id; the link moves and the post goes there once.
    const second = newGroup('Nhóm hai');
    const admin2 = await linkedGroup(second, 'TU-BTC');
    const upgraded = -1_000_000_000_000 - Math.abs(second.id);
    chat.fake.upgradeGroup(second.id, upgraded, { announce: false });
    const adminId = (
      await db.database.prisma.channelAccount.findFirstOrThrow({
        where: { externalId: String(admin2.id) },
        select: { officialId: true },
      })
    ).officialId;
    await queueBroadcast(
      db.database.prisma,
      {
        text: 'Nhóm đã nâng cấp',
        audience: { kind: 'unit', code: 'TU-BTC' },
        actor: { officialId: adminId, label: 'test' },
      },
      vn('2012-07-25T09:00'),
    );
    await posts.runOnce(vn('2012-07-25T09:00'));
    expect(chat.fake.sentTo(upgraded).filter((m) => m.visible.includes('Nhóm đã nâng cấp'))).toHaveLength(1);
    expect(await groupRow(upgraded)).toMatchObject({ active: true, unitId: await unitId('TU-BTC') });
    expect(await groupRow(second.id)).toBeNull();
  });
});
