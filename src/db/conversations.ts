// Per-chat state and the record of handled updates: in the database, so any instance can take the next update.

import type { Language } from '../domain/language.js';
import { Prisma, type PrismaClient } from '../generated/prisma/client.js';
import type { ChannelName, Identity, Role } from './officials.js';

/**
 * Claims an update for handling; false when it was already claimed (a redelivery). The INSERT … ON
 * CONFLICT DO NOTHING is atomic, so two instances given the same update cannot both handle it.
 */
export async function claimUpdate(prisma: PrismaClient, channel: ChannelName, key: string): Promise<boolean> {
  const inserted = await prisma.$executeRaw`
    INSERT INTO "ProcessedUpdate" ("channel", "key") VALUES (${channel}::"Channel", ${key}) ON CONFLICT DO NOTHING`;
  return inserted === 1;
}

/** Gives an update back after its handling failed, so the platform's redelivery is handled. */
export async function releaseUpdate(prisma: PrismaClient, channel: ChannelName, key: string): Promise<void> {
  await prisma.processedUpdate.deleteMany({ where: { channel, key } });
}

/** Platforms redeliver within hours, not weeks: older records only take space. */
export async function pruneProcessedUpdates(prisma: PrismaClient, before: Date): Promise<number> {
  return (await prisma.processedUpdate.deleteMany({ where: { receivedAt: { lt: before } } })).count;
}

export type Pending =
  | { kind: 'note'; reportId: number; occurrenceId: number; until: string }
  /** An admin started /thongbao: the next message is the notice's text. */
  | { kind: 'broadcast-text'; audience: string; until: string }
  /** An admin tapped Return on a completion: the next message is the reason. */
  | { kind: 'review-reason'; reportId: number; until: string }
  /** An official tapped "Xin gia hạn" on a duty card: the next message is the date and the reason. */
  | { kind: 'extension-request'; occurrenceId: number; until: string };

export interface ConversationState {
  choices: string[];
  pending: Pending | undefined;
}

export async function getConversation(
  prisma: PrismaClient,
  channel: ChannelName,
  chatId: string,
): Promise<ConversationState> {
  const row = await prisma.conversation.findUnique({
    where: { channel_chatId: { channel, chatId } },
    select: { choices: true, pending: true },
  });
  return toState(row?.choices, row?.pending);
}

function toState(choices: unknown, pending: unknown): ConversationState {
  return {
    choices: Array.isArray(choices) ? choices.filter((choice): choice is string => typeof choice === 'string') : [],
    pending: isPending(pending) ? pending : undefined,
  };
}

/** Stores what changed: `choices` replaces the open list (an empty list closes it), `pending` the awaited answer. */
export async function updateConversation(
  prisma: PrismaClient,
  channel: ChannelName,
  chatId: string,
  change: { choices?: string[]; pending?: Pending | null },
): Promise<void> {
  const data: {
    choices?: Prisma.InputJsonValue | typeof Prisma.DbNull;
    pending?: Prisma.InputJsonValue | typeof Prisma.DbNull;
  } = {};
  if (change.choices) data.choices = change.choices.length > 0 ? change.choices : Prisma.DbNull;
  if (change.pending !== undefined) data.pending = change.pending ?? Prisma.DbNull;
  if (Object.keys(data).length === 0) return;
  await prisma.conversation.upsert({
    where: { channel_chatId: { channel, chatId } },
    create: { channel, chatId, ...data },
    update: data,
    select: { chatId: true },
  });
}

function isPending(value: unknown): value is Pending {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  if (typeof record.until !== 'string') return false;
  if (record.kind === 'note') return Number.isInteger(record.reportId) && Number.isInteger(record.occurrenceId);
  if (record.kind === 'review-reason') return Number.isInteger(record.reportId);
  if (record.kind === 'extension-request') return Number.isInteger(record.occurrenceId);
  return record.kind === 'broadcast-text' && typeof record.audience === 'string';
}

export interface UpdateStart {
  /** False when the update was handled before (a redelivery): nothing else is to be done. */
  claimed: boolean;
  identity: Identity | undefined;
  state: ConversationState;
}

