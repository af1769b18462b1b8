// Occurrence rows: the concrete windows of each duty schedule, stored so reports and reminders can point at them.
import { addMonths, fromUtcMidnight, type LocalDate, maxDate, toUtcMidnight } from '../domain/dates.js';
import { type DateRange, expandSchedule, type Schedule, scheduleLastDay } from '../domain/schedule.js';
import { Prisma, type PrismaClient } from '../generated/prisma/client.js';
import type { UnitLevel } from '../plans/format.js';
import { inSlices } from './chunks.js';

type Tx = Prisma.TransactionClient | PrismaClient;

/** Open-ended series are stored this far past the date they are needed for, then extended on demand. */
export const MATERIALIZE_MONTHS_AHEAD = 24;

interface ScheduleRow {
  id: number;
  dutyId: number;
  startsOn: Date;
  endsOn: Date;
  label: string | null;
  everyMonths: number | null;
  until: Date | null;
  count: number | null;
  materializedThrough: Date | null;
}

export const scheduleSelect = {
  id: true,
  dutyId: true,
  startsOn: true,
  endsOn: true,
  label: true,
  everyMonths: true,
  until: true,
  count: true,
  materializedThrough: true,
} as const;

export function toSchedule(row: Omit<ScheduleRow, 'id' | 'dutyId' | 'materializedThrough'>): Schedule {
  return {
    start: fromUtcMidnight(row.startsOn),
    end: fromUtcMidnight(row.endsOn),
    ...(row.label ? { label: row.label } : {}),
    ...(row.everyMonths
      ? {
          repeat: {
            everyMonths: row.everyMonths,
            ...(row.until ? { until: fromUtcMidnight(row.until) } : {}),
            ...(row.count ? { count: row.count } : {}),
          },
        }
      : {}),
  };
}

/**
 * Stores the schedule's windows that start on or before `through` (all of them for a bounded series),
 * updating moved windows in place by sequence number so existing reports stay attached. Windows that
 * no longer exist are deleted unless reports or reminders refer to them; their count is returned.
 */
export async function materializeSchedule(tx: Tx, row: ScheduleRow, through: LocalDate): Promise<{ kept: number }> {
  const schedule = toSchedule(row);
  // A bounded series is stored whole; an open-ended one up to `through`.
  const horizon = scheduleLastDay(schedule) ?? maxDate(through, schedule.end);
  const windows = expandSchedule(schedule, { from: schedule.start, to: horizon });

  const existing = await tx.occurrence.findMany({
    where: { scheduleId: row.id },
    select: { id: true, seq: true, startsOn: true, endsOn: true },
  });
  const bySeq = new Map(existing.map((occurrence) => [occurrence.seq, occurrence]));
  const toCreate: Prisma.OccurrenceCreateManyInput[] = [];
  for (const window of windows) {
    const current = bySeq.get(window.seq);
    bySeq.delete(window.seq);
    if (!current) {
      toCreate.push({
        dutyId: row.dutyId,
        scheduleId: row.id,
        seq: window.seq,
        startsOn: toUtcMidnight(window.start),
        endsOn: toUtcMidnight(window.end),
      });
    } else if (fromUtcMidnight(current.startsOn) !== window.start || fromUtcMidnight(current.endsOn) !== window.end) {
      await tx.occurrence.update({
        where: { id: current.id },
        data: { startsOn: toUtcMidnight(window.start), endsOn: toUtcMidnight(window.end) },
      });
    }
  }
  if (toCreate.length > 0) await tx.occurrence.createMany({ data: toCreate, skipDuplicates: true });

  let kept = 0;
  const stale = [...bySeq.values()];
  if (stale.length > 0) {
    const referenced = await tx.occurrence.findMany({
      where: { id: { in: stale.map((o) => o.id) }, OR: [{ reports: { some: {} } }, { reminders: { some: {} } }] },
      select: { id: true },
    });
    const keep = new Set(referenced.map((o) => o.id));
    kept = keep.size;
    await tx.occurrence.deleteMany({ where: { id: { in: stale.filter((o) => !keep.has(o.id)).map((o) => o.id) } } });
  }
  // Only open-ended series have a horizon to extend later; the others are stored whole.
  const materializedThrough = scheduleLastDay(schedule) === undefined ? toUtcMidnight(horizon) : null;
  await tx.dutySchedule.update({ where: { id: row.id }, data: { materializedThrough } });
  return { kept };
}

