// The first customer's plan (Trà Vinh 15-KH/TU, 2012) as shipped in plans/: every dated window of the
// document, read independently from the source text, must be stored with its dates and responsible units.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { listOccurrences } from '../../src/db/occurrences.js';
import { getPlanDetails, type PlanDetails } from '../../src/db/plans.js';
import { localDate } from '../../src/domain/dates.js';
import { DEMO_PLAN_FILE, importPlanFile, seedDemoPlan } from '../../src/seed.js';
import { databaseKinds, type TestDatabase, testDatabase } from '../support/databases.js';

/** [first day, last day, a lead that must be among the duty's leads, words of the source sentence]. */
const DATED_WINDOWS: [string, string, string, string][] = [
  ['2012-03-27', '2012-03-28', 'TU-BTV', 'hai ngày (27, 28/3/2012)'],
  ['2012-03-30', '2012-03-30', 'TU-BTV', 'một ngày (30/3/2012)'],
  ['2012-04-01', '2012-04-30', 'TU-BDV', 'Ban Dân vận Tỉnh ủy chủ trì'],
  ['2012-04-01', '2012-04-30', 'level:district', 'trong tháng 4/2012'],
  ['2012-05-01', '2012-05-31', 'level:district', 'đoàn viên, hội viên'],
  ['2012-05-01', '2012-05-31', 'level:grassroots', 'toàn thể đảng viên'],
  ['2012-07-01', '2012-08-31', 'TU-BTV', ''],
  ['2012-08-01', '2012-09-30', 'level:district', ''],
  ['2012-09-01', '2012-11-30', 'level:grassroots', ''],
];

const nfc = (text: string) => text.normalize('NFC').replace(/\s+/g, ' ');

describe.each(await databaseKinds())('the Trà Vinh plan 15-KH/TU on %s', (kind) => {
  let db: TestDatabase;
  let plan: PlanDetails;
  let sources: Map<string, string>;

  beforeAll(async () => {
    db = await testDatabase(kind);
    await db.reset();
    const summary = await seedDemoPlan(db.database.prisma, new Date('2012-04-10T02:00:00Z'));
    expect(summary?.outcome).toBe('created');
    plan = (await getPlanDetails(db.database.prisma, '15-KH/TU')) as PlanDetails;
    const duties = await db.database.prisma.duty.findMany({ select: { key: true, sourceQuote: true } });
    sources = new Map(duties.map((duty) => [duty.key, nfc(duty.sourceQuote)]));
  });

  it('stores the plan metadata and its full source text', async () => {
    expect(plan).toMatchObject({
      code: '15-KH/TU',
      issuer: 'Tỉnh ủy Trà Vinh',
      issuedOn: '2012-04-04',
      timeZone: 'Asia/Ho_Chi_Minh',
    });
    const stored = await db.database.prisma.plan.findUniqueOrThrow({
      where: { code: '15-KH/TU' },
      select: { sourceText: true },
    });
    expect(stored.sourceText).toBe(
      readFileSync(new URL('../../plans/sources/tra-vinh-15-KH-TU-2012.txt', import.meta.url), 'utf8'),
    );
  });

  it.each(DATED_WINDOWS)('has the window %s – %s led by %s', (start, end, lead, words) => {
    const matches = plan.duties.filter(
      (duty) =>
        duty.schedule.some((s) => s.start === start && s.end === end && !s.repeat) &&
        duty.lead.includes(lead) &&
        (sources.get(duty.key) ?? '').includes(nfc(words)),
    );
    expect(matches.length, `no duty with ${start}–${end} led by ${lead} quoting "${words}"`).toBeGreaterThan(0);
  });

  it('has no one-off window that the document does not state', () => {
    const stated = new Set([...DATED_WINDOWS.map(([s, e]) => `${s}/${e}`), '2012-01-01/2012-12-31']);
    const oneOff = plan.duties.flatMap((duty) =>
      duty.schedule.filter((s) => !s.repeat).map((s) => `${s.start}/${s.end}`),
    );
    expect(oneOff.filter((window) => !stated.has(window))).toEqual([]);
  });

  it('has the recurring duties: six-monthly and yearly reports, yearly review and confidence vote, twice-yearly conference', () => {
    const recurring = (pattern: RegExp, everyMonths: number) =>
      plan.duties.filter(
        (duty) => pattern.test(nfc(duty.title)) && duty.schedule.some((s) => s.repeat?.everyMonths === everyMonths),
      );
    expect(recurring(/báo cáo 6 tháng/i, 6).map((d) => d.lead)).toContainEqual(['TU-BTC']);
    expect(recurring(/kiểm điểm/i, 12).length).toBeGreaterThan(0);
    expect(recurring(/phiếu tín nhiệm/i, 12).length).toBeGreaterThan(0);
    expect(recurring(/02 lần/, 6).length).toBeGreaterThan(0);
  });

  it('answers "what is open in August 2012" with the two self-criticism rounds', async () => {
    const august = await listOccurrences(db.database.prisma, {
      from: localDate('2012-08-01'),
      to: localDate('2012-08-31'),
    });
    const windows = new Set(august.map((o) => `${o.start}/${o.end}`));
    expect(windows).toContain('2012-07-01/2012-08-31');
    expect(windows).toContain('2012-08-01/2012-09-30');
    expect(august.every((o) => o.start <= '2012-08-31' && o.end >= '2012-08-01')).toBe(true);
  });

  it("has Trà Vinh's unit tree: provincial boards, the 2012 city and district committees, and grassroots committees", async () => {
    const units = await db.database.prisma.unit.findMany({
      select: { code: true, level: true, name: true, parent: { select: { code: true } } },
    });
    const names = (level: string) => units.filter((u) => u.level === level).map((u) => nfc(u.name));
    for (const board of [
      'Ban Tổ chức Tỉnh ủy',
      'Ủy ban Kiểm tra Tỉnh ủy',
      'Ban Tuyên giáo Tỉnh ủy',
      'Ban Dân vận Tỉnh ủy',
    ]) {
      expect(names('province').some((name) => name.startsWith(board))).toBe(true);
    }
    for (const district of ['Càng Long', 'Cầu Kè', 'Tiểu Cần', 'Châu Thành', 'Cầu Ngang', 'Trà Cú', 'Duyên Hải']) {
      expect(names('district').some((name) => name.includes(`Huyện ủy ${district}`))).toBe(true);
    }
    expect(names('district').some((name) => name.includes('Thành ủy Trà Vinh'))).toBe(true);
    expect(names('grassroots').length).toBeGreaterThan(90);
    expect(
      units
        .filter((u) => u.level === 'grassroots')
        .every((u) => units.find((p) => p.code === u.parent?.code)?.level === 'district'),
    ).toBe(true);
  });

  it('imports the same file again without changing anything', async () => {
    const again = await importPlanFile(db.database.prisma, DEMO_PLAN_FILE, new Date('2012-04-11T02:00:00Z'));
    expect(again.outcome).toBe('unchanged');
  });
});
