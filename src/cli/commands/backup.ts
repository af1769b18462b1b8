// `dondoc db backup|restore`: a consistent copy of the whole database while the bot runs, and putting one back.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { CliError, type CliIO, type CliRuntime, printJson } from '../runtime.js';

export function registerBackupCommands(program: Command, io: CliIO, runtime: CliRuntime): void {
  const db = program.command('db').description('back up and restore the whole database');
  db.command('backup')
    .description('write every table from one consistent snapshot to a gzipped file (the bot may keep running)')
    .argument('[file]', 'where to write it (default: <data folder>/backups/dondoc-<time>.jsonl.gz)')
    .option('--json', 'print the summary as JSON')
    .action(async (file: string | undefined, options: { json?: boolean }) => {
      const now = runtime.now();
      const target = file
        ? path.resolve(io.cwd, file)
        : path.join(
            runtime.config.database.dataDir,
            'backups',
            `dondoc-${now.toISOString().replace(/[:.]/g, '-')}.jsonl.gz`,
          );
      await mkdir(path.dirname(target), { recursive: true });
      const { writeBackup } = await import('../../db/backup.js');
      const summary = await runtime.withDatabase(({ prisma }) => writeBackup(prisma, target, now));
      if (options.json) return printJson(io, summary);
      const rows = Object.values(summary.tables).reduce((sum, count) => sum + count, 0);
      io.stdout(`Backed up ${rows} rows of ${Object.keys(summary.tables).length} tables to ${summary.file}\n`);
    });
  db.command('restore')
    .description('replace everything in the database with a backup, in one transaction')
    .argument('<file>', 'a file written by dondoc db backup')
    .option('--yes', 'really replace the current data (without it, nothing is done)')
    .option('--json', 'print the summary as JSON')
    .action(async (file: string, options: { yes?: boolean; json?: boolean }) => {
      if (!options.yes)
        throw new CliError('dondoc db restore replaces all current data with the backup: add --yes to do it');
      const { BackupError, restoreBackup } = await import('../../db/backup.js');
      const summary = await runtime
        .withDatabase(({ prisma }) => restoreBackup(prisma, path.resolve(io.cwd, file)))
        .catch((error: unknown) => {
          if (error instanceof BackupError) throw new CliError(error.message, 1, { cause: error });
          if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new CliError(`No file ${file}`);
          throw error;
        });
      if (options.json) return printJson(io, summary);
      const rows = Object.values(summary.tables).reduce((sum, count) => sum + count, 0);
      io.stdout(`Restored ${rows} rows of ${Object.keys(summary.tables).length} tables from ${file}\n`);
    });
}
