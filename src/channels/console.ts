// The console chat: the shared conversation in a terminal, numbered lines standing in for buttons.
import { randomUUID } from 'node:crypto';
import readline from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { plainText, withChoicesAsText } from '../chat/rich.js';
import type { Conversation, Reply } from '../chat/types.js';
import type { CliIO } from '../cli/runtime.js';

export interface ConsoleChat {
  /** Resolves when the input ends (Ctrl-D) or close() is called. */
  readonly closed: Promise<void>;
  close(): void;
}

export interface ConsoleChatOptions {
  input: Readable;
  output: Writable;
  conversation: Conversation;
  /** Who the console user is to the bot: "local" (register with a code) or "local:<official id>". */
  externalId: string;
  displayName: string;
  /** Lines typed first, as if the user had typed them ("/start CODE" for --as CODE). */
  firstLines?: string[];
  /** In the running bot: "dondoc <command …>" lines run operator commands. */
  operator?: { cwd: string; run: (argv: string[], io: CliIO) => Promise<number> };
  now?: () => Date;
}

export function startConsoleChat(options: ConsoleChatOptions): ConsoleChat {
  const { output, conversation } = options;
  const rl = readline.createInterface({ input: options.input, output, prompt: 'bạn> ', terminal: false });
  const now = options.now ?? (() => new Date());
  const io: CliIO = {
    stdout: (text) => output.write(text),
    stderr: (text) => output.write(text),
    cwd: options.operator?.cwd ?? '.',
  };
  output.write(
    `dondoc chat: type as you would in Telegram or Zalo ("/start", "việc gì đến hạn tháng 9/2012?", a number to choose)` +
      `${options.operator ? '; "dondoc <command>" runs an operator command (e.g. "dondoc invite create --unit TU-BTG")' : ''}. Ctrl-D ends.\n`,
  );

  let queue = Promise.resolve();
  const say = (text: string) =>
    (queue = queue.then(async () => {
      const line = text.trim();
      if (!line) return;
      if (options.operator && /^dondoc(\s|$)/.test(line)) {
        const argv = splitArgs(line).slice(1);
        await options.operator
          .run(argv.length ? argv : ['--help'], io)
          .catch((error: Error) => io.stderr(`${error.message}\n`));
        return;
      }
      const replies = await conversation.handle({
        channel: 'console',
        chatId: options.externalId,
        sender: { id: options.externalId, name: options.displayName },
        kind: 'text',
        text: line,
        updateKey: randomUUID(),
        receivedAt: now(),
      });
      for (const reply of replies) output.write(`${renderForConsole(reply)}\n\n`);
    }));

  for (const line of options.firstLines ?? []) void say(line);
  let resolveClosed: () => void;
  const closed = new Promise<void>((resolve) => (resolveClosed = resolve));
  rl.on('line', (line) => void say(line).then(() => rl.prompt()));
  rl.on('close', () => void queue.then(() => resolveClosed()));
  void queue.then(() => rl.prompt());
  return { closed, close: () => rl.close() };
}

export function renderForConsole(reply: Reply): string {
  const text = plainText(withChoicesAsText(reply));
  return reply.file ? `${text}\n[file: ${reply.file.name}, ${reply.file.data.length} bytes]` : text;
}

/** Splits a command line like a shell does for quotes: `plan show "15-KH/TU"`. */
export function splitArgs(line: string): string[] {
  const args: string[] = [];
  const pattern = /"((?:[^"\\]|\\.)*)"|'([^']*)'|(\S+)/g;
  for (const match of line.matchAll(pattern))
    args.push(match[1]?.replace(/\\(.)/g, '$1') ?? match[2] ?? match[3] ?? '');
  return args;
}
