// The periodic report draft end to end, on PGlite and PostgreSQL: the sample plan imported, reports recorded through
// the app's own functions, the .docx opened by LibreOffice and read back as text. The title, the period, every duty of
// the period and the statistics table's figures must be what the database counts (followUpStatistics).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordAttachment } from '../../src/db/attachments.js';
import { findPlanByCode, importPlan, knownUnitCodes } from '../../src/db/plans.js';
import { type FollowUpStatistics, followUpStatistics, statusMatrix } from '../../src/db/reporting.js';
import { recordStatusReport } from '../../src/db/reports.js';
import { type LocalDate, localDate } from '../../src/domain/dates.js';
import { loadTranslations, type Translations } from '../../src/i18n.js';
import { parsePlanText } from '../../src/plans/load.js';
import { formatRate } from '../../src/reporting/draft.js';
import { seedDemoPlan } from '../../src/seed.js';
import { draftPeriodicReport } from '../../src/services/report-drafts.js';
import { databaseKinds, type TestDatabase, testDatabase } from '../support/databases.js';
import { documentXml, paragraphs, tables } from '../support/docx.js';
import { docxAsPdfText, removeLibreOfficeProfile } from '../support/libreoffice.js';

const NOW = new Date('2012-12-20T03:00:00Z');
const TODAY = localDate('2012-12-20');
const H2 = { from: localDate('2012-07-01'), to: localDate('2012-12-31') };

const collapse = (text: string) => text.replace(/\s+/g, ' ');
/** Without any white space: a line may wrap after a dash, where the text has no space. */
const squash = (text: string) => text.replace(/\s+/g, '');
const vi = (text: string) => Number(text.replace(/\./g, ''));

/** Section I's figures, read back from the text ("1.204" → 1204). */
function statedFigures(text: string) {
  const match =
    /có ([\d.]+) mốc thực hiện nhiệm vụ, giao cho ([\d.]+) đơn vị, tổng cộng ([\d.]+) lượt việc[\s\S]*?hoàn thành đúng hạn ([\d.]+) lượt; hoàn thành trễ hạn ([\d.]+) lượt; đang thực hiện trong hạn ([\d.]+) lượt; quá hạn chưa hoàn thành ([\d.]+) lượt\. Tỉ lệ hoàn thành ([\d,]+%)/.exec(
      collapse(text),
    );
  if (!match) throw new Error(`no figures in section I: ${collapse(text).slice(0, 1500)}`);
  const [windows, units, cells, onTime, late, open, overdue] = match.slice(1, 8).map((n) => vi(n ?? ''));
  return { windows, units, cells, onTime, late, open, overdue, doneRate: match[8] };
}

const NUMBER = '(\\d[\\d.]*)';
/** The statistics table's rows as pdftotext -layout prints them: index, (name), five counts, the rate. */
function tableRows(text: string): { index: number; counts: number[]; rate: string }[] {
  const row = new RegExp(
    `^\\s*(\\d+)\\s+.*?\\s${NUMBER}\\s+${NUMBER}\\s+${NUMBER}\\s+${NUMBER}\\s+${NUMBER}\\s+([\\d,]+%)\\s*$`,
    'gm',
  );
  return [...text.matchAll(row)].map((m) => ({
    index: Number(m[1]),
    counts: m.slice(2, 7).map((n) => vi(n ?? '')),
    rate: m[7] ?? '',
  }));
}

function totalRow(text: string): { counts: number[]; rate: string } {
  const match = new RegExp(
    `^\\s*Tổng cộng\\s+${NUMBER}\\s+${NUMBER}\\s+${NUMBER}\\s+${NUMBER}\\s+${NUMBER}\\s+([\\d,]+%)\\s*$`,
    'm',
  ).exec(text);
  if (!match) throw new Error('no total row in the statistics table');
  return { counts: match.slice(1, 6).map((n) => vi(n ?? '')), rate: match[6] ?? '' };
}

const countsOf = (tally: FollowUpStatistics['total']) => [
  tally.cells,
  tally.counts.done_on_time,
  tally.counts.done_late,
  tally.counts.open,
  tally.counts.overdue,
];

