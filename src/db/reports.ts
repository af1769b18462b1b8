// The status-report aggregate: a report and the unit's current status are written together, once per message.
import { addDays, type LocalDate, toUtcMidnight } from '../domain/dates.js';
import { recognizeEvidence } from '../domain/evidence.js';
import { Prisma, type PrismaClient } from '../generated/prisma/client.js';
import type { UnitLevel } from '../plans/format.js';
import { inSlices } from './chunks.js';
import { strongestRole, unitRolesSql } from './duties.js';
import { listOccurrences, type OccurrenceView } from './occurrences.js';

export type ReportStatus = 'not_started' | 'in_progress' | 'done' | 'blocked';
export type ReportChannel = 'telegram' | 'zalo' | 'console';

export interface NewStatusReport {
  occurrenceId: number;
  unitId: number;
  officialId: number;
  status: ReportStatus;
  note?: string;
  channel: ReportChannel;
  /** The platform's id for the message or button press; a redelivered update carries the same one. */
  channelMessageId: string;
  reportedAt?: Date;
  /** The document the unit issued about it, recognised in the note (src/domain/evidence.ts) or given. */
  evidence?: { number: string; date: LocalDate | null };
}

export const MAX_NOTE_LENGTH = 500;

export interface RecordedReport {
  reportId: number;
  /** 'pending' when the plan requires confirmation and this report says done; else null. */
  reviewState: 'pending' | null;
  /** True when this channel message had already been stored: nothing was written. */
  duplicate: boolean;
}

/**
 * Stores a report and moves the unit's current status to it, in one statement (so one round trip, and atomic).
 * A second delivery of the same channel message (a retried webhook, a double tap) is recognised by its unique
 * key and stores nothing. A report older than the current status (arriving late) is kept in the history only.
 */
export async function recordStatusReport(prisma: PrismaClient, input: NewStatusReport): Promise<RecordedReport> {
  if (input.note !== undefined && input.note.length > MAX_NOTE_LENGTH) {
    throw new RangeError(`A report note has at most ${MAX_NOTE_LENGTH} characters (got ${input.note.length})`);
  }
  const reportedAt = input.reportedAt ?? new Date();
  const evidenceNumber = input.evidence?.number.slice(0, 80) ?? null;
  const evidenceDate = input.evidence?.date ? toUtcMidnight(input.evidence.date) : null;
  // A "done" on a plan that requires confirmation waits for the issuing body: decided in the same statement.
  const review = Prisma.sql`(SELECT CASE WHEN ${input.status} = 'done' AND p."requiresConfirmation" THEN 'pending'::"ReviewState" END
      FROM "Occurrence" o JOIN "Duty" d ON d."id" = o."dutyId" JOIN "Plan" p ON p."id" = d."planId" WHERE o."id" = ${input.occurrenceId})`;
  const rows = await prisma.$queryRaw<{ id: number; duplicate: boolean; reviewState: string | null }[]>`
    WITH inserted AS (
      INSERT INTO "StatusReport" ("occurrenceId", "unitId", "officialId", "status", "note", "channel", "channelMessageId", "reportedAt",
                                  "evidenceNumber", "evidenceDate", "reviewState")
      VALUES (${input.occurrenceId}, ${input.unitId}, ${input.officialId}, ${input.status}::"ReportStatus", ${input.note ?? null},
              ${input.channel}::"Channel", ${input.channelMessageId}, ${reportedAt}, ${evidenceNumber}, ${evidenceDate}::date, ${review})
      ON CONFLICT ("channel", "channelMessageId") DO NOTHING
      RETURNING "id", "reportedAt", "reviewState"
    ), current AS (
      INSERT INTO "OccurrenceStatus" ("occurrenceId", "unitId", "status", "reportId", "updatedAt", "reviewState")
      SELECT ${input.occurrenceId}, ${input.unitId}, ${input.status}::"ReportStatus", "id", "reportedAt", "reviewState" FROM inserted
      ON CONFLICT ("occurrenceId", "unitId") DO UPDATE
        SET "status" = EXCLUDED."status", "reportId" = EXCLUDED."reportId", "updatedAt" = EXCLUDED."updatedAt",
            "reviewState" = EXCLUDED."reviewState"
        WHERE "OccurrenceStatus"."updatedAt" <= EXCLUDED."updatedAt"
    )
    SELECT "id", false AS "duplicate", "reviewState"::text AS "reviewState" FROM inserted
    UNION ALL
    SELECT "id", true, "reviewState"::text FROM "StatusReport"
    WHERE "channel" = ${input.channel}::"Channel" AND "channelMessageId" = ${input.channelMessageId}
      AND NOT EXISTS (SELECT 1 FROM inserted)`;
  const [row] = rows;
  if (row)
    return {
      reportId: row.id,
      duplicate: row.duplicate,
      reviewState: row.reviewState === 'pending' ? 'pending' : null,
    };
  // Two deliveries of one message raced: the other one's row was not yet visible to this statement.
  const winner = await prisma.statusReport.findUniqueOrThrow({
    where: { channel_channelMessageId: { channel: input.channel, channelMessageId: input.channelMessageId } },
    select: { id: true, reviewState: true },
  });
  return { reportId: winner.id, duplicate: true, reviewState: winner.reviewState === 'pending' ? 'pending' : null };
}

