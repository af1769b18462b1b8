// The audit log: every admin action, who did it and from where, written in the action's own transaction.
import type { Prisma, PrismaClient } from '../generated/prisma/client.js';

/** An official acting in chat, or a named operator such as "cli" or "system". */
export type AuditActor = { officialId: number; label?: string } | { officialId?: undefined; label: string };

/** Who acted, as services pass it: an official (and the chat or page they acted from), or an operator label. */
export interface Actor {
  officialId?: number;
  label: string;
}

export function auditActor(actor: Actor): AuditActor {
  return actor.officialId !== undefined ? { officialId: actor.officialId, label: actor.label } : { label: actor.label };
}

export async function recordAudit(
  tx: Prisma.TransactionClient | PrismaClient,
  actor: AuditActor,
  action: string,
  target: string | null,
  details?: Prisma.InputJsonValue,
): Promise<void> {
  await tx.auditLog.create({
    data: {
      actorId: actor.officialId ?? null,
      actorLabel: actor.label ?? `official:${actor.officialId}`,
      action,
      target,
      ...(details === undefined ? {} : { details }),
    },
    select: { id: true },
  });
}

export interface AuditFilter {
  /** An action or its start ("plan." matches plan.import). */
  action?: string;
  actorId?: number;
  /** Words in the target or the actor's label. */
  text?: string;
  from?: Date;
  to?: Date;
}

export interface AuditRow {
  id: number;
  at: Date;
  actorId: number | null;
  actorName: string | null;
  actorLabel: string;
  action: string;
  target: string | null;
  details: unknown;
}

/** The audit log, newest first, filtered; one page of `limit` rows after `offset`, and the total. */
export async function listAudit(
  prisma: PrismaClient,
  filter: AuditFilter,
  page: { offset: number; limit: number },
): Promise<{ rows: AuditRow[]; total: number; actions: string[] }> {
  const where: Prisma.AuditLogWhereInput = {
    ...(filter.action ? { action: { startsWith: filter.action } } : {}),
    ...(filter.actorId !== undefined ? { actorId: filter.actorId } : {}),
    ...(filter.text
      ? {
          OR: [
            { target: { contains: filter.text, mode: 'insensitive' } },
            { actorLabel: { contains: filter.text, mode: 'insensitive' } },
            { actor: { name: { contains: filter.text, mode: 'insensitive' } } },
          ],
        }
      : {}),
    ...(filter.from || filter.to
      ? { at: { ...(filter.from ? { gte: filter.from } : {}), ...(filter.to ? { lt: filter.to } : {}) } }
      : {}),
  };
  const [rows, total, actions] = await Promise.all([
    prisma.auditLog.findMany({
      where,
      select: {
        id: true,
        at: true,
        actorId: true,
        actorLabel: true,
        action: true,
        target: true,
        details: true,
        actor: { select: { name: true } },
      },
      orderBy: { id: 'desc' },
      skip: page.offset,
      take: page.limit,
    }),
    prisma.auditLog.count({ where }),
    prisma.auditLog.groupBy({ by: ['action'], orderBy: { action: 'asc' } }),
  ]);
  return {
    rows: rows.map(({ actor, ...row }) => ({ ...row, actorName: actor?.name ?? null })),
    total,
    actions: actions.map((row) => row.action),
  };
}
