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
