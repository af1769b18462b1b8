// Evidence: a file or photo sent right after a status tap is kept with that report (bytes by sha256, one row per message).
import { formatDate } from '../src/ask/reply.js';
import type { IncomingDocument } from '../src/chat/types.js';
import type { LocalDate } from '../src/domain/dates.js';
import type { Translate } from '../src/i18n.js';
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

/** " · văn bản 45-BC/HU ngày 20/09/2012 · Minh chứng: 2 tệp": a report's evidence as admins see it in lists. */
export function evidenceSummary(
  t: Translate,
  evidence: { number: string | null; date: LocalDate | null; files: number },
): string {
  return (
    (evidence.number
      ? ` · ${t('evidence-line', { number: evidence.number, date: evidence.date ? formatDate(evidence.date) : '-' })}`
      : '') + (evidence.files > 0 ? ` · ${t('evidence-files', { count: evidence.files })}` : '')
  );
}
