// Units' work groups: which chat group is linked to which unit, and the ledger of posts to them (reminders, notices).
import { Prisma, type PrismaClient } from '../generated/prisma/client.js';
import { type Actor, auditActor, recordAudit } from './audit.js';
import { claimDueRows, releaseClaims, renewClaims } from './ledger.js';
import type { ChannelName } from './officials.js';

type Tx = Prisma.TransactionClient | PrismaClient;

export interface GroupUnit {
  id: number;
  code: string;
  name: string;
  shortName: string | null;
  level: string;
  groupDelivery: boolean;
}

export interface LinkedGroup {
  id: number;
  channel: ChannelName;
  chatId: string;
  title: string | null;
  active: boolean;
  inactiveReason: string | null;
  unit: GroupUnit;
}

const GROUP_SELECT = {
  id: true,
  channel: true,
  chatId: true,
  title: true,
  active: true,
  inactiveReason: true,
  unit: { select: { id: true, code: true, name: true, shortName: true, level: true, groupDelivery: true } },
} satisfies Prisma.GroupChatSelect;

function toGroup(row: Prisma.GroupChatGetPayload<{ select: typeof GROUP_SELECT }>): LinkedGroup {
  return { ...row, channel: row.channel as ChannelName };
}

/** The group a chat is, with its unit and that unit's delivery setting, as they are now. */
export async function groupOfChat(
  prisma: PrismaClient,
  channel: ChannelName,
  chatId: string,
): Promise<LinkedGroup | undefined> {
  const row = await prisma.groupChat.findUnique({
    where: { channel_chatId: { channel, chatId } },
    select: GROUP_SELECT,
  });
  return row ? toGroup(row) : undefined;
}

/**
 * Links a group to a unit (a group answers for one unit: linking again moves it), active again if the bot had been
 * removed and added back; audited in the same transaction. Returns the unit it was linked to before, if another.
 */
export async function linkGroup(
  prisma: PrismaClient,
  input: { channel: ChannelName; chatId: string; title?: string; unitId: number; officialId: number },
  actor: Actor,
): Promise<{ previousUnitId: number | undefined }> {
  return prisma.$transaction(async (tx) => {
    const before = await tx.groupChat.findUnique({
      where: { channel_chatId: { channel: input.channel, chatId: input.chatId } },
      select: { unitId: true },
    });
    const data = {
      unitId: input.unitId,
      linkedById: input.officialId,
      title: input.title ?? null,
      linkedAt: new Date(),
      active: true,
      inactiveReason: null,
      inactiveAt: null,
    };
    await tx.groupChat.upsert({
      where: { channel_chatId: { channel: input.channel, chatId: input.chatId } },
      create: { channel: input.channel, chatId: input.chatId, ...data },
      update: data,
      select: { id: true },
    });
    await recordAudit(tx, auditActor(actor), 'group.linked', `group:${input.channel}:${input.chatId}`, {
      unitId: input.unitId,
      ...(before && before.unitId !== input.unitId ? { previousUnitId: before.unitId } : {}),
    });
    return { previousUnitId: before && before.unitId !== input.unitId ? before.unitId : undefined };
  });
}

/** Unlinks a group (its posts go with it); audited. False when the chat was not linked. */
export async function unlinkGroup(
  prisma: PrismaClient,
  channel: ChannelName,
  chatId: string,
  actor: Actor,
): Promise<boolean> {
  return prisma.$transaction(async (tx) => {
    const removed = await tx.groupChat.deleteMany({ where: { channel, chatId } });
    if (removed.count === 0) return false;
    await recordAudit(tx, auditActor(actor), 'group.unlinked', `group:${channel}:${chatId}`);
    return true;
  });
}

/** A unit's switch: its reminders and notices also go to its linked groups. Audited. */
export async function setGroupDelivery(prisma: PrismaClient, unitId: number, on: boolean, actor: Actor): Promise<void> {
  await prisma.$transaction(async (tx) => {
    await tx.unit.update({ where: { id: unitId }, data: { groupDelivery: on }, select: { id: true } });
    await recordAudit(tx, auditActor(actor), on ? 'group-delivery.on' : 'group-delivery.off', `unit:${unitId}`);
  });
}

