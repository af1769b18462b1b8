// The web console's own records: one-time sign-in links, sessions (both stored as sha256 hashes only) and the
// plan drafts admins review in the browser.
import type { Prisma, PrismaClient } from '../generated/prisma/client.js';
import { type Actor, auditActor, recordAudit } from './audit.js';
import type { Identity } from './officials.js';

/** A JSON document (objects of plain values) the caller builds; stored as jsonb. */
export type JsonDocument = object;

export type LinkRefusal = 'unknown' | 'used' | 'expired' | 'not-admin';

/** Stores a new link (its token's hash); audited as asked by the official, from chat or the CLI. */
export async function createLoginLink(
  prisma: PrismaClient,
  input: { tokenHash: string; officialId: number; via: string; expiresAt: Date; actor: Actor },
): Promise<void> {
  await prisma.$transaction(async (tx) => {
    const link = await tx.webLoginLink.create({
      data: { tokenHash: input.tokenHash, officialId: input.officialId, via: input.via, expiresAt: input.expiresAt },
      select: { id: true },
    });
    await recordAudit(tx, auditActor(input.actor), 'web.login-link', `official:${input.officialId}`, {
      link: link.id,
      via: input.via,
      expiresAt: input.expiresAt.toISOString(),
    });
  });
}

/** What a sign-in link names before it is used (the confirmation page says who signs in). */
export async function peekLoginLink(
  prisma: PrismaClient,
  tokenHash: string,
  now: Date,
): Promise<{ officialName: string } | { refused: LinkRefusal }> {
  const link = await prisma.webLoginLink.findUnique({
    where: { tokenHash },
    select: { usedAt: true, expiresAt: true, official: { select: { name: true, role: true, status: true } } },
  });
  if (!link) return { refused: 'unknown' };
  if (link.usedAt) return { refused: 'used' };
  if (link.expiresAt <= now) return { refused: 'expired' };
  if (link.official.role !== 'admin' || link.official.status !== 'active') return { refused: 'not-admin' };
  return { officialName: link.official.name };
}

/**
 * Uses a link once and opens a session for its official, in one transaction: the link is taken by a conditional
 * UPDATE (two browsers racing for it cannot both win), then the official's role is read again.
 */
export async function redeemLoginLink(
  prisma: PrismaClient,
  input: { tokenHash: string; sessionHash: string; now: Date; sessionMaxMs: number; userAgent: string | undefined },
): Promise<{ sessionId: number; officialId: number } | { refused: LinkRefusal }> {
  return prisma.$transaction(async (tx) => {
    const taken = await tx.webLoginLink.updateMany({
      where: { tokenHash: input.tokenHash, usedAt: null, expiresAt: { gt: input.now } },
      data: { usedAt: input.now },
    });
    const link = await tx.webLoginLink.findUnique({
      where: { tokenHash: input.tokenHash },
      select: {
        id: true,
        usedAt: true,
        expiresAt: true,
        officialId: true,
        official: { select: { role: true, status: true } },
      },
    });
    if (!link) return { refused: 'unknown' as const };
    if (taken.count === 0)
      return { refused: link.expiresAt <= input.now && !link.usedAt ? 'expired' : ('used' as const) };
    if (link.official.role !== 'admin' || link.official.status !== 'active') {
      await recordAudit(tx, { officialId: link.officialId, label: 'web' }, 'denied', 'web.sign-in', { link: link.id });
      return { refused: 'not-admin' as const };
    }
    const session = await tx.webSession.create({
      data: {
        idHash: input.sessionHash,
        officialId: link.officialId,
        lastSeenAt: input.now,
        expiresAt: new Date(input.now.getTime() + input.sessionMaxMs),
        userAgent: input.userAgent?.slice(0, 300) ?? null,
      },
      select: { id: true },
    });
    await recordAudit(tx, { officialId: link.officialId, label: 'web' }, 'web.signed-in', `session:${session.id}`, {
      link: link.id,
    });
    return { sessionId: session.id, officialId: link.officialId };
  });
}

