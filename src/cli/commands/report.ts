// `dondoc report …`: the reporting picture as files: CSV or XLSX exports, and the completion matrix as a PNG.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import type { PrismaClient } from '../../db/database.js';
import { addDays, type LocalDate, localDate, localDateAt } from '../../domain/dates.js';
import { dateOption, languageOption } from '../options.js';
import { CliError, type CliIO, type CliRuntime } from '../runtime.js';

export function registerReportCommands(program: Command, io: CliIO, runtime: CliRuntime): void {
  const report = program.command('report').description('the reporting picture: exports and the completion matrix');
  const rangeOptions = (command: Command) =>
    command
      .option('--plan <code>', 'only this plan')
      .option('--from <date>', 'first day (YYYY-MM-DD); default: a year before --to')
      .option('--to <date>', 'last day (YYYY-MM-DD); default: today');

  rangeOptions(report.command('export').description('one row per unit × window, and the full report history'))
    .requiredOption('--format <format>', 'csv or xlsx')
    .option('--out <file>', 'output file (csv: the history goes beside it as <name>-history.csv)')
    .action(async (options: { plan?: string; from?: string; to?: string; format: string; out?: string }) => {
      const { reportHistory, statusMatrix } = await import('../../db/reporting.js');
      const { CURRENT_COLUMNS, currentRows, HISTORY_COLUMNS, historyRows, toCsv, toXlsx } = await import(
        '../../reporting/export.js'
      );
      if (options.format !== 'csv' && options.format !== 'xlsx')
        throw new CliError(`--format must be csv or xlsx, got "${options.format}"`);
      const range = rangeOf(runtime, options);
      const { current, history } = await runtime.withDatabase(async ({ prisma }) => {
        const today = localDateAt(runtime.now(), runtime.config.defaultTimeZone);
        const matrix = await statusMatrix(prisma, range, { ...(await planFilter(prisma, options.plan)), today });
        return { current: currentRows(matrix), history: historyRows(await reportHistory(prisma, matrix)) };
      });
      const out = path.resolve(io.cwd, options.out ?? `dondoc-report-${range.from}-${range.to}.${options.format}`);
      if (options.format === 'xlsx') {
        await writeFile(
          out,
          await toXlsx([
            { name: 'status', columns: CURRENT_COLUMNS, rows: current },
            { name: 'history', columns: HISTORY_COLUMNS, rows: history },
          ]),
        );
        io.stdout(`Wrote ${out}: ${current.length} unit × window row(s), ${history.length} report(s) of history.\n`);
      } else {
        const historyFile = out.replace(/(\.csv)?$/i, '-history.csv');
        await writeFile(out, toCsv(CURRENT_COLUMNS, current));
        await writeFile(historyFile, toCsv(HISTORY_COLUMNS, history));
        io.stdout(`Wrote ${out} (${current.length} row(s)) and ${historyFile} (${history.length} report(s)).\n`);
      }
    });

  rangeOptions(report.command('matrix').description('the completion matrix (units × windows) as a PNG picture'))
    .option('--out <file>', 'output file', 'dondoc-matrix.png')
    .option('--lang <language>', 'vi or en', 'vi')
    .action(async (options: { plan?: string; from?: string; to?: string; out: string; lang: string }) => {
      const { statusMatrix } = await import('../../db/reporting.js');
      const { loadTranslations } = await import('../../i18n.js');
      const { matrixLabels } = await import('../../reporting/labels.js');
      const { matrixSvg } = await import('../../reporting/matrix-svg.js');
      const { svgToPng } = await import('../../reporting/png.js');
      if (options.lang !== 'vi' && options.lang !== 'en')
        throw new CliError(`--lang must be vi or en, got "${options.lang}"`);
      const range = rangeOf(runtime, options);
      const translations = await loadTranslations();
      const today = localDateAt(runtime.now(), runtime.config.defaultTimeZone);
      const matrix = await runtime.withDatabase(async ({ prisma }) =>
        statusMatrix(prisma, range, { ...(await planFilter(prisma, options.plan)), today }),
      );
      const picture = matrixSvg(matrix, today, matrixLabels(translations[options.lang], range));
      const out = path.resolve(io.cwd, options.out);
      await writeFile(out, await svgToPng(picture.svg));
      io.stdout(
        `Wrote ${out}: ${matrix.units.length} unit(s) × ${matrix.occurrences.length} window(s), ${picture.width}×${picture.height} px.\n`,
      );
    });

  report
    .command('stats')
    .description('follow-up statistics: done on time, done late, open, overdue per plan, level and unit')
    .requiredOption('--plan <code>', 'the plan')
    .option(
      '--period <words>',
      'a period as in chat ("tháng 9/2012", "quý III 2012", "2012"); default: the plan so far',
    )
    .option('--from <date>', 'first day (YYYY-MM-DD), instead of --period')
    .option('--to <date>', 'last day (YYYY-MM-DD), instead of --period')
    .option('--json', 'machine-readable output')
    .action(async (options: { plan: string; period?: string; from?: string; to?: string; json?: boolean }) => {
      const { followUpStatistics } = await import('../../db/reporting.js');
      const today = localDateAt(runtime.now(), runtime.config.defaultTimeZone);
      let range: { from: LocalDate; to: LocalDate };
      if (options.period) {
        const { findPeriod } = await import('../../ask/period.js');
        const { foldText } = await import('../../domain/text.js');
        const found = findPeriod(foldText(options.period), today);
        if (!found) throw new CliError(`--period: no period recognised in "${options.period}"`);
        range = found.range;
      } else if (options.from || options.to) range = rangeOf(runtime, options);
      // The plan so far: every window that has started by today.
      else range = { from: localDate('1900-01-01'), to: today };
      const stats = await runtime.withDatabase(async ({ prisma }) =>
        followUpStatistics(prisma, range, await planFilter(prisma, options.plan), today),
      );
      if (options.json) {
        io.stdout(`${JSON.stringify({ plan: options.plan, range, today, ...stats }, null, 2)}\n`);
        return;
      }
      const percent = (rate: number) => `${(rate * 100).toFixed(1)}%`;
      const line = (name: string, tally: (typeof stats)['total']) =>
        `${name.padEnd(32)} ${String(tally.cells).padStart(6)} ${String(tally.counts.done_on_time).padStart(8)} ${String(
          tally.counts.done_late,
        ).padStart(6)} ${String(tally.counts.open).padStart(6)} ${String(tally.counts.overdue).padStart(8)} ${percent(
          tally.rates.doneRate,
        ).padStart(7)} ${percent(tally.rates.onTimeRate).padStart(8)} ${percent(tally.rates.overdueRate).padStart(8)}`;
      const header = `${'unit'.padEnd(32)} ${'cells'.padStart(6)} ${'on time'.padStart(8)} ${'late'.padStart(6)} ${'open'.padStart(6)} ${'overdue'.padStart(8)} ${'done'.padStart(7)} ${'on time'.padStart(8)} ${'overdue'.padStart(8)}`;
      const out = [
        `Follow-up of ${options.plan}, windows overlapping ${range.from} – ${range.to}, as of ${today}:`,
        header,
        line('total', stats.total),
        ...stats.levels.map((row) => line(`level ${row.level}`, row.tally)),
        ...stats.units.map((row) => line(`${row.code} ${row.name}`.slice(0, 32), row.tally)),
      ];
      io.stdout(`${out.join('\n')}\n`);
    });

  report
    .command('draft')
    .description('a periodic report (báo cáo định kỳ) of a plan as a .docx in the layout of Nghị định 30/2020/NĐ-CP')
    .requiredOption('--plan <code>', 'the plan')
    .requiredOption(
      '--period <period>',
      'the period: 2012, 2012-H1, 2012-H2, 2012-Q3, 2012-09 or 2012-07-01..2012-12-31',
    )
    .option('--out <file>', 'output file; default: bao-cao-<plan>-<period>.docx')
    .option('--lang <language>', 'vi or en', 'vi')
    .option('--as-of <date>', "count the figures as of this day (YYYY-MM-DD); default: today in the plan's time zone")
    .action(async (options: { plan: string; period: string; out?: string; lang: string; asOf?: string }) => {
      const { parseReportPeriod, ReportPeriodError } = await import('../../reporting/report-period.js');
      const { draftPeriodicReport } = await import('../../services/report-drafts.js');
      const { loadTranslations } = await import('../../i18n.js');
      const language = languageOption('--lang', options.lang);
      const today = options.asOf ? dateOption('--as-of', options.asOf) : undefined;
      let period: ReturnType<typeof parseReportPeriod>;
      try {
        period = parseReportPeriod(options.period);
      } catch (error) {
        if (error instanceof ReportPeriodError) throw new CliError(`--period: ${error.message}`, 2);
        throw error;
      }
      const translations = await loadTranslations();
      const draft = await runtime.withDatabase(({ prisma }) =>
        draftPeriodicReport(prisma, {
          plan: { code: options.plan },
          period,
          now: runtime.now(),
          t: translations[language],
          ...(today ? { today } : {}),
        }),
      );
      if (!draft) throw new CliError(`No plan with code "${options.plan}". See: dondoc plan list`);
      const out = path.resolve(io.cwd, options.out ?? draft.fileName);
      await writeFile(out, draft.bytes);
      const total = draft.facts.statistics.total;
      io.stdout(
        `Wrote ${out}: ${draft.plan.code}, ${period.range.from} – ${period.range.to} as of ${draft.today}; ${total.windows} window(s), ${total.cells} unit task(s): ${total.counts.done_on_time} on time, ${total.counts.done_late} late, ${total.counts.open} open, ${total.counts.overdue} overdue.\n`,
      );
    });
}

function rangeOf(runtime: CliRuntime, options: { from?: string; to?: string }): { from: LocalDate; to: LocalDate } {
  const to = options.to ? dateOption('--to', options.to) : localDateAt(runtime.now(), runtime.config.defaultTimeZone);
  const from = options.from ? dateOption('--from', options.from) : addDays(to, -365);
  if (to < from) throw new CliError('--to must not be before --from');
  return { from, to };
}

async function planFilter(prisma: PrismaClient, code: string | undefined): Promise<{ planId?: number }> {
  if (!code) return {};
  const { findPlanByCode } = await import('../../db/plans.js');
  const plan = await findPlanByCode(prisma, code);
  if (!plan) throw new CliError(`No plan with code "${code}". See: dondoc plan list`);
  return { planId: plan.id };
}
