// `dondoc plan extract`: the command on its own, on an empty real database (no units known yet).
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerExtractCommand } from '../../src/cli/commands/extract.js';
import type { CliIO, CliRuntime } from '../../src/cli/runtime.js';
import { createConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { parsePlanText } from '../../src/plans/load.js';
import { testDatabase } from '../support/databases.js';

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
  const db = await testDatabase('pglite');
  const runtime: CliRuntime = {
    config: createConfig({}),
    logger: createLogger({ level: 'silent' }),
    now: () => new Date('2012-05-01T00:00:00Z'),
    withDatabase: (use) => use(db.database),
  };
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
    await (await testDatabase('pglite')).reset();
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

  it('prints JSON with --json (format dondoc-extract/2)', async () => {
    const { stdout } = await run([path.join(root, 'plans/sources/tra-vinh-15-KH-TU-2012.txt'), '--json'], root);
    const json = JSON.parse(stdout) as {
      format: string;
      plan: { code: string; certainty: Record<string, string>; implements: unknown[] };
      summary: { duties: number };
      duties: {
        source: { line: number; start: number; end: number };
        certainty: Record<string, string>;
        text: string;
      }[];
      units: { proposed: unknown[]; known: unknown[] };
      levels: { used: string[]; proposed: unknown[] };
      source: { text: string; format: string };
      draft: { format: string };
      problems: unknown[];
    };
    expect(json.format).toBe('dondoc-extract/2');
    expect(json.plan).toMatchObject({ code: '15-KH/TU', certainty: { code: 'high', issuedOn: 'high' } });
    expect(json.summary.duties).toBe(json.duties.length);
    expect(json.source.format).toBe('text');
    for (const duty of json.duties) {
      expect(Object.keys(duty.certainty).sort()).toEqual(['lead', 'ref', 'windows']);
      // The offsets point at the duty's text in the normalised text.
      const at = json.source.text.slice(duty.source.start, duty.source.end).replace(/\s+/g, ' ');
      expect(at.normalize('NFC').slice(0, 20)).toBe(duty.text.normalize('NFC').slice(0, 20));
    }
    expect(json.levels.used).toEqual(expect.arrayContaining(['district', 'grassroots', 'cell']));
    expect(json.draft.format).toBe('dondoc-plan/1');
    expect(json.problems).toEqual([]);
  });

  it("reads a web-copied People's Committee plan and names its units", async () => {
    const { stdout } = await run(
      [path.join(root, 'tests/fixtures/corpus/552-KH-UBND-192068354fd1ffe5.txt'), '--json'],
      root,
    );
    const json = JSON.parse(stdout) as {
      plan: { code: string; issuer: string };
      problems: unknown[];
      summary: { tableDuties: number };
    };
    expect(json.plan).toMatchObject({ code: '552/KH-UBND', issuer: 'Ủy ban nhân dân tỉnh Đồng Tháp' });
    expect(json.summary.tableDuties).toBe(19); // the appendix rows
    expect(json.problems).toEqual([]);
  });

  it('refuses a file that is too large before reading it, and a text that is not a plan', async () => {
    const big = path.join(dir, 'big.txt');
    await writeFile(big, Buffer.alloc(50 * 1024 * 1024, 0x41));
    await expect(run([big], dir)).rejects.toThrow(/50 MB; at most 20 MB/);
    const mail = path.join(dir, 'mail.txt');
    await writeFile(mail, 'Kính gửi anh chị,\n\nCuộc họp dời sang thứ Năm.\n');
    await expect(run([mail], dir)).rejects.toThrow(/does not read as an implementation plan/);
  });

  it('explains a missing file', async () => {
    await expect(run(['nope.txt'], dir)).rejects.toThrow(/no such file/);
  });
});
