// Admin: invite codes for a unit (/moi UNIT [admin] [uses] [expiry]), the only way into the bot.
import { createInvite } from '../src/db/officials.js';
import { resolveUnit } from '../src/db/units.js';
import { generateCode, parseDuration } from '../src/domain/invite-code.js';
import type { OfficialContext } from './context.js';
import { code } from './rich.js';

export const DEFAULT_INVITE_DAYS = 7;
const MAX_USES = 1000;

/** `/moi TU-BTG admin 5 7d`: the words after the unit may come in any order. */
export async function inviteCommand(ctx: OfficialContext, args: string): Promise<void> {
  const { t, deps, identity } = ctx;
  const words = args.trim().split(/\s+/).filter(Boolean);
  let role: 'official' | 'admin' = 'official';
  let uses = 1;
  let ttl = DEFAULT_INVITE_DAYS * 86_400_000;
  const unitWords: string[] = [];
  for (const word of words) {
    const lower = word.toLowerCase();
    if (lower === 'admin' || lower === 'quantri') role = 'admin';
    else if (/^\d{1,4}$/.test(lower) && Number(lower) >= 1 && Number(lower) <= MAX_USES) uses = Number(lower);
    else if (parseDuration(lower) !== undefined) ttl = parseDuration(lower) ?? ttl;
    else unitWords.push(word);
  }
  if (unitWords.length === 0) {
    ctx.reply({ text: [t('invite-usage')] });
    return;
  }
  const resolved = await resolveUnit(deps.prisma, unitWords.join(' '));
  if (!resolved) {
    ctx.reply({ text: [t('invite-unknown-unit', { unit: unitWords.join(' ') })] });
    return;
  }
  const { unit } = resolved;
  const expiresAt = new Date(ctx.now.getTime() + ttl);
  const invite = await createInvite(deps.prisma, {
    code: generateCode(),
    unitId: unit.id,
    role,
    maxUses: uses,
    expiresAt,
    createdById: identity.official.id,
    actorLabel: `${ctx.message.channel}:${ctx.message.sender.id}`,
  });
  const username = deps.telegramUsername?.();
  const text = [
    t('invite-created', {
      unit: `${unit.shortName ?? unit.name} (${unit.code})`,
      role,
      uses,
      days: Math.round((ttl / 86_400_000) * 10) / 10,
    }),
    '\n\n',
    code(invite.code),
    '\n\n',
    t('invite-how', { code: invite.code }),
  ];
  if (username) text.push('\n', `https://t.me/${username}?start=${invite.code}`);
  if (resolved.alternatives.length > 0)
    text.push('\n\n', t('invite-other-units', { units: resolved.alternatives.map((u) => u.code).join(', ') }));
  ctx.reply({ text });
}
