// The reporting picture: for the windows of a period, each responsible unit's current status and history.
import type { DateRange } from '../ask/types.js';
import { fromUtcMidnight, type LocalDate, localDateAt } from '../domain/dates.js';
import {
  emptyCounts,
  type FollowUpCounts,
  type FollowUpRates,
  type FollowUpState,
  followUpRates,
  followUpStatus,
} from '../domain/follow-up.js';
import { Prisma, type PrismaClient } from '../generated/prisma/client.js';
import type { UnitLevel } from '../plans/format.js';
import { inSlices } from './chunks.js';
import { deadlineInForceSql, followUpStateSql } from './deadlines.js';
import { listOccurrences, type OccurrenceView } from './occurrences.js';

export type CellStatus = 'done' | 'in_progress' | 'blocked' | 'not_started' | 'none';

export interface MatrixUnit {
  id: number;
  code: string;
  name: string;
  level: UnitLevel;
}

export interface MatrixCell {
  status: CellStatus;
  role: 'lead' | 'support';
  note: string | null;
  reportedAt: Date | null;
  reportedBy: string | null;
  /** The four-way state on `today` (statusMatrix's argument), with the deadline in force and days late or overdue. */
  followUp: FollowUpState;
  deadline: LocalDate;
  daysLate: number;
  awaitingConfirmation: boolean;
  /** The current report's document number and date, and the files sent with it. */
  evidence: { number: string | null; date: LocalDate | null; files: number };
}

export interface StatusMatrix {
  occurrences: OccurrenceView[];
  units: MatrixUnit[];
  /** `${occurrenceId}:${unitId}` → the unit's cell, for responsible units only. */
  cells: Map<string, MatrixCell>;
}

