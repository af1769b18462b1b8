// Follow-up rules the faces share: who reviews a plan's completions and extensions, confirming, returning, extending.
import { type Actor, recordAudit } from '../db/audit.js';
import type { PrismaClient } from '../db/database.js';
import {
  decideExtension,
  type ExtensionView,
  extensionById,
  MAX_EXTENSION_REASON_LENGTH,
  occurrenceEnd,
  requestExtension,
} from '../db/extensions.js';
import { reportTarget } from '../db/reports.js';
import { decideReview, type ReviewDecision, type ReviewTarget, reviewTarget } from '../db/reviews.js';
import type { LocalDate } from '../domain/dates.js';
import type { UnitLevel } from '../plans/format.js';

export interface Reviewer {
  id: number;
  role: string;
  unit: { id: number };
}

/**
 * The one rule of who acts for the assigning body: an admin of the plan's issuing unit, or any admin when the
 * plan names no issuing unit.
 */
export function actsForAssigningBody(official: Reviewer, plan: { issuerUnitId: number | null }): boolean {
  if (official.role !== 'admin') return false;
  return plan.issuerUnitId === null || plan.issuerUnitId === official.unit.id;
}

/** What an admin reviews, as the list queries take it: plans their unit issued and plans with no issuing unit. */
export function reviewScope(official: Reviewer): { issuerUnitId: number } {
  return { issuerUnitId: official.unit.id };
}

export type ReviewOutcome =
  | { kind: 'reviewed'; target: ReviewTarget }
  | { kind: 'not-found' }
  | { kind: 'forbidden' }
  | { kind: 'not-pending'; target: ReviewTarget };

/** Confirms or returns a completion; a payload naming a report the official may not review is refused and audited. */
export async function reviewCompletion(
  prisma: PrismaClient,
  input: { official: Reviewer; reportId: number; decision: ReviewDecision; reason?: string; at: Date; actor: Actor },
): Promise<ReviewOutcome> {
  const target = await reviewTarget(prisma, input.reportId);
  if (!target) return { kind: 'not-found' };
  if (!actsForAssigningBody(input.official, target.plan)) {
    await recordAudit(
      prisma,
      { officialId: input.official.id, label: input.actor.label },
      'report.review-refused',
      `report:${input.reportId}`,
      {
        decision: input.decision,
      },
    );
    return { kind: 'forbidden' };
  }
  if (target.reviewState !== 'pending' || !target.current) return { kind: 'not-pending', target };
  const decided = await decideReview(prisma, {
    reportId: input.reportId,
    reviewerId: input.official.id,
    decision: input.decision,
    ...(input.reason !== undefined ? { reason: input.reason } : {}),
    at: input.at,
    actor: input.actor,
  });
  return decided ? { kind: 'reviewed', target } : { kind: 'not-pending', target };
}

export type ExtensionRequestOutcome =
  | { kind: 'requested'; extension: ExtensionView }
  | { kind: 'already-pending'; extension: ExtensionView }
  | { kind: 'not-found' }
  | { kind: 'not-responsible' }
  | { kind: 'not-later'; deadline: LocalDate }
  | { kind: 'bad-reason' };

/** An official's unit asks for a later deadline for a window it answers for. */
export async function askForExtension(
  prisma: PrismaClient,
  input: {
    official: { id: number; unit: { id: number; level: UnitLevel } };
    occurrenceId: number;
    newEndsOn: LocalDate;
    reason: string;
    actor: Actor;
  },
): Promise<ExtensionRequestOutcome> {
  const target = await reportTarget(prisma, input.occurrenceId, input.official.unit);
  if (!target || target.retired) return { kind: 'not-found' };
  if (!target.role) return { kind: 'not-responsible' };
  const reason = input.reason.trim();
  if (reason.length === 0 || reason.length > MAX_EXTENSION_REASON_LENGTH) return { kind: 'bad-reason' };
  const windowEnd = await occurrenceEnd(prisma, input.occurrenceId);
  if (!windowEnd) return { kind: 'not-found' };
  if (input.newEndsOn <= windowEnd) return { kind: 'not-later', deadline: windowEnd };
  return requestExtension(prisma, {
    occurrenceId: input.occurrenceId,
    unitId: input.official.unit.id,
    requestedById: input.official.id,
    newEndsOn: input.newEndsOn,
    reason,
    actor: input.actor,
  });
}

export type ExtensionDecisionOutcome =
  | { kind: 'decided'; extension: ExtensionView }
  | { kind: 'not-found' }
  | { kind: 'forbidden' }
  | { kind: 'not-pending'; extension: ExtensionView };

/** Approves or refuses a request; a payload naming a request the official may not decide is refused and audited. */
export async function decideExtensionRequest(
  prisma: PrismaClient,
  input: { official: Reviewer; extensionId: number; approve: boolean; note?: string; at: Date; actor: Actor },
): Promise<ExtensionDecisionOutcome> {
  const extension = await extensionById(prisma, input.extensionId);
  if (!extension) return { kind: 'not-found' };
  if (!actsForAssigningBody(input.official, extension.plan)) {
    await recordAudit(
      prisma,
      { officialId: input.official.id, label: input.actor.label },
      'extension.decide-refused',
      `extension:${input.extensionId}`,
      {
        approve: input.approve,
      },
    );
    return { kind: 'forbidden' };
  }
  if (extension.state !== 'pending') return { kind: 'not-pending', extension };
  const decided = await decideExtension(prisma, {
    extensionId: input.extensionId,
    deciderId: input.official.id,
    approve: input.approve,
    ...(input.note !== undefined ? { note: input.note } : {}),
    at: input.at,
    actor: input.actor,
  });
  return decided ? { kind: 'decided', extension } : { kind: 'not-pending', extension };
}
