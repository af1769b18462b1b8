// `dondoc chat [--as …]`: the bot's conversation in this terminal, on this machine's database.
import type { Command } from 'commander';
import { looksLikeCode } from '../../domain/invite-code.js';
import { CliError, type CliIO, type CliRuntime } from '../runtime.js';

export function registerChatCommand(program: Command, _io: CliIO, runtime: CliRuntime): void {
  program
    .command('chat')
    .description('chat with the bot in this terminal (numbered choices stand in for buttons)')
    .option('--as <official>', 'an official id (see: dondoc officials) or an invite code to register with')
    .action(async (options: { as?: string }) => {
      const terminal = runtime.terminal;
      if (!terminal)
        throw new CliError(
          'dondoc chat needs this terminal: the running bot has its own console chat (start it with npm start in a terminal), or stop the bot first.',
        );
      const as = options.as;
      if (as !== undefined && !/^\d+$/.test(as) && !looksLikeCode(as))
        throw new CliError(`--as takes an official id (a number) or an invite code, got "${as}"`);
      const [{ startConsoleChat }, { ensureConsoleAccount, findOfficial }, { seedDemoPlan }] = await Promise.all([
        import('../../channels/console.js'),
        import('../../db/officials.js'),
        import('../../seed.js'),
      ]);
      await runtime.withDatabase(async ({ prisma }) => {
        // Like the bot's first start: an empty database gets the demo plan, so a fresh machine can try it.
        if (runtime.config.seedDemoPlan) await seedDemoPlan(prisma, runtime.now());
        let externalId = 'local';
        let displayName = 'Console';
        const firstLines: string[] = [];
        if (options.as !== undefined) {
          if (/^\d+$/.test(options.as)) {
            const official = await findOfficial(prisma, Number(options.as));
            if (!official) throw new CliError(`No official with id ${options.as}. See: dondoc officials`);
            externalId = `local:${official.id}`;
            displayName = official.name;
            await ensureConsoleAccount(prisma, official.id, externalId);
          } else {
            firstLines.push(`/start ${options.as}`);
          }
        }
        // Warnings only: info lines would interleave with the chat in the same terminal.
        const logger = runtime.logger.child({}, { level: 'warn' });
        const chat = startConsoleChat({
          input: terminal.input,
          output: terminal.output,
          conversation: await terminal.conversation({ prisma, logger, now: () => runtime.now() }),
          externalId,
          displayName,
          firstLines,
          now: () => runtime.now(),
        });
        await chat.closed;
      });
    });
}