/** Responsible units (named or through their level, lead or coordinating) × windows overlapping the range, with statuses. */
export async function statusMatrix(
  prisma: PrismaClient,
  range: DateRange,
  options: { planId?: number; occurrenceIds?: number[]; today?: LocalDate } = {},
): Promise<StatusMatrix> {
  let occurrences = await listOccurrences(prisma, range, options.planId ? { planId: options.planId } : {});
  if (options.occurrenceIds) occurrences = occurrences.filter((o) => options.occurrenceIds?.includes(o.id));
  const dutyIds = [...new Set(occurrences.map((o) => o.dutyId))];
  const [named, levels] = await Promise.all([
    inSlices(dutyIds, (slice) =>
      prisma.dutyUnit.findMany({
        where: { dutyId: { in: slice } },
        select: { dutyId: true, unitId: true, role: true },
      }),
    ),
    inSlices(dutyIds, (slice) =>
      prisma.dutyLevel.findMany({
        where: { dutyId: { in: slice } },
        select: { dutyId: true, level: true, role: true },
      }),
    ),
  ]);
  const levelList = [...new Set(levels.map((row) => row.level))];
  const unitIds = [...new Set(named.map((row) => row.unitId))];
  const units = await prisma.unit.findMany({
    where: { OR: [{ id: { in: unitIds } }, ...(levelList.length ? [{ level: { in: levelList } }] : [])] },
    select: { id: true, code: true, name: true, shortName: true, level: true },
    orderBy: { id: 'asc' },
  });
  const byLevel = new Map<UnitLevel, number[]>();
  for (const unit of units) byLevel.set(unit.level, [...(byLevel.get(unit.level) ?? []), unit.id]);
  // Lead wins over coordinating when a unit is both (named as one, through its level as the other).
  const roles = new Map<string, 'lead' | 'support'>();
  const setRole = (dutyId: number, unitId: number, role: 'lead' | 'support') => {
    const key = `${dutyId}:${unitId}`;
    if (roles.get(key) !== 'lead') roles.set(key, role);
  };
  for (const row of named) setRole(row.dutyId, row.unitId, row.role);
  for (const row of levels) for (const unitId of byLevel.get(row.level) ?? []) setRole(row.dutyId, unitId, row.role);

  const occurrenceIds = occurrences.map((o) => o.id);
  const [statuses, extensions, plans] = await Promise.all([
    inSlices(occurrenceIds, (slice) =>
      prisma.occurrenceStatus.findMany({
        where: { occurrenceId: { in: slice } },
        select: { occurrenceId: true, unitId: true, status: true, reportId: true, updatedAt: true, reviewState: true },
      }),
    ),
    inSlices(occurrenceIds, (slice) =>
      prisma.deadlineExtension.findMany({
        where: { occurrenceId: { in: slice }, state: 'approved' },
        select: { occurrenceId: true, unitId: true, newEndsOn: true },
      }),
    ),
    prisma.plan.findMany({
      where: { code: { in: [...new Set(occurrences.map((o) => o.planCode))] } },
      select: { code: true, timeZone: true, requiresConfirmation: true },
    }),
  ]);
  const extended = new Map(extensions.map((x) => [`${x.occurrenceId}:${x.unitId}`, fromUtcMidnight(x.newEndsOn)]));
  const planOf = new Map(plans.map((plan) => [plan.code, plan]));
  const reports = new Map(
    (
      await inSlices(
        statuses.map((s) => s.reportId),
        (slice) =>
          prisma.statusReport.findMany({
            where: { id: { in: slice } },
            select: {
              id: true,
              note: true,
              reportedAt: true,
              evidenceNumber: true,
              evidenceDate: true,
              official: { select: { name: true } },
              _count: { select: { attachments: true } },
            },
          }),
      )
    ).map((report) => [report.id, report]),
  );
  const statusOf = new Map(statuses.map((s) => [`${s.occurrenceId}:${s.unitId}`, s]));
  const cells = new Map<string, MatrixCell>();
  const used = new Set<number>();
  for (const occurrence of occurrences) {
    for (const unit of units) {
      const role = roles.get(`${occurrence.dutyId}:${unit.id}`);
      if (!role) continue;
      used.add(unit.id);
      const status = statusOf.get(`${occurrence.id}:${unit.id}`);
      const report = status ? reports.get(status.reportId) : undefined;
      const plan = planOf.get(occurrence.planCode);
      const deadline = extended.get(`${occurrence.id}:${unit.id}`) ?? occurrence.end;
      const followUp = followUpStatus({
        deadline,
        doneOn: status?.status === 'done' ? localDateAt(status.updatedAt, plan?.timeZone ?? 'Asia/Ho_Chi_Minh') : null,
        review: status?.reviewState ?? null,
        requiresConfirmation: plan?.requiresConfirmation ?? false,
        today: options.today ?? localDateAt(new Date(), plan?.timeZone ?? 'Asia/Ho_Chi_Minh'),
      });
      cells.set(`${occurrence.id}:${unit.id}`, {
        followUp: followUp.state,
        deadline,
        daysLate: followUp.daysLate,
        awaitingConfirmation: followUp.awaitingConfirmation,
        status: status?.status ?? 'none',
        role,
        note: report?.note ?? null,
        reportedAt: report?.reportedAt ?? null,
        reportedBy: report?.official.name ?? null,
        evidence: {
          number: report?.evidenceNumber ?? null,
          date: report?.evidenceDate ? fromUtcMidnight(report.evidenceDate) : null,
          files: report?._count.attachments ?? 0,
        },
      });
    }
  }
  return {
    occurrences,
    units: units
      .filter((unit) => used.has(unit.id))
      .map((unit) => ({ id: unit.id, code: unit.code, name: unit.shortName ?? unit.name, level: unit.level })),
    cells,
  };
}

export interface ReportHistoryRow {
  reportedAt: Date;
  planCode: string;
  dutyKey: string;
  windowStart: LocalDate;
  windowEnd: LocalDate;
  unitCode: string;
  official: string;
  status: string;
  note: string | null;
  channel: string;
}

/** Every report about the matrix's windows, oldest first: the full history behind the current statuses. */
export async function reportHistory(prisma: PrismaClient, matrix: StatusMatrix): Promise<ReportHistoryRow[]> {
  const byId = new Map(matrix.occurrences.map((o) => [o.id, o]));
  const rows = await inSlices(
    matrix.occurrences.map((o) => o.id),
    (slice) =>
      prisma.statusReport.findMany({
        where: { occurrenceId: { in: slice } },
        select: {
          occurrenceId: true,
          reportedAt: true,
          status: true,
          note: true,
          channel: true,
          unit: { select: { code: true } },
          official: { select: { name: true } },
        },
      }),
  );
  return rows
    .sort((a, b) => a.reportedAt.getTime() - b.reportedAt.getTime())
    .flatMap((row) => {
      const occurrence = byId.get(row.occurrenceId);
      if (!occurrence) return [];
      return [
        {
          reportedAt: row.reportedAt,
          planCode: occurrence.planCode,
          dutyKey: occurrence.dutyKey,
          windowStart: occurrence.start,
          windowEnd: occurrence.end,
          unitCode: row.unit.code,
          official: row.official.name,
          status: row.status,
          note: row.note,
          channel: row.channel,
        },
      ];
    });
}