/** Checks a read-back draft against the database's own statistics for the same range and day. */
function expectFigures(text: string, stats: FollowUpStatistics, options: { rows: boolean }) {
  expect(statedFigures(text)).toEqual({
    windows: stats.total.windows,
    units: stats.units.length,
    cells: stats.total.cells,
    onTime: stats.total.counts.done_on_time,
    late: stats.total.counts.done_late,
    open: stats.total.counts.open,
    overdue: stats.total.counts.overdue,
    doneRate: formatRate(stats.total.rates.doneRate, 'vi'),
  });
  expect(totalRow(text)).toEqual({ counts: countsOf(stats.total), rate: formatRate(stats.total.rates.doneRate, 'vi') });
  if (!options.rows) return;
  const rows = tableRows(text);
  expect(rows.map((row) => row.index)).toEqual(stats.units.map((_, index) => index + 1));
  for (const row of rows) {
    const unit = stats.units[row.index - 1];
    expect(row.counts, unit?.name).toEqual(countsOf(unit!.tally));
    expect(row.rate).toBe(formatRate(unit!.tally.rates.doneRate, 'vi'));
  }
}

let translations: Translations;
beforeAll(async () => {
  translations = await loadTranslations();
});
afterAll(async () => {
  await removeLibreOfficeProfile();
});

describe.each(await databaseKinds())('the report draft of 15-KH/TU on %s', (kind) => {
  let db: TestDatabase;

  // One import for both tests: the first drafts before any report exists, the second records reports, then drafts.
  beforeAll(async () => {
    db = await testDatabase(kind);
    await db.reset();
    await seedDemoPlan(db.database.prisma, NOW);
  });

  async function officialOf(unitId: number): Promise<number> {
    const existing = await db.database.prisma.official.findFirst({ where: { unitId }, select: { id: true } });
    if (existing) return existing.id;
    return (await db.database.prisma.official.create({ data: { name: 'Cán bộ', unitId }, select: { id: true } })).id;
  }

  it('drafts a period without any report: everything open or overdue, the same figures', async () => {
    const { prisma } = db.database;
    const draft = await draftPeriodicReport(prisma, {
      plan: { code: '15-KH/TU' },
      period: '2012-Q3',
      now: NOW,
      t: translations.vi,
    });
    const { text } = await docxAsPdfText(draft!.bytes);
    expect(squash(text)).toContain(squash('(quý III năm 2012)'));
    const plan = await findPlanByCode(prisma, '15-KH/TU');
    const stats = await followUpStatistics(
      prisma,
      { from: localDate('2012-07-01'), to: localDate('2012-09-30') },
      { planId: plan!.id },
      TODAY,
    );
    expect(stats.total.counts.done_on_time + stats.total.counts.done_late).toBe(0);
    expectFigures(text, stats, { rows: true });
    expect(collapse(text)).toContain('Chưa báo cáo');
  });
  it('states what the units reported, and the figures the database counts, as LibreOffice reads them', async () => {
    const { prisma } = db.database;
    const plan = await findPlanByCode(prisma, '15-KH/TU');
    const matrix = await statusMatrix(prisma, H2, { planId: plan!.id, today: TODAY });
    // Lead cells of windows that ended before today (so a late "done" is late), and of one still open.
    const leadCells = (filter: (end: LocalDate) => boolean) =>
      matrix.occurrences
        .filter((o) => filter(o.end))
        .flatMap((o) =>
          matrix.units
            .filter((u) => matrix.cells.get(`${o.id}:${u.id}`)?.role === 'lead')
            .map((u) => ({ occurrence: o, unit: u })),
        );
    const ended = leadCells((end) => end < TODAY);
    expect(ended.length).toBeGreaterThan(10);
    const [onTime, late, blocked, working] = [ended[0]!, ended[1]!, ended[2]!, ended[3]!];
    const report = async (
      cell: (typeof ended)[number],
      status: 'done' | 'blocked' | 'in_progress',
      at: string,
      extra: { note?: string; evidence?: { number: string; date: LocalDate | null } } = {},
    ) =>
      recordStatusReport(prisma, {
        occurrenceId: cell.occurrence.id,
        unitId: cell.unit.id,
        officialId: await officialOf(cell.unit.id),
        status,
        channel: 'telegram',
        channelMessageId: `draft-${cell.occurrence.id}-${cell.unit.id}-${at}`,
        reportedAt: new Date(at),
        ...extra,
      });
    const done = await report(onTime, 'done', `${onTime.occurrence.end}T02:00:00Z`, {
      note: 'Đã tổ chức hội nghị, gửi báo cáo',
      evidence: { number: '27-BC/BTG', date: onTime.occurrence.end },
    });
    await recordAttachment(prisma, {
      reportId: done.reportId,
      kind: 'document',
      fileName: 'bao-cao.pdf',
      mimeType: 'application/pdf',
      sizeBytes: 1000,
      sha256: 'a'.repeat(64),
      channel: 'telegram',
      channelMessageId: 'draft-file-1',
    });
    await report(late, 'done', '2012-12-05T02:00:00Z');
    await report(blocked, 'blocked', '2012-10-02T02:00:00Z', { note: 'Chờ hướng dẫn của Ban Tổ chức Tỉnh ủy' });
    await report(working, 'in_progress', '2012-10-03T02:00:00Z', { note: 'Đang tổng hợp ý kiến' });

    const draft = await draftPeriodicReport(prisma, {
      plan: { code: '15-KH/TU' },
      period: '2012-H2',
      now: NOW,
      t: translations.vi,
    });
    expect(draft?.today).toBe(TODAY);
    expect(draft?.fileName).toBe('bao-cao-15-KH-TU-2012-H2.docx');
    const { text, pages } = await docxAsPdfText(draft!.bytes);
    expect(pages).toBeGreaterThan(1);
    const flat = squash(text);
    expect(flat).toContain(squash('TỈNH ỦY TRÀ VINH'));
    expect(flat).toContain(squash('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM'));
    expect(flat).toContain(squash('Độc lập - Tự do - Hạnh phúc'));
    expect(flat).toContain(squash('Trà Vinh, ngày … tháng … năm 2012'));
    expect(text).toMatch(/^\s*BÁO CÁO\s*$/m);
    expect(flat).toContain(squash('Kết quả thực hiện Kế hoạch số 15-KH/TU ngày 04/04/2012 của Tỉnh ủy Trà Vinh'));
    expect(flat).toContain(squash('(6 tháng cuối năm 2012)'));
    // Every duty of the period, under its reference.
    for (const occurrence of matrix.occurrences)
      expect(flat).toContain(squash(`${occurrence.ref}. ${occurrence.title}`));
    // What the units reported.
    expect(flat).toContain(
      squash(
        `${onTime.unit.name}: đã hoàn thành đúng hạn; ghi chú: “Đã tổ chức hội nghị, gửi báo cáo”; văn bản số 27-BC/BTG`,
      ),
    );
    expect(flat).toContain(squash('1 tệp minh chứng'));
    expect(flat).toMatch(new RegExp(`${squash(late.unit.name)}:đãhoànthành,trễ\\d+ngày`));
    expect(flat).toContain(squash('Chờ hướng dẫn của Ban Tổ chức Tỉnh ủy'));
    expect(flat).toContain(squash(`${blocked.unit.name} (${blocked.occurrence.ref}): Chờ hướng dẫn`));
    expect(flat).toContain(squash('Đang tổng hợp ý kiến'));
    expect(flat).toContain(squash('6 tháng đầu năm 2013'));
    expect(flat).toContain(squash('T/M TỈNH ỦY'));

    const stats = await followUpStatistics(prisma, H2, { planId: plan!.id }, TODAY);
    expect(stats.total.counts.done_on_time).toBe(1);
    expect(stats.total.counts.done_late).toBe(1);
    expectFigures(text, stats, { rows: true });
    // The service's own statistics are the same object the document was built from.
    expect(draft!.facts.statistics.total).toEqual(stats.total);
  });
});

