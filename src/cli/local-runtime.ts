// How a `dondoc` process reaches the database: its own connection, or the running bot that owns the folder.
import type { Config } from '../config.js';
import { acquireDataDirLock, type InstanceInfo } from '../db/data-dir-lock.js';
import type { Database } from '../db/database.js';
import type { Logger } from '../logger.js';
import type { CliRuntime } from './runtime.js';

/** Thrown when the embedded data folder belongs to a running bot: the command is sent there instead. */
export class InstanceRunningError extends Error {
  constructor(readonly holder: InstanceInfo | undefined) {
    super(
      `dondoc is already running on this data folder${holder ? ` (pid ${holder.pid} on ${holder.hostname}, since ${holder.startedAt})` : ''}`,
    );
    this.name = 'InstanceRunningError';
  }
}

export function createLocalRuntime(options: {
  config: Config;
  logger: Logger;
  now?: () => Date;
  startBot?: () => Promise<number>;
  terminal?: CliRuntime['terminal'];
}): CliRuntime {
  const { config, logger } = options;
  return {
    config,
    now: options.now ?? (() => new Date()),
    logger,
    ...(options.startBot ? { startBot: options.startBot } : {}),
    ...(options.terminal ? { terminal: options.terminal } : {}),
    async withDatabase<T>(use: (database: Database) => Promise<T>): Promise<T> {
      // Loaded here: a command passed to the running bot never opens a database of its own.
      const { openConfiguredDatabase } = await import('../db/open.js');
      if (config.database.kind === 'server') {
        const opened = await openConfiguredDatabase(config, logger, undefined);
        try {
          return await use(opened.database);
        } finally {
          await opened.close();
        }
      }
      const result = await acquireDataDirLock(config.database.dataDir);
      if (!result.acquired) throw new InstanceRunningError(result.holder);
      try {
        const opened = await openConfiguredDatabase(config, logger, result.lock);
        try {
          return await use(opened.database);
        } finally {
          await opened.close();
        }
      } finally {
        await result.lock.release();
      }
    },
  };
}
