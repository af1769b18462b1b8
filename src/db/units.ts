// The unit aggregate: the organisation tree and the names people call each unit by.

import { buildUnitIndex, findUnit, type UnitEntry } from '../ask/units.js';
import { foldText } from '../domain/text.js';
import type { PrismaClient } from '../generated/prisma/client.js';
import type { UnitLevel } from '../plans/format.js';
import { listLevels } from './levels.js';

export interface UnitListItem {
  code: string;
  name: string;
  shortName: string | null;
  level: UnitLevel;
  parent: string | null;
  aliases: string[];
}

export async function listUnits(prisma: PrismaClient, level?: UnitLevel): Promise<UnitListItem[]> {
  const units = await prisma.unit.findMany({
    where: level ? { level } : {},
    orderBy: [{ tier: { rank: 'asc' } }, { level: 'asc' }, { code: 'asc' }],
    select: {
      code: true,
      name: true,
      shortName: true,
      level: true,
      parent: { select: { code: true } },
      aliases: { select: { alias: true } },
    },
  });
  return units.map((unit) => ({
    code: unit.code,
    name: unit.name,
    shortName: unit.shortName,
    level: unit.level,
    parent: unit.parent?.code ?? null,
    aliases: unit.aliases.map((alias) => alias.alias),
  }));
}

/** Every unit with all the names it answers to, for finding units in questions. */
export async function loadUnitEntries(
  prisma: PrismaClient,
): Promise<{ id: number; code: string; name: string; shortName: string | null; level: UnitLevel; names: string[] }[]> {
  const units = await prisma.unit.findMany({
    select: {
      id: true,
      code: true,
      name: true,
      shortName: true,
      level: true,
      aliases: { select: { normalized: true } },
    },
    orderBy: { id: 'asc' },
  });
  return units.map(({ aliases, ...unit }) => ({ ...unit, names: aliases.map((alias) => alias.normalized) }));
}

export interface ResolvedUnit {
  id: number;
  code: string;
  name: string;
  shortName: string | null;
  level: UnitLevel;
}

/**
 * The unit a person means by a code ("TU-BTG", any case) or a name ("Ban Tuyên giáo", "ban tuyen giao");
 * undefined when nothing matches, and the other candidates when a name is shared.
 */
export async function resolveUnit(
  prisma: PrismaClient,
  text: string,
): Promise<{ unit: ResolvedUnit; alternatives: ResolvedUnit[] } | undefined> {
  const typed = text.trim();
  if (!typed) return undefined;
  const byCode = await prisma.unit.findFirst({
    where: { code: { equals: typed, mode: 'insensitive' } },
    select: { id: true, code: true, name: true, shortName: true, level: true },
  });
  if (byCode) return { unit: byCode, alternatives: [] };
  const [entries, levels] = await Promise.all([loadUnitEntries(prisma), listLevels(prisma)]);
  const index = buildUnitIndex(entries, levels);
  const folded = foldText(typed);
  const whole = index.byName.get(folded);
  const match = whole?.length
    ? { unit: whole[0] as UnitEntry, alternatives: whole.slice(1) }
    : findUnit(folded, index, typed);
  if (!match) return undefined;
  const strip = ({ names: _names, ...unit }: UnitEntry): ResolvedUnit => unit;
  return { unit: strip(match.unit), alternatives: match.alternatives.map(strip) };
}

export async function findUnitByCode(prisma: PrismaClient, code: string): Promise<{ id: number } | undefined> {
  return (await prisma.unit.findUnique({ where: { code }, select: { id: true } })) ?? undefined;
}
