// Linking a second platform: a one-time code made here, typed (or /start CODE) on the other platform.

import { code } from '../src/chat/rich.js';
import { createInvite } from '../src/db/officials.js';
import { generateCode } from '../src/domain/invite-code.js';
import type { OfficialContext } from './context.js';

export const LINK_CODE_MINUTES = 15;

export async function createLinkCode(ctx: OfficialContext): Promise<void> {
  const { official } = ctx.identity;
  const invite = await createInvite(ctx.deps.prisma, {
    code: generateCode(),
    officialId: official.id,
    unitId: official.unit.id,
    role: official.role,
    maxUses: 1,
    expiresAt: new Date(ctx.now.getTime() + LINK_CODE_MINUTES * 60_000),
    createdById: official.id,
    actorLabel: `${ctx.message.channel}:${ctx.message.sender.id}`,
  });
  ctx.reply({
    text: [
      ctx.t('link-code', { minutes: LINK_CODE_MINUTES }),
      '\n\n',
      code(invite.code),
      '\n\n',
      ctx.t('link-how', { code: invite.code }),
    ],
  });
}
