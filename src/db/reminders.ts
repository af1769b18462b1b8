// The reminder ledger: who is reminded of what, claimed before sending so each reminder goes out once.
import { z } from 'zod';
import type { LocalDate } from '../domain/dates.js';
import type { Language } from '../domain/language.js';
import type { Prisma, PrismaClient } from '../generated/prisma/client.js';
import type { UnitLevel } from '../plans/format.js';
import type { ReminderPolicy } from '../reminders/policy.js';
import { recordAudit } from './audit.js';
import { inSlices } from './chunks.js';
import { insertReminderPosts } from './groups.js';
import { claimDueRows, releaseClaims, renewClaims } from './ledger.js';
import type { ChannelName } from './officials.js';

export interface Recipient {
  officialId: number;
  officialName: string;
  unitId: number;
  unitCode: string;
  snoozedUntil: Date | null;
  channels: ChannelName[];
}

/**
 * Who a reminder about one window reaches: active officials of its lead units (and coordinating units
 * when `coordinating`), named or through their level, with reminders on, not opted out of the duty, with
 * a platform to reach them on; units that already reported the window done are left out, so are, for an
 * overdue notice, units that are not leads.
 */
export async function reminderRecipients(
  prisma: PrismaClient,
  occurrence: { id: number; dutyId: number },
  options: { coordinating: boolean },
): Promise<Recipient[]> {
  const roles: ('lead' | 'support')[] = options.coordinating ? ['lead', 'support'] : ['lead'];
  const [named, levels, done, optedOut] = await Promise.all([
    prisma.dutyUnit.findMany({ where: { dutyId: occurrence.dutyId, role: { in: roles } }, select: { unitId: true } }),
    prisma.dutyLevel.findMany({ where: { dutyId: occurrence.dutyId, role: { in: roles } }, select: { level: true } }),
    prisma.occurrenceStatus.findMany({
      where: { occurrenceId: occurrence.id, status: 'done' },
      select: { unitId: true },
    }),
    prisma.reminderOptOut.findMany({ where: { dutyId: occurrence.dutyId }, select: { officialId: true } }),
  ]);
  const doneUnits = new Set(done.map((row) => row.unitId));
  const skipOfficials = new Set(optedOut.map((row) => row.officialId));
  const levelList = [...new Set(levels.map((row) => row.level))] as UnitLevel[];
  const unitFilter: Prisma.OfficialWhereInput[] = [];
  if (named.length > 0) unitFilter.push({ unitId: { in: named.map((row) => row.unitId) } });
  if (levelList.length > 0) unitFilter.push({ unit: { level: { in: levelList } } });
  if (unitFilter.length === 0) return [];
  const officials = await prisma.official.findMany({
    // Leaders (a unit's head, an observer) are never asked to report.
    where: { status: 'active', remindersOff: false, role: { in: ['official', 'admin'] }, OR: unitFilter },
    select: {
      id: true,
      name: true,
      snoozedUntil: true,
      unit: { select: { id: true, code: true } },
      accounts: REACHABLE_ACCOUNTS,
    },
    orderBy: { id: 'asc' },
  });
  return officials
    .filter((o) => !doneUnits.has(o.unit.id) && !skipOfficials.has(o.id) && o.accounts.length > 0)
    .map((o) => ({
      officialId: o.id,
      officialName: o.name,
      unitId: o.unit.id,
      unitCode: o.unit.code,
      snoozedUntil: o.snoozedUntil,
      channels: reachableChannels(o.accounts),
    }));
}

/** An official's accounts a reminder can reach, as a Prisma select: active, on a chat platform, oldest first. */
export const REACHABLE_ACCOUNTS = {
  where: { active: true, channel: { in: ['telegram', 'zalo'] } },
  select: { channel: true },
  orderBy: { id: 'asc' },
} satisfies Prisma.Official$accountsArgs;

/** The platforms those accounts are on, each once. */
export function reachableChannels(accounts: readonly { channel: string }[]): ChannelName[] {
  return [...new Set(accounts.map((account) => account.channel as ChannelName))];
}

/** How many recipients a run (occurrence × kind) wrote, if it was expanded. */
export async function runRecipients(
  prisma: PrismaClient,
  occurrenceId: number,
  kind: string,
): Promise<number | undefined> {
  const run = await prisma.reminderRun.findUnique({
    where: { occurrenceId_kind: { occurrenceId, kind } },
    select: { recipients: true },
  });
  return run?.recipients;
}

