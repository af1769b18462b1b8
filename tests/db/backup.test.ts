// Backups taken while the bot answers, and restored whole: the same rows come back, ids continue after them.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { IncomingMessage } from '../../src/chat/types.js';
import { createConfig } from '../../src/config.js';
import { BackupError, restoreBackup, writeBackup } from '../../src/db/backup.js';
import { createInvite } from '../../src/db/officials.js';
import { generateCode } from '../../src/domain/invite-code.js';
import { createLogger } from '../../src/logger.js';
import { createChatCore } from '../../src/main.js';
import { seedDemoPlan } from '../../src/seed.js';
import { databaseKinds, type TestDatabase, testDatabase } from '../support/databases.js';

const NOW = new Date('2012-09-20T03:00:00Z');
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'dondoc-backup-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe.each(await databaseKinds())('backup and restore on %s', (kind) => {
  let db: TestDatabase;
  beforeEach(async () => {
    db = await testDatabase(kind);
    await db.reset();
  });

  async function counts(): Promise<Record<string, number>> {
    const { prisma } = db.database;
    return {
      units: await prisma.unit.count(),
      duties: await prisma.duty.count(),
      occurrences: await prisma.occurrence.count(),
      officials: await prisma.official.count(),
      reports: await prisma.statusReport.count(),
      statuses: await prisma.occurrenceStatus.count(),
      updates: await prisma.processedUpdate.count(),
      levels: await prisma.level.count(),
    };
  }

  it('takes a consistent copy while questions and reports keep coming, and puts it back whole', async () => {
    const { prisma } = db.database;
    await seedDemoPlan(prisma, NOW);
    const core = await createChatCore({
      prisma,
      config: createConfig({}),
      logger: createLogger({ level: 'silent' }),
      now: () => NOW,
    });
    const unit = await prisma.unit.findUniqueOrThrow({ where: { code: 'TU-UBKT' }, select: { id: true } });
    const code = generateCode();
    await createInvite(prisma, {
      code,
      unitId: unit.id,
      role: 'official',
      maxUses: 1,
      expiresAt: null,
      createdById: null,
      actorLabel: 'test',
    });
    let sequence = 0;
    const say = (fields: Partial<IncomingMessage>) =>
      core.conversation.handle({
        channel: 'telegram',
        chatId: '77',
        sender: { id: '77', name: 'Cán bộ' },
        kind: 'text',
        updateKey: `m:77:${++sequence}`,
        receivedAt: NOW,
        ...fields,
      });
    await say({ text: `/start ${code}` });
    const listed = await say({ text: '/baocao' });
    const open = listed.at(-1)?.choices?.[0]?.payload ?? '';
    await say({ kind: 'button', payload: `r:${open.slice(2)}:p`, updateKey: `cb:${++sequence}` });

    // Messages keep arriving while the backup is written.
    let talking = true;
    const chatter = (async () => {
      while (talking) await say({ text: 'Việc gì đến hạn tháng 9/2012?' });
    })();
    const file = path.join(dir, `${kind}.jsonl.gz`);
    const summary = await writeBackup(prisma, file, NOW);
    talking = false;
    await chatter;
    expect(summary.tables.Unit).toBeGreaterThan(100);
    expect(summary.tables.StatusReport).toBe(1);

    const atBackup = { ...(await counts()), updates: summary.tables.ProcessedUpdate ?? -1 };
    // Afterwards: a new report, a plan gone — the restore brings back exactly the snapshot.
    await say({ kind: 'button', payload: `r:${open.slice(2)}:d`, updateKey: `cb:${++sequence}` });
    await prisma.occurrenceStatus.deleteMany();
    await prisma.statusReport.deleteMany();
    await prisma.plan.deleteMany();
    const restored = await restoreBackup(prisma, file);
    expect(restored.tables).toEqual(summary.tables);
    expect(await counts()).toEqual(atBackup);
    const status = await prisma.occurrenceStatus.findFirstOrThrow({ select: { status: true, reportId: true } });
    expect(status.status).toBe('in_progress');
    expect(await prisma.statusReport.count({ where: { id: status.reportId } })).toBe(1);
    const tree = await prisma.unit.findUniqueOrThrow({
      where: { code: 'TU-BTG' },
      select: { parent: { select: { code: true } } },
    });
    expect(tree.parent?.code).toBe('TU');
    // Ids go on after the restored rows, and the bot keeps working on the restored data.
    const again = await say({ kind: 'button', payload: `r:${open.slice(2)}:d`, updateKey: `cb:${++sequence}` });
    expect(JSON.stringify(again)).toContain('Ủy ban Kiểm tra');
    expect(await prisma.statusReport.count()).toBe(2);
  });

  it('refuses a file that is not a backup and changes nothing', async () => {
    const { prisma } = db.database;
    await seedDemoPlan(prisma, NOW);
    const before = await counts();
    const bogus = path.join(dir, `${kind}-bogus.jsonl.gz`);
    await writeFile(bogus, 'not gzip at all');
    await expect(restoreBackup(prisma, bogus)).rejects.toThrow(BackupError);
    expect(await counts()).toEqual(before);
  });
});
