// Registration by invite and link code, and the handled-update ledger, on both databases.
import { beforeEach, describe, expect, it } from 'vitest';
import { claimUpdate, getConversation, releaseUpdate, updateConversation } from '../../src/db/conversations.js';
import { createInvite, type NewAccount, registerWithInvite, revokeInvite } from '../../src/db/officials.js';
import { databaseKinds, type TestDatabase, testDatabase } from '../support/databases.js';
import { importSmallPlan } from '../support/fixtures.js';

const NOW = new Date('2012-08-01T03:00:00Z');
const account = (id: string, channel: NewAccount['channel'] = 'telegram'): NewAccount => ({
  channel,
  externalId: id,
  chatId: id,
  displayName: `Cán bộ ${id}`,
  locale: 'vi',
});

describe.each(await databaseKinds())('officials and invites on %s', (kind) => {
  let db: TestDatabase;
  let unitId: number;

  beforeEach(async () => {
    db = await testDatabase(kind);
    await db.reset();
    const { prisma } = db.database;
    await importSmallPlan(prisma);
    unitId = (await prisma.unit.findUniqueOrThrow({ where: { code: 'HU-A' }, select: { id: true } })).id;
  });

  const invite = (code: string, extra: Partial<Parameters<typeof createInvite>[1]> = {}) =>
    createInvite(db.database.prisma, {
      code,
      unitId,
      role: 'official',
      maxUses: 1,
      expiresAt: null,
      createdById: null,
      actorLabel: 'test',
      ...extra,
    });

  it('registers once per account, counts uses and refuses spent, expired, revoked and unknown codes', async () => {
    const { prisma } = db.database;
    await invite('AAAA2222', { maxUses: 2 });
    const first = await registerWithInvite(prisma, 'AAAA2222', account('1'), NOW);
    expect(first.outcome).toBe('registered');
    // The same account again (a redelivered /start CODE) consumes nothing.
    expect((await registerWithInvite(prisma, 'AAAA2222', account('1'), NOW)).outcome).toBe('already-registered');
    expect((await registerWithInvite(prisma, 'AAAA2222', account('2'), NOW)).outcome).toBe('registered');
    expect((await registerWithInvite(prisma, 'AAAA2222', account('3'), NOW)).outcome).toBe('used-up');
    expect((await prisma.invite.findUniqueOrThrow({ where: { code: 'AAAA2222' }, select: { uses: true } })).uses).toBe(
      2,
    );

    await invite('BBBB3333', { expiresAt: new Date('2012-07-31T00:00:00Z') });
    expect((await registerWithInvite(prisma, 'BBBB3333', account('4'), NOW)).outcome).toBe('expired');
    await invite('CCCC4444');
    expect(await revokeInvite(prisma, 'CCCC4444', 'test', NOW)).toBe(true);
    expect((await registerWithInvite(prisma, 'CCCC4444', account('4'), NOW)).outcome).toBe('revoked');
    expect((await registerWithInvite(prisma, 'DDDD5555', account('4'), NOW)).outcome).toBe('invalid');
    expect(await prisma.official.count()).toBe(2);
    expect(await prisma.auditLog.count({ where: { action: 'official.registered' } })).toBe(2);
  });

  it('lets exactly one of many racing people take the last use', async () => {
    const { prisma } = db.database;
    await invite('EEEE6666');
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) => registerWithInvite(prisma, 'EEEE6666', account(`r${i}`), NOW)),
    );
    expect(results.filter((r) => r.outcome === 'registered')).toHaveLength(1);
    expect(results.filter((r) => r.outcome === 'used-up')).toHaveLength(7);
    expect(await prisma.official.count()).toBe(1);
  });

  it('links a second platform to the same official with a one-time code', async () => {
    const { prisma } = db.database;
    await invite('FFFF7777');
    const registered = await registerWithInvite(prisma, 'FFFF7777', account('tg-1'), NOW);
    if (registered.outcome !== 'registered') throw new Error(registered.outcome);
    const officialId = registered.identity.official.id;
    await invite('GGGG8888', { officialId, expiresAt: new Date(NOW.getTime() + 15 * 60_000) });
    const linked = await registerWithInvite(prisma, 'GGGG8888', account('zalo-1', 'zalo'), NOW);
    expect(linked).toMatchObject({ outcome: 'registered', linked: true, identity: { official: { id: officialId } } });
    expect((await registerWithInvite(prisma, 'GGGG8888', account('zalo-2', 'zalo'), NOW)).outcome).toBe('used-up');
    const accounts = await prisma.channelAccount.findMany({
      where: { officialId },
      select: { channel: true },
      orderBy: { id: 'asc' },
    });
    expect(accounts).toEqual([{ channel: 'telegram' }, { channel: 'zalo' }]);
    expect(await prisma.official.count()).toBe(1);
  });

  it('claims an update once, gives it back on failure, and keeps per-chat choices and the awaited note', async () => {
    const { prisma } = db.database;
    const claims = await Promise.all(
      Array.from({ length: 5 }, () => claimUpdate(prisma, 'zalo', 'message.text.received:abc')),
    );
    expect(claims.filter(Boolean)).toHaveLength(1);
    await releaseUpdate(prisma, 'zalo', 'message.text.received:abc');
    expect(await claimUpdate(prisma, 'zalo', 'message.text.received:abc')).toBe(true);
    expect(await claimUpdate(prisma, 'telegram', 'message.text.received:abc')).toBe(true);

    expect(await getConversation(prisma, 'zalo', 'chat-1')).toEqual({ choices: [], pending: undefined });
    await updateConversation(prisma, 'zalo', 'chat-1', { choices: ['o:1', 'o:2'] });
    const pending = { kind: 'note' as const, reportId: 3, occurrenceId: 4, until: NOW.toISOString() };
    await updateConversation(prisma, 'zalo', 'chat-1', { pending });
    expect(await getConversation(prisma, 'zalo', 'chat-1')).toEqual({ choices: ['o:1', 'o:2'], pending });
    await updateConversation(prisma, 'zalo', 'chat-1', { choices: [], pending: null });
    expect(await getConversation(prisma, 'zalo', 'chat-1')).toEqual({ choices: [], pending: undefined });
  });
});
