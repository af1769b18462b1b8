// Admin: the reporting picture (/tinhhinh [period]): per window, which units did what; per unit, with notes; the matrix as a picture.
import { findPeriod } from '../src/ask/period.js';
import { describePeriod, formatWindow, MAX_LINES } from '../src/ask/reply.js';
import type { DateRange } from '../src/ask/types.js';
import { encodeAction } from '../src/chat/payload.js';
import { bold, italic } from '../src/chat/rich.js';
import type { Choice, RichText } from '../src/chat/types.js';
import { occurrenceDays } from '../src/db/occurrences.js';
import { type CellStatus, followUpStatistics, statusMatrix } from '../src/db/reporting.js';
import { dateParts, daysInMonth, type LocalDate, localDate } from '../src/domain/dates.js';
import { foldText } from '../src/domain/text.js';
import { matrixLabels } from '../src/reporting/labels.js';
import { matrixSvg } from '../src/reporting/matrix-svg.js';
import { svgToPng } from '../src/reporting/png.js';
import type { OfficialContext } from './context.js';
import { evidenceSummary } from './evidence.js';
import { nudgeChoices } from './nudge.js';
import { draftChoices } from './report-draft.js';

const ICON: Record<CellStatus, string> = { done: '✅', in_progress: '⏳', blocked: '⚠️', not_started: '⬜', none: '⬜' };

/** `/tinhhinh [period]`: the windows of the period (this month by default), overdue and blocked first. */
export async function statusOverview(ctx: OfficialContext, args: string): Promise<void> {
  const { t, deps } = ctx;
  // "/tinhhinh đơn vị [period]": the per-unit rates instead of the windows.
  const perUnit = /^\s*(don vi|units?)\b/.exec(foldText(args));
  if (perUnit) {
    await unitRates(ctx, periodOf(foldText(args).slice(perUnit[0].length), ctx.today));
    return;
  }
  const range = periodOf(args, ctx.today);
  const matrix = await statusMatrix(deps.prisma, range, { today: ctx.today });
  const period = describePeriod(range, t);
  if (matrix.occurrences.length === 0) {
    ctx.reply({ text: [t('status-none', { period })] });
    return;
  }
  const summaries = matrix.occurrences.map((occurrence) => {
    const cells = matrix.units
      .map((unit) => matrix.cells.get(`${occurrence.id}:${unit.id}`))
      .filter((cell) => cell !== undefined);
    const count = (status: CellStatus) => cells.filter((cell) => cell.status === status).length;
    const missing = cells.filter((cell) => cell.status !== 'done').length;
    const overdue = occurrence.end < ctx.today && missing > 0;
    const followUp = (state: string) => cells.filter((cell) => cell.followUp === state);
    return {
      occurrence,
      overdue,
      followUp: {
        onTime: followUp('done_on_time').length,
        late: followUp('done_late').length,
        open: followUp('open').length,
        overdue: followUp('overdue').length,
        days: Math.max(0, ...followUp('overdue').map((cell) => cell.daysLate)),
      },
      blocked: count('blocked'),
      counts: {
        done: count('done'),
        in_progress: count('in_progress'),
        blocked: count('blocked'),
        none: count('none') + count('not_started'),
      },
    };
  });
  summaries.sort(
    (a, b) =>
      Number(b.overdue) - Number(a.overdue) || b.blocked - a.blocked || (a.occurrence.end < b.occurrence.end ? -1 : 1),
  );
  const shown = summaries.slice(0, MAX_LINES);
  const lines = shown.map(
    ({ occurrence, overdue, counts, followUp }, index) =>
      `${index + 1}. ${overdue ? '🔴 ' : ''}${formatWindow(occurrence.start, occurrence.end)} — ${occurrence.title} [${occurrence.ref}]\n   ✅ ${counts.done} · ⏳ ${counts.in_progress} · ⚠️ ${counts.blocked} · ⬜ ${counts.none}\n   ${t('followup-window', followUp)}`,
  );
  if (summaries.length > shown.length) lines.push(t('more-todo', { count: summaries.length - shown.length }));
  const choices: Choice[] = shown.map(({ occurrence }, index) => ({
    label: String(index + 1),
    payload: encodeAction({ kind: 'unit-statuses', occurrenceId: occurrence.id }),
  }));
  // Admins get the plans' report drafts for this period; the picture stays the last button.
  choices.push(
    ...(await draftChoices(
      ctx,
      matrix.occurrences.map((occurrence) => occurrence.planCode),
      range,
    )),
  );
  choices.push({
    label: t('status-picture'),
    payload: encodeAction({ kind: 'matrix', from: range.from, to: range.to }),
  });
  ctx.reply({
    text: [bold(t('status-title', { period })), '\n', lines.join('\n')],
    choices,
    columns: 5,
    choicesListed: false,
    choiceHint: t('choice-hint-details'),
  });
}

