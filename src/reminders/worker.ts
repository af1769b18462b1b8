// The reminder worker: each tick writes newly due reminders to the ledger, then claims and sends them.
import { dutyCard } from '../../handlers/duty.js';
import { encodeAction } from '../../handlers/payload.js';
import { bold } from '../../handlers/rich.js';
import type { Reply } from '../../handlers/types.js';
import type { OutgoingChannel } from '../channels/channel.js';
import type { Config } from '../config.js';
import { updateConversation } from '../db/conversations.js';
import type { PrismaClient } from '../db/database.js';
import { listOccurrences, type OccurrenceView } from '../db/occurrences.js';
import type { ChannelName } from '../db/officials.js';
import {
  type ClaimedReminder,
  claimDueReminders,
  expandedRuns,
  expandRun,
  finishReminder,
  loadPolicyOverrides,
  type PolicyChange,
  recordChannelSent,
  reminderRecipients,
} from '../db/reminders.js';
import { addDays, type LocalDate, localDateAt } from '../domain/dates.js';
import { instantAt, isoWithOffset } from '../domain/zoned.js';
import type { Translations } from '../i18n.js';
import type { Logger } from '../logger.js';
import {
  effectivePolicy,
  longestLead,
  nextWorkingInstant,
  OVERDUE_USEFUL_DAYS,
  planReminders,
  type ReminderPolicy,
  type WorkingCalendar,
} from './policy.js';

/** A claimed reminder not finished by then is taken over by another instance (its holder died). */
export const CLAIM_LEASE_MS = 120_000;
/** Sends per claim round; a tick keeps claiming until nothing is due or its time is up. */
const BATCH = 100;
/** Failed sends are retried with growing waits, then given up with the reason recorded. */
export const MAX_ATTEMPTS = 6;
export function retryDelayMs(attempt: number): number {
  return Math.min(30_000 * 2 ** (attempt - 1), 3_600_000);
}

export interface TickResult {
  expanded: number;
  written: number;
  sent: number;
  retried: number;
  failed: number;
  cancelled: number;
  deferred: number;
}

export interface PreviewRow {
  at: string;
  official: string;
  unit: string;
  channels: ChannelName[];
  kind: string;
  dutyKey: string;
  windowStart: string;
  windowEnd: string;
}

export interface ReminderWorker {
  tick(now: Date, options?: { budgetMs?: number }): Promise<TickResult>;
  /** What would be sent to whom and when, due from the start of `from` to the end of `to`, without sending or writing. */
  preview(from: LocalDate, to: LocalDate): Promise<PreviewRow[]>;
}

export interface ReminderWorkerOptions {
  prisma: PrismaClient;
  config: Config;
  channels: Partial<Record<ChannelName, OutgoingChannel>>;
  translations: Translations;
  logger: Logger;
  /** Names this process's claims in the ledger. */
  instance: string;
}

