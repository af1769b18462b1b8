// Onboarding: /start explains the bot; an invite code (deep link or typed) binds this chat to an official.

import { bold } from '../src/chat/rich.js';
import { registerWithInvite } from '../src/db/officials.js';
import { looksLikeCode, normalizeCode } from '../src/domain/invite-code.js';
import { type ChatContext, isOfficial } from './context.js';
import { showDuty } from './duty.js';
import { menuChoices } from './menu.js';

/** `/start [code]`: registers with the code, or greets (a registered official gets the menu). */
export async function startCommand(ctx: ChatContext, args: string): Promise<void> {
  // `o<id>`: a calendar event's link (t.me/<bot>?start=o12) opens its window; "o" is never in an invite code.
  const window = args.trim().match(/^o([1-9][0-9]{0,9})$/);
  if (window && isOfficial(ctx) && Number(window[1]) <= 2_147_483_647)
    return showDuty(ctx, { occurrenceId: Number(window[1]) });
  if (args.trim()) return redeemCode(ctx, args.trim());
  const { t, identity } = ctx;
  if (identity) {
    const unit = identity.official.unit;
    ctx.reply({
      text: [
        t('start-registered', { name: identity.official.name, unit: unit.shortName ?? unit.name }),
        '\n\n',
        t('start-menu'),
      ],
      ...menuChoices(t),
    });
    return;
  }
  // First contact: the platforms' terms ask that users know a program answers them.
  ctx.reply({
    text: [bold(t('start-title')), '\n', t('start-intro'), '\n\n', t('start-need-code'), '\n\n', t('automated-notice')],
  });
}

/** A message from someone not registered: a code is tried, anything else gets the polite explanation only. */
export async function unregisteredMessage(ctx: ChatContext, text: string): Promise<void> {
  if (looksLikeCode(text)) return redeemCode(ctx, text);
  ctx.reply({
    text: [ctx.t('unregistered'), '\n\n', ctx.t('start-need-code'), '\n\n', ctx.t('automated-notice')],
  });
}

async function redeemCode(ctx: ChatContext, typed: string): Promise<void> {
  const { t, message } = ctx;
  if (!looksLikeCode(typed)) {
    ctx.reply({ text: [t('invite-invalid')] });
    return;
  }
  const result = await registerWithInvite(
    ctx.deps.prisma,
    normalizeCode(typed),
    {
      channel: message.channel,
      externalId: message.sender.id,
      chatId: message.chatId,
      displayName: message.sender.name,
      locale: ctx.language,
    },
    ctx.now,
  );
  switch (result.outcome) {
    case 'registered': {
      const { official } = result.identity;
      const unit = official.unit.shortName ?? official.unit.name;
      const welcome = result.linked
        ? t('link-done', { name: official.name, channel: message.channel })
        : t(official.role === 'admin' ? 'registered-admin' : 'registered', { name: official.name, unit });
      ctx.deps.logger.info(
        { officialId: official.id, channel: message.channel, linked: result.linked },
        'chat account registered',
      );
      ctx.reply({ text: [welcome, '\n\n', t('start-menu')], ...menuChoices(ctx.deps.translations[official.locale]) });
      return;
    }
    case 'already-registered': {
      const { official } = result.identity;
      ctx.reply({
        text: [t('already-registered', { name: official.name, unit: official.unit.shortName ?? official.unit.name })],
      });
      return;
    }
    default:
      ctx.reply({ text: [t(`invite-${result.outcome}`)] });
  }
}