export interface ReportTarget {
  dutyId: number;
  dutyTitle: string;
  retired: boolean;
  /** How the reporting unit answers for the duty (named or through its level); undefined: not at all. */
  role: 'lead' | 'support' | undefined;
}

/** What a report would be about, and whether the unit answers for it, in one statement. */
export async function reportTarget(
  prisma: PrismaClient,
  occurrenceId: number,
  unit: { id: number; level: UnitLevel },
): Promise<ReportTarget | undefined> {
  const [row] = await prisma.$queryRaw<
    { dutyId: number; title: string; retiredAt: Date | null; roles: string[] | null }[]
  >`
    SELECT d."id" AS "dutyId", d."title", d."retiredAt", ${unitRolesSql(Prisma.sql`d."id"`, unit)} AS "roles"
    FROM "Occurrence" o JOIN "Duty" d ON d."id" = o."dutyId" WHERE o."id" = ${occurrenceId}`;
  if (!row) return undefined;
  return { dutyId: row.dutyId, dutyTitle: row.title, retired: row.retiredAt !== null, role: strongestRole(row.roles) };
}

export interface UnitStatus {
  status: ReportStatus;
  note: string | null;
  reportedAt: Date;
  officialId: number;
}

/** The unit's current status for an occurrence, with the note of the report that set it. */
export async function currentUnitStatus(
  prisma: PrismaClient,
  { occurrenceId, unitId }: { occurrenceId: number; unitId: number },
): Promise<UnitStatus | undefined> {
  const row = await prisma.occurrenceStatus.findUnique({
    where: { occurrenceId_unitId: { occurrenceId, unitId } },
    select: { reportId: true },
  });
  if (!row) return undefined;
  const report = await prisma.statusReport.findUniqueOrThrow({
    where: { id: row.reportId },
    select: { status: true, note: true, reportedAt: true, officialId: true },
  });
  return report;
}

export interface OverdueOccurrence {
  occurrence: OccurrenceView;
  /** Lead units (named or through their level) that must report. */
  responsible: number;
  /** Those of them that have not reported "done". */
  missing: { id: number; code: string; name: string; shortName: string | null }[];
}

/**
 * Windows that closed before `asOf` (and not before `since`) while a lead unit had not reported "done".
 * With `unit`, only that unit's own missing reports count.
 */
