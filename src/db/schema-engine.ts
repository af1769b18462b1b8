// Prisma's own schema engine (the WASM build) for applying and creating migrations without a native binary.
import { readdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import {
  bindMigrationAwareSqlAdapterFactory,
  type SqlMigrationAwareDriverAdapterFactory,
} from '@prisma/driver-adapter-utils';
import type { MigrationList, SchemaEngine } from '@prisma/schema-engine-wasm';

type EngineModule = typeof import('@prisma/schema-engine-wasm');
// Node has WebAssembly at run time; the "dom" lib that would declare it is deliberately not loaded.
declare const WebAssembly: {
  instantiate(bytes: Uint8Array, imports: Record<string, unknown>): Promise<{ instance: { exports: unknown } }>;
};
let engineModule: Promise<EngineModule> | undefined;

/** Node 20 cannot import a .wasm module, so the bindings are wired by hand once per process. */
function loadEngineModule(): Promise<EngineModule> {
  engineModule ??= (async () => {
    const require = createRequire(import.meta.url);
    const bindingsPath = require.resolve('@prisma/schema-engine-wasm/schema_engine_bg');
    const bindings = (await import(bindingsPath)) as EngineModule & { __wbg_set_wasm(exports: unknown): void };
    const wasmBytes = await readFile(path.join(path.dirname(bindingsPath), 'schema_engine_bg.wasm'));
    // The engine arms timers (e.g. its connection timeouts) that would hold a finished CLI process open
    // for seconds after its last query; unref'd timers still fire while anything else keeps it alive.
    const imports: Record<string, unknown> = { ...bindings };
    for (const name of Object.keys(imports).filter((key) => key.startsWith('__wbg_setTimeout_'))) {
      imports[name] = (callback: () => void, ms: number) => setTimeout(callback, ms >>> 0).unref();
    }
    const { instance } = await WebAssembly.instantiate(wasmBytes, { './schema_engine_bg.js': imports });
    bindings.__wbg_set_wasm(instance.exports);
    (instance.exports as { __wbindgen_start(): void }).__wbindgen_start();
    return bindings;
  })();
  return engineModule;
}

export interface MigrationsSource {
  /** The prisma/migrations folder. */
  dir: string;
  /** The prisma/schema.prisma file. */
  schemaPath: string;
}

const NO_FILTER = { externalTables: [], externalEnums: [] };

async function withEngine<T>(
  source: MigrationsSource,
  adapterFactory: SqlMigrationAwareDriverAdapterFactory,
  use: (engine: SchemaEngine, schema: { path: string; content: string }) => Promise<T>,
): Promise<T> {
  const { SchemaEngine } = await loadEngineModule();
  const content = await readFile(source.schemaPath, 'utf8');
  const logs: string[] = [];
  const engine = await SchemaEngine.new(
    { datamodels: [[source.schemaPath, content]] },
    (line: string) => logs.push(line),
    bindMigrationAwareSqlAdapterFactory(adapterFactory),
  );
  try {
    return await use(engine, { path: source.schemaPath, content });
  } catch (error) {
    throw new Error(`Prisma schema engine failed: ${describeEngineError(error)}`, { cause: error });
  } finally {
    engine.free();
  }
}

/** Reads prisma/migrations the way the Prisma CLI does. */
export async function readMigrationsList(dir: string): Promise<MigrationList> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const folders = entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  const lockPath = path.join(dir, 'migration_lock.toml');
  const lockContent = await readFile(lockPath, 'utf8').catch(() => null);
  return {
    baseDir: dir,
    lockfile: { path: 'migration_lock.toml', content: lockContent },
    shadowDbInitScript: '',
    migrationDirectories: await Promise.all(
      folders.map(async (folder) => {
        const file = path.join(dir, folder, 'migration.sql');
        const content = await readFile(file, 'utf8').then(
          (text) => ({ tag: 'ok' as const, value: text }),
          (error: Error) => ({ tag: 'error' as const, value: error.message }),
        );
        return { path: folder, migrationFile: { path: 'migration.sql', content } };
      }),
    ),
  };
}

/** Applies the migrations not yet applied, recording them in _prisma_migrations like `prisma migrate deploy`. */
export async function applyMigrations(
  source: MigrationsSource,
  adapterFactory: SqlMigrationAwareDriverAdapterFactory,
): Promise<string[]> {
  const migrationsList = await readMigrationsList(source.dir);
  return withEngine(source, adapterFactory, async (engine) => {
    const result = await engine.applyMigrations({ migrationsList, filters: NO_FILTER });
    return result.appliedMigrationNames;
  });
}

/**
 * The SQL that takes a database from one Prisma schema to another (`from` undefined: an empty database).
 *
 * Both sides are datamodels, so no database is needed: the engine cannot describe a live PostgreSQL
 * through @prisma/adapter-pg 7.10 (it reads catalog "char" columns the adapter reports as text), so the
 * schema each migration leads to is kept beside it as a snapshot instead of being replayed on a shadow database.
 */
export async function diffSchemas(
  source: MigrationsSource,
  adapterFactory: SqlMigrationAwareDriverAdapterFactory,
  from: string | undefined,
  to: string,
): Promise<string> {
  return withEngine(source, adapterFactory, async (engine) => {
    const result = await engine.diff({
      from:
        from === undefined
          ? { tag: 'empty' }
          : { tag: 'schemaDatamodel', files: [{ path: 'from.prisma', content: from }] },
      to: { tag: 'schemaDatamodel', files: [{ path: 'to.prisma', content: to }] },
      script: true,
      exitCode: null,
      shadowDatabaseUrl: null,
      filters: NO_FILTER,
    } as Parameters<SchemaEngine['diff']>[0]);
    const sql = result.stdout ?? '';
    return /^\s*(-- This is an empty migration\.)?\s*$/.test(sql) ? '' : sql;
  });
}

/** The schema snapshot stored with the newest migration, or undefined before the first one. */
export async function latestSchemaSnapshot(dir: string): Promise<string | undefined> {
  const list = await readMigrationsList(dir);
  const newest = list.migrationDirectories.at(-1);
  if (!newest) return undefined;
  return readFile(path.join(dir, newest.path, SNAPSHOT_FILE), 'utf8');
}

export const SNAPSHOT_FILE = 'schema.prisma';

function describeEngineError(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === 'object' && error !== null) {
    const record = error as Record<string, unknown>;
    const message = record.message ?? record.error ?? record.meta;
    return typeof message === 'string' ? message : JSON.stringify(error);
  }
  return String(error);
}
