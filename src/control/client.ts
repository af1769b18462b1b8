// The CLI's side of the control socket: sends a command line to the running bot and relays its output.
import net from 'node:net';
import type { CliIO } from '../cli/runtime.js';
import { controlReplySchema } from './protocol.js';

export function runThroughInstance(address: string, token: string, argv: string[], io: CliIO): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(address);
    let buffer = '';
    let exitCode: number | undefined;
    socket.setEncoding('utf8');
    socket.once('connect', () => socket.write(`${JSON.stringify({ token, argv, cwd: io.cwd })}\n`));
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
      reject(new Error(`Cannot reach the running dondoc: ${error.message}`, { cause: error })),
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
