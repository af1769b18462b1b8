// The two databases the occurrence benchmark runs on, opened through the app's own connectDatabase() and
// migrate(): PGlite behind PGLiteSocketServer (the pool settings the app uses for its embedded database),
// and a schema of our own on the machine's PostgreSQL (search_path + Prisma schema, as the tests do).
// Data loading and EXPLAIN go through the same Prisma client and pool as the measured calls.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import pg from 'pg';
import { connectDatabase, type Database, EMBEDDED_SOCKET_CONNECTIONS, migrate } from '../src/db/database.js';

export type BenchKind = 'pglite' | 'postgres';

export const POSTGRES_URL = process.env.BENCH_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';

import { installRecorder } from '../tests/support/statements.js';

export { type RecordedStatement, startRecording, stopRecording } from '../tests/support/statements.js';

/** The same data seen through a session with one planner setting changed (for a what-if measurement). */
export interface SettingSession {
  prisma: Database['prisma'];
  /** Before each call (PGlite: SET on its single session); not timed. */
  before(): Promise<void>;
  /** After each call (PGlite: check the setting held, then RESET); not timed. */
  after(): Promise<void>;
  close(): Promise<void>;
}

export interface BenchDatabase {
  kind: BenchKind;
  label: string;
  database: Database;
  migrateMs: number;
  withSetting(setting: string, value: string): Promise<SettingSession>;
  /** A statement through the app's Prisma client (and so its pool); returns the rows. */
  query<T = Record<string, unknown>>(sql: string, values?: unknown[]): Promise<T[]>;
  /** A statement that returns no rows (SET, VACUUM), through the same client. */
  execute(sql: string): Promise<void>;
  close(): Promise<void>;
}

async function finish(
  kind: BenchKind,
  label: string,
  database: Database,
  closeServer: () => Promise<void>,
  withSetting: (database: Database, setting: string, value: string) => Promise<SettingSession>,
): Promise<BenchDatabase> {
  installRecorder();
  const started = performance.now();
  database.migrationsApplied = await migrate(database);
  const migrateMs = performance.now() - started;
  return {
    kind,
    label,
    database,
    migrateMs,
    withSetting: (setting, value) => withSetting(database, setting, value),
    query: <T>(sql: string, values: unknown[] = []) => database.prisma.$queryRawUnsafe<T[]>(sql, ...values),
    async execute(sql: string) {
      await database.prisma.$executeRawUnsafe(sql);
    },
    async close() {
      await database.close();
      await closeServer();
    },
  };
}

async function expectSetting(database: Database, setting: string, value: string): Promise<void> {
  const shown = await database.prisma.$queryRawUnsafe<Record<string, string>[]>(`SHOW ${setting}`);
  if (shown[0]?.[setting] !== value) throw new Error(`${setting} is ${shown[0]?.[setting]}, expected ${value}`);
}

/** PGlite is a single session: SET before the call, check and RESET after it. */
async function pgliteSetting(database: Database, setting: string, value: string): Promise<SettingSession> {
  return {
    prisma: database.prisma,
    before: () => database.prisma.$executeRawUnsafe(`SET ${setting} = ${value}`).then(() => undefined),
    async after() {
      await expectSetting(database, setting, value);
      await database.prisma.$executeRawUnsafe(`RESET ${setting}`);
    },
    close: async () => undefined,
  };
}

/** PGlite in a fresh temporary folder (as the app stores it), served on a loopback port as the app serves it. */
export async function openBenchPglite(label: string): Promise<BenchDatabase> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'dondoc-bench-pglite-'));
  const pglite = await PGlite.create(path.join(dir, 'pgdata'));
  const server = new PGLiteSocketServer({
    db: pglite,
    host: '127.0.0.1',
    port: 0,
    maxConnections: EMBEDDED_SOCKET_CONNECTIONS,
  });
  await server.start();
  const port = Number(server.getServerConn().split(':').pop());
  const stop = async () => {
    await server.stop();
    await pglite.close();
    await rm(dir, { recursive: true, force: true });
  };
  try {
    const database = await connectDatabase(
      { host: '127.0.0.1', port, user: 'postgres', database: 'postgres' },
      'embedded',
      { poolSize: 1 },
    );
    return await finish('pglite', label, database, stop, pgliteSetting);
  } catch (error) {
    await stop().catch(() => undefined);
    throw error;
  }
}

async function adminQuery(sql: string): Promise<void> {
  const admin = new pg.Client({ connectionString: POSTGRES_URL });
  await admin.connect();
  try {
    await admin.query(sql);
  } finally {
    await admin.end();
  }
}

/** A schema of our own on the machine's PostgreSQL (created empty, dropped on close). */
export async function openBenchPostgres(label: string, schema: string): Promise<BenchDatabase> {
  if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`unsafe schema name ${schema}`);
  await adminQuery(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await adminQuery(`CREATE SCHEMA "${schema}"`);
  const drop = () => adminQuery(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  try {
    // Pool size 10, as openConfiguredDatabase uses for a server; the benchmark makes one call at a time.
    const database = await connectDatabase(
      { connectionString: POSTGRES_URL, options: `-c search_path="${schema}"` },
      'server',
      {
        poolSize: 10,
        schema,
      },
    );
    const withSetting = async (_: Database, setting: string, value: string): Promise<SettingSession> => {
      // A second client whose every connection starts with the setting: a SET through the pooled client
      // could land on any of its connections.
      const tuned = await connectDatabase(
        { connectionString: POSTGRES_URL, options: `-c search_path="${schema}" -c ${setting}=${value}` },
        'server',
        { poolSize: 10, schema },
      );
      await expectSetting(tuned, setting, value);
      return {
        prisma: tuned.prisma,
        before: async () => undefined,
        after: async () => undefined,
        close: () => tuned.close(),
      };
    };
    return await finish('postgres', label, database, drop, withSetting);
  } catch (error) {
    await drop().catch(() => undefined);
    throw error;
  }
}

export async function postgresAvailable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: POSTGRES_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}
