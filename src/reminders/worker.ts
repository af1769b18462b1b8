// The reminder worker: each tick writes newly due reminders to the ledger; ticks and a sending loop claim and send them.
import { setTimeout as sleep } from 'node:timers/promises';
import type { OutgoingChannel } from '../channels/channel.js';
import { dutyCard } from '../chat/duty-card.js';
import { encodeAction } from '../chat/payload.js';
import { bold } from '../chat/rich.js';
import type { Reply } from '../chat/types.js';
import type { Config } from '../config.js';
import { updateConversation } from '../db/conversations.js';
import type { PrismaClient } from '../db/database.js';
import {
  escalationRecipients,
  escalationSubject,
  unitDeadline,
  unitDeadlinesBetween,
  unitsAndIssuers,
} from '../db/escalation.js';
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
  plansOfDuties,
  type ReminderAddressee,
  type ReminderWindow,
  recordChannelSent,
  releaseReminderClaims,
  reminderAddressee,
  reminderNoLongerWanted,
  reminderRecipients,
  reminderWindow,
  renewReminderClaims,
} from '../db/reminders.js';
import { addDays, type LocalDate, localDateAt } from '../domain/dates.js';
import { completionAccepted, followUpStatus } from '../domain/follow-up.js';
import { instantAt, isoWithOffset } from '../domain/zoned.js';
import type { Translate, Translations } from '../i18n.js';
import { createHeartbeat, LEASE_MS } from '../leases.js';
import type { Logger } from '../logger.js';
import {
  escalationLedgerKind,
  ledgerKindInfo,
  longestOverdueLead,
  planOverdue,
  stillOverdue,
  supervisingUnitId,
} from './escalation.js';
import {
  dueForRecipient,
  effectivePolicy,
  longestLead,
  nextWorkingInstant,
  OVERDUE_USEFUL_DAYS,
  type PlannedReminder,
  planReminders,
  type ReminderPolicy,
  type WorkingCalendar,
} from './policy.js';

/**
 * A claimed reminder not finished by then is taken over by another instance (its holder died); a live holder's
 * heartbeat keeps extending it while it sends.
 */
export const CLAIM_LEASE_MS = LEASE_MS;
/** How often the sending loop looks for due reminders (retries, snoozes ended, a dead instance's claims). */
export const SENDING_LOOP_MS = 2_000;
/** Reminders sent at once within a round. */
const SEND_LANES = 8;
/** Sends per claim round; a tick keeps claiming until nothing is due or its time is up. */
const BATCH = 100;
/** A tick spends at most this long writing newly due reminders into the ledger; the rest goes at the next ticks. */
export const EXPAND_BUDGET_MS = 3_000;
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
  /** Writes what is due at `now` to the ledger, then claims and sends what is due. */
  /** `expandBudgetMs`: how long writing newly due reminders may take (the rest waits for the next tick). */
  tick(now: Date, options?: { budgetMs?: number; expandBudgetMs?: number }): Promise<TickResult>;
  /** Claims and sends what is due every few seconds, until stopped (the ticks keep expanding). */
  start(): void;
  stop(): Promise<void>;
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
  /** The sending loop's clock (tests move it). */
  now?: () => Date;
  loopMs?: number;
}

