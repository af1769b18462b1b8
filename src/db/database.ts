// Opening the database: embedded PGlite behind a loopback socket, or a PostgreSQL server, both via @prisma/adapter-pg.

import { existsSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaClient } from '../generated/prisma/client.js';
import { projectPath } from '../paths.js';
import type { DataDirLock } from './data-dir-lock.js';
import { DatabaseUnavailableError } from './errors.js';
import type { InitdbOutcome } from './initdb-worker.js';
import type { MigrationJob, MigrationOutcome } from './migration-worker.js';
import { AdapterCompatibleClient } from './pg-client.js';
import { type MigrationsSource, readMigrationsList } from './schema-engine.js';
import { runInWorker } from './worker-thread.js';

export type { PrismaClient };

export const MIGRATIONS: MigrationsSource = {
  dir: projectPath('prisma/migrations'),
  schemaPath: projectPath('prisma/schema.prisma'),
};

/**
 * PGlite's memory is WASM memory: it grows and never shrinks, and PostgreSQL's defaults (128 MB of shared
 * buffers) fill it. An office's data fits in far less, and the files are cached by the OS anyway: 16 MB of
 * buffers took the running bot from about 560 MB RSS to the figures in bench/README.md ("Memory").
 */
export const EMBEDDED_POSTGRES_SETTINGS = ['shared_buffers=16MB', 'work_mem=2MB', 'maintenance_work_mem=16MB'];

/** One in use plus one being replaced: see startEmbeddedPostgres. */
export const EMBEDDED_SOCKET_CONNECTIONS = 2;

export { DatabaseUnavailableError } from './errors.js';

