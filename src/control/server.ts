// The running bot's side of the control socket: authenticates a request and runs it as a CLI command.
import { timingSafeEqual } from 'node:crypto';
import type net from 'node:net';
import type { CliIO } from '../cli/runtime.js';
import type { Logger } from '../logger.js';
import { type ControlReply, controlRequestSchema, MAX_REQUEST_BYTES } from './protocol.js';

export type RunCommand = (argv: string[], io: CliIO) => Promise<number>;

export function createControlHandler(options: {
  token: string;
  run: RunCommand;
  logger: Logger;
}): (socket: net.Socket) => void {
  const expected = Buffer.from(options.token);
  return (socket) => {
    let buffer = '';
    let started = false;
    const send = (reply: ControlReply) => {
      if (!socket.destroyed) socket.write(`${JSON.stringify(reply)}\n`);
    };
    const finish = (code: number, message?: string) => {
      if (message) send({ stderr: `${message}\n` });
      send({ exit: code });
      socket.end();
    };
    socket.setEncoding('utf8');
    socket.on('error', () => socket.destroy());
    socket.on('data', (chunk: string) => {
      if (started) return;
      buffer += chunk;
      if (buffer.length > MAX_REQUEST_BYTES) return finish(2, 'control request too large');
      const newline = buffer.indexOf('\n');
      if (newline === -1) return;
      started = true;
      const parsed = controlRequestSchema.safeParse(parseJson(buffer.slice(0, newline)));
      if (!parsed.success) return finish(2, 'malformed control request');
      const given = Buffer.from(parsed.data.token);
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
        options.logger.warn('control request with a wrong token refused');
        return finish(3, 'refused: wrong control token');
      }
      const io: CliIO = {
        stdout: (text) => send({ stdout: text }),
        stderr: (text) => send({ stderr: text }),
        cwd: parsed.data.cwd,
      };
      options.logger.info({ argv: parsed.data.argv.slice(0, 3) }, 'running a command for the CLI');
      options
        .run(parsed.data.argv, io)
        .then((code) => finish(code))
        .catch((error: unknown) => {
          options.logger.error({ err: error }, 'command from the CLI failed');
          finish(1, `The command failed inside the running bot: ${(error as Error).message}`);
        });
    });
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
