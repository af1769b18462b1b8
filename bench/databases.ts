// The two databases the occurrence benchmark runs on, opened like tests/support/databases.ts does:
// PGlite behind PGLiteSocketServer (one connection, as the app runs it), and a schema of its own on the
// machine's PostgreSQL. Both are reached through pg + @prisma/adapter-pg and migrated with the app's migrate().
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { type Database, migrate } from '../src/db/database.js';
import { AdapterCompatibleClient } from '../src/db/pg-client.js';
import { PrismaClient } from '../src/generated/prisma/client.js';

export type BenchKind = 'pglite' | 'postgres';

export const POSTGRES_URL = process.env.BENCH_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';

/** One statement as the driver saw it: SQL text, parameters and the time from send to result. */
export interface RecordedStatement {
  sql: string;
  values: unknown[];
  ms: number;
  rows: number;
}

/** Records the statements of a pool's connections while `on` is set (used to break a call down and to EXPLAIN it). */
export class StatementRecorder {
  on = false;
  statements: RecordedStatement[] = [];
  take(): RecordedStatement[] {
    const taken = this.statements;
    this.statements = [];
    return taken;
  }
}

function recordingClient(recorder: StatementRecorder): typeof pg.Client {
  return class RecordingClient extends AdapterCompatibleClient {
    override query(...args: unknown[]): never {
      if (!recorder.on) return (super.query as (...a: unknown[]) => never)(...args);
      const first = args[0] as string | { text?: string; values?: unknown[] };
      const sql = typeof first === 'string' ? first : (first.text ?? '');
      const values = (typeof first === 'string' ? args[1] : first.values) as unknown[] | undefined;
      const started = performance.now();
      const record = (result: unknown) => {
        const rows = (result as { rowCount?: number | null; rows?: unknown[] } | undefined)?.rows?.length ?? 0;
        recorder.statements.push({ sql, values: Array.isArray(values) ? values : [], ms: performance.now() - started, rows });
      };
      const last = args.at(-1);
      if (typeof last === 'function') {
        args[args.length - 1] = (error: Error | null, result: unknown) => {
          if (!error) record(result);
          last(error, result);
        };
        return (super.query as (...a: unknown[]) => never)(...args);
      }
      const promise = (super.query as (...a: unknown[]) => Promise<unknown>)(...args);
      return promise.then((result) => {
        record(result);
        return result;
      }) as never;
    }
  } as unknown as typeof pg.Client;
}

export interface BenchDatabase {
  kind: BenchKind;
  label: string;
  database: Database;
  prisma: PrismaClient;
  /** The same pool Prisma uses: data loading and EXPLAIN go through the same connection(s). */
  pool: pg.Pool;
  recorder: StatementRecorder;
  migrateMs: number;
  close(): Promise<void>;
}

async function finish(
  kind: BenchKind,
  label: string,
  connection: pg.PoolConfig,
  schema: string,
  closeServer: () => Promise<void>,
): Promise<BenchDatabase> {
  const recorder = new StatementRecorder();
  const pool = new pg.Pool({ ...connection, Client: recordingClient(recorder) });
  pool.on('error', () => undefined);
  const adapterFactory = new PrismaPg(pool, { schema });
  const prisma = new PrismaClient({ adapter: adapterFactory });
  const database: Database = {
    prisma,
    kind: kind === 'pglite' ? 'embedded' : 'server',
    adapterFactory,
    migrationsApplied: [],
    async close() {
      await prisma.$disconnect();
      await pool.end();
      await closeServer();
    },
  };
  const started = performance.now();
  database.migrationsApplied = await migrate(database);
  const migrateMs = performance.now() - started;
  return { kind, label, database, prisma, pool, recorder, migrateMs, close: () => database.close() };
}

/** PGlite in a fresh temporary folder (as the app stores it), served on a loopback port with one connection. */
export async function openBenchPglite(label: string): Promise<BenchDatabase> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'dondoc-bench-pglite-'));
  const pglite = await PGlite.create(path.join(dir, 'pgdata'));
  const server = new PGLiteSocketServer({ db: pglite, host: '127.0.0.1', port: 0, maxConnections: 1 });
  await server.start();
  const port = Number(server.getServerConn().split(':').pop());
  const connection = { host: '127.0.0.1', port, user: 'postgres', database: 'postgres', max: 1, idleTimeoutMillis: 0 };
  return finish('pglite', label, connection, 'public', async () => {
    await server.stop();
    await pglite.close();
    await rm(dir, { recursive: true, force: true });
  });
}

/** A schema of our own on the machine's PostgreSQL, dropped on close. */
export async function openBenchPostgres(label: string, schema: string): Promise<BenchDatabase> {
  if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`unsafe schema name ${schema}`);
  const admin = new pg.Client({ connectionString: POSTGRES_URL });
  await admin.connect();
  await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await admin.query(`CREATE SCHEMA "${schema}"`);
  await admin.end();
  // Pool size 10, as openConfiguredDatabase uses for a server; the benchmark runs one call at a time.
  const connection = { connectionString: POSTGRES_URL, options: `-c search_path="${schema}"`, max: 10 };
  return finish('postgres', label, connection, schema, async () => {
    const dropper = new pg.Client({ connectionString: POSTGRES_URL });
    await dropper.connect();
    await dropper.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await dropper.end();
  });
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