export interface Database {
  readonly prisma: PrismaClient;
  readonly kind: 'embedded' | 'server';
  /** The adapter factory, for the schema engine (migrations). */
  readonly adapterFactory: PrismaPg;
  /** Migrations this process applied when it opened the database (start-up migrates). */
  migrationsApplied: string[];
  /** The connection pool now: connections open, idle, and queries waiting for one (a pool too small shows here). */
  poolStats(): { total: number; idle: number; waiting: number };
  /**
   * Runs `task` (the schema engine, in a worker thread) with the settings of a connection of its own, under
   * dondoc's migration lock on a server (see connectDatabase).
   */
  withMigrationConnection<T>(task: (connection: pg.PoolConfig, schema: string | undefined) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface EmbeddedServer {
  readonly host: string;
  readonly port: number;
  readonly pglite: PGlite;
  close(): Promise<void>;
}

/**
 * Starts PGlite on the locked data folder and serves it on a loopback port, so the app reaches it through
 * the same pg driver as a real server. The lock parameter is the proof that this process owns the folder.
 */
export async function startEmbeddedPostgres(
  lock: DataDirLock,
  options: { memory?: boolean } = {},
): Promise<EmbeddedServer> {
  const settings = { postgresqlconf: EMBEDDED_POSTGRES_SETTINGS };
  const pgdata = path.join(lock.dataDir, 'pgdata');
  if (!options.memory && !existsSync(path.join(pgdata, 'PG_VERSION'))) {
    const created = await runInWorker<InitdbOutcome>('initdb-worker', {
      initdb: { dataDir: pgdata, settings: EMBEDDED_POSTGRES_SETTINGS },
    });
    if ('error' in created)
      throw new DatabaseUnavailableError(`Cannot create the embedded database in ${pgdata}: ${created.error}`);
  }
  const pglite = options.memory ? await PGlite.create(settings) : await PGlite.create(pgdata, settings);
  // The app's pool holds one connection: PGlite is one session, and the socket multiplexer could
  // interleave the messages of concurrent extended-protocol queries; transactions queue in the pool.
  // The server still admits a second connection: pg-pool drops a connection whose query failed (a
  // unique violation, say) and connects anew at once, before the server has seen the old one close.
  const server = new PGLiteSocketServer({
    db: pglite,
    host: '127.0.0.1',
    port: 0,
    maxConnections: EMBEDDED_SOCKET_CONNECTIONS,
  });
  await server.start();
  const address = server.getServerConn();
  const port = Number(address.slice(address.lastIndexOf(':') + 1));
  return {
    host: '127.0.0.1',
    port,
    pglite,
    async close() {
      await server.stop();
      await pglite.close();
    },
  };
}

export interface ConnectOptions {
  /** Connection pool size; must be 1 for the embedded server. */
  poolSize: number;
  connectTimeoutMs?: number;
  /** PostgreSQL schema for Prisma's queries (the connection's search_path must match); default public. */
  schema?: string;
}

/** Connects Prisma to a PostgreSQL endpoint, checks it answers, and applies pending migrations. */
export async function connectDatabase(
  connection: pg.PoolConfig &
    ({ connectionString: string } | { host: string; port: number; user: string; database: string }),
  kind: Database['kind'],
  options: ConnectOptions,
): Promise<Database> {
  const pool = new pg.Pool({
    ...connection,
    Client: AdapterCompatibleClient,
    max: options.poolSize,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 10_000,
    // The embedded server allows one connection: keep it rather than reconnecting after idling.
    idleTimeoutMillis: kind === 'embedded' ? 0 : 30_000,
  });
  pool.on('error', () => {
    // An idle client lost its server; the pool replaces it on next use and queries report the error.
  });
  try {
    const client = await pool.connect();
    client.release();
  } catch (error) {
    await pool.end().catch(() => undefined);
    const where = connection.connectionString
      ? describeServer(connection.connectionString)
      : `${connection.host}:${connection.port}`;
    throw new DatabaseUnavailableError(`Cannot connect to PostgreSQL at ${where}: ${(error as Error).message}`, {
      cause: error,
    });
  }
  const adapterFactory = new PrismaPg(pool, options.schema ? { schema: options.schema } : undefined);
  const prisma = new PrismaClient({ adapter: adapterFactory });
  return {
    prisma,
    kind,
    adapterFactory,
    migrationsApplied: [],
    poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
    async withMigrationConnection(task) {
      const settings = plainConnection(connection);
      if (kind === 'embedded') return task(settings, options.schema);
      // The engine serialises migrations with a session advisory lock, which only works if all its
      // queries share one session: it gets a one-connection pool of its own (in the worker), closed
      // afterwards (ending the session and any lock it holds). Around it, dondoc's own lock makes
      // instances that start together wait their turn instead of timing out in the engine.
      const lockClient = await pool.connect();
      try {
        await lockClient.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
        return await task(settings, options.schema);
      } finally {
        await lockClient.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
        lockClient.release();
      }
    },
    async close() {
      await prisma.$disconnect();
      await pool.end();
    },
  };
}

/**
 * Applies pending migrations with Prisma's schema engine; returns the names applied. When the database has
 * recorded every migration folder as finished, the engine (a WASM module of some 90 MB once loaded) is not
 * started at all: most starts and every one-shot command have nothing to apply.
 */
export async function migrate(database: Database, source: MigrationsSource = MIGRATIONS): Promise<string[]> {
  if ((await pendingMigrations(database.prisma, source)).length === 0) return [];
  return database.withMigrationConnection((connection, schema) => migrateInWorker({ source, connection, schema }));
}

/** The schema engine in a worker thread; from the TypeScript sources (tests, scripts) through tsx's loader. */
async function migrateInWorker(job: MigrationJob): Promise<string[]> {
  const outcome = await runInWorker<MigrationOutcome>('migration-worker', { migrationJob: job });
  if ('error' in outcome) throw new Error(`Migrations failed: ${outcome.error}`, { cause: outcome.stack });
  return outcome.applied;
}

/** Connection settings that can cross to a worker thread: strings and numbers only. */
function plainConnection(connection: pg.PoolConfig): pg.PoolConfig {
  const keys = ['connectionString', 'host', 'port', 'user', 'password', 'database', 'options'] as const;
  return Object.fromEntries(
    keys.flatMap((key) =>
      typeof connection[key] === 'string' || typeof connection[key] === 'number' ? [[key, connection[key]]] : [],
    ),
  );
}

/** Migration folders the database has not recorded as finished (all of them on an empty database). */
export async function pendingMigrations(prisma: PrismaClient, source: MigrationsSource): Promise<string[]> {
  const folders = (await readMigrationsList(source.dir)).migrationDirectories.map((folder) => folder.path);
  const [table] = await prisma.$queryRaw<{ present: boolean }[]>`
    SELECT to_regclass('_prisma_migrations') IS NOT NULL AS "present"`;
  if (!table?.present) return folders;
  const applied = await prisma.$queryRaw<{ name: string }[]>`
    SELECT "migration_name" AS "name" FROM "_prisma_migrations"
    WHERE "finished_at" IS NOT NULL AND "rolled_back_at" IS NULL`;
  const done = new Set(applied.map((row) => row.name));
  return folders.filter((folder) => !done.has(folder));
}

/** An arbitrary constant that names dondoc's migration lock among PostgreSQL advisory locks. */
const MIGRATION_LOCK_KEY = 0x646f6e64; // "dond"

function describeServer(connectionString: string): string {
  try {
    const url = new URL(connectionString);
    return `${url.hostname}:${url.port || 5432}${url.pathname}`;
  } catch {
    return 'the configured DATABASE_URL';
  }
}

/** Whether the database answers (the health check). */
export async function databaseAnswers(prisma: PrismaClient): Promise<boolean> {
  try {
    await prisma.$queryRaw`SELECT 1`;
    return true;
  } catch {
    return false;
  }
}

/** The tables whose rows are updated over and over (claimed, renewed, finished) or deleted in bulk. */
const CHURNING_TABLES = [
  'ReminderLedger',
  'ReminderRun',
  'BroadcastDelivery',
  'GroupPost',
  'ProcessedUpdate',
  'Conversation',
];

/**
 * VACUUM (ANALYZE) of the tables that churn. PGlite runs no autovacuum, so without this their dead rows pile up
 * and each claim reads more pages (bench/README.md, "Vacuum"); on a server it only helps autovacuum along.
 */
export async function vacuumChurningTables(prisma: PrismaClient): Promise<void> {
  await prisma.$executeRawUnsafe(`VACUUM (ANALYZE) ${CHURNING_TABLES.map((table) => `"${table}"`).join(', ')}`);
}

/** Bytes each churning table takes on disk, with its indexes (for the benchmark and operators). */
export async function churningTableSizes(prisma: PrismaClient): Promise<Record<string, number>> {
  const rows = await prisma.$queryRawUnsafe<{ table: string; bytes: bigint }[]>(
    `SELECT t AS "table", pg_total_relation_size(quote_ident(t)) AS "bytes" FROM unnest($1::text[]) AS t`,
    CHURNING_TABLES,
  );
  return Object.fromEntries(rows.map((row) => [row.table, Number(row.bytes)]));
}
