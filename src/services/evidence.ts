// Evidence files: the bytes a unit sends after a report, kept in the evidence folder under their sha256, and a row.
import { createHash } from 'node:crypto';
import { mkdir, rename, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { type AttachmentView, recordAttachment } from '../db/attachments.js';
import type { PrismaClient } from '../db/database.js';
import type { ReportChannel } from '../db/reports.js';

export interface EvidenceStore {
  dir: string;
  maxBytes: number;
}

export type EvidenceOutcome =
  | { kind: 'saved'; attachment: AttachmentView; duplicate: boolean }
  | { kind: 'too-large'; maxBytes: number };

/** Downloads (only when the announced size fits), checks the size again, writes the file once and records the row. */
export async function saveEvidence(
  prisma: PrismaClient,
  store: EvidenceStore,
  input: {
    reportId: number;
    kind: 'document' | 'photo';
    fileName: string;
    mimeType: string | null;
    announcedSize: number;
    download: (maxBytes: number) => Promise<Uint8Array>;
    channel: ReportChannel;
    channelMessageId: string;
  },
): Promise<EvidenceOutcome> {
  if (input.announcedSize > store.maxBytes) return { kind: 'too-large', maxBytes: store.maxBytes };
  const bytes = await input.download(store.maxBytes + 1);
  if (bytes.byteLength > store.maxBytes) return { kind: 'too-large', maxBytes: store.maxBytes };
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  await mkdir(store.dir, { recursive: true, mode: 0o700 });
  const target = path.join(store.dir, sha256);
  const exists = await stat(target).then(
    () => true,
    () => false,
  );
  if (!exists) {
    // Written beside and renamed, so a crash never leaves a partial file under the hash's name.
    const partial = `${target}.${process.pid}.${Date.now()}.part`;
    await writeFile(partial, bytes, { mode: 0o600 });
    await rename(partial, target);
  }
  const { attachment, duplicate } = await recordAttachment(prisma, {
    reportId: input.reportId,
    kind: input.kind,
    fileName: input.fileName.slice(0, 200),
    mimeType: input.mimeType,
    sizeBytes: bytes.byteLength,
    sha256,
    channel: input.channel,
    channelMessageId: input.channelMessageId,
  });
  return { kind: 'saved', attachment, duplicate };
}
