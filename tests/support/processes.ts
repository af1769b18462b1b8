// Runs the real `dondoc` executable in child processes, as an operator would.
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const DONDOC_BIN = fileURLToPath(new URL('../../bin/dondoc.js', import.meta.url));

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

const quietEnv = { LOG_LEVEL: 'warn', DONDOC_SEED_DEMO: 'false', DONDOC_CONSOLE: 'false', HTTP_PORT: '0' };

/** The environment of a child: only what the test gives, so the developer's own settings never leak in. */
function childEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH, HOME: process.env.HOME, ...quietEnv, ...env };
}

export function runDondoc(args: string[], env: Record<string, string>, cwd: string): Promise<RunResult> {
  return run(args, env, cwd, undefined);
}

/** Runs `dondoc` with `input` written to its stdin (then closed), as when a user types into it or pipes a file. */
export function runDondocWithInput(
  args: string[],
  input: string,
  env: Record<string, string>,
  cwd: string,
): Promise<RunResult> {
  return run(args, env, cwd, input);
}

function run(args: string[], env: Record<string, string>, cwd: string, input: string | undefined): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [DONDOC_BIN, ...args], {
      cwd,
      env: childEnv(env),
      stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    // Piped above, so never null.
    child.stdout!.on('data', (chunk) => (stdout += chunk));
    child.stderr!.on('data', (chunk) => (stderr += chunk));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
    if (input !== undefined) child.stdin?.end(input);
  });
}

export interface RunningBot {
  child: ChildProcess;
  output(): string;
  /** Resolves with the exit code. */
  exited: Promise<number | null>;
}

/** Starts `dondoc start` and resolves once it logs that it is running. */
export function startBot(env: Record<string, string>, cwd: string): Promise<RunningBot> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [DONDOC_BIN, 'start'], {
      cwd,
      env: childEnv({ ...env, LOG_LEVEL: 'info' }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const exited = new Promise<number | null>((done) => child.once('close', (code) => done(code)));
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('dondoc is running')) resolve({ child, output: () => output, exited });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    void exited.then((code) => reject(new Error(`dondoc exited (${code}) before it was running:\n${output}`)));
  });
}
