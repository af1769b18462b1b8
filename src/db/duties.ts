// The duty aggregate as questions read it: who is responsible, which duties a unit has, word search.

import { fromUtcMidnight, type LocalDate, toUtcMidnight } from '../domain/dates.js';
import type { Responsible } from '../domain/responsible.js';
import { searchableText } from '../domain/text.js';
import { Prisma, type PrismaClient } from '../generated/prisma/client.js';
import type { UnitLevel } from '../plans/format.js';
import { inSlices } from './chunks.js';
import type { ReportStatus } from './reports.js';

export type { Responsible };

export interface DutyResponsibility {
  lead: Responsible[];
  support: Responsible[];
}

interface ResponsibleRow {
  dutyId: number;
  role: 'lead' | 'support';
  kind: 'unit' | 'level';
  code: string;
  name: string;
  shortName: string | null;
  nameEn: string | null;
}

/** Lead and coordinating units (or levels) of each duty, named units first, in one statement. */
export async function dutyResponsibilities(
  prisma: PrismaClient,
  dutyIds: readonly number[],
): Promise<Map<number, DutyResponsibility>> {
  const ids = [...new Set(dutyIds)];
  const result = new Map<number, DutyResponsibility>(ids.map((id) => [id, { lead: [], support: [] }]));
  if (ids.length === 0) return result;
  const rows = await inSlices(
    ids,
    (slice) => prisma.$queryRaw<ResponsibleRow[]>`
      SELECT du."dutyId", du."role"::text AS "role", 'unit' AS "kind", u."code", u."name", u."shortName", NULL AS "nameEn", 0 AS "sort", du."unitId" AS "sortId"
      FROM "DutyUnit" du JOIN "Unit" u ON u."id" = du."unitId" WHERE du."dutyId" IN (${Prisma.join(slice)})
      UNION ALL
      SELECT dl."dutyId", dl."role"::text, 'level', dl."level", l."members", NULL, l."membersEn", 1, 0
      FROM "DutyLevel" dl JOIN "Level" l ON l."key" = dl."level" WHERE dl."dutyId" IN (${Prisma.join(slice)})
      ORDER BY 1, 8, 9, 4`,
  );
  for (const row of rows) {
    const entry = result.get(row.dutyId)?.[row.role];
    if (!entry) continue;
    entry.push(
      row.kind === 'unit'
        ? { kind: 'unit', code: row.code, name: row.name, shortName: row.shortName }
        : { kind: 'level', level: row.code, members: { vi: row.name, en: row.nameEn ?? row.name } },
    );
  }
  return result;
}

/** Active duties a unit answers for: named directly, or through its level ("every district committee"). */
export async function dutyIdsForUnit(prisma: PrismaClient, unit: { id: number; level: UnitLevel }): Promise<number[]> {
  const duties = await prisma.duty.findMany({
    where: {
      retiredAt: null,
      OR: [{ units: { some: { unitId: unit.id } } }, { levels: { some: { level: unit.level } } }],
    },
    select: { id: true },
    orderBy: { id: 'asc' },
  });
  return duties.map((duty) => duty.id);
}

export interface DutySearchCandidate {
  id: number;
  key: string;
  title: string;
  summary: string | null;
  aliases: string[];
  searchText: string;
}

/**
 * Active duties whose folded text contains at least `needed` of the words, those containing the most
 * first (then the most recently imported), at most `limit`; the caller ranks them by whole words.
 * Counting in SQL keeps the candidates the best ones however many duties share a common word.
 */
