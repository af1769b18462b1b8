// Where log lines go: JSON or readable lines on stderr, and a file while the console chat holds the terminal.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DONDOC_BIN, runDondoc } from '../support/processes.js';
import { waitUntil } from '../support/wait.js';

let cwd: string;
beforeAll(async () => {
  cwd = await mkdtemp(path.join(os.tmpdir(), 'dondoc-logs-'));
});
afterAll(async () => {
  await rm(cwd, { recursive: true, force: true });
});

describe('log output', () => {
  it('writes JSON lines, or readable ones when asked', async () => {
    const json = await runDondoc(['plan', 'list'], { LOG_LEVEL: 'info', DONDOC_DATA_DIR: path.join(cwd, 'a') }, cwd);
    const line = json.stderr.split('\n').find((l) => l.includes('applied database migrations')) ?? '';
    expect(JSON.parse(line)).toMatchObject({ level: 'info', msg: 'applied database migrations' });

    const pretty = await runDondoc(
      ['plan', 'list'],
      { LOG_LEVEL: 'info', LOG_FORMAT: 'pretty', DONDOC_DATA_DIR: path.join(cwd, 'b') },
      cwd,
    );
    expect(pretty.stderr).toMatch(/^\[\d\d:\d\d:\d\d\] INFO: applied database migrations/m);
    expect(pretty.stderr).not.toContain('"level"');
  });

  it('keeps log lines out of the console chat: they go to dondoc.log in the data folder', async () => {
    const dataDir = path.join(cwd, 'console');
    const child = spawn(process.execPath, [DONDOC_BIN, 'start'], {
      cwd,
      env: {
        PATH: process.env.PATH,
        LOG_LEVEL: 'info',
        DONDOC_CONSOLE: 'true',
        DONDOC_SEED_DEMO: 'false',
        HTTP_PORT: '0',
        DONDOC_DATA_DIR: dataDir,
      },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    const closed = new Promise((resolve) => child.once('close', resolve));
    try {
      const logFile = path.join(dataDir, 'dondoc.log');
      await waitUntil(() => existsSync(logFile) && readFileSync(logFile, 'utf8').includes('dondoc is running'), {
        timeoutMs: 30_000,
      });
      child.stdin.write('xin chao\n');
      await waitUntil(() => stdout.includes('đăng ký'), { timeoutMs: 20_000 });
      expect(stderr).toContain(`Logs: ${logFile}`);
      expect(stdout).not.toContain('"level"');
      expect(stderr).not.toContain('"level"');
    } finally {
      child.kill('SIGTERM');
      await closed;
    }
  });
});
