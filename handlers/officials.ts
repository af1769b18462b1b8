// Admin: the officials of a unit (/canbo UNIT), and blocking, unblocking, promoting and demoting them; all audited.

import { bold } from '../src/chat/rich.js';
import { changeOfficial, listOfficials, type OfficialChange } from '../src/db/officials.js';
import { resolveUnit } from '../src/db/units.js';
import type { OfficialContext } from './context.js';

export async function listUnitOfficials(ctx: OfficialContext, args: string): Promise<void> {
  const { t, deps } = ctx;
  let unitId: number | undefined;
  let title = t('officials-all');
  if (args.trim()) {
    const resolved = await resolveUnit(deps.prisma, args);
    if (!resolved) {
      ctx.reply({ text: [t('invite-unknown-unit', { unit: args.trim() })] });
      return;
    }
    unitId = resolved.unit.id;
    title = `${resolved.unit.shortName ?? resolved.unit.name} (${resolved.unit.code})`;
  }
  const officials = await listOfficials(deps.prisma, unitId !== undefined ? { unitId } : {});
  if (officials.length === 0) {
    ctx.reply({ text: [t('officials-none', { unit: title })] });
    return;
  }
  const lines = officials.slice(0, 50).map((o) =>
    [
      `#${o.id} ${o.name} — ${o.unit}${o.role === 'admin' ? ' ★' : o.role === 'leader' ? ' ◆' : ''}${o.status === 'blocked' ? ` 🚫` : ''} (${o.channels.join(', ') || '—'})`,
      // Why an account gets nothing, or is failing: a platform fault must not silence an official unseen.
      ...o.problems.map(
        (p) =>
          `   ⚠️ ${t(p.state === 'inactive' ? 'officials-unreachable' : 'officials-failing', { channel: p.channel, reason: p.reason, count: p.failures })}`,
      ),
    ].join('\n'),
  );
  if (officials.length > 50) lines.push(t('more-todo', { count: officials.length - 50 }));
  ctx.reply({ text: [bold(title), '\n', lines.join('\n'), '\n\n', t('officials-how')] });
}

/** `/khoa 12`, `/mokhoa 12`, `/quyen 12 admin|official|leader`. */
export async function changeOfficialCommand(
  ctx: OfficialContext,
  command: 'khoa' | 'mokhoa' | 'quyen',
  args: string,
): Promise<void> {
  const { t, deps } = ctx;
  const [idText = '', roleText = ''] = args.trim().replace(/^#/, '').split(/\s+/);
  const officialId = Number(idText);
  let change: OfficialChange | undefined;
  if (command === 'khoa') change = { status: 'blocked' };
  else if (command === 'mokhoa') change = { status: 'active' };
  else if (roleText === 'admin' || roleText === 'official' || roleText === 'leader') change = { role: roleText };
  else if (roleText === 'lanhdao') change = { role: 'leader' };
  if (!Number.isInteger(officialId) || officialId <= 0 || !change) {
    ctx.reply({ text: [t('officials-usage')] });
    return;
  }
  const result = await changeOfficial(deps.prisma, officialId, change, {
    officialId: ctx.identity.official.id,
    label: `${ctx.message.channel}:${ctx.message.sender.id}`,
  });
  ctx.reply({ text: [t(`officials-${result}`, { id: officialId })] });
}
