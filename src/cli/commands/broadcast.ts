// `dondoc broadcast …`: a notice from a file to an audience (previewed, sent only with --yes), its status, cancelling.
import type { Command } from 'commander';
import { MAX_NOTICE_LENGTH } from '../../../handlers/broadcast.js';
import {
  AudienceError,
  audienceAccounts,
  broadcastProgress,
  cancelBroadcast,
  countAccounts,
  listBroadcasts,
  queueBroadcast,
} from '../../db/broadcasts.js';
import { parseAudience } from '../../domain/audience.js';
import { CliError, type CliIO, type CliRuntime, printJson, readTextFile } from '../runtime.js';

export function registerBroadcastCommands(program: Command, io: CliIO, runtime: CliRuntime): void {
  const broadcast = program
    .command('broadcast')
    .description(
      "send a notice to all officials, a unit, a level or a duty's units (preview first; sends only with --yes)",
    )
    .option('--file <file>', 'the notice text (UTF-8)')
    .option(
      '--to <audience>',
      'all | unit:CODE | level:KEY (province, commune, …; `dondoc units` lists them) | duty:KEY (or duty:PLAN/KEY)',
    )
    .option('--dry-run', 'only count the recipients')
    .option('--yes', 'send it (without: a preview only)')
    .option('--json', 'print JSON')
    .action(async (options: { file?: string; to?: string; dryRun?: boolean; yes?: boolean; json?: boolean }) => {
      if (!options.to) throw new CliError('--to is required: all, unit:CODE, level:KEY or duty:KEY');
      const audience = parseAudience(options.to);
      if ('error' in audience) throw new CliError(`--to: ${audience.error}`);
      const text = options.file ? (await readTextFile(io, options.file, 'the notice')).trim() : '';
      if (!options.dryRun) {
        if (!text) throw new CliError('--file is required (the notice text), or use --dry-run to count recipients');
        if (text.length > MAX_NOTICE_LENGTH)
          throw new CliError(`The notice has ${text.length} characters; at most ${MAX_NOTICE_LENGTH}`);
      }
      const result = await runtime.withDatabase(async ({ prisma }) => {
        let count: ReturnType<typeof countAccounts>;
        try {
          count = countAccounts(await audienceAccounts(prisma, audience));
        } catch (error) {
          if (error instanceof AudienceError) throw new CliError(error.message);
          throw error;
        }
        if (options.dryRun || !options.yes) return { count, queued: undefined };
        const queued = await queueBroadcast(prisma, { text, audience, actor: { label: 'cli' } }, runtime.now());
        return { count, queued: queued.id };
      });
      if (options.json)
        return printJson(io, result.queued === undefined ? result.count : { id: result.queued, ...result.count });
      const { recipients, officials } = result.count;
      io.stdout(`${officials} official(s): Telegram ${recipients.telegram}, Zalo ${recipients.zalo}.\n`);
      if (result.queued !== undefined)
        io.stdout(
          `Queued as broadcast ${result.queued}; the running bot sends it. Follow it with: dondoc broadcast status ${result.queued}\n`,
        );
      else if (!options.dryRun) io.stdout('Nothing was sent. Run again with --yes to send it.\n');
    });

  broadcast
    .command('status')
    .description('how far a broadcast has got')
    .argument('<id>', 'the broadcast number')
    .option('--json', 'print JSON')
    .action(async (id: string, options: { json?: boolean }) => {
      const progress = await runtime.withDatabase(({ prisma }) => broadcastProgress(prisma, number(id)));
      if (!progress) throw new CliError(`No broadcast ${id}. See: dondoc broadcast list`);
      const { progress: _where, text: _text, ...shown } = progress;
      if (options.json) return printJson(io, shown);
      io.stdout(
        `Broadcast ${progress.id} (${progress.audience}): ${progress.status}\n  sent ${progress.sent}, failed ${progress.failed}, cancelled ${progress.cancelled}, remaining ${progress.remaining} of ${progress.total}\n`,
      );
    });

  broadcast
    .command('cancel')
    .description('stop a broadcast: what has not been sent is not sent')
    .argument('<id>', 'the broadcast number')
    .action(async (id: string) => {
      const result = await runtime.withDatabase(({ prisma }) =>
        cancelBroadcast(prisma, number(id), { label: 'cli' }, runtime.now()),
      );
      if (result === 'missing') throw new CliError(`No broadcast ${id}`);
      io.stdout(result === 'cancelled' ? `Broadcast ${id} stopped.\n` : `Broadcast ${id} had already finished.\n`);
    });

  broadcast
    .command('list')
    .description('recent broadcasts')
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }) => {
      const list = await runtime.withDatabase(({ prisma }) => listBroadcasts(prisma));
      if (options.json)
        return printJson(
          io,
          list.map(({ progress: _where, ...item }) => item),
        );
      if (list.length === 0) return io.stdout('No broadcasts yet.\n');
      for (const item of list)
        io.stdout(
          `${item.id}\t${item.status}\t${item.audience}\tsent ${item.sent}/${item.total}\t${item.text.slice(0, 40).replace(/\s+/g, ' ')}\n`,
        );
    });
}

function number(text: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value <= 0)
    throw new CliError(`A broadcast number is a positive whole number, got "${text}"`);
  return value;
}
