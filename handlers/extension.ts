// Deadline extensions asked in chat: "Xin gia hạn" on a duty card, typed "xin gia hạn việc 3 đến 15/10 vì …", or /giahan.
import { encodeAction } from '../src/chat/payload.js';
import { bold } from '../src/chat/rich.js';
import { reportsDue } from '../src/db/reports.js';
import type { LocalDate } from '../src/domain/dates.js';
import { parseExtensionRequest } from '../src/domain/extension-request.js';
import { askForExtension } from '../src/services/follow-up.js';
import type { OfficialContext } from './context.js';
import { notifyChats } from './notify.js';

export const EXTENSION_WAIT_MINUTES = 30;

/** The "Xin gia hạn" button on a duty card, for the duty card to offer. */
export function extensionChoice(ctx: OfficialContext, occurrenceId: number) {
  return { label: ctx.t('extension-button-ask'), payload: encodeAction({ kind: 'extension-ask', occurrenceId }) };
}

/** The button: the next message gives the date and the reason. */
export function askExtensionButton(ctx: OfficialContext, occurrenceId: number): void {
  ctx.expect({
    kind: 'extension-request',
    occurrenceId,
    until: new Date(ctx.now.getTime() + EXTENSION_WAIT_MINUTES * 60_000).toISOString(),
  });
  ctx.reply({ text: [ctx.t('extension-prompt')] });
}

/** The message after the button: "15/10 vì chờ số liệu". */
export async function receiveExtensionText(ctx: OfficialContext, occurrenceId: number, text: string): Promise<void> {
  const parsed = parseExtensionRequest(text, ctx.today);
  if (!parsed) {
    ctx.reply({ text: [ctx.t('extension-unparsed')] });
    return;
  }
  ctx.expect(null);
  await submit(ctx, occurrenceId, parsed.newEndsOn, parsed.reason);
}

/** `/giahan 3 15/10 chờ số liệu` or typed "xin gia hạn việc 3 đến 15/10 vì chờ số liệu": item N of /baocao. */
export async function extensionCommand(ctx: OfficialContext, args: string): Promise<void> {
  const parsed = args.trim() ? parseExtensionRequest(args, ctx.today) : undefined;
  if (!parsed || parsed.item === null) {
    ctx.reply({ text: [ctx.t('extension-usage')] });
    return;
  }
  const due = await reportsDue(ctx.deps.prisma, ctx.identity.official.unit, ctx.today);
  const item = due[parsed.item - 1];
  if (!item) {
    ctx.reply({ text: [ctx.t('extension-no-item', { count: due.length })] });
    return;
  }
  await submit(ctx, item.occurrence.id, parsed.newEndsOn, parsed.reason);
}

async function submit(ctx: OfficialContext, occurrenceId: number, date: LocalDate, reason: string): Promise<void> {
  if (!reason) return void ctx.reply({ text: [ctx.t('extension-reason-missing')] });
  const outcome = await askForExtension(ctx.deps.prisma, {
    official: ctx.identity.official,
    occurrenceId,
    newEndsOn: date,
    reason,
    actor: { officialId: ctx.identity.official.id, label: ctx.message.channel },
  });
  switch (outcome.kind) {
    case 'not-found':
      return void ctx.reply({ text: [ctx.t('duty-not-found')] });
    case 'not-responsible': {
      const unit = ctx.identity.official.unit;
      return void ctx.reply({ text: [ctx.t('report-not-responsible', { unit: unit.shortName ?? unit.name })] });
    }
    case 'not-later':
      return void ctx.reply({ text: [ctx.t('extension-not-later', { date: outcome.deadline })] });
    case 'bad-reason':
      return void ctx.reply({ text: [ctx.t('extension-reason-missing')] });
    case 'already-pending':
      return void ctx.reply({ text: [ctx.t('extension-already', { date: outcome.extension.newEndsOn })] });
    case 'requested': {
      const { extension } = outcome;
      await notifyChats(ctx, { adminsOf: extension.plan.issuerUnitId }, (t) => ({
        text: [
          t('extension-admin-new', { unit: extension.unitName, from: extension.window.end, to: extension.newEndsOn }),
          '\n',
          bold(extension.dutyTitle),
          `\n«${extension.reason}»`,
        ],
        choices: [
          {
            label: t('extension-button-approve'),
            payload: encodeAction({ kind: 'extension-decision', extensionId: extension.id, approve: true }),
          },
          {
            label: t('extension-button-refuse'),
            payload: encodeAction({ kind: 'extension-decision', extensionId: extension.id, approve: false }),
          },
        ],
      }));
      ctx.reply({
        text: [
          ctx.t('extension-requested', { date: outcome.extension.newEndsOn }),
          '\n',
          bold(outcome.extension.dutyTitle),
        ],
      });
    }
  }
}
