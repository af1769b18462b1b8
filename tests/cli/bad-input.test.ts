// Bad configuration, files and databases: one clear message, a non-zero exit, never a bare stack trace.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDondoc } from '../support/processes.js';

const fixture = fileURLToPath(new URL('../fixtures/small-plan.yaml', import.meta.url));
let cwd: string;

beforeAll(async () => {
  cwd = await mkdtemp(path.join(os.tmpdir(), 'dondoc-bad-'));
});
afterAll(async () => {
  await rm(cwd, { recursive: true, force: true });
});

const noStack = (text: string) => expect(text).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);

describe('bad input to the dondoc command', () => {
  it('lists every invalid setting and exits 2', async () => {
    const result = await runDondoc(['plan', 'list'], { HTTP_PORT: 'eighty', TZ_DEFAULT: 'Asia/Atlantis', TELEGRAM_MODE: 'hook' }, cwd);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Invalid configuration (3 problems)');
    for (const name of ['HTTP_PORT', 'TZ_DEFAULT', 'TELEGRAM_MODE']) expect(result.stderr).toContain(name);
    noStack(result.stderr);
  });

  it('reads settings from .env in the working folder', async () => {
    const dir = await mkdtemp(path.join(cwd, 'env-'));
    await writeFile(path.join(dir, '.env'), 'TZ_DEFAULT=Mars/Base\n');
    const result = await runDondoc(['plan', 'list'], {}, dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('TZ_DEFAULT');
  });

  it('names an unreachable DATABASE_URL and exits 1', async () => {
    const result = await runDondoc(['plan', 'list'], { DATABASE_URL: 'postgresql://postgres:pw@127.0.0.1:1/nowhere' }, cwd);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^Cannot connect to PostgreSQL at 127\.0\.0\.1:1\/nowhere: .*ECONNREFUSED/);
    expect(result.stderr).not.toContain('pw');
    noStack(result.stderr);
  });

  it('names a data folder that cannot be written and exits 1', async () => {
    const file = path.join(cwd, 'a-file');
    await writeFile(file, '');
    const result = await runDondoc(['plan', 'list'], { DONDOC_DATA_DIR: path.join(file, 'data') }, cwd);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/The data folder .*a-file\/data is not writable \(ENOTDIR\)\. Set DONDOC_DATA_DIR/);
    noStack(result.stderr);
  });

  it('rejects an invalid plan file with its problems and imports nothing', async () => {
    const dataDir = path.join(cwd, 'data-invalid');
    const bad = path.join(cwd, 'bad.yaml');
    const text = (await import('node:fs/promises')).readFile(fixture, 'utf8');
    await writeFile(bad, (await text).replace('issuedOn: 2012-04-04', 'issuedOn: 2012-02-30').replace('lead: [TT-BTG]', 'lead: [TT-NOPE]'));
    const result = await runDondoc(['plan', 'import', bad], { DONDOC_DATA_DIR: dataDir }, cwd);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('bad.yaml:8 plan.issuedOn: "2012-02-30" is not a calendar date');
    noStack(result.stderr);
    const listed = await runDondoc(['plan', 'list'], { DONDOC_DATA_DIR: dataDir }, cwd);
    expect(listed.stdout).toContain('No plans yet');
  });

  it('explains unknown commands and missing arguments', async () => {
    const unknown = await runDondoc(['plna', 'list'], {}, cwd);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain("unknown command 'plna'");
    const missing = await runDondoc(['plan', 'import'], {}, cwd);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("missing required argument 'file'");
    const noFile = await runDondoc(['plan', 'import', 'nope.yaml'], { DONDOC_DATA_DIR: path.join(cwd, 'd2') }, cwd);
    expect(noFile).toMatchObject({ code: 1, stderr: 'Cannot read plan file nope.yaml: no such file\n' });
  });

  it('has --help on every subcommand', async () => {
    for (const command of [[], ['plan'], ['plan', 'import'], ['plan', 'list'], ['plan', 'show'], ['migrate'], ['occurrences'], ['units'], ['start']]) {
      const result = await runDondoc([...command, '--help'], {}, cwd);
      expect(result.code, command.join(' ')).toBe(0);
      expect(result.stdout).toMatch(/^Usage: dondoc/);
    }
  });
});
