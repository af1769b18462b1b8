// /lich over the fake Telegram: an official's address (which the HTTP server then serves), a new one replacing it,
// revoking, admins asking for another unit, others refused (typed or forged buttons), English, no public address.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeAction, encodeAction } from '../../src/chat/payload.js';
import { mountCalendarFeeds } from '../../src/http/calendar.js';
import { type HttpServer, startHttpServer } from '../../src/http/server.js';
import { loadTranslations } from '../../src/i18n.js';
import { createLogger } from '../../src/logger.js';
import { CALENDAR_PATH, calendarForToken } from '../../src/services/calendar-feeds.js';
import { type TestDatabase, testDatabase } from '../support/databases.js';
import type { FakeUser } from '../support/fake-telegram.js';
import { importSmallPlan } from '../support/fixtures.js';
import { buttons, startTelegramChat, type TelegramChat, type View } from '../support/telegram-chat.js';

const NOW = new Date('2012-09-20T03:00:00Z');
const ADDRESS = /http:\/\/127\.0\.0\.1:\d+\/lich\.ics\?k=[A-Za-z0-9_-]{43}/;

describe('/lich in chat (PGlite)', () => {
  let db: TestDatabase;
  let http: HttpServer;
  let chat: TelegramChat;
  let bare: TelegramChat;
  let official: FakeUser;
  let admin: FakeUser;

  beforeAll(async () => {
    db = await testDatabase('pglite');
    await db.reset();
    const { prisma } = db.database;
    await importSmallPlan(prisma);
    const logger = createLogger({ level: 'silent' });
    http = await startHttpServer({ host: '127.0.0.1', port: 0, logger });
    const sources = { prisma, translations: await loadTranslations(), timeZone: 'Asia/Ho_Chi_Minh' };
    mountCalendarFeeds(http, CALENDAR_PATH, { calendar: (token) => calendarForToken(sources, token, NOW), logger });
    chat = await startTelegramChat(prisma, {
      now: NOW,
      firstUserId: 81_000,
      env: { PUBLIC_BASE_URL: `http://127.0.0.1:${http.port}` },
    });
    official = await chat.register('HU-A', 'official');
    admin = await chat.register('TT', 'admin');
    // The same bot without PUBLIC_BASE_URL: there is no address a phone could reach.
    bare = await startTelegramChat(prisma, { now: NOW, firstUserId: 82_000 });
  });
  afterAll(async () => {
    await chat?.stop();
    await bare?.stop();
    await http?.close();
  });

  const addressIn = (reply: View) => reply.visible.match(ADDRESS)?.[0];
  const press = (user: FakeUser, on: View, label: string) => {
    const button = buttons(on).find((b) => b.text === label);
    if (!button) throw new Error(`no button "${label}" in: ${JSON.stringify(buttons(on))}`);
    return chat.press(user, on, button.callback_data);
  };

  it('gives an official their unit’s address with how to subscribe, then a new one, then revokes it', async () => {
    const first = await chat.say(official, '/lich');
    expect(first.visible).toContain('Lịch hạn việc của Huyện ủy A');
    expect(first.visible).toContain('Google Calendar');
    expect(first.visible).toContain('Thêm lịch đã đăng ký');
    expect(buttons(first).map((b) => b.text)).toEqual(['Địa chỉ mới', 'Thu hồi']);
    const firstAddress = addressIn(first)!;
    const served = await fetch(firstAddress);
    expect(served.status).toBe(200);
    expect(await served.text()).toContain('SUMMARY:Hạn 30/09/2012 · Kiểm điểm cấp huyện');

    // Asked again: the address cannot be shown twice; when it was made is said instead.
    const again = await chat.say(official, '/lich');
    expect(addressIn(again)).toBeUndefined();
    expect(again.visible).toContain('từ 20/09/2012');
    const renewed = await press(official, again, 'Địa chỉ mới');
    const secondAddress = addressIn(renewed)!;
    expect(secondAddress).not.toBe(firstAddress);
    expect((await fetch(firstAddress)).status).toBe(404);
    expect((await fetch(secondAddress)).status).toBe(200);

    const revoked = await press(official, renewed, 'Thu hồi');
    expect(revoked.visible).toContain('Đã thu hồi địa chỉ lịch');
    expect((await fetch(secondAddress)).status).toBe(404);
    // Pressing the old button once more revokes nothing.
    expect((await press(official, renewed, 'Thu hồi')).visible).toContain('đã được thu hồi hoặc thay rồi');
  });

  it('refuses an official another unit’s calendar, typed or through a forged button, and audits it', async () => {
    const refused = await chat.say(official, '/lich TT-BTG');
    expect(refused.visible).toContain('Bạn chỉ nhận được lịch của đơn vị mình');
    expect(addressIn(refused)).toBeUndefined();
    const { prisma } = db.database;
    const other = await prisma.unit.findUniqueOrThrow({ where: { code: 'TT-BTG' }, select: { id: true } });
    const forged = await chat.press(official, refused, encodeAction({ kind: 'calendar-new', unitId: other.id }));
    expect(forged.visible).toContain('Bạn chỉ nhận được lịch của đơn vị mình');
    expect(await prisma.calendarFeed.count({ where: { unitId: other.id } })).toBe(0);
    const denied = await prisma.auditLog.count({ where: { action: 'denied', target: 'lich' } });
    expect(denied).toBe(2);

    // The admin's feed of that unit cannot be revoked by someone else pressing its number.
    const admins = await chat.say(admin, '/lich TT-BTG');
    const feedId = (
      decodeAction(buttons(admins).find((b) => b.text === 'Thu hồi')!.callback_data) as { feedId: number }
    ).feedId;
    const attempt = await chat.press(official, refused, encodeAction({ kind: 'calendar-revoke', feedId }));
    expect(attempt.visible).toContain('đã được thu hồi hoặc thay rồi');
    expect((await fetch(addressIn(admins)!)).status).toBe(200);
  });

  it('gives an admin the calendar of the unit they name, by code or name', async () => {
    const byName = await chat.say(admin, '/lich ban to chuc tinh uy');
    expect(byName.visible).toContain('Lịch hạn việc của Ban Tổ chức Tỉnh ủy');
    const text = await (await fetch(addressIn(byName)!)).text();
    expect(text).toContain('X-WR-CALNAME:Ban Tổ chức Tỉnh ủy');
    expect(text).toContain('Báo cáo 6 tháng và năm');
    expect((await chat.say(admin, '/lich Không có')).visible).toContain('Không tìm thấy đơn vị “Không có”');
  });

  it('answers in English under /calendar', async () => {
    const english = await chat.register('HU-A', 'official');
    await db.database.prisma.official.updateMany({
      where: { accounts: { some: { externalId: String(english.id) } } },
      data: { locale: 'en' },
    });
    const reply = await chat.say(english, '/calendar');
    expect(reply.visible).toContain('Deadlines calendar of Huyện ủy A');
    expect(reply.visible).toContain('Subscribe from web');
    expect(buttons(reply).map((b) => b.text)).toEqual(['New address', 'Revoke']);
    expect(await (await fetch(addressIn(reply)!)).text()).toContain('SUMMARY:Due 30 Sep 2012 · Kiểm điểm cấp huyện');
    expect((await chat.say(english, '/calendar TT-BTG')).visible).toContain(
      "You can get your own unit's calendar only",
    );
  });

  it('says plainly that the office has no public address when PUBLIC_BASE_URL is unset', async () => {
    const user = await bare.register('HU-A', 'official');
    const reply = await bare.say(user, '/lich');
    expect(reply.visible).toContain('Văn phòng chưa đặt địa chỉ công khai cho dondoc (PUBLIC_BASE_URL)');
    expect(reply.visible).not.toContain('lich.ics');
  });

  it('opens the window an event links to (t.me/<bot>?start=o<id>)', async () => {
    const window = await db.database.prisma.occurrence.findFirstOrThrow({
      where: { duty: { key: 'kiem-diem-huyen' } },
      select: { id: true },
    });
    expect((await chat.say(official, `/start o${window.id}`)).visible).toContain('Kiểm điểm cấp huyện');
  });

  it('lists /lich in the help', async () => {
    expect((await chat.say(official, '/trogiup')).visible).toContain('/lich — địa chỉ lịch riêng');
  });

  it('parses its button payloads strictly', () => {
    expect(decodeAction('cal:n:12')).toEqual({ kind: 'calendar-new', unitId: 12 });
    expect(decodeAction('cal:r:7')).toEqual({ kind: 'calendar-revoke', feedId: 7 });
    for (const forged of ['cal:n:0', 'cal:r:01', 'cal:x:1', 'cal:n:1:2', 'cal:r:2147483648', 'cal:n:', ' cal:n:1'])
      expect(decodeAction(forged)).toBeUndefined();
  });
});
