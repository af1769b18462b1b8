// The duty card: a duty as an official sees it, with report buttons for their unit; the same in chat and in reminders.
import { formatWindow } from '../ask/reply.js';
import type { PrismaClient } from '../db/database.js';
import { type DutyDetails, dutyDetails, type Responsible, unitDutyState } from '../db/duties.js';
import type { LocalDate } from '../domain/dates.js';
import { responsibleName } from '../domain/responsible.js';
import type { Translate } from '../i18n.js';
import type { UnitLevel } from '../plans/format.js';
import { encodeAction } from './payload.js';
import { bold, italic } from './rich.js';
import type { Choice, RichText } from './types.js';

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
  official: {
    id: number;
    /** A leader reads the card without report buttons: leaders are never asked to report. */
    role?: string;
    unit: { id: number; level: UnitLevel; name: string; shortName: string | null };
  },
  /** `group`: the card posted to the unit's work group: its status, but no buttons (members report in private). */
  reader: 'official' | 'group' = 'official',
): Promise<DutyCard | undefined> {
  const details = await dutyDetails(prisma, target);
  if (!details) return undefined;
  const unit = official.unit;
  const { role, status, remindersOff } = await unitDutyState(prisma, {
    dutyId: details.dutyId,
    occurrenceId: details.occurrence?.id,
    unit,
    officialId: official.id,
  });

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
  const responsible = Boolean(role && details.occurrence && !details.retired && official.role !== 'leader');
  if (responsible && details.occurrence) {
    const unitName = unit.shortName ?? unit.name;
    text.push(
      '\n\n',
      status
        ? t('duty-unit-status', { unit: unitName, status: status.status })
        : t('duty-unit-no-report', { unit: unitName }),
    );
    if (status?.note) text.push('\n', italic(status.note));
  }
  if (responsible && details.occurrence && reader === 'official') {
    text.push('\n', t('duty-report-prompt'));
    choices.push(...reportChoices(t, details.occurrence.id));
    choices.push({
      label: t(remindersOff ? 'duty-reminders-on' : 'duty-reminders-off'),
      payload: encodeAction({ kind: 'duty-reminders', dutyId: details.dutyId, on: remindersOff }),
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
