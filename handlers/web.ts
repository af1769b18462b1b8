// Admin: a one-time link to the web console (/quantri, English /web), valid 10 minutes, for this admin only.

import { bold } from '../src/chat/rich.js';
import { issueLoginLink, LOGIN_LINK_MINUTES } from '../src/services/web-sessions.js';
import type { OfficialContext } from './context.js';

export async function webLinkCommand(ctx: OfficialContext): Promise<void> {
  const { t, deps, message } = ctx;
  const link = await issueLoginLink(deps.prisma, {
    officialId: ctx.identity.official.id,
    publicBaseUrl: deps.webBaseUrl,
    via: message.channel,
    actor: { officialId: ctx.identity.official.id, label: `${message.channel}:${message.sender.id}` },
    now: ctx.now,
  });
  if (link.kind !== 'created') {
    ctx.reply({ text: [t('admin-only')] });
    return;
  }
  ctx.reply({
    text: [bold(t('web-link-title')), '\n', t('web-link', { minutes: LOGIN_LINK_MINUTES }), '\n\n', link.url],
  });
}
