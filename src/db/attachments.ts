// Evidence files of a report: one row per channel message; the bytes live in the evidence folder, named by sha256.
import type { PrismaClient } from '../generated/prisma/client.js';
import type { ReportChannel } from './reports.js';

export interface NewAttachment {
  reportId: number;
  kind: 'document' | 'photo';
  fileName: string;
  mimeType: string | null;
  sizeBytes: number;
  sha256: string;
  channel: ReportChannel;
  channelMessageId: string;
}

export interface AttachmentView {
  id: number;
  reportId: number;
  kind: string;
  fileName: string;
  mimeType: string | null;
  sizeBytes: number;
  sha256: string;
  createdAt: Date;
}

const viewSelect = {
  id: true,
  reportId: true,
  kind: true,
  fileName: true,
  mimeType: true,
  sizeBytes: true,
  sha256: true,
  createdAt: true,
} as const;

/** Stores the row once per channel message (a redelivered file changes nothing); returns it and whether it is new. */
export async function recordAttachment(
  prisma: PrismaClient,
  input: NewAttachment,
): Promise<{ attachment: AttachmentView; duplicate: boolean }> {
  const existing = await prisma.reportAttachment.findUnique({
    where: { channel_channelMessageId: { channel: input.channel, channelMessageId: input.channelMessageId } },
    select: viewSelect,
  });
  if (existing) return { attachment: existing, duplicate: true };
  const rows = await prisma.reportAttachment.createManyAndReturn({
    data: [input],
    skipDuplicates: true,
    select: viewSelect,
  });
  const [created] = rows;
  if (created) return { attachment: created, duplicate: false };
  const winner = await prisma.reportAttachment.findUniqueOrThrow({
    where: { channel_channelMessageId: { channel: input.channel, channelMessageId: input.channelMessageId } },
    select: viewSelect,
  });
  return { attachment: winner, duplicate: true };
}

/** The evidence files of some reports, by report. */
export async function attachmentsOf(
  prisma: PrismaClient,
  reportIds: readonly number[],
): Promise<Map<number, AttachmentView[]>> {
  const result = new Map<number, AttachmentView[]>();
  if (reportIds.length === 0) return result;
  const rows = await prisma.reportAttachment.findMany({
    where: { reportId: { in: [...reportIds].slice(0, 10_000) } },
    orderBy: { id: 'asc' },
    select: viewSelect,
  });
  for (const row of rows) result.set(row.reportId, [...(result.get(row.reportId) ?? []), row]);
  return result;
}
