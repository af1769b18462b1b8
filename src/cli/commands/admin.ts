// `dondoc admin …`: the web console's sign-in links and sessions, for the operator at the server.
import type { Command } from 'commander';
import { idArgument } from '../options.js';
import { CliError, type CliIO, type CliRuntime, printJson } from '../runtime.js';

export function registerAdminCommands(program: Command, io: CliIO, runtime: CliRuntime): void {
  const admin = program.command('admin').description('the web console (/admin): sign-in links and sessions');
  const policy = () => ({ idleMs: runtime.config.web.sessionIdleMs, maxMs: runtime.config.web.sessionMaxMs });

  admin
    .command('link')
    .description('a one-time sign-in link to the web console for an admin (valid for 10 minutes)')
    .requiredOption('--official <id>', 'the admin (see: dondoc officials)')
    .option('--json', 'print JSON')
    .action(async (options: { official: string; json?: boolean }) => {
      const { issueLoginLink } = await import('../../services/web-sessions.js');
      const officialId = idArgument('An official number', options.official);
      const link = await runtime.withDatabase(({ prisma }) =>
        issueLoginLink(prisma, {
          officialId,
          publicBaseUrl: runtime.config.web.publicBaseUrl,
          via: 'cli',
          actor: { label: 'cli' },
          now: runtime.now(),
        }),
      );
      if (link.kind !== 'created')
        throw new CliError(`Official ${officialId} is not an active admin. See: dondoc officials`);
      if (options.json) return printJson(io, { url: link.url, expiresAt: link.expiresAt.toISOString() });
      io.stdout(
        `${link.url}\n  for official ${officialId}, once, until ${link.expiresAt.toISOString()}. Do not paste it where others read it.\n`,
      );
    });

  admin
    .command('sessions')
    .description('web console sessions that are signed in')
    .option('--all', 'include ended and revoked sessions')
    .option('--json', 'print JSON')
    .action(async (options: { all?: boolean; json?: boolean }) => {
      const { sessionsOf } = await import('../../services/web-sessions.js');
      const sessions = await runtime.withDatabase(({ prisma }) =>
        sessionsOf(prisma, { liveOnly: !options.all, now: runtime.now(), policy: policy() }),
      );
      if (options.json) return printJson(io, sessions);
      if (sessions.length === 0) return io.stdout('No web console sessions.\n');
      for (const s of sessions)
        io.stdout(
          `${s.id}\t${s.officialName} (#${s.officialId})\t${s.live ? 'live' : s.revokedAt ? 'revoked' : 'ended'}\tsince ${s.createdAt.toISOString()}\tlast ${s.lastSeenAt.toISOString()}\t${s.userAgent ?? ''}\n`,
        );
    });

  admin
    .command('revoke')
    .description('sign out web console sessions: one by number, all of an official, or all')
    .argument('[session]', 'the session number (see: dondoc admin sessions)')
    .option('--official <id>', 'every session of this official')
    .option('--all', 'every session')
    .action(async (session: string | undefined, options: { official?: string; all?: boolean }) => {
      const { revokeSessions } = await import('../../services/web-sessions.js');
      const given = [session !== undefined, options.official !== undefined, options.all === true].filter(Boolean);
      if (given.length !== 1) throw new CliError('Name one session number, or --official <id>, or --all');
      const which = options.all
        ? ({ all: true } as const)
        : options.official !== undefined
          ? { officialId: idArgument('An official number', options.official) }
          : { sessionId: idArgument('A session number', session ?? '') };
      const count = await runtime.withDatabase(({ prisma }) =>
        revokeSessions(prisma, which, { label: 'cli' }, runtime.now()),
      );
      io.stdout(`Signed out ${count} session(s).\n`);
    });
}
