// Duty details: window, lead and coordinating units, plan section, the quoted source; report and extension buttons for the unit.
import { dutyCard } from '../src/chat/duty-card.js';
import type { OfficialContext } from './context.js';
import { extensionChoice } from './extension.js';

export async function showDuty(
  ctx: OfficialContext,
  target: { occurrenceId: number } | { dutyId: number },
): Promise<void> {
  const card = await dutyCard(ctx.deps.prisma, ctx.t, ctx.today, target, ctx.identity.official);
  if (!card) {
    ctx.reply({ text: [ctx.t('duty-not-found')] });
    return;
  }
  // The unit that can report on this window can also ask for more time.
  const reportable = card.choices.some((choice) => choice.payload.startsWith('r:'));
  const occurrence = card.details?.occurrence;
  const choices = reportable && occurrence ? [...card.choices, extensionChoice(ctx, occurrence.id)] : card.choices;
  ctx.reply({
    text: card.text,
    ...(choices.length ? { choices, columns: 3, choiceHint: ctx.t('choice-hint') } : {}),
  });
}