const DRAFT_KINDS = await databaseKinds();
describe.each(DRAFT_KINDS)('a draft over 10,000 reports on %s', (kind) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await testDatabase(kind);
    await db.reset();
  });
  afterAll(async () => {
    await db?.reset();
  });

  it('stays correct, in the document and as LibreOffice opens it', async () => {
    const { prisma } = db.database;
    const plan = parsePlanText(syntheticPlan(), 'synthetic.yaml', await knownUnitCodes(prisma));
    await importPlan(prisma, { plan, sourceText: undefined, now: NOW, actor: { label: 'test' } });
    const planId = (await findPlanByCode(prisma, '90-KH/SYN'))!.id;
    await prisma.official.create({ data: { name: 'Cán bộ', unitId: 1 }, select: { id: true } });
    // 10,000 reports in two statements: the first 10,000 lead cells of the half year, done (on time or late),
    // in progress or blocked by turns, and each unit's current status pointing at its report.
    await prisma.$executeRawUnsafe(`
      INSERT INTO "StatusReport" ("occurrenceId", "unitId", "officialId", "status", "note", "channel", "channelMessageId", "reportedAt")
      SELECT c.o, c.u, (SELECT min(id) FROM "Official"),
        (CASE c.n % 4 WHEN 0 THEN 'done' WHEN 1 THEN 'done' WHEN 2 THEN 'in_progress' ELSE 'blocked' END)::"ReportStatus",
        CASE WHEN c.n % 4 = 3 THEN 'Thiếu kinh phí tổ chức, đợt ' || c.n END,
        'telegram', 'bulk-' || c.n,
        (c.ends + (CASE WHEN c.n % 8 = 1 THEN 3 ELSE -2 END))::timestamp + interval '2 hours'
      FROM (
        SELECT o."id" AS o, u."id" AS u, o."endsOn" AS ends, row_number() OVER (ORDER BY o."id", u."id") AS n
        FROM "Occurrence" o JOIN "Duty" d ON d."id" = o."dutyId" JOIN "DutyLevel" dl ON dl."dutyId" = d."id"
        JOIN "Unit" u ON u."level" = dl."level"
        WHERE d."planId" = ${planId} AND o."startsOn" <= date '2012-12-31' AND o."endsOn" >= date '2012-07-01'
      ) c WHERE c.n <= 10000`);
    await prisma.$executeRawUnsafe(`
      INSERT INTO "OccurrenceStatus" ("occurrenceId", "unitId", "status", "reportId", "updatedAt")
      SELECT "occurrenceId", "unitId", "status", "id", "reportedAt" FROM "StatusReport"`);
    expect(await prisma.statusReport.count()).toBe(10_000);

    const draft = await draftPeriodicReport(prisma, {
      plan: { code: '90-KH/SYN' },
      period: '2012-H2',
      now: NOW,
      t: translations.vi,
    });
    const stats = await followUpStatistics(prisma, H2, { planId }, TODAY);
    expect(stats.total.cells).toBe(UNITS * DUTIES * 6);
    expect(stats.total.counts.done_on_time + stats.total.counts.done_late).toBe(5000);
    expect(stats.total.counts.done_late).toBe(1250);

    // Read back from the document itself: every window's duty, each unit's row and the total are the database's.
    const xml = documentXml(draft!.bytes);
    const texts = paragraphs(xml);
    const all = texts.join('\n');
    for (let duty = 1; duty <= DUTIES; duty++) expect(all).toContain(`Nhiệm vụ tổng hợp số ${duty}`);
    expect(texts.filter((line) => line.startsWith('Thời gian thực hiện:'))).toHaveLength(DUTIES * 6);
    expect(statedFigures(all)).toMatchObject({ windows: DUTIES * 6, units: UNITS, cells: stats.total.cells });
    const table = tables(xml)[1]!;
    expect(table).toHaveLength(UNITS + 2);
    for (const [index, unit] of stats.units.entries())
      expect(table[index + 1]!.slice(2, 7).map(vi), unit.name).toEqual(countsOf(unit.tally));
    expect(table.at(-1)!.slice(2, 7).map(vi)).toEqual(countsOf(stats.total));
    expect(texts.filter((line) => line.includes('Thiếu kinh phí tổ chức'))).toHaveLength(2 * 2500);

    // As an office opens it: LibreOffice lays out every page (about 8 s for this one, so on one database only: the
    // document is built by the same code from facts checked above on each), and its text states the same figures.
    if (kind !== DRAFT_KINDS[0]) return;
    const { text, pages } = await docxAsPdfText(draft!.bytes);
    expect(pages).toBeGreaterThan(20);
    for (let duty = 1; duty <= DUTIES; duty++) expect(text).toContain(`Nhiệm vụ tổng hợp số ${duty}`);
    expectFigures(text, stats, { rows: true });
  });
});

