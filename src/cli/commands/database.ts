// `dondoc migrate`, `dondoc occurrences`, `dondoc units`: the database itself and what it holds.
import type { Command } from 'commander';
import { resolveLevel } from '../../domain/levels.js';
import { dateOption } from '../options.js';
import { CliError, type CliIO, type CliRuntime, printJson } from '../runtime.js';

export function registerDatabaseCommands(program: Command, io: CliIO, runtime: CliRuntime): void {
  program
    .command('migrate')
    .description('apply pending database migrations (start-up does this too)')
    .action(async () => {
      const { migrate } = await import('../../db/database.js');
      const applied = await runtime.withDatabase(async (database) => [
        ...database.migrationsApplied,
        ...(await migrate(database)),
      ]);
      io.stdout(
        applied.length
          ? `Applied ${applied.length} migration(s): ${applied.join(', ')}\n`
          : 'The database is up to date.\n',
      );
    });

  program
    .command('occurrences')
    .description('list duty windows that overlap a date range, sorted by end date')
    .requiredOption('--from <date>', 'first day, YYYY-MM-DD')
    .requiredOption('--to <date>', 'last day, YYYY-MM-DD')
    .option('--json', 'print JSON')
    .action(async (options: { from: string; to: string; json?: boolean }) => {
      const { listOccurrences } = await import('../../db/occurrences.js');
      const range = { from: dateOption('--from', options.from), to: dateOption('--to', options.to) };
      if (range.to < range.from) throw new CliError(`--to (${range.to}) is before --from (${range.from})`);
      const occurrences = await runtime.withDatabase((database) => listOccurrences(database.prisma, range));
      if (options.json) return printJson(io, occurrences);
      if (occurrences.length === 0) return io.stdout(`No duty windows between ${range.from} and ${range.to}.\n`);
      for (const o of occurrences) {
        io.stdout(`${o.start} – ${o.end}\t${o.planCode} ${o.ref}\t${o.title}${o.label ? ` (${o.label})` : ''}\n`);
      }
    });

  program
    .command('units')
    .description('list units, with their level, parent and the names people use for them')
    .option('--level <level>', 'only this level (a key such as province or commune, or a name such as "cấp xã")')
    .option('--json', 'print JSON')
    .action(async (options: { level?: string; json?: boolean }) => {
      const { listLevels } = await import('../../db/levels.js');
      const { listUnits } = await import('../../db/units.js');
      const units = await runtime.withDatabase(async (database) => {
        if (!options.level) return listUnits(database.prisma);
        const levels = await listLevels(database.prisma);
        const level = resolveLevel(levels, options.level);
        if (!level) throw new CliError(`--level must be one of ${levels.map((known) => known.key).join(', ')}`);
        return listUnits(database.prisma, level.key);
      });
      if (options.json) return printJson(io, units);
      for (const unit of units)
        io.stdout(`${unit.code}\t${unit.level}\t${unit.parent ?? '-'}\t${unit.name}\t${unit.aliases.join(', ')}\n`);
    });
}
