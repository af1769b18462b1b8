// `dondoc chat` as a user meets it: a real process driven through its stdin and stdout.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunResult, runDondoc, runDondocWithInput } from '../support/processes.js';

/** Runs `dondoc chat` with the given lines on stdin, one after another, and returns everything it printed. */
function chat(args: string[], lines: string[], env: Record<string, string>, cwd: string): Promise<RunResult> {
  return runDondocWithInput(['chat', ...args], `${lines.join('\n')}\n`, env, cwd);
}

describe('dondoc chat', () => {
  let dir: string;
  let env: Record<string, string>;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'dondoc-chat-'));
    env = { DONDOC_DATA_DIR: path.join(dir, 'data'), DONDOC_SEED_DEMO: 'true' };
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  // Each process opens the embedded database (and the first one seeds it), so the steps share processes.
  it('refuses before registration, then registers with a typed code and reports through numbered choices', async () => {
    // The first chat seeds the demo plan on the fresh folder, and finds the console user unregistered.
    const first = await chat([], ['việc gì đến hạn tháng 9/2012?'], env, dir);
    expect(first.stdout).toContain('Bạn chưa đăng ký');
    expect(first.stdout).not.toContain('Việc đến hạn');
    const invite = await runDondoc(['invite', 'create', '--unit', 'TU-UBKT', '--json'], env, dir);
    expect(invite.stderr).toBe('');
    const { code } = JSON.parse(invite.stdout) as { code: string };
    const session = await chat(
      [],
      [
        'việc gì đến hạn tháng 9/2012?',
        code,
        'việc gì đến hạn tháng 9/2012?',
        '1',
        '1',
        'Đã trình Ban Thường vụ',
        '/baocao',
      ],
      env,
      dir,
    );
    expect(session.code).toBe(0);
    const [refused = '', registered = ''] = session.stdout.split('Đăng ký thành công');
    expect(refused).toContain('Bạn chưa đăng ký');
    expect(refused).not.toContain('Việc đến hạn');
    expect(registered).toContain('Việc đến hạn tháng 9/2012 (7)');
    expect(registered).toMatch(/1\. ✅ Hoàn thành\n2\. ⏳ Đang làm\n3\. ⚠️ Vướng mắc/);
    expect(registered).toContain('Đã ghi nhận: Ủy ban Kiểm tra — hoàn thành');
    expect(registered).toContain('Đã lưu ghi chú');
  }, 180_000);

  it('acts as an existing official with --as <id>, and explains bad --as values', async () => {
    const session = await chat(['--as', '1'], ['/caidat'], env, dir);
    expect(session.stdout).toContain('Cài đặt');
    const bad = await chat(['--as', 'nobody'], [], env, dir);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('--as takes an official id');
    const missing = await chat(['--as', '999'], [], env, dir);
    expect(missing.stderr).toContain('No official with id 999');
  }, 180_000);
});
