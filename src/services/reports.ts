// Status reports, as every face takes them: the window must exist and the official's unit must answer for it now.
import type { PrismaClient } from '../db/database.js';
import {
  type RecordedReport,
  type ReportChannel,
  type ReportStatus,
  recordStatusReport,
  reportTarget,
} from '../db/reports.js';
import type { UnitLevel } from '../plans/format.js';

export interface ReportSubmission {
  /** A leader (a unit head, an observer) never reports: refused like an official whose unit does not answer for it. */
  official: { id: number; role?: string; unit: { id: number; level: UnitLevel } };
  occurrenceId: number;
  status: Exclude<ReportStatus, 'not_started'>;
  channel: ReportChannel;
  /** The platform's id of the message or button press: a redelivery is stored once. */
  channelMessageId: string;
  at: Date;
}

export type ReportOutcome =
  | { kind: 'not-found' }
  | { kind: 'not-responsible' }
  | ({ kind: 'recorded'; dutyTitle: string } & RecordedReport);

/** A button's payload or a form field is only a claim: what it names is looked up and checked here. */
export async function submitReport(prisma: PrismaClient, submission: ReportSubmission): Promise<ReportOutcome> {
  const target = await reportTarget(prisma, submission.occurrenceId, submission.official.unit);
  if (!target || target.retired) return { kind: 'not-found' };
  if (!target.role || submission.official.role === 'leader') return { kind: 'not-responsible' };
  const recorded = await recordStatusReport(prisma, {
    occurrenceId: submission.occurrenceId,
    unitId: submission.official.unit.id,
    officialId: submission.official.id,
    status: submission.status,
    channel: submission.channel,
    channelMessageId: submission.channelMessageId,
    reportedAt: submission.at,
  });
  return { kind: 'recorded', dutyTitle: target.dutyTitle, ...recorded };
}
