// `dondoc plan extract`: the command on its own, with a stand-in database that knows no units.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerExtractCommand } from '../../src/cli/commands/extract.js';
import type { CliIO, CliRuntime } from '../../src/cli/runtime.js';
import { parsePlanText } from '../../src/plans/load.js';

const root = path.resolve(import.meta.dirname, '../..');

async function run(args: string[], cwd: string) {
  let stdout = '';
  let stderr = '';
  const io: CliIO = {
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
    cwd,
  };
  const runtime = {
    now: () => new Date('2012-05-01T00:00:00Z'),
    withDatabase: async <T>(use: (database: never) => Promise<T>) =>
      use({ prisma: { unit: { findMany: async () => [] } } } as never),
  } as unknown as CliRuntime;
  const program = new Command().exitOverride();
  const plan = program.command('plan');
  registerExtractCommand(plan, io, runtime);
  await program.parseAsync(['node', 'dondoc', 'plan', 'extract', ...args]);
  return { stdout, stderr };
}

describe('dondoc plan extract', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'dondoc-extract-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes the draft to --out and prints the summary', async () => {
    const out = path.join(dir, 'draft.yaml');
    const { stdout } = await run([path.join(root, 'plans/sources/tra-vinh-15-KH-TU-2012.txt'), '--out', out], root);
    expect(stdout).toMatch(/Plan 15-KH\/TU — Tỉnh ủy Trà Vinh, Trà Vinh, 2012-04-04/);
    expect(stdout).toMatch(/found \d+ duties/);
    expect(stdout).toMatch(/the draft validates/);
    const draft = parsePlanText(await readFile(out, 'utf8'), out, new Set());
    expect(draft.plan.code).toBe('15-KH/TU');
  });

  it('prints JSON with --json', async () => {
    const { stdout } = await run([path.join(root, 'plans/sources/tra-vinh-15-KH-TU-2012.txt'), '--json'], root);
    const json = JSON.parse(stdout) as {
      summary: { duties: number };
      duties: unknown[];
      uncertain: unknown[];
      units: unknown[];
      problems: unknown[];
    };
    expect(json.summary.duties).toBe(json.duties.length);
    expect(json.problems).toEqual([]);
  });

  it('explains a missing file', async () => {
    await expect(run(['nope.txt'], dir)).rejects.toThrow(/no such file/);
  });
});
