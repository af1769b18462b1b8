// The leader role where it is granted outside chat: roster words, and the change itself (the CLI's promote --role leader).
import { beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/program.js';
import { createConfig } from '../../src/config.js';
import { changeOfficial } from '../../src/db/officials.js';
import { reminderRecipients } from '../../src/db/reminders.js';
import { createLogger } from '../../src/logger.js';
import { seedDemoPlan } from '../../src/seed.js';
import { normalizeRole } from '../../src/services/roster.js';
import { type TestDatabase, testDatabase } from '../support/databases.js';

describe('the leader role', () => {
  it('is read from roster words', () => {
    for (const word of ['lãnh đạo', 'Lãnh đạo', 'leader', 'trưởng', 'Trưởng đơn vị', 'quan sát'])
      expect(normalizeRole(word)).toBe('leader');
    expect(normalizeRole('cán bộ')).toBe('official');
    expect(normalizeRole('quản trị')).toBe('admin');
  });

  describe('in the database (PGlite)', () => {
    let db: TestDatabase;
    beforeEach(async () => {
      db = await testDatabase('pglite');
      await db.reset();
      await seedDemoPlan(db.database.prisma, new Date('2012-04-10T01:00:00Z'));
    });

    it('is granted and audited, and a leader is never among the officials reminded to report', async () => {
      const { prisma } = db.database;
      const unit = await prisma.unit.findUniqueOrThrow({ where: { code: 'TU-UBKT' }, select: { id: true } });
      const [plain, head] = await Promise.all(
        ['Cán bộ', 'Trưởng ban'].map((name) =>
          prisma.official.create({
            data: {
              name,
              unitId: unit.id,
              accounts: { create: { channel: 'telegram', externalId: name, chatId: name } },
            },
            select: { id: true },
          }),
        ),
      );
      expect(await changeOfficial(prisma, head!.id, { role: 'leader' }, { label: 'cli' })).toBe('changed');
      expect(await changeOfficial(prisma, head!.id, { role: 'leader' }, { label: 'cli' })).toBe('unchanged');
      expect(await prisma.auditLog.count({ where: { action: 'official.leader' } })).toBe(1);
      const occurrence = await prisma.occurrence.findFirstOrThrow({
        where: { duty: { units: { some: { unitId: unit.id, role: 'lead' } } } },
        select: { id: true, dutyId: true },
      });
      const recipients = await reminderRecipients(prisma, occurrence, { coordinating: false });
      expect(recipients.map((r) => r.officialId)).toContain(plain!.id);
      expect(recipients.map((r) => r.officialId)).not.toContain(head!.id);
    });

    it('is granted from the CLI: dondoc officials promote ID --role leader', async () => {
      const { prisma } = db.database;
      const unit = await prisma.unit.findUniqueOrThrow({ where: { code: 'TU-BTG' }, select: { id: true } });
      const someone = await prisma.official.create({
        data: { name: 'Phó ban', unitId: unit.id },
        select: { id: true },
      });
      const runtime = {
        config: createConfig({}),
        now: () => new Date('2012-10-01T01:00:00Z'),
        logger: createLogger({ level: 'silent' }),
        withDatabase: <T>(use: (database: typeof db.database) => Promise<T>) => use(db.database),
      };
      let out = '';
      let err = '';
      const io = {
        stdout: (text: string) => {
          out += text;
          return true;
        },
        stderr: (text: string) => {
          err += text;
          return true;
        },
        cwd: '/tmp',
      };
      expect(await runCli(['officials', 'promote', String(someone.id), '--role', 'leader'], io, runtime)).toBe(0);
      expect(out).toContain('done (promote)');
      const role = await prisma.official.findUniqueOrThrow({ where: { id: someone.id }, select: { role: true } });
      expect(role.role).toBe('leader');
      expect(await runCli(['officials', 'promote', String(someone.id), '--role', 'boss'], io, runtime)).not.toBe(0);
      expect(err).toContain('--role must be admin or leader');
    });
  });
});
