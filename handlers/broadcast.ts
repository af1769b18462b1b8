// Admin notices: /thongbao AUDIENCE, then the text, a preview with exact recipient counts, and nothing sent before "Send".

import { progressReply } from '../src/broadcasts/worker.js';
import {
  AudienceError,
  audienceAccounts,
  broadcastProgress,
  cancelBroadcast,
  countAccounts,
  createDraft,
  queueBroadcast,
} from '../src/db/broadcasts.js';
import { type Audience, formatAudience, parseAudience } from '../src/domain/audience.js';
import type { OfficialContext } from './context.js';
import { encodeAction } from './payload.js';
import { bold } from './rich.js';

/** A notice fits one Telegram message with its header; Zalo splits longer texts itself. */
export const MAX_NOTICE_LENGTH = 3500;
const TEXT_WAIT_MINUTES = 30;

/** `/thongbao unit:TU-BTG` (text next), or the audience on the first line and the text below it. */
export async function broadcastCommand(ctx: OfficialContext, args: string): Promise<void> {
  const { t } = ctx;
  const [first = '', ...rest] = args.split('\n');
  if (!first.trim()) {
    ctx.reply({ text: [t('broadcast-usage')] });
    return;
  }
  const audience = parseAudience(first);
  if ('error' in audience) {
    ctx.reply({ text: [t('broadcast-bad-audience', { audience: first.trim() }), '\n', t('broadcast-usage')] });
    return;
  }
  const text = rest.join('\n').trim();
  if (text) return previewNotice(ctx, audience, text);
  ctx.expect({
    kind: 'broadcast-text',
    audience: formatAudience(audience),
    until: new Date(ctx.now.getTime() + TEXT_WAIT_MINUTES * 60_000).toISOString(),
  });
  ctx.reply({ text: [t('broadcast-ask-text', { audience: formatAudience(audience), max: MAX_NOTICE_LENGTH })] });
}

/** The text after /thongbao AUDIENCE. */
export async function receiveNoticeText(ctx: OfficialContext, audienceText: string, text: string): Promise<void> {
  ctx.expect(null);
  const audience = parseAudience(audienceText);
  if ('error' in audience) return;
  return previewNotice(ctx, audience, text.trim());
}

async function previewNotice(ctx: OfficialContext, audience: Audience, text: string): Promise<void> {
  const { t, deps } = ctx;
  if (text.length > MAX_NOTICE_LENGTH) {
    ctx.reply({ text: [t('broadcast-too-long', { max: MAX_NOTICE_LENGTH, length: text.length })] });
    return;
  }
  let count: ReturnType<typeof countAccounts>;
  try {
    count = countAccounts(await audienceAccounts(deps.prisma, audience));
  } catch (error) {
    if (error instanceof AudienceError) {
      ctx.reply({ text: [t('broadcast-bad-audience', { audience: formatAudience(audience) })] });
      return;
    }
    throw error;
  }
  const draftId = await createDraft(deps.prisma, { text, audience, createdById: ctx.identity.official.id });
  ctx.reply({
    text: [
      bold(t('broadcast-preview-title')),
      '\n',
      t('broadcast-preview', {
        audience: formatAudience(audience),
        officials: count.officials,
        telegram: count.recipients.telegram,
        zalo: count.recipients.zalo,
      }),
      '\n\n',
      text,
    ],
    choices: [
      { label: t('broadcast-send'), payload: encodeAction({ kind: 'broadcast', broadcastId: draftId, confirm: true }) },
      {
        label: t('broadcast-discard'),
        payload: encodeAction({ kind: 'broadcast', broadcastId: draftId, confirm: false }),
      },
    ],
    columns: 2,
    choiceHint: t('choice-hint'),
  });
}

/** "Send" or "Discard" under a preview: only an admin, only the draft's own author, only once. */
export async function confirmNotice(ctx: OfficialContext, draftId: number, confirm: boolean): Promise<void> {
  const { t, deps, message } = ctx;
  const draft = await deps.prisma.broadcast.findUnique({
    where: { id: draftId },
    select: { status: true, text: true, audience: true, createdById: true },
  });
  if (!draft || draft.createdById !== ctx.identity.official.id) {
    ctx.reply({ text: [t('button-invalid')] });
    return;
  }
  if (draft.status !== 'draft') {
    ctx.reply({ text: [t('broadcast-already', { id: draftId, status: draft.status })] });
    return;
  }
  if (!confirm) {
    await deps.prisma.broadcast.updateMany({
      where: { id: draftId, status: 'draft' },
      data: { status: 'cancelled', cancelledAt: ctx.now },
    });
    ctx.reply({ text: [t('broadcast-discarded')], replacesOrigin: true });
    return;
  }
  const audience = parseAudience(draft.audience);
  if ('error' in audience) return;
  const queued = await queueBroadcast(
    deps.prisma,
    {
      draftId,
      text: draft.text,
      audience,
      actor: { officialId: ctx.identity.official.id, label: `${message.channel}:${message.sender.id}` },
      progress: {
        channel: message.channel,
        chatId: message.chatId,
        ...(message.originMessageId ? { messageId: message.originMessageId } : {}),
      },
    },
    ctx.now,
  );
  const progress = await broadcastProgress(deps.prisma, queued.id);
  if (!progress) return;
  // Replaces the preview: from now on that message shows sent / failed / remaining.
  const reply = progressReply(progress, t);
  ctx.reply({
    ...reply,
    choices: [
      { label: t('broadcast-cancel'), payload: encodeAction({ kind: 'broadcast-cancel', broadcastId: queued.id }) },
    ],
    choiceHint: t('choice-hint'),
    replacesOrigin: true,
  });
}

export async function cancelNotice(ctx: OfficialContext, broadcastId: number): Promise<void> {
  const result = await cancelBroadcast(
    ctx.deps.prisma,
    broadcastId,
    { officialId: ctx.identity.official.id, label: `${ctx.message.channel}:${ctx.message.sender.id}` },
    ctx.now,
  );
  const progress = await broadcastProgress(ctx.deps.prisma, broadcastId);
  if (result === 'missing' || !progress) {
    ctx.reply({ text: [ctx.t('button-invalid')] });
    return;
  }
  ctx.reply({ ...progressReply(progress, ctx.t), replacesOrigin: true });
}
