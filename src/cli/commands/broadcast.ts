// `dondoc broadcast …`: a notice from a file to an audience (previewed, sent only with --yes), its status, cancelling.
import type { Command } from 'commander';
import { parseAudience } from '../../domain/audience.js';
import type { NoticeProblem } from '../../services/notices.js';
import { idArgument } from '../options.js';
import { CliError, type CliIO, type CliRuntime, printJson, readTextFile } from '../runtime.js';

export function registerBroadcastCommands(program: Command, io: CliIO, runtime: CliRuntime): void {
  // `broadcast --json` is the parent's own option: positional options keep `broadcast status 3 --json` the child's.
  program.enablePositionalOptions();
  const broadcast = program
    .command('broadcast')
    .enablePositionalOptions()
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
      const { countAudience, noticeTextProblem, sendNotice } = await import('../../services/notices.js');
      if (!options.to) throw new CliError('--to is required: all, unit:CODE, level:KEY or duty:KEY');
      const audience = parseAudience(options.to);
      if ('error' in audience) throw new CliError(`--to: ${audience.error}`);
      const text = options.file ? (await readTextFile(io, options.file, 'the notice')).trim() : '';
      const problem = options.dryRun ? undefined : noticeTextProblem(text);
      if (problem?.kind === 'empty')
        throw new CliError('--file is required (the notice text), or use --dry-run to count recipients');
      if (problem?.kind === 'too-long')
        throw new CliError(`The notice has ${problem.length} characters; at most ${problem.max}`);
      const result = await runtime.withDatabase(async ({ prisma }) => {
        if (options.dryRun || !options.yes) {
          const counted = await countAudience(prisma, audience);
          if ('problem' in counted) throw new CliError(describeProblem(counted.problem));
          return { count: counted.count, queued: undefined };
        }
        const sent = await sendNotice(prisma, { text, audience, actor: { label: 'cli' } }, runtime.now());
        if ('problem' in sent) throw new CliError(describeProblem(sent.problem));
        return { count: sent.count, queued: sent.broadcastId };
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
      const { broadcastProgress } = await import('../../db/broadcasts.js');
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
      const { cancelBroadcast } = await import('../../db/broadcasts.js');
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
      const { listBroadcasts } = await import('../../db/broadcasts.js');
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
  return idArgument('A broadcast number', text);
}

function describeProblem(problem: NoticeProblem): string {
  switch (problem.kind) {
    case 'empty':
      return 'The notice is empty';
    case 'too-long':
      return `The notice has ${problem.length} characters; at most ${problem.max}`;
    case 'bad-audience':
      return problem.message;
  }
}
