// The claim protocol the delivery ledgers share (reminders, notices, group posts): rows are claimed with a lease
// (`FOR UPDATE SKIP LOCKED`, so instances never wait for each other), a live instance renews its leases, and a
// claim not started is given back. One copy of each statement, over the ledger's table.
import { Prisma, type PrismaClient } from '../generated/prisma/client.js';

export type LedgerTable = 'ReminderLedger' | 'BroadcastDelivery' | 'GroupPost';

/**
 * Claims up to `limit` due rows for this instance: pending ones whose time has come (and whose retry is due), and
 * ones an instance claimed but did not finish before its lease ran out (it crashed). `returning`: the columns read.
 * For ledgers ordered by `dueAt` (reminders, group posts); notices go out by broadcast instead (broadcasts.ts).
 */
export async function claimDueRows<Row>(
  prisma: PrismaClient,
  table: Exclude<LedgerTable, 'BroadcastDelivery'>,
  returning: readonly string[],
  options: { instance: string; now: Date; limit: number; leaseMs: number },
): Promise<Row[]> {
  const until = new Date(options.now.getTime() + options.leaseMs);
  const name = Prisma.raw(`"${table}"`);
  const columns = Prisma.raw(returning.map((column) => `l."${column}"`).join(', '));
  return prisma.$queryRaw<Row[]>`
    UPDATE ${name} AS l SET "state" = 'sending', "claimedBy" = ${options.instance}, "claimedUntil" = ${until}, "attempts" = l."attempts" + 1
    WHERE l."id" IN (
      SELECT "id" FROM ${name}
      WHERE ("state" = 'pending' AND "dueAt" <= ${options.now} AND ("nextAttemptAt" IS NULL OR "nextAttemptAt" <= ${options.now}))
         OR ("state" = 'sending' AND "claimedUntil" < ${options.now})
      ORDER BY "dueAt", "id"
      LIMIT ${options.limit}
      FOR UPDATE SKIP LOCKED)
    RETURNING ${columns}`;
}

/** The heartbeat of a live instance: its rows still being sent are held until `until` (one statement). */
export async function renewClaims(
  prisma: PrismaClient,
  table: LedgerTable,
  instance: string,
  until: Date,
): Promise<number> {
  return prisma.$executeRaw`
    UPDATE ${Prisma.raw(`"${table}"`)} SET "claimedUntil" = ${until}
    WHERE "claimedBy" = ${instance} AND "state" = 'sending' AND "claimedUntil" < ${until}`;
}

/** Gives back rows this instance claimed but did not start (shutting down), the attempt taken back. */
export async function releaseClaims(
  prisma: PrismaClient,
  table: LedgerTable,
  instance: string,
  ids: readonly number[],
): Promise<number> {
  if (ids.length === 0) return 0;
  return prisma.$executeRaw`
    UPDATE ${Prisma.raw(`"${table}"`)} SET "state" = 'pending', "claimedBy" = NULL, "claimedUntil" = NULL, "attempts" = GREATEST("attempts" - 1, 0)
    WHERE "id" IN (${Prisma.join(ids)}) AND "claimedBy" = ${instance} AND "state" = 'sending'`;
}
