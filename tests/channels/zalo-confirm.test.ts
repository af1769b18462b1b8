// Confirmation and extensions over Zalo (text only: choices come as numbered lines), through the fake Zalo Bot API.

import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createZaloChannel, type ZaloChannel } from '../../src/channels/zalo/bot.js';
import { createConfig } from '../../src/config.js';
import { approvedDeadline } from '../../src/db/extensions.js';
import { createInvite } from '../../src/db/officials.js';
import { setPlanConfirmation } from '../../src/db/reviews.js';
import { generateCode } from '../../src/domain/invite-code.js';
import { createLogger } from '../../src/logger.js';
import { createChatCore } from '../../src/main.js';
import { seedDemoPlan } from '../../src/seed.js';
import { accountReachability } from '../../src/services/accounts.js';
import { databaseKinds, type TestDatabase, testDatabase } from '../support/databases.js';
import { type FakeZalo, type FakeZaloUser, startFakeZalo, type ZaloSentMessage } from '../support/fake-zalo.js';

const logger = createLogger({ level: 'silent' });
const NOW = new Date('2012-08-20T03:00:00Z');

describe.each(await databaseKinds())('confirmation and extensions over Zalo on %s', (kind) => {
  let db: TestDatabase;
  let fake: FakeZalo;
  let channel: ZaloChannel;

  beforeAll(async () => {
    db = await testDatabase(kind);
    await db.reset();
    await seedDemoPlan(db.database.prisma, NOW);
    await setPlanConfirmation(db.database.prisma, '15-KH/TU', true, { label: 'test' });
    fake = await startFakeZalo({ longPollMaxSeconds: 1 });
    const config = createConfig({
      ZALO_BOT_TOKEN: fake.token,
      ZALO_API_ROOT: fake.apiRoot,
      ZALO_SENDS_PER_SECOND: '200',
      EVIDENCE_DIR: mkdtempSync(path.join(tmpdir(), 'dondoc-zalo-evidence-')),
    });
    const core = await createChatCore({ prisma: db.database.prisma, config, logger, now: () => NOW });
    channel = createZaloChannel({
      config: config.zalo!,
      conversation: core.conversation,
      reachability: accountReachability(db.database.prisma, 'zalo'),
      logger,
      pollSeconds: 1,
      retryDelayMs: 20,
      client: { backoffMs: 2 },
      typingAfterMs: 300,
    });
    await channel.ready;
  });
  afterAll(async () => {
    await channel?.stop();
    await fake?.close();
  });

  async function say(user: FakeZaloUser, text: string): Promise<string> {
    const before = fake.sentTo(user.id).length;
    fake.sendText(user, text);
    await fake.waitForSent((m) => m.chatId === user.id, { count: before + 1 });
    return fake
      .sentTo(user.id)
      .slice(before)
      .map((m: ZaloSentMessage) => m.text)
      .join('\n');
  }

  async function register(unit: string, role: 'official' | 'admin'): Promise<FakeZaloUser> {
    const { prisma } = db.database;
    const unitId = (await prisma.unit.findUniqueOrThrow({ where: { code: unit }, select: { id: true } })).id;
    const invite = generateCode();
    await createInvite(prisma, {
      code: invite,
      unitId,
      role,
      maxUses: 1,
      expiresAt: null,
      createdById: null,
      actorLabel: 'test',
    });
    const user = { id: fake.newId(), display_name: 'Lê Văn C' };
    expect(await say(user, `/start ${invite}`)).toContain('Đăng ký thành công');
    return user;
  }

  it('confirms a pending completion by number, and approves an extension asked in words', async () => {
    const { prisma } = db.database;
    const official = await register('TU-UBKT', 'official');
    const admin = await register('TU', 'admin');
    await say(official, 'việc gì đến hạn tháng 9/2012?');
    await say(official, '1');
    expect(await say(official, '1')).toContain('sẽ được tính khi cơ quan giao việc xác nhận');
    // A picture right after the tap, fetched from the URL Zalo gives, is the report's evidence.
    const image = Buffer.from('zalo jpeg bytes');
    const server = createServer((_request, response) => response.end(image));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const before = fake.sentTo(official.id).length;
    fake.sendImage(official, { photo_url: `http://127.0.0.1:${port}/p.jpg` });
    await fake.waitForSent((m) => m.chatId === official.id, { count: before + 1 });
    server.close();
    expect(fake.sentTo(official.id).at(-1)!.text).toContain('Đã lưu tệp minh chứng');
    expect(
      await prisma.reportAttachment.findFirstOrThrow({ select: { kind: true, sizeBytes: true, channel: true } }),
    ).toEqual({
      kind: 'photo',
      sizeBytes: image.length,
      channel: 'zalo',
    });
    expect(await say(official, 'CV 123/UBKT-VP ngày 5/9/2012')).toContain('Đã lưu ghi chú');

    const list = await say(admin, '/xacnhan');
    expect(list).toContain('Ủy ban Kiểm tra');
    expect(list).toContain('123/UBKT-VP');
    expect(list).toMatch(/1\. 1 Xác nhận\n2\. 1 Trả lại/);
    expect(await say(admin, '1')).toContain('Đã xác nhận hoàn thành của Ủy ban Kiểm tra');
    const report = await prisma.statusReport.findFirstOrThrow({
      select: { reviewState: true, reviewedById: true, evidenceNumber: true, evidenceDate: true },
    });
    expect(report).toMatchObject({
      reviewState: 'confirmed',
      evidenceNumber: '123/UBKT-VP',
      evidenceDate: new Date('2012-09-05T00:00:00Z'),
    });
    expect(await prisma.auditLog.count({ where: { action: 'report.confirm' } })).toBe(1);

    expect(await say(official, 'xin gia hạn việc 1 đến 20/12/2012 vì chờ số liệu')).toContain(
      'Đã gửi đề nghị gia hạn đến 2012-12-20',
    );
    const extension = await prisma.deadlineExtension.findFirstOrThrow({ select: { occurrenceId: true, unitId: true } });
    expect(await say(admin, '/xacnhan')).toMatch(/1\. 1 Đồng ý\n2\. 1 Không đồng ý/);
    expect(await say(admin, '1')).toContain('Đã đồng ý gia hạn');
    expect(await approvedDeadline(prisma, extension.occurrenceId, extension.unitId)).toBe('2012-12-20');
  });
});