/** Which (occurrence, kind) pairs have had their recipients written already. */
export async function expandedRuns(prisma: PrismaClient, occurrenceIds: number[]): Promise<Set<string>> {
  const rows = await inSlices(occurrenceIds, (slice) =>
    prisma.reminderRun.findMany({ where: { occurrenceId: { in: slice } }, select: { occurrenceId: true, kind: true } }),
  );
  return new Set(rows.map((row) => `${row.occurrenceId}:${row.kind}`));
}

export interface LedgerEntry {
  officialId: number;
  dueAt: Date;
  expiresAt: Date;
}

/**
 * Writes a reminder's recipients to the ledger once: the run row is the guard, inserted first in the
 * same transaction, so of several instances expanding the same reminder one writes and the others skip.
 */
export async function expandRun(
  prisma: PrismaClient,
  occurrenceId: number,
  kind: string,
  entries: LedgerEntry[],
  /** The rows' kind when it differs from the run's (runs of overdue reminders are per deadline: `overdue-3@2012-10-01`). */
  ledgerKind: string = kind,
  /**
   * The reminder's post to the lead units' work groups (those with group delivery on), written in the same
   * transaction; `unitIds`: an overdue run's units only. Absent: none (escalations, reminders no longer useful).
   */
  groups?: { dueAt: Date; expiresAt: Date; unitIds?: readonly number[] },
): Promise<boolean> {
  return prisma.$transaction(async (tx) => {
    const claimed = await tx.$executeRaw`
      INSERT INTO "ReminderRun" ("occurrenceId", "kind", "recipients") VALUES (${occurrenceId}, ${kind}, ${entries.length}) ON CONFLICT DO NOTHING`;
    if (claimed === 0) return false;
    // One statement per slice, the rows as arrays: Prisma's createMany spent most of a large tick building them.
    for (let i = 0; i < entries.length; i += 5_000) {
      const slice = entries.slice(i, i + 5_000);
      await tx.$executeRaw`
        INSERT INTO "ReminderLedger" ("occurrenceId", "officialId", "kind", "dueAt", "expiresAt")
        SELECT ${occurrenceId}, t.official, ${ledgerKind}, t.due, t.expires
        FROM unnest(${slice.map((e) => e.officialId)}::int[], ${slice.map((e) => e.dueAt.toISOString())}::timestamptz[], ${slice.map((e) => e.expiresAt.toISOString())}::timestamptz[]) AS t(official, due, expires)
        ON CONFLICT DO NOTHING`;
    }
    if (groups) await insertReminderPosts(tx, { occurrenceId, kind: ledgerKind, ...groups });
    return true;
  });
}

export interface ClaimedReminder {
  id: number;
  occurrenceId: number;
  officialId: number;
  kind: string;
  attempts: number;
  expiresAt: Date | null;
  channelsSent: string[];
}

/**
 * Claims up to `limit` due reminders for this instance: pending ones whose time has come, and ones an
 * instance claimed but did not finish before its lease ran out (it crashed). `FOR UPDATE SKIP LOCKED`
 * lets several instances claim at once without waiting for or taking each other's rows.
 */
export async function claimDueReminders(
  prisma: PrismaClient,
  options: { instance: string; now: Date; limit: number; leaseMs: number },
): Promise<ClaimedReminder[]> {
  return claimDueRows<ClaimedReminder>(
    prisma,
    'ReminderLedger',
    ['id', 'occurrenceId', 'officialId', 'kind', 'attempts', 'expiresAt', 'channelsSent'],
    options,
  );
}

/** The heartbeat of a live instance: its reminders still being sent are held until `until` (one statement). */
export async function renewReminderClaims(prisma: PrismaClient, instance: string, until: Date): Promise<number> {
  return renewClaims(prisma, 'ReminderLedger', instance, until);
}

/** One platform reached: recorded at once, so a crash right after never sends there again. */
export async function recordChannelSent(
  prisma: PrismaClient,
  id: number,
  instance: string,
  channel: string,
): Promise<void> {
  await prisma.$executeRaw`
    UPDATE "ReminderLedger" SET "channelsSent" = array_append("channelsSent", ${channel})
    WHERE "id" = ${id} AND "claimedBy" = ${instance} AND NOT (${channel} = ANY("channelsSent"))`;
}

export type ReminderOutcome =
  | { state: 'sent'; at: Date }
  | { state: 'retry'; error: string; at: Date }
  | { state: 'failed' | 'cancelled'; reason: string }
  | { state: 'deferred'; until: Date };