export interface CellReport {
  id: number;
  reportedAt: Date;
  status: string;
  note: string | null;
  official: string;
  channel: string;
}

export interface CellHistory {
  window: {
    id: number;
    start: LocalDate;
    end: LocalDate;
    dutyKey: string;
    title: string;
    ref: string;
    planCode: string;
  };
  unit: { id: number; code: string; name: string };
  reports: CellReport[];
}

/** One unit's reports on one window, newest first, with their notes (the console's matrix cell). */
export async function cellHistory(
  prisma: PrismaClient,
  occurrenceId: number,
  unitId: number,
): Promise<CellHistory | undefined> {
  const [occurrence, unit, reports] = await Promise.all([
    prisma.occurrence.findUnique({
      where: { id: occurrenceId },
      select: {
        id: true,
        startsOn: true,
        endsOn: true,
        duty: { select: { key: true, title: true, ref: true, plan: { select: { code: true } } } },
      },
    }),
    prisma.unit.findUnique({ where: { id: unitId }, select: { id: true, code: true, name: true, shortName: true } }),
    prisma.statusReport.findMany({
      where: { occurrenceId, unitId },
      select: {
        id: true,
        reportedAt: true,
        status: true,
        note: true,
        channel: true,
        official: { select: { name: true } },
      },
      orderBy: [{ reportedAt: 'desc' }, { id: 'desc' }],
      take: 200,
    }),
  ]);
  if (!occurrence || !unit) return undefined;
  return {
    window: {
      id: occurrence.id,
      start: fromUtcMidnight(occurrence.startsOn),
      end: fromUtcMidnight(occurrence.endsOn),
      dutyKey: occurrence.duty.key,
      title: occurrence.duty.title,
      ref: occurrence.duty.ref,
      planCode: occurrence.duty.plan.code,
    },
    unit: { id: unit.id, code: unit.code, name: unit.shortName ?? unit.name },
    reports: reports.map(({ official, ...report }) => ({ ...report, official: official.name })),
  };
}

// ------------------------------------------------------------------------------------------ the console's matrix

export type MatrixState = 'done' | 'in_progress' | 'blocked' | 'none' | 'overdue';

export interface MatrixTotals {
  /** Cells per state over the whole filtered matrix. */
  states: Record<MatrixState, number>;
  /** Cells per four-way follow-up state over the whole filtered matrix. */
  followUp: FollowUpCounts;
  /** Per window and per unit: responsible cells and how many of them are overdue. */
  windows: Map<number, { cells: number; overdue: number }>;
  units: Map<number, { cells: number; overdue: number }>;
}

export interface MatrixFilterSql {
  planId?: number;
  level?: string;
  unitCode?: string;
}

/** The windows of the period and their responsible units (named, or through their level; lead wins), as SQL. */
function matrixCells(range: DateRange, filter: MatrixFilterSql): Prisma.Sql {
  const ofPlan = filter.planId !== undefined ? Prisma.sql`AND d."planId" = ${filter.planId}` : Prisma.empty;
  const ofLevel = filter.level ? Prisma.sql`AND u."level" = ${filter.level}` : Prisma.empty;
  const ofUnit = filter.unitCode ? Prisma.sql`AND lower(u."code") = lower(${filter.unitCode})` : Prisma.empty;
  return Prisma.sql`
    occ AS (
      SELECT o."id", o."dutyId", o."startsOn", o."endsOn", d."planId" FROM "Occurrence" o
      JOIN "Duty" d ON d."id" = o."dutyId"
      WHERE daterange(o."startsOn", o."endsOn", '[]') && daterange(${range.from}::date, ${range.to}::date, '[]')
        AND d."retiredAt" IS NULL ${ofPlan}
    ), responsible AS (
      SELECT occ."id" AS "occurrence", du."unitId" AS "unit", du."role"::text AS "role"
      FROM occ JOIN "DutyUnit" du ON du."dutyId" = occ."dutyId"
      UNION ALL
      SELECT occ."id", u."id", dl."role"::text
      FROM occ JOIN "DutyLevel" dl ON dl."dutyId" = occ."dutyId" JOIN "Unit" u ON u."level" = dl."level"
    ), cells AS (
      SELECT r."occurrence", r."unit", min(r."role") AS "role"
      FROM responsible r JOIN "Unit" u ON u."id" = r."unit"
      WHERE TRUE ${ofLevel} ${ofUnit}
      GROUP BY r."occurrence", r."unit"
    )`;
}

