// Private calendar feeds: an address per official and unit whose token only the holder knows (its sha256 is
// stored), and the unit's windows with the deadline in force that the feed shows.
import { createHash, randomBytes } from 'node:crypto';
import { fromUtcMidnight, type LocalDate } from '../domain/dates.js';
import type { FollowUpState } from '../domain/follow-up.js';
import { Prisma, type PrismaClient } from '../generated/prisma/client.js';
import type { UnitLevel } from '../plans/format.js';
import { type Actor, auditActor, recordAudit } from './audit.js';
import { deadlineInForceSql, followUpStateSql } from './deadlines.js';
import type { ReportStatus } from './reports.js';

/** A fetch is written down at most this often: calendar clients poll, and a write per poll buys nothing. */
export const FETCH_RECORD_MS = 5 * 60_000;

/** 32 random bytes, URL-safe: 43 characters. */
function newFeedToken(): string {
  return randomBytes(32).toString('base64url');
}

export function feedTokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Tokens we hand out are 43 characters of base64url; anything else is not looked up. */
export function looksLikeFeedToken(value: string | null | undefined): value is string {
  return typeof value === 'string' && /^[A-Za-z0-9_-]{43}$/.test(value);
}

export interface CreatedFeed {
  id: number;
  /** Shown once: only its hash is kept. */
  token: string;
  createdAt: Date;
  /** The official's earlier live address for this unit that the new one replaced, if any. */
  replacedIds: number[];
}

/**
 * A new address for the official and unit. Their live one, if any, is revoked in the same transaction (one live
 * address per official and unit, a partial unique index); audited. Who may have which unit is the caller's rule
 * (src/services/calendar-feeds.ts).
 */
export async function createCalendarFeed(
  prisma: PrismaClient,
  input: { officialId: number; unitId: number; actor: Actor; now: Date },
): Promise<CreatedFeed> {
  const attempt = () =>
    prisma.$transaction(async (tx) => {
      const live = await tx.calendarFeed.findMany({
        where: { officialId: input.officialId, unitId: input.unitId, revokedAt: null },
        select: { id: true },
      });
      const replacedIds = live.map((feed) => feed.id);
      if (replacedIds.length > 0)
        await tx.calendarFeed.updateMany({ where: { id: { in: replacedIds } }, data: { revokedAt: input.now } });
      const token = newFeedToken();
      const feed = await tx.calendarFeed.create({
        data: {
          tokenHash: feedTokenHash(token),
          unitId: input.unitId,
          officialId: input.officialId,
          createdAt: input.now,
        },
        select: { id: true, createdAt: true },
      });
      await recordAudit(tx, auditActor(input.actor), 'calendar.create', `calendar-feed:${feed.id}`, {
        unitId: input.unitId,
        officialId: input.officialId,
        replaced: replacedIds,
      });
      return { id: feed.id, token, createdAt: feed.createdAt, replacedIds };
    });
  try {
    return await attempt();
  } catch (error) {
    // Two requests at once (a double tap): the index kept one; this one replaces it, as a later request would.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') return attempt();
    throw error;
  }
}

export interface FeedOwner {
  id: number;
  unit: { id: number; code: string; name: string; shortName: string | null; level: UnitLevel };
  official: { id: number; locale: 'vi' | 'en' };
  createdAt: Date;
}

/**
 * The live feed behind a token's hash; undefined when unknown or revoked, and also when its official may no longer
 * see it (blocked, or moved to another unit without being an admin): the role is read on every fetch, as in chat.
 * The fetch is recorded at most every FETCH_RECORD_MS.
 */
export async function feedByToken(prisma: PrismaClient, tokenHash: string, now: Date): Promise<FeedOwner | undefined> {
  const feed = await prisma.calendarFeed.findUnique({
    where: { tokenHash },
    select: {
      id: true,
      createdAt: true,
      revokedAt: true,
      lastFetchedAt: true,
      unit: { select: { id: true, code: true, name: true, shortName: true, level: true } },
      official: { select: { id: true, locale: true, role: true, status: true, unitId: true } },
    },
  });
  if (!feed || feed.revokedAt) return undefined;
  const { official } = feed;
  if (official.status !== 'active' || (official.role !== 'admin' && official.unitId !== feed.unit.id)) return undefined;
  if (!feed.lastFetchedAt || now.getTime() - feed.lastFetchedAt.getTime() >= FETCH_RECORD_MS) {
    const before = new Date(now.getTime() - FETCH_RECORD_MS);
    // Conditional, so instances serving the same feed at once write it once.
    await prisma.calendarFeed.updateMany({
      where: { id: feed.id, OR: [{ lastFetchedAt: null }, { lastFetchedAt: { lte: before } }] },
      data: { lastFetchedAt: now },
    });
  }
  return {
    id: feed.id,
    unit: feed.unit,
    official: { id: official.id, locale: official.locale },
    createdAt: feed.createdAt,
  };
}