/** Finishes a claimed reminder; only the instance holding the claim may (a late finisher after its lease changes nothing). */
export async function finishReminder(
  prisma: PrismaClient,
  id: number,
  instance: string,
  outcome: ReminderOutcome,
): Promise<void> {
  const mine = { id, claimedBy: instance, state: 'sending' as const };
  const release = { claimedBy: null, claimedUntil: null };
  switch (outcome.state) {
    case 'sent':
      await prisma.reminderLedger.updateMany({
        where: mine,
        data: { ...release, state: 'sent', sentAt: outcome.at, lastError: null },
      });
      return;
    case 'retry':
      await prisma.reminderLedger.updateMany({
        where: mine,
        data: { ...release, state: 'pending', nextAttemptAt: outcome.at, lastError: outcome.error.slice(0, 500) },
      });
      return;
    case 'deferred':
      // A snooze: due again later, and this attempt does not count.
      await prisma.reminderLedger.updateMany({
        where: mine,
        data: { ...release, state: 'pending', dueAt: outcome.until, nextAttemptAt: null, attempts: { decrement: 1 } },
      });
      return;
    default:
      await prisma.reminderLedger.updateMany({
        where: mine,
        data: { ...release, state: outcome.state, lastError: outcome.reason.slice(0, 500) },
      });
  }
}

export async function reminderCounts(prisma: PrismaClient): Promise<Record<string, number>> {
  const rows = await prisma.reminderLedger.groupBy({ by: ['state'], _count: { _all: true } });
  return Object.fromEntries(rows.map((row) => [row.state, row._count._all]));
}

/** An official's own switch for one duty's reminders. */
export async function setDutyReminders(
  prisma: PrismaClient,
  { officialId, dutyId }: { officialId: number; dutyId: number },
  on: boolean,
): Promise<void> {
  if (on) await prisma.reminderOptOut.deleteMany({ where: { officialId, dutyId } });
  else await prisma.reminderOptOut.createMany({ data: [{ officialId, dutyId }], skipDuplicates: true });
}

export type PolicyChange = Partial<ReminderPolicy>;

const dayList = z.array(z.number().int().min(1).max(60)).max(10);
/** What a stored change may hold; anything else in the row is ignored rather than trusted. */
export const policyChangeSchema = z
  .object({
    beforeOpenDays: dayList,
    onOpen: z.boolean(),
    beforeCloseDays: dayList,
    overdue: z.boolean(),
    coordinating: z.boolean(),
  })
  .partial()
  .strip();

/** Plan and duty changes to the global policy, by scope ("plan:<id>", "duty:<id>"). */
export async function loadPolicyOverrides(prisma: PrismaClient): Promise<Map<string, PolicyChange>> {
  const rows = await prisma.reminderPolicyOverride.findMany({ select: { scope: true, settings: true } });
  const changes = new Map<string, PolicyChange>();
  for (const row of rows) {
    const parsed = policyChangeSchema.safeParse(row.settings);
    if (parsed.success) changes.set(row.scope, parsed.data);
  }
  return changes;
}

export async function setPolicyOverride(
  prisma: PrismaClient,
  scope: string,
  change: PolicyChange | null,
  actor: { label: string; officialId?: number },
): Promise<void> {
  await prisma.$transaction(async (tx) => {
    if (change === null) await tx.reminderPolicyOverride.deleteMany({ where: { scope } });
    else {
      const settings = change as Prisma.InputJsonValue;
      await tx.reminderPolicyOverride.upsert({
        where: { scope },
        create: { scope, settings },
        update: { settings },
        select: { scope: true },
      });
    }
    await recordAudit(
      tx,
      actor.officialId !== undefined ? { officialId: actor.officialId, label: actor.label } : { label: actor.label },
      change === null ? 'reminder-policy.reset' : 'reminder-policy.set',
      scope,
      (change ?? undefined) as Prisma.InputJsonValue | undefined,
    );
  });
}

/** Claims today's digest for an admin: true for the first instance to ask, false for any other. */
export async function claimDigest(prisma: PrismaClient, officialId: number, day: LocalDate): Promise<boolean> {
  const inserted =
    await prisma.$executeRaw`INSERT INTO "AdminDigest" ("officialId", "day") VALUES (${officialId}, ${day}::date) ON CONFLICT DO NOTHING`;
  return inserted === 1;
}

/** The plan (id, time zone) of each duty: reminders are due in the plan's own time zone. */
export async function plansOfDuties(
  prisma: PrismaClient,
  dutyIds: readonly number[],
): Promise<Map<number, { id: number; timeZone: string }>> {
  const duties = await inSlices([...new Set(dutyIds)], (slice) =>
    prisma.duty.findMany({
      where: { id: { in: slice } },
      select: { id: true, plan: { select: { id: true, timeZone: true } } },
    }),
  );
  return new Map(duties.map((duty) => [duty.id, duty.plan]));
}

