import { readFile } from 'node:fs/promises';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { connectDatabase, MIGRATIONS, migrate } from '../../src/db/database.js';
import { diffSchemas, latestSchemaSnapshot, readMigrationsList } from '../../src/db/schema-engine.js';
import { POSTGRES_URL, postgresAvailable, testDatabase } from '../support/databases.js';

const hasPostgres = await postgresAvailable();

describe('migrations', () => {
  it('cover the current schema (run `npm run db:migration -- <name>` after editing prisma/schema.prisma)', async () => {
    const { database } = await testDatabase('pglite');
    const pending = await diffSchemas(
      MIGRATIONS,
      database.adapterFactory,
      await latestSchemaSnapshot(MIGRATIONS.dir),
      await readFile(MIGRATIONS.schemaPath, 'utf8'),
    );
    expect(pending).toBe('');
    const list = await readMigrationsList(MIGRATIONS.dir);
    expect(list.migrationDirectories.length).toBeGreaterThan(0);
    expect(list.lockfile.content).toContain('provider = "postgresql"');
  });

  it.runIf(hasPostgres)('are applied once when two instances start together on one PostgreSQL', async () => {
    const schema = `dondoc_migrate_${process.pid}`;
    const admin = new pg.Client({ connectionString: POSTGRES_URL });
    await admin.connect();
    await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE; CREATE SCHEMA "${schema}"`);
    const url = `${POSTGRES_URL}?options=${encodeURIComponent(`-c search_path=${schema}`)}`;
    const [a, b] = await Promise.all([
      connectDatabase({ connectionString: url }, 'server', { poolSize: 4, schema }),
      connectDatabase({ connectionString: url }, 'server', { poolSize: 4, schema }),
    ]);
    try {
      const applied = await Promise.all([migrate(a), migrate(b)]);
      const total = (await readMigrationsList(MIGRATIONS.dir)).migrationDirectories.length;
      expect(applied[0].length + applied[1].length).toBe(total);
      const rows = await admin.query(`SELECT migration_name, finished_at FROM "${schema}"."_prisma_migrations"`);
      expect(rows.rows).toHaveLength(total);
      expect(rows.rows.every((row) => row.finished_at !== null)).toBe(true);
      expect(await migrate(a)).toEqual([]);
    } finally {
      await a.close();
      await b.close();
      await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await admin.end();
    }
  });
});