/**
 * Extends every open-ended series not yet stored through `date`. Only open-ended series have a
 * `materializedThrough`, so the index on it finds exactly the ones behind, however many schedules exist.
 */
export async function ensureMaterializedThrough(prisma: Tx, date: LocalDate): Promise<number> {
  const behind = await prisma.dutySchedule.findMany({
    where: { materializedThrough: { lt: toUtcMidnight(date) } },
    select: scheduleSelect,
  });
  for (const row of behind) await materializeSchedule(prisma, row, addMonths(date, MATERIALIZE_MONTHS_AHEAD));
  return behind.length;
}

export interface OccurrenceView {
  id: number;
  dutyId: number;
  dutyKey: string;
  planCode: string;
  ref: string;
  title: string;
  seq: number;
  label: string | null;
  start: LocalDate;
  end: LocalDate;
}

/**
 * Occurrences whose window overlaps the range, sorted by end date: the basis of "what is due".
 *
 * Served by the GiST index on each window as a date range (`&&`, overlap): it bounds both ends, so the
 * cost follows the answer, not the windows stored before or after the period. Prisma cannot say `&&`,
 * hence SQL. Duties are loaded by primary key for the rows found, and retired ones dropped here, rather
 * than joined: a join lets the planner hash the whole Duty table.
 */
export async function listOccurrences(
  prisma: PrismaClient,
  range: DateRange,
  options: { planId?: number; dutyIds?: readonly number[]; unit?: { id: number; level: UnitLevel } } = {},
): Promise<OccurrenceView[]> {
  if (options.dutyIds?.length === 0) return [];
  await ensureMaterializedThrough(prisma, range.to);
  // A unit's windows: of duties naming it, or its whole level. Asked in the same statement, so no list
  // of the unit's duty ids (tens of thousands for a district in a large deployment) is sent.
  const ofUnit = options.unit
    ? Prisma.sql`AND (EXISTS (SELECT 1 FROM "DutyUnit" du WHERE du."dutyId" = o."dutyId" AND du."unitId" = ${options.unit.id})
        OR EXISTS (SELECT 1 FROM "DutyLevel" dl WHERE dl."dutyId" = o."dutyId" AND dl."level" = ${options.unit.level}))`
    : Prisma.empty;
  const ofPlan = options.planId !== undefined ? Prisma.sql`AND d."planId" = ${options.planId}` : Prisma.empty;
  // The duty, schedule and plan of each window found are looked up by primary key (LATERAL), so the GiST
  // range scan stays the driving access however many duties exist; retired duties drop out here.
  const select = (ofDuties: Prisma.Sql) => prisma.$queryRaw<OccurrenceViewRow[]>`
    SELECT o.id, o.seq, o."startsOn", o."endsOn", o."dutyId", d."key", d."ref", d."title", s."label", p."code" AS "planCode"
    FROM "Occurrence" o
    CROSS JOIN LATERAL (SELECT "key", "ref", "title", "planId", "retiredAt" FROM "Duty" WHERE "id" = o."dutyId") d
    CROSS JOIN LATERAL (SELECT "label" FROM "DutySchedule" WHERE "id" = o."scheduleId") s
    CROSS JOIN LATERAL (SELECT "code" FROM "Plan" WHERE "id" = d."planId") p
    WHERE daterange(o."startsOn", o."endsOn", '[]') && daterange(${range.from}::date, ${range.to}::date, '[]')
      AND d."retiredAt" IS NULL ${ofPlan} ${ofUnit} ${ofDuties}
    ORDER BY o."endsOn", o."startsOn", o.id`;
  const rows = options.dutyIds
    ? byWindow(
        await inSlices(options.dutyIds, (slice) => select(Prisma.sql`AND o."dutyId" IN (${Prisma.join(slice)})`)),
      )
    : await select(Prisma.empty);
  return rows.map(toView);
}

interface OccurrenceViewRow {
  id: number;
  seq: number;
  startsOn: Date;
  endsOn: Date;
  dutyId: number;
  key: string;
  ref: string;
  title: string;
  label: string | null;
  planCode: string;
}

function toView(row: OccurrenceViewRow): OccurrenceView {
  return {
    id: row.id,
    dutyId: row.dutyId,
    dutyKey: row.key,
    planCode: row.planCode,
    ref: row.ref,
    title: row.title,
    seq: row.seq,
    label: row.label,
    start: fromUtcMidnight(row.startsOn),
    end: fromUtcMidnight(row.endsOn),
  };
}

