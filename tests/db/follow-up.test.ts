// The four-way status in SQL (followUpStateSql, through the matrix and the statistics) agrees with the pure followUpStatus.
import { beforeEach, describe, expect, it } from 'vitest';
import { createAskService } from '../../src/ask/service.js';
import {
  followUpStatistics,
  lateCompletions,
  matrixPageCells,
  statusMatrix,
  unitsWithoutReports,
} from '../../src/db/reporting.js';
import { type LocalDate, localDate, localDateAt } from '../../src/domain/dates.js';
import { emptyCounts, type FollowUpCounts, followUpStatus, type ReviewState } from '../../src/domain/follow-up.js';
import { loadTranslations } from '../../src/i18n.js';
import { databaseKinds, type TestDatabase, testDatabase } from '../support/databases.js';
import { importSmallPlan } from '../support/fixtures.js';

// The window of kiem-diem-huyen ends 2012-09-30; times are UTC, the plan's zone is UTC+7.
const EXTENSIONS = ['none', 'approved-before', 'approved-after', 'pending', 'refused'] as const;
const REPORTS = [
  { key: 'none' },
  { key: 'progress', status: 'in_progress', at: '2012-09-20T03:00:00Z' },
  // 23:30 on the deadline day in Hà Nội: on time.
  { key: 'deadline-evening', status: 'done', at: '2012-09-30T16:30:00Z' },
  // 00:30 the day after in Hà Nội, still the 30th in UTC: one day late.
  { key: 'after-midnight', status: 'done', at: '2012-09-30T17:30:00Z' },
  { key: 'late', status: 'done', at: '2012-10-12T03:00:00Z' },
] as const;
const REVIEWS: (ReviewState | null)[] = [null, 'pending', 'confirmed', 'returned'];
const TODAYS = ['2012-09-30', '2012-10-01', '2012-10-11', '2012-10-20'].map(localDate);
const RANGE = { from: localDate('2012-08-01'), to: localDate('2012-12-31') };

interface Case {
  code: string;
  extension: (typeof EXTENSIONS)[number];
  report: (typeof REPORTS)[number];
  review: ReviewState | null;
}

const CASES: Case[] = EXTENSIONS.flatMap((extension) =>
  REPORTS.flatMap((report) =>
    (report.key === 'none' ? [null] : REVIEWS).map((review) => ({
      code: `X-${extension}-${report.key}-${review ?? 'na'}`,
      extension,
      report,
      review,
    })),
  ),
);

