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
}): ConsoleChannel {
  const rl = readline.createInterface({ input: options.input, output: options.output, prompt: 'dondoc> ' });
  const io: CliIO = { stdout: (text) => options.output.write(text), stderr: (text) => options.output.write(text), cwd: options.cwd };
  options.output.write('dondoc console: type a command such as "plan list" or "occurrences --from 2012-07-01 --to 2012-09-30"; "help" lists them.\n');
  rl.prompt();
  let queue = Promise.resolve();
  rl.on('line', (line) => {
    queue = queue.then(async () => {
      const argv = splitArgs(line);
      if (argv.length > 0) await options.run(argv[0] === 'help' ? ['--help'] : argv, io).catch((error: Error) => io.stderr(`${error.message}\n`));
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
