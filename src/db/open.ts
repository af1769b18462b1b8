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
    const database = await connectDatabase({ connectionString: config.database.url }, 'server', { poolSize: 10 });
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
