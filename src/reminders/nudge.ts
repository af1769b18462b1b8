// The one-tap nudge: an admin reminds the units that have not reported on a window, once per window and day.
import type { PrismaClient } from '../db/database.js';
import { reportedUnits } from '../db/escalation.js';
import { expandRun, reminderRecipients, reminderWindow, runRecipients } from '../db/reminders.js';
import { localDateAt } from '../domain/dates.js';

export type NudgeOutcome =
  | { kind: 'queued'; count: number }
  | { kind: 'already'; count: number }
  | { kind: 'nobody' }
  | { kind: 'not-found' };

/** How long a nudge waits for an official (snoozed, unreachable for a while) before it is not worth sending. */
const NUDGE_USEFUL_MS = 24 * 3_600_000;

/**
 * Queues a reminder (ledger kind `nudge:<day>`) to the officials of the lead units with no report on the window;
 * the sending loop delivers it within seconds. The run row makes it once per window and day, whoever taps.
 */
export async function queueNudge(prisma: PrismaClient, occurrenceId: number, now: Date): Promise<NudgeOutcome> {
  const window = await reminderWindow(prisma, occurrenceId);
  if (!window || window.retired) return { kind: 'not-found' };
  const kind = `nudge:${localDateAt(now, window.timeZone)}`;
  const before = await runRecipients(prisma, occurrenceId, kind);
  if (before !== undefined) return { kind: 'already', count: before };
  const [recipients, reported] = await Promise.all([
    reminderRecipients(prisma, { id: occurrenceId, dutyId: window.dutyId }, { coordinating: false }),
    reportedUnits(prisma, occurrenceId),
  ]);
  const entries = recipients
    .filter((recipient) => !reported.has(recipient.unitId))
    .map((recipient) => ({
      officialId: recipient.officialId,
      dueAt: now,
      expiresAt: new Date(now.getTime() + NUDGE_USEFUL_MS),
    }));
  if (entries.length === 0) return { kind: 'nobody' };
  if (!(await expandRun(prisma, occurrenceId, kind, entries)))
    return { kind: 'already', count: (await runRecipients(prisma, occurrenceId, kind)) ?? 0 };
  return { kind: 'queued', count: entries.length };
}
