// The exclusive lock on an embedded data folder: one process opens PGlite, every other one talks to it.
//
// PGlite has no cross-process locking, and two processes writing one folder corrupt it. The lock is a
// listening Unix socket: on Linux in the abstract namespace (named after the folder's real path), which
// the kernel releases when the holder dies, so a crash never leaves a stale lock behind. Elsewhere it
// is a socket file in the folder; a file nobody answers on is stale and is replaced.
import { createHash, randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, realpath, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export interface InstanceInfo {
  pid: number;
  hostname: string;
  startedAt: string;
  /** Where the control socket listens (informational; clients derive it from the folder). */
  socket: string;
}

export interface DataDirLock {
  readonly dataDir: string;
  readonly socketAddress: string;
  /** Routes connections from other dondoc processes (the CLI) to the running instance. */
  serve(onConnection: (socket: net.Socket) => void): void;
  /** The secret a client must present; readable only by the user who runs dondoc. */
  readonly controlToken: string;
  release(): Promise<void>;
}

export type LockResult = { acquired: true; lock: DataDirLock } | { acquired: false; holder: InstanceInfo | undefined };

export class DataDirError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DataDirError';
  }
}

const INSTANCE_FILE = 'instance.json';
const TOKEN_FILE = 'control.token';

/** Creates the folder if needed and proves it is writable, with a message that names the folder. */
export async function ensureWritableDir(dir: string): Promise<string> {
  try {
    await mkdir(dir, { recursive: true });
    const probe = path.join(dir, `.write-test-${process.pid}`);
    await writeFile(probe, '');
    await rm(probe);
    return await realpath(dir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    throw new DataDirError(
      `The data folder ${dir} is not writable (${code}). Set DONDOC_DATA_DIR to a folder dondoc may write to.`,
      {
        cause: error,
      },
    );
  }
}

/** The address of a data folder's control socket, the same for every process on this machine. */
export async function controlSocketAddress(dataDir: string): Promise<string> {
  const real = await realpath(dataDir).catch(() => path.resolve(dataDir));
  if (process.platform === 'linux') {
    const digest = createHash('sha256').update(real).digest('hex').slice(0, 32);
    return `\0dondoc-${digest}`;
  }
  return path.join(real, '.dondoc.sock');
}

export async function acquireDataDirLock(dataDir: string): Promise<LockResult> {
  const dir = await ensureWritableDir(dataDir);
  const address = await controlSocketAddress(dir);
  let handler: ((socket: net.Socket) => void) | undefined;
  const server = net.createServer((socket) => {
    if (handler) handler(socket);
    else socket.destroy();
  });

  const listen = () =>
    new Promise<boolean>((resolve, reject) => {
      const onError = (error: NodeJS.ErrnoException) => {
        server.off('listening', onListening);
        if (error.code === 'EADDRINUSE') resolve(false);
        else reject(new DataDirError(`Cannot lock the data folder ${dir}: ${error.message}`, { cause: error }));
      };
      const onListening = () => {
        server.off('error', onError);
        resolve(true);
      };
      server.once('error', onError);
      server.once('listening', onListening);
      server.listen(address);
    });

  let listening = await listen();
  if (!listening && !address.startsWith('\0') && !(await isAnswering(address))) {
    // A socket file left by a crashed process: nobody answers, so it is safe to take over.
    await rm(address, { force: true });
    listening = await listen();
  }
  if (!listening) return { acquired: false, holder: await readInstanceInfo(dir) };

  const controlToken = randomBytes(24).toString('base64url');
  const tokenPath = path.join(dir, TOKEN_FILE);
  await writeFile(tokenPath, controlToken, { mode: 0o600 });
  await chmod(tokenPath, 0o600);
  const info: InstanceInfo = {
    pid: process.pid,
    hostname: os.hostname(),
    startedAt: new Date().toISOString(),
    socket: address.startsWith('\0') ? `@${address.slice(1)}` : address,
  };
  await writeFile(path.join(dir, INSTANCE_FILE), `${JSON.stringify(info, null, 2)}\n`);

  let released = false;
  return {
    acquired: true,
    lock: {
      dataDir: dir,
      socketAddress: address,
      controlToken,
      serve(onConnection) {
        handler = onConnection;
      },
      async release() {
        if (released) return;
        released = true;
        await rm(path.join(dir, INSTANCE_FILE), { force: true });
        await rm(tokenPath, { force: true });
        await new Promise<void>((resolve) => server.close(() => resolve()));
      },
    },
  };
}

export async function readInstanceInfo(dataDir: string): Promise<InstanceInfo | undefined> {
  try {
    return JSON.parse(await readFile(path.join(dataDir, INSTANCE_FILE), 'utf8')) as InstanceInfo;
  } catch {
    return undefined;
  }
}

export async function readControlToken(dataDir: string): Promise<string> {
  try {
    return (await readFile(path.join(dataDir, TOKEN_FILE), 'utf8')).trim();
  } catch (error) {
    throw new DataDirError(
      `dondoc is running on ${dataDir}, but its control token cannot be read (${(error as NodeJS.ErrnoException).code}): run the command as the same user as the bot.`,
      { cause: error },
    );
  }
}

function isAnswering(address: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(address);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
