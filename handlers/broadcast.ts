// Admin notices: /thongbao AUDIENCE, then the text, a preview with exact recipient counts, and nothing sent before "Send".

import { progressReply } from '../src/broadcasts/worker.js';
import { encodeAction } from '../src/chat/payload.js';
import { bold } from '../src/chat/rich.js';
import { broadcastProgress, cancelBroadcast } from '../src/db/broadcasts.js';
import { type Audience, formatAudience, parseAudience } from '../src/domain/audience.js';
import type { Translate } from '../src/i18n.js';
import { decideDraft, draftNotice, MAX_NOTICE_LENGTH, type NoticeProblem } from '../src/services/notices.js';
import type { OfficialContext } from './context.js';

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
  const drafted = await draftNotice(deps.prisma, { text, audience, authorId: ctx.identity.official.id });
  if ('problem' in drafted) {
    ctx.reply({ text: [noticeProblemText(t, drafted.problem, audience)] });
    return;
  }
  const { draftId, count } = drafted;
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
      text.trim(),
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

function noticeProblemText(t: Translate, problem: NoticeProblem, audience: Audience): string {
  switch (problem.kind) {
    case 'empty':
      return t('broadcast-usage');
    case 'too-long':
      return t('broadcast-too-long', { max: problem.max, length: problem.length });
    case 'bad-audience':
      return t('broadcast-bad-audience', { audience: formatAudience(audience) });
  }
}

/** "Send" or "Discard" under a preview: only an admin, only the draft's own author, only once. */
export async function confirmNotice(ctx: OfficialContext, draftId: number, confirm: boolean): Promise<void> {
  const { t, deps, message } = ctx;
  const decision = await decideDraft(
    deps.prisma,
    {
      draftId,
      send: confirm,
      actor: { officialId: ctx.identity.official.id, label: `${message.channel}:${message.sender.id}` },
      progress: {
        channel: message.channel,
        chatId: message.chatId,
        ...(message.originMessageId ? { messageId: message.originMessageId } : {}),
      },
    },
    ctx.now,
  );
  switch (decision.kind) {
    case 'not-yours':
      ctx.reply({ text: [t('button-invalid')] });
      return;
    case 'already':
      ctx.reply({ text: [t('broadcast-already', { id: draftId, status: decision.status })] });
      return;
    case 'discarded':
      ctx.reply({ text: [t('broadcast-discarded')], replacesOrigin: true });
      return;
    case 'queued': {
      const progress = await broadcastProgress(deps.prisma, decision.broadcastId);
      if (!progress) return;
      // Replaces the preview: from now on that message shows sent / failed / remaining.
      ctx.reply({
        ...progressReply(progress, t),
        choices: [
          {
            label: t('broadcast-cancel'),
            payload: encodeAction({ kind: 'broadcast-cancel', broadcastId: decision.broadcastId }),
          },
        ],
        choiceHint: t('choice-hint'),
        replacesOrigin: true,
      });
    }
  }
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
