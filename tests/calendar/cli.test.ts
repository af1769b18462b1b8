// `dondoc calendar create/list/revoke` as an operator runs them: real processes on an embedded data folder, the
// addresses fetched from the running bot's HTTP server, and the console's /lich with its loopback address.
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningBot, runDondoc, runDondocWithInput, startBot } from '../support/processes.js';

const TOKEN_URL = /(https?:\/\/[^\s/]+\/lich\.ics\?k=([A-Za-z0-9_-]{43}))/;

/** A port nothing listens on now, for the bot and the addresses to agree on before it starts. */
async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('dondoc calendar', () => {
  let dir: string;
  let bot: RunningBot | undefined;
  let env: Record<string, string>;
  let port: number;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'dondoc-calendar-'));
    port = await freePort();
    env = { DONDOC_DATA_DIR: path.join(dir, 'data'), HTTP_PORT: String(port) };
  });
  afterAll(async () => {
    if (bot) {
      bot.child.kill('SIGTERM');
      await bot.exited;
    }
    await rm(dir, { recursive: true, force: true });
  });

  it('creates, lists and revokes addresses that the running bot serves', async () => {
    const imported = await runDondoc(['plan', 'import', path.resolve('tests/fixtures/small-plan.yaml')], env, dir);
    expect(imported.stderr).toBe('');
    // An admin registers in the console, whose /lich gives the loopback address (no PUBLIC_BASE_URL there).
    const invite = await runDondoc(['invite', 'create', '--unit', 'TT', '--role', 'admin', '--json'], env, dir);
    expect(invite.stderr).toBe('');
    const { code } = JSON.parse(invite.stdout) as { code: string };
    const session = await runDondocWithInput(['chat'], `${code}\n/lich\n`, env, dir);
    expect(session.code).toBe(0);
    expect(session.stdout).toContain('chỉ mở được trên chính máy chạy dondoc');
    const consoleUrl = session.stdout.match(TOKEN_URL)?.[1];
    expect(consoleUrl).toMatch(new RegExp(`^http://localhost:${port}/lich\\.ics\\?k=`));

    const served = { ...env, PUBLIC_BASE_URL: `http://127.0.0.1:${port}` };
    bot = await startBot(served, dir);
    expect((await fetch(consoleUrl!)).status).toBe(200);

    const created = await runDondoc(['calendar', 'create', '--unit', 'TT-BTG'], served, dir);
    expect(created.stderr).toBe('');
    expect(created.code).toBe(0);
    const [, firstUrl = '', firstToken = ''] = created.stdout.match(TOKEN_URL) ?? [];
    expect(firstUrl.startsWith(`http://127.0.0.1:${port}/lich.ics?k=`)).toBe(true);
    expect(created.stdout).toMatch(/calendar \d+ of TT-BTG for official 1; shown once/);
    const response = await fetch(firstUrl);
    expect(response.status).toBe(200);
    const calendar = new ICAL.Component(ICAL.parse(await response.text()));
    expect(String(calendar.getFirstPropertyValue('x-wr-calname'))).toBe('Ban Tuyên giáo Tỉnh ủy');
    expect(calendar.getAllSubcomponents('vevent').length).toBeGreaterThan(0);

    const replaced = await runDondoc(['calendar', 'create', '--unit', 'TT-BTG'], served, dir);
    const secondUrl = replaced.stdout.match(TOKEN_URL)?.[1] ?? '';
    expect(replaced.stdout).toMatch(/It replaces calendar \d+\./);
    expect((await fetch(firstUrl)).status).toBe(404);
    expect((await fetch(secondUrl)).status).toBe(200);

    const listed = await runDondoc(['calendar', 'list'], served, dir);
    const live = listed.stdout.trim().split('\n');
    expect(live).toHaveLength(2);
    expect(live.every((line) => /^\d+\t(TT-BTG|TT)\t.+ \(#1\)\tlive\tcreated /.test(line))).toBe(true);
    // The console's address was fetched above, so the list says when; it never shows an address.
    expect(live.find((line) => line.includes('\tTT\t'))).toMatch(/\tlast fetched \d{4}-\d{2}-\d{2}T/);
    expect(listed.stdout).not.toContain('lich.ics');
    expect(listed.stdout).not.toContain(firstToken);
    expect((await runDondoc(['calendar', 'list', '--all'], served, dir)).stdout).toMatch(/\tTT-BTG\t.*\trevoked /);

    const btgId = live.find((line) => line.includes('\tTT-BTG\t'))!.split('\t')[0]!;
    expect((await runDondoc(['calendar', 'revoke', btgId], served, dir)).stdout).toBe(
      'Revoked 1 calendar address(es).\n',
    );
    expect((await fetch(secondUrl)).status).toBe(404);
    expect((await runDondoc(['calendar', 'revoke', '--unit', 'TT'], served, dir)).stdout).toBe(
      'Revoked 1 calendar address(es).\n',
    );
    expect((await fetch(consoleUrl!)).status).toBe(404);
    expect((await runDondoc(['calendar', 'list'], served, dir)).stdout).toBe('No calendar addresses.\n');

    // The bot's own log never carries an address.
    expect(bot.output()).not.toContain(firstToken);
    expect(bot.output()).not.toContain('lich.ics?k=');
  }, 180_000);

  it('names what is wrong with a request', async () => {
    const served = { ...env, PUBLIC_BASE_URL: `http://127.0.0.1:${port}` };
    const nobody = await runDondoc(['calendar', 'create', '--unit', 'TT-BTG', '--official', '999'], served, dir);
    expect(nobody.code).toBe(1);
    expect(nobody.stderr).toContain('Official 999 may not have the calendar of TT-BTG');
    const unknown = await runDondoc(['calendar', 'create', '--unit', 'NO-SUCH'], served, dir);
    expect(unknown).toMatchObject({ code: 1, stderr: 'No unit "NO-SUCH". See: dondoc units\n' });
    const both = await runDondoc(['calendar', 'revoke', '1', '--unit', 'TT'], served, dir);
    expect(both).toMatchObject({ code: 1, stderr: 'Name one calendar number, or --unit <code>\n' });
  }, 60_000);
});
