// Overdue units and who hears about them: the lead units of windows past their deadline in force, each unit's
// current report, the unit's leaders and the supervising unit's admins. The rule itself is pure (follow-up.ts).
import type { LocalDate } from '../domain/dates.js';
import type { ReviewState } from '../domain/follow-up.js';
import { Prisma, type PrismaClient } from '../generated/prisma/client.js';
import { deadlineInForceSql, statusDaySql } from './deadlines.js';
import type { ChannelName } from './officials.js';
import { REACHABLE_ACCOUNTS, reachableChannels } from './reminders.js';

export interface UnitDeadline {
  occurrenceId: number;
  dutyId: number;
  planId: number;
  unitId: number;
  /** The deadline in force: the window's end, or its approved extension's. */
  deadline: LocalDate;
  /** The day of the current report when it says done; else null. */
  doneOn: LocalDate | null;
  review: ReviewState | null;
  requiresConfirmation: boolean;
  timeZone: string;
}

const columns = (unit: Prisma.Sql) => Prisma.sql`
  o."id" AS "occurrenceId", o."dutyId", p."id" AS "planId", ${unit} AS "unitId",
  to_char(${deadlineInForceSql(Prisma.sql`o`, unit)}, 'YYYY-MM-DD') AS "deadline",
  CASE WHEN s."status" = 'done' THEN to_char(${statusDaySql(Prisma.sql`s`, Prisma.sql`p."timeZone"`)}, 'YYYY-MM-DD') END AS "doneOn",
  s."reviewState"::text AS "review", p."requiresConfirmation", p."timeZone"`;

/**
 * The lead units (named, or through their level) of live duties' windows whose deadline in force falls within
 * `from`..`to`, with their current report: the candidates for overdue reminders. Whether each is overdue is
 * `followUpStatus`'s decision.
 */
export async function unitDeadlinesBetween(
  prisma: PrismaClient,
  range: { from: LocalDate; to: LocalDate },
): Promise<UnitDeadline[]> {
  const { from, to } = range;
  return prisma.$queryRaw<UnitDeadline[]>`
    WITH candidates AS (
      SELECT o."id", o."dutyId" FROM "Occurrence" o JOIN "Duty" d ON d."id" = o."dutyId"
      WHERE d."retiredAt" IS NULL AND (o."endsOn" BETWEEN ${from}::date AND ${to}::date OR EXISTS (
        SELECT 1 FROM "DeadlineExtension" x WHERE x."occurrenceId" = o."id" AND x."state" = 'approved'
          AND x."newEndsOn" BETWEEN ${from}::date AND ${to}::date))
    ), leads AS (
      SELECT c."id" AS "occurrenceId", du."unitId" FROM candidates c
        JOIN "DutyUnit" du ON du."dutyId" = c."dutyId" AND du."role" = 'lead'
      UNION
      SELECT c."id", u."id" FROM candidates c
        JOIN "DutyLevel" dl ON dl."dutyId" = c."dutyId" AND dl."role" = 'lead'
        JOIN "Unit" u ON u."level" = dl."level"
    )
    SELECT * FROM (
      SELECT ${columns(Prisma.sql`l."unitId"`)}
      FROM leads l JOIN "Occurrence" o ON o."id" = l."occurrenceId"
        JOIN "Duty" d ON d."id" = o."dutyId" JOIN "Plan" p ON p."id" = d."planId"
        LEFT JOIN "OccurrenceStatus" s ON s."occurrenceId" = o."id" AND s."unitId" = l."unitId"
    ) t WHERE t."deadline"::date BETWEEN ${from}::date AND ${to}::date
    ORDER BY t."occurrenceId", t."unitId"`;
}

/** One unit's deadline in force and current report on one window, as it is now (checked again at sending). */
export async function unitDeadline(
  prisma: PrismaClient,
  occurrenceId: number,
  unitId: number,
): Promise<UnitDeadline | undefined> {
  const [row] = await prisma.$queryRaw<UnitDeadline[]>`
    SELECT ${columns(Prisma.sql`${unitId}::int`)}
    FROM "Occurrence" o JOIN "Duty" d ON d."id" = o."dutyId" JOIN "Plan" p ON p."id" = d."planId"
      LEFT JOIN "OccurrenceStatus" s ON s."occurrenceId" = o."id" AND s."unitId" = ${unitId}
    WHERE o."id" = ${occurrenceId}`;
  return row;
}

export interface EscalationRecipient {
  officialId: number;
  officialName: string;
  unitCode: string;
  channels: ChannelName[];
}

/**
 * Who is told that a unit is overdue: its leaders and the admins of the supervising unit (the unit's parent,
 * else the plan's issuer), active, with a platform to reach them on.
 */
export async function escalationRecipients(
  prisma: PrismaClient,
  unit: { id: number; supervisorId: number | null },
): Promise<EscalationRecipient[]> {
  const who: Prisma.OfficialWhereInput[] = [{ unitId: unit.id, role: 'leader' }];
  if (unit.supervisorId !== null) who.push({ unitId: unit.supervisorId, role: 'admin' });
  const officials = await prisma.official.findMany({
    where: { status: 'active', OR: who },
    select: {
      id: true,
      name: true,
      unit: { select: { code: true } },
      accounts: REACHABLE_ACCOUNTS,
    },
    orderBy: { id: 'asc' },
  });
  return officials
    .filter((o) => o.accounts.length > 0)
    .map((o) => ({
      officialId: o.id,
      officialName: o.name,
      unitCode: o.unit.code,
      channels: reachableChannels(o.accounts),
    }));
}

export interface EscalatedUnit {
  id: number;
  name: string;
  shortName: string | null;
  parentId: number | null;
}

/** The units overdue reminders are about, with their parents; and each plan's issuer unit. */
export async function unitsAndIssuers(
  prisma: PrismaClient,
  unitIds: readonly number[],
  planIds: readonly number[],
): Promise<{ units: Map<number, EscalatedUnit>; issuers: Map<number, number | null> }> {
  const [units, plans] = await Promise.all([
    unitIds.length === 0
      ? []
      : prisma.unit.findMany({
          where: { id: { in: [...new Set(unitIds)] } },
          select: { id: true, name: true, shortName: true, parentId: true },
        }),
    planIds.length === 0
      ? []
      : prisma.plan.findMany({
          where: { id: { in: [...new Set(planIds)] } },
          select: { id: true, issuerUnitId: true },
        }),
  ]);
  return {
    units: new Map(units.map((unit) => [unit.id, unit])),
    issuers: new Map(plans.map((plan) => [plan.id, plan.issuerUnitId])),
  };
}

/** What an escalation says: the duty and window, and the overdue unit's name. */
export async function escalationSubject(
  prisma: PrismaClient,
  occurrenceId: number,
  unitId: number,
): Promise<{ title: string; ref: string; unitName: string } | undefined> {
  const [occurrence, unit] = await Promise.all([
    prisma.occurrence.findUnique({
      where: { id: occurrenceId },
      select: { duty: { select: { title: true, ref: true } } },
    }),
    prisma.unit.findUnique({ where: { id: unitId }, select: { name: true } }),
  ]);
  if (!occurrence || !unit) return undefined;
  return { title: occurrence.duty.title, ref: occurrence.duty.ref, unitName: unit.name };
}

/** The units with any current report on a window (a one-tap nudge goes only to the others). */
export async function reportedUnits(prisma: PrismaClient, occurrenceId: number): Promise<Set<number>> {
  const rows = await prisma.occurrenceStatus.findMany({ where: { occurrenceId }, select: { unitId: true } });
  return new Set(rows.map((row) => row.unitId));
}