export async function overdueOccurrences(
  prisma: PrismaClient,
  asOf: LocalDate,
  options: { since: LocalDate; unit?: { id: number; level: UnitLevel } },
): Promise<OverdueOccurrence[]> {
  const yesterday = addDays(asOf, -1);
  if (yesterday < options.since) return [];
  const closed = (
    await listOccurrences(prisma, { from: options.since, to: yesterday }, options.unit ? { unit: options.unit } : {})
  ).filter((occurrence) => occurrence.end < asOf);
  if (closed.length === 0) return [];
  const dutyIdList = [...new Set(closed.map((o) => o.dutyId))];
  const [named, levels, done] = await Promise.all([
    inSlices(dutyIdList, (slice) =>
      prisma.dutyUnit.findMany({
        where: { dutyId: { in: slice }, role: 'lead' },
        select: { dutyId: true, unitId: true },
      }),
    ),
    inSlices(dutyIdList, (slice) =>
      prisma.dutyLevel.findMany({
        where: { dutyId: { in: slice }, role: 'lead' },
        select: { dutyId: true, level: true },
      }),
    ),
    inSlices(
      closed.map((o) => o.id),
      (slice) =>
        prisma.occurrenceStatus.findMany({
          where: { occurrenceId: { in: slice }, status: 'done' },
          select: { occurrenceId: true, unitId: true },
        }),
    ),
  ]);
  // Every unit of each level that leads some duty here, in one query.
  const leadLevels = [...new Set(levels.map((row) => row.level))];
  const levelUnits = new Map<UnitLevel, number[]>();
  if (leadLevels.length > 0) {
    for (const unit of await prisma.unit.findMany({
      where: { level: { in: leadLevels } },
      select: { id: true, level: true },
    })) {
      const ids = levelUnits.get(unit.level) ?? [];
      ids.push(unit.id);
      levelUnits.set(unit.level, ids);
    }
  }
  const leadsByDuty = new Map<number, Set<number>>();
  const leadsOf = (dutyId: number) =>
    leadsByDuty.get(dutyId) ?? leadsByDuty.set(dutyId, new Set()).get(dutyId) ?? new Set<number>();
  for (const row of named) leadsOf(row.dutyId).add(row.unitId);
  for (const row of levels) for (const id of levelUnits.get(row.level) ?? []) leadsOf(row.dutyId).add(id);
  const doneBy = new Set(done.map((row) => `${row.occurrenceId}:${row.unitId}`));
  const missingIds = new Map<number, number[]>();
  for (const occurrence of closed) {
    const leads = [...(leadsByDuty.get(occurrence.dutyId) ?? [])];
    const asked = options.unit ? leads.filter((id) => id === options.unit?.id) : leads;
    missingIds.set(
      occurrence.id,
      asked.filter((id) => !doneBy.has(`${occurrence.id}:${id}`)),
    );
  }
  const unitIds = [...new Set([...missingIds.values()].flat())];
  const units = new Map(
    (
      await inSlices(unitIds, (slice) =>
        prisma.unit.findMany({
          where: { id: { in: slice } },
          select: { id: true, code: true, name: true, shortName: true },
        }),
      )
    ).map((unit) => [unit.id, unit]),
  );
  return closed.flatMap((occurrence) => {
    const missing = (missingIds.get(occurrence.id) ?? []).flatMap((id) => units.get(id) ?? []);
    if (missing.length === 0) return [];
    return [{ occurrence, responsible: leadsByDuty.get(occurrence.dutyId)?.size ?? 0, missing }];
  });
}

/**
 * Adds the note an official sends after tapping a status. Only the reporting official's own report,
 * and the same note again (a redelivered message) changes nothing.
 */
export async function attachNote(
  prisma: PrismaClient,
  { reportId, officialId }: { reportId: number; officialId: number },
  note: string,
): Promise<boolean> {
  if (note.length > MAX_NOTE_LENGTH)
    throw new RangeError(`A report note has at most ${MAX_NOTE_LENGTH} characters (got ${note.length})`);
  // The document number and date in the note are the report's evidence (kept when the note names none).
  const evidence = recognizeEvidence(note);
  const updated = await prisma.statusReport.updateMany({
    where: { id: reportId, officialId },
    data: {
      note,
      ...(evidence
        ? { evidenceNumber: evidence.number, evidenceDate: evidence.date ? toUtcMidnight(evidence.date) : null }
        : {}),
    },
  });
  return updated.count === 1;
}

export interface ReportDue {
  occurrence: OccurrenceView;
  status: ReportStatus | null;
}

/**
 * What a unit still has to report on: windows of its duties that have opened (within the look-back) and
 * that it has not reported done (or whose done was returned), those closing first first.
 */
export async function reportsDue(
  prisma: PrismaClient,
  unit: { id: number; level: UnitLevel },
  asOf: LocalDate,
  lookBackDays = 365,
): Promise<ReportDue[]> {
  const opened = (await listOccurrences(prisma, { from: addDays(asOf, -lookBackDays), to: asOf }, { unit })).filter(
    (o) => o.start <= asOf,
  );
  if (opened.length === 0) return [];
  const statuses = await inSlices(
    opened.map((o) => o.id),
    (slice) =>
      prisma.occurrenceStatus.findMany({
        where: { unitId: unit.id, occurrenceId: { in: slice } },
        select: { occurrenceId: true, status: true, reviewState: true },
      }),
  );
  const byOccurrence = new Map(statuses.map((row) => [row.occurrenceId, row.status]));
  // A "done" the assigning body returned is still to do.
  const returned = new Set(statuses.filter((row) => row.reviewState === 'returned').map((row) => row.occurrenceId));
  return opened
    .filter((o) => byOccurrence.get(o.id) !== 'done' || returned.has(o.id))
    .map((occurrence) => ({ occurrence, status: byOccurrence.get(occurrence.id) ?? null }));
}