export interface ReminderAddressee {
  id: number;
  locale: Language;
  role: 'official' | 'admin' | 'leader';
  status: 'active' | 'blocked';
  remindersOff: boolean;
  snoozedUntil: Date | null;
  unit: { id: number; level: string; name: string; shortName: string | null };
  accounts: { channel: ChannelName; chatId: string }[];
}

/** The official a claimed reminder is for, as it is at sending time, with the accounts that can receive it. */
export async function reminderAddressee(
  prisma: PrismaClient,
  officialId: number,
): Promise<ReminderAddressee | undefined> {
  const official = await prisma.official.findUnique({
    where: { id: officialId },
    select: {
      id: true,
      locale: true,
      role: true,
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
  if (!official) return undefined;
  return {
    ...official,
    accounts: official.accounts.map((a) => ({ channel: a.channel as ChannelName, chatId: a.chatId })),
  };
}

export interface ReminderWindow {
  dutyId: number;
  retired: boolean;
  timeZone: string;
}

/** The window a claimed reminder is about: its duty, whether it was retired since, the plan's time zone. */
export async function reminderWindow(prisma: PrismaClient, occurrenceId: number): Promise<ReminderWindow | undefined> {
  const occurrence = await prisma.occurrence.findUnique({
    where: { id: occurrenceId },
    select: { dutyId: true, duty: { select: { retiredAt: true, plan: { select: { timeZone: true } } } } },
  });
  if (!occurrence) return undefined;
  return {
    dutyId: occurrence.dutyId,
    retired: occurrence.duty.retiredAt !== null,
    timeZone: occurrence.duty.plan.timeZone,
  };
}

/**
 * Why a reminder written earlier should no longer go to this official, if it should not: they opted out of
 * the duty since, or their unit reported the window done. One round trip.
 */
export async function reminderNoLongerWanted(
  prisma: PrismaClient,
  target: { officialId: number; dutyId: number; occurrenceId: number; unitId: number },
): Promise<'opted out of this duty' | 'unit reported done' | undefined> {
  const [row] = await prisma.$queryRaw<{ optedOut: boolean; done: boolean }[]>`
    SELECT EXISTS (SELECT 1 FROM "ReminderOptOut" WHERE "officialId" = ${target.officialId} AND "dutyId" = ${target.dutyId}) AS "optedOut",
           EXISTS (SELECT 1 FROM "OccurrenceStatus" WHERE "occurrenceId" = ${target.occurrenceId} AND "unitId" = ${target.unitId} AND "status" = 'done') AS "done"`;
  if (row?.optedOut) return 'opted out of this duty';
  if (row?.done) return 'unit reported done';
  return undefined;
}

export interface LedgerRow {
  id: number;
  kind: string;
  state: string;
  dueAt: Date;
  sentAt: Date | null;
  attempts: number;
  lastError: string | null;
  channelsSent: string[];
  official: string;
  unit: string;
  dutyKey: string;
  dutyTitle: string;
  planCode: string;
}

/** The latest ledger rows in the given states (sent, failed …), most recent first. */
export async function recentLedger(
  prisma: PrismaClient,
  options: { states: ('pending' | 'sending' | 'sent' | 'failed' | 'cancelled')[]; limit: number },
): Promise<LedgerRow[]> {
  const rows = await prisma.reminderLedger.findMany({
    where: { state: { in: options.states } },
    select: {
      id: true,
      kind: true,
      state: true,
      dueAt: true,
      sentAt: true,
      attempts: true,
      lastError: true,
      channelsSent: true,
      official: { select: { name: true, unit: { select: { code: true } } } },
      occurrence: { select: { duty: { select: { key: true, title: true, plan: { select: { code: true } } } } } },
    },
    orderBy: [{ dueAt: 'desc' }, { id: 'desc' }],
    take: options.limit,
  });
  return rows.map(({ official, occurrence, ...row }) => ({
    ...row,
    official: official.name,
    unit: official.unit.code,
    dutyKey: occurrence.duty.key,
    dutyTitle: occurrence.duty.title,
    planCode: occurrence.duty.plan.code,
  }));
}

/**
 * Gives back claims this instance took but did not start (it is shutting down): pending again at once, the
 * attempt the claim counted taken back, so another instance sends them without waiting for the lease.
 */
export async function releaseReminderClaims(
  prisma: PrismaClient,
  instance: string,
  ids: readonly number[],
): Promise<number> {
  return releaseClaims(prisma, 'ReminderLedger', instance, ids);
}
