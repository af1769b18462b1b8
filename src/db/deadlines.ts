// The deadline in force for a unit's window, as SQL: the window's end, or the end of its approved extension.
// Statistics, the matrix, escalation and exports all ask through this one fragment, so they agree.
import { Prisma } from '../generated/prisma/client.js';

/**
 * `occurrence` and `unit` are SQL expressions naming the window's row alias (with "id" and "endsOn") and the unit's id.
 * At most one extension per unit and window is approved at a time (a partial unique index), so this is one row.
 */
export function deadlineInForceSql(occurrence: Prisma.Sql, unit: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`COALESCE((SELECT x."newEndsOn" FROM "DeadlineExtension" x
    WHERE x."occurrenceId" = ${occurrence}."id" AND x."unitId" = ${unit} AND x."state" = 'approved'), ${occurrence}."endsOn")`;
}

/** The day, in the plan's time zone, of a current status row `s` (its "updatedAt" is the report's time). */
export function statusDaySql(status: Prisma.Sql, timeZone: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`(${status}."updatedAt" AT TIME ZONE ${timeZone})::date`;
}

export interface FollowUpSqlParts {
  /** A date column holding the deadline in force (from `deadlineInForceSql`, computed once in an inner select). */
  deadline: Prisma.Sql;
  /** The current status row's alias (`OccurrenceStatus`, possibly NULL through a LEFT JOIN). */
  status: Prisma.Sql;
  timeZone: Prisma.Sql;
  requiresConfirmation: Prisma.Sql;
  today: string;
}

/**
 * The four-way state and the days late, as SQL: the same rule as `followUpStatus` in src/domain/follow-up.ts
 * (tests/db/follow-up.test.ts checks both on a grid of boundary cases). A done counts once accepted: at once, or
 * on plans that require confirmation only when confirmed; it is dated by the report's day in the plan's time zone.
 */
export function followUpStateSql(parts: FollowUpSqlParts): { state: Prisma.Sql; daysLate: Prisma.Sql } {
  const { deadline, status, timeZone, requiresConfirmation, today } = parts;
  const accepted = Prisma.sql`(${status}."status" = 'done' AND (NOT ${requiresConfirmation} OR ${status}."reviewState" = 'confirmed'))`;
  const doneOn = statusDaySql(status, timeZone);
  return {
    state: Prisma.sql`CASE WHEN ${accepted} THEN CASE WHEN ${doneOn} > ${deadline} THEN 'done_late' ELSE 'done_on_time' END
      WHEN ${today}::date > ${deadline} THEN 'overdue' ELSE 'open' END`,
    daysLate: Prisma.sql`CASE WHEN ${accepted} THEN GREATEST(${doneOn} - ${deadline}, 0)
      WHEN ${today}::date > ${deadline} THEN ${today}::date - ${deadline} ELSE 0 END`,
  };
}
