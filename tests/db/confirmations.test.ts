import { beforeEach, describe, expect, it } from 'vitest';
import { recordAttachment } from '../../src/db/attachments.js';
import { approvedDeadline, pendingExtensions } from '../../src/db/extensions.js';
import { importPlan, knownUnitCodes } from '../../src/db/plans.js';
import { attachNote, recordStatusReport, reportsDue } from '../../src/db/reports.js';
import { pendingReviews, setPlanConfirmation } from '../../src/db/reviews.js';
import { localDate } from '../../src/domain/dates.js';
import { parsePlanText } from '../../src/plans/load.js';
import { askForExtension, decideExtensionRequest, reviewCompletion } from '../../src/services/follow-up.js';
import { databaseKinds, type TestDatabase, testDatabase } from '../support/databases.js';
import { importSmallPlan, SMALL_PLAN } from '../support/fixtures.js';

describe.each(await databaseKinds())('confirmation, extensions and evidence on %s', (kind) => {
  let db: TestDatabase;
  let occurrenceId: number;
  let unit: { id: number; level: 'district' };
  let officialId: number;
  let issuerAdmin: { id: number; role: string; unit: { id: number } };
  let otherAdmin: { id: number; role: string; unit: { id: number } };
  const actor = (id: number) => ({ officialId: id, label: 'telegram' });
  const at = new Date('2012-09-20T03:00:00Z');

  beforeEach(async () => {
    db = await testDatabase(kind);
    await db.reset();
    const { prisma } = db.database;
    await importSmallPlan(prisma);
    occurrenceId = (
      await prisma.occurrence.findFirstOrThrow({ where: { duty: { key: 'kiem-diem-huyen' } }, select: { id: true } })
    ).id;
    const unitId = (await prisma.unit.findUniqueOrThrow({ where: { code: 'HU-A' }, select: { id: true } })).id;
    unit = { id: unitId, level: 'district' };
    officialId = (await prisma.official.create({ data: { name: 'Trần Thị B', unitId }, select: { id: true } })).id;
    const tt = (await prisma.unit.findUniqueOrThrow({ where: { code: 'TT' }, select: { id: true } })).id;
    const btc = (await prisma.unit.findUniqueOrThrow({ where: { code: 'TT-BTC' }, select: { id: true } })).id;
    const a = await prisma.official.create({
      data: { name: 'Admin TT', unitId: tt, role: 'admin' },
      select: { id: true },
    });
    const b = await prisma.official.create({
      data: { name: 'Admin BTC', unitId: btc, role: 'admin' },
      select: { id: true },
    });
    issuerAdmin = { id: a.id, role: 'admin', unit: { id: tt } };
    otherAdmin = { id: b.id, role: 'admin', unit: { id: btc } };
  });

  const done = (id: string, reportedAt = at) =>
    recordStatusReport(db.database.prisma, {
      occurrenceId,
      unitId: unit.id,
      officialId,
      status: 'done',
      channel: 'telegram',
      channelMessageId: id,
      reportedAt,
    });

  it('takes the setting from the plan file, and keeps what the CLI set when the file does not say', async () => {
    const { prisma } = db.database;
    const withSetting = SMALL_PLAN.replace('  issuerUnit: TT\n', '  issuerUnit: TT\n  requiresConfirmation: true\n');
    const plan = parsePlanText(withSetting, 'plan.yaml', await knownUnitCodes(prisma));
    await importPlan(prisma, { plan, sourceText: undefined, now: at, actor: { label: 'test' } });
    const setting = () => prisma.plan.findFirstOrThrow({ select: { requiresConfirmation: true } });
    expect((await setting()).requiresConfirmation).toBe(true);
    expect((await done('tg:1')).reviewState).toBe('pending');
    await setPlanConfirmation(prisma, '7-KH/TEST', false, { label: 'cli' });
    await importSmallPlan(prisma);
    expect((await setting()).requiresConfirmation).toBe(false);
  });

  it('leaves done reports unreviewed on plans without confirmation', async () => {
    expect((await done('tg:1')).reviewState).toBeNull();
  });

  it('marks a done pending on the report and the current status, and the issuing body confirms it', async () => {
    const { prisma } = db.database;
    expect(await setPlanConfirmation(prisma, '7-KH/TEST', true, { label: 'cli' })).toBe(true);
    const recorded = await done('tg:1');
    expect(recorded.reviewState).toBe('pending');
    const status = await prisma.occurrenceStatus.findFirstOrThrow({ select: { reviewState: true } });
    expect(status.reviewState).toBe('pending');
    const list = await pendingReviews(prisma, { issuerUnitId: issuerAdmin.unit.id });
    expect(list.map((r) => r.reportId)).toEqual([recorded.reportId]);

    const outcome = await reviewCompletion(prisma, {
      official: issuerAdmin,
      reportId: recorded.reportId,
      decision: 'confirmed',
      at,
      actor: actor(issuerAdmin.id),
    });
    expect(outcome.kind).toBe('reviewed');
    expect((await prisma.occurrenceStatus.findFirstOrThrow({ select: { reviewState: true } })).reviewState).toBe(
      'confirmed',
    );
    const again = await reviewCompletion(prisma, {
      official: issuerAdmin,
      reportId: recorded.reportId,
      decision: 'returned',
      reason: 'x',
      at,
      actor: actor(issuerAdmin.id),
    });
    expect(again.kind).toBe('not-pending');
    expect(await pendingReviews(prisma, { issuerUnitId: issuerAdmin.unit.id })).toEqual([]);
    const audits = await prisma.auditLog.findMany({ select: { action: true }, orderBy: { id: 'asc' } });
    expect(audits.map((a) => a.action)).toEqual(['plan.import', 'plan.confirmations', 'report.confirm']);
  });

  it('returns a completion with its reason, and refuses (and audits) an admin of another body', async () => {
    const { prisma } = db.database;
    await setPlanConfirmation(prisma, '7-KH/TEST', true, { label: 'cli' });
    const recorded = await done('tg:1');
    const forged = await reviewCompletion(prisma, {
      official: otherAdmin,
      reportId: recorded.reportId,
      decision: 'confirmed',
      at,
      actor: actor(otherAdmin.id),
    });
    expect(forged.kind).toBe('forbidden');
    expect(await pendingReviews(prisma, { issuerUnitId: otherAdmin.unit.id })).toEqual([]);
    const returned = await reviewCompletion(prisma, {
      official: issuerAdmin,
      reportId: recorded.reportId,
      decision: 'returned',
      reason: 'Thiếu số liệu xã B',
      at,
      actor: actor(issuerAdmin.id),
    });
    expect(returned.kind).toBe('reviewed');
    const report = await prisma.statusReport.findUniqueOrThrow({
      where: { id: recorded.reportId },
      select: { reviewState: true, reviewReason: true, reviewedById: true },
    });
    expect(report).toEqual({
      reviewState: 'returned',
      reviewReason: 'Thiếu số liệu xã B',
      reviewedById: issuerAdmin.id,
    });
    const refused = await prisma.auditLog.findFirstOrThrow({
      where: { action: 'report.review-refused' },
      select: { actorId: true, target: true },
    });
    expect(refused).toEqual({ actorId: otherAdmin.id, target: `report:${recorded.reportId}` });
    // Returned, the window is to do again for the unit.
    const due = await reportsDue(prisma, unit, localDate('2012-09-25'));
    expect(due.map((d) => d.occurrence.id)).toContain(occurrenceId);
    // A new "done" after a return waits again.
    expect((await done('tg:2', new Date('2012-09-21T03:00:00Z'))).reviewState).toBe('pending');
  });

  it('stores the evidence recognised in a note and one attachment row per channel message', async () => {
    const { prisma } = db.database;
    const recorded = await done('tg:1');
    await attachNote(prisma, { reportId: recorded.reportId, officialId }, 'Báo cáo số 45-BC/HU ngày 20/9/2012');
    const report = await prisma.statusReport.findUniqueOrThrow({
      where: { id: recorded.reportId },
      select: { evidenceNumber: true, evidenceDate: true },
    });
    expect(report).toEqual({ evidenceNumber: '45-BC/HU', evidenceDate: new Date('2012-09-20T00:00:00Z') });
    const file = {
      reportId: recorded.reportId,
      kind: 'document' as const,
      fileName: 'bc.pdf',
      mimeType: 'application/pdf',
      sizeBytes: 3,
      sha256: 'ab'.repeat(32),
      channel: 'telegram' as const,
      channelMessageId: 'tg:m:9',
    };
    expect((await recordAttachment(prisma, file)).duplicate).toBe(false);
    expect((await recordAttachment(prisma, file)).duplicate).toBe(true);
    expect(await prisma.reportAttachment.count()).toBe(1);
  });

  it('approves an extension, superseding the previous approved one in one transaction', async () => {
    const { prisma } = db.database;
    const official = { id: officialId, unit };
    const tooEarly = await askForExtension(prisma, {
      official,
      occurrenceId,
      newEndsOn: localDate('2012-09-30'),
      reason: 'chờ số liệu',
      actor: actor(officialId),
    });
    expect(tooEarly.kind).toBe('not-later');
    const first = await askForExtension(prisma, {
      official,
      occurrenceId,
      newEndsOn: localDate('2012-10-15'),
      reason: 'chờ số liệu',
      actor: actor(officialId),
    });
    if (first.kind !== 'requested') throw new Error(first.kind);
    const second = await askForExtension(prisma, {
      official,
      occurrenceId,
      newEndsOn: localDate('2012-10-20'),
      reason: 'lại nữa',
      actor: actor(officialId),
    });
    expect(second.kind).toBe('already-pending');
    expect((await pendingExtensions(prisma, { issuerUnitId: issuerAdmin.unit.id })).map((x) => x.id)).toEqual([
      first.extension.id,
    ]);
    const forged = await decideExtensionRequest(prisma, {
      official: otherAdmin,
      extensionId: first.extension.id,
      approve: true,
      at,
      actor: actor(otherAdmin.id),
    });
    expect(forged.kind).toBe('forbidden');
    expect(
      (
        await decideExtensionRequest(prisma, {
          official: issuerAdmin,
          extensionId: first.extension.id,
          approve: true,
          at,
          actor: actor(issuerAdmin.id),
        })
      ).kind,
    ).toBe('decided');
    expect(await approvedDeadline(prisma, occurrenceId, unit.id)).toBe('2012-10-15');

    const later = await askForExtension(prisma, {
      official,
      occurrenceId,
      newEndsOn: localDate('2012-10-31'),
      reason: 'mưa bão',
      actor: actor(officialId),
    });
    if (later.kind !== 'requested') throw new Error(later.kind);
    await decideExtensionRequest(prisma, {
      official: issuerAdmin,
      extensionId: later.extension.id,
      approve: true,
      at,
      actor: actor(issuerAdmin.id),
    });
    expect(await approvedDeadline(prisma, occurrenceId, unit.id)).toBe('2012-10-31');
    const states = await prisma.deadlineExtension.findMany({ select: { state: true }, orderBy: { id: 'asc' } });
    expect(states.map((s) => s.state)).toEqual(['superseded', 'approved']);
    const actions = (await prisma.auditLog.findMany({ select: { action: true }, orderBy: { id: 'asc' } })).map(
      (a) => a.action,
    );
    expect(actions).toEqual([
      'plan.import',
      'extension.request',
      'extension.decide-refused',
      'extension.approve',
      'extension.request',
      'extension.approve',
    ]);
  });
});