/**
 * The bot is no longer in the group (removed, or the platform refuses it): nothing more is sent there, and its
 * pending posts are cancelled in the same transaction, so a removed bot meets no storm of failing sends. True when
 * an active group was changed.
 */
export async function deactivateGroup(
  prisma: PrismaClient,
  channel: ChannelName,
  chatId: string,
  reason: string,
  now: Date,
): Promise<boolean> {
  return prisma.$transaction(async (tx) => {
    const group = await tx.groupChat.findUnique({
      where: { channel_chatId: { channel, chatId } },
      select: { id: true, active: true },
    });
    if (!group?.active) return false;
    await tx.groupChat.update({
      where: { id: group.id },
      data: { active: false, inactiveReason: reason.slice(0, 300), inactiveAt: now },
      select: { id: true },
    });
    await tx.groupPost.updateMany({
      where: { groupId: group.id, state: 'pending' },
      data: { state: 'cancelled', lastError: 'group inactive' },
    });
    return true;
  });
}

/** A group got a new id (Telegram: upgraded to a supergroup): its link and posts follow it. */
export async function migrateGroup(
  prisma: PrismaClient,
  channel: ChannelName,
  from: string,
  to: string,
): Promise<void> {
  await prisma.$transaction(async (tx) => {
    // Both events of an upgrade (the old group's notice, a send refused with the new id) may arrive: once is enough.
    const taken = await tx.groupChat.findUnique({
      where: { channel_chatId: { channel, chatId: to } },
      select: { id: true },
    });
    if (taken) return;
    await tx.groupChat.updateMany({ where: { channel, chatId: from }, data: { chatId: to } });
  });
}

/** Linked groups (of one unit, or all), for admins: in private chat and the CLI. */
export async function listGroups(prisma: PrismaClient, options: { unitId?: number } = {}): Promise<LinkedGroup[]> {
  const rows = await prisma.groupChat.findMany({
    where: options.unitId !== undefined ? { unitId: options.unitId } : {},
    select: GROUP_SELECT,
    orderBy: [{ unitId: 'asc' }, { id: 'asc' }],
  });
  return rows.map(toGroup);
}

// ---------------------------------------------------------------- the post ledger

/**
 * Inside a reminder run's transaction: one post per active group of each lead unit of the window with group
 * delivery on (of `unitIds` only, for an overdue run), units that reported the window done left out. Key
 * `reminder:<occurrenceId>:<kind>`, unique per group, so a run written again adds nothing.
 */
export async function insertReminderPosts(
  tx: Tx,
  input: { occurrenceId: number; kind: string; dueAt: Date; expiresAt: Date; unitIds?: readonly number[] },
): Promise<number> {
  const key = `reminder:${input.occurrenceId}:${input.kind}`;
  const ofUnits =
    input.unitIds !== undefined ? Prisma.sql`AND u."id" = ANY(${[...input.unitIds]}::int[])` : Prisma.empty;
  return tx.$executeRaw`
    INSERT INTO "GroupPost" ("groupId", "key", "occurrenceId", "reminderKind", "dueAt", "expiresAt")
    SELECT g."id", ${key}, o."id", ${input.kind}, ${input.dueAt}, ${input.expiresAt}
    FROM "Occurrence" o
    JOIN "Unit" u ON u."groupDelivery"
    JOIN "GroupChat" g ON g."unitId" = u."id" AND g."active"
    WHERE o."id" = ${input.occurrenceId} ${ofUnits}
      AND (EXISTS (SELECT 1 FROM "DutyUnit" du WHERE du."dutyId" = o."dutyId" AND du."unitId" = u."id" AND du."role" = 'lead')
        OR EXISTS (SELECT 1 FROM "DutyLevel" dl WHERE dl."dutyId" = o."dutyId" AND dl."level" = u."level" AND dl."role" = 'lead'))
      AND NOT EXISTS (SELECT 1 FROM "OccurrenceStatus" s WHERE s."occurrenceId" = o."id" AND s."unitId" = u."id" AND s."status" = 'done')
    ON CONFLICT DO NOTHING`;
}

