// Deadline extensions: a unit asks for a later deadline for one window; the issuing body approves or refuses.
import { fromUtcMidnight, type LocalDate, toUtcMidnight } from '../domain/dates.js';
import { Prisma, type PrismaClient } from '../generated/prisma/client.js';
import { type Actor, auditActor, recordAudit } from './audit.js';

export const MAX_EXTENSION_REASON_LENGTH = 500;

export type ExtensionState = 'pending' | 'approved' | 'refused' | 'superseded';

export interface ExtensionView {
  id: number;
  occurrenceId: number;
  unitId: number;
  unitName: string;
  requestedById: number;
  newEndsOn: LocalDate;
  reason: string;
  state: ExtensionState;
  dutyTitle: string;
  window: { start: LocalDate; end: LocalDate };
  plan: { id: number; code: string; issuerUnitId: number | null };
  createdAt: Date;
}

const viewSelect = {
  id: true,
  occurrenceId: true,
  unitId: true,
  requestedById: true,
  newEndsOn: true,
  reason: true,
  state: true,
  createdAt: true,
  unit: { select: { name: true, shortName: true } },
  occurrence: {
    select: {
      startsOn: true,
      endsOn: true,
      duty: { select: { title: true, plan: { select: { id: true, code: true, issuerUnitId: true } } } },
    },
  },
} as const;

type ViewRow = Prisma.DeadlineExtensionGetPayload<{ select: typeof viewSelect }>;

function toView(row: ViewRow): ExtensionView {
  return {
    id: row.id,
    occurrenceId: row.occurrenceId,
    unitId: row.unitId,
    unitName: row.unit.shortName ?? row.unit.name,
    requestedById: row.requestedById,
    newEndsOn: fromUtcMidnight(row.newEndsOn),
    reason: row.reason,
    state: row.state,
    dutyTitle: row.occurrence.duty.title,
    window: { start: fromUtcMidnight(row.occurrence.startsOn), end: fromUtcMidnight(row.occurrence.endsOn) },
    plan: row.occurrence.duty.plan,
    createdAt: row.createdAt,
  };
}

export type RequestOutcome =
  | { kind: 'requested'; extension: ExtensionView }
  | { kind: 'already-pending'; extension: ExtensionView };

/**
 * Stores a pending request, audited. One request is open per unit and window (a partial unique index): a second
 * one while the first waits is refused, naming the open one.
 */
export async function requestExtension(
  prisma: PrismaClient,
  input: {
    occurrenceId: number;
    unitId: number;
    requestedById: number;
    newEndsOn: LocalDate;
    reason: string;
    actor: Actor;
  },
): Promise<RequestOutcome> {
  const reason = input.reason.trim();
  if (reason.length === 0 || reason.length > MAX_EXTENSION_REASON_LENGTH)
    throw new RangeError(`An extension reason has 1 to ${MAX_EXTENSION_REASON_LENGTH} characters`);
  const open = () =>
    prisma.deadlineExtension.findFirst({
      where: { occurrenceId: input.occurrenceId, unitId: input.unitId, state: 'pending' },
      select: viewSelect,
    });
  const existing = await open();
  if (existing) return { kind: 'already-pending', extension: toView(existing) };
  try {
    const created = await prisma.$transaction(async (tx) => {
      const row = await tx.deadlineExtension.create({
        data: {
          occurrenceId: input.occurrenceId,
          unitId: input.unitId,
          requestedById: input.requestedById,
          newEndsOn: toUtcMidnight(input.newEndsOn),
          reason,
        },
        select: viewSelect,
      });
      await recordAudit(tx, auditActor(input.actor), 'extension.request', `extension:${row.id}`, {
        occurrenceId: input.occurrenceId,
        unitId: input.unitId,
        newEndsOn: input.newEndsOn,
        reason,
      });
      return row;
    });
    return { kind: 'requested', extension: toView(created) };
  } catch (error) {
    // Two requests raced: the index kept one.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
      const winner = await open();
      if (winner) return { kind: 'already-pending', extension: toView(winner) };
    }
    throw error;
  }
}

export async function extensionById(prisma: PrismaClient, id: number): Promise<ExtensionView | undefined> {
  const row = await prisma.deadlineExtension.findUnique({ where: { id }, select: viewSelect });
  return row ? toView(row) : undefined;
}

/** Open requests, oldest first; with `issuerUnitId`, only plans issued by that unit or by no unit. */
export async function pendingExtensions(
  prisma: PrismaClient,
  options: { issuerUnitId: number | null; limit?: number },
): Promise<ExtensionView[]> {
  const rows = await prisma.deadlineExtension.findMany({
    where: {
      state: 'pending',
      ...(options.issuerUnitId === null
        ? {}
        : { occurrence: { duty: { plan: { OR: [{ issuerUnitId: options.issuerUnitId }, { issuerUnitId: null }] } } } }),
    },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    take: options.limit ?? 50,
    select: viewSelect,
  });
  return rows.map(toView);
}

/** A window's own last day (before any extension); undefined when there is no such window. */
export async function occurrenceEnd(prisma: PrismaClient, occurrenceId: number): Promise<LocalDate | undefined> {
  const row = await prisma.occurrence.findUnique({ where: { id: occurrenceId }, select: { endsOn: true } });
  return row ? fromUtcMidnight(row.endsOn) : undefined;
}

/** The approved extension's deadline for a unit's window, if any. */
export async function approvedDeadline(
  prisma: PrismaClient,
  occurrenceId: number,
  unitId: number,
): Promise<LocalDate | undefined> {
  const row = await prisma.deadlineExtension.findFirst({
    where: { occurrenceId, unitId, state: 'approved' },
    select: { newEndsOn: true },
  });
  return row ? fromUtcMidnight(row.newEndsOn) : undefined;
}

/**
 * Approves or refuses a pending request in one transaction, audited. Approving supersedes the unit's previously
 * approved extension of that window first (one approved per unit and window). False when it is no longer pending.
 */
export async function decideExtension(
  prisma: PrismaClient,
  input: { extensionId: number; deciderId: number; approve: boolean; note?: string; at: Date; actor: Actor },
): Promise<boolean> {
  const note = input.note?.trim() || null;
  if (note && note.length > MAX_EXTENSION_REASON_LENGTH)
    throw new RangeError(`A decision note has at most ${MAX_EXTENSION_REASON_LENGTH} characters`);
  return prisma.$transaction(async (tx) => {
    const [row] = await tx.$queryRaw<{ occurrenceId: number; unitId: number }[]>`
      SELECT "occurrenceId", "unitId" FROM "DeadlineExtension" WHERE "id" = ${input.extensionId} AND "state" = 'pending' FOR UPDATE`;
    if (!row) return false;
    if (input.approve) {
      await tx.deadlineExtension.updateMany({
        where: { occurrenceId: row.occurrenceId, unitId: row.unitId, state: 'approved' },
        data: { state: 'superseded' },
      });
    }
    await tx.deadlineExtension.update({
      where: { id: input.extensionId },
      data: {
        state: input.approve ? 'approved' : 'refused',
        decidedById: input.deciderId,
        decidedAt: input.at,
        decisionNote: note,
      },
      select: { id: true },
    });
    await recordAudit(
      tx,
      auditActor(input.actor),
      input.approve ? 'extension.approve' : 'extension.refuse',
      `extension:${input.extensionId}`,
      note ? { note } : {},
    );
    return true;
  });
}
