// The `dondoc` command line: one commander program, run with the caller's I/O and a database runtime.
import { Command, CommanderError } from 'commander';
import { ConfigError } from '../config.js';
import { DataDirError } from '../db/data-dir-lock.js';
import { DatabaseUnavailableError } from '../db/errors.js';
import { PlanFileError } from '../plans/errors.js';
import { registerAdminCommands } from './commands/admin.js';
import { registerAskCommand } from './commands/ask.js';
import { registerBackupCommands } from './commands/backup.js';
import { registerBroadcastCommands } from './commands/broadcast.js';
import { registerCalendarCommands } from './commands/calendar.js';
import { registerChannelCommands } from './commands/channels.js';
import { registerChatCommand } from './commands/chat.js';
import { registerDatabaseCommands } from './commands/database.js';
import { registerGroupCommands } from './commands/groups.js';
import { registerInviteCommands } from './commands/invite.js';
import { registerPlanCommands } from './commands/plan.js';
import { registerReminderCommands } from './commands/reminders.js';
import { registerReportCommands } from './commands/report.js';
import { CliError, type CliIO, type CliRuntime } from './runtime.js';

export const VERSION = '0.1.0';

export function buildProgram(io: CliIO, runtime: CliRuntime): Command {
  const program = new Command('dondoc')
    .description(
      'Đôn đốc: implementation plans turned into duties, questions answered and reminders sent on Telegram and Zalo',
    )
    .version(VERSION)
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .showHelpAfterError('(add --help for usage)');

  program
    .command('start')
    .description('run the bot: database, scheduler, HTTP server, chat channels and the console')
    .action(async () => {
      if (!runtime.startBot) throw new CliError('dondoc is already running: this command was sent to the running bot.');
      const code = await runtime.startBot();
      if (code !== 0) throw new CliError('dondoc stopped with an error', code);
    });
  registerDatabaseCommands(program, io, runtime);
  registerPlanCommands(program, io, runtime);
  registerAskCommand(program, io, runtime);
  registerInviteCommands(program, io, runtime);
  registerChatCommand(program, io, runtime);
  registerReminderCommands(program, io, runtime);
  registerBroadcastCommands(program, io, runtime);
  registerReportCommands(program, io, runtime);
  registerAdminCommands(program, io, runtime);
  registerChannelCommands(program, io, runtime);
  registerGroupCommands(program, io, runtime);
  registerBackupCommands(program, io, runtime);
  registerCalendarCommands(program, io, runtime);
  return program;
}

/** Runs one command line; returns the exit code. Errors the user can act on become one clear message. */
export async function runCli(argv: string[], io: CliIO, runtime: CliRuntime): Promise<number> {
  const program = buildProgram(io, runtime);
  if (argv.length === 0) {
    io.stdout(program.helpInformation());
    return 0;
  }
  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    const known = describeKnownError(error);
    if (known) {
      io.stderr(`${known.message}\n`);
      return known.exitCode;
    }
    throw error;
  }
}

/** The failures a user or operator can fix, as one message each; anything else is a bug and keeps its stack. */
export function describeKnownError(error: unknown): { message: string; exitCode: number } | undefined {
  if (error instanceof CliError) return { message: error.message, exitCode: error.exitCode };
  if (error instanceof PlanFileError) return { message: error.message, exitCode: 1 };
  if (error instanceof ConfigError) return { message: error.message, exitCode: 2 };
  if (error instanceof DatabaseUnavailableError || error instanceof DataDirError)
    return { message: error.message, exitCode: 1 };
  return undefined;
}
