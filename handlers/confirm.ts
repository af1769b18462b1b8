// Confirmation by the assigning body: /xacnhan lists pending completions and extension requests; Confirm / Return / Approve / Refuse.
import { formatWindow, MAX_LINES } from '../src/ask/reply.js';
import { encodeAction } from '../src/chat/payload.js';
import { bold } from '../src/chat/rich.js';
import type { Choice } from '../src/chat/types.js';
import { attachmentsOf } from '../src/db/attachments.js';
import { recordAudit } from '../src/db/audit.js';
import { pendingExtensions } from '../src/db/extensions.js';
import { MAX_REVIEW_REASON_LENGTH, pendingReviews, reviewTarget } from '../src/db/reviews.js';
import {
  actsForAssigningBody,
  decideExtensionRequest,
  reviewCompletion,
  reviewScope,
} from '../src/services/follow-up.js';
import type { OfficialContext } from './context.js';
import { evidenceSummary } from './evidence.js';
import { notifyChats } from './notify.js';

/** How long the bot waits for the reason after a Return tap. */
export const REASON_WAIT_MINUTES = 30;

function reviewer(ctx: OfficialContext) {
  const { official } = ctx.identity;
  return { id: official.id, role: official.role, unit: { id: official.unit.id } };
}

const actor = (ctx: OfficialContext) => ({ officialId: ctx.identity.official.id, label: ctx.message.channel });

/** `/xacnhan`: completions waiting for confirmation and open extension requests of plans this admin's body issued. */
export async function pendingConfirmations(ctx: OfficialContext): Promise<void> {
  const { t, deps } = ctx;
  const scope = reviewScope(reviewer(ctx));
  const [reviews, extensions] = await Promise.all([
    pendingReviews(deps.prisma, { ...scope, limit: MAX_LINES }),
    pendingExtensions(deps.prisma, { ...scope, limit: MAX_LINES }),
  ]);
  if (reviews.length === 0 && extensions.length === 0) {
    ctx.reply({ text: [t('confirm-none')] });
    return;
  }
  const files = await attachmentsOf(
    deps.prisma,
    reviews.map((review) => review.reportId),
  );
  const lines: string[] = [];
  const choices: Choice[] = [];
  let n = 0;
  for (const review of reviews) {
    n += 1;
    const count = files.get(review.reportId)?.length ?? 0;
    const evidence = evidenceSummary(t, { ...review.evidence, files: count });
    lines.push(
      `${n}. ${review.unitName} — ${review.dutyTitle} (${formatWindow(review.window.start, review.window.end)})${evidence}` +
        (review.note ? `\n   «${review.note}»` : ''),
    );
    choices.push(
      {
        label: `${n} ${t('confirm-button-ok')}`,
        payload: encodeAction({ kind: 'review', reportId: review.reportId, confirm: true }),
      },
      {
        label: `${n} ${t('confirm-button-return')}`,
        payload: encodeAction({ kind: 'review', reportId: review.reportId, confirm: false }),
      },
    );
  }
  for (const extension of extensions) {
    n += 1;
    lines.push(
      `${n}. ${t('extension-line', { unit: extension.unitName, title: extension.dutyTitle, from: extension.window.end, to: extension.newEndsOn })}\n   «${extension.reason}»`,
    );
    choices.push(
      {
        label: `${n} ${t('extension-button-approve')}`,
        payload: encodeAction({ kind: 'extension-decision', extensionId: extension.id, approve: true }),
      },
      {
        label: `${n} ${t('extension-button-refuse')}`,
        payload: encodeAction({ kind: 'extension-decision', extensionId: extension.id, approve: false }),
      },
    );
  }
  ctx.reply({
    text: [bold(t('confirm-header', { count: n })), '\n', lines.join('\n')],
    choices,
    columns: 2,
    choiceHint: t('choice-hint'),
  });
}

/** A Confirm or Return tap; Return waits for the reason (the next message). */
export async function reviewButton(ctx: OfficialContext, reportId: number, confirm: boolean): Promise<void> {
  if (!confirm) {
    const outcome = await checkReviewable(ctx, reportId);
    if (!outcome) return;
    ctx.expect({
      kind: 'review-reason',
      reportId,
      until: new Date(ctx.now.getTime() + REASON_WAIT_MINUTES * 60_000).toISOString(),
    });
    ctx.reply({ text: [ctx.t('confirm-reason-prompt', { max: MAX_REVIEW_REASON_LENGTH })] });
    return;
  }
  await decide(ctx, reportId, 'confirmed');
}

