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
