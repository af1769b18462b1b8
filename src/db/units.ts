// The unit aggregate: the organisation tree and the names people call each unit by.
import type { PrismaClient } from '../generated/prisma/client.js';
import type { UnitLevel } from '../plans/format.js';

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
    orderBy: [{ level: 'asc' }, { code: 'asc' }],
    select: { code: true, name: true, shortName: true, level: true, parent: { select: { code: true } }, aliases: { select: { alias: true } } },
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
export async function loadUnitEntries(prisma: PrismaClient): Promise<
  { id: number; code: string; name: string; shortName: string | null; level: UnitLevel; names: string[] }[]
> {
  const units = await prisma.unit.findMany({
    select: { id: true, code: true, name: true, shortName: true, level: true, aliases: { select: { normalized: true } } },
    orderBy: { id: 'asc' },
  });
  return units.map(({ aliases, ...unit }) => ({ ...unit, names: aliases.map((alias) => alias.normalized) }));
}
