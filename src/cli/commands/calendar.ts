// `dondoc calendar …`: private calendar addresses (the same as /lich in chat) for the operator at the server.
import type { Command } from 'commander';
import { idArgument } from '../options.js';
import { CliError, type CliIO, type CliRuntime } from '../runtime.js';

export function registerCalendarCommands(program: Command, io: CliIO, runtime: CliRuntime): void {
  const calendar = program
    .command('calendar')
    .description("private calendar addresses (iCalendar) with a unit's windows and deadlines, as /lich gives in chat");

  calendar
    .command('create')
    .description("a new calendar address for a unit, printed once (it replaces the owner's earlier one for the unit)")
    .requiredOption('--unit <code>', 'the unit (code, e.g. TU-BTG, or name)')
    .option('--official <id>', 'whose address it is: an official of the unit, or an admin (default: the first admin)')
    .action(async (options: { unit: string; official?: string }) => {
      const { firstActiveAdmin } = await import('../../db/calendar-feeds.js');
      const { resolveUnit } = await import('../../db/units.js');
      const { calendarUrl, issueCalendarFeed } = await import('../../services/calendar-feeds.js');
      const officialId =
        options.official !== undefined ? idArgument('An official number', options.official) : undefined;
      const created = await runtime.withDatabase(async ({ prisma }) => {
        const resolved = await resolveUnit(prisma, options.unit);
        if (!resolved) throw new CliError(`No unit "${options.unit}". See: dondoc units`);
        const owner = officialId ?? (await firstActiveAdmin(prisma))?.id;
        if (owner === undefined)
          throw new CliError('There is no active admin to own the address: name one with --official <id>');
        const outcome = await issueCalendarFeed(prisma, {
          officialId: owner,
          unitId: resolved.unit.id,
          actor: { label: 'cli' },
          now: runtime.now(),
        });
        if (outcome.kind === 'unknown-unit') throw new CliError(`No unit "${options.unit}". See: dondoc units`);
        if (outcome.kind === 'not-allowed')
          throw new CliError(
            `Official ${owner} may not have the calendar of ${resolved.unit.code}: an official gets their own unit's, an admin any unit's (see: dondoc officials)`,
          );
        return { ...outcome, owner };
      });
      const publicBase = runtime.config.publicBaseUrl;
      // Without a public address the loopback one still works on this machine (for a check, or a local client).
      const base = publicBase ?? `http://127.0.0.1:${runtime.config.http.port}`;
      io.stdout(
        `${calendarUrl(base, created.feed.token)}\n  calendar ${created.feed.id} of ${created.unit.code} for official ${created.owner}; shown once, only its hash is kept.${created.feed.replacedIds.length ? ` It replaces calendar ${created.feed.replacedIds.join(', ')}.` : ''}\n`,
      );
      if (!publicBase)
        io.stdout(
          '  PUBLIC_BASE_URL is not set: this address opens only on this machine. Set it to the public address of this server for phones and calendar services.\n',
        );
    });

  calendar
    .command('list')
    .description('calendar addresses in use (never the addresses themselves: only their hashes are kept)')
    .option('--all', 'include revoked and replaced ones')
    .option('--unit <code>', 'only this unit')
    .action(async (options: { all?: boolean; unit?: string }) => {
      const { listCalendarFeeds } = await import('../../db/calendar-feeds.js');
      const { findUnitByCode } = await import('../../db/units.js');
      const feeds = await runtime.withDatabase(async ({ prisma }) => {
        const unit = options.unit !== undefined ? await findUnitByCode(prisma, options.unit) : undefined;
        if (options.unit !== undefined && !unit)
          throw new CliError(`No unit with code "${options.unit}". See: dondoc units`);
        return listCalendarFeeds(prisma, {
          includeRevoked: options.all ?? false,
          ...(unit ? { unitId: unit.id } : {}),
        });
      });
      if (feeds.length === 0) return io.stdout('No calendar addresses.\n');
      for (const feed of feeds)
        io.stdout(
          `${feed.id}\t${feed.unit.code}\t${feed.official.name} (#${feed.official.id})\t${feed.revokedAt ? `revoked ${feed.revokedAt.toISOString()}` : 'live'}\tcreated ${feed.createdAt.toISOString()}\tlast fetched ${feed.lastFetchedAt?.toISOString() ?? 'never'}\n`,
        );
    });

  calendar
    .command('revoke')
    .description("stop calendar addresses: one by number, or every one of a unit's")
    .argument('[calendar]', 'the number (see: dondoc calendar list)')
    .option('--unit <code>', "every address of this unit's calendar")
    .action(async (feed: string | undefined, options: { unit?: string }) => {
      const { revokeCalendarFeeds } = await import('../../db/calendar-feeds.js');
      const { findUnitByCode } = await import('../../db/units.js');
      if ((feed === undefined) === (options.unit === undefined))
        throw new CliError('Name one calendar number, or --unit <code>');
      const count = await runtime.withDatabase(async ({ prisma }) => {
        if (feed !== undefined)
          return revokeCalendarFeeds(
            prisma,
            { feedId: idArgument('A calendar number', feed) },
            { label: 'cli' },
            runtime.now(),
          );
        const unit = await findUnitByCode(prisma, options.unit ?? '');
        if (!unit) throw new CliError(`No unit with code "${options.unit}". See: dondoc units`);
        return revokeCalendarFeeds(prisma, { unitId: unit.id }, { label: 'cli' }, runtime.now());
      });
      io.stdout(`Revoked ${count} calendar address(es).\n`);
    });
}
