// `dondoc undelivered`: replies the chat platforms would not take within the send gate's bound, with why.
import type { Command } from 'commander';
import { idArgument } from '../options.js';
import { type CliIO, type CliRuntime, printJson } from '../runtime.js';

export function registerChannelCommands(program: Command, io: CliIO, runtime: CliRuntime): void {
  program
    .command('undelivered')
    .description('replies to users that could not be sent (rate limits or a platform down for minutes), newest first')
    .option('--limit <n>', 'how many', '50')
    .option('--json', 'print JSON')
    .action(async (options: { limit: string; json?: boolean }) => {
      const { listUndeliveredReplies } = await import('../../db/conversations.js');
      const limit = idArgument('--limit', options.limit);
      const rows = await runtime.withDatabase(({ prisma }) => listUndeliveredReplies(prisma, limit));
      if (options.json) return printJson(io, rows);
      if (rows.length === 0) return io.stdout('Every reply was delivered.\n');
      for (const row of rows)
        io.stdout(`${row.at.toISOString()}\t${row.channel}\t${row.chatId}\t${row.updateKey ?? '-'}\t${row.reason}\n`);
    });
}
