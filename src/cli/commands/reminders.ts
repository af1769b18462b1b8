// `dondoc reminders …`: preview what would be sent, the ledger's state, and the policy per plan or duty.
import type { Command } from 'commander';
import type { PolicyChange } from '../../db/reminders.js';
import type { ReminderPolicy } from '../../reminders/policy.js';
import { dateOption } from '../options.js';
import { CliError, type CliIO, type CliRuntime, printJson } from '../runtime.js';

export function registerReminderCommands(program: Command, io: CliIO, runtime: CliRuntime): void {
  const reminders = program.command('reminders').description('reminders: preview, state, policy');

  reminders
    .command('preview')
    .description('what would be sent to whom and when, without sending')
    .requiredOption('--from <date>', 'first day (YYYY-MM-DD)')
    .requiredOption('--to <date>', 'last day (YYYY-MM-DD)')
    .option('--json', 'print an array of { at, official, unit, channels, kind, dutyKey, windowStart, windowEnd }')
    .action(async (options: { from: string; to: string; json?: boolean }) => {
      const { loadTranslations } = await import('../../i18n.js');
      const { createReminderWorker } = await import('../../reminders/worker.js');
      const from = dateOption('--from', options.from);
      const to = dateOption('--to', options.to);
      if (to < from) throw new CliError('--to must not be before --from');
      const rows = await runtime.withDatabase(async ({ prisma }) => {
        const worker = createReminderWorker({
          prisma,
          config: runtime.config,
          channels: {},
          translations: await loadTranslations(),
          logger: runtime.logger,
          instance: 'preview',
        });
        return worker.preview(from, to);
      });
      if (options.json) return printJson(io, rows);
      if (rows.length === 0) return io.stdout(`No reminders due from ${from} to ${to}.\n`);
      for (const row of rows)
        io.stdout(
          `${row.at}  ${row.kind.padEnd(15)} ${row.unit.padEnd(14)} ${row.official} (${row.channels.join(', ')})  ${row.dutyKey} ${row.windowStart}..${row.windowEnd}\n`,
        );
      io.stdout(`${rows.length} reminder(s).\n`);
    });

  reminders
    .command('status')
    .description('reminders in the ledger by state (pending, sending, sent, failed, cancelled)')
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }) => {
      const { reminderCounts } = await import('../../db/reminders.js');
      const counts = await runtime.withDatabase(({ prisma }) => reminderCounts(prisma));
      if (options.json) return printJson(io, counts);
      const states = Object.entries(counts);
      io.stdout(
        states.length ? `${states.map(([state, count]) => `${state}: ${count}`).join('\n')}\n` : 'No reminders yet.\n',
      );
    });

  const policy = reminders
    .command('policy')
    .description('the reminder policy: global (from the settings), per plan, per duty');
  const scopeOptions = (command: Command) =>
    command
      .option('--plan <code>', 'a plan (e.g. 15-KH/TU)')
      .option('--duty <key>', 'one duty of the plan (needs --plan)');

  scopeOptions(policy.command('show').description('the policy in force (global, or for a plan or duty)'))
    .option('--json', 'print JSON')
    .action(async (options: { plan?: string; duty?: string; json?: boolean }) => {
      const { loadPolicyOverrides } = await import('../../db/reminders.js');
      const { effectivePolicy } = await import('../../reminders/policy.js');
      const shown = await runtime.withDatabase(async ({ prisma }) => {
        const scope = await resolveScope(prisma, options);
        const overrides = await loadPolicyOverrides(prisma);
        const effective = effectivePolicy(
          runtime.config.reminders.policy,
          scope.planId ? overrides.get(`plan:${scope.planId}`) : undefined,
          scope.dutyId ? overrides.get(`duty:${scope.dutyId}`) : undefined,
        );
        return { scope: scope.label, policy: effective, changes: scope.key ? (overrides.get(scope.key) ?? {}) : {} };
      });
      if (options.json) return printJson(io, shown);
      io.stdout(`${shown.scope}:\n${describePolicy(shown.policy)}\n`);
    });

  scopeOptions(policy.command('set').description('change the policy of a plan or a duty (only the settings given)'))
    .option('--before-open <days>', 'days before a window opens, e.g. 7,3,1 (or none)')
    .option('--on-open <bool>', 'remind on the day it opens: true or false')
    .option('--before-close <days>', 'days before it closes, e.g. 3,1 (or none)')
    .option('--overdue <bool>', 'overdue notice the day after: true or false')
    .option('--coordinating <bool>', 'remind coordinating units too: true or false')
    .action(
      async (options: {
        plan?: string;
        duty?: string;
        beforeOpen?: string;
        onOpen?: string;
        beforeClose?: string;
        overdue?: string;
        coordinating?: string;
      }) => {
        const { loadPolicyOverrides, setPolicyOverride } = await import('../../db/reminders.js');
        const change: PolicyChange = {};
        if (options.beforeOpen !== undefined) change.beforeOpenDays = days(options.beforeOpen, '--before-open');
        if (options.onOpen !== undefined) change.onOpen = bool(options.onOpen, '--on-open');
        if (options.beforeClose !== undefined) change.beforeCloseDays = days(options.beforeClose, '--before-close');
        if (options.overdue !== undefined) change.overdue = bool(options.overdue, '--overdue');
        if (options.coordinating !== undefined) change.coordinating = bool(options.coordinating, '--coordinating');
        if (Object.keys(change).length === 0)
          throw new CliError('Give at least one setting to change, e.g. --before-open 7,1');
        const label = await runtime.withDatabase(async ({ prisma }) => {
          const scope = await resolveScope(prisma, options);
          if (!scope.key)
            throw new CliError(
              'The global policy comes from the settings (REMINDER_*); name a --plan (and --duty) to change',
            );
          const current = (await loadPolicyOverrides(prisma)).get(scope.key) ?? {};
          await setPolicyOverride(prisma, scope.key, { ...current, ...change }, { label: 'cli' });
          return scope.label;
        });
        io.stdout(`Changed the reminder policy of ${label}.\n`);
      },
    );

  scopeOptions(
    policy.command('reset').description("drop a plan's or duty's changes (back to the global policy)"),
  ).action(async (options: { plan?: string; duty?: string }) => {
    const { setPolicyOverride } = await import('../../db/reminders.js');
    const label = await runtime.withDatabase(async ({ prisma }) => {
      const scope = await resolveScope(prisma, options);
      if (!scope.key) throw new CliError('Name a --plan (and --duty) to reset');
      await setPolicyOverride(prisma, scope.key, null, { label: 'cli' });
      return scope.label;
    });
    io.stdout(`${label} follows the ${options.duty ? "plan's" : 'global'} policy again.\n`);
  });
}

