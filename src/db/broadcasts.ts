// The broadcast aggregate: a notice, one delivery row per recipient account, claimed before sending so each goes once.

import { type Audience, formatAudience } from '../domain/audience.js';
import { resolveLevel } from '../domain/levels.js';
import type { Prisma, PrismaClient } from '../generated/prisma/client.js';
import { recordAudit } from './audit.js';
import { listLevels } from './levels.js';
import type { ChannelName } from './officials.js';

export class AudienceError extends Error {}

export interface AudienceAccount {
  id: number;
  channel: ChannelName;
  officialId: number;
}

/**
 * The active chat accounts (Telegram, Zalo) of active officials in the audience: of one unit (its own
 * officials), of every unit of a level, or of the units responsible for a duty (lead or coordinating).
 */
export async function audienceAccounts(prisma: PrismaClient, audience: Audience): Promise<AudienceAccount[]> {
  let officials: Prisma.OfficialWhereInput = {};
  if (audience.kind === 'unit') {
    const unit = await prisma.unit.findFirst({
      where: { code: { equals: audience.code, mode: 'insensitive' } },
      select: { id: true },
    });
    if (!unit) throw new AudienceError(`No unit "${audience.code}"`);
    officials = { unitId: unit.id };
  } else if (audience.kind === 'level') {
    const levels = await listLevels(prisma);
    const level = resolveLevel(levels, audience.level);
    if (!level)
      throw new AudienceError(
        `No level "${audience.level}": use ${levels.map((known) => `level:${known.key}`).join(', ')}`,
      );
    officials = { unit: { level: level.key } };
  } else if (audience.kind === 'duty') {
    const duties = await prisma.duty.findMany({
      where: { key: audience.key, retiredAt: null, ...(audience.plan ? { plan: { code: audience.plan } } : {}) },
      select: { id: true, units: { select: { unitId: true } }, levels: { select: { level: true } } },
    });
    const [duty, ...others] = duties;
    if (!duty) throw new AudienceError(`No duty "${audience.key}"${audience.plan ? ` in plan ${audience.plan}` : ''}`);
    if (others.length > 0)
      throw new AudienceError(`Several plans have a duty "${audience.key}": write duty:PLAN/${audience.key}`);
    const or: Prisma.OfficialWhereInput[] = [];
    if (duty.units.length) or.push({ unitId: { in: duty.units.map((u) => u.unitId) } });
    if (duty.levels.length) or.push({ unit: { level: { in: duty.levels.map((l) => l.level) } } });
    if (or.length === 0) return [];
    officials = { OR: or };
  }
  const accounts = await prisma.channelAccount.findMany({
    where: { active: true, channel: { in: ['telegram', 'zalo'] }, official: { status: 'active', ...officials } },
    select: { id: true, channel: true, officialId: true },
    orderBy: { id: 'asc' },
  });
  return accounts.map((account) => ({ ...account, channel: account.channel as ChannelName }));
}

export interface AudienceCount {
  recipients: { telegram: number; zalo: number };
  officials: number;
}

export function countAccounts(accounts: AudienceAccount[]): AudienceCount {
  return {
    recipients: {
      telegram: accounts.filter((a) => a.channel === 'telegram').length,
      zalo: accounts.filter((a) => a.channel === 'zalo').length,
    },
    officials: new Set(accounts.map((a) => a.officialId)).size,
  };
}

/** A notice written in chat and awaiting the admin's confirmation: nothing is sent from a draft. */
export async function createDraft(
  prisma: PrismaClient,
  input: { text: string; audience: Audience; createdById: number },
): Promise<number> {
  const draft = await prisma.broadcast.create({
    data: {
      text: input.text,
      audience: formatAudience(input.audience),
      createdById: input.createdById,
      status: 'draft',
    },
    select: { id: true },
  });
  return draft.id;
}

/**
 * Confirms a notice: the recipients are taken now, one delivery row each, with the broadcast queued in
 * the same transaction (a draft is confirmed once: a second confirmation finds it queued and adds nothing).
 */