/**
 * Each cell with its deadline in force, its current status row `s`, the console's state and the four-way follow-up
 * state with its days late. The deadline is computed once per cell (an inner select), then the one rule of
 * `followUpStateSql` reads it.
 */
function followUpCells(today: LocalDate): Prisma.Sql {
  const followUp = followUpStateSql({
    deadline: Prisma.sql`f."deadline"`,
    status: Prisma.sql`s`,
    timeZone: Prisma.sql`p."timeZone"`,
    requiresConfirmation: Prisma.sql`p."requiresConfirmation"`,
    today,
  });
  return Prisma.sql`
    deadlines AS (
      SELECT c."occurrence", c."unit", c."role", occ."planId", occ."endsOn",
        ${deadlineInForceSql(Prisma.sql`occ`, Prisma.sql`c."unit"`)} AS "deadline"
      FROM cells c JOIN occ ON occ."id" = c."occurrence"
    ), fu AS (
      SELECT f."occurrence", f."unit", f."role", f."planId", f."deadline", s."status" AS "reported",
        CASE WHEN s."status" = 'done' THEN 'done'
          WHEN f."deadline" < ${today}::date THEN 'overdue'
          WHEN s."status" IN ('in_progress', 'blocked') THEN s."status"::text
          ELSE 'none' END AS "state",
        ${followUp.state} AS "followUp", (${followUp.daysLate})::int AS "daysLate"
      FROM deadlines f JOIN "Plan" p ON p."id" = f."planId"
      LEFT JOIN "OccurrenceStatus" s ON s."occurrenceId" = f."occurrence" AND s."unitId" = f."unit"
    )`;
}

/**
 * Counts of the whole filtered matrix in one statement (GROUPING SETS: per window, per unit, per state), so a page
 * of a 1,000 × 200 matrix is drawn without reading its 200,000 cells into the application.
 */
export async function matrixTotals(
  prisma: PrismaClient,
  range: DateRange,
  filter: MatrixFilterSql,
  today: LocalDate,
): Promise<MatrixTotals> {
  const rows = await prisma.$queryRaw<
    {
      occurrence: number | null;
      unit: number | null;
      state: MatrixState | null;
      followUp: FollowUpState | null;
      n: number;
      overdue: number;
    }[]
  >`
    WITH ${matrixCells(range, filter)}, ${followUpCells(today)}
    SELECT "occurrence", "unit", "state", "followUp", count(*)::int AS "n",
      (count(*) FILTER (WHERE "state" = 'overdue'))::int AS "overdue"
    FROM fu GROUP BY GROUPING SETS (("occurrence"), ("unit"), ("state"), ("followUp"))`;
  const totals: MatrixTotals = {
    states: { done: 0, in_progress: 0, blocked: 0, none: 0, overdue: 0 },
    followUp: emptyCounts(),
    windows: new Map(),
    units: new Map(),
  };
  for (const row of rows) {
    if (row.occurrence !== null) totals.windows.set(row.occurrence, { cells: row.n, overdue: row.overdue });
    else if (row.unit !== null) totals.units.set(row.unit, { cells: row.n, overdue: row.overdue });
    else if (row.state !== null) totals.states[row.state] = row.n;
    else if (row.followUp !== null) totals.followUp[row.followUp] = row.n;
  }
  return totals;
}

export interface PageCell {
  occurrence: number;
  unit: number;
  role: 'lead' | 'support';
  state: MatrixState;
  followUp: FollowUpState;
  daysLate: number;
}

/** The cells of one page (its units × its windows) with their states. */
export async function matrixPageCells(
  prisma: PrismaClient,
  range: DateRange,
  filter: MatrixFilterSql,
  today: LocalDate,
  page: { units: number[]; occurrences: number[] },
): Promise<{ cells: PageCell[]; units: MatrixUnit[] }> {
  if (page.units.length === 0 || page.occurrences.length === 0) return { cells: [], units: [] };
  const [cells, units] = await Promise.all([
    prisma.$queryRaw<PageCell[]>`
      WITH ${matrixCells(range, filter)}, ${followUpCells(today)}
      SELECT "occurrence", "unit", "role", "state", "followUp", "daysLate" FROM fu
      WHERE "unit" = ANY(${page.units}::int[]) AND "occurrence" = ANY(${page.occurrences}::int[])`,
    prisma.unit.findMany({
      where: { id: { in: page.units } },
      select: { id: true, code: true, name: true, shortName: true, level: true },
    }),
  ]);
  return {
    cells,
    units: units.map((unit) => ({
      id: unit.id,
      code: unit.code,
      name: unit.shortName ?? unit.name,
      level: unit.level,
    })),
  };
}

