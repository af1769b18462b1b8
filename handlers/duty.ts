// Duty details: window, lead and coordinating units, plan section, the quoted source; report buttons for the unit.
import { dutyCard } from '../src/chat/duty-card.js';
import type { OfficialContext } from './context.js';

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