export async function findDutiesByWords(
  prisma: PrismaClient,
  words: readonly string[],
  needed: number,
  options: { range?: { from: LocalDate; to: LocalDate }; limit?: number } = {},
): Promise<DutySearchCandidate[]> {
  if (words.length === 0) return [];
  const limit = options.limit ?? 500;
  // With a period, only duties that have a window in it can answer "when"; counting them in the same
  // statement keeps the best candidates those of the period, not the oldest ones sharing a word.
  const inPeriod = options.range
    ? Prisma.sql`AND EXISTS (SELECT 1 FROM "Occurrence" o WHERE o."dutyId" = "Duty".id
        AND o."endsOn" >= ${toUtcMidnight(options.range.from)} AND o."startsOn" <= ${toUtcMidnight(options.range.to)})`
    : Prisma.empty;
  const hits = Prisma.join(
    words.map((word) => Prisma.sql`("searchText" LIKE ${`%${escapeLike(word)}%`})::int`),
    ' + ',
  );
  return prisma.$queryRaw<DutySearchCandidate[]>`
    SELECT id, key, title, summary, aliases, "searchText" FROM "Duty"
    WHERE "retiredAt" IS NULL AND (${hits}) >= ${needed} ${inPeriod}
    ORDER BY (${hits}) DESC, id DESC
    LIMIT ${limit}`;
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (character) => `\\${character}`);
}

/** Fills searchText for duties imported before it existed (a one-time catch-up at start-up). */
export async function fillMissingSearchText(prisma: PrismaClient): Promise<number> {
  const missing = await prisma.duty.findMany({
    where: { searchText: '' },
    select: { id: true, title: true, summary: true, aliases: true, ref: true },
  });
  for (const duty of missing) {
    await prisma.duty.update({
      where: { id: duty.id },
      data: { searchText: searchableText([duty.title, duty.summary, ...duty.aliases, duty.ref]) },
    });
  }
  return missing.length;
}

export interface DutyDetails {
  dutyId: number;
  key: string;
  title: string;
  summary: string | null;
  ref: string;
  sourceQuote: string;
  plan: { code: string; title: string };
  retired: boolean;
  responsibility: DutyResponsibility;
  /** The window asked about, when the details are for an occurrence. */
  occurrence: { id: number; start: LocalDate; end: LocalDate; label: string | null } | null;
}

const dutyDetailSelect = {
  id: true,
  key: true,
  title: true,
  summary: true,
  ref: true,
  sourceQuote: true,
  retiredAt: true,
  plan: { select: { code: true, title: true } },
} as const;

/**
 * A duty's details for the chat's "open" view: by occurrence (a window) or by duty (an ongoing one). The
 * window, its duty and plan come in one statement (relation joins), the responsible units in a second.
 */
export async function dutyDetails(
  prisma: PrismaClient,
  target: { occurrenceId: number } | { dutyId: number },
): Promise<DutyDetails | undefined> {
  let occurrence: DutyDetails['occurrence'] = null;
  let duty: Prisma.DutyGetPayload<{ select: typeof dutyDetailSelect }> | null;
  if ('occurrenceId' in target) {
    const row = await prisma.occurrence.findUnique({
      where: { id: target.occurrenceId },
      select: {
        id: true,
        startsOn: true,
        endsOn: true,
        schedule: { select: { label: true } },
        duty: { select: dutyDetailSelect },
      },
    });
    if (!row) return undefined;
    duty = row.duty;
    occurrence = {
      id: row.id,
      start: fromUtcMidnight(row.startsOn),
      end: fromUtcMidnight(row.endsOn),
      label: row.schedule.label,
    };
  } else {
    duty = await prisma.duty.findUnique({ where: { id: target.dutyId }, select: dutyDetailSelect });
  }
  if (!duty) return undefined;
  const responsibility = (await dutyResponsibilities(prisma, [duty.id])).get(duty.id) ?? { lead: [], support: [] };
  return {
    dutyId: duty.id,
    key: duty.key,
    title: duty.title,
    summary: duty.summary,
    ref: duty.ref,
    sourceQuote: duty.sourceQuote,
    plan: duty.plan,
    retired: duty.retiredAt !== null,
    responsibility,
    occurrence,
  };
}

