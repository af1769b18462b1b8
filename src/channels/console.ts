// The local console: on a terminal, the operator types dondoc commands into the running bot.
import readline from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { CliIO } from '../cli/runtime.js';

export interface ConsoleChannel {
  close(): void;
}

export function startConsole(options: {
  input: Readable;
  output: Writable;
  cwd: string;
  run: (argv: string[], io: CliIO) => Promise<number>;
  /** Whether a first word names a dondoc command; any other line is a question for `ask`. */
  isCommand: (word: string) => boolean;
}): ConsoleChannel {
  const rl = readline.createInterface({ input: options.input, output: options.output, prompt: 'dondoc> ' });
  const io: CliIO = { stdout: (text) => options.output.write(text), stderr: (text) => options.output.write(text), cwd: options.cwd };
  options.output.write(
    'dondoc console: ask a question ("việc gì đến hạn tháng này?") or type a command ("plan list", "ask --as-of 2012-08-20 BTG cần làm gì?"); "help" lists the commands.\n',
  );
  rl.prompt();
  let queue = Promise.resolve();
  rl.on('line', (line) => {
    queue = queue.then(async () => {
      const argv = splitArgs(line);
      const first = argv[0];
      if (first !== undefined) {
        const command = first === 'help' ? ['--help'] : options.isCommand(first) || first.startsWith('-') ? argv : ['ask', line.trim()];
        await options.run(command, io).catch((error: Error) => io.stderr(`${error.message}\n`));
      }
      rl.prompt();
    });
  });
  return { close: () => rl.close() };
}

/** Splits a command line like a shell does for quotes: `plan show "15-KH/TU"`. */
export function splitArgs(line: string): string[] {
  const args: string[] = [];
  const pattern = /"((?:[^"\\]|\\.)*)"|'([^']*)'|(\S+)/g;
  for (const match of line.matchAll(pattern)) args.push(match[1]?.replace(/\\(.)/g, '$1') ?? match[2] ?? match[3] ?? '');
  return args;
}
