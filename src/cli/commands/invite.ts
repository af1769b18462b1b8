// `dondoc invite …` and `dondoc officials`: invite codes for units, and who is registered.
import type { Command } from 'commander';
import type { OfficialChange } from '../../db/officials.js';
import { parseDuration } from '../../domain/invite-code.js';
import { idArgument } from '../options.js';
import { CliError, type CliIO, type CliRuntime, printJson } from '../runtime.js';

export function registerInviteCommands(program: Command, io: CliIO, runtime: CliRuntime): void {
  const invite = program.command('invite').description('invite codes: the only way officials join the bot');
  invite
    .command('create')
    .description('create an invite code for a unit')
    .requiredOption('--unit <code>', 'the unit the new officials belong to (code, e.g. TU-BTG, or name)')
    .option(
      '--role <role>',
      'official, admin or leader (a unit head or observer: reads, is told of escalations, never reports)',
      'official',
    )
    .option('--uses <n>', 'how many people may use it', '1')
    .option('--expires <duration>', 'validity, e.g. 12h, 7d, 2w', '7d')
    .option('--json', 'print the invite as JSON')
    .action(async (options: { unit: string; role: string; uses: string; expires: string; json?: boolean }) => {
      const { createUnitInvite } = await import('../../services/invites.js');
      if (options.role !== 'official' && options.role !== 'admin' && options.role !== 'leader')
        throw new CliError(`--role must be official, admin or leader, got "${options.role}"`);
      const ttl = parseDuration(options.expires);
      if (ttl === undefined)
        throw new CliError(`--expires must be a duration such as 30m, 12h, 7d or 2w, got "${options.expires}"`);
      const role = options.role;
      const uses = Number(options.uses);
      const created = await runtime.withDatabase(async ({ prisma }) => {
        const outcome = await createUnitInvite(prisma, {
          unit: options.unit,
          role,
          uses,
          validForMs: ttl,
          createdById: null,
          actorLabel: 'cli',
          now: runtime.now(),
        });
        if (outcome.kind === 'bad-uses')
          throw new CliError(`--uses must be a whole number from 1 to ${outcome.max}, got "${options.uses}"`);
        if (outcome.kind === 'unknown-unit') throw new CliError(`No unit "${options.unit}". See: dondoc units`);
        return { code: outcome.code, unit: outcome.unit.code, role, uses, expiresAt: outcome.expiresAt.toISOString() };
      });
      if (options.json) printJson(io, created);
      else
        io.stdout(
          `${created.code}\n  unit ${created.unit}, role ${created.role}, ${created.uses} use(s), valid until ${created.expiresAt}\n  The invited person sends this code to the bot (or /start ${created.code}).\n`,
        );
    });
  invite
    .command('list')
    .description('list invite codes that can still be used')
    .option('--all', 'include used-up, expired and revoked codes')
    .option('--json', 'print JSON')
    .action(async (options: { all?: boolean; json?: boolean }) => {
      const { listInvites } = await import('../../db/officials.js');
      const invites = await runtime.withDatabase(({ prisma }) =>
        listInvites(prisma, { includeSpent: options.all ?? false, now: runtime.now() }),
      );
      if (options.json) return printJson(io, invites);
      if (invites.length === 0) return io.stdout('No invite codes.\n');
      for (const item of invites) {
        const state = item.revokedAt
          ? 'revoked'
          : item.expiresAt && item.expiresAt <= runtime.now()
            ? 'expired'
            : `${item.uses}/${item.maxUses} used`;
        io.stdout(
          `${item.code}  ${item.unit ?? `link for ${item.official}`}  ${item.role}  ${state}  until ${item.expiresAt?.toISOString() ?? 'never'}\n`,
        );
      }
    });
  invite
    .command('revoke')
    .description('revoke an invite code')
    .argument('<code>', 'the code')
    .action(async (code: string) => {
      const { revokeInvite } = await import('../../db/officials.js');
      const found = await runtime.withDatabase(({ prisma }) =>
        revokeInvite(prisma, code.toUpperCase(), 'cli', runtime.now()),
      );
      if (!found) throw new CliError(`No invite code "${code}". See: dondoc invite list --all`);
      io.stdout(`Revoked ${code.toUpperCase()}.\n`);
    });

  const officials = program
    .command('officials')
    .description('list registered officials (id, unit, role, platforms)')
    .option('--unit <code>', 'only this unit')
    .option('--json', 'print JSON')
    .action(async (options: { unit?: string; json?: boolean }) => {
      const { listOfficials } = await import('../../db/officials.js');
      const { resolveUnit } = await import('../../db/units.js');
      const officials = await runtime.withDatabase(async ({ prisma }) => {
        let unitId: number | undefined;
        if (options.unit) {
          const resolved = await resolveUnit(prisma, options.unit);
          if (!resolved) throw new CliError(`No unit "${options.unit}". See: dondoc units`);
          unitId = resolved.unit.id;
        }
        return listOfficials(prisma, unitId !== undefined ? { unitId } : {});
      });
      if (options.json) return printJson(io, officials);
      if (officials.length === 0)
        return io.stdout('No officials registered yet. Create an invite: dondoc invite create --unit <code>\n');
      for (const o of officials) {
        io.stdout(
          `${o.id}\t${o.name}\t${o.unit}\t${o.role}${o.status === 'blocked' ? ' (blocked)' : ''}\t${o.channels.join(',')}\n`,
        );
        for (const p of o.problems)
          io.stdout(
            `\t${p.channel} ${p.state === 'inactive' ? 'unreachable' : `failing (${p.failures} in a row)`}: ${p.reason}\n`,
          );
      }
    });

  const changes: [string, string, OfficialChange][] = [
    ['block', 'block an official (they get nothing more and cannot use the bot)', { status: 'blocked' }],
    ['unblock', 'unblock an official', { status: 'active' }],
    ['promote', 'make an official an admin (or, with --role leader, a leader)', { role: 'admin' }],
    ['demote', 'make an admin an ordinary official', { role: 'official' }],
  ];
  for (const [name, description, fixed] of changes) {
    const command = officials
      .command(name)
      .description(description)
      .argument('<id>', 'the official number (see: dondoc officials)');
    if (name === 'promote')
      command.option(
        '--role <role>',
        'admin, or leader (a unit head or observer: reads, is told of escalations)',
        'admin',
      );
    command.action(async (id: string, options: { role?: string }) => {
      const { changeOfficial } = await import('../../db/officials.js');
      const officialId = idArgument('An official number', id);
      let change = fixed;
      if (name === 'promote') {
        if (options.role !== 'admin' && options.role !== 'leader')
          throw new CliError(`--role must be admin or leader, got "${options.role}"`);
        change = { role: options.role };
      }
      const result = await runtime.withDatabase(({ prisma }) =>
        changeOfficial(prisma, officialId, change, { label: 'cli' }),
      );
      if (result === 'missing') throw new CliError(`No official ${id}. See: dondoc officials`);
      if (result === 'last-admin')
        throw new CliError(`Official ${id} is the last active admin: make another admin first`);
      io.stdout(result === 'changed' ? `Official ${id}: done (${name}).\n` : `Official ${id} was already so.\n`);
    });
  }
}