// ------------------------------------------------------------------------------------------ follow-up statistics

export interface FollowUpTally {
  /** Unit × window cells counted. */
  cells: number;
  /** Distinct windows among them. */
  windows: number;
  counts: FollowUpCounts;
  rates: FollowUpRates;
  /** The most days late (done late) and overdue (still open) among the cells. */
  maxDaysLate: number;
  maxDaysOverdue: number;
}

export interface FollowUpStatistics {
  total: FollowUpTally;
  plans: { id: number; code: string; title: string; tally: FollowUpTally }[];
  levels: { level: UnitLevel; tally: FollowUpTally }[];
  units: { id: number; code: string; name: string; level: UnitLevel; tally: FollowUpTally }[];
}

/**
 * The four-way statistics of the filtered matrix per plan, per level and per unit, counted by PostgreSQL in one
 * statement (GROUPING SETS): 100,000 cells are never read into the application.
 */
export async function followUpStatistics(
  prisma: PrismaClient,
  range: DateRange,
  filter: MatrixFilterSql,
  today: LocalDate,
): Promise<FollowUpStatistics> {
  const rows = await prisma.$queryRaw<
    {
      planId: number | null;
      level: string | null;
      unit: number | null;
      g: number;
      cells: number;
      windows: number;
      done_on_time: number;
      done_late: number;
      open: number;
      overdue: number;
      maxLate: number;
      maxOverdue: number;
    }[]
  >`
    WITH ${matrixCells(range, filter)}, ${followUpCells(today)}
    SELECT fu."planId", u."level", fu."unit",
      GROUPING(fu."planId", u."level", fu."unit")::int AS "g",
      count(*)::int AS "cells", count(DISTINCT fu."occurrence")::int AS "windows",
      (count(*) FILTER (WHERE "followUp" = 'done_on_time'))::int AS "done_on_time",
      (count(*) FILTER (WHERE "followUp" = 'done_late'))::int AS "done_late",
      (count(*) FILTER (WHERE "followUp" = 'open'))::int AS "open",
      (count(*) FILTER (WHERE "followUp" = 'overdue'))::int AS "overdue",
      COALESCE(max("daysLate") FILTER (WHERE "followUp" = 'done_late'), 0)::int AS "maxLate",
      COALESCE(max("daysLate") FILTER (WHERE "followUp" = 'overdue'), 0)::int AS "maxOverdue"
    FROM fu JOIN "Unit" u ON u."id" = fu."unit"
    GROUP BY GROUPING SETS ((fu."planId"), (u."level"), (fu."unit"), ())`;
  const tally = (row: (typeof rows)[number]): FollowUpTally => {
    const counts = { done_on_time: row.done_on_time, done_late: row.done_late, open: row.open, overdue: row.overdue };
    return {
      cells: row.cells,
      windows: row.windows,
      counts,
      rates: followUpRates(counts),
      maxDaysLate: row.maxLate,
      maxDaysOverdue: row.maxOverdue,
    };
  };
  // GROUPING's bits, planId first: 0b011 a plan's row, 0b101 a level's, 0b110 a unit's, 0b111 the total.
  const planRows = rows.filter((row) => row.g === 0b011 && row.planId !== null);
  const levelRows = rows.filter((row) => row.g === 0b101 && row.level !== null);
  const unitRows = rows.filter((row) => row.g === 0b110 && row.unit !== null);
  const totalRow = rows.find((row) => row.g === 0b111);
  const [plans, units] = await Promise.all([
    prisma.plan.findMany({
      where: { id: { in: planRows.map((row) => row.planId as number) } },
      select: { id: true, code: true, title: true },
    }),
    inSlices(
      unitRows.map((row) => row.unit as number),
      (slice) =>
        prisma.unit.findMany({
          where: { id: { in: slice } },
          select: { id: true, code: true, name: true, shortName: true, level: true },
        }),
    ),
  ]);
  const planById = new Map(plans.map((plan) => [plan.id, plan]));
  const unitById = new Map(units.map((unit) => [unit.id, unit]));
  const empty = { cells: 0, windows: 0, counts: emptyCounts(), rates: followUpRates(emptyCounts()) };
  return {
    total: totalRow ? tally(totalRow) : { ...empty, maxDaysLate: 0, maxDaysOverdue: 0 },
    plans: planRows.flatMap((row) => {
      const plan = planById.get(row.planId as number);
      return plan ? [{ ...plan, tally: tally(row) }] : [];
    }),
    levels: levelRows.map((row) => ({ level: row.level as UnitLevel, tally: tally(row) })),
    units: unitRows
      .flatMap((row) => {
        const unit = unitById.get(row.unit as number);
        return unit
          ? [{ id: unit.id, code: unit.code, name: unit.shortName ?? unit.name, level: unit.level, tally: tally(row) }]
          : [];
      })
      .sort((a, b) => b.tally.counts.overdue - a.tally.counts.overdue || a.code.localeCompare(b.code)),
  };
}

