// The duty aggregate as questions read it: who is responsible, which duties a unit has, word search.

import { fromUtcMidnight, type LocalDate, toUtcMidnight } from '../domain/dates.js';
import type { Responsible } from '../domain/responsible.js';
import { searchableText } from '../domain/text.js';
import { Prisma, type PrismaClient } from '../generated/prisma/client.js';
import type { UnitLevel } from '../plans/format.js';
import { inSlices } from './chunks.js';

export type { Responsible };

export interface DutyResponsibility {
  lead: Responsible[];
  support: Responsible[];
}

/** Lead and coordinating units (or levels) of each duty, in one query per table. */
export async function dutyResponsibilities(
  prisma: PrismaClient,
  dutyIds: readonly number[],
): Promise<Map<number, DutyResponsibility>> {
  const ids = [...new Set(dutyIds)];
  const result = new Map<number, DutyResponsibility>(ids.map((id) => [id, { lead: [], support: [] }]));
  if (ids.length === 0) return result;
  const [units, levels] = await Promise.all([
    inSlices(ids, (slice) =>
      prisma.dutyUnit.findMany({
        where: { dutyId: { in: slice } },
        select: {
          dutyId: true,
          role: true,
          unit: { select: { code: true, name: true, shortName: true, level: true } },
        },
        orderBy: [{ dutyId: 'asc' }, { unitId: 'asc' }],
      }),
    ),
    inSlices(ids, (slice) =>
      prisma.dutyLevel.findMany({
        where: { dutyId: { in: slice } },
        select: { dutyId: true, role: true, level: true, tier: { select: { members: true, membersEn: true } } },
      }),
    ),
  ]);
  for (const row of units) {
    result
      .get(row.dutyId)
      ?.[row.role].push({ kind: 'unit', code: row.unit.code, name: row.unit.name, shortName: row.unit.shortName });
  }
  for (const row of levels) {
    const members = { vi: row.tier.members, en: row.tier.membersEn };
    result.get(row.dutyId)?.[row.role].push({ kind: 'level', level: row.level, members });
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

/** A duty's details for the chat's "open" view: by occurrence (a window) or by duty (an ongoing one). */
export async function dutyDetails(
  prisma: PrismaClient,
  target: { occurrenceId: number } | { dutyId: number },
): Promise<DutyDetails | undefined> {
  let occurrence: DutyDetails['occurrence'] = null;
  let dutyId: number;
  if ('occurrenceId' in target) {
    const row = await prisma.occurrence.findUnique({
      where: { id: target.occurrenceId },
      select: { id: true, dutyId: true, startsOn: true, endsOn: true, schedule: { select: { label: true } } },
    });
    if (!row) return undefined;
    dutyId = row.dutyId;
    occurrence = {
      id: row.id,
      start: fromUtcMidnight(row.startsOn),
      end: fromUtcMidnight(row.endsOn),
      label: row.schedule.label,
    };
  } else {
    dutyId = target.dutyId;
  }
  const duty = await prisma.duty.findUnique({
    where: { id: dutyId },
    select: {
      id: true,
      key: true,
      title: true,
      summary: true,
      ref: true,
      sourceQuote: true,
      retiredAt: true,
      plan: { select: { code: true, title: true } },
    },
  });
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

/** How a unit answers for a duty: as lead, as coordinating unit, or not at all (named or through its level). */
export async function unitRoleInDuty(
  prisma: PrismaClient,
  dutyId: number,
  unit: { id: number; level: UnitLevel },
): Promise<'lead' | 'support' | undefined> {
  const [named, levels] = await Promise.all([
    prisma.dutyUnit.findMany({ where: { dutyId, unitId: unit.id }, select: { role: true } }),
    prisma.dutyLevel.findMany({ where: { dutyId, level: unit.level }, select: { role: true } }),
  ]);
  const roles = new Set([...named, ...levels].map((row) => row.role));
  return roles.has('lead') ? 'lead' : roles.has('support') ? 'support' : undefined;
}
