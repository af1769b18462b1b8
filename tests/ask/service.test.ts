// Answers against the first customer's plan, on both databases.

import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type AskService, createAskService } from '../../src/ask/service.js';
import { toJson } from '../../src/cli/commands/ask.js';
import { runCli } from '../../src/cli/program.js';
import { createConfig } from '../../src/config.js';
import { recordStatusReport } from '../../src/db/reports.js';
import { localDate } from '../../src/domain/dates.js';
import { loadTranslations, type Translations } from '../../src/i18n.js';
import { createLogger } from '../../src/logger.js';
import { seedDemoPlan } from '../../src/seed.js';
import { databaseKinds, type TestDatabase, testDatabase } from '../support/databases.js';

let translations: Translations;
beforeAll(async () => {
  translations = await loadTranslations();
});

describe.each(await databaseKinds())('asking about the Trà Vinh plan on %s', (kind) => {
  let db: TestDatabase;
  let ask: AskService;
  const on = (day: string) => localDate(day);

  beforeAll(async () => {
    db = await testDatabase(kind);
    await db.reset();
    await seedDemoPlan(db.database.prisma, new Date('2012-04-10T02:00:00Z'));
    ask = createAskService({ prisma: db.database.prisma, translations });
  });
  beforeEach(async () => {
    await db.database.prisma.occurrenceStatus.deleteMany();
    await db.database.prisma.statusReport.deleteMany();
  });

  it('September 2012 includes the district-level and grassroots reviews, by end date, deadlines marked', async () => {
    const answer = await ask.answer('Việc gì đến hạn tháng 9/2012?', {}, on('2012-08-20'));
    expect(answer).toMatchObject({
      intent: 'due',
      range: { from: '2012-09-01', to: '2012-09-30' },
      unit: null,
      language: 'vi',
    });
    const keys = answer.duties.map((d) => d.key);
    expect(keys).toContain('iv.2.c-kiem-diem-cap-huyen');
    expect(keys).toContain('iv.2.d-kiem-diem-cap-uy-co-so');
    const ends = answer.duties.map((d) => d.windowEnd ?? '');
    expect([...ends].sort()).toEqual(ends);
    const district = answer.duties.find((d) => d.key === 'iv.2.c-kiem-diem-cap-huyen');
    expect(district).toMatchObject({
      windowStart: '2012-08-01',
      windowEnd: '2012-09-30',
      deadlineInRange: true,
      lead: expect.arrayContaining(['level:district']),
    });
    expect(answer.duties.find((d) => d.key === 'iv.2.d-kiem-diem-cap-uy-co-so')?.deadlineInRange).toBe(false);
    expect(answer.answer).toMatch(/^Việc đến hạn tháng 9\/2012 \(\d+\):/);
    expect(answer.answer).toContain('01/08–30/09/2012 ⏰');
    expect(answer.answer).toContain('chủ trì: các huyện ủy và tương đương');
  });

  it('March 2012 includes both province-level conferences', async () => {
    const answer = await ask.answer('thang 3/2012 co viec gi', {}, on('2012-03-01'));
    const windows = answer.duties.map((d) => `${d.windowStart}/${d.windowEnd}`);
    expect(windows).toContain('2012-03-27/2012-03-28');
    expect(windows).toContain('2012-03-30/2012-03-30');
  });

  it("answers a unit's duties, with or without a period, and in English", async () => {
    const all = await ask.answer('BTG cần làm gì?', {}, on('2012-04-10'));
    expect(all).toMatchObject({ intent: 'unit_duties', unit: 'TU-BTG', range: null });
    expect(all.duties.length).toBeGreaterThan(3);
    expect(
      all.duties.every((d) =>
        [...d.lead, ...d.coordinate].some((code) => code === 'TU-BTG' || code === 'level:province'),
      ),
    ).toBe(true);
    expect(all.answer).toMatch(/^Ban Tuyên giáo: nhiệm vụ \(\d+\):/);

    const english = await ask.answer('What does the propaganda board have to do in Q2 2012?', {}, on('2012-04-10'));
    expect(english).toMatchObject({
      intent: 'unit_duties',
      unit: 'TU-BTG',
      language: 'en',
      range: { from: '2012-04-01', to: '2012-06-30' },
    });
    expect(english.answer).toMatch(/^Ban Tuyên giáo: duties in Q2 2012 \(\d+\):/);
    expect(
      english.duties.every((d) => (d.windowStart ?? '') <= '2012-06-30' && (d.windowEnd ?? '') >= '2012-04-01'),
    ).toBe(true);
  });

  it('finds when a duty is, by its words', async () => {
    const answer = await ask.answer('khi nào kiểm điểm cấp huyện?', {}, on('2012-04-10'));
    expect(answer.intent).toBe('duty_when');
    expect(answer.duties[0]).toMatchObject({
      key: 'iv.2.c-kiem-diem-cap-huyen',
      windowStart: '2012-08-01',
      windowEnd: '2012-09-30',
    });
    const conference = await ask.answer('Hội nghị quán triệt cấp tỉnh ngày nào?', {}, on('2012-03-01'));
    expect(conference.duties.map((d) => d.windowStart)).toContain('2012-03-27');
    // With a period, only windows in it: the 2012 rounds are not listed for 2013, nor shown as ongoing.
    const in2013 = await ask.answer('khi nào kiểm điểm năm 2013?', {}, on('2012-03-01'));
    expect(in2013.duties.length).toBeGreaterThan(0);
    expect(
      in2013.duties.every(
        (d) => d.windowStart !== null && d.windowStart <= '2013-12-31' && (d.windowEnd ?? '') >= '2013-01-01',
      ),
    ).toBe(true);
    expect(in2013.duties.map((d) => d.key)).toContain('iv.2.a-kiem-diem-hang-nam');
    const nothing = await ask.answer('khi nào đi nghỉ mát?', {}, on('2012-03-01'));
    expect(nothing).toMatchObject({ intent: 'duty_when', duties: [] });
    expect(nothing.answer).toContain('Không tìm thấy nhiệm vụ nào khớp');
  });

  it('lists overdue windows until the responsible units report done', async () => {
    const { prisma } = db.database;
    const asked = () => ask.answer('Huyện ủy Càng Long có việc gì quá hạn?', {}, on('2012-10-05'));
    const before = await asked();
    expect(before).toMatchObject({ intent: 'overdue', unit: 'HU-CANGLONG' });
    const review = before.duties.find((d) => d.key === 'iv.2.c-kiem-diem-cap-huyen');
    expect(review?.missing).toEqual(['HU-CANGLONG']);

    const unit = await prisma.unit.findUniqueOrThrow({ where: { code: 'HU-CANGLONG' }, select: { id: true } });
    const official = await prisma.official.create({
      data: { name: 'Lê Văn C', unitId: unit.id },
      select: { id: true },
    });
    const occurrenceId = review?.occurrenceId ?? 0;
    await recordStatusReport(prisma, {
      occurrenceId,
      unitId: unit.id,
      officialId: official.id,
      status: 'done',
      channel: 'console',
      channelMessageId: 'c1',
    });
    const after = await asked();
    expect(after.duties.map((d) => d.key)).not.toContain('iv.2.c-kiem-diem-cap-huyen');

    const everyone = await ask.answer('viec nao qua han', {}, on('2012-10-05'));
    const stillMissing = everyone.duties.find((d) => d.key === 'iv.2.c-kiem-diem-cap-huyen')?.missing ?? [];
    expect(stillMissing).not.toContain('HU-CANGLONG');
    expect(stillMissing.length).toBeGreaterThan(5);
  });

  it('uses the asker\'s unit for "my" duties, and says so when there is none', async () => {
    const unit = await db.database.prisma.unit.findUniqueOrThrow({ where: { code: 'TU-BTC' }, select: { id: true } });
    const mine = await ask.answer('việc của tôi tháng 12/2012', { unitId: unit.id }, on('2012-11-20'));
    expect(mine).toMatchObject({ intent: 'unit_duties', unit: 'TU-BTC' });
    expect(mine.duties.map((d) => d.key)).toContain('v.4-bao-cao-6-thang-hang-nam');
    const nobody = await ask.answer('việc của tôi tháng này', {}, on('2012-11-20'));
    expect(nobody.answer).toContain('chưa đăng ký đơn vị');
  });

  it('never stays silent: help, greetings and anything else get three examples', async () => {
    for (const question of ['', 'xin chào', 'asdf qwer', '🙂', 'x'.repeat(10_000)]) {
      const answer = await ask.answer(question, {}, on('2012-08-01'));
      expect(['help', 'unknown']).toContain(answer.intent);
      expect(answer.answer.split('\n').filter((line) => line.startsWith('•'))).toHaveLength(3);
    }
    expect((await ask.answer('hello', { locale: 'en' }, on('2012-08-01'))).answer).toContain("What's due this month?");
  });

  it('keeps long answers short, saying how many more there are', async () => {
    const answer = await ask.answer('năm 2012 có việc gì', {}, on('2012-04-10'));
    expect(answer.duties.length).toBeGreaterThan(10);
    const lines = answer.answer.split('\n');
    expect(lines.filter((line) => line.startsWith('•'))).toHaveLength(10);
    expect(lines.at(-1)).toContain(`và ${answer.duties.length - 10} việc khác`);
    // Sorted by deadline over several months: a heading per month.
    const headings = lines.filter((line) => line.startsWith('▸ Tháng '));
    expect(headings.length).toBeGreaterThan(1);
    expect(new Set(headings).size).toBe(headings.length);
  });

  it('prints the documented JSON from `dondoc ask --json`', async () => {
    let out = '';
    const code = await runCli(
      ['ask', '--as-of', '2012-08-20', '--json', 'BTG', 'cần', 'làm', 'gì', 'tháng', '9/2012?'],
      { stdout: (text) => (out += text), stderr: (text) => (out += text), cwd: '.' },
      {
        config: createConfig({}),
        now: () => new Date(),
        logger: createLogger({ level: 'silent' }),
        withDatabase: (use) => use(db.database),
      },
    );
    expect(code).toBe(0);
    const json = JSON.parse(out);
    expect(Object.keys(json)).toEqual(['question', 'intent', 'range', 'unit', 'duties', 'answer']);
    expect(json).toMatchObject({
      question: 'BTG cần làm gì tháng 9/2012?',
      intent: 'unit_duties',
      range: { from: '2012-09-01', to: '2012-09-30' },
      unit: 'TU-BTG',
    });
    for (const duty of json.duties)
      expect(Object.keys(duty)).toEqual(['key', 'title', 'windowStart', 'windowEnd', 'lead', 'coordinate', 'ref']);
    const answer = await ask.answer('BTG cần làm gì tháng 9/2012?', {}, on('2012-08-20'));
    expect(json).toEqual(toJson(answer));
  });
});
