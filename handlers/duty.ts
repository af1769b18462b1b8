// Duty details: window, lead and coordinating units, plan section, the quoted source; report buttons for the unit.
import { formatWindow } from '../src/ask/reply.js';
import { dutyDetails, type Responsible, unitRoleInDuty } from '../src/db/duties.js';
import { currentUnitStatus } from '../src/db/reports.js';
import type { Translate } from '../src/i18n.js';
import type { OfficialContext } from './context.js';
import { encodeAction } from './payload.js';
import { bold, italic } from './rich.js';
import type { Choice, RichText } from './types.js';

export async function showDuty(ctx: OfficialContext, target: { occurrenceId: number } | { dutyId: number }): Promise<void> {
  const { t, deps } = ctx;
  const details = await dutyDetails(deps.prisma, target);
  if (!details) {
    ctx.reply({ text: [t('duty-not-found')] });
    return;
  }
  const unit = ctx.identity.official.unit;
  const role = await unitRoleInDuty(deps.prisma, details.dutyId, unit);
  const status = role && details.occurrence ? await currentUnitStatus(deps.prisma, details.occurrence.id, unit.id) : undefined;

  const text: RichText = [bold(details.title), '\n', t('duty-plan', { plan: details.plan.code, ref: details.ref })];
  if (details.occurrence) {
    const { start, end, label } = details.occurrence;
    const phase = end < ctx.today ? 'closed' : start > ctx.today ? 'upcoming' : 'open';
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
  if (role && details.occurrence && !details.retired) {
    const unitName = unit.shortName ?? unit.name;
    text.push('\n\n', status ? t('duty-unit-status', { unit: unitName, status: status.status }) : t('duty-unit-no-report', { unit: unitName }));
    if (status?.note) text.push('\n', italic(status.note));
    text.push('\n', t('duty-report-prompt'));
    choices.push(...reportChoices(t, details.occurrence.id));
  }
  ctx.reply({ text, ...(choices.length ? { choices, columns: 3, choiceHint: t('choice-hint') } : {}) });
}

export function reportChoices(t: Translate, occurrenceId: number): Choice[] {
  return (['done', 'in_progress', 'blocked'] as const).map((status) => ({
    label: t('status-button', { status }),
    payload: encodeAction({ kind: 'report', occurrenceId, status }),
  }));
}

function names(list: Responsible[], t: Translate): string {
  return list.map((r) => (r.kind === 'unit' ? (r.shortName ?? r.name) : t(`level-${r.level}`))).join(', ');
}
