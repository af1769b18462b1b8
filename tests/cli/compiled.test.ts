// The production program: compiled JavaScript in dist/ run by bin/dondoc.js, and large answers intact through a pipe.

import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DONDOC_BIN, runDondoc } from '../support/processes.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const PLAN_TEXT = path.join(ROOT, 'plans/sources/tra-vinh-15-KH-TU-2012.txt');
let cwd: string;

beforeAll(async () => {
  cwd = await mkdtemp(path.join(os.tmpdir(), 'dondoc-compiled-'));
});
afterAll(async () => {
  await rm(cwd, { recursive: true, force: true });
});

describe('the compiled dondoc', () => {
  it('runs from dist/ without a TypeScript loader', async () => {
    const bin = readFileSync(DONDOC_BIN, 'utf8');
    expect(bin).toContain("import('../dist/src/main.js')");
    expect(bin).not.toMatch(/tsx/);
    const help = await runDondoc(['--help'], {}, cwd);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: dondoc');
    expect(existsSync(path.join(ROOT, 'dist/src/main.js'))).toBe(true);
    expect(existsSync(path.join(ROOT, 'dist/handlers/conversation.js'))).toBe(true);
  });

  it('writes a large --json answer whole into a pipe read slowly, before it exits', async () => {
    // The reader starts a second late, as `| jq` on a busy machine may: the pipe's 64 KiB fill up first.
    const child = spawn(process.execPath, [DONDOC_BIN, 'plan', 'extract', PLAN_TEXT, '--json'], {
      cwd,
      env: {
        PATH: process.env.PATH,
        LOG_LEVEL: 'warn',
        DONDOC_CONSOLE: 'false',
        DONDOC_DATA_DIR: path.join(cwd, 'data'),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.pause();
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    await new Promise((resolve) => setTimeout(resolve, 1000));
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stdout.resume();
    await new Promise((resolve) => child.once('close', resolve));
    const result = { code: await exited, stdout, stderr };
    expect(result.code, result.stderr).toBe(0);
    // More than a pipe's 64 KiB buffer: an exit before stdout drained cut it there.
    expect(result.stdout.length).toBeGreaterThan(65_536);
    expect(() => JSON.parse(result.stdout)).not.toThrow();
  });
});
