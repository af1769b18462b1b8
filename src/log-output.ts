// Where log lines go: JSON lines for service managers and pipes, readable lines in a terminal, and a file in
// the data folder while the console chat holds the terminal (log lines would break into its prompt).
import path from 'node:path';
import pino from 'pino';
import pretty from 'pino-pretty';

export interface LogOutput {
  destination: pino.DestinationStream;
  /** Said once on the terminal when the lines go elsewhere. */
  notice?: string;
}

export function logOutput(options: {
  format: 'auto' | 'json' | 'pretty';
  /** The console chat reads and writes this terminal. */
  consoleChat: boolean;
  dataDir: string;
  terminal: boolean;
}): LogOutput {
  if (options.consoleChat) {
    const file = path.join(options.dataDir, 'dondoc.log');
    return {
      destination: pino.destination({ dest: file, mkdir: true, sync: false }),
      notice: `Logs: ${file}`,
    };
  }
  const readable = options.format === 'pretty' || (options.format === 'auto' && options.terminal);
  if (!readable) return { destination: pino.destination(2) };
  return {
    destination: pretty({
      destination: 2,
      colorize: options.terminal,
      translateTime: 'SYS:HH:MM:ss',
      ignore: 'pid,hostname,app',
      singleLine: true,
    }),
  };
}
