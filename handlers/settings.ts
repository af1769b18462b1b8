// Settings: reply language, reminders on/off and snooze, stored on the official.

import { encodeAction } from '../src/chat/payload.js';
import type { Choice, RichText } from '../src/chat/types.js';
import { dutyTitle } from '../src/db/duties.js';
import { setLocale, setReminders } from '../src/db/officials.js';
import { setDutyReminders } from '../src/db/reminders.js';
import type { Language } from '../src/domain/language.js';
import type { OfficialContext } from './context.js';

export async function showSettings(ctx: OfficialContext, replacesOrigin = false): Promise<void> {
  const { official } = ctx.identity;
  const t = ctx.deps.translations[official.locale];
  const snoozed = official.snoozedUntil && official.snoozedUntil > ctx.now ? official.snoozedUntil : null;
  const reminders = official.remindersOff ? 'off' : snoozed ? 'snoozed' : 'on';
  const text: RichText = [
    t('settings-title'),
    '\n',
    t('settings-language', { language: official.locale }),
    '\n',
    t('settings-reminders', { state: reminders, until: snoozed ? formatInstant(snoozed, ctx.deps.timeZone) : '' }),
  ];
  const choices: Choice[] = [
    {
      label: official.locale === 'vi' ? 'English' : 'Tiếng Việt',
      payload: encodeAction({ kind: 'language', locale: official.locale === 'vi' ? 'en' : 'vi' }),
    },
    {
      label: t(official.remindersOff ? 'settings-reminders-on' : 'settings-reminders-off'),
      payload: encodeAction({ kind: 'reminders', on: official.remindersOff }),
    },
  ];
  if (!official.remindersOff) {
    if (snoozed) choices.push({ label: t('settings-unsnooze'), payload: encodeAction({ kind: 'snooze', days: 0 }) });
    else
      choices.push(
        { label: t('settings-snooze-day'), payload: encodeAction({ kind: 'snooze', days: 1 }) },
        { label: t('settings-snooze-week'), payload: encodeAction({ kind: 'snooze', days: 7 }) },
      );
  }
  ctx.reply({ text, choices, columns: 2, choiceHint: t('choice-hint'), replacesOrigin });
}

export async function changeLanguage(ctx: OfficialContext, locale: Language): Promise<void> {
  await setLocale(ctx.deps.prisma, ctx.identity.official.id, locale);
  ctx.identity.official.locale = locale;
  await showSettings(ctx, true);
}

export async function changeReminders(
  ctx: OfficialContext,
  change: { on: boolean } | { snoozeDays: 0 | 1 | 7 },
): Promise<void> {
  const { official } = ctx.identity;
  if ('on' in change) {
    await setReminders(ctx.deps.prisma, official.id, { remindersOff: !change.on, snoozedUntil: null });
    official.remindersOff = !change.on;
    official.snoozedUntil = null;
  } else {
    const until = change.snoozeDays === 0 ? null : new Date(ctx.now.getTime() + change.snoozeDays * 86_400_000);
    await setReminders(ctx.deps.prisma, official.id, { snoozedUntil: until });
    official.snoozedUntil = until;
  }
  await showSettings(ctx, true);
}

function formatInstant(instant: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('vi-VN', {
    timeZone,
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).format(instant);
}

/** The switch under a duty or a reminder: no more reminders about this duty (or again). */
export async function changeDutyReminders(ctx: OfficialContext, dutyId: number, on: boolean): Promise<void> {
  const title = await dutyTitle(ctx.deps.prisma, dutyId);
  if (title === undefined) {
    ctx.reply({ text: [ctx.t('duty-not-found')] });
    return;
  }
  await setDutyReminders(ctx.deps.prisma, { officialId: ctx.identity.official.id, dutyId }, on);
  ctx.reply({
    text: [ctx.t(on ? 'duty-reminders-now-on' : 'duty-reminders-now-off', { duty: title })],
    choices: [
      {
        label: ctx.t(on ? 'duty-reminders-off' : 'duty-reminders-on'),
        payload: encodeAction({ kind: 'duty-reminders', dutyId, on: !on }),
      },
    ],
    choiceHint: ctx.t('choice-hint'),
  });
}
