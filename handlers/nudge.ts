// Admin: the one-tap nudge on /tinhhinh's per-window view: remind the units that have not reported.
import { encodeAction } from '../src/chat/payload.js';
import type { Choice } from '../src/chat/types.js';
import { queueNudge } from '../src/reminders/nudge.js';
import type { OfficialContext } from './context.js';

/** The button, for admins only (a leader reads the view but changes nothing). */
export function nudgeChoices(ctx: OfficialContext, occurrenceId: number): Choice[] {
  if (ctx.identity.official.role !== 'admin') return [];
  return [{ label: ctx.t('nudge-button'), payload: encodeAction({ kind: 'nudge', occurrenceId }) }];
}

export async function nudgeUnreported(ctx: OfficialContext, occurrenceId: number): Promise<void> {
  const outcome = await queueNudge(ctx.deps.prisma, occurrenceId, ctx.now);
  const { t } = ctx;
  if (outcome.kind === 'not-found') ctx.reply({ text: [t('duty-not-found')] });
  else if (outcome.kind === 'nobody') ctx.reply({ text: [t('nudge-closed')] });
  else ctx.reply({ text: [t(outcome.kind === 'queued' ? 'nudge-sent' : 'nudge-already', { count: outcome.count })] });
}