export interface WebSessionIdentity {
  sessionId: number;
  official: Identity['official'];
}

/**
 * The live session behind a cookie, touched (its idle clock restarted) in the same statement; undefined when it is
 * unknown, revoked, idle too long or past its absolute end. The official is read fresh: the caller checks the role.
 */
export async function touchSession(
  prisma: PrismaClient,
  idHash: string,
  now: Date,
  idleMs: number,
): Promise<WebSessionIdentity | undefined> {
  const idleSince = new Date(now.getTime() - idleMs);
  const [row] = await prisma.$queryRaw<{ id: number; officialId: number }[]>`
    UPDATE "WebSession" SET "lastSeenAt" = ${now}
    WHERE "idHash" = ${idHash} AND "revokedAt" IS NULL AND "expiresAt" > ${now} AND "lastSeenAt" > ${idleSince}
    RETURNING "id", "officialId"`;
  if (!row) return undefined;
  const official = await prisma.official.findUnique({
    where: { id: row.officialId },
    select: {
      id: true,
      name: true,
      role: true,
      locale: true,
      status: true,
      remindersOff: true,
      snoozedUntil: true,
      unit: { select: { id: true, code: true, name: true, shortName: true, level: true } },
    },
  });
  if (!official) return undefined;
  return { sessionId: row.id, official };
}

export interface WebSessionRow {
  id: number;
  officialId: number;
  officialName: string;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
  revokedAt: Date | null;
  userAgent: string | null;
  live: boolean;
}

/** Sessions, newest first: one official's, or everyone's (the CLI); `liveOnly` leaves out ended ones. */
export async function listSessions(
  prisma: PrismaClient,
  options: { officialId?: number; liveOnly: boolean; now: Date; idleMs: number },
): Promise<WebSessionRow[]> {
  const idleSince = new Date(options.now.getTime() - options.idleMs);
  const live: Prisma.WebSessionWhereInput = {
    revokedAt: null,
    expiresAt: { gt: options.now },
    lastSeenAt: { gt: idleSince },
  };
  const rows = await prisma.webSession.findMany({
    where: {
      ...(options.officialId !== undefined ? { officialId: options.officialId } : {}),
      ...(options.liveOnly ? live : {}),
    },
    select: {
      id: true,
      officialId: true,
      createdAt: true,
      lastSeenAt: true,
      expiresAt: true,
      revokedAt: true,
      userAgent: true,
      official: { select: { name: true } },
    },
    orderBy: { id: 'desc' },
    take: 200,
  });
  return rows.map(({ official, ...row }) => ({
    ...row,
    officialName: official.name,
    live: row.revokedAt === null && row.expiresAt > options.now && row.lastSeenAt > idleSince,
  }));
}

/**
 * Ends sessions: one by its number, all of an official's but one ("sign out other sessions"), or every session
 * (the CLI's `--all`). Audited with the number of sessions ended.
 */
export async function revokeSessions(
  prisma: PrismaClient,
  which: { sessionId: number; officialId?: number } | { officialId: number; except?: number } | { all: true },
  actor: Actor,
  now: Date,
): Promise<number> {
  const where: Prisma.WebSessionWhereInput =
    'all' in which
      ? {}
      : 'sessionId' in which
        ? { id: which.sessionId, ...(which.officialId !== undefined ? { officialId: which.officialId } : {}) }
        : { officialId: which.officialId, ...(which.except !== undefined ? { id: { not: which.except } } : {}) };
  return prisma.$transaction(async (tx) => {
    const revoked = await tx.webSession.updateMany({ where: { ...where, revokedAt: null }, data: { revokedAt: now } });
    if (revoked.count > 0)
      await recordAudit(
        tx,
        auditActor(actor),
        'web.sessions-revoked',
        'all' in which ? 'all' : 'sessionId' in which ? `session:${which.sessionId}` : `official:${which.officialId}`,
        { count: revoked.count },
      );
    return revoked.count;
  });
}

// ----------------------------------------------------------------------------------------------- plan drafts

