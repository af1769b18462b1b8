// Every command whose help offers --json prints JSON with it, and nothing else, against a small database.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildProgram, runCli } from '../../src/cli/program.js';
import type { CliRuntime } from '../../src/cli/runtime.js';
import { createConfig } from '../../src/config.js';
import { queueBroadcast } from '../../src/db/broadcasts.js';
import { createLogger } from '../../src/logger.js';
import { seedDemoPlan } from '../../src/seed.js';
import { type TestDatabase, testDatabase } from '../support/databases.js';

const NOW = new Date('2012-08-20T03:00:00Z');
const PLAN = path.resolve('tests/fixtures/small-plan.yaml');
const TEXT = path.resolve('tests/fixtures/corpus/153-KH-UBND-24c7124ec6b2bf61.txt');

/** The arguments each --json command needs besides --json; a new --json command without an entry fails the test. */
function argumentsFor(dir: string, broadcastId: number, adminId: number): Record<string, string[]> {
  return {
    occurrences: ['--from', '2012-08-01', '--to', '2012-08-31'],
    units: [],
    'plan extract': [TEXT, '--out', path.join(dir, 'draft.yaml')],
    'plan import': [PLAN],
    'plan list': [],
    'plan show': ['15-KH/TU'],
    ask: ['--as-of', '2012-08-20', 'việc', 'gì', 'đến', 'hạn', 'tháng', '9/2012?'],
    'invite create': ['--unit', 'TU-BTG'],
    'invite list': [],
    officials: [],
    'reminders preview': ['--from', '2012-08-20', '--to', '2012-08-31'],
    'reminders status': [],
    'report stats': ['--plan', '15-KH/TU', '--from', '2012-08-01', '--to', '2012-12-31'],
    'reminders policy show': [],
    broadcast: ['--to', 'all', '--dry-run'],
    'broadcast status': [String(broadcastId)],
    'broadcast list': [],
    undelivered: [],
    'groups list': [],
    'admin link': ['--official', String(adminId)],
    'admin sessions': [],
    'db backup': [path.join(dir, 'backup.jsonl.gz')],
    // The backup just written, put back: the same data, so the commands after it see what they expect.
    'db restore': [path.join(dir, 'backup.jsonl.gz'), '--yes'],
  };
}

/** Every command path (`broadcast status`) whose options include --json. */
function jsonCommands(command: Command, prefix: string[] = []): string[] {
  return command.commands.flatMap((sub) => {
    const name = [...prefix, sub.name()];
    const here = sub.options.some((option) => option.long === '--json') ? [name.join(' ')] : [];
    return [...here, ...jsonCommands(sub, name)];
  });
}

describe('--json', () => {
  let db: TestDatabase;
  let dir: string;
  let broadcastId: number;
  let adminId: number;

  beforeAll(async () => {
    db = await testDatabase('pglite');
    await db.reset();
    await seedDemoPlan(db.database.prisma, NOW);
    broadcastId = (
      await queueBroadcast(
        db.database.prisma,
        { text: 'Họp giao ban.', audience: { kind: 'all' }, actor: { label: 'test' } },
        NOW,
      )
    ).id;
    const unit = await db.database.prisma.unit.findUniqueOrThrow({ where: { code: 'TU-VP' }, select: { id: true } });
    adminId = (
      await db.database.prisma.official.create({
        data: { name: 'Quản trị', unitId: unit.id, role: 'admin' },
        select: { id: true },
      })
    ).id;
    dir = await mkdtemp(path.join(os.tmpdir(), 'dondoc-json-'));
    await writeFile(path.join(dir, 'placeholder'), '');
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('is JSON on stdout for every command that offers it', async () => {
    const runtime: CliRuntime = {
      config: createConfig({}),
      now: () => NOW,
      logger: createLogger({ level: 'silent' }),
      withDatabase: (use) => use(db.database),
    };
    const io = { stdout: () => true, stderr: () => true, cwd: dir };
    const commands = jsonCommands(buildProgram(io, runtime));
    const table = argumentsFor(dir, broadcastId, adminId);
    expect(commands.filter((command) => !(command in table))).toEqual([]);
    expect(commands.length).toBeGreaterThanOrEqual(15);
    for (const command of commands) {
      let stdout = '';
      let stderr = '';
      const code = await runCli(
        [...command.split(' '), ...(table[command] ?? []), '--json'],
        { stdout: (text) => (stdout += text), stderr: (text) => (stderr += text), cwd: dir },
        runtime,
      );
      expect({ command, code, stderr }).toEqual({ command, code: 0, stderr: '' });
      expect(() => JSON.parse(stdout), `${command} --json printed: ${stdout.slice(0, 200)}`).not.toThrow();
    }
  });
});
