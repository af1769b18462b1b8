// Applies pending migrations in a worker thread: Prisma's schema engine is a WASM module of some 100 MB once
// loaded, and a worker's memory is returned when it ends, so the running bot does not keep it.
import { parentPort, workerData } from 'node:worker_threads';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { AdapterCompatibleClient } from './pg-client.js';
import { applyMigrations, type MigrationsSource } from './schema-engine.js';

export interface MigrationJob {
  source: MigrationsSource;
  /** Plain connection settings (no classes: they cross the thread boundary). */
  connection: pg.PoolConfig;
  schema: string | undefined;
}

export type MigrationOutcome = { applied: string[] } | { error: string; stack?: string };

async function run(job: MigrationJob): Promise<MigrationOutcome> {
  // One connection: the engine's advisory lock and its queries must share a session.
  const pool = new pg.Pool({ ...job.connection, Client: AdapterCompatibleClient, max: 1 });
  try {
    const factory = new PrismaPg(pool, job.schema ? { schema: job.schema } : undefined);
    return { applied: await applyMigrations(job.source, factory) };
  } catch (error) {
    return error instanceof Error
      ? { error: error.message, ...(error.stack ? { stack: error.stack } : {}) }
      : { error: String(error) };
  } finally {
    await pool.end().catch(() => undefined);
  }
}

if (parentPort && workerData?.migrationJob) {
  const port = parentPort;
  run(workerData.migrationJob as MigrationJob).then((outcome) => port.postMessage(outcome));
}
