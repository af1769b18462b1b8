// The broadcast aggregate: a notice, one delivery row per recipient account, claimed before sending so each goes once.

import { type Audience, formatAudience } from '../domain/audience.js';
import type { Language } from '../domain/language.js';
import { resolveLevel } from '../domain/levels.js';
import type { Prisma, PrismaClient } from '../generated/prisma/client.js';
import { type Actor, auditActor, recordAudit } from './audit.js';
import { insertNoticePosts, noticeGroups } from './groups.js';
import { releaseClaims, renewClaims } from './ledger.js';
import { listLevels } from './levels.js';
import type { ChannelName } from './officials.js';

/** An audience that names no unit, level or duty the database knows. */
export class AudienceError extends Error {
  override name = 'AudienceError';
}

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
  const units = await audienceUnits(prisma, audience);
  if (units === null) return [];
  const accounts = await prisma.channelAccount.findMany({
    where: {
      active: true,
      channel: { in: ['telegram', 'zalo'] },
      official: { status: 'active', ...(units ? { unit: units } : {}) },
    },
    select: { id: true, channel: true, officialId: true },
    orderBy: { id: 'asc' },
  });
  return accounts.map((account) => ({ ...account, channel: account.channel as ChannelName }));
}

/**
 * The units an audience names, as a filter: one unit, every unit of a level, the units responsible for a duty
 * (lead or coordinating); undefined: every unit; null: none. Officials and work groups are both found through it.
 */
async function audienceUnits(
  prisma: PrismaClient,
  audience: Audience,
): Promise<Prisma.UnitWhereInput | undefined | null> {
  if (audience.kind === 'unit') {
    const unit = await prisma.unit.findFirst({
      where: { code: { equals: audience.code, mode: 'insensitive' } },
      select: { id: true },
    });
    if (!unit) throw new AudienceError(`No unit "${audience.code}"`);
    return { id: unit.id };
  }
  if (audience.kind === 'level') {
    const levels = await listLevels(prisma);
    const level = resolveLevel(levels, audience.level);
    if (!level)
      throw new AudienceError(
        `No level "${audience.level}": use ${levels.map((known) => `level:${known.key}`).join(', ')}`,
      );
    return { level: level.key };
  }
  if (audience.kind === 'duty') {
    const duties = await prisma.duty.findMany({
      where: { key: audience.key, retiredAt: null, ...(audience.plan ? { plan: { code: audience.plan } } : {}) },
      select: { id: true, units: { select: { unitId: true } }, levels: { select: { level: true } } },
    });
    const [duty, ...others] = duties;
    if (!duty) throw new AudienceError(`No duty "${audience.key}"${audience.plan ? ` in plan ${audience.plan}` : ''}`);
    if (others.length > 0)
      throw new AudienceError(`Several plans have a duty "${audience.key}": write duty:PLAN/${audience.key}`);
    const or: Prisma.UnitWhereInput[] = [];
    if (duty.units.length) or.push({ id: { in: duty.units.map((u) => u.unitId) } });
    if (duty.levels.length) or.push({ level: { in: duty.levels.map((l) => l.level) } });
    return or.length === 0 ? null : { OR: or };
  }
  return undefined;
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
    actor: Actor;
    progress?: { channel: ChannelName; chatId: string; messageId?: string };
  },
  now: Date,
): Promise<{ id: number; count: AudienceCount; queued: boolean }> {
  const accounts = await audienceAccounts(prisma, input.audience);
  const count = countAccounts(accounts);
  // The audience's units' work groups that take notices (group delivery on), found like the accounts: before.
  const units = await audienceUnits(prisma, input.audience);
  const groups = units === null ? [] : await noticeGroups(prisma, units ?? {});
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
    const groupPosts = await insertNoticePosts(tx, id, groups, now);
    await recordAudit(tx, auditActor(input.actor), 'broadcast.queued', `broadcast:${id}`, {
      audience: formatAudience(input.audience),
      ...count,
      ...(groupPosts > 0 ? { groups: groupPosts } : {}),
    } as unknown as Prisma.InputJsonValue);
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

/** The heartbeat of a live instance: its deliveries still being sent are held until `until` (one statement). */
export async function renewDeliveryClaims(prisma: PrismaClient, instance: string, until: Date): Promise<number> {
  return renewClaims(prisma, 'BroadcastDelivery', instance, until);
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
  actor: Actor,
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
    await recordAudit(tx, auditActor(actor), 'broadcast.cancelled', `broadcast:${id}`);
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

/** The text of a broadcast and whether it is still to be sent (a cancelled one is not). */
export async function broadcastText(
  prisma: PrismaClient,
  id: number,
): Promise<{ text: string; status: string } | undefined> {
  const broadcast = await prisma.broadcast.findUnique({ where: { id }, select: { text: true, status: true } });
  return broadcast ?? undefined;
}

/** The account a delivery goes to, as it is now: a blocked official or account gets nothing more. */
export async function deliveryAccount(
  prisma: PrismaClient,
  accountId: number,
): Promise<{ channel: ChannelName; chatId: string; reachable: boolean; locale: Language } | undefined> {
  const account = await prisma.channelAccount.findUnique({
    where: { id: accountId },
    select: { channel: true, chatId: true, active: true, official: { select: { status: true, locale: true } } },
  });
  if (!account) return undefined;
  return {
    channel: account.channel as ChannelName,
    chatId: account.chatId,
    reachable: account.active && account.official.status === 'active',
    locale: account.official.locale,
  };
}

/** The language of whoever holds a chat (the admin following a broadcast's progress there). */
export async function chatLocale(prisma: PrismaClient, channel: ChannelName, chatId: string): Promise<Language> {
  const account = await prisma.channelAccount.findFirst({
    where: { channel, chatId },
    select: { official: { select: { locale: true } } },
  });
  return account?.official.locale ?? 'vi';
}

export interface NoticeDraft {
  id: number;
  status: string;
  text: string;
  audience: string;
  createdById: number | null;
}

export async function findDraft(prisma: PrismaClient, id: number): Promise<NoticeDraft | undefined> {
  const draft = await prisma.broadcast.findUnique({
    where: { id },
    select: { id: true, status: true, text: true, audience: true, createdById: true },
  });
  return draft ?? undefined;
}

/** Drops a draft nobody sent; audited like a cancel. False when it was no longer a draft. */
export async function discardDraft(prisma: PrismaClient, id: number, actor: Actor, now: Date): Promise<boolean> {
  return prisma.$transaction(async (tx) => {
    const discarded = await tx.broadcast.updateMany({
      where: { id, status: 'draft' },
      data: { status: 'cancelled', cancelledAt: now },
    });
    if (discarded.count === 0) return false;
    await recordAudit(tx, auditActor(actor), 'broadcast.discarded', `broadcast:${id}`);
    return true;
  });
}

/** Deliveries by state, over every broadcast (for metrics). */
export async function deliveryCounts(prisma: PrismaClient): Promise<Record<string, number>> {
  const rows = await prisma.broadcastDelivery.groupBy({ by: ['state'], _count: { _all: true } });
  return Object.fromEntries(rows.map((row) => [row.state, row._count._all]));
}

/** Gives back deliveries this instance claimed but did not start (it is shutting down), for another to send now. */
export async function releaseDeliveryClaims(
  prisma: PrismaClient,
  instance: string,
  ids: readonly number[],
): Promise<number> {
  return releaseClaims(prisma, 'BroadcastDelivery', instance, ids);
}