interface UpdateStartRow {
  claimed: boolean;
  accountId: number | null;
  accountActive: boolean | null;
  officialId: number | null;
  name: string | null;
  role: Role | null;
  locale: Language | null;
  status: 'active' | 'blocked' | null;
  remindersOff: boolean | null;
  snoozedUntil: Date | null;
  unitId: number | null;
  unitCode: string | null;
  unitName: string | null;
  unitShortName: string | null;
  unitLevel: string | null;
  choices: unknown;
  pending: unknown;
}

/**
 * Everything a message needs before it is handled, in one statement: the update claimed (see claimUpdate),
 * the sender's last message time set (the web console shows it), the sender's identity and role read fresh,
 * and the chat's conversation state.
 */
export async function beginUpdate(
  prisma: PrismaClient,
  message: { channel: ChannelName; updateKey: string; senderId: string; chatId: string },
): Promise<UpdateStart> {
  const [row] = await prisma.$queryRaw<UpdateStartRow[]>`
    WITH claim AS (
      INSERT INTO "ProcessedUpdate" ("channel", "key") VALUES (${message.channel}::"Channel", ${message.updateKey})
      ON CONFLICT DO NOTHING RETURNING 1
    ), seen AS (
      UPDATE "ChannelAccount" SET "lastMessageAt" = now()
      WHERE "channel" = ${message.channel}::"Channel" AND "externalId" = ${message.senderId} AND EXISTS (SELECT 1 FROM claim)
      RETURNING 1
    )
    SELECT EXISTS (SELECT 1 FROM claim) AS "claimed", (SELECT count(*) FROM seen) AS "seen",
           a."id" AS "accountId", a."active" AS "accountActive",
           o."id" AS "officialId", o."name", o."role"::text AS "role", o."locale"::text AS "locale",
           o."status"::text AS "status", o."remindersOff", o."snoozedUntil",
           u."id" AS "unitId", u."code" AS "unitCode", u."name" AS "unitName", u."shortName" AS "unitShortName",
           u."level" AS "unitLevel",
           c."choices", c."pending"
    FROM (SELECT 1) AS one
    LEFT JOIN "ChannelAccount" a ON a."channel" = ${message.channel}::"Channel" AND a."externalId" = ${message.senderId}
    LEFT JOIN "Official" o ON o."id" = a."officialId"
    LEFT JOIN "Unit" u ON u."id" = o."unitId"
    LEFT JOIN "Conversation" c ON c."channel" = ${message.channel}::"Channel" AND c."chatId" = ${message.chatId}`;
  if (!row) throw new Error('beginUpdate returned no row');
  const identity: Identity | undefined =
    row.accountId !== null && row.officialId !== null && row.unitId !== null
      ? {
          accountId: row.accountId,
          accountActive: row.accountActive ?? false,
          official: {
            id: row.officialId,
            name: row.name ?? '',
            role: row.role ?? 'official',
            locale: row.locale ?? 'vi',
            status: row.status ?? 'active',
            remindersOff: row.remindersOff ?? false,
            snoozedUntil: row.snoozedUntil,
            unit: {
              id: row.unitId,
              code: row.unitCode ?? '',
              name: row.unitName ?? '',
              shortName: row.unitShortName,
              level: row.unitLevel ?? '',
            },
          },
        }
      : undefined;
  return { claimed: row.claimed, identity, state: toState(row.choices, row.pending) };
}

/** A reply that could not be sent within the send gate's bound: kept with why, for admins (`dondoc undelivered`). */
export async function recordUndeliveredReply(
  prisma: PrismaClient,
  entry: { channel: ChannelName; chatId: string; updateKey: string | undefined; reason: string },
): Promise<void> {
  await prisma.undeliveredReply.create({
    data: {
      channel: entry.channel,
      chatId: entry.chatId,
      updateKey: entry.updateKey ?? null,
      reason: entry.reason.slice(0, 500),
    },
    select: { id: true },
  });
}

export interface UndeliveredReplyRow {
  id: number;
  channel: ChannelName;
  chatId: string;
  updateKey: string | null;
  reason: string;
  at: Date;
}

export async function listUndeliveredReplies(prisma: PrismaClient, limit = 50): Promise<UndeliveredReplyRow[]> {
  const rows = await prisma.undeliveredReply.findMany({ orderBy: { id: 'desc' }, take: limit });
  return rows.map((row) => ({ ...row, channel: row.channel as ChannelName }));
}