export interface LateCompletion {
  occurrenceId: number;
  planCode: string;
  ref: string;
  title: string;
  start: LocalDate;
  end: LocalDate;
  deadline: LocalDate;
  unit: { id: number; code: string; name: string };
  daysLate: number;
}

/** Duties done late in the period (windows overlapping it), most days late first, at most `limit` rows. */
export async function lateCompletions(
  prisma: PrismaClient,
  range: DateRange,
  filter: MatrixFilterSql,
  today: LocalDate,
  limit = 200,
): Promise<{ rows: LateCompletion[]; total: number }> {
  const rows = await prisma.$queryRaw<
    {
      occurrence: number;
      deadline: Date;
      daysLate: number;
      total: number;
      planCode: string;
      ref: string;
      title: string;
      startsOn: Date;
      endsOn: Date;
      unitId: number;
      unitCode: string;
      unitName: string;
    }[]
  >`
    WITH ${matrixCells(range, filter)}, ${followUpCells(today)}, late AS (
      SELECT fu."occurrence", fu."unit", fu."deadline", fu."daysLate", count(*) OVER ()::int AS "total"
      FROM fu WHERE fu."followUp" = 'done_late'
      ORDER BY fu."daysLate" DESC, fu."occurrence", fu."unit" LIMIT ${limit}
    )
    SELECT late."occurrence", late."deadline", late."daysLate", late."total", p."code" AS "planCode", d."ref", d."title",
      o."startsOn", o."endsOn", u."id" AS "unitId", u."code" AS "unitCode", COALESCE(u."shortName", u."name") AS "unitName"
    FROM late JOIN "Occurrence" o ON o."id" = late."occurrence" JOIN "Duty" d ON d."id" = o."dutyId"
    JOIN "Plan" p ON p."id" = d."planId" JOIN "Unit" u ON u."id" = late."unit"
    ORDER BY late."daysLate" DESC, late."occurrence", late."unit"`;
  return {
    total: rows[0]?.total ?? 0,
    rows: rows.map((row) => ({
      occurrenceId: row.occurrence,
      planCode: row.planCode,
      ref: row.ref,
      title: row.title,
      start: fromUtcMidnight(row.startsOn),
      end: fromUtcMidnight(row.endsOn),
      deadline: fromUtcMidnight(row.deadline),
      unit: { id: row.unitId, code: row.unitCode, name: row.unitName },
      daysLate: row.daysLate,
    })),
  };
}

export interface SilentUnit {
  id: number;
  code: string;
  name: string;
  /** Windows of the period the unit answers for without any report, and how many of them are overdue. */
  unreported: number;
  overdue: number;
}

/** Units that have not reported on some window of the period they answer for, most overdue first. */
export async function unitsWithoutReports(
  prisma: PrismaClient,
  range: DateRange,
  filter: MatrixFilterSql,
  today: LocalDate,
): Promise<SilentUnit[]> {
  return prisma.$queryRaw<SilentUnit[]>`
    WITH ${matrixCells(range, filter)}, ${followUpCells(today)}
    SELECT u."id", u."code", COALESCE(u."shortName", u."name") AS "name", count(*)::int AS "unreported",
      (count(*) FILTER (WHERE fu."followUp" = 'overdue'))::int AS "overdue"
    FROM fu JOIN "Unit" u ON u."id" = fu."unit"
    WHERE fu."reported" IS NULL
    GROUP BY u."id" ORDER BY "overdue" DESC, "unreported" DESC, u."code"`;
}
