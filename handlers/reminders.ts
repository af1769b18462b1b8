// Admin: the reminder policy in force and the ledger's state (/nhacviec); changes are made with `dondoc reminders policy`.

import { bold } from '../src/chat/rich.js';
import type { RichText } from '../src/chat/types.js';
import { reminderCounts } from '../src/db/reminders.js';
import type { OfficialContext } from './context.js';

export async function reminderOverview(ctx: OfficialContext): Promise<void> {
  const { t, deps } = ctx;
  const policy = deps.reminderPolicy;
  const counts = await reminderCounts(deps.prisma);
  const list = (days: number[]) => (days.length ? days.join(', ') : '—');
  const text: RichText = [
    bold(t('reminders-title')),
    '\n',
    t('reminders-policy', {
      beforeOpen: list(policy.beforeOpenDays),
      onOpen: policy.onOpen ? 'yes' : 'no',
      beforeClose: list(policy.beforeCloseDays),
      overdue: policy.overdue ? 'yes' : 'no',
      coordinating: policy.coordinating ? 'yes' : 'no',
    }),
    '\n\n',
    t('reminders-counts', {
      pending: counts.pending ?? 0,
      sent: counts.sent ?? 0,
      failed: counts.failed ?? 0,
      cancelled: counts.cancelled ?? 0,
    }),
    '\n\n',
    t('reminders-change'),
  ];
  ctx.reply({ text });
}
