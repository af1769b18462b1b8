// Admin: invite codes for a unit (/moi UNIT [admin] [uses] [expiry]), the only way into the bot.

import { code } from '../src/chat/rich.js';
import { parseDuration } from '../src/domain/invite-code.js';
import { createUnitInvite, DEFAULT_INVITE_DAYS, telegramStartLink } from '../src/services/invites.js';
import type { OfficialContext } from './context.js';

const MAX_USES = 1000;

/** `/moi TU-BTG admin 5 7d`: the words after the unit may come in any order. */
export async function inviteCommand(ctx: OfficialContext, args: string): Promise<void> {
  const { t, deps, identity } = ctx;
  const words = args.trim().split(/\s+/).filter(Boolean);
  let role: 'official' | 'admin' | 'leader' = 'official';
  let uses = 1;
  let ttl = DEFAULT_INVITE_DAYS * 86_400_000;
  const unitWords: string[] = [];
  for (const word of words) {
    const lower = word.toLowerCase();
    if (lower === 'admin' || lower === 'quantri') role = 'admin';
    else if (lower === 'leader' || lower === 'lanhdao') role = 'leader';
    else if (/^\d{1,4}$/.test(lower) && Number(lower) >= 1 && Number(lower) <= MAX_USES) uses = Number(lower);
    else if (parseDuration(lower) !== undefined) ttl = parseDuration(lower) ?? ttl;
    else unitWords.push(word);
  }
  if (unitWords.length === 0) {
    ctx.reply({ text: [t('invite-usage')] });
    return;
  }
  const created = await createUnitInvite(deps.prisma, {
    unit: unitWords.join(' '),
    role,
    uses,
    validForMs: ttl,
    createdById: identity.official.id,
    actorLabel: `${ctx.message.channel}:${ctx.message.sender.id}`,
    now: ctx.now,
  });
  if (created.kind !== 'created') {
    ctx.reply({ text: [t('invite-unknown-unit', { unit: unitWords.join(' ') })] });
    return;
  }
  const { unit } = created;
  const username = deps.telegramUsername?.();
  const text = [
    t('invite-created', {
      unit: `${unit.shortName ?? unit.name} (${unit.code})`,
      role,
      uses,
      days: Math.round((ttl / 86_400_000) * 10) / 10,
    }),
    '\n\n',
    code(created.code),
    '\n\n',
    t('invite-how', { code: created.code }),
  ];
  if (username) text.push('\n', telegramStartLink(username, created.code));
  if (created.alternatives.length > 0)
    text.push('\n\n', t('invite-other-units', { units: created.alternatives.map((u) => u.code).join(', ') }));
  ctx.reply({ text });
}
