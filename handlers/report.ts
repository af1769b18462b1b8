// Status reports: two taps (status, then an optional note) stored for the official's unit; /baocao lists what is left.
import { formatWindow, MAX_LINES } from '../src/ask/reply.js';
import { encodeAction } from '../src/chat/payload.js';
import { bold } from '../src/chat/rich.js';
import { attachNote, MAX_NOTE_LENGTH, type ReportStatus, reportsDue } from '../src/db/reports.js';
import { submitReport } from '../src/services/reports.js';
import { announcePending } from './confirm.js';
import type { OfficialContext } from './context.js';

/** How long the bot waits for the note after a status tap; later text is a question again. */
export const NOTE_WAIT_MINUTES = 30;

export async function reportStatus(
  ctx: OfficialContext,
  occurrenceId: number,
  status: Exclude<ReportStatus, 'not_started'>,
): Promise<void> {
  const { t, deps, identity, message } = ctx;
  const unit = identity.official.unit;
  const outcome = await submitReport(deps.prisma, {
    official: identity.official,
    occurrenceId,
    status,
    channel: message.channel,
    channelMessageId: message.updateKey,
    at: ctx.now,
  });
  if (outcome.kind === 'not-found') {
    ctx.reply({ text: [t('duty-not-found')] });
    return;
  }
  if (outcome.kind === 'not-responsible') {
    ctx.reply({ text: [t('report-not-responsible', { unit: unit.shortName ?? unit.name })] });
    return;
  }
  if (outcome.duplicate) return;
  if (outcome.reviewState === 'pending') await announcePending(ctx, outcome.reportId);
  ctx.expect({
    kind: 'note',
    reportId: outcome.reportId,
    occurrenceId,
    until: new Date(ctx.now.getTime() + NOTE_WAIT_MINUTES * 60_000).toISOString(),
  });
  ctx.reply({
    text: [
      t('report-saved', { status, unit: unit.shortName ?? unit.name }),
      '\n',
      bold(outcome.dutyTitle),
      ...(outcome.reviewState === 'pending' ? ['\n', t('report-awaits-confirmation')] : []),
      '\n\n',
      t('report-note-prompt', { max: MAX_NOTE_LENGTH }),
    ],
    choices: [{ label: t('report-skip-note'), payload: encodeAction({ kind: 'skip-note' }) }],
    choiceHint: t('choice-hint'),
    replacesOrigin: true,
  });
}

/** The message after a status tap: the note of that report, when it fits. */
export async function receiveNote(ctx: OfficialContext, reportId: number, note: string): Promise<void> {
  const { t } = ctx;
  const trimmed = note.trim();
  if (trimmed.length > MAX_NOTE_LENGTH) {
    // The wait goes on: the official can send a shorter note.
    ctx.reply({ text: [t('note-too-long', { max: MAX_NOTE_LENGTH, length: trimmed.length })] });
    return;
  }
  ctx.expect(null);
  const saved = await attachNote(ctx.deps.prisma, { reportId, officialId: ctx.identity.official.id }, trimmed);
  ctx.reply({ text: [saved ? t('note-saved') : t('duty-not-found')] });
}

export function skipNote(ctx: OfficialContext): void {
  const waiting = ctx.state.pending !== undefined;
  ctx.expect(null);
  ctx.reply({ text: [ctx.t(waiting ? 'note-skipped' : 'nothing-to-cancel')], replacesOrigin: true });
}

/** `/baocao`: the unit's opened windows not yet reported done, each a choice that opens its details. */
export async function reportsToDo(ctx: OfficialContext): Promise<void> {
  const { t, deps, identity } = ctx;
  const unit = identity.official.unit;
  const due = await reportsDue(deps.prisma, unit, ctx.today);
  const unitName = unit.shortName ?? unit.name;
  if (due.length === 0) {
    ctx.reply({ text: [t('todo-none', { unit: unitName })] });
    return;
  }
  const shown = due.slice(0, MAX_LINES);
  const lines = shown.map(
    ({ occurrence, status }, index) =>
      `${index + 1}. ${formatWindow(occurrence.start, occurrence.end)} — ${occurrence.title} [${occurrence.ref}]` +
      (status ? ` · ${t('status-name', { status })}` : '') +
      (occurrence.end < ctx.today ? ' ⚠️' : ''),
  );
  if (due.length > shown.length) lines.push(t('more-todo', { count: due.length - shown.length }));
  ctx.reply({
    text: [t('todo-header', { unit: unitName, count: due.length }), '\n', lines.join('\n')],
    choices: shown.map(({ occurrence }, index) => ({
      label: String(index + 1),
      payload: encodeAction({ kind: 'open-occurrence', occurrenceId: occurrence.id }),
    })),
    columns: 5,
    choicesListed: true,
    choiceHint: t('choice-hint-details'),
  });
}
