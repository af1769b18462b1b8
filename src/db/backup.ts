// Backups: every table's rows in one consistent snapshot, written as gzipped JSON lines, and restored in one
// transaction. The same format for the embedded database and a server, taken while the bot runs.
import { createReadStream, createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import { Prisma, type PrismaClient } from '../generated/prisma/client.js';

export const BACKUP_FORMAT = 'dondoc-backup/1';
/** Rows fetched (and written) at a time: a large ledger never sits in memory whole. */
const BATCH = 2_000;

type Tx = Prisma.TransactionClient;

export interface BackupSummary {
  file: string;
  tables: Record<string, number>;
  migrations: string[];
}

interface Header {
  format: string;
  createdAt: string;
  migrations: string[];
  tables: string[];
}

export class BackupError extends Error {
  override name = 'BackupError';
}

/**
 * Writes every table (but Prisma's migration record, which the header lists instead) from one REPEATABLE READ
 * snapshot, so the file is consistent while the bot keeps writing. Written to `file.partial`, renamed at the end.
 */
export async function writeBackup(prisma: PrismaClient, file: string, now: Date): Promise<BackupSummary> {
  const partial = `${file}.partial`;
  const gzip = createGzip();
  const done = pipeline(gzip, createWriteStream(partial));
  const write = (value: unknown) =>
    new Promise<void>((resolve, reject) =>
      gzip.write(`${JSON.stringify(value)}\n`, (error) => (error ? reject(error) : resolve())),
    );
  try {
    const summary = await prisma.$transaction(
      async (tx) => {
        const migrations = await appliedMigrations(tx);
        const tables = await tablesInOrder(tx);
        const header: Header = { format: BACKUP_FORMAT, createdAt: now.toISOString(), migrations, tables };
        await write(header);
        const counts: Record<string, number> = {};
        for (const table of tables) {
          counts[table] = 0;
          await tx.$executeRawUnsafe(
            `DECLARE dump_rows NO SCROLL CURSOR FOR SELECT row_to_json(t) AS "row" FROM "${table}" t`,
          );
          for (;;) {
            const rows = await tx.$queryRawUnsafe<{ row: unknown }[]>(`FETCH ${BATCH} FROM dump_rows`);
            for (const { row } of rows) await write({ t: table, r: row });
            counts[table] += rows.length;
            if (rows.length < BATCH) break;
          }
          await tx.$executeRawUnsafe('CLOSE dump_rows');
        }
        return { file, tables: counts, migrations };
      },
      { isolationLevel: Prisma.TransactionIsolationLevel.RepeatableRead, timeout: 3_600_000, maxWait: 60_000 },
    );
    gzip.end();
    await done;
    await rename(partial, file);
    return summary;
  } catch (error) {
    gzip.destroy();
    await done.catch(() => undefined);
    await rm(partial, { force: true });
    throw error;
  }
}

/**
 * Replaces everything in the database with a backup's rows, in one transaction: all of it or nothing. The
 * database must have the backup's migrations applied (it is migrated when opened; an older file is refused).
 */
export async function restoreBackup(prisma: PrismaClient, file: string): Promise<BackupSummary> {
  const lines = createInterface({
    input: createReadStream(file).pipe(createGunzip()),
    crlfDelay: Number.POSITIVE_INFINITY,
  });
  const iterator = lines[Symbol.asyncIterator]();
  const first = await iterator.next().catch((error: unknown) => {
    throw new BackupError(`${file} is not a dondoc backup (${(error as Error).message})`, { cause: error });
  });
  const header = parseHeader(first.done ? undefined : first.value, file);
  return prisma.$transaction(
    async (tx) => {
      const migrations = await appliedMigrations(tx);
      if (migrations.join('\n') !== header.migrations.join('\n'))
        throw new BackupError(
          `${file} was written at migration ${header.migrations.at(-1) ?? 'none'}, this database is at ${migrations.at(-1) ?? 'none'}: restore it with the dondoc version that wrote it`,
        );
      const tables = await tablesInOrder(tx);
      const unknown = header.tables.filter((table) => !tables.includes(table));
      if (unknown.length > 0) throw new BackupError(`${file} has tables this database lacks: ${unknown.join(', ')}`);
      await tx.$executeRawUnsafe(`TRUNCATE ${tables.map((t) => `"${t}"`).join(', ')} RESTART IDENTITY CASCADE`);
      const selfReferences = await selfReferencingColumns(tx);
      const counts: Record<string, number> = Object.fromEntries(header.tables.map((t) => [t, 0]));
      const later: { table: string; rows: Record<string, unknown>[] }[] = [];
      let batch: { table: string; rows: Record<string, unknown>[] } | undefined;
      const flush = async () => {
        if (!batch || batch.rows.length === 0) return;
        const columns = selfReferences.get(batch.table) ?? [];
        // A row may point at a later row of its own table (a unit's parent): those columns are set afterwards.
        const rows = columns.length
          ? batch.rows.map((row) => ({ ...row, ...Object.fromEntries(columns.map((c) => [c, null])) }))
          : batch.rows;
        await tx.$executeRawUnsafe(
          `INSERT INTO "${batch.table}" SELECT * FROM json_populate_recordset(null::"${batch.table}", $1::json)`,
          JSON.stringify(rows),
        );
        if (columns.length) later.push(batch);
        counts[batch.table] = (counts[batch.table] ?? 0) + batch.rows.length;
        batch = undefined;
      };
      for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
        if (!next.value) continue;
        const { t: table, r: row } = JSON.parse(next.value) as { t: string; r: Record<string, unknown> };
        if (batch && (batch.table !== table || batch.rows.length >= 500)) await flush();
        batch ??= { table, rows: [] };
        batch.rows.push(row);
      }
      await flush();
      for (const { table, rows } of later) {
        for (const column of selfReferences.get(table) ?? []) {
          const pairs = rows.filter((row) => row[column] !== null && row[column] !== undefined);
          if (pairs.length === 0) continue;
          await tx.$executeRawUnsafe(
            `UPDATE "${table}" AS t SET "${column}" = v."value" FROM json_to_recordset($1::json) AS v("id" int, "value" int) WHERE t."id" = v."id"`,
            JSON.stringify(pairs.map((row) => ({ id: row.id, value: row[column] }))),
          );
        }
      }
      await resetSequences(tx);
      return { file, tables: counts, migrations };
    },
    { timeout: 3_600_000, maxWait: 60_000 },
  );
}

