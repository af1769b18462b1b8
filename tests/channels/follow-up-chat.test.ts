// The follow-up statistics in chat over the fake Telegram API: /tinhhinh's four counts and per-unit rates, and the two admin questions.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordStatusReport } from '../../src/db/reports.js';
import { seedDemoPlan } from '../../src/seed.js';
import { type TestDatabase, testDatabase } from '../support/databases.js';
import type { FakeUser } from '../support/fake-telegram.js';
import { startTelegramChat, type TelegramChat } from '../support/telegram-chat.js';

const NOW = new Date('2012-09-20T03:00:00Z');

describe('follow-up statistics in chat (PGlite)', () => {
  let db: TestDatabase;
  let chat: TelegramChat;
  let admin: FakeUser;
  let official: FakeUser;
  let lateUnit: string;

  beforeAll(async () => {
    db = await testDatabase('pglite');
    await db.reset();
    const { prisma } = db.database;
    await seedDemoPlan(prisma, NOW);
    chat = await startTelegramChat(prisma, { now: NOW, firstUserId: 60_000 });
    admin = await register('TU-VP', 'admin');
    official = await register('TU-BTG', 'official');
    // A window of August reported done on 15 September: done late.
    const named = await prisma.dutyUnit.findFirstOrThrow({
      where: {
        role: 'lead',
        duty: { occurrences: { some: { endsOn: { gte: new Date('2012-08-01'), lte: new Date('2012-09-05') } } } },
      },
      select: {
        unitId: true,
        unit: { select: { name: true, shortName: true } },
        duty: {
          select: {
            occurrences: {
              where: { endsOn: { gte: new Date('2012-08-01'), lte: new Date('2012-09-05') } },
              select: { id: true, endsOn: true },
              take: 1,
            },
          },
        },
      },
    });
    lateUnit = named.unit.shortName ?? named.unit.name;
    const reporterId = (await prisma.official.findFirstOrThrow({ select: { id: true } })).id;
    await recordStatusReport(prisma, {
      occurrenceId: named.duty.occurrences[0]!.id,
      unitId: named.unitId,
      officialId: reporterId,
      status: 'done',
      channel: 'telegram',
      channelMessageId: 'late-1',
      reportedAt: new Date('2012-09-15T03:00:00Z'),
    });
  });
  afterAll(async () => {
    await chat?.stop();
  });

  const say = (user: FakeUser, text: string) => chat.say(user, text);
  const register = (unit: string, role: 'official' | 'admin') => chat.register(unit, role);

  it('shows the four counts per window in /tinhhinh, with the days overdue, and the per-unit rates', async () => {
    const overview = await say(admin, '/tinhhinh tháng 8/2012');
    expect(overview.visible).toMatch(/Đúng hạn \d+ · Trễ hạn \d+ · Trong hạn \d+ · Quá hạn \d+/);
    expect(overview.visible).toMatch(/Trễ hạn 1/);
    expect(overview.visible).toMatch(/Quá hạn [1-9]\d* \(đến \d+ ngày\)/);
    const rates = await say(admin, '/tinhhinh đơn vị tháng 8/2012');
    expect(rates.visible).toContain('Tỉ lệ hoàn thành theo đơn vị tháng 8/2012');
    expect(rates.visible).toMatch(
      /Tổng: \d+ lượt việc; đúng hạn \d+, trễ 1, trong hạn \d+, quá hạn \d+ — hoàn thành \d+%/,
    );
    expect(rates.visible).toMatch(/\n1\. .+: \d+ lượt việc/);
  });

  it('answers "which duties were done late" with and without diacritics, in both languages', async () => {
    for (const question of ['việc nào hoàn thành trễ hạn?', 'viec nao hoan thanh tre han?']) {
      const reply = await say(admin, question);
      expect(reply.visible).toContain('1 lượt việc hoàn thành trễ hạn');
      expect(reply.visible).toContain(`• ${lateUnit}:`);
      expect(reply.visible).toMatch(/trễ \d+ ngày/);
    }
    const english = await say(admin, 'which duties were done late?');
    expect(english.visible).toContain('1 unit windows done late');
    expect(english.visible).toMatch(/\d+ days? late/);
  });

  it('answers "which units have not reported this month" for admins, and refuses politely otherwise', async () => {
    for (const question of ['đơn vị nào chưa báo cáo tháng này?', 'don vi nao chua bao cao thang nay']) {
      const reply = await say(admin, question);
      expect(reply.visible).toMatch(/\d+ đơn vị chưa báo cáo tháng 9\/2012:/);
      expect(reply.visible).toMatch(/• .+: \d+ việc chưa báo cáo/);
    }
    expect((await say(admin, 'which units have not reported this month?')).visible).toMatch(
      /\d+ units have not reported/,
    );
    const refused = await say(official, 'đơn vị nào chưa báo cáo tháng này?');
    expect(refused.visible).toContain('chỉ dành cho quản trị viên');
    expect((await say(official, 'which duties were done late?')).visible).toContain('only administrators');
  });
});
