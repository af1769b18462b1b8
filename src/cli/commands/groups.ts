// `dondoc groups`: units' linked work groups, and a unit's switch for posting its reminders and notices there.
import type { Command } from 'commander';
import { CliError, type CliIO, type CliRuntime, printJson } from '../runtime.js';

export function registerGroupCommands(program: Command, io: CliIO, runtime: CliRuntime): void {
  const groups = program
    .command('groups')
    .description("units' work groups (linked in the group with /nhom), and whether reminders and notices go there");
  groups
    .command('list', { isDefault: true })
    .description('linked groups with their unit, the unit’s setting and whether the bot is still in the group')
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }) => {
      const { listGroups } = await import('../../db/groups.js');
      const rows = await runtime.withDatabase(({ prisma }) => listGroups(prisma));
      if (options.json) return printJson(io, rows);
      if (rows.length === 0)
        return io.stdout('No group is linked. In a Telegram group with the bot, an admin types /nhom UNIT-CODE.\n');
      for (const row of rows)
        io.stdout(
          `${row.channel}\t${row.chatId}\t${row.title ?? '-'}\t${row.unit.code}\tposts ${row.unit.groupDelivery ? 'on' : 'off'}\t${row.active ? 'active' : `inactive: ${row.inactiveReason ?? '-'}`}\n`,
        );
    });
  groups
    .command('delivery')
    .description("turn a unit's group posts on or off (its reminders and notices also go to its linked groups)")
    .argument('<unit>', 'the unit: its code or name')
    .argument('<on|off>', 'on or off')
    .action(async (unitText: string, state: string) => {
      if (state !== 'on' && state !== 'off') throw new CliError('the second argument must be on or off');
      const [{ setGroupDelivery }, { resolveUnit }] = await Promise.all([
        import('../../db/groups.js'),
        import('../../db/units.js'),
      ]);
      const unit = await runtime.withDatabase(async ({ prisma }) => {
        const resolved = await resolveUnit(prisma, unitText);
        if (!resolved) throw new CliError(`No unit "${unitText}": see dondoc units`);
        await setGroupDelivery(prisma, resolved.unit.id, state === 'on', { label: 'cli' });
        return resolved.unit;
      });
      io.stdout(`Group posts of ${unit.code} (${unit.name}): ${state}\n`);
    });
}