/** One feed (with `officialId`: only if it is that official's), a unit's, or an official's (of one unit). */
export type FeedSelector =
  | { feedId: number; officialId?: number }
  | { unitId: number }
  | { officialId: number; unitId?: number };

/** Revokes live feeds (one, a unit's, or an official's), audited; returns how many. */
export async function revokeCalendarFeeds(
  prisma: PrismaClient,
  which: FeedSelector,
  actor: Actor,
  now: Date,
): Promise<number> {
  const where: Prisma.CalendarFeedWhereInput =
    'feedId' in which
      ? { id: which.feedId, ...(which.officialId !== undefined ? { officialId: which.officialId } : {}) }
      : 'officialId' in which
        ? { officialId: which.officialId, ...(which.unitId !== undefined ? { unitId: which.unitId } : {}) }
        : { unitId: which.unitId };
  return prisma.$transaction(async (tx) => {
    const live = await tx.calendarFeed.findMany({ where: { ...where, revokedAt: null }, select: { id: true } });
    if (live.length === 0) return 0;
    const ids = live.map((feed) => feed.id);
    await tx.calendarFeed.updateMany({ where: { id: { in: ids } }, data: { revokedAt: now } });
    await recordAudit(tx, auditActor(actor), 'calendar.revoke', ids.length === 1 ? `calendar-feed:${ids[0]}` : null, {
      feeds: ids,
    });
    return ids.length;
  });
}

export interface FeedUnit {
  id: number;
  code: string;
  name: string;
  shortName: string | null;
}

export async function calendarUnit(prisma: PrismaClient, unitId: number): Promise<FeedUnit | undefined> {
  return (
    (await prisma.unit.findUnique({
      where: { id: unitId },
      select: { id: true, code: true, name: true, shortName: true },
    })) ?? undefined
  );
}

/** Who owns an address the operator makes at the CLI without naming an official: the longest-serving active admin. */
export async function firstActiveAdmin(prisma: PrismaClient): Promise<{ id: number; name: string } | undefined> {
  return (
    (await prisma.official.findFirst({
      where: { role: 'admin', status: 'active' },
      orderBy: { id: 'asc' },
      select: { id: true, name: true },
    })) ?? undefined
  );
}

export interface FeedListItem {
  id: number;
  unit: { id: number; code: string; name: string };
  official: { id: number; name: string };
  createdAt: Date;
  revokedAt: Date | null;
  lastFetchedAt: Date | null;
}

/** Feeds, newest first: the live ones, or all with `includeRevoked`; optionally of one official or unit. */
export async function listCalendarFeeds(
  prisma: PrismaClient,
  options: { includeRevoked?: boolean; officialId?: number; unitId?: number } = {},
): Promise<FeedListItem[]> {
  return prisma.calendarFeed.findMany({
    where: {
      ...(options.includeRevoked ? {} : { revokedAt: null }),
      ...(options.officialId !== undefined ? { officialId: options.officialId } : {}),
      ...(options.unitId !== undefined ? { unitId: options.unitId } : {}),
    },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    select: {
      id: true,
      createdAt: true,
      revokedAt: true,
      lastFetchedAt: true,
      unit: { select: { id: true, code: true, name: true } },
      official: { select: { id: true, name: true } },
    },
  });
}

export interface FeedEvent {
  occurrenceId: number;
  start: LocalDate;
  /** The window's own last day. */
  end: LocalDate;
  /** The deadline in force for the unit: an approved extension's end, else the window's. */
  deadline: LocalDate;
  dutyRef: string;
  dutyTitle: string;
  /** The schedule's label ("báo cáo 6 tháng"), if it has one. */
  label: string | null;
  planCode: string;
  planTitle: string;
  role: 'lead' | 'support';
  /** The unit's latest report on the window, if any. */
  reported: ReportStatus | null;
  followUp: FollowUpState;
  /** Approvals of extensions for the unit and window so far: each moved the deadline once. */
  revisions: number;
  /** The latest of the plan's import, the duty's, the unit's status and the extension decisions. */
  lastModified: Date;
}

