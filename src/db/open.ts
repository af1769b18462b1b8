// Opening the configured database (embedded or server), migrated and ready, with one close for all of it.
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import type { DataDirLock } from './data-dir-lock.js';
import { connectDatabase, type Database, migrate, startEmbeddedPostgres } from './database.js';

export interface OpenedDatabase {
  database: Database;
  close(): Promise<void>;
}

/** For the embedded database the caller must hold the data-folder lock. */
export async function openConfiguredDatabase(
  config: Config,
  logger: Logger,
  lock: DataDirLock | undefined,
): Promise<OpenedDatabase> {
  if (config.database.kind === 'server') {
    const { connectionString, schema } = withSchema(config.database.url);
    const database = await connectDatabase(
      { connectionString, ...(schema ? { options: `-c search_path="${schema}"` } : {}) },
      'server',
      { poolSize: 10, ...(schema ? { schema } : {}) },
    );
    await applyPending(database, logger);
    return { database, close: () => database.close() };
  }
  if (!lock) throw new Error('The embedded database needs the data-folder lock');
  const server = await startEmbeddedPostgres(lock);
  try {
    const database = await connectDatabase(
      { host: server.host, port: server.port, user: 'postgres', database: 'postgres' },
      'embedded',
      {
        poolSize: 1,
      },
    );
    await applyPending(database, logger);
    return {
      database,
      async close() {
        await database.close();
        await server.close();
      },
    };
  } catch (error) {
    await server.close().catch(() => undefined);
    throw error;
  }
}

async function applyPending(database: Database, logger: Logger): Promise<void> {
  const applied = await migrate(database);
  database.migrationsApplied = applied;
  if (applied.length > 0) logger.info({ migrations: applied }, 'applied database migrations');
}

/**
 * `?schema=NAME` in DATABASE_URL (as Prisma's own URLs say it): dondoc's tables live in that PostgreSQL schema,
 * for the driver (search_path) and for Prisma's queries alike.
 */
export function withSchema(url: string): { connectionString: string; schema: string | undefined } {
  try {
    const parsed = new URL(url);
    const schema = parsed.searchParams.get('schema') ?? undefined;
    if (!schema) return { connectionString: url, schema: undefined };
    if (!/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(schema)) throw new Error(`schema "${schema}" is not a plain identifier`);
    parsed.searchParams.delete('schema');
    return { connectionString: parsed.toString(), schema };
  } catch (error) {
    if (error instanceof TypeError) return { connectionString: url, schema: undefined };
    throw error;
  }
}
