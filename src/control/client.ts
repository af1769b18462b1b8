// The CLI's side of the control socket: sends a command line to the running bot and relays its output.
import net from 'node:net';
import type { CliIO } from '../cli/runtime.js';
import { controlReplySchema } from './protocol.js';

/** Nobody listens on the control socket: no bot runs on this data folder (or it just stopped). */
export class InstanceUnreachableError extends Error {
  override name = 'InstanceUnreachableError';
}

export function runThroughInstance(address: string, token: string, argv: string[], io: CliIO): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(address);
    let buffer = '';
    let exitCode: number | undefined;
    let connected = false;
    socket.setEncoding('utf8');
    socket.once('connect', () => {
      connected = true;
      socket.write(`${JSON.stringify({ token, argv, cwd: io.cwd })}\n`);
    });
    socket.on('data', (chunk: string) => {
      buffer += chunk;
      for (let newline = buffer.indexOf('\n'); newline !== -1; newline = buffer.indexOf('\n')) {
        const line = buffer.slice(0, newline);
        buffer = buffer.slice(newline + 1);
        const reply = controlReplySchema.safeParse(safeJson(line));
        if (!reply.success) continue;
        if ('stdout' in reply.data) io.stdout(reply.data.stdout);
        else if ('stderr' in reply.data) io.stderr(reply.data.stderr);
        else exitCode = reply.data.exit;
      }
    });
    socket.once('error', (error) =>
      reject(
        connected
          ? new Error(`Lost the running dondoc: ${error.message}`, { cause: error })
          : new InstanceUnreachableError(`Cannot reach a running dondoc: ${error.message}`, { cause: error }),
      ),
    );
    socket.once('close', () => {
      if (exitCode === undefined) reject(new Error('The running dondoc closed the connection before answering'));
      else resolve(exitCode);
    });
  });
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
