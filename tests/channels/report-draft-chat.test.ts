// The report draft from chat over the fake Telegram API: /tinhhinh offers an admin the plan's draft for the period it
// shows; pressing it sends the .docx (sendDocument). A leader sees no button, and a forged press by a leader or an
// official is refused (and audited) before anything is drafted.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findPlanByCode } from '../../src/db/plans.js';
import { seedDemoPlan } from '../../src/seed.js';
import { type TestDatabase, testDatabase } from '../support/databases.js';
import { documentXml, paragraphs } from '../support/docx.js';
import { buttons, startTelegramChat, type TelegramChat } from '../support/telegram-chat.js';

const NOW = new Date('2012-12-20T03:00:00Z');

describe('the report draft in chat (PGlite)', () => {
  let db: TestDatabase;
  let chat: TelegramChat;

  beforeAll(async () => {
    db = await testDatabase('pglite');
    await db.reset();
    await seedDemoPlan(db.database.prisma, NOW);
    chat = await startTelegramChat(db.database.prisma, { now: NOW, firstUserId: 71_000 });
  });
  afterAll(async () => {
    await chat?.stop();
  });

  it('sends an admin the .docx of the period /tinhhinh shows', async () => {
    const admin = await chat.register('TU-VP', 'admin');
    const overview = await chat.say(admin, '/tinhhinh quý III/2012');
    const planId = (await findPlanByCode(db.database.prisma, '15-KH/TU'))!.id;
    const draft = buttons(overview).find((button) => button.callback_data.startsWith('rd:'));
    expect(draft).toEqual({ text: '📄 Dự thảo báo cáo 15-KH/TU', callback_data: `rd:${planId}:2012-Q3` });

    const documents = () => chat.fake.sentTo(admin.id).filter((m) => m.method === 'sendDocument');
    expect(documents()).toHaveLength(0);
    const answer = await chat.press(admin, overview, draft!.callback_data);
    const [sent] = documents();
    expect(sent?.messageId).toBe(answer.messageId);
    expect(sent?.file?.fileName).toBe('bao-cao-15-KH-TU-2012-Q3.docx');
    expect(sent?.visible).toBe('Dự thảo báo cáo kết quả thực hiện Kế hoạch số 15-KH/TU (quý III năm 2012).');
    const texts = paragraphs(documentXml(new Uint8Array(sent!.file!.bytes!)));
    expect(texts).toContain('BÁO CÁO');
    expect(texts).toContain('(quý III năm 2012)');
  });

  it('refuses a forged press by a leader or an official, and shows a leader no draft button', async () => {
    const planId = (await findPlanByCode(db.database.prisma, '15-KH/TU'))!.id;
    const leader = await chat.register('TU-UBKT', 'leader');
    const official = await chat.register('TU-BTG', 'official');
    const overview = await chat.say(leader, '/tinhhinh quý III/2012');
    expect(buttons(overview).some((button) => button.callback_data.startsWith('s:'))).toBe(true);
    expect(buttons(overview).some((button) => button.callback_data.startsWith('rd:'))).toBe(false);

    const forged = `rd:${planId}:2012-H2`;
    const byLeader = await chat.press(leader, overview, forged);
    expect(byLeader.visible).toBe('Xin lỗi, dự thảo báo cáo chỉ dành cho quản trị viên.');
    const mine = await chat.say(official, '/baocao');
    const byOfficial = await chat.press(official, mine, forged);
    expect(byOfficial.visible).toContain('chỉ dành cho quản trị viên');
    for (const user of [leader, official])
      expect(chat.fake.sentTo(user.id).filter((m) => m.method === 'sendDocument')).toHaveLength(0);
    expect(
      await db.database.prisma.auditLog.count({
        where: { action: 'denied', target: { in: ['report-draft', 'tinhhinh'] } },
      }),
    ).toBe(2);
    // A payload that names no real period is refused as any malformed button.
    const admin = await chat.register('TU-VP', 'admin');
    const view = await chat.say(admin, '/tinhhinh quý III/2012');
    expect((await chat.press(admin, view, `rd:${planId}:2012-H3`)).visible).toBe(
      'Lựa chọn này không còn hiệu lực. Hãy hỏi lại hoặc gõ /trogiup.',
    );
    expect((await chat.press(admin, view, `rd:999999:2012-H2`)).visible).toBe('Không còn kế hoạch này trong hệ thống.');
  });
});
