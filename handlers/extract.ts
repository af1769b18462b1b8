// Admin: a plan document sent in chat (.txt or .docx) comes back as a draft plan file with a summary; importing stays explicit.

import { bold, code } from '../src/chat/rich.js';
import type { IncomingDocument } from '../src/chat/types.js';
import { loadUnitEntries } from '../src/db/units.js';
import { DocumentError, documentText } from '../src/extract/document.js';
import { draftYaml } from '../src/extract/draft.js';
import { extractPlan } from '../src/extract/extract.js';
import type { OfficialContext } from './context.js';

/** Plans are tens of kilobytes; Telegram bots may download up to 20 MB. */
export const MAX_DOCUMENT_BYTES = 2 * 1024 * 1024;

export async function extractDocument(ctx: OfficialContext, document: IncomingDocument): Promise<void> {
  const { t, deps } = ctx;
  if (!/\.(txt|docx)$/i.test(document.name)) {
    ctx.reply({ text: [t('extract-format', { name: document.name })] });
    return;
  }
  if (document.size > MAX_DOCUMENT_BYTES) {
    ctx.reply({ text: [t('extract-too-large', { max: MAX_DOCUMENT_BYTES / 1024 / 1024 })] });
    return;
  }
  let text: string;
  try {
    const bytes = await document.download();
    if (bytes.length > MAX_DOCUMENT_BYTES)
      throw new DocumentError(t('extract-too-large', { max: MAX_DOCUMENT_BYTES / 1024 / 1024 }));
    text = documentText(Buffer.from(bytes), document.name);
  } catch (error) {
    if (error instanceof DocumentError) {
      ctx.reply({ text: [error.message] });
      return;
    }
    throw error;
  }
  const known = await loadUnitEntries(deps.prisma);
  const result = extractPlan(text, { knownUnits: known, sourceFile: document.name, fallbackDate: ctx.today });
  const yaml = draftYaml(result, document.name);
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