export interface PlanDraftRow {
  id: number;
  name: string;
  content: unknown;
  sourceText: string | null;
  createdBy: string | null;
  updatedBy: string | null;
  createdAt: Date;
  updatedAt: Date;
  importedAt: Date | null;
  importedPlan: string | null;
}

const draftSelect = {
  id: true,
  name: true,
  content: true,
  sourceText: true,
  createdAt: true,
  updatedAt: true,
  importedAt: true,
  importedPlan: true,
  createdBy: { select: { name: true } },
  updatedBy: { select: { name: true } },
} satisfies Prisma.PlanDraftSelect;

type DraftRecord = Prisma.PlanDraftGetPayload<{ select: typeof draftSelect }>;

function toDraftRow({ createdBy, updatedBy, ...row }: DraftRecord): PlanDraftRow {
  return { ...row, createdBy: createdBy?.name ?? null, updatedBy: updatedBy?.name ?? null };
}

export async function createPlanDraft(
  prisma: PrismaClient,
  input: { name: string; content: JsonDocument; sourceText: string | null; actor: Actor },
): Promise<number> {
  return prisma.$transaction(async (tx) => {
    const draft = await tx.planDraft.create({
      data: {
        name: input.name.slice(0, 300),
        content: input.content as Prisma.InputJsonValue,
        sourceText: input.sourceText,
        createdById: input.actor.officialId ?? null,
        updatedById: input.actor.officialId ?? null,
      },
      select: { id: true },
    });
    await recordAudit(tx, auditActor(input.actor), 'plan-draft.created', `plan-draft:${draft.id}`, {
      name: input.name.slice(0, 300),
    });
    return draft.id;
  });
}

/** Drafts still under review (not imported or discarded), newest first; imported ones with `all`. */
export async function listPlanDrafts(prisma: PrismaClient, options: { all?: boolean } = {}): Promise<PlanDraftRow[]> {
  const rows = await prisma.planDraft.findMany({
    where: { discardedAt: null, ...(options.all ? {} : { importedAt: null }) },
    select: draftSelect,
    orderBy: { id: 'desc' },
    take: 100,
  });
  return rows.map(toDraftRow);
}

export async function getPlanDraft(prisma: PrismaClient, id: number): Promise<PlanDraftRow | undefined> {
  const row = await prisma.planDraft.findFirst({ where: { id, discardedAt: null }, select: draftSelect });
  return row ? toDraftRow(row) : undefined;
}

/** Saves an edit of the review table; audited with what changed (a field, a duty added, merged or deleted). */
export async function savePlanDraft(
  prisma: PrismaClient,
  input: { id: number; content: JsonDocument; actor: Actor; change: JsonDocument },
): Promise<boolean> {
  return prisma.$transaction(async (tx) => {
    const saved = await tx.planDraft.updateMany({
      where: { id: input.id, discardedAt: null, importedAt: null },
      data: { content: input.content as Prisma.InputJsonValue, updatedById: input.actor.officialId ?? null },
    });
    if (saved.count === 0) return false;
    await recordAudit(
      tx,
      auditActor(input.actor),
      'plan-draft.edited',
      `plan-draft:${input.id}`,
      input.change as Prisma.InputJsonValue,
    );
    return true;
  });
}

export async function markPlanDraftImported(
  prisma: PrismaClient,
  input: { id: number; planCode: string; now: Date },
): Promise<void> {
  await prisma.planDraft.updateMany({
    where: { id: input.id },
    data: { importedAt: input.now, importedPlan: input.planCode },
  });
}

export async function discardPlanDraft(prisma: PrismaClient, id: number, actor: Actor, now: Date): Promise<boolean> {
  return prisma.$transaction(async (tx) => {
    const discarded = await tx.planDraft.updateMany({ where: { id, discardedAt: null }, data: { discardedAt: now } });
    if (discarded.count === 0) return false;
    await recordAudit(tx, auditActor(actor), 'plan-draft.discarded', `plan-draft:${id}`);
    return true;
  });
}
