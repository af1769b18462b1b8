// Confirmation of reported completions: the plan setting, the review of a "done" and the list still to review.
import { fromUtcMidnight, type LocalDate } from '../domain/dates.js';
import type { ReviewState } from '../domain/follow-up.js';
import type { PrismaClient } from '../generated/prisma/client.js';
import { type Actor, auditActor, recordAudit } from './audit.js';

export const MAX_REVIEW_REASON_LENGTH = 500;

/** Turns the confirmation requirement of a plan on or off, audited; false when no plan has that code. */
export async function setPlanConfirmation(
  prisma: PrismaClient,
  planCode: string,
  requiresConfirmation: boolean,
  actor: Actor,
): Promise<boolean> {
  return prisma.$transaction(async (tx) => {
    const updated = await tx.plan.updateMany({ where: { code: planCode }, data: { requiresConfirmation } });
    if (updated.count !== 1) return false;
    await recordAudit(tx, auditActor(actor), 'plan.confirmations', planCode, { requiresConfirmation });
    return true;
  });
}

export interface ReviewTarget {
  reportId: number;
  occurrenceId: number;
  unitId: number;
  unitName: string;
  officialId: number;
  dutyTitle: string;
  window: { start: LocalDate; end: LocalDate };
  note: string | null;
  reportedAt: Date;
  reviewState: ReviewState | null;
  /** Whether this report is still the unit's current status (a later report replaces what is reviewed). */
  current: boolean;
  plan: { id: number; code: string; issuerUnitId: number | null; requiresConfirmation: boolean };
  evidence: { number: string | null; date: LocalDate | null };
}

const targetSelect = {
  id: true,
  occurrenceId: true,
  unitId: true,
  officialId: true,
  note: true,
  reportedAt: true,
  reviewState: true,
  evidenceNumber: true,
  evidenceDate: true,
  unit: { select: { name: true, shortName: true } },
  occurrence: {
    select: {
      startsOn: true,
      endsOn: true,
      statuses: { select: { unitId: true, reportId: true } },
      duty: {
        select: {
          title: true,
          plan: { select: { id: true, code: true, issuerUnitId: true, requiresConfirmation: true } },
        },
      },
    },
  },
} as const;

type TargetRow = {
  id: number;
  occurrenceId: number;
  unitId: number;
  officialId: number;
  note: string | null;
  reportedAt: Date;
  reviewState: ReviewState | null;
  evidenceNumber: string | null;
  evidenceDate: Date | null;
  unit: { name: string; shortName: string | null };
  occurrence: {
    startsOn: Date;
    endsOn: Date;
    statuses: { unitId: number; reportId: number }[];
    duty: { title: string; plan: ReviewTarget['plan'] };
  };
};

function toTarget(row: TargetRow): ReviewTarget {
  return {
    reportId: row.id,
    occurrenceId: row.occurrenceId,
    unitId: row.unitId,
    unitName: row.unit.shortName ?? row.unit.name,
    officialId: row.officialId,
    dutyTitle: row.occurrence.duty.title,
    window: { start: fromUtcMidnight(row.occurrence.startsOn), end: fromUtcMidnight(row.occurrence.endsOn) },
    note: row.note,
    reportedAt: row.reportedAt,
    reviewState: row.reviewState,
    current: row.occurrence.statuses.some((s) => s.unitId === row.unitId && s.reportId === row.id),
    plan: row.occurrence.duty.plan,
    evidence: {
      number: row.evidenceNumber,
      date: row.evidenceDate ? fromUtcMidnight(row.evidenceDate) : null,
    },
  };
}

/** What a review (or a button naming a report) is about; undefined when there is no such report. */
export async function reviewTarget(prisma: PrismaClient, reportId: number): Promise<ReviewTarget | undefined> {
  const row = await prisma.statusReport.findUnique({ where: { id: reportId }, select: targetSelect });
  return row ? toTarget(row as TargetRow) : undefined;
}

/**
 * Completions waiting for confirmation that are still their unit's current status, oldest first. With
 * `issuerUnitId`, only plans issued by that unit (or by no unit, which any admin reviews); null: every plan.
 */
export async function pendingReviews(
  prisma: PrismaClient,
  options: { issuerUnitId: number | null; limit?: number },
): Promise<ReviewTarget[]> {
  // A pending review on the current status is, by construction, the current report's.
  const current = await prisma.occurrenceStatus.findMany({
    where: {
      reviewState: 'pending',
      ...(options.issuerUnitId === null
        ? {}
        : { occurrence: { duty: { plan: { OR: [{ issuerUnitId: options.issuerUnitId }, { issuerUnitId: null }] } } } }),
    },
    orderBy: [{ updatedAt: 'asc' }],
    take: options.limit ?? 50,
    select: { reportId: true },
  });
  if (current.length === 0) return [];
  const rows = await prisma.statusReport.findMany({
    where: { id: { in: current.map((c) => c.reportId) }, reviewState: 'pending' },
    orderBy: [{ reportedAt: 'asc' }, { id: 'asc' }],
    select: targetSelect,
  });
  return rows.map((row) => toTarget(row as TargetRow));
}

export type ReviewDecision = Exclude<ReviewState, 'pending'>;

/**
 * Confirms or returns a pending completion, on the report and the unit's current status, with an audit entry, in
 * one transaction. False when it is no longer pending (decided already, by a double tap or another admin).
 */
export async function decideReview(
  prisma: PrismaClient,
  input: { reportId: number; reviewerId: number; decision: ReviewDecision; reason?: string; at: Date; actor: Actor },
): Promise<boolean> {
  const reason = input.reason?.trim() || null;
  if (reason && reason.length > MAX_REVIEW_REASON_LENGTH)
    throw new RangeError(`A review reason has at most ${MAX_REVIEW_REASON_LENGTH} characters`);
  return prisma.$transaction(async (tx) => {
    const updated = await tx.statusReport.updateMany({
      where: { id: input.reportId, reviewState: 'pending' },
      data: { reviewState: input.decision, reviewedById: input.reviewerId, reviewedAt: input.at, reviewReason: reason },
    });
    if (updated.count !== 1) return false;
    await tx.occurrenceStatus.updateMany({
      where: { reportId: input.reportId },
      data: { reviewState: input.decision },
    });
    await recordAudit(
      tx,
      auditActor(input.actor),
      `report.${input.decision === 'confirmed' ? 'confirm' : 'return'}`,
      `report:${input.reportId}`,
      {
        ...(reason ? { reason } : {}),
      },
    );
    return true;
  });
}

export interface ChatRecipient {
  channel: 'telegram' | 'zalo' | 'console';
  chatId: string;
  locale: 'vi' | 'en';
}

/**
 * The reachable chats of the unit's active officials (`unitId`), or of the admins who act for a plan's issuing
 * body (`issuerUnitId`: its admins; null: every admin), for telling them of a review or an extension.
 */
export async function recipientChats(
  prisma: PrismaClient,
  who: { unitId: number } | { adminsOf: number | null },
): Promise<ChatRecipient[]> {
  const rows = await prisma.channelAccount.findMany({
    where: {
      active: true,
      official: {
        status: 'active',
        ...('unitId' in who
          ? { unitId: who.unitId }
          : { role: 'admin', ...(who.adminsOf === null ? {} : { unitId: who.adminsOf }) }),
      },
    },
    orderBy: { id: 'asc' },
    take: 200,
    select: { channel: true, chatId: true, official: { select: { locale: true } } },
  });
  return rows.map((row) => ({ channel: row.channel, chatId: row.chatId, locale: row.official.locale }));
}