export function createReminderWorker(options: ReminderWorkerOptions): ReminderWorker {
  const { prisma, config, logger } = options;
  const log = logger.child({ part: 'reminders' });
  const clock = options.now ?? (() => new Date());
  const abort = new AbortController();
  let loop: Promise<void> | undefined;
  /** Where the sending in progress stands on the ledger's clock: a tick's `now` moved on by the time it has taken. */
  let sendingClock: (() => number) | undefined;
  const heartbeat = createHeartbeat(
    () =>
      renewReminderClaims(
        prisma,
        options.instance,
        new Date((sendingClock ?? (() => clock().getTime()))() + CLAIM_LEASE_MS),
      ),
    { onError: (error) => log.warn({ err: error }, 'renewing reminder claims failed') },
  );
  const calendarFor = (timeZone: string): WorkingCalendar => ({ ...config.reminders.calendar, timeZone });

  /** How far ahead of a window its earliest reminder can be, over the global policy and every change to it. */
  function longestLeadOf(overrides: Map<string, PolicyChange>): number {
    return Math.max(
      longestLead(config.reminders.policy),
      ...[...overrides.values()].map((change) => longestLead({ beforeOpenDays: change.beforeOpenDays ?? [] })),
    );
  }

  /**
   * The windows of a period of days with the reminders their plan's policy gives them: what a tick writes
   * and what a preview shows are the same planning.
   */
  async function plannedWindows(from: LocalDate, to: LocalDate): Promise<PlannedWindow[]> {
    const overrides = await loadPolicyOverrides(prisma);
    // Windows a reminder can be about: from those closed within the overdue catch-up to those opening within the longest lead.
    const occurrences = await listOccurrences(prisma, {
      from: addDays(from, -(OVERDUE_USEFUL_DAYS + 2)),
      to: addDays(to, longestLeadOf(overrides) + 2),
    });
    const plans = await plansOfDuties(
      prisma,
      occurrences.map((o) => o.dutyId),
    );
    return occurrences.flatMap((occurrence) => {
      const plan = plans.get(occurrence.dutyId);
      if (!plan) return [];
      const policy = effectivePolicy(
        config.reminders.policy,
        overrides.get(`plan:${plan.id}`),
        overrides.get(`duty:${occurrence.dutyId}`),
      );
      const calendar = calendarFor(plan.timeZone);
      // Overdue reminders follow each unit's deadline in force (escalation.ts), not the window's end.
      const reminders = planReminders(
        { start: occurrence.start, end: occurrence.end },
        { ...policy, overdue: false },
        calendar,
      );
      return [{ occurrence, policy, calendar, timeZone: plan.timeZone, reminders }];
    });
  }

  function recipientsOf(window: PlannedWindow, _reminder: PlannedReminder) {
    return reminderRecipients(prisma, window.occurrence, { coordinating: window.policy.coordinating });
  }

  /**
   * Overdue reminders and escalations due now, written to the ledger once each: the lead units past their deadline in
   * force without an accepted done, grouped by window and deadline (units with the same deadline share a run), each
   * escalation a run of its own per unit.
   */
  async function expandOverdue(
    now: Date,
    started: number,
    budgetMs: number,
  ): Promise<{ expanded: number; written: number }> {
    const settings = config.reminders.escalation;
    if (settings.maxReminders === 0 && settings.escalateAfter === 0) return { expanded: 0, written: 0 };
    const today = localDateAt(now, config.defaultTimeZone);
    const rows = await unitDeadlinesBetween(prisma, {
      from: addDays(today, -(longestOverdueLead(settings) + 2)),
      to: addDays(today, 1),
    });
    if (rows.length === 0) return { expanded: 0, written: 0 };
    const overrides = await loadPolicyOverrides(prisma);
    const done = await expandedRuns(prisma, [...new Set(rows.map((row) => row.occurrenceId))]);
    interface Run {
      occurrenceId: number;
      dutyId: number;
      planId: number;
      runKind: string;
      ledgerKind: string;
      dueAt: Date;
      usefulUntil: Date;
      unitIds: number[];
      escalate: boolean;
      timeZone: string;
    }
    const runs = new Map<string, Run>();
    for (const row of rows) {
      const policy = effectivePolicy(
        config.reminders.policy,
        overrides.get(`plan:${row.planId}`),
        overrides.get(`duty:${row.dutyId}`),
      );
      if (!policy.overdue) continue;
      const status = followUpStatus({ ...row, today: localDateAt(now, row.timeZone) });
      if (status.state !== 'overdue') continue;
      for (const step of planOverdue(row.deadline, settings, calendarFor(row.timeZone))) {
        if (step.dueAt > now || !stillOverdue(status, step.daysLate)) continue;
        const escalate = step.kind.startsWith('escalate-');
        const ledgerKind = escalate ? escalationLedgerKind(step.kind as `escalate-${number}`, row.unitId) : step.kind;
        // Units of one window with one deadline share a run; another deadline (an extension) is a run of its own.
        const runKind = escalate ? ledgerKind : `${step.kind}@${row.deadline}`;
        const key = `${row.occurrenceId}:${runKind}`;
        if (done.has(key)) continue;
        const run = runs.get(key) ?? {
          occurrenceId: row.occurrenceId,
          dutyId: row.dutyId,
          planId: row.planId,
          runKind,
          ledgerKind,
          dueAt: step.dueAt,
          usefulUntil: step.usefulUntil,
          unitIds: [],
          escalate,
          timeZone: row.timeZone,
        };
        run.unitIds.push(row.unitId);
        runs.set(key, run);
      }
    }
    const due = [...runs.values()].sort((a, b) => a.usefulUntil.getTime() - b.usefulUntil.getTime());
    if (due.length === 0) return { expanded: 0, written: 0 };
    const { units, issuers } = await unitsAndIssuers(
      prisma,
      due.flatMap((run) => run.unitIds),
      due.map((run) => run.planId),
    );
    let expanded = 0;
    let written = 0;
    for (const run of due) {
      if (performance.now() - started > budgetMs && expanded > 0) break;
      const useful = now < run.usefulUntil;
      let entries: { officialId: number; dueAt: Date; expiresAt: Date }[] = [];
      if (useful && run.escalate) {
        const unit = units.get(run.unitIds[0] ?? 0);
        const supervisorId = unit ? supervisingUnitId(unit, issuers.get(run.planId) ?? null) : null;
        const recipients = unit ? await escalationRecipients(prisma, { id: unit.id, supervisorId }) : [];
        entries = recipients.map((r) => ({ officialId: r.officialId, dueAt: run.dueAt, expiresAt: run.usefulUntil }));
      } else if (useful) {
        const calendar = calendarFor(run.timeZone);
        const wanted = new Set(run.unitIds);
        const recipients = (
          await reminderRecipients(prisma, { id: run.occurrenceId, dutyId: run.dutyId }, { coordinating: false })
        ).filter((r) => wanted.has(r.unitId));
        entries = recipients.map((r) => ({
          officialId: r.officialId,
          dueAt: dueForRecipient(run.dueAt, r.snoozedUntil, calendar),
          expiresAt: run.usefulUntil,
        }));
      }
      // Escalations are for the supervisors, never for the unit's own group.
      const groups =
        useful && !run.escalate ? { dueAt: run.dueAt, expiresAt: run.usefulUntil, unitIds: run.unitIds } : undefined;
      if (await expandRun(prisma, run.occurrenceId, run.runKind, entries, run.ledgerKind, groups)) {
        expanded += 1;
        written += entries.length;
      }
    }
    return { expanded, written };
  }

  /** Writes to the ledger every reminder that is due now and still useful, once per (window, kind). */
  async function expandDue(now: Date, budgetMs: number): Promise<{ expanded: number; written: number }> {
    const started = performance.now();
    const today = localDateAt(now, config.defaultTimeZone);
    const overdue = await expandOverdue(now, started, budgetMs);
    const windows = await plannedWindows(today, today);
    if (windows.length === 0) return overdue;
    const done = await expandedRuns(
      prisma,
      windows.map((w) => w.occurrence.id),
    );
    // Due and not yet written, the soonest to stop being useful first: when a large plan has just been imported,
    // a tick writes what its budget allows and the next ticks the rest, before any of it is too late.
    const due = windows
      .flatMap((window) => window.reminders.map((reminder) => ({ window, reminder })))
      .filter(({ window, reminder }) => reminder.dueAt <= now && !done.has(`${window.occurrence.id}:${reminder.kind}`))
      .sort((a, b) => a.reminder.usefulUntil.getTime() - b.reminder.usefulUntil.getTime());
    let expanded = overdue.expanded;
    let written = overdue.written;
    for (const [index, { window, reminder }] of due.entries()) {
      // At least one a tick, so a tick always makes progress.
      if ((index > 0 || expanded > 0) && performance.now() - started > budgetMs) {
        log.info({ left: due.length - index, written }, 'reminders left for the next tick');
        break;
      }
      // Missed during downtime and no longer useful (a "before it opens" after it opened): not sent, and not looked at again.
      const useful = now < reminder.usefulUntil;
      const recipients = useful ? await recipientsOf(window, reminder) : [];
      const entries = recipients.map((recipient) => ({
        officialId: recipient.officialId,
        dueAt: dueForRecipient(reminder.dueAt, recipient.snoozedUntil, window.calendar),
        expiresAt: reminder.usefulUntil,
      }));
      const groups = useful ? { dueAt: reminder.dueAt, expiresAt: reminder.usefulUntil } : undefined;
      if (await expandRun(prisma, window.occurrence.id, reminder.kind, entries, reminder.kind, groups)) {
        expanded += 1;
        written += entries.length;
        if (!useful)
          log.info(
            { occurrenceId: window.occurrence.id, kind: reminder.kind },
            'reminder missed while down and no longer useful: skipped',
          );
      }
    }
    return { expanded, written };
  }

  /** What one tick has already loaded: many officials of a unit get the same card about the same window. */
  interface TickCache {
    windows: Map<number, Promise<ReminderWindow | undefined>>;
    cards: Map<string, ReturnType<typeof dutyCard>>;
  }

  /** Why the reminder must not go out now, checked again at sending: anything may have changed since it was written. */
  async function stopReason(
    claim: ClaimedReminder,
    official: ReminderAddressee | undefined,
    window: ReminderWindow | undefined,
    now: Date,
  ): Promise<string | undefined> {
    if (official?.status !== 'active' || official.remindersOff) return 'official not reachable or reminders off';
    if (!window || window.retired) return 'duty retired';
    const info = ledgerKindInfo(claim.kind);
    if (info.type === 'escalate')
      return (await overdueStill(claim.occurrenceId, info.unitId, info.daysLate, now))
        ? undefined
        : 'unit done or deadline extended';
    if (official.role === 'leader') return 'leaders are not asked to report';
    const unwanted = await reminderNoLongerWanted(prisma, {
      officialId: official.id,
      dutyId: window.dutyId,
      occurrenceId: claim.occurrenceId,
      unitId: official.unit.id,
    });
    if (unwanted || info.type !== 'overdue') return unwanted;
    return (await overdueStill(claim.occurrenceId, official.unit.id, info.daysLate, now))
      ? undefined
      : 'unit done or deadline extended';
  }

  /** Whether a unit is still overdue on a window by at least `daysLate`, with its deadline in force as it is now. */
  async function overdueStill(occurrenceId: number, unitId: number, daysLate: number, now: Date): Promise<boolean> {
    const row = await unitDeadline(prisma, occurrenceId, unitId);
    if (!row) return false;
    return stillOverdue(followUpStatus({ ...row, today: localDateAt(now, row.timeZone) }), daysLate);
  }

  /** An escalation: which unit is how late on what; no report buttons (the reader is not the one to report). */
  async function escalationReply(claim: ClaimedReminder, official: ReminderAddressee): Promise<Reply | undefined> {
    const info = ledgerKindInfo(claim.kind);
    if (info.type !== 'escalate') return undefined;
    const subject = await escalationSubject(prisma, claim.occurrenceId, info.unitId);
    if (!subject) return undefined;
    const t = options.translations[official.locale];
    return {
      text: [
        bold(t('escalation-header', { days: info.daysLate })),
        '\n\n',
        t('escalation-body', { unit: subject.unitName, days: info.daysLate, duty: subject.title, ref: subject.ref }),
      ],
    };
  }

  /** The reminder as the official reads it: a header, then the duty card with its report buttons. */
  async function reminderReply(
    claim: ClaimedReminder,
    official: ReminderAddressee,
    window: ReminderWindow,
    now: Date,
    cache: TickCache,
  ): Promise<Reply | undefined> {
    const t = options.translations[official.locale];
    const today = localDateAt(now, window.timeZone);
    // The same for every official of the unit who gets it (opted-out officials were stopped before).
    const cardKey = `${claim.occurrenceId}:${official.unit.id}:${official.locale}:${today}`;
    let cardPromise = cache.cards.get(cardKey);
    if (!cardPromise) {
      cardPromise = dutyCard(prisma, t, today, { occurrenceId: claim.occurrenceId }, official);
      cache.cards.set(cardKey, cardPromise);
    }
    const card = await cardPromise;
    if (!card) return undefined;
    const header = reminderHeader(t, claim.kind);
    return {
      text: [bold(header), '\n\n', ...card.text],
      choices: [
        ...card.choices,
        { label: t('settings-snooze-day'), payload: encodeAction({ kind: 'snooze', days: 1 }) },
      ],
      columns: 3,
      choiceHint: t('choice-hint'),
    };
  }

  /** Sends to every platform of the official the reminder has not reached yet; what was reached is recorded at once. */
  async function deliver(
    claim: ClaimedReminder,
    official: ReminderAddressee,
    reply: Reply,
  ): Promise<{ reached: number; failure: string | undefined }> {
    let failure: string | undefined;
    let reached = claim.channelsSent.length;
    for (const account of official.accounts) {
      const channel = options.channels[account.channel];
      if (claim.channelsSent.includes(account.channel) || !channel) continue;
      const outcome = await channel.deliver(account.chatId, [reply]);
      if (outcome.ok) {
        reached += 1;
        await recordChannelSent(prisma, claim.id, options.instance, account.channel);
        // Numbered answers ("1" = Done) refer to this reminder now (an escalation has none: the last ones stay).
        if (reply.choices?.length)
          await updateConversation(prisma, account.channel, account.chatId, {
            choices: (reply.choices ?? []).map((choice) => choice.payload),
          });
      } else if (outcome.reason === 'failed') failure = outcome.error;
    }
    return { reached, failure };
  }

  /** One claimed reminder: checked again, sent, and its outcome recorded in the ledger. */
  async function send(claim: ClaimedReminder, now: Date, cache: TickCache): Promise<SendResult> {
    const finish = (outcome: Parameters<typeof finishReminder>[3]) =>
      finishReminder(prisma, claim.id, options.instance, outcome);
    if (claim.expiresAt && claim.expiresAt <= now) {
      await finish({ state: 'cancelled', reason: 'no longer useful' });
      return 'cancelled';
    }
    let windowPromise = cache.windows.get(claim.occurrenceId);
    if (!windowPromise) {
      windowPromise = reminderWindow(prisma, claim.occurrenceId);
      cache.windows.set(claim.occurrenceId, windowPromise);
    }
    const [official, window] = await Promise.all([reminderAddressee(prisma, claim.officialId), windowPromise]);
    const stop = await stopReason(claim, official, window, now);
    if (stop || !official || !window) {
      await finish({ state: 'cancelled', reason: stop ?? 'gone' });
      return 'cancelled';
    }
    if (official.snoozedUntil && official.snoozedUntil > now) {
      await finish({
        state: 'deferred',
        until: nextWorkingInstant(official.snoozedUntil, calendarFor(window.timeZone)),
      });
      return 'deferred';
    }
    if (official.accounts.length === 0) {
      await finish({ state: 'failed', reason: 'no active Telegram or Zalo account' });
      return 'failed';
    }
    const reply =
      ledgerKindInfo(claim.kind).type === 'escalate'
        ? await escalationReply(claim, official)
        : await reminderReply(claim, official, window, now, cache);
    if (!reply) {
      await finish({ state: 'cancelled', reason: 'occurrence gone' });
      return 'cancelled';
    }
    const { reached, failure } = await deliver(claim, official, reply);
    if (failure === undefined) {
      if (reached === 0) {
        await finish({ state: 'failed', reason: 'every account blocked the bot' });
        return 'failed';
      }
      await finish({ state: 'sent', at: now });
      log.debug({ id: claim.id, kind: claim.kind, occurrenceId: claim.occurrenceId }, 'reminder sent');
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

  /** Claims and sends due reminders until none is left or the budget is spent; the claims kept alive meanwhile. */
  function sendDue(now: Date, budgetMs: number, result: TickResult): Promise<void> {
    const started = performance.now();
    sendingClock = () => now.getTime() + (performance.now() - started);
    return heartbeat.hold(async () => {
      const cache: TickCache = { windows: new Map(), cards: new Map() };
      while (performance.now() - started < budgetMs && !abort.signal.aborted) {
        // The ledger's clock moves on while a round sends: a dead instance's claims are seen as soon as they lapse.
        const claims = await claimDueReminders(prisma, {
          instance: options.instance,
          now: new Date(now.getTime() + (performance.now() - started)),
          limit: BATCH,
          leaseMs: CLAIM_LEASE_MS,
        });
        if (claims.length === 0) break;
        // A few lanes: a send that waits for its chat's spacing (an official with two reminders due) or a 429 holds
        // up its own lane only, while the others keep the channel's send gate busy.
        let next = 0;
        const unstarted: number[] = [];
        const lane = async () => {
          for (let claim = claims[next++]; claim !== undefined; claim = claims[next++]) {
            // Shutting down: what was not started is given back for another instance (or the next start) at once.
            if (abort.signal.aborted) {
              unstarted.push(claim.id);
              continue;
            }
            try {
              result[await send(claim, now, cache)] += 1;
            } catch (error) {
              // Left claimed: after the lease another round (here or elsewhere) tries again.
              log.error({ err: error, id: claim.id }, 'sending a reminder failed');
            }
          }
        };
        await Promise.all(Array.from({ length: SEND_LANES }, lane));
        if (unstarted.length > 0) await releaseReminderClaims(prisma, options.instance, unstarted);
      }
    });
  }

  /**
   * The overdue reminders and escalations a preview shows: units without an accepted done whose steps fall in the
   * period, as things stand now (a report or an extension in between changes them). Windows older than the planning
   * range of `plannedWindows` are left out.
   */
  async function overduePreview(
    windows: PlannedWindow[],
    from: LocalDate,
    to: LocalDate,
  ): Promise<(PreviewRow & { sortKey: number })[]> {
    const settings = config.reminders.escalation;
    const byId = new Map(windows.map((window) => [window.occurrence.id, window]));
    const deadlines = (
      await unitDeadlinesBetween(prisma, { from: addDays(from, -(longestOverdueLead(settings) + 2)), to })
    ).filter(
      (row) =>
        byId.get(row.occurrenceId)?.policy.overdue &&
        !completionAccepted(row.doneOn, row.review, row.requiresConfirmation),
    );
    const { units, issuers } = await unitsAndIssuers(
      prisma,
      deadlines.map((row) => row.unitId),
      deadlines.map((row) => row.planId),
    );
    const rows: (PreviewRow & { sortKey: number })[] = [];
    for (const row of deadlines) {
      const window = byId.get(row.occurrenceId);
      if (!window) continue;
      const start = instantAt(from, 0, window.timeZone);
      const end = instantAt(addDays(to, 1), 0, window.timeZone);
      for (const step of planOverdue(row.deadline, settings, window.calendar)) {
        if (step.dueAt < start || step.dueAt >= end) continue;
        const escalate = step.kind.startsWith('escalate-');
        const unit = units.get(row.unitId);
        const recipients = escalate
          ? unit
            ? await escalationRecipients(prisma, {
                id: unit.id,
                supervisorId: supervisingUnitId(unit, issuers.get(row.planId) ?? null),
              })
            : []
          : (await reminderRecipients(prisma, window.occurrence, { coordinating: false })).filter(
              (r) => r.unitId === row.unitId,
            );
        for (const recipient of recipients)
          rows.push({
            sortKey: step.dueAt.getTime(),
            at: isoWithOffset(step.dueAt, window.timeZone),
            official: recipient.officialName,
            unit: recipient.unitCode,
            channels: recipient.channels,
            kind: escalate ? escalationLedgerKind(step.kind as `escalate-${number}`, row.unitId) : step.kind,
            dutyKey: window.occurrence.dutyKey,
            windowStart: window.occurrence.start,
            windowEnd: window.occurrence.end,
          });
      }
    }
    return rows;
  }

  const emptyResult = (): TickResult => ({
    expanded: 0,
    written: 0,
    sent: 0,
    retried: 0,
    failed: 0,
    cancelled: 0,
    deferred: 0,
  });

  return {
    async tick(now, tickOptions = {}) {
      const result = emptyResult();
      Object.assign(result, await expandDue(now, tickOptions.expandBudgetMs ?? EXPAND_BUDGET_MS));
      await sendDue(now, tickOptions.budgetMs ?? 50_000, result);
      if (result.expanded || result.sent || result.failed) log.info(result, 'reminder tick');
      return result;
    },
    start() {
      loop ??= (async () => {
        while (!abort.signal.aborted) {
          const result = emptyResult();
          await sendDue(clock(), 50_000, result).catch((error: unknown) =>
            log.error({ err: error }, 'reminder sending round failed'),
          );
          if (result.sent || result.failed) log.info(result, 'reminders sent');
          await sleep(options.loopMs ?? SENDING_LOOP_MS, undefined, { signal: abort.signal }).catch(() => undefined);
        }
      })();
    },
    async stop() {
      abort.abort();
      await loop;
    },
    async preview(from, to) {
      const rows: (PreviewRow & { sortKey: number })[] = [];
      const windows = await plannedWindows(from, to);
      rows.push(...(await overduePreview(windows, from, to)));
      for (const window of windows) {
        const start = instantAt(from, 0, window.timeZone);
        const end = instantAt(addDays(to, 1), 0, window.timeZone);
        for (const reminder of window.reminders.filter((r) => r.dueAt >= start && r.dueAt < end)) {
          for (const recipient of await recipientsOf(window, reminder)) {
            const at = dueForRecipient(reminder.dueAt, recipient.snoozedUntil, window.calendar);
            if (at >= reminder.usefulUntil) continue;
            rows.push({
              sortKey: at.getTime(),
              at: isoWithOffset(at, window.timeZone),
              official: recipient.officialName,
              unit: recipient.unitCode,
              channels: recipient.channels,
              kind: reminder.kind,
              dutyKey: window.occurrence.dutyKey,
              windowStart: window.occurrence.start,
              windowEnd: window.occurrence.end,
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

/** The first line of a reminder about a window (to an official, or to their unit's group), by its ledger kind. */
export function reminderHeader(t: Translate, kind: string): string {
  const info = ledgerKindInfo(kind);
  return info.type === 'overdue'
    ? t('reminder-overdue-days', { days: info.daysLate })
    : info.type === 'nudge'
      ? t('reminder-nudge')
      : t('reminder-header', { kind: kind.replace(/-\d+$/, ''), days: Number(kind.match(/(\d+)$/)?.[1] ?? 0) });
}

type SendResult = 'sent' | 'retried' | 'failed' | 'cancelled' | 'deferred';

interface PlannedWindow {
  occurrence: OccurrenceView;
  policy: ReminderPolicy;
  calendar: WorkingCalendar;
  timeZone: string;
  reminders: PlannedReminder[];
}
