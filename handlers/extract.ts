// Admin: a plan document sent in chat (.txt, .docx, .pdf, a scan) comes back as a draft plan file with a summary;
// importing stays explicit (the CLI or the web console).
import { bold, code } from '../src/chat/rich.js';
import type { IncomingDocument } from '../src/chat/types.js';
import { DEFAULT_LIMITS, DocumentError, documentErrorMessage } from '../src/extract/document.js';
import { draftPlan } from '../src/services/extraction.js';
import type { OfficialContext } from './context.js';

/** What dondoc reads at all; Telegram lets bots download files up to 20 MB. */
export const MAX_DOCUMENT_BYTES = DEFAULT_LIMITS.maxBytes;

export async function extractDocument(ctx: OfficialContext, document: IncomingDocument): Promise<void> {
  const { t, deps } = ctx;
  if (document.size > MAX_DOCUMENT_BYTES) {
    ctx.reply({ text: [t('extract-too-large', { max: MAX_DOCUMENT_BYTES / 1024 / 1024 })] });
    return;
  }
  let draft: Awaited<ReturnType<typeof draftPlan>>;
  try {
    draft = await draftPlan(deps.prisma, {
      bytes: await document.download(),
      name: document.name,
      today: ctx.today,
      ...(deps.ocr ? { ocr: deps.ocr } : {}),
    });
  } catch (error) {
    if (error instanceof DocumentError) {
      // The user's own language, whatever the reader's English message says.
      const { id, args } = documentErrorMessage(error);
      ctx.reply({ text: [t(id, args)] });
      return;
    }
    throw error;
  }
  const { result, yaml } = draft;
  const s = result.summary;
  const base = document.name.replace(/\.[^.]+$/, '');
  ctx.reply({
    text: [
      bold(t('extract-title', { code: result.plan.code })),
      '\n',
      t('extract-summary', {
        duties: s.duties,
        windows: s.windows,
        dated: s.datedWindows,
        recurring: s.recurring,
        uncertain: s.uncertain,
        newUnits: s.newUnits.length,
      }),
      '\n\n',
      t('extract-next'),
      '\n',
      code(`dondoc plan import ${base}.yaml --dry-run`),
    ],
    file: {
      name: `${base}.yaml`,
      mimeType: 'application/yaml',
      data: new TextEncoder().encode(yaml),
      kind: 'document',
    },
  });
}