async function resolveScope(
  prisma: Parameters<Parameters<CliRuntime['withDatabase']>[0]>[0]['prisma'],
  options: { plan?: string; duty?: string },
): Promise<{ key: string | undefined; label: string; planId?: number; dutyId?: number }> {
  if (options.duty && !options.plan) throw new CliError('--duty needs --plan');
  const { findDutyByKey, findPlanByCode } = await import('../../db/plans.js');
  if (!options.plan) return { key: undefined, label: 'global policy' };
  const plan = await findPlanByCode(prisma, options.plan);
  if (!plan) throw new CliError(`No plan with code "${options.plan}". See: dondoc plan list`);
  if (!options.duty) return { key: `plan:${plan.id}`, label: `plan ${plan.code}`, planId: plan.id };
  const duty = await findDutyByKey(prisma, plan.id, options.duty);
  if (!duty)
    throw new CliError(`Plan ${plan.code} has no duty "${options.duty}". See: dondoc plan show "${plan.code}"`);
  return { key: `duty:${duty.id}`, label: `duty ${duty.key} of ${plan.code}`, planId: plan.id, dutyId: duty.id };
}

function describePolicy(policy: ReminderPolicy): string {
  const list = (days: number[]) => (days.length ? days.join(', ') : 'none');
  return [
    `  before it opens: ${list(policy.beforeOpenDays)} day(s)`,
    `  on the day it opens: ${policy.onOpen ? 'yes' : 'no'}`,
    `  before it closes: ${list(policy.beforeCloseDays)} day(s)`,
    `  overdue notice: ${policy.overdue ? 'yes' : 'no'}`,
    `  coordinating units too: ${policy.coordinating ? 'yes' : 'no'}`,
  ].join('\n');
}

function days(text: string, option: string): number[] {
  if (text.trim().toLowerCase() === 'none') return [];
  const values = text.split(',').map((part) => Number(part.trim()));
  if (values.some((value) => !Number.isInteger(value) || value < 1 || value > 60))
    throw new CliError(`${option} must be whole days from 1 to 60, e.g. 7,3,1 (or none), got "${text}"`);
  return values;
}

function bool(text: string, option: string): boolean {
  if (text === 'true' || text === 'false') return text === 'true';
  throw new CliError(`${option} must be true or false, got "${text}"`);
}
