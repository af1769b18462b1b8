// Bad configuration, files and databases: one clear message, a non-zero exit, never a bare stack trace.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildProgram, runCli } from '../../src/cli/program.js';
import { createConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
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
    const result = await runDondoc(
      ['plan', 'list'],
      { HTTP_PORT: 'eighty', TZ_DEFAULT: 'Asia/Atlantis', TELEGRAM_MODE: 'hook' },
      cwd,
    );
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
    const result = await runDondoc(
      ['plan', 'list'],
      { DATABASE_URL: 'postgresql://postgres:pw@127.0.0.1:1/nowhere' },
      cwd,
    );
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
    await writeFile(
      bad,
      (await text).replace('issuedOn: 2012-04-04', 'issuedOn: 2012-02-30').replace('lead: [TT-BTG]', 'lead: [TT-NOPE]'),
    );
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

  it('has --help on every command and subcommand', async () => {
    // The real executable once; then every command of the program in process (a process each would take minutes).
    const executable = await runDondoc(['--help'], {}, cwd);
    expect(executable.code).toBe(0);
    expect(executable.stdout).toMatch(/^Usage: dondoc/);
    const runtime = {
      config: createConfig({}),
      now: () => new Date(),
      logger: createLogger({ level: 'silent' }),
      withDatabase: () => Promise.reject(new Error('help needs no database')),
    };
    const paths: string[][] = [];
    const walk = (command: Command, path: string[]) => {
      for (const sub of command.commands) {
        paths.push([...path, sub.name()]);
        walk(sub, [...path, sub.name()]);
      }
    };
    walk(buildProgram({ stdout: () => undefined, stderr: () => undefined, cwd }, runtime), []);
    expect(paths.length).toBeGreaterThan(25);
    for (const path of paths) {
      let out = '';
      const code = await runCli(
        [...path, '--help'],
        { stdout: (text) => (out += text), stderr: (text) => (out += text), cwd },
        runtime,
      );
      expect(code, path.join(' ')).toBe(0);
      expect(out, path.join(' ')).toMatch(new RegExp(`^Usage: dondoc ${path.join(' ')}`));
    }
  });
});
