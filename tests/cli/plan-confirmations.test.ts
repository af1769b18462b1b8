// `dondoc plan confirmations CODE on|off`: the plan's confirmation setting, audited, with bad input refused.
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/program.js';
import type { CliRuntime } from '../../src/cli/runtime.js';
import { createConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { seedDemoPlan } from '../../src/seed.js';
import { type TestDatabase, testDatabase } from '../support/databases.js';

const NOW = new Date('2012-08-20T03:00:00Z');

describe('dondoc plan confirmations', () => {
  let db: TestDatabase;
  let runtime: CliRuntime;

  beforeAll(async () => {
    db = await testDatabase('pglite');
    await db.reset();
    await seedDemoPlan(db.database.prisma, NOW);
    runtime = {
      config: createConfig({}),
      now: () => NOW,
      logger: createLogger({ level: 'silent' }),
      withDatabase: (use) => use(db.database),
    };
  });

  async function run(...args: string[]) {
    let stdout = '';
    let stderr = '';
    const code = await runCli(
      args,
      { stdout: (text) => (stdout += text), stderr: (text) => (stderr += text), cwd: process.cwd() },
      runtime,
    );
    return { code, stdout, stderr };
  }

  const setting = async () =>
    (
      await db.database.prisma.plan.findUniqueOrThrow({
        where: { code: '15-KH/TU' },
        select: { requiresConfirmation: true },
      })
    ).requiresConfirmation;

  it('turns the setting on and off, audited', async () => {
    expect(await run('plan', 'confirmations', '15-KH/TU', 'on')).toMatchObject({ code: 0 });
    expect(await setting()).toBe(true);
    expect(await run('plan', 'confirmations', '15-KH/TU', 'off')).toMatchObject({ code: 0 });
    expect(await setting()).toBe(false);
    expect(
      await db.database.prisma.auditLog.count({ where: { action: 'plan.confirmations', actorLabel: 'cli' } }),
    ).toBe(2);
  });

  it('refuses an unknown plan and a switch other than on or off', async () => {
    const unknown = await run('plan', 'confirmations', 'NO-SUCH', 'on');
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toContain('No plan with code "NO-SUCH"');
    const bad = await run('plan', 'confirmations', '15-KH/TU', 'yes');
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('Expected on or off');
  });
});