export async function queueBroadcast(
  prisma: PrismaClient,
  input: {
    draftId?: number;
    text: string;
    audience: Audience;
    actor: { officialId?: number; label: string };
    progress?: { channel: ChannelName; chatId: string; messageId?: string };
  },
  now: Date,
): Promise<{ id: number; count: AudienceCount; queued: boolean }> {
  const accounts = await audienceAccounts(prisma, input.audience);
  const count = countAccounts(accounts);
  return prisma.$transaction(async (tx) => {
    let id: number;
    if (input.draftId !== undefined) {
      const confirmed = await tx.broadcast.updateMany({
        where: { id: input.draftId, status: 'draft' },
        data: { status: 'queued', confirmedAt: now },
      });
      if (confirmed.count === 0) return { id: input.draftId, count, queued: false };
      id = input.draftId;
    } else {
      id = (
        await tx.broadcast.create({
          data: {
            text: input.text,
            audience: formatAudience(input.audience),
            createdById: input.actor.officialId ?? null,
            status: 'queued',
            confirmedAt: now,
          },
          select: { id: true },
        })
      ).id;
    }
    if (input.progress) {
      await tx.broadcast.update({
        where: { id },
        data: {
          progressChannel: input.progress.channel,
          progressChatId: input.progress.chatId,
          progressMessageId: input.progress.messageId ?? null,
        },
        select: { id: true },
      });
    }
    for (let i = 0; i < accounts.length; i += 5_000) {
      await tx.broadcastDelivery.createMany({
        data: accounts.slice(i, i + 5_000).map((account) => ({ broadcastId: id, accountId: account.id })),
        skipDuplicates: true,
      });
    }
    await recordAudit(
      tx,
      input.actor.officialId !== undefined
        ? { officialId: input.actor.officialId, label: input.actor.label }
        : { label: input.actor.label },
      'broadcast.queued',
      `broadcast:${id}`,
      {
        audience: formatAudience(input.audience),
        ...count,
      } as unknown as Prisma.InputJsonValue,
    );
    return { id, count, queued: true };
  });
}

export interface ClaimedDelivery {
  id: number;
  broadcastId: number;
  accountId: number;
  attempts: number;
}

/** Claims pending deliveries of live broadcasts (and ones whose claimer's lease ran out), skipping rows other instances hold. */
export async function claimDeliveries(
  prisma: PrismaClient,
  options: { instance: string; now: Date; limit: number; leaseMs: number },
): Promise<ClaimedDelivery[]> {
  const until = new Date(options.now.getTime() + options.leaseMs);
  return prisma.$queryRaw<ClaimedDelivery[]>`
    UPDATE "BroadcastDelivery" AS d SET "state" = 'sending', "claimedBy" = ${options.instance}, "claimedUntil" = ${until}, "attempts" = d."attempts" + 1
    WHERE d."id" IN (
      SELECT bd."id" FROM "BroadcastDelivery" bd JOIN "Broadcast" b ON b."id" = bd."broadcastId"
      WHERE b."status" IN ('queued', 'sending')
        AND ((bd."state" = 'pending' AND (bd."nextAttemptAt" IS NULL OR bd."nextAttemptAt" <= ${options.now}))
          OR (bd."state" = 'sending' AND bd."claimedUntil" < ${options.now}))
      ORDER BY bd."broadcastId", bd."id"
      LIMIT ${options.limit}
      FOR UPDATE OF bd SKIP LOCKED)
    RETURNING d."id", d."broadcastId", d."accountId", d."attempts"`;
}

export type DeliveryOutcome =
  | { state: 'sent'; at: Date; messageId?: string }
  | { state: 'retry'; at: Date; error: string }
  | { state: 'failed' | 'cancelled'; reason: string };

export async function finishDelivery(
  prisma: PrismaClient,
  id: number,
  instance: string,
  outcome: DeliveryOutcome,
): Promise<void> {
  const mine = { id, claimedBy: instance, state: 'sending' as const };
  const release = { claimedBy: null, claimedUntil: null };
  if (outcome.state === 'sent') {
    await prisma.broadcastDelivery.updateMany({
      where: mine,
      data: {
        ...release,
        state: 'sent',
        sentAt: outcome.at,
        externalMessageId: outcome.messageId ?? null,
        lastError: null,
      },
    });
  } else if (outcome.state === 'retry') {
    await prisma.broadcastDelivery.updateMany({
      where: mine,
      data: { ...release, state: 'pending', nextAttemptAt: outcome.at, lastError: outcome.error.slice(0, 500) },
    });
  } else {
    await prisma.broadcastDelivery.updateMany({
      where: mine,
      data: { ...release, state: outcome.state, lastError: outcome.reason.slice(0, 500) },
    });
  }
}