/** One window: every responsible unit with its status and latest note; overdue and blocked first, done last. */
export async function unitStatuses(ctx: OfficialContext, occurrenceId: number): Promise<void> {
  const { t, deps } = ctx;
  const days = await occurrenceDays(deps.prisma, occurrenceId);
  if (!days) {
    ctx.reply({ text: [t('duty-not-found')] });
    return;
  }
  const matrix = await statusMatrix(
    deps.prisma,
    { from: days.start, to: days.end },
    { occurrenceIds: [occurrenceId], today: ctx.today },
  );
  const window = matrix.occurrences[0];
  if (!window) {
    ctx.reply({ text: [t('duty-not-found')] });
    return;
  }
  const order: CellStatus[] = ['blocked', 'none', 'not_started', 'in_progress', 'done'];
  const rows = matrix.units
    .flatMap((unit) => {
      const cell = matrix.cells.get(`${window.id}:${unit.id}`);
      return cell ? [{ unit, cell }] : [];
    })
    .sort(
      (a, b) =>
        order.indexOf(a.cell.status) - order.indexOf(b.cell.status) ||
        Number(b.cell.role === 'lead') - Number(a.cell.role === 'lead'),
    );
  const text: RichText = [bold(window.title), '\n', `${formatWindow(window.start, window.end)} [${window.ref}]`];
  for (const { unit, cell } of rows) {
    // Late is judged against the unit's deadline in force (an approved extension moves it), in days.
    const late =
      cell.followUp === 'overdue'
        ? ` 🔴 ${t('followup-days-overdue', { days: cell.daysLate })}`
        : cell.followUp === 'done_late'
          ? ` 🕓 ${t('followup-days-late', { days: cell.daysLate })}`
          : '';
    text.push(
      '\n',
      `${ICON[cell.status]} ${unit.name}${cell.role === 'lead' ? '' : ` (${t('status-support')})`}${late}`,
    );
    if (cell.note) text.push(' — ', italic(cell.note));
    text.push(evidenceSummary(t, cell.evidence));
  }
  ctx.reply({ text, choices: nudgeChoices(ctx, window.id) });
}

/** The completion matrix of a period as a picture (a file where the platform takes uploads). */
export async function matrixPicture(ctx: OfficialContext, range: DateRange): Promise<void> {
  const { t, deps } = ctx;
  // Zalo's API takes photos by public URL only: without dondoc's public address (PUBLIC_BASE_URL) there is none.
  const photos = deps.photosByChannel ?? { telegram: true };
  if (ctx.message.channel === 'zalo' && !photos.zalo) {
    ctx.reply({ text: [t('status-picture-zalo')] });
    return;
  }
  const matrix = await statusMatrix(deps.prisma, range, { today: ctx.today });
  const picture = matrixSvg(matrix, ctx.today, matrixLabels(t, range));
  const png = await svgToPng(picture.svg);
  const text: RichText = [
    t('status-picture-caption', { units: matrix.units.length, windows: matrix.occurrences.length }),
  ];
  if (picture.leftOut.units || picture.leftOut.columns)
    text.push('\n', t('status-picture-cut', { units: picture.leftOut.units, windows: picture.leftOut.columns }));
  ctx.reply({
    text,
    file: { name: `tinh-hinh-${range.from}-${range.to}.png`, mimeType: 'image/png', data: png, kind: 'photo' },
  });
}

/** Per unit: windows, the four counts and the rates over the period, the most overdue units first. */
async function unitRates(ctx: OfficialContext, range: DateRange): Promise<void> {
  const { t, deps } = ctx;
  const stats = await followUpStatistics(deps.prisma, range, {}, ctx.today);
  const period = describePeriod(range, t);
  if (stats.total.cells === 0) {
    ctx.reply({ text: [t('status-none', { period })] });
    return;
  }
  const percent = (rate: number) => Math.round(rate * 100);
  const line = (name: string, tally: (typeof stats)['total']) =>
    `${name}: ${t('followup-rates', {
      windows: tally.cells,
      onTime: tally.counts.done_on_time,
      late: tally.counts.done_late,
      open: tally.counts.open,
      overdue: tally.counts.overdue,
      doneRate: percent(tally.rates.doneRate),
      onTimeRate: percent(tally.rates.onTimeRate),
    })}`;
  const shown = stats.units.slice(0, MAX_LINES);
  const lines = shown.map((unit, index) => `${index + 1}. ${line(unit.name, unit.tally)}`);
  if (stats.units.length > shown.length) lines.push(t('followup-more', { count: stats.units.length - shown.length }));
  ctx.reply({
    text: [
      bold(t('followup-units-title', { period })),
      '\n',
      line(t('followup-total'), stats.total),
      '\n',
      lines.join('\n'),
    ],
  });
}

/** The period named in the arguments ("tháng 9/2012", "quý III"), else the current month. */
function periodOf(args: string, today: LocalDate): DateRange {
  const found = args.trim() ? findPeriod(foldText(args), today) : undefined;
  if (found) return found.range;
  const { year, month } = dateParts(today);
  return {
    from: localDate(`${today.slice(0, 7)}-01`),
    to: localDate(`${today.slice(0, 7)}-${String(daysInMonth(year, month)).padStart(2, '0')}`),
  };
}
