// A unit's work group: linking it (/nhom), and answering there only about the group's unit, members reporting in private.

import { type Command, parseCommand } from '../src/chat/commands.js';
import { bold } from '../src/chat/rich.js';
import { recordAudit } from '../src/db/audit.js';
import {
  groupOfChat,
  type LinkedGroup,
  linkGroup,
  listGroups,
  setGroupDelivery,
  unlinkGroup,
} from '../src/db/groups.js';
import { resolveUnit } from '../src/db/units.js';
import { foldText } from '../src/domain/text.js';
import { type ChatContext, isOfficial, type OfficialContext } from './context.js';

/** A refusal to one person in one group at most this often: a busy group cannot make the bot answer every message. */
export const GROUP_REFUSAL_EVERY_MS = 10 * 60_000;

/** Who was last refused where, and when (per instance: at worst one refusal per instance and window). */
export interface ReplyLimiter {
  /** True when `key` may get a reply now (and records it). */
  allow(key: string, now: Date): boolean;
}

export function createReplyLimiter(everyMs = GROUP_REFUSAL_EVERY_MS, maxKeys = 10_000): ReplyLimiter {
  const last = new Map<string, number>();
  return {
    allow(key, now) {
      const at = now.getTime();
      const before = last.get(key);
      if (before !== undefined && at - before < everyMs) return false;
      // Bounded: the oldest entries go first (a Map keeps insertion order).
      last.delete(key);
      last.set(key, at);
      if (last.size > maxKeys) last.delete(last.keys().next().value as string);
      return true;
    },
  };
}

const SHORTCUTS = {
  thangnay: { vi: 'việc gì đến hạn tháng này?', en: 'what is due this month?' },
  tuannay: { vi: 'việc gì đến hạn tuần này?', en: 'what is due this week?' },
  quahan: { vi: 'việc gì quá hạn?', en: 'what is overdue?' },
  donvi: { vi: 'đơn vị tôi cần làm gì?', en: 'what does my unit have to do?' },
} as const;

/** Commands that are about reporting: in a group they point to the private chat. */
const REPORTING = new Set(['baocao', 'giahan', 'huy']);

/**
 * Text that reports rather than asks ("đã xong", "hoàn thành việc 2", a choice number): members report in private.
 * A question ("việc gì đã hoàn thành?") is not one.
 */
export function looksLikeReport(text: string): boolean {
  const folded = foldText(text).trim();
  if (/^\d{1,2}[.)]?$/.test(folded)) return true;
  if (text.trim().endsWith('?')) return false;
  return /^(bao cao|report)\b|\b(da xong|xong roi|da hoan thanh|hoan thanh roi|done|finished)\b/.test(folded);
}

/** The bot's private chat, where members report: the Telegram deep link without a code. */
function privateLink(ctx: ChatContext): string {
  const username = ctx.deps.telegramUsername?.();
  return username ? `https://t.me/${username}` : 't.me';
}

/** A message addressed to the bot in a group (the adapter passes only those). */
export async function groupMessage(ctx: ChatContext): Promise<void> {
  const { t, message, deps } = ctx;
  const text = (message.text ?? '').trim();
  const parsed = parseCommand(text);
  const command: Command | undefined = parsed?.command;
  // Another bot's command, or one dondoc does not know: silence, so the group is not answered for others' bots.
  if (parsed && !command) return;
  const group = await groupOfChat(deps.prisma, message.channel, message.chatId);
  const official = isOfficial(ctx) ? ctx : undefined;
  const admin = official?.identity.official.role === 'admin';

  if (command?.id === 'nhom') {
    if (!official || !admin) {
      if (official)
        await recordAudit(deps.prisma, { officialId: official.identity.official.id }, 'denied', 'nhom', {
          channel: message.channel,
          group: message.chatId,
        });
      return refuse(ctx, t('admin-only'));
    }
    return groupCommand(official, group, parsed?.args ?? '');
  }

  const linked = group?.active ? group : undefined;
  // A member: an active official of the group's unit, or an admin; anyone else learns nothing here.
  const member =
    official && linked && (admin || official.identity.official.unit.id === linked.unit.id) ? official : undefined;
  if (!linked && admin) {
    ctx.reply({ text: [t('group-not-linked')] });
    return;
  }
  if (!member || !linked) return refuse(ctx, t('group-not-for-you', { link: privateLink(ctx) }));

  // A member is pointed to the private chat each time: they are known, and it is what they need to hear.
  if (command && (REPORTING.has(command.id) || !(command.id in SHORTCUTS))) {
    const id = REPORTING.has(command.id) ? 'group-report-private' : 'group-private-only';
    ctx.reply({ text: [t(id, { link: privateLink(ctx) })] });
    return;
  }
  if (!command && looksLikeReport(text)) {
    ctx.reply({ text: [t('group-report-private', { link: privateLink(ctx) })] });
    return;
  }
  const language = ctx.language;
  const question = command ? SHORTCUTS[command.id as keyof typeof SHORTCUTS][language] : text;
  const answer = await deps.ask.answer(
    question,
    { unitId: linked.unit.id, locale: language, numbered: false, ownUnitOnly: true },
    ctx.today,
  );
  // No buttons or numbered choices in a group: a member opens a duty or reports in the private chat.
  ctx.reply({ text: [answer.answer, '\n\n', t('group-report-private', { link: privateLink(ctx) })] });
}

