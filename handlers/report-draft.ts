// Admin: the periodic report draft of a plan (.docx) from /tinhhinh's button, for the period /tinhhinh showed.
import type { DateRange } from '../src/ask/types.js';
import { encodeAction } from '../src/chat/payload.js';
import type { Choice } from '../src/chat/types.js';
import { recordAudit } from '../src/db/audit.js';
import { draftPlansByCode } from '../src/db/report-draft.js';
import { periodFromPayloadKey, periodOfRange, periodPayloadKey, periodWords } from '../src/reporting/report-period.js';
import { DOCX_MIME, draftPeriodicReport } from '../src/services/report-drafts.js';
import type { OfficialContext } from './context.js';

/** At most this many plans get a draft button under one /tinhhinh reply. */
const MAX_DRAFT_BUTTONS = 3;

/** The draft buttons for the plans of a /tinhhinh reply: admins only (a leader reads, an admin reports). */
export async function draftChoices(
  ctx: OfficialContext,
  planCodes: readonly string[],
  range: DateRange,
): Promise<Choice[]> {
  if (ctx.identity.official.role !== 'admin') return [];
  const plans = await draftPlansByCode(ctx.deps.prisma, [...new Set(planCodes)].slice(0, MAX_DRAFT_BUTTONS));
  const period = periodPayloadKey(periodOfRange(range));
  return plans.map((plan) => ({
    label: ctx.t('draft-button', { plan: plan.code }),
    payload: encodeAction({ kind: 'report-draft', planId: plan.id, period }),
  }));
}

/** The button: the role read again for this press, the plan and period looked up, the .docx sent back. */
export async function reportDraftButton(ctx: OfficialContext, planId: number, periodKey: string): Promise<void> {
  const { t, deps } = ctx;
  const { official } = ctx.identity;
  if (official.role !== 'admin') {
    await recordAudit(deps.prisma, { officialId: official.id }, 'denied', 'report-draft', {
      channel: ctx.message.channel,
    });
    ctx.reply({ text: [t('draft-admins-only')] });
    return;
  }
  // Zalo's API sends no documents: the console's overview has the same download.
  if (ctx.message.channel === 'zalo') {
    ctx.reply({ text: [t('draft-zalo', { url: `${deps.webBaseUrl.replace(/\/$/, '')}/admin/` })] });
    return;
  }
  const period = periodFromPayloadKey(periodKey);
  if (!period) {
    ctx.reply({ text: [t('draft-period-invalid')] });
    return;
  }
  const draft = await draftPeriodicReport(deps.prisma, { plan: { id: planId }, period, now: ctx.now, t });
  if (!draft) {
    ctx.reply({ text: [t('draft-plan-missing')] });
    return;
  }
  ctx.reply({
    text: [t('draft-caption', { plan: draft.plan.code, period: periodWords(period, t.language) })],
    file: { name: draft.fileName, mimeType: DOCX_MIME, data: draft.bytes, kind: 'document' },
  });
}
