// What a CLI command may use: output, files relative to the caller's folder, the database, the clock.

import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Readable, Writable } from 'node:stream';
import type { Conversation } from '../chat/types.js';
import type { Config } from '../config.js';
import type { Database, PrismaClient } from '../db/database.js';
import type { Logger } from '../logger.js';

export interface CliIO {
  stdout(text: string): void;
  stderr(text: string): void;
  /** The caller's working folder: relative paths in arguments are taken from here. */
  cwd: string;
}

export interface CliRuntime {
  config: Config;
  now(): Date;
  /** Runs `use` with an open, migrated database: the process's own or, via the control socket, the bot's. */
  withDatabase<T>(use: (database: Database) => Promise<T>): Promise<T>;
  /** Starts the bot in this process (absent inside a running bot). */
  startBot?: () => Promise<number>;
  /**
   * The process's own terminal, for interactive commands (absent inside a running bot), and the conversation
   * `dondoc chat` holds there (built by the composition root, which alone knows the chat handlers).
   */
  terminal?: {
    input: Readable;
    output: Writable;
    conversation(options: { prisma: PrismaClient; logger: Logger; now: () => Date }): Promise<Conversation>;
  };
  logger: Logger;
}

/** A failure the user can act on: printed as one line, no stack trace. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'CliError';
  }
}

export async function readTextFile(io: CliIO, file: string, what: string): Promise<string> {
  const absolute = path.resolve(io.cwd, file);
  try {
    return await readFile(absolute, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EACCES'
          ? 'permission denied'
          : code === 'EISDIR'
            ? 'it is a folder'
            : code;
    throw new CliError(`Cannot read ${what} ${file}: ${reason}`);
  }
}

export function printJson(io: CliIO, value: unknown): void {
  io.stdout(`${JSON.stringify(value, null, 2)}\n`);
}
