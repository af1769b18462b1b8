// Duty details: window, lead and coordinating units, plan section, the quoted source; report buttons for the unit.
import { formatWindow } from '../src/ask/reply.js';
import type { PrismaClient } from '../src/db/database.js';
import { type DutyDetails, dutyDetails, type Responsible, unitRoleInDuty } from '../src/db/duties.js';
import { dutyRemindersOff } from '../src/db/reminders.js';
import { currentUnitStatus } from '../src/db/reports.js';
import type { LocalDate } from '../src/domain/dates.js';
import { responsibleName } from '../src/domain/responsible.js';
import type { Translate } from '../src/i18n.js';
import type { UnitLevel } from '../src/plans/format.js';
import type { OfficialContext } from './context.js';
import { encodeAction } from './payload.js';
import { bold, italic } from './rich.js';
import type { Choice, RichText } from './types.js';

export async function showDuty(
  ctx: OfficialContext,
  target: { occurrenceId: number } | { dutyId: number },
): Promise<void> {
  const card = await dutyCard(ctx.deps.prisma, ctx.t, ctx.today, target, ctx.identity.official);
  if (!card) {
    ctx.reply({ text: [ctx.t('duty-not-found')] });
    return;
  }
  ctx.reply({
    text: card.text,
    ...(card.choices.length ? { choices: card.choices, columns: 3, choiceHint: ctx.t('choice-hint') } : {}),
  });
}

export interface DutyCard {
  text: RichText;
  /** Report buttons (and the duty's reminder switch) when the official's unit answers for this window. */
  choices: Choice[];
  details: DutyDetails;
  responsible: boolean;
}

/** A duty as an official sees it: the same card in chat and in reminders. */
export async function dutyCard(
  prisma: PrismaClient,
  t: Translate,
  today: LocalDate,
  target: { occurrenceId: number } | { dutyId: number },
  official: { id: number; unit: { id: number; level: UnitLevel; name: string; shortName: string | null } },
): Promise<DutyCard | undefined> {
  const details = await dutyDetails(prisma, target);
  if (!details) return undefined;
  const unit = official.unit;
  const role = await unitRoleInDuty(prisma, details.dutyId, unit);
  const status =
    role && details.occurrence ? await currentUnitStatus(prisma, details.occurrence.id, unit.id) : undefined;

  const text: RichText = [bold(details.title), '\n', t('duty-plan', { plan: details.plan.code, ref: details.ref })];
  if (details.occurrence) {
    const { start, end, label } = details.occurrence;
    const phase = end < today ? 'closed' : start > today ? 'upcoming' : 'open';
    text.push('\n', t('duty-window', { window: formatWindow(start, end), phase }));
    if (label) text.push(` (${label})`);
  } else {
    text.push('\n', t('duty-ongoing'));
  }
  const lead = names(details.responsibility.lead, t);
  const support = names(details.responsibility.support, t);
  if (lead) text.push('\n', t('duty-lead', { units: lead }));
  if (support) text.push('\n', t('duty-support', { units: support }));
  if (details.summary) text.push('\n', details.summary);
  text.push('\n\n', italic(`“${details.sourceQuote}”`));
  if (details.retired) text.push('\n\n', t('duty-retired'));

  const choices: Choice[] = [];
  const responsible = Boolean(role && details.occurrence && !details.retired);
  if (responsible && details.occurrence) {
    const unitName = unit.shortName ?? unit.name;
    text.push(
      '\n\n',
      status
        ? t('duty-unit-status', { unit: unitName, status: status.status })
        : t('duty-unit-no-report', { unit: unitName }),
    );
    if (status?.note) text.push('\n', italic(status.note));
    text.push('\n', t('duty-report-prompt'));
    choices.push(...reportChoices(t, details.occurrence.id));
    const quiet = await dutyRemindersOff(prisma, official.id, details.dutyId);
    choices.push({
      label: t(quiet ? 'duty-reminders-on' : 'duty-reminders-off'),
      payload: encodeAction({ kind: 'duty-reminders', dutyId: details.dutyId, on: quiet }),
    });
  }
  return { text, choices, details, responsible };
}

export function reportChoices(t: Translate, occurrenceId: number): Choice[] {
  return (['done', 'in_progress', 'blocked'] as const).map((status) => ({
    label: t('status-button', { status }),
    payload: encodeAction({ kind: 'report', occurrenceId, status }),
  }));
}

function names(list: Responsible[], t: Translate): string {
  return list.map((r) => responsibleName(r, t.language)).join(', ');
}