/** The active groups, with group delivery on, of the units a notice goes to (`unitFilter`: which units). */
export async function noticeGroups(prisma: PrismaClient, unitFilter: Prisma.UnitWhereInput): Promise<number[]> {
  const rows = await prisma.groupChat.findMany({
    where: { active: true, unit: { ...unitFilter, groupDelivery: true } },
    select: { id: true },
    orderBy: { id: 'asc' },
  });
  return rows.map((row) => row.id);
}

/** Inside a notice's queueing transaction: one post per group, key `notice:<broadcastId>`. */
export async function insertNoticePosts(
  tx: Tx,
  broadcastId: number,
  groupIds: readonly number[],
  now: Date,
): Promise<number> {
  if (groupIds.length === 0) return 0;
  const created = await tx.groupPost.createMany({
    data: groupIds.map((groupId) => ({ groupId, key: `notice:${broadcastId}`, broadcastId, dueAt: now })),
    skipDuplicates: true,
  });
  return created.count;
}

export interface ClaimedPost {
  id: number;
  groupId: number;
  key: string;
  occurrenceId: number | null;
  reminderKind: string | null;
  broadcastId: number | null;
  attempts: number;
  expiresAt: Date | null;
}

/** Claims due posts (and ones whose claimer's lease ran out), skipping rows other instances hold. */
export async function claimDuePosts(
  prisma: PrismaClient,
  options: { instance: string; now: Date; limit: number; leaseMs: number },
): Promise<ClaimedPost[]> {
  return claimDueRows<ClaimedPost>(
    prisma,
    'GroupPost',
    ['id', 'groupId', 'key', 'occurrenceId', 'reminderKind', 'broadcastId', 'attempts', 'expiresAt'],
    options,
  );
}

/** The heartbeat of a live instance: its posts still being sent are held until `until` (one statement). */
export async function renewPostClaims(prisma: PrismaClient, instance: string, until: Date): Promise<number> {
  return renewClaims(prisma, 'GroupPost', instance, until);
}

export type PostOutcome =
  | { state: 'sent'; at: Date }
  | { state: 'retry'; at: Date; error: string }
  | { state: 'failed' | 'cancelled'; reason: string };

/** Finishes a claimed post; only the instance holding the claim may. */
export async function finishPost(
  prisma: PrismaClient,
  id: number,
  instance: string,
  outcome: PostOutcome,
): Promise<void> {
  const mine = { id, claimedBy: instance, state: 'sending' as const };
  const release = { claimedBy: null, claimedUntil: null };
  const data =
    outcome.state === 'sent'
      ? { ...release, state: 'sent' as const, sentAt: outcome.at, lastError: null }
      : outcome.state === 'retry'
        ? { ...release, state: 'pending' as const, nextAttemptAt: outcome.at, lastError: outcome.error.slice(0, 500) }
        : { ...release, state: outcome.state, lastError: outcome.reason.slice(0, 500) };
  await prisma.groupPost.updateMany({ where: mine, data });
}

/** Gives back posts this instance claimed but did not start (shutting down), the attempt taken back. */
export async function releasePostClaims(
  prisma: PrismaClient,
  instance: string,
  ids: readonly number[],
): Promise<number> {
  return releaseClaims(prisma, 'GroupPost', instance, ids);
}

/** Where a claimed post goes, as it is now: the group's chat, whether it is still active, its unit's setting. */
export async function postGroup(prisma: PrismaClient, groupId: number): Promise<LinkedGroup | undefined> {
  const row = await prisma.groupChat.findUnique({ where: { id: groupId }, select: GROUP_SELECT });
  return row ? toGroup(row) : undefined;
}

/** Posts by state (tests, metrics). */
export async function postCounts(prisma: PrismaClient): Promise<Record<string, number>> {
  const rows = await prisma.groupPost.groupBy({ by: ['state'], _count: { _all: true } });
  return Object.fromEntries(rows.map((row) => [row.state, row._count._all]));
}

/** Whether a unit has reported a window done (a group's reminder about it is then not sent). */
export async function unitReportedDone(prisma: PrismaClient, occurrenceId: number, unitId: number): Promise<boolean> {
  const row = await prisma.occurrenceStatus.findFirst({
    where: { occurrenceId, unitId, status: 'done' },
    select: { unitId: true },
  });
  return row !== null;
}
