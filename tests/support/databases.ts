// Test databases: one embedded PGlite and one schema on the machine's PostgreSQL per test worker, reset per test.
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import pg from 'pg';
import { connectDatabase, type Database, EMBEDDED_SOCKET_CONNECTIONS, migrate } from '../../src/db/database.js';
import { STANDARD_LEVELS } from '../../src/domain/levels.js';

export type DatabaseKind = 'pglite' | 'postgres';
type ConnectionSettings = Parameters<typeof connectDatabase>[0];

export interface TestDatabase {
  kind: DatabaseKind;
  database: Database;
  /** Empties every table (keeps the migrations), so each test starts from a blank database. */
  reset(): Promise<void>;
}

export const POSTGRES_URL = 'postgresql://postgres@127.0.0.1:5432/test';
const workerId = process.env.VITEST_POOL_ID ?? process.env.VITEST_WORKER_ID ?? '0';
const cache = new Map<DatabaseKind, Promise<TestDatabase | undefined>>();

/** Whether the machine's PostgreSQL answers; CI must have it, so there its absence is an error, not a skip. */
export async function postgresAvailable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: POSTGRES_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch (error) {
    if (process.env.CI) throw new Error(`PostgreSQL at ${POSTGRES_URL} is required in CI`, { cause: error });
    return false;
  }
}

export async function databaseKinds(): Promise<DatabaseKind[]> {
  return (await postgresAvailable()) ? ['pglite', 'postgres'] : ['pglite'];
}

export function testDatabase(kind: DatabaseKind): Promise<TestDatabase> {
  let entry = cache.get(kind);
  if (!entry) {
    entry = kind === 'pglite' ? openPglite() : openPostgres();
    cache.set(kind, entry);
  }
  return entry.then((db) => db ?? Promise.reject(new Error(`${kind} is not available`)));
}

async function finish(
  kind: DatabaseKind,
  connection: ConnectionSettings,
  schema: string,
  close: () => Promise<void>,
): Promise<TestDatabase> {
  const opened = await connectDatabase(connection, kind === 'pglite' ? 'embedded' : 'server', {
    poolSize: connection.max ?? 1,
    schema,
  });
  const database: Database = {
    ...opened,
    async close() {
      await opened.close();
      await close();
    },
  };
  await migrate(database);
  const tables = (
    await database.prisma.$queryRaw<
      { tablename: string }[]
    >`SELECT tablename FROM pg_tables WHERE schemaname = ${schema} AND tablename <> '_prisma_migrations'`
  ).map((row) => `"${schema}"."${row.tablename}"`);
  return {
    kind,
    database,
    async reset() {
      await database.prisma.$executeRawUnsafe(`TRUNCATE ${tables.join(', ')} RESTART IDENTITY CASCADE`);
      // The standard levels are data the migration inserts: a blank database has them.
      await database.prisma.level.createMany({
        data: STANDARD_LEVELS.map((level) => ({
          key: level.key,
          rank: level.rank,
          name: level.name.vi,
          members: level.members.vi,
          nameEn: level.name.en,
          membersEn: level.members.en,
          aliases: [...level.aliases],
        })),
      });
    },
  };
}

async function openPglite(): Promise<TestDatabase> {
  const pglite = await PGlite.create();
  const server = new PGLiteSocketServer({
    db: pglite,
    host: '127.0.0.1',
    port: 0,
    maxConnections: EMBEDDED_SOCKET_CONNECTIONS,
  });
  await server.start();
  const port = Number(server.getServerConn().split(':').pop());
  const connection = { host: '127.0.0.1', port, user: 'postgres', database: 'postgres', max: 1, idleTimeoutMillis: 0 };
  return finish('pglite', connection, 'public', async () => {
    await server.stop();
    await pglite.close();
  });
}

/**
 * This worker's PostgreSQL schema: other connections (a second instance, a child process) use it too.
 * DONDOC_TEST_SCHEMA_PREFIX keeps two checkouts' suites running at once on one server apart.
 */
export const POSTGRES_SCHEMA = `${process.env.DONDOC_TEST_SCHEMA_PREFIX ?? 'dondoc_test'}_${workerId}`;

/** Another connection pool to this worker's PostgreSQL schema, as a second dondoc instance would have. */
export async function secondPostgresConnection(): Promise<Database> {
  await testDatabase('postgres');
  return connectDatabase(
    { connectionString: POSTGRES_URL, options: `-c search_path="${POSTGRES_SCHEMA}"`, max: 5 },
    'server',
    { poolSize: 5, schema: POSTGRES_SCHEMA },
  );
}

async function openPostgres(): Promise<TestDatabase> {
  const schema = POSTGRES_SCHEMA;
  const admin = new pg.Client({ connectionString: POSTGRES_URL });
  await admin.connect();
  await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await admin.query(`CREATE SCHEMA "${schema}"`);
  await admin.end();
  const connection = { connectionString: POSTGRES_URL, options: `-c search_path="${schema}"`, max: 5 };
  return finish('postgres', connection, schema, async () => undefined);
}