/** The message after a Return tap: the reason. */
export async function receiveReturnReason(ctx: OfficialContext, reportId: number, text: string): Promise<void> {
  const reason = text.trim();
  if (reason.length > MAX_REVIEW_REASON_LENGTH) {
    ctx.reply({ text: [ctx.t('note-too-long', { max: MAX_REVIEW_REASON_LENGTH, length: reason.length })] });
    return;
  }
  ctx.expect(null);
  await decide(ctx, reportId, 'returned', reason);
}

/** Before asking for a reason: the report must exist, be this admin's to review and still pending. */
async function checkReviewable(ctx: OfficialContext, reportId: number): Promise<boolean> {
  const target = await reviewTarget(ctx.deps.prisma, reportId);
  if (!target) {
    ctx.reply({ text: [ctx.t('button-invalid')] });
    return false;
  }
  if (!actsForAssigningBody(reviewer(ctx), target.plan)) {
    await recordAudit(ctx.deps.prisma, actor(ctx), 'report.review-refused', `report:${reportId}`, {
      decision: 'returned',
    });
    ctx.reply({ text: [ctx.t('confirm-forbidden')] });
    return false;
  }
  if (target.reviewState !== 'pending' || !target.current) {
    ctx.reply({ text: [ctx.t('confirm-already')] });
    return false;
  }
  return true;
}

async function decide(
  ctx: OfficialContext,
  reportId: number,
  decision: 'confirmed' | 'returned',
  reason?: string,
): Promise<void> {
  const outcome = await reviewCompletion(ctx.deps.prisma, {
    official: reviewer(ctx),
    reportId,
    decision,
    ...(reason !== undefined ? { reason } : {}),
    at: ctx.now,
    actor: actor(ctx),
  });
  if (outcome.kind === 'not-found') return void ctx.reply({ text: [ctx.t('button-invalid')] });
  if (outcome.kind === 'forbidden') return void ctx.reply({ text: [ctx.t('confirm-forbidden')] });
  if (outcome.kind === 'not-pending') return void ctx.reply({ text: [ctx.t('confirm-already')] });
  const { target } = outcome;
  await notifyChats(ctx, { unitId: target.unitId }, (t) => ({
    text: [
      t(decision === 'confirmed' ? 'confirm-unit-confirmed' : 'confirm-unit-returned', { reason: reason ?? '' }),
      '\n',
      bold(target.dutyTitle),
    ],
  }));
  ctx.reply({
    text: [
      ctx.t(decision === 'confirmed' ? 'confirm-done' : 'confirm-returned', { unit: outcome.target.unitName }),
      '\n',
      bold(outcome.target.dutyTitle),
    ],
    replacesOrigin: decision === 'confirmed',
  });
}

/** An Approve or Refuse tap on an extension request. */
export async function extensionDecisionButton(
  ctx: OfficialContext,
  extensionId: number,
  approve: boolean,
): Promise<void> {
  const outcome = await decideExtensionRequest(ctx.deps.prisma, {
    official: reviewer(ctx),
    extensionId,
    approve,
    at: ctx.now,
    actor: actor(ctx),
  });
  if (outcome.kind === 'not-found') return void ctx.reply({ text: [ctx.t('button-invalid')] });
  if (outcome.kind === 'forbidden') return void ctx.reply({ text: [ctx.t('confirm-forbidden')] });
  if (outcome.kind === 'not-pending') return void ctx.reply({ text: [ctx.t('confirm-already')] });
  const { extension } = outcome;
  await notifyChats(ctx, { unitId: extension.unitId }, (t) => ({
    text: [
      t(approve ? 'extension-unit-approved' : 'extension-unit-refused', { date: extension.newEndsOn }),
      '\n',
      bold(extension.dutyTitle),
    ],
  }));
  ctx.reply({
    text: [
      ctx.t(approve ? 'extension-approved' : 'extension-refused', {
        unit: extension.unitName,
        date: extension.newEndsOn,
      }),
      '\n',
      bold(extension.dutyTitle),
    ],
    replacesOrigin: true,
  });
}

/** A new completion awaiting confirmation: the admins of the assigning body get it with Confirm / Return. */
export async function announcePending(ctx: OfficialContext, reportId: number): Promise<void> {
  const target = await reviewTarget(ctx.deps.prisma, reportId);
  if (!target) return;
  await notifyChats(ctx, { adminsOf: target.plan.issuerUnitId }, (t) => ({
    text: [t('confirm-admin-new', { unit: target.unitName }), '\n', bold(target.dutyTitle)],
    choices: [
      { label: t('confirm-button-ok'), payload: encodeAction({ kind: 'review', reportId, confirm: true }) },
      { label: t('confirm-button-return'), payload: encodeAction({ kind: 'review', reportId, confirm: false }) },
    ],
  }));
}