const UNITS = 100;
const DUTIES = 20;

/** 100 district committees and 20 monthly duties of the whole level: 12,000 unit tasks in the second half of 2012. */
function syntheticPlan(): string {
  const units = Array.from(
    { length: UNITS },
    (_, i) => `  - code: SYN-${String(i + 1).padStart(3, '0')}
    name: "Huyện ủy tổng hợp số ${i + 1}"
    level: district
    parent: SYN`,
  ).join('\n');
  const duties = Array.from(
    { length: DUTIES },
    (_, i) => `  - key: nv-${i + 1}
    ref: ${['I', 'II', 'III', 'IV'][i % 4]}.${i + 1}
    title: "Nhiệm vụ tổng hợp số ${i + 1}: báo cáo tiến độ hằng tháng"
    source: "Hằng tháng báo cáo tiến độ thực hiện nhiệm vụ số ${i + 1}."
    lead: [level:district]
    schedule:
      - start: 2012-07-01
        end: 2012-07-25
        repeat: { every: 1 month, count: 12 }`,
  ).join('\n');
  return `format: dondoc-plan/1
plan:
  code: 90-KH/SYN
  title: "Kế hoạch tổng hợp"
  issuer: "Tỉnh ủy Tổng hợp"
  issuerUnit: SYN
  place: "Tổng hợp"
  issuedOn: 2012-06-01
units:
  - code: SYN
    name: "Tỉnh ủy Tổng hợp"
    shortName: "Tỉnh ủy"
    level: province
${units}
duties:
${duties}
`;
}
