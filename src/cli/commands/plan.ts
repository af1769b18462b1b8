// `dondoc plan import|confirmations|list|show`: bringing plan files into the database and looking at what is there.
import path from 'node:path';
import type { Command } from 'commander';
import type { ImportSummary } from '../../db/plans.js';
import { formatSchedule } from '../../domain/format-schedule.js';
import { CliError, type CliIO, type CliRuntime, printJson, readTextFile } from '../runtime.js';
import { registerExtractCommand } from './extract.js';

export function registerPlanCommands(program: Command, io: CliIO, runtime: CliRuntime): void {
  const plan = program
    .command('plan')
    .description('import, list and show implementation plans, and draft one from a document');
  registerExtractCommand(plan, io, runtime);

  plan
    .command('import')
    .description('validate a plan file (YAML or JSON) and write it to the database in one transaction')
    .argument('<file>', 'plan file, see docs/plan-format.md')
    .option('--dry-run', 'validate and show what would change, write nothing')
    .option('--json', 'print the summary as JSON')
    .action(async (file: string, options: { dryRun?: boolean; json?: boolean }) => {
      const { importPlanText } = await import('../../services/plans.js');
      const text = await readTextFile(io, file, 'plan file');
      const summary = await runtime.withDatabase((database) =>
        importPlanText(database.prisma, {
          text,
          fileName: file,
          readSource: (source) =>
            readTextFile(io, path.join(path.dirname(path.resolve(io.cwd, file)), source), 'source text'),
          now: runtime.now(),
          actor: { label: 'cli' },
          dryRun: options.dryRun ?? false,
        }),
      );
      if (options.json) printJson(io, { ...summary, dryRun: options.dryRun ?? false });
      else io.stdout(describeImport(summary, options.dryRun ?? false));
    });

  plan
    .command('confirmations')
    .description("whether units' reported completions wait for the issuing body to confirm them (audited)")
    .argument('<code>', 'the plan code, e.g. 15-KH/TU')
    .argument('<switch>', 'on or off')
    .action(async (code: string, value: string) => {
      if (value !== 'on' && value !== 'off') throw new CliError(`Expected on or off, got "${value}"`);
      const { setPlanConfirmation } = await import('../../db/reviews.js');
      const changed = await runtime.withDatabase((database) =>
        setPlanConfirmation(database.prisma, code, value === 'on', { label: 'cli' }),
      );
      if (!changed) throw new CliError(`No plan with code "${code}". See: dondoc plan list`);
      io.stdout(`${code}: confirmation of completions ${value}\n`);
    });

  plan
    .command('list')
    .description('list the plans in the database')
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }) => {
      const { listPlans } = await import('../../db/plans.js');
      const plans = await runtime.withDatabase((database) => listPlans(database.prisma));
      if (options.json) return printJson(io, plans);
      if (plans.length === 0) return io.stdout('No plans yet. Import one with: dondoc plan import <file>\n');
      for (const item of plans) io.stdout(`${item.code}\t${item.issuedOn}\t${item.duties} duties\t${item.title}\n`);
    });

  plan
    .command('show')
    .description("show a plan's duties, responsible units and windows")
    .argument('<code>', 'the plan code, e.g. 15-KH/TU')
    .option('--json', 'print JSON')
    .action(async (code: string, options: { json?: boolean }) => {
      const { getPlanDetails } = await import('../../db/plans.js');
      const details = await runtime.withDatabase((database) => getPlanDetails(database.prisma, code));
      if (!details) throw new CliError(`No plan with code "${code}". See: dondoc plan list`);
      if (options.json) return printJson(io, details);
      io.stdout(
        `${details.code} — ${details.title}\n${details.issuer}${details.place ? `, ${details.place}` : ''}, ${details.issuedOn} (${details.timeZone})\n\n`,
      );
      for (const duty of details.duties) {
        io.stdout(`[${duty.ref}] ${duty.key}${duty.retired ? ' (retired)' : ''}\n  ${duty.title}\n`);
        io.stdout(
          `  lead: ${duty.lead.join(', ') || '-'}${duty.support.length ? `; support: ${duty.support.join(', ')}` : ''}\n`,
        );
        for (const schedule of duty.schedule) io.stdout(`  ${formatSchedule(schedule)}\n`);
        if (duty.schedule.length === 0) io.stdout('  ongoing (no dated window)\n');
      }
    });
}

export function describeImport(summary: ImportSummary, dryRun: boolean): string {
  const lines = [`${dryRun ? 'Dry run: would import' : 'Imported'} plan ${summary.planCode}: ${summary.outcome}`];
  if (summary.outcome === 'unchanged') {
    lines.push('  The file matches what is stored: nothing changed.');
  } else {
    const list = (label: string, items: string[]) => {
      if (items.length > 0) lines.push(`  ${label} (${items.length}): ${items.join(', ')}`);
    };
    list('units added', summary.units.added);
    list('units updated', summary.units.updated);
    list('duties added', summary.duties.added);
    list('duties changed', summary.duties.changed);
    list('duties removed', summary.duties.removed);
    list('duties retired (reports refer to them)', summary.duties.retired);
    lines.push(`  duties unchanged: ${summary.duties.unchanged}`);
    if (summary.keptOccurrences > 0)
      lines.push(`  windows kept because reports refer to them: ${summary.keptOccurrences}`);
  }
  return `${lines.join('\n')}\n`;
}
