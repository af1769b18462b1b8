// The reporting picture: for the windows of a period, each responsible unit's current status and history.
import type { DateRange } from '../ask/types.js';
import { fromUtcMidnight, type LocalDate } from '../domain/dates.js';
import { Prisma, type PrismaClient } from '../generated/prisma/client.js';
import type { UnitLevel } from '../plans/format.js';
import { inSlices } from './chunks.js';
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
  options: { planId?: number; occurrenceIds?: number[] } = {},
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

  const statuses = await inSlices(
    occurrences.map((o) => o.id),
    (slice) =>
      prisma.occurrenceStatus.findMany({
        where: { occurrenceId: { in: slice } },
        select: { occurrenceId: true, unitId: true, status: true, reportId: true },
      }),
  );
  const reports = new Map(
    (
      await inSlices(
        statuses.map((s) => s.reportId),
        (slice) =>
          prisma.statusReport.findMany({
            where: { id: { in: slice } },
            select: { id: true, note: true, reportedAt: true, official: { select: { name: true } } },
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
      cells.set(`${occurrence.id}:${unit.id}`, {
        status: status?.status ?? 'none',
        role,
        note: report?.note ?? null,
        reportedAt: report?.reportedAt ?? null,
        reportedBy: report?.official.name ?? null,
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
      SELECT o."id", o."dutyId", o."endsOn" FROM "Occurrence" o
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

function stateSql(today: LocalDate): Prisma.Sql {
  return Prisma.sql`CASE WHEN s."status" = 'done' THEN 'done'
    WHEN occ."endsOn" < ${today}::date THEN 'overdue'
    WHEN s."status" IN ('in_progress', 'blocked') THEN s."status"::text
    ELSE 'none' END`;
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
    { occurrence: number | null; unit: number | null; state: MatrixState | null; n: number; overdue: number }[]
  >`
    WITH ${matrixCells(range, filter)}, states AS (
      SELECT c."occurrence", c."unit", ${stateSql(today)} AS "state"
      FROM cells c JOIN occ ON occ."id" = c."occurrence"
      LEFT JOIN "OccurrenceStatus" s ON s."occurrenceId" = c."occurrence" AND s."unitId" = c."unit"
    )
    SELECT "occurrence", "unit", "state", count(*)::int AS "n", (count(*) FILTER (WHERE "state" = 'overdue'))::int AS "overdue"
    FROM states GROUP BY GROUPING SETS (("occurrence"), ("unit"), ("state"))`;
  const totals: MatrixTotals = {
    states: { done: 0, in_progress: 0, blocked: 0, none: 0, overdue: 0 },
    windows: new Map(),
    units: new Map(),
  };
  for (const row of rows) {
    if (row.occurrence !== null) totals.windows.set(row.occurrence, { cells: row.n, overdue: row.overdue });
    else if (row.unit !== null) totals.units.set(row.unit, { cells: row.n, overdue: row.overdue });
    else if (row.state !== null) totals.states[row.state] = row.n;
  }
  return totals;
}

export interface PageCell {
  occurrence: number;
  unit: number;
  role: 'lead' | 'support';
  state: MatrixState;
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
      WITH ${matrixCells(range, filter)}
      SELECT c."occurrence", c."unit", c."role", ${stateSql(today)} AS "state"
      FROM cells c JOIN occ ON occ."id" = c."occurrence"
      LEFT JOIN "OccurrenceStatus" s ON s."occurrenceId" = c."occurrence" AND s."unitId" = c."unit"
      WHERE c."unit" = ANY(${page.units}::int[]) AND c."occurrence" = ANY(${page.occurrences}::int[])`,
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