function parseHeader(line: string | undefined, file: string): Header {
  try {
    const header = JSON.parse(line ?? '') as Header;
    if (header.format === BACKUP_FORMAT && Array.isArray(header.migrations) && Array.isArray(header.tables))
      return header;
  } catch {
    // Reported below.
  }
  throw new BackupError(`${file} is not a dondoc backup (${BACKUP_FORMAT})`);
}

async function appliedMigrations(tx: Tx): Promise<string[]> {
  const rows = await tx.$queryRaw<{ name: string }[]>`
    SELECT "migration_name" AS "name" FROM "_prisma_migrations"
    WHERE "finished_at" IS NOT NULL AND "rolled_back_at" IS NULL ORDER BY "migration_name"`;
  return rows.map((row) => row.name);
}

/** The schema's tables, each after the tables its foreign keys point at (so rows restore in this order). */
async function tablesInOrder(tx: Tx): Promise<string[]> {
  const tables = (
    await tx.$queryRaw<{ name: string }[]>`
      SELECT tablename AS "name" FROM pg_tables
      WHERE schemaname = current_schema() AND tablename <> '_prisma_migrations' ORDER BY tablename`
  ).map((row) => row.name);
  const edges = await tx.$queryRaw<{ child: string; parent: string }[]>`
    SELECT c.conrelid::regclass::text AS "child", c.confrelid::regclass::text AS "parent"
    FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
    WHERE c.contype = 'f' AND n.nspname = current_schema()`;
  const unquote = (name: string) => name.replace(/^.*\./, '').replace(/"/g, '');
  const parents = new Map(tables.map((table) => [table, new Set<string>()]));
  for (const edge of edges) {
    const child = unquote(edge.child);
    const parent = unquote(edge.parent);
    if (child !== parent) parents.get(child)?.add(parent);
  }
  const ordered: string[] = [];
  const visit = (table: string, path: Set<string>) => {
    if (ordered.includes(table) || path.has(table)) return;
    path.add(table);
    for (const parent of parents.get(table) ?? []) visit(parent, path);
    ordered.push(table);
  };
  for (const table of tables) visit(table, new Set());
  return ordered;
}

/** Columns that reference their own table (Unit.parentId), per table. */
async function selfReferencingColumns(tx: Tx): Promise<Map<string, string[]>> {
  const rows = await tx.$queryRaw<{ table: string; column: string }[]>`
    SELECT cl.relname AS "table", a.attname AS "column"
    FROM pg_constraint c
    JOIN pg_class cl ON cl.oid = c.conrelid
    JOIN pg_namespace n ON n.oid = c.connamespace
    JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = ANY (c.conkey)
    WHERE c.contype = 'f' AND c.conrelid = c.confrelid AND n.nspname = current_schema()`;
  const result = new Map<string, string[]>();
  for (const row of rows) result.set(row.table, [...(result.get(row.table) ?? []), row.column]);
  return result;
}

/** Serial ids continue after the restored rows. */
async function resetSequences(tx: Tx): Promise<void> {
  const columns = await tx.$queryRaw<{ table: string; column: string; sequence: string }[]>`
    SELECT c.table_name AS "table", c.column_name AS "column",
           pg_get_serial_sequence(format('%I.%I', c.table_schema, c.table_name), c.column_name) AS "sequence"
    FROM information_schema.columns c
    WHERE c.table_schema = current_schema() AND c.column_default LIKE 'nextval(%'`;
  for (const { table, column, sequence } of columns) {
    if (!sequence) continue;
    await tx.$executeRawUnsafe(
      `SELECT setval('${sequence}', COALESCE((SELECT MAX("${column}") FROM "${table}"), 0) + 1, false)`,
    );
  }
}