describe.each(await databaseKinds())('the four-way follow-up status in SQL on %s', (kind) => {
  let db: TestDatabase;
  let occurrenceId: number;
  let unitIds: Map<string, number>;

  beforeEach(async () => {
    db = await testDatabase(kind);
    await db.reset();
    const { prisma } = db.database;
    await importSmallPlan(prisma);
    // The fixture's own district unit stays unreported: it is one more "none" case.
    await prisma.unit.deleteMany({ where: { code: 'HU-A' } });
    occurrenceId = (
      await prisma.occurrence.findFirstOrThrow({ where: { duty: { key: 'kiem-diem-huyen' } }, select: { id: true } })
    ).id;
    await prisma.unit.createMany({ data: CASES.map((c) => ({ code: c.code, name: c.code, level: 'district' })) });
    const units = await prisma.unit.findMany({
      where: { code: { startsWith: 'X-' } },
      select: { id: true, code: true },
    });
    unitIds = new Map(units.map((u) => [u.code, u.id]));
    const officialId = (
      await prisma.official.create({ data: { name: 'Người báo cáo', unitId: units[0]?.id ?? 0 }, select: { id: true } })
    ).id;
    let message = 0;
    for (const c of CASES) {
      const unitId = unitIds.get(c.code) ?? 0;
      if (c.extension !== 'none') {
        const newEndsOn = c.extension === 'approved-after' ? '2012-10-15' : '2012-10-10';
        await prisma.deadlineExtension.create({
          data: {
            occurrenceId,
            unitId,
            requestedById: officialId,
            newEndsOn: new Date(`${newEndsOn}T00:00:00Z`),
            reason: 'test',
            state: c.extension.startsWith('approved') ? 'approved' : c.extension === 'pending' ? 'pending' : 'refused',
            // Approved before or after the original deadline: the state, not the decision's time, is what counts.
            decidedAt: new Date(c.extension === 'approved-before' ? '2012-09-25T03:00:00Z' : '2012-10-05T03:00:00Z'),
          },
        });
      }
      if (!('status' in c.report)) continue;
      const at = new Date(c.report.at);
      const report = await prisma.statusReport.create({
        data: {
          occurrenceId,
          unitId,
          officialId,
          status: c.report.status,
          reportedAt: at,
          channel: 'telegram',
          channelMessageId: `m${++message}`,
          reviewState: c.review,
        },
        select: { id: true },
      });
      await prisma.occurrenceStatus.create({
        data: {
          occurrenceId,
          unitId,
          status: c.report.status,
          reportId: report.id,
          updatedAt: at,
          reviewState: c.review,
        },
      });
    }
  });

  const expected = (c: Case, today: LocalDate, requiresConfirmation: boolean) => {
    const deadline =
      c.extension === 'approved-before'
        ? localDate('2012-10-10')
        : c.extension === 'approved-after'
          ? localDate('2012-10-15')
          : localDate('2012-09-30');
    const doneOn =
      'status' in c.report && c.report.status === 'done'
        ? localDateAt(new Date(c.report.at), 'Asia/Ho_Chi_Minh')
        : null;
    return followUpStatus({
      deadline,
      doneOn,
      review: 'status' in c.report ? c.review : null,
      requiresConfirmation,
      today,
    });
  };

  it('gives every cell of the grid the state and days of followUpStatus, in the matrix, its pages and the statistics', async () => {
    const { prisma } = db.database;
    let checked = 0;
    for (const requiresConfirmation of [false, true]) {
      await prisma.plan.updateMany({ data: { requiresConfirmation } });
      for (const today of TODAYS) {
        const page = await matrixPageCells(prisma, RANGE, {}, today, {
          units: [...unitIds.values()],
          occurrences: [occurrenceId],
        });
        const matrix = await statusMatrix(prisma, RANGE, { occurrenceIds: [occurrenceId], today });
        const counts: FollowUpCounts = emptyCounts();
        for (const c of CASES) {
          const want = expected(c, today, requiresConfirmation);
          counts[want.state] += 1;
          const unitId = unitIds.get(c.code);
          const sql = page.cells.find((cell) => cell.unit === unitId);
          const label = `${c.code} today=${today} confirm=${requiresConfirmation}`;
          expect({ label, state: sql?.followUp, daysLate: sql?.daysLate }).toEqual({
            label,
            state: want.state,
            daysLate: want.daysLate,
          });
          const cell = matrix.cells.get(`${occurrenceId}:${unitId}`);
          expect({ label, state: cell?.followUp, daysLate: cell?.daysLate }).toEqual({
            label,
            state: want.state,
            daysLate: want.daysLate,
          });
          checked += 1;
        }
        const stats = await followUpStatistics(
          prisma,
          { from: localDate('2012-08-01'), to: localDate('2012-09-30') },
          {
            unitCode: undefined,
            level: 'district',
          },
          today,
        );
        expect(stats.total.counts).toEqual(counts);
        expect(stats.levels).toEqual([{ level: 'district', tally: stats.total }]);
        expect(stats.units).toHaveLength(CASES.length);
        expect(stats.plans.map((plan) => plan.code)).toEqual(['7-KH/TEST']);
      }
    }
    expect(checked).toBe(CASES.length * TODAYS.length * 2);
  });

  it('lists the duties done late with their days, and the units that have not reported', async () => {
    const { prisma } = db.database;
    const today = localDate('2012-10-20');
    const late = await lateCompletions(prisma, RANGE, {}, today);
    const want = CASES.map((c) => ({ c, f: expected(c, today, false) })).filter(({ f }) => f.state === 'done_late');
    expect(late.total).toBe(want.length);
    expect(late.rows[0]?.daysLate).toBe(Math.max(...want.map(({ f }) => f.daysLate)));
    expect(late.rows.map((row) => row.unit.code).sort()).toEqual(want.map(({ c }) => c.code).sort());
    const silent = await unitsWithoutReports(prisma, RANGE, { level: 'district' }, today);
    expect(silent.map((unit) => unit.code).sort()).toEqual(
      CASES.filter((c) => c.report.key === 'none')
        .map((c) => c.code)
        .sort(),
    );
    // Unreported with an approved extension to 10-15: overdue by 20 October as well; every silent unit is overdue.
    expect(silent.every((unit) => unit.overdue === 1 && unit.unreported === 1)).toBe(true);
  });

  it('answers the two follow-up questions for admins only, in both languages', async () => {
    const ask = createAskService({ prisma: db.database.prisma, translations: await loadTranslations() });
    const today = localDate('2012-10-20');
    const late = await ask.answer('việc nào hoàn thành trễ hạn tháng 9/2012?', { admin: true }, today);
    expect(late.intent).toBe('done_late');
    const lateCount = CASES.filter((c) => expected(c, today, false).state === 'done_late').length;
    expect(late.answer).toContain(`${lateCount} lượt việc hoàn thành trễ hạn tháng 9/2012`);
    expect(late.answer).toMatch(/trễ 12 ngày/);
    const silent = await ask.answer('which units have not reported in September 2012?', { admin: true }, today);
    expect(silent.intent).toBe('not_reported');
    expect(silent.answer).toContain('5 units have not reported');
    expect(silent.answer).toContain('1 not reported, 1 of them overdue');
    const refused = await ask.answer('don vi nao chua bao cao thang nay', {}, today);
    expect(refused).toMatchObject({ intent: 'not_reported', duties: [] });
    expect(refused.answer).toContain('chỉ dành cho quản trị viên');
  });
});