export function createReminderWorker(options: ReminderWorkerOptions): ReminderWorker {
  const { prisma, config, logger } = options;
  const log = logger.child({ part: 'reminders' });
  const calendarFor = (timeZone: string): WorkingCalendar => ({ ...config.reminders.calendar, timeZone });

  async function policyFor(
    overrides: Map<string, PolicyChange>,
    planId: number,
    dutyId: number,
  ): Promise<ReminderPolicy> {
    return effectivePolicy(config.reminders.policy, overrides.get(`plan:${planId}`), overrides.get(`duty:${dutyId}`));
  }

  /** How far ahead of a window its earliest reminder can be, over the global policy and every change to it. */
  function longestLeadOf(overrides: Map<string, PolicyChange>): number {
    return Math.max(
      longestLead(config.reminders.policy),
      ...[...overrides.values()].map((change) => longestLead({ beforeOpenDays: change.beforeOpenDays ?? [] })),
    );
  }

  /** Plans' time zones and the plan of each duty, for the windows found. */
  async function planInfo(occurrences: OccurrenceView[]) {
    const duties = await prisma.duty.findMany({
      where: { id: { in: [...new Set(occurrences.map((o) => o.dutyId))] } },
      select: { id: true, plan: { select: { id: true, timeZone: true } } },
    });
    return new Map(duties.map((duty) => [duty.id, duty.plan]));
  }

  /** Writes to the ledger every reminder that is due now and still useful, once per (window, kind). */
  async function expandDue(now: Date): Promise<{ expanded: number; written: number }> {
    const overrides = await loadPolicyOverrides(prisma);
    const lead = longestLeadOf(overrides);
    const today = localDateAt(now, config.defaultTimeZone);
    // Windows a reminder can be about now: from those closed within the overdue catch-up to those opening within the longest lead.
    const occurrences = await listOccurrences(prisma, {
      from: addDays(today, -(OVERDUE_USEFUL_DAYS + 2)),
      to: addDays(today, lead + 2),
    });
    if (occurrences.length === 0) return { expanded: 0, written: 0 };
    const [plans, done] = await Promise.all([
      planInfo(occurrences),
      expandedRuns(
        prisma,
        occurrences.map((o) => o.id),
      ),
    ]);
    let expanded = 0;
    let written = 0;
    for (const occurrence of occurrences) {
      const plan = plans.get(occurrence.dutyId);
      if (!plan) continue;
      const policy = await policyFor(overrides, plan.id, occurrence.dutyId);
      const calendar = calendarFor(plan.timeZone);
      for (const reminder of planReminders({ start: occurrence.start, end: occurrence.end }, policy, calendar)) {
        if (reminder.dueAt > now || done.has(`${occurrence.id}:${reminder.kind}`)) continue;
        // Missed during downtime and no longer useful (a "before it opens" after it opened): not sent, and not looked at again.
        const useful = now < reminder.usefulUntil;
        const recipients = useful
          ? await reminderRecipients(prisma, occurrence, {
              coordinating: policy.coordinating && reminder.kind !== 'overdue',
            })
          : [];
        const entries = recipients.map((recipient) => ({
          officialId: recipient.officialId,
          // Snoozed officials get it when the snooze ends, in working time, if it is still useful then.
          dueAt:
            recipient.snoozedUntil && recipient.snoozedUntil > reminder.dueAt
              ? nextWorkingInstant(recipient.snoozedUntil, calendar)
              : reminder.dueAt,
          expiresAt: reminder.usefulUntil,
        }));
        if (await expandRun(prisma, occurrence.id, reminder.kind, entries)) {
          expanded += 1;
          written += entries.length;
          if (!useful)
            log.info(
              { occurrenceId: occurrence.id, kind: reminder.kind },
              'reminder missed while down and no longer useful: skipped',
            );
        }
      }
    }
    return { expanded, written };
  }

  /** Sends one claimed reminder to every platform of the official it has not reached yet. */
  /** What one tick has already loaded: many officials of a unit get the same card about the same window. */
  interface TickCache {
    occurrences: Map<
      number,
      Promise<{ dutyId: number; duty: { retiredAt: Date | null; plan: { timeZone: string } } } | null>
    >;
    cards: Map<string, ReturnType<typeof dutyCard>>;
  }

  async function send(
    claim: ClaimedReminder,
    now: Date,
    cache: TickCache,
  ): Promise<'sent' | 'retried' | 'failed' | 'cancelled' | 'deferred'> {
    const finish = (outcome: Parameters<typeof finishReminder>[3]) =>
      finishReminder(prisma, claim.id, options.instance, outcome);
    if (claim.expiresAt && claim.expiresAt <= now) {
      await finish({ state: 'cancelled', reason: 'no longer useful' });
      return 'cancelled';
    }
    const official = await prisma.official.findUnique({
      where: { id: claim.officialId },
      select: {
        id: true,
        locale: true,
        status: true,
        remindersOff: true,
        snoozedUntil: true,
        unit: { select: { id: true, level: true, name: true, shortName: true } },
        accounts: {
          where: { active: true, channel: { in: ['telegram', 'zalo'] } },
          select: { channel: true, chatId: true },
          orderBy: { id: 'asc' },
        },
      },
    });
    let occurrencePromise = cache.occurrences.get(claim.occurrenceId);
    if (!occurrencePromise) {
      occurrencePromise = prisma.occurrence.findUnique({
        where: { id: claim.occurrenceId },
        select: { dutyId: true, duty: { select: { retiredAt: true, plan: { select: { timeZone: true } } } } },
      });
      cache.occurrences.set(claim.occurrenceId, occurrencePromise);
    }
    const occurrence = await occurrencePromise;
    // Everything is checked again at sending: the official may have opted out, the unit reported done, the duty been retired.
    const stop =
      official?.status !== 'active' || official.remindersOff
        ? 'official not reachable or reminders off'
        : !occurrence || occurrence.duty.retiredAt
          ? 'duty retired'
          : (await prisma.reminderOptOut.count({ where: { officialId: official.id, dutyId: occurrence.dutyId } })) > 0
            ? 'opted out of this duty'
            : (await prisma.occurrenceStatus.count({
                  where: { occurrenceId: claim.occurrenceId, unitId: official.unit.id, status: 'done' },
                })) > 0
              ? 'unit reported done'
              : undefined;
    if (stop || !official || !occurrence) {
      await finish({ state: 'cancelled', reason: stop ?? 'gone' });
      return 'cancelled';
    }
    if (official.snoozedUntil && official.snoozedUntil > now) {
      await finish({
        state: 'deferred',
        until: nextWorkingInstant(official.snoozedUntil, calendarFor(occurrence.duty.plan.timeZone)),
      });
      return 'deferred';
    }
    const targets = official.accounts.filter(
      (account) => !claim.channelsSent.includes(account.channel) && options.channels[account.channel as ChannelName],
    );
    if (official.accounts.length === 0) {
      await finish({ state: 'failed', reason: 'no active Telegram or Zalo account' });
      return 'failed';
    }
    const t = options.translations[official.locale];
    const today = localDateAt(now, occurrence.duty.plan.timeZone);
    // The same for every official of the unit who gets it (opted-out officials were stopped above).
    const cardKey = `${claim.occurrenceId}:${official.unit.id}:${official.locale}:${today}`;
    let cardPromise = cache.cards.get(cardKey);
    if (!cardPromise) {
      cardPromise = dutyCard(prisma, t, today, { occurrenceId: claim.occurrenceId }, official);
      cache.cards.set(cardKey, cardPromise);
    }
    const card = await cardPromise;
    if (!card) {
      await finish({ state: 'cancelled', reason: 'occurrence gone' });
      return 'cancelled';
    }
    const { details } = card;
    const window = details.occurrence;
    const header = t('reminder-header', {
      kind: claim.kind.replace(/-\d+$/, ''),
      days: Number(claim.kind.match(/(\d+)$/)?.[1] ?? 0),
    });
    const choices = [
      ...card.choices,
      { label: t('settings-snooze-day'), payload: encodeAction({ kind: 'snooze', days: 1 }) },
    ];
    const reply: Reply = {
      text: [bold(header), '\n\n', ...card.text],
      choices,
      columns: 3,
      choiceHint: t('choice-hint'),
    };
    let failure: string | undefined;
    let reached = claim.channelsSent.length;
    for (const account of targets) {
      const channel = options.channels[account.channel as ChannelName];
      if (!channel) continue;
      const outcome = await channel.deliver(account.chatId, [reply]);
      if (outcome.ok) {
        reached += 1;
        await recordChannelSent(prisma, claim.id, options.instance, account.channel);
        // Numbered answers ("1" = Done) refer to this reminder now.
        await updateConversation(prisma, account.channel as ChannelName, account.chatId, {
          choices: choices.map((choice) => choice.payload),
        });
      } else if (outcome.reason === 'failed') failure = outcome.error;
    }
    if (failure === undefined) {
      if (reached === 0) {
        await finish({ state: 'failed', reason: 'every account blocked the bot' });
        return 'failed';
      }
      await finish({ state: 'sent', at: now });
      log.debug(
        { id: claim.id, kind: claim.kind, window: window && `${window.start}..${window.end}` },
        'reminder sent',
      );
      return 'sent';
    }
    if (claim.attempts >= MAX_ATTEMPTS) {
      await finish({ state: 'failed', reason: failure });
      log.warn({ id: claim.id, error: failure }, 'reminder given up');
      return 'failed';
    }
    // The platforms reached are recorded: the retry goes only to the others.
    await finish({ state: 'retry', error: failure, at: new Date(now.getTime() + retryDelayMs(claim.attempts)) });
    return 'retried';
  }

  return {
    async tick(now, tickOptions = {}) {
      const started = Date.now();
      const budget = tickOptions.budgetMs ?? 50_000;
      const result: TickResult = { expanded: 0, written: 0, sent: 0, retried: 0, failed: 0, cancelled: 0, deferred: 0 };
      Object.assign(result, await expandDue(now));
      const cache: TickCache = { occurrences: new Map(), cards: new Map() };
      while (Date.now() - started < budget) {
        const claims = await claimDueReminders(prisma, {
          instance: options.instance,
          now,
          limit: BATCH,
          leaseMs: CLAIM_LEASE_MS,
        });
        if (claims.length === 0) break;
        for (const claim of claims) {
          try {
            result[await send(claim, now, cache)] += 1;
          } catch (error) {
            // Left claimed: after the lease another tick (here or elsewhere) tries again.
            log.error({ err: error, id: claim.id }, 'sending a reminder failed');
          }
        }
      }
      if (result.expanded || result.sent || result.failed) log.info(result, 'reminder tick');
      return result;
    },
    async preview(from, to) {
      const overrides = await loadPolicyOverrides(prisma);
      const lead = longestLeadOf(overrides);
      const occurrences = await listOccurrences(prisma, {
        from: addDays(from, -(OVERDUE_USEFUL_DAYS + 2)),
        to: addDays(to, lead + 2),
      });
      const plans = await planInfo(occurrences);
      const rows: (PreviewRow & { sortKey: number })[] = [];
      for (const occurrence of occurrences) {
        const plan = plans.get(occurrence.dutyId);
        if (!plan) continue;
        const policy = await policyFor(overrides, plan.id, occurrence.dutyId);
        const calendar = calendarFor(plan.timeZone);
        const start = instantAt(from, 0, plan.timeZone);
        const end = instantAt(addDays(to, 1), 0, plan.timeZone);
        const due = planReminders({ start: occurrence.start, end: occurrence.end }, policy, calendar).filter(
          (r) => r.dueAt >= start && r.dueAt < end,
        );
        if (due.length === 0) continue;
        for (const reminder of due) {
          const recipients = await reminderRecipients(prisma, occurrence, {
            coordinating: policy.coordinating && reminder.kind !== 'overdue',
          });
          for (const recipient of recipients) {
            const at =
              recipient.snoozedUntil && recipient.snoozedUntil > reminder.dueAt
                ? nextWorkingInstant(recipient.snoozedUntil, calendar)
                : reminder.dueAt;
            if (at >= reminder.usefulUntil) continue;
            rows.push({
              sortKey: at.getTime(),
              at: isoWithOffset(at, plan.timeZone),
              official: recipient.officialName,
              unit: recipient.unitCode,
              channels: recipient.channels,
              kind: reminder.kind,
              dutyKey: occurrence.dutyKey,
              windowStart: occurrence.start,
              windowEnd: occurrence.end,
            });
          }
        }
      }
      return rows
        .sort((a, b) => a.sortKey - b.sortKey || a.official.localeCompare(b.official))
        .map(({ sortKey: _sortKey, ...row }) => row);
    },
  };
}