/** Sorted by end date, then start, then id: the order of every occurrence list. */
function byWindow<T extends { endsOn: Date; startsOn: Date; id: number }>(rows: T[]): T[] {
  return rows.sort(
    (a, b) => a.endsOn.getTime() - b.endsOn.getTime() || a.startsOn.getTime() - b.startsOn.getTime() || a.id - b.id,
  );
}

const occurrenceRowSelect = {
  id: true,
  seq: true,
  startsOn: true,
  endsOn: true,
  dutyId: true,
  scheduleId: true,
} as const;
type OccurrenceRow = { id: number; seq: number; startsOn: Date; endsOn: Date; dutyId: number; scheduleId: number };

/** Adds duty, schedule label and plan code to occurrence rows, by primary key; retired duties drop out. */
async function toViews(prisma: PrismaClient, rows: OccurrenceRow[], planId?: number): Promise<OccurrenceView[]> {
  if (rows.length === 0) return [];
  const [duties, schedules] = await Promise.all([
    inSlices(
      rows.map((row) => row.dutyId),
      (slice) =>
        prisma.duty.findMany({
          where: { id: { in: slice }, retiredAt: null, ...(planId ? { planId } : {}) },
          select: { id: true, key: true, ref: true, title: true, planId: true },
        }),
    ),
    inSlices(
      rows.map((row) => row.scheduleId),
      (slice) => prisma.dutySchedule.findMany({ where: { id: { in: slice } }, select: { id: true, label: true } }),
    ),
  ]);
  const plans = await prisma.plan.findMany({
    where: { id: { in: [...new Set(duties.map((duty) => duty.planId))] } },
    select: { id: true, code: true },
  });
  const dutyById = new Map(duties.map((duty) => [duty.id, duty]));
  const labelById = new Map(schedules.map((schedule) => [schedule.id, schedule.label]));
  const codeById = new Map(plans.map((plan) => [plan.id, plan.code]));
  return rows.flatMap((row) => {
    const duty = dutyById.get(row.dutyId);
    if (!duty) return [];
    return [
      {
        id: row.id,
        dutyId: duty.id,
        dutyKey: duty.key,
        planCode: codeById.get(duty.planId) ?? '',
        ref: duty.ref,
        title: duty.title,
        seq: row.seq,
        label: labelById.get(row.scheduleId) ?? null,
        start: fromUtcMidnight(row.startsOn),
        end: fromUtcMidnight(row.endsOn),
      },
    ];
  });
}

/**
 * For each duty, the window that matters on `asOf`: the one open then, else the next one, else the last
 * one that closed. Duties with no window (ongoing ones) are absent from the result.
 */
export async function currentOrNextOccurrences(
  prisma: PrismaClient,
  dutyIds: readonly number[],
  asOf: LocalDate,
): Promise<OccurrenceView[]> {
  if (dutyIds.length === 0) return [];
  await ensureMaterializedThrough(prisma, asOf);
  const day = toUtcMidnight(asOf);
  const [upcoming, past] = await Promise.all([
    inSlices(dutyIds, (slice) =>
      prisma.occurrence.findMany({
        where: { dutyId: { in: slice }, endsOn: { gte: day } },
        distinct: ['dutyId'],
        orderBy: [{ dutyId: 'asc' }, { endsOn: 'asc' }, { id: 'asc' }],
        select: occurrenceRowSelect,
      }),
    ),
    inSlices(dutyIds, (slice) =>
      prisma.occurrence.findMany({
        where: { dutyId: { in: slice }, endsOn: { lt: day } },
        distinct: ['dutyId'],
        orderBy: [{ dutyId: 'asc' }, { endsOn: 'desc' }, { id: 'desc' }],
        select: occurrenceRowSelect,
      }),
    ),
  ]);
  const chosen = new Map(past.map((row) => [row.dutyId, row]));
  for (const row of upcoming) chosen.set(row.dutyId, row);
  const views = await toViews(prisma, [...chosen.values()]);
  return views.sort((a, b) => (a.end < b.end ? -1 : a.end > b.end ? 1 : a.id - b.id));
}

/** One window's days. */
export async function occurrenceDays(
  prisma: PrismaClient,
  occurrenceId: number,
): Promise<{ start: LocalDate; end: LocalDate } | undefined> {
  const row = await prisma.occurrence.findUnique({
    where: { id: occurrenceId },
    select: { startsOn: true, endsOn: true },
  });
  return row ? { start: fromUtcMidnight(row.startsOn), end: fromUtcMidnight(row.endsOn) } : undefined;
}
