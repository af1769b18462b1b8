// One process owns an embedded data folder; every other dondoc command goes through it, never opens it twice.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { acquireDataDirLock, readInstanceInfo } from '../../src/db/data-dir-lock.js';
import { type RunningBot, runDondoc, startBot } from '../support/processes.js';

const fixture = fileURLToPath(new URL('../fixtures/small-plan.yaml', import.meta.url));
const folders: string[] = [];
const bots: RunningBot[] = [];

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'dondoc-test-'));
  folders.push(dir);
  return dir;
}

afterEach(async () => {
  for (const bot of bots.splice(0)) {
    bot.child.kill('SIGKILL');
    await bot.exited;
  }
  for (const dir of folders.splice(0)) await rm(dir, { recursive: true, force: true });
});

describe('the data-folder lock', () => {
  it('is held by one holder at a time and released on request', async () => {
    const dir = await tempDir();
    const first = await acquireDataDirLock(dir);
    expect(first.acquired).toBe(true);
    const second = await acquireDataDirLock(dir);
    expect(second).toMatchObject({ acquired: false, holder: { pid: process.pid } });
    if (first.acquired) await first.lock.release();
    expect(await readInstanceInfo(dir)).toBeUndefined();
    const third = await acquireDataDirLock(dir);
    expect(third.acquired).toBe(true);
    if (third.acquired) await third.lock.release();
  });

  it('reports a data folder that cannot be written, by name', async () => {
    const dir = await tempDir();
    const file = path.join(dir, 'not-a-folder');
    await import('node:fs/promises').then((fs) => fs.writeFile(file, ''));
    await expect(acquireDataDirLock(path.join(file, 'data'))).rejects.toThrow(
      /The data folder .*not-a-folder\/data is not writable \(ENOTDIR\)/,
    );
  });
});

describe('dondoc commands while the bot runs on the embedded database', () => {
  it('go through the running bot, and a second bot is refused', async () => {
    const cwd = await tempDir();
    const env = { DONDOC_DATA_DIR: path.join(cwd, 'data') };
    const bot = await startBot(env, cwd);
    bots.push(bot);

    const imported = await runDondoc(['plan', 'import', fixture], env, cwd);
    expect(imported.stderr).toBe('');
    expect(imported.stdout).toContain('Imported plan 7-KH/TEST: created');
    expect(imported.code).toBe(0);
    expect(bot.output()).toContain('running a command for the CLI');

    const listed = await runDondoc(['plan', 'list'], env, cwd);
    expect(listed.stdout).toContain('7-KH/TEST');

    const failing = await runDondoc(['plan', 'show', 'NO-SUCH'], env, cwd);
    expect(failing).toMatchObject({ code: 1, stderr: 'No plan with code "NO-SUCH". See: dondoc plan list\n' });

    const second = await runDondoc(['start'], env, cwd);
    expect(second.code).toBe(1);
    expect(second.stderr).toMatch(/dondoc is already running on this data folder \(pid \d+/);

    // The instance advertises itself in the folder; its control token is private to its user.
    const info = JSON.parse(await readFile(path.join(env.DONDOC_DATA_DIR, 'instance.json'), 'utf8'));
    expect(info.pid).toBe(bot.child.pid);

    bot.child.kill('SIGTERM');
    expect(await bot.exited).toBe(0);
    bots.pop();
    // Stopped: the next command opens the folder itself and finds the data persisted.
    const after = await runDondoc(['plan', 'list'], env, cwd);
    expect(after.stdout).toContain('7-KH/TEST');
  });

  it('recovers the folder after the bot is killed outright', async () => {
    const cwd = await tempDir();
    const env = { DONDOC_DATA_DIR: path.join(cwd, 'data') };
    const bot = await startBot(env, cwd);
    bot.child.kill('SIGKILL');
    await bot.exited;
    const listed = await runDondoc(['plan', 'list'], env, cwd);
    expect(listed).toMatchObject({ code: 0, stdout: 'No plans yet. Import one with: dondoc plan import <file>\n' });
  });

  it('refuses a forged control request', async () => {
    const cwd = await tempDir();
    const env = { DONDOC_DATA_DIR: path.join(cwd, 'data') };
    const bot = await startBot(env, cwd);
    bots.push(bot);
    const { controlSocketAddress } = await import('../../src/db/data-dir-lock.js');
    const { runThroughInstance } = await import('../../src/control/client.js');
    let stderr = '';
    const code = await runThroughInstance(
      await controlSocketAddress(env.DONDOC_DATA_DIR),
      'wrong-token',
      ['plan', 'list'],
      {
        stdout: () => undefined,
        stderr: (text) => (stderr += text),
        cwd,
      },
    );
    expect(code).toBe(3);
    expect(stderr).toContain('refused');
  });
});
