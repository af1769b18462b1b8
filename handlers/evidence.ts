// Evidence: a file or photo sent right after a status tap is kept with that report (bytes by sha256, one row per message).
import type { IncomingDocument } from '../src/chat/types.js';
import { saveEvidence } from '../src/services/evidence.js';
import type { OfficialContext } from './context.js';

export async function receiveEvidence(ctx: OfficialContext, reportId: number, file: IncomingDocument): Promise<void> {
  const store = ctx.deps.evidence;
  if (!store) {
    ctx.reply({ text: [ctx.t('unsupported-message')] });
    return;
  }
  const outcome = await saveEvidence(ctx.deps.prisma, store, {
    reportId,
    kind: file.kind ?? 'document',
    fileName: file.name,
    mimeType: file.mimeType ?? null,
    announcedSize: file.size,
    download: (maxBytes) => file.download(maxBytes),
    channel: ctx.message.channel,
    channelMessageId: ctx.message.updateKey,
  });
  if (outcome.kind === 'too-large') {
    ctx.reply({ text: [ctx.t('evidence-too-large', { max: Math.round(outcome.maxBytes / (1024 * 1024)) })] });
    return;
  }
  ctx.reply({ text: [ctx.t('evidence-saved', { name: outcome.attachment.fileName })] });
}