interface FeedEventRow {
  id: number;
  startsOn: Date;
  endsOn: Date;
  deadline: Date;
  ref: string;
  title: string;
  label: string | null;
  code: string;
  planTitle: string;
  lead: boolean;
  reported: ReportStatus | null;
  followUp: FollowUpState;
  revisions: number;
  lastModified: Date;
}

/**
 * Every stored window of every live duty the unit answers for, named in DutyUnit or through its level in DutyLevel,
 * as lead or support (lead wins when both), across all plans; with the deadline in force and the unit's four-way
 * status (`followUpStateSql`, the one rule). One statement that asks by relation, so no id list is sent however
 * many duties the unit has. Open-ended series are stored 24 months ahead (MATERIALIZE_MONTHS_AHEAD, extended
 * daily): the feed shows what is stored.
 */
export async function feedEvents(
  prisma: PrismaClient,
  unit: { id: number; level: string },
  today: LocalDate,
): Promise<FeedEvent[]> {
  const followUp = followUpStateSql({
    deadline: Prisma.sql`w."deadline"`,
    status: Prisma.sql`s`,
    timeZone: Prisma.sql`w."timeZone"`,
    requiresConfirmation: Prisma.sql`w."requiresConfirmation"`,
    today,
  });
  const rows = await prisma.$queryRaw<FeedEventRow[]>`
    WITH answers AS (
      SELECT a."dutyId", bool_or(a."role" = 'lead') AS "lead"
      FROM (
        SELECT du."dutyId", du."role" FROM "DutyUnit" du WHERE du."unitId" = ${unit.id}
        UNION ALL
        SELECT dl."dutyId", dl."role" FROM "DutyLevel" dl WHERE dl."level" = ${unit.level}
      ) a
      GROUP BY a."dutyId"
    ), windows AS (
      SELECT o."id", o."startsOn", o."endsOn", d."ref", d."title", sch."label", p."code", p."title" AS "planTitle",
        p."timeZone", p."requiresConfirmation", answers."lead",
        GREATEST(p."updatedAt", d."updatedAt") AS "changedAt",
        ${deadlineInForceSql(Prisma.sql`o`, Prisma.sql`${unit.id}`)} AS "deadline"
      FROM answers
      JOIN "Duty" d ON d."id" = answers."dutyId" AND d."retiredAt" IS NULL
      JOIN "Plan" p ON p."id" = d."planId"
      JOIN "Occurrence" o ON o."dutyId" = d."id"
      JOIN "DutySchedule" sch ON sch."id" = o."scheduleId"
    )
    SELECT w."id", w."startsOn", w."endsOn", w."deadline", w."ref", w."title", w."label", w."code", w."planTitle",
      w."lead", s."status" AS "reported", ${followUp.state} AS "followUp",
      x."revisions", GREATEST(w."changedAt", s."updatedAt", x."decidedAt") AS "lastModified"
    FROM windows w
    LEFT JOIN "OccurrenceStatus" s ON s."occurrenceId" = w."id" AND s."unitId" = ${unit.id}
    CROSS JOIN LATERAL (
      SELECT count(*) FILTER (WHERE e."state" IN ('approved', 'superseded'))::int AS "revisions",
        max(e."decidedAt") AS "decidedAt"
      FROM "DeadlineExtension" e WHERE e."occurrenceId" = w."id" AND e."unitId" = ${unit.id}
    ) x
    ORDER BY w."startsOn", w."deadline", w."id"`;
  return rows.map((row) => ({
    occurrenceId: row.id,
    start: fromUtcMidnight(row.startsOn),
    end: fromUtcMidnight(row.endsOn),
    deadline: fromUtcMidnight(row.deadline),
    dutyRef: row.ref,
    dutyTitle: row.title,
    label: row.label,
    planCode: row.code,
    planTitle: row.planTitle,
    role: row.lead ? 'lead' : 'support',
    reported: row.reported,
    followUp: row.followUp,
    revisions: row.revisions,
    lastModified: row.lastModified,
  }));
}
