// Invite codes for a unit, as chat (/moi), the CLI and the web console's roster make them: the only way in.
import type { PrismaClient } from '../db/database.js';
import { createInvite, type Role } from '../db/officials.js';
import { type ResolvedUnit, resolveUnit } from '../db/units.js';
import { generateCode } from '../domain/invite-code.js';

export const DEFAULT_INVITE_DAYS = 7;
export const MAX_INVITE_USES = 10_000;

export interface UnitInviteRequest {
  /** A unit code ("TU-BTG", any case) or a name people use ("Ban Tuyên giáo"). */
  unit: string;
  role: Role;
  uses: number;
  validForMs: number;
  /** The admin who asked (null: an operator at the CLI), and where from, for the audit log. */
  createdById: number | null;
  actorLabel: string;
  now: Date;
}

export type UnitInviteOutcome =
  | { kind: 'unknown-unit' }
  | { kind: 'bad-uses'; max: number }
  | { kind: 'created'; code: string; unit: ResolvedUnit; alternatives: ResolvedUnit[]; expiresAt: Date };

export async function createUnitInvite(prisma: PrismaClient, request: UnitInviteRequest): Promise<UnitInviteOutcome> {
  if (!Number.isInteger(request.uses) || request.uses < 1 || request.uses > MAX_INVITE_USES)
    return { kind: 'bad-uses', max: MAX_INVITE_USES };
  const resolved = await resolveUnit(prisma, request.unit);
  if (!resolved) return { kind: 'unknown-unit' };
  const expiresAt = new Date(request.now.getTime() + request.validForMs);
  const invite = await createInvite(prisma, {
    code: generateCode(),
    unitId: resolved.unit.id,
    role: request.role,
    maxUses: request.uses,
    expiresAt,
    createdById: request.createdById,
    actorLabel: request.actorLabel,
  });
  return { kind: 'created', code: invite.code, unit: resolved.unit, alternatives: resolved.alternatives, expiresAt };
}

/** The Telegram link that opens the bot with the code filled in (`/start CODE`). */
export function telegramStartLink(botUsername: string, code: string): string {
  return `https://t.me/${botUsername}?start=${encodeURIComponent(code)}`;
}