/** The roles a unit has in a duty, named or through its level, as one SQL expression (an array of role names). */
export function unitRolesSql(dutyId: Prisma.Sql | number, unit: { id: number; level: UnitLevel }): Prisma.Sql {
  return Prisma.sql`(SELECT array_agg(DISTINCT r.role) FROM (
      SELECT du."role"::text AS role FROM "DutyUnit" du WHERE du."dutyId" = ${dutyId} AND du."unitId" = ${unit.id}
      UNION ALL
      SELECT dl."role"::text FROM "DutyLevel" dl WHERE dl."dutyId" = ${dutyId} AND dl."level" = ${unit.level}
    ) r)`;
}

/** Lead wins over coordinating when a unit is both (named as one, through its level as the other). */
export function strongestRole(roles: readonly string[] | null | undefined): 'lead' | 'support' | undefined {
  const set = new Set(roles ?? []);
  return set.has('lead') ? 'lead' : set.has('support') ? 'support' : undefined;
}

/** How a unit answers for a duty: as lead, as coordinating unit, or not at all (named or through its level). */
export async function unitRoleInDuty(
  prisma: PrismaClient,
  dutyId: number,
  unit: { id: number; level: UnitLevel },
): Promise<'lead' | 'support' | undefined> {
  const [row] = await prisma.$queryRaw<{ roles: string[] | null }[]>`SELECT ${unitRolesSql(dutyId, unit)} AS "roles"`;
  return strongestRole(row?.roles);
}

/** Active duties by id, for answers that list duties without a window ("thường xuyên"). */
export async function activeDuties(
  prisma: PrismaClient,
  dutyIds: readonly number[],
): Promise<{ id: number; key: string; title: string; ref: string }[]> {
  return inSlices([...dutyIds], (slice) =>
    prisma.duty.findMany({
      where: { id: { in: slice }, retiredAt: null },
      select: { id: true, key: true, title: true, ref: true },
      orderBy: { id: 'asc' },
    }),
  );
}

export async function dutyTitle(prisma: PrismaClient, dutyId: number): Promise<string | undefined> {
  return (await prisma.duty.findUnique({ where: { id: dutyId }, select: { title: true } }))?.title;
}

export interface UnitDutyState {
  role: 'lead' | 'support' | undefined;
  /** The unit's current status for the window, with the note of the report that set it. */
  status: { status: ReportStatus; note: string | null; reportedAt: Date; officialId: number } | undefined;
  /** The official switched this duty's reminders off. */
  remindersOff: boolean;
}

/** How an official's unit stands on a duty (and one of its windows), in one statement: the duty card's footer. */
export async function unitDutyState(
  prisma: PrismaClient,
  target: {
    dutyId: number;
    occurrenceId: number | undefined;
    unit: { id: number; level: UnitLevel };
    officialId: number;
  },
): Promise<UnitDutyState> {
  const [row] = await prisma.$queryRaw<
    {
      roles: string[] | null;
      status: ReportStatus | null;
      note: string | null;
      reportedAt: Date | null;
      reporterId: number | null;
      optedOut: boolean;
    }[]
  >`
    SELECT
      ${unitRolesSql(target.dutyId, target.unit)} AS "roles",
      sr."status"::text AS "status", sr."note", sr."reportedAt", sr."officialId" AS "reporterId",
      EXISTS (SELECT 1 FROM "ReminderOptOut" WHERE "officialId" = ${target.officialId} AND "dutyId" = ${target.dutyId}) AS "optedOut"
    FROM (SELECT 1) AS one
    LEFT JOIN "OccurrenceStatus" os ON os."occurrenceId" = ${target.occurrenceId ?? null}::int AND os."unitId" = ${target.unit.id}
    LEFT JOIN "StatusReport" sr ON sr."id" = os."reportId"`;
  return {
    role: strongestRole(row?.roles),
    status:
      row?.status && row.reportedAt && row.reporterId !== null
        ? { status: row.status, note: row.note, reportedAt: row.reportedAt, officialId: row.reporterId }
        : undefined,
    remindersOff: row?.optedOut ?? false,
  };
}
