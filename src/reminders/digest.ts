// The admins' daily digest: what opens this week, what closes, who is overdue; once per admin and day.

import { formatWindow, MAX_LINES } from '../ask/reply.js';
import type { OutgoingChannel } from '../channels/channel.js';
import { bold } from '../chat/rich.js';
import type { Reply, RichText } from '../chat/types.js';
import type { PrismaClient } from '../db/database.js';
import { listOccurrences, type OccurrenceView } from '../db/occurrences.js';
import type { ChannelName } from '../db/officials.js';
import { digestRecipients } from '../db/officials.js';
import { claimDigest } from '../db/reminders.js';
import { overdueOccurrences } from '../db/reports.js';
import { addDays, type LocalDate } from '../domain/dates.js';
import type { Translate, Translations } from '../i18n.js';
import type { Logger } from '../logger.js';

export interface DigestContent {
  opening: OccurrenceView[];
  closing: OccurrenceView[];
  overdue: { occurrence: OccurrenceView; missing: string[] }[];
}

export async function digestContent(prisma: PrismaClient, today: LocalDate): Promise<DigestContent> {
  const week = { from: today, to: addDays(today, 6) };
  const windows = await listOccurrences(prisma, week);
  const overdue = await overdueOccurrences(prisma, today, { since: addDays(today, -30) });
  return {
    opening: windows.filter((o) => o.start >= week.from && o.start <= week.to),
    closing: windows.filter((o) => o.end >= week.from && o.end <= week.to),
    overdue: overdue.map((item) => ({
      occurrence: item.occurrence,
      missing: item.missing.map((unit) => unit.shortName ?? unit.name),
    })),
  };
}

export function digestReply(content: DigestContent, today: LocalDate, t: Translate): Reply {
  const [year, month, day] = today.split('-');
  const text: RichText = [bold(t('digest-title', { date: `${day}/${month}/${year}` }))];
  const section = (title: string, lines: string[]) => {
    if (lines.length === 0) return;
    text.push('\n\n', bold(title), '\n', lines.slice(0, MAX_LINES).join('\n'));
    if (lines.length > MAX_LINES) text.push('\n', t('more-todo', { count: lines.length - MAX_LINES }));
  };
  const line = (o: OccurrenceView) => `• ${formatWindow(o.start, o.end)} — ${o.title} [${o.ref}]`;
  section(t('digest-opening', { count: content.opening.length }), content.opening.map(line));
  section(t('digest-closing', { count: content.closing.length }), content.closing.map(line));
  section(
    t('digest-overdue', { count: content.overdue.length }),
    content.overdue.map(
      (item) =>
        `${line(item.occurrence)}\n  ${t('overdue-missing', { count: item.missing.length, units: item.missing.slice(0, 3).join(', ') + (item.missing.length > 3 ? ` +${item.missing.length - 3}` : '') })}`,
    ),
  );
  if (!content.opening.length && !content.closing.length && !content.overdue.length)
    text.push('\n', t('digest-nothing'));
  return { text };
}

/** Sends today's digest to every active admin and leader who has not had it (claimed per admin and day, so once). */
export async function sendDigests(options: {
  prisma: PrismaClient;
  channels: Partial<Record<ChannelName, OutgoingChannel>>;
  translations: Translations;
  logger: Logger;
  today: LocalDate;
}): Promise<number> {
  const { prisma } = options;
  // Leaders (a unit's head, an observer) read the same digest.
  const admins = await digestRecipients(prisma);
  const reachable = admins.filter((admin) =>
    admin.accounts.some((account) => options.channels[account.channel as ChannelName]),
  );
  if (reachable.length === 0) return 0;
  const content = await digestContent(prisma, options.today);
  let sent = 0;
  for (const admin of reachable) {
    if (!(await claimDigest(prisma, admin.id, options.today))) continue;
    const reply = digestReply(content, options.today, options.translations[admin.locale]);
    for (const account of admin.accounts) {
      const outcome = await options.channels[account.channel as ChannelName]?.deliver(account.chatId, [reply]);
      if (outcome && !outcome.ok)
        options.logger.warn(
          { officialId: admin.id, channel: account.channel, error: outcome.error },
          'digest not delivered',
        );
    }
    sent += 1;
  }
  return sent;
}
