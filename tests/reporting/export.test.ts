// The reporting picture on the first plan with generated reports: matrix, CSV and XLSX exports match the database.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/program.js';
import { createConfig } from '../../src/config.js';
import { statusMatrix } from '../../src/db/reporting.js';
import { recordStatusReport } from '../../src/db/reports.js';
import { localDate } from '../../src/domain/dates.js';
import { emptyCounts } from '../../src/domain/follow-up.js';
import { loadTranslations } from '../../src/i18n.js';
import { createLogger } from '../../src/logger.js';
import { CURRENT_COLUMNS, currentRows, toCsv } from '../../src/reporting/export.js';
import { matrixLabels } from '../../src/reporting/labels.js';
import { matrixSvg } from '../../src/reporting/matrix-svg.js';
import { seedDemoPlan } from '../../src/seed.js';
import { type TestDatabase, testDatabase } from '../support/databases.js';

const RANGE = { from: localDate('2012-08-01'), to: localDate('2012-09-30') };
const STATUSES = ['done', 'in_progress', 'blocked'] as const;

describe('reporting exports (PGlite)', () => {
  let db: TestDatabase;
  let dir: string;
  let reports = 0;

  /** Deterministic reports: every sixth responsible unit of every window, cycling through the statuses, some twice. */
  beforeAll(async () => {
    db = await testDatabase('pglite');
    await db.reset();
    const { prisma } = db.database;
    await seedDemoPlan(prisma, new Date('2012-04-10T02:00:00Z'));
    dir = await mkdtemp(path.join(os.tmpdir(), 'dondoc-report-'));
    const unit = await prisma.unit.findFirstOrThrow({ select: { id: true } });
    const official = await prisma.official.create({
      data: { name: 'Người báo cáo, "thử"', unitId: unit.id },
      select: { id: true },
    });
    const matrix = await statusMatrix(prisma, RANGE);
    let i = 0;
    for (const occurrence of matrix.occurrences) {
      for (const u of matrix.units) {
        if (!matrix.cells.has(`${occurrence.id}:${u.id}`) || i++ % 6 !== 0) continue;
        const status = STATUSES[i % 3]!;
        await recordStatusReport(prisma, {
          occurrenceId: occurrence.id,
          unitId: u.id,
          officialId: official.id,
          status: 'in_progress',
          channel: 'console',
          channelMessageId: `a${i}`,
          reportedAt: new Date('2012-08-10T03:00:00Z'),
        });
        await recordStatusReport(prisma, {
          occurrenceId: occurrence.id,
          unitId: u.id,
          officialId: official.id,
          status,
          note: `ghi chú ${i}, có "ngoặc"`,
          channel: 'console',
          channelMessageId: `b${i}`,
          reportedAt: new Date('2012-08-20T03:00:00Z'),
        });
        reports += 2;
      }
    }
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  const run = (argv: string[]) => {
    let out = '';
    return runCli(
      argv,
      { stdout: (text) => (out += text), stderr: (text) => (out += text), cwd: dir },
      {
        config: createConfig({}),
        now: () => new Date('2012-10-05T03:00:00Z'),
        logger: createLogger({ level: 'silent' }),
        withDatabase: (use) => use(db.database),
      },
    ).then((code) => ({ code, out }));
  };

  it('counts in the matrix what the database holds', async () => {
    const { prisma } = db.database;
    const matrix = await statusMatrix(prisma, RANGE);
    const cells = [...matrix.cells.values()];
    for (const status of STATUSES) {
      const inDb = await prisma.occurrenceStatus.count({
        where: { status, occurrenceId: { in: matrix.occurrences.map((o) => o.id) } },
      });
      expect(cells.filter((cell) => cell.status === status).length).toBe(inDb);
    }
    expect(cells.filter((cell) => cell.note).every((cell) => cell.note?.startsWith('ghi chú'))).toBe(true);
  });

  it('writes CSV with a BOM, one row per unit × window and the whole history beside it', async () => {
    const { code, out } = await run([
      'report',
      'export',
      '--from',
      RANGE.from,
      '--to',
      RANGE.to,
      '--format',
      'csv',
      '--out',
      'r.csv',
    ]);
    expect(code).toBe(0);
    expect(out).toContain(`(${reports} report(s))`);
    const csv = await readFile(path.join(dir, 'r.csv'), 'utf8');
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const matrix = await statusMatrix(db.database.prisma, RANGE);
    const lines = csv.slice(1).trimEnd().split('\r\n');
    expect(lines[0]).toBe(CURRENT_COLUMNS.join(','));
    expect(lines.length - 1).toBe(matrix.cells.size);
    expect(csv).toContain('Ủy ban Kiểm tra');
    expect(csv).toContain('"ghi chú');
    const history = await readFile(path.join(dir, 'r-history.csv'), 'utf8');
    expect(history.slice(1).trimEnd().split('\r\n').length - 1).toBe(reports);
    expect(toCsv(['a'], [{ a: '=1+1' }])).toContain("'=1+1");
  });

  it('writes XLSX with a status sheet and a history sheet that Excel-compatible readers open', async () => {
    const { code } = await run([
      'report',
      'export',
      '--from',
      RANGE.from,
      '--to',
      RANGE.to,
      '--format',
      'xlsx',
      '--out',
      'r.xlsx',
    ]);
    expect(code).toBe(0);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(path.join(dir, 'r.xlsx'));
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['status', 'history']);
    const matrix = await statusMatrix(db.database.prisma, RANGE);
    expect(workbook.getWorksheet('status')!.rowCount - 1).toBe(matrix.cells.size);
    expect(workbook.getWorksheet('history')!.rowCount - 1).toBe(reports);
    const values = workbook.getWorksheet('status')!.getRow(2).values as string[];
    expect(values).toContain('15-KH/TU');
  });

  it('draws the matrix as a PNG of the expected size, and refuses bad options clearly', async () => {
    const { code, out } = await run(['report', 'matrix', '--from', RANGE.from, '--to', RANGE.to, '--out', 'm.png']);
    expect(code).toBe(0);
    const png = await readFile(path.join(dir, 'm.png'));
    expect([...png.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
    const size = out.match(/(\d+)×(\d+) px/);
    expect(png.readUInt32BE(16)).toBe(Number(size?.[1]));
    expect(png.readUInt32BE(20)).toBe(Number(size?.[2]));
    expect((await run(['report', 'export', '--format', 'pdf'])).out).toContain('--format must be csv or xlsx');
    expect((await run(['report', 'export', '--format', 'csv', '--plan', 'NOPE'])).out).toContain(
      'No plan with code "NOPE"',
    );
  });

  it("counts a notice's recipients without sending (--dry-run --json)", async () => {
    const { prisma } = db.database;
    const unit = await prisma.unit.findUniqueOrThrow({ where: { code: 'TU-BTG' }, select: { id: true } });
    const official = await prisma.official.create({ data: { name: 'A', unitId: unit.id }, select: { id: true } });
    await prisma.channelAccount.createMany({
      data: [
        { officialId: official.id, channel: 'telegram', externalId: '1', chatId: '1' },
        { officialId: official.id, channel: 'zalo', externalId: 'z1', chatId: 'z1' },
      ],
    });
    const { code, out } = await run(['broadcast', '--to', 'unit:TU-BTG', '--dry-run', '--json']);
    expect(code).toBe(0);
    expect(JSON.parse(out)).toEqual({ recipients: { telegram: 1, zalo: 1 }, officials: 1 });
    expect(await prisma.broadcast.count()).toBe(0);
    expect((await run(['broadcast', '--to', 'unit:NOPE', '--dry-run'])).out).toContain('No unit "NOPE"');
    expect((await run(['broadcast', '--to', 'everyone', '--dry-run'])).out).toContain('is not an audience');
  });

  it('gives the four-way statistics of a plan with dondoc report stats, as the matrix counts them, in text and JSON', async () => {
    const { prisma } = db.database;
    const plan = await prisma.plan.findFirstOrThrow({ select: { id: true, code: true } });
    const today = localDate('2012-10-05');
    const matrix = await statusMatrix(prisma, RANGE, { planId: plan.id, today });
    const counts = emptyCounts();
    for (const cell of matrix.cells.values()) counts[cell.followUp] += 1;
    expect(counts.overdue).toBeGreaterThan(0);
    const json = await run(['report', 'stats', '--plan', plan.code, '--from', RANGE.from, '--to', RANGE.to, '--json']);
    expect(json.code).toBe(0);
    const stats = JSON.parse(json.out);
    expect(stats.total.counts).toEqual(counts);
    expect(stats.total.cells).toBe(matrix.cells.size);
    expect(stats.total.rates.doneRate).toBeCloseTo((counts.done_on_time + counts.done_late) / matrix.cells.size);
    expect(stats.units.length).toBe(matrix.units.length);
    const text = await run(['report', 'stats', '--plan', plan.code, '--period', 'tháng 9/2012']);
    expect(text.code).toBe(0);
    expect(text.out).toContain('windows overlapping 2012-09-01 – 2012-09-30, as of 2012-10-05');
    expect(text.out).toMatch(/\ntotal +\d+ +\d+ +\d+ +\d+ +\d+ +[\d.]+% +[\d.]+% +[\d.]+%/);
    expect((await run(['report', 'stats', '--plan', 'NOPE'])).code).not.toBe(0);

    // The export's rows and the picture say the same.
    const rows = currentRows(matrix);
    expect(rows.filter((row) => row.followUp === 'overdue').length).toBe(counts.overdue);
    expect(
      rows.every((row) => /^\d{4}-\d{2}-\d{2}$/.test(row.deadline ?? '') && /^\d+$/.test(row.daysLate ?? '')),
    ).toBe(true);
    const t = (await loadTranslations()).vi;
    const picture = matrixSvg(matrix, today, matrixLabels(t, RANGE));
    expect(picture.svg).toContain(`Quá hạn ${counts.overdue}`);
    expect(picture.svg).toContain(`Đúng hạn ${counts.done_on_time}`);
  });
});