/** A short reply without data, at most once per person and group in a while. */
function refuse(ctx: ChatContext, text: string): void {
  const key = `${ctx.message.channel}:${ctx.message.chatId}:${ctx.message.sender.id}`;
  if (ctx.deps.groupReplies?.allow(key, ctx.now) === false) return;
  ctx.reply({ text: [text] });
}

const ON = new Set(['bat', 'on']);
const OFF = new Set(['tat', 'off']);
const UNLINK = new Set(['huy', 'unlink']);

function unitLabel(unit: { code: string; name: string; shortName: string | null }): string {
  return `${unit.shortName ?? unit.name} (${unit.code})`;
}

/** `/nhom` in a group (an admin): its link and setting; `/nhom UNIT` links; `bat`, `tat` the setting; `huy` unlinks. */
async function groupCommand(ctx: OfficialContext, group: LinkedGroup | undefined, args: string): Promise<void> {
  const { t, message, deps } = ctx;
  const word = foldText(args).trim();
  const actor = { officialId: ctx.identity.official.id, label: `${message.channel}:${message.sender.id}` };
  const linked = group?.active ? group : undefined;
  if (!word) {
    ctx.reply({
      text: [
        linked
          ? t('group-status', { unit: unitLabel(linked.unit), on: linked.unit.groupDelivery ? 'on' : 'off' })
          : t('group-not-linked'),
      ],
    });
    return;
  }
  if (ON.has(word) || OFF.has(word)) {
    if (!linked) {
      ctx.reply({ text: [t('group-not-linked')] });
      return;
    }
    const on = ON.has(word);
    await setGroupDelivery(deps.prisma, linked.unit.id, on, actor);
    ctx.reply({ text: [t('group-delivery-changed', { unit: unitLabel(linked.unit), on: on ? 'on' : 'off' })] });
    return;
  }
  if (UNLINK.has(word)) {
    if (!group || !(await unlinkGroup(deps.prisma, message.channel, message.chatId, actor))) {
      ctx.reply({ text: [t('group-not-linked')] });
      return;
    }
    ctx.reply({ text: [t('group-unlinked', { unit: unitLabel(group.unit) })] });
    return;
  }
  const resolved = await resolveUnit(deps.prisma, args);
  if (!resolved) {
    ctx.reply({ text: [t('group-unknown-unit', { unit: args.trim() })] });
    return;
  }
  if (resolved.alternatives.length > 0) {
    const codes = [resolved.unit, ...resolved.alternatives].map((unit) => unit.code).join(', ');
    ctx.reply({ text: [t('group-ambiguous-unit', { unit: args.trim(), codes })] });
    return;
  }
  await linkGroup(
    deps.prisma,
    {
      channel: message.channel,
      chatId: message.chatId,
      ...(message.chat?.title ? { title: message.chat.title } : {}),
      unitId: resolved.unit.id,
      officialId: ctx.identity.official.id,
    },
    actor,
  );
  const unit = unitLabel(resolved.unit);
  ctx.reply({
    text: [
      group && group.unit.id !== resolved.unit.id
        ? t('group-moved', { from: unitLabel(group.unit), unit })
        : t('group-linked', { unit }),
    ],
  });
}

/** `/nhom` in private (an admin): the linked groups; `/nhom bat UNIT`, `/nhom tat UNIT` the unit's setting. */
export async function listGroupsCommand(ctx: OfficialContext, args: string): Promise<void> {
  const { t, deps, message } = ctx;
  const [first = '', ...rest] = args.trim().split(/\s+/);
  const word = foldText(first);
  if ((ON.has(word) || OFF.has(word)) && rest.length > 0) {
    const name = rest.join(' ');
    const resolved = await resolveUnit(deps.prisma, name);
    if (!resolved) {
      ctx.reply({ text: [t('group-unknown-unit', { unit: name })] });
      return;
    }
    const on = ON.has(word);
    await setGroupDelivery(deps.prisma, resolved.unit.id, on, {
      officialId: ctx.identity.official.id,
      label: `${message.channel}:${message.sender.id}`,
    });
    ctx.reply({ text: [t('group-delivery-changed', { unit: unitLabel(resolved.unit), on: on ? 'on' : 'off' })] });
    return;
  }
  const groups = await listGroups(deps.prisma);
  if (groups.length === 0) {
    ctx.reply({ text: [t('group-list-none')] });
    return;
  }
  const lines = groups.slice(0, 50).map((group) =>
    [
      t('group-list-line', {
        title: group.title ?? group.chatId,
        unit: unitLabel(group.unit),
        on: group.unit.groupDelivery ? 'on' : 'off',
      }),
      ...(group.active ? [] : [`   ⚠️ ${t('group-list-inactive', { reason: group.inactiveReason ?? '—' })}`]),
    ].join('\n'),
  );
  ctx.reply({
    text: [bold(t('group-list-header', { count: groups.length })), '\n', lines.join('\n'), '\n\n', t('group-list-how')],
  });
}