export interface BroadcastProgress {
  id: number;
  status: string;
  audience: string;
  text: string;
  total: number;
  sent: number;
  failed: number;
  cancelled: number;
  remaining: number;
  createdAt: Date;
  finishedAt: Date | null;
  progress: { channel: ChannelName; chatId: string; messageId: string | null } | null;
}

export async function broadcastProgress(prisma: PrismaClient, id: number): Promise<BroadcastProgress | undefined> {
  const broadcast = await prisma.broadcast.findUnique({
    where: { id },
    select: {
      id: true,
      status: true,
      audience: true,
      text: true,
      createdAt: true,
      finishedAt: true,
      progressChannel: true,
      progressChatId: true,
      progressMessageId: true,
    },
  });
  if (!broadcast) return undefined;
  const groups = await prisma.broadcastDelivery.groupBy({
    by: ['state'],
    where: { broadcastId: id },
    _count: { _all: true },
  });
  const count = (state: string) => groups.find((group) => group.state === state)?._count._all ?? 0;
  const total = groups.reduce((sum, group) => sum + group._count._all, 0);
  const { progressChannel, progressChatId, progressMessageId, ...rest } = broadcast;
  return {
    ...rest,
    total,
    sent: count('sent'),
    failed: count('failed'),
    cancelled: count('cancelled'),
    remaining: count('pending') + count('sending'),
    progress:
      progressChannel && progressChatId
        ? { channel: progressChannel as ChannelName, chatId: progressChatId, messageId: progressMessageId }
        : null,
  };
}

/** Marks queued/sending broadcasts with nothing left to send as done; returns their ids. */
export async function finishCompleted(prisma: PrismaClient, ids: number[], now: Date): Promise<number[]> {
  const done: number[] = [];
  for (const id of ids) {
    const left = await prisma.broadcastDelivery.count({
      where: { broadcastId: id, state: { in: ['pending', 'sending'] } },
    });
    if (left > 0) {
      await prisma.broadcast.updateMany({ where: { id, status: 'queued' }, data: { status: 'sending' } });
      continue;
    }
    const finished = await prisma.broadcast.updateMany({
      where: { id, status: { in: ['queued', 'sending'] } },
      data: { status: 'done', finishedAt: now },
    });
    if (finished.count > 0) done.push(id);
  }
  return done;
}

/** Stops a broadcast: what has not gone out yet is cancelled (a delivery being sent right now still completes). */
export async function cancelBroadcast(
  prisma: PrismaClient,
  id: number,
  actor: { officialId?: number; label: string },
  now: Date,
): Promise<'cancelled' | 'finished' | 'missing'> {
  return prisma.$transaction(async (tx) => {
    const broadcast = await tx.broadcast.findUnique({ where: { id }, select: { status: true } });
    if (!broadcast) return 'missing';
    if (broadcast.status === 'done' || broadcast.status === 'cancelled') return 'finished';
    await tx.broadcast.update({
      where: { id },
      data: { status: 'cancelled', cancelledAt: now, finishedAt: now },
      select: { id: true },
    });
    await tx.broadcastDelivery.updateMany({
      where: { broadcastId: id, state: 'pending' },
      data: { state: 'cancelled', lastError: 'broadcast cancelled' },
    });
    await recordAudit(
      tx,
      actor.officialId !== undefined ? { officialId: actor.officialId, label: actor.label } : { label: actor.label },
      'broadcast.cancelled',
      `broadcast:${id}`,
    );
    return 'cancelled';
  });
}

export async function listBroadcasts(prisma: PrismaClient, limit = 20): Promise<BroadcastProgress[]> {
  const rows = await prisma.broadcast.findMany({
    where: { status: { not: 'draft' } },
    select: { id: true },
    orderBy: { id: 'desc' },
    take: limit,
  });
  const list = await Promise.all(rows.map((row) => broadcastProgress(prisma, row.id)));
  return list.filter((item): item is BroadcastProgress => item !== undefined);
}
