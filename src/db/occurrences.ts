// Occurrence rows: the concrete windows of each duty schedule, stored so reports and reminders can point at them.
import { addMonths, fromUtcMidnight, type LocalDate, maxDate, toUtcMidnight } from '../domain/dates.js';
import { type DateRange, expandSchedule, type Schedule, scheduleLastDay } from '../domain/schedule.js';
import type { Prisma, PrismaClient } from '../generated/prisma/client.js';

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
      toCreate.push({ dutyId: row.dutyId, scheduleId: row.id, seq: window.seq, startsOn: toUtcMidnight(window.start), endsOn: toUtcMidnight(window.end) });
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
  await tx.dutySchedule.update({ where: { id: row.id }, data: { materializedThrough: toUtcMidnight(horizon) } });
  return { kept };
}

/** Extends every open-ended series not yet stored through `date` (bounded ones are stored whole on import). */
export async function ensureMaterializedThrough(prisma: Tx, date: LocalDate): Promise<number> {
  const behind = await prisma.dutySchedule.findMany({
    where: {
      everyMonths: { not: null },
      until: null,
      count: null,
      OR: [{ materializedThrough: null }, { materializedThrough: { lt: toUtcMidnight(date) } }],
    },
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
 * Served by the (endsOn, startsOn) index: `endsOn >= from` bounds the scan, `startsOn <= to` filters it.
 */
export async function listOccurrences(prisma: PrismaClient, range: DateRange, options: { planId?: number } = {}): Promise<OccurrenceView[]> {
  await ensureMaterializedThrough(prisma, range.to);
  const rows = await prisma.occurrence.findMany({
    where: {
      endsOn: { gte: toUtcMidnight(range.from) },
      startsOn: { lte: toUtcMidnight(range.to) },
      duty: { retiredAt: null, ...(options.planId ? { planId: options.planId } : {}) },
    },
    orderBy: [{ endsOn: 'asc' }, { startsOn: 'asc' }, { id: 'asc' }],
    select: {
      id: true,
      seq: true,
      startsOn: true,
      endsOn: true,
      schedule: { select: { label: true } },
      duty: { select: { id: true, key: true, ref: true, title: true, plan: { select: { code: true } } } },
    },
  });
  return rows.map((row) => ({
    id: row.id,
    dutyId: row.duty.id,
    dutyKey: row.duty.key,
    planCode: row.duty.plan.code,
    ref: row.duty.ref,
    title: row.duty.title,
    seq: row.seq,
    label: row.schedule.label,
    start: fromUtcMidnight(row.startsOn),
    end: fromUtcMidnight(row.endsOn),
  }));
}

