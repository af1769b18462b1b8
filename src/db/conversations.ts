// Per-chat state and the record of handled updates: in the database, so any instance can take the next update.
import { Prisma, type PrismaClient } from '../generated/prisma/client.js';
import type { ChannelName } from './officials.js';

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
  | { kind: 'broadcast-text'; audience: string; until: string };

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
  return {
    choices: Array.isArray(row?.choices)
      ? row.choices.filter((choice): choice is string => typeof choice === 'string')
      : [],
    pending: isPending(row?.pending) ? row.pending : undefined,
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
  return record.kind === 'broadcast-text' && typeof record.audience === 'string';
}
