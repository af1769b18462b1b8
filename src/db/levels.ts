// The level aggregate: the tiers of the unit tree with their names, read by replies, audiences and imports.
import type { LevelDefinition } from '../domain/levels.js';
import { levelWords } from '../domain/levels.js';
import type { Prisma, PrismaClient } from '../generated/prisma/client.js';
import type { PlanFileLevel } from '../plans/format.js';

type Reader = PrismaClient | Prisma.TransactionClient;

const levelSelect = {
  key: true,
  rank: true,
  name: true,
  members: true,
  nameEn: true,
  membersEn: true,
  aliases: true,
} as const;

type LevelRow = Prisma.LevelGetPayload<{ select: typeof levelSelect }>;

function toDefinition(row: LevelRow): LevelDefinition {
  return {
    key: row.key,
    rank: row.rank,
    name: { vi: row.name, en: row.nameEn },
    members: { vi: row.members, en: row.membersEn },
    aliases: row.aliases,
  };
}

/** Every level, top of the tree first. */
export async function listLevels(prisma: Reader): Promise<LevelDefinition[]> {
  const rows = await prisma.level.findMany({ select: levelSelect, orderBy: [{ rank: 'asc' }, { key: 'asc' }] });
  return rows.map(toDefinition);
}

export async function knownLevelKeys(prisma: Reader): Promise<Set<string>> {
  const rows = await prisma.level.findMany({ select: { key: true } });
  return new Set(rows.map((row) => row.key));
}

/**
 * Writes the levels a plan file defines (new ones, or new names for existing ones) inside the import's
 * transaction; returns the keys added and changed.
 */
export async function upsertLevels(
  tx: Prisma.TransactionClient,
  levels: readonly PlanFileLevel[],
): Promise<{ added: string[]; updated: string[] }> {
  const result = { added: [] as string[], updated: [] as string[] };
  if (levels.length === 0) return result;
  const stored = new Map(
    (await tx.level.findMany({ where: { key: { in: levels.map((level) => level.key) } }, select: levelSelect })).map(
      (row) => [row.key, row],
    ),
  );
  for (const level of levels) {
    const fields = {
      rank: level.rank,
      name: level.name,
      members: level.members,
      nameEn: level.nameEn ?? level.name,
      membersEn: level.membersEn ?? level.members,
      aliases: [...new Set([level.name, ...level.aliases].map(levelWords).filter(Boolean))],
    };
    const current = stored.get(level.key);
    if (!current) {
      await tx.level.create({ data: { key: level.key, ...fields }, select: { key: true } });
      result.added.push(level.key);
      continue;
    }
    const changed =
      current.rank !== fields.rank ||
      current.name !== fields.name ||
      current.members !== fields.members ||
      current.nameEn !== fields.nameEn ||
      current.membersEn !== fields.membersEn ||
      current.aliases.join('|') !== fields.aliases.join('|');
    if (changed) {
      await tx.level.update({ where: { key: level.key }, data: fields, select: { key: true } });
      result.updated.push(level.key);
    }
  }
  return result;
}
