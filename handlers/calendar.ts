// /lich (English /calendar): a private calendar address with the unit's windows and deadlines, for Google Calendar,
// Outlook or an iPhone to subscribe to. Officials get their own unit's; admins any unit's (`/lich TU-BTG`).

import { encodeAction } from '../src/chat/payload.js';
import { bold, code } from '../src/chat/rich.js';
import type { Choice } from '../src/chat/types.js';
import { recordAudit } from '../src/db/audit.js';
import { listCalendarFeeds, revokeCalendarFeeds } from '../src/db/calendar-feeds.js';
import { resolveUnit } from '../src/db/units.js';
import { localDateAt } from '../src/domain/dates.js';
import { calendarUrl, issueCalendarFeed, mayHaveCalendarOf, titleDate } from '../src/services/calendar-feeds.js';
import type { OfficialContext } from './context.js';

export async function calendarCommand(ctx: OfficialContext, args: string): Promise<void> {
  const { official } = ctx.identity;
  let unit: { id: number; name: string; shortName: string | null } = official.unit;
  if (args.trim()) {
    const resolved = await resolveUnit(ctx.deps.prisma, args);
    if (!resolved) {
      ctx.reply({ text: [ctx.t('calendar-unknown-unit', { unit: args.trim() })] });
      return;
    }
    unit = resolved.unit;
  }
  if (!(await allowed(ctx, unit.id))) return;
  // Only the token's hash is kept, so an address given before cannot be shown again: say since when, offer a new one.
  const [existing] = await listCalendarFeeds(ctx.deps.prisma, { officialId: official.id, unitId: unit.id });
  if (existing) {
    const since = titleDate(ctx.language, localDateAt(existing.createdAt, ctx.deps.timeZone));
    ctx.reply({
      text: [
        bold(ctx.t('calendar-title', { unit: unit.shortName ?? unit.name })),
        '\n',
        ctx.t('calendar-existing', { unit: unit.shortName ?? unit.name, date: since }),
      ],
      ...buttons(ctx, unit.id, existing.id),
    });
    return;
  }
  return giveAddress(ctx, unit.id);
}

/** "New address": the pressed unit is checked again, as if typed; the old address of that unit stops. */
export async function newCalendarAddress(ctx: OfficialContext, unitId: number): Promise<void> {
  if (!(await allowed(ctx, unitId))) return;
  return giveAddress(ctx, unitId);
}

/** "Revoke": only a feed of the one pressing it (the payload's number alone proves nothing). */
export async function revokeCalendarAddress(ctx: OfficialContext, feedId: number): Promise<void> {
  const { official } = ctx.identity;
  const revoked = await revokeCalendarFeeds(ctx.deps.prisma, { feedId, officialId: official.id }, actor(ctx), ctx.now);
  ctx.reply({ text: [ctx.t(revoked > 0 ? 'calendar-revoked' : 'calendar-none')] });
}

async function allowed(ctx: OfficialContext, unitId: number): Promise<boolean> {
  const { official } = ctx.identity;
  if (mayHaveCalendarOf(official, unitId)) return true;
  await recordAudit(ctx.deps.prisma, { officialId: official.id }, 'denied', 'lich', {
    channel: ctx.message.channel,
    unitId,
  });
  ctx.reply({ text: [ctx.t('calendar-not-yours')] });
  return false;
}

async function giveAddress(ctx: OfficialContext, unitId: number): Promise<void> {
  // A calendar app fetches the address itself, from wherever the phone is: without a public address it cannot.
  // The console runs on the server, where the loopback address works.
  const loopback = ctx.deps.publicBaseUrl === undefined && ctx.message.channel === 'console';
  const base = ctx.deps.publicBaseUrl ?? (loopback ? ctx.deps.webBaseUrl : undefined);
  if (base === undefined) {
    ctx.reply({ text: [ctx.t('calendar-no-public-address')] });
    return;
  }
  const issued = await issueCalendarFeed(ctx.deps.prisma, {
    officialId: ctx.identity.official.id,
    unitId,
    actor: actor(ctx),
    now: ctx.now,
  });
  if (issued.kind === 'unknown-unit') {
    ctx.reply({ text: [ctx.t('button-invalid')] });
    return;
  }
  if (issued.kind === 'not-allowed') {
    ctx.reply({ text: [ctx.t('calendar-not-yours')] });
    return;
  }
  const name = issued.unit.shortName ?? issued.unit.name;
  ctx.reply({
    text: [
      bold(ctx.t('calendar-title', { unit: name })),
      '\n',
      ctx.t('calendar-created'),
      ...(loopback ? ['\n', ctx.t('calendar-loopback')] : []),
      '\n\n',
      code(calendarUrl(base, issued.feed.token)),
      '\n\n',
      ctx.t('calendar-how'),
    ],
    ...buttons(ctx, issued.unit.id, issued.feed.id),
  });
}

function buttons(ctx: OfficialContext, unitId: number, feedId: number): { choices: Choice[]; columns: number } {
  return {
    choices: [
      { label: ctx.t('calendar-button-new'), payload: encodeAction({ kind: 'calendar-new', unitId }) },
      { label: ctx.t('calendar-button-revoke'), payload: encodeAction({ kind: 'calendar-revoke', feedId }) },
    ],
    columns: 2,
  };
}

function actor(ctx: OfficialContext): { officialId: number; label: string } {
  return { officialId: ctx.identity.official.id, label: `${ctx.message.channel}:${ctx.message.sender.id}` };
}
