// Telling others in chat: the unit of a review or extension decision, the assigning body's admins of what awaits them.
import type { Reply } from '../src/chat/types.js';
import { recipientChats } from '../src/db/reviews.js';
import type { Translate } from '../src/i18n.js';
import type { OfficialContext } from './context.js';

export async function notifyChats(
  ctx: OfficialContext,
  who: { unitId: number } | { adminsOf: number | null },
  build: (t: Translate) => Reply,
): Promise<void> {
  const outgoing = ctx.deps.outgoing?.();
  if (!outgoing) return;
  const recipients = await recipientChats(ctx.deps.prisma, who);
  for (const recipient of recipients) {
    // The sender sees their own reply; others get the notification.
    if (recipient.channel === ctx.message.channel && recipient.chatId === ctx.message.chatId) continue;
    const channel = outgoing[recipient.channel];
    if (!channel) continue;
    const outcome = await channel
      .deliver(recipient.chatId, [build(ctx.deps.translations[recipient.locale])])
      .catch((error: unknown) => ({ ok: false as const, error: String(error) }));
    if (!outcome.ok)
      ctx.deps.logger.warn(
        { channel: recipient.channel, error: outcome.error },
        'follow-up notification not delivered',
      );
  }
}
