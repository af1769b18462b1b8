// The official aggregate: who is behind a chat account, registration by invite, settings, reachability.

import type { Language } from '../domain/language.js';
import { foldText } from '../domain/text.js';
import { Prisma, type PrismaClient } from '../generated/prisma/client.js';
import type { UnitLevel } from '../plans/format.js';
import { recordAudit } from './audit.js';

export type ChannelName = 'telegram' | 'zalo' | 'console';
export type Role = 'official' | 'admin' | 'leader';

/** The person behind a chat account, as every conversation step needs them (read fresh for each update). */
export interface Identity {
  accountId: number;
  accountActive: boolean;
  official: {
    id: number;
    name: string;
    role: Role;
    locale: Language;
    status: 'active' | 'blocked';
    remindersOff: boolean;
    snoozedUntil: Date | null;
    unit: { id: number; code: string; name: string; shortName: string | null; level: UnitLevel };
  };
}

const identitySelect = {
  id: true,
  active: true,
  official: {
    select: {
      id: true,
      name: true,
      role: true,
      locale: true,
      status: true,
      remindersOff: true,
      snoozedUntil: true,
      unit: { select: { id: true, code: true, name: true, shortName: true, level: true } },
    },
  },
} satisfies Prisma.ChannelAccountSelect;

export async function findIdentity(
  prisma: PrismaClient,
  channel: ChannelName,
  externalId: string,
): Promise<Identity | undefined> {
  const account = await prisma.channelAccount.findUnique({
    where: { channel_externalId: { channel, externalId } },
    select: identitySelect,
  });
  if (!account) return undefined;
  return { accountId: account.id, accountActive: account.active, official: account.official };
}

export async function findOfficial(
  prisma: PrismaClient,
  officialId: number,
): Promise<Identity['official'] | undefined> {
  const official = await prisma.official.findUnique({
    where: { id: officialId },
    select: identitySelect.official.select,
  });
  return official ?? undefined;
}

export interface NewAccount {
  channel: ChannelName;
  externalId: string;
  chatId: string;
  displayName: string;
  locale: Language;
}

export type RegistrationResult =
  | { outcome: 'registered'; identity: Identity; linked: boolean }
  | { outcome: 'already-registered'; identity: Identity }
  | { outcome: 'invalid' | 'expired' | 'used-up' | 'revoked' };

/**
 * Binds a chat account with an invite code: a unit invite creates an official in its unit with its role;
 * a link code (bound to an official) adds this platform to that official. The use is counted by a
 * conditional UPDATE inside the transaction, so two people racing for the last use cannot both win, and
 * a redelivered "/start CODE" from an account that is already registered consumes nothing.
 */
export async function registerWithInvite(
  prisma: PrismaClient,
  code: string,
  account: NewAccount,
  now: Date,
): Promise<RegistrationResult> {
  const existing = await findIdentity(prisma, account.channel, account.externalId);
  if (existing) return { outcome: 'already-registered', identity: existing };
  const invite = await prisma.invite.findUnique({
    where: { code },
    select: {
      id: true,
      unitId: true,
      role: true,
      officialId: true,
      maxUses: true,
      uses: true,
      expiresAt: true,
      revokedAt: true,
    },
  });
  if (!invite) return { outcome: 'invalid' };
  if (invite.revokedAt) return { outcome: 'revoked' };
  if (invite.expiresAt && invite.expiresAt <= now) return { outcome: 'expired' };
  if (invite.uses >= invite.maxUses) return { outcome: 'used-up' };
  try {
    return await prisma.$transaction(async (tx) => {
      const counted = await tx.$executeRaw`
        UPDATE "Invite" SET "uses" = "uses" + 1
        WHERE "id" = ${invite.id} AND "uses" < "maxUses" AND "revokedAt" IS NULL AND ("expiresAt" IS NULL OR "expiresAt" > ${now})`;
      if (counted === 0) throw new InviteRaceLost();
      let officialId: number;
      // A roster invite (made for an official the office listed before they joined) registers; a link code
      // (made by an official who already has a chat account) adds a platform.
      let linked = false;
      if (invite.officialId !== null) {
        officialId = invite.officialId;
        linked = (await tx.channelAccount.count({ where: { officialId } })) > 0;
        // One account per platform and official: linking a platform again replaces the older account.
        // (the official made the code themself, e.g. after changing phones).
        await tx.channelAccount.deleteMany({ where: { officialId, channel: account.channel } });
      } else {
        if (invite.unitId === null) throw new Error(`Invite ${invite.id} has neither a unit nor an official`);
        const official = await tx.official.create({
          data: { name: account.displayName, unitId: invite.unitId, role: invite.role, locale: account.locale },
          select: { id: true },
        });
        officialId = official.id;
      }
      await tx.channelAccount.create({
        data: {
          officialId,
          channel: account.channel,
          externalId: account.externalId,
          chatId: account.chatId,
          displayName: account.displayName,
        },
        select: { id: true },
      });
      await recordAudit(
        tx,
        { officialId },
        linked ? 'account.linked' : invite.officialId !== null ? 'official.joined' : 'official.registered',
        `${account.channel}:${account.externalId}`,
        {
          inviteId: invite.id,
          role: invite.role,
        },
      );
      const identity = await tx.channelAccount.findUniqueOrThrow({
        where: { channel_externalId: { channel: account.channel, externalId: account.externalId } },
        select: identitySelect,
      });
      return {
        outcome: 'registered' as const,
        linked,
        identity: { accountId: identity.id, accountActive: identity.active, official: identity.official },
      };
    });
  } catch (error) {
    if (error instanceof InviteRaceLost) return { outcome: 'used-up' };
    // The same account registering twice at once: the unique key let one through.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
      const winner = await findIdentity(prisma, account.channel, account.externalId);
      if (winner) return { outcome: 'already-registered', identity: winner };
    }
    throw error;
  }
}

/** Another registration took the invite's last use between our read and our write. */
class InviteRaceLost extends Error {
  override name = 'InviteRaceLost';
}

export interface NewInvite {
  code: string;
  unitId?: number;
  officialId?: number;
  role: Role;
  maxUses: number;
  expiresAt: Date | null;
  createdById: number | null;
  /** Who asked, for the audit log ("cli" or the admin's official id). */
  actorLabel: string;
}

export async function createInvite(prisma: PrismaClient, input: NewInvite): Promise<{ id: number; code: string }> {
  return prisma.$transaction(async (tx) => {
    const invite = await tx.invite.create({
      data: {
        code: input.code,
        unitId: input.unitId ?? null,
        officialId: input.officialId ?? null,
        role: input.role,
        maxUses: input.maxUses,
        expiresAt: input.expiresAt,
        createdById: input.createdById,
      },
      select: { id: true, code: true },
    });
    const actor =
      input.createdById !== null
        ? { officialId: input.createdById, label: input.actorLabel }
        : { label: input.actorLabel };
    await recordAudit(tx, actor, input.officialId !== undefined ? 'link-code.created' : 'invite.created', input.code, {
      unitId: input.unitId ?? null,
      role: input.role,
      maxUses: input.maxUses,
      expiresAt: input.expiresAt?.toISOString() ?? null,
    });
    return invite;
  });
}

export interface InviteListItem {
  code: string;
  unit: string | null;
  official: string | null;
  role: Role;
  uses: number;
  maxUses: number;
  expiresAt: Date | null;
  revokedAt: Date | null;
  createdAt: Date;
}

export async function listInvites(
  prisma: PrismaClient,
  options: { includeSpent?: boolean; now: Date },
): Promise<InviteListItem[]> {
  const rows = await prisma.invite.findMany({
    where: options.includeSpent
      ? {}
      : { revokedAt: null, OR: [{ expiresAt: null }, { expiresAt: { gt: options.now } }] },
    select: {
      code: true,
      role: true,
      uses: true,
      maxUses: true,
      expiresAt: true,
      revokedAt: true,
      createdAt: true,
      unit: { select: { code: true } },
      official: { select: { name: true } },
    },
    orderBy: { id: 'asc' },
  });
  return rows
    .filter((row) => options.includeSpent || row.uses < row.maxUses)
    .map(({ unit, official, ...row }) => ({ ...row, unit: unit?.code ?? null, official: official?.name ?? null }));
}

/** Revokes an invite; false when no such code exists. */
export async function revokeInvite(
  prisma: PrismaClient,
  code: string,
  actorLabel: string,
  now: Date,
): Promise<boolean> {
  return prisma.$transaction(async (tx) => {
    const revoked = await tx.invite.updateMany({ where: { code, revokedAt: null }, data: { revokedAt: now } });
    if (revoked.count === 0) return (await tx.invite.count({ where: { code } })) > 0;
    await recordAudit(tx, { label: actorLabel }, 'invite.revoked', code);
    return true;
  });
}

export async function setLocale(prisma: PrismaClient, officialId: number, locale: Language): Promise<void> {
  await prisma.official.update({ where: { id: officialId }, data: { locale }, select: { id: true } });
}

export async function setReminders(
  prisma: PrismaClient,
  officialId: number,
  settings: { remindersOff?: boolean; snoozedUntil?: Date | null },
): Promise<void> {
  await prisma.official.update({ where: { id: officialId }, data: settings, select: { id: true } });
}

/** The platform said the user blocked the bot (403): sends skip the account until it writes again. */
export async function setAccountActive(
  prisma: PrismaClient,
  channel: ChannelName,
  chatId: string,
  active: boolean,
  reason?: string,
): Promise<number> {
  const result = await prisma.channelAccount.updateMany({
    where: { channel, chatId, active: !active },
    data: active
      ? { active, inactiveReason: null, ...NO_FAILURES }
      : { active, inactiveReason: (reason ?? 'unreachable').slice(0, 500) },
  });
  return result.count;
}

const NO_FAILURES = { deliveryFailures: 0, firstFailureAt: null, lastFailureAt: null, lastFailure: null };

/** When failed deliveries make an account unreachable: this many in a row, spread over at least this long. */
export interface UnreachablePolicy {
  failures: number;
  overMs: number;
}

/**
 * Counts a failed delivery to a chat (after the client's own retries) and makes its accounts inactive once
 * failures have kept coming: at least `policy.failures` in a row over at least `policy.overMs`. A passing fault
 * of the platform (minutes, hours) never silences an official. True when an account was made inactive now.
 */
export async function recordDeliveryFailure(
  prisma: PrismaClient,
  account: { channel: ChannelName; chatId: string },
  reason: string,
  now: Date,
  policy: UnreachablePolicy,
): Promise<boolean> {
  const last = reason.slice(0, 500);
  const rows = await prisma.$queryRaw<{ id: number; failures: number; first: Date }[]>`
    UPDATE "ChannelAccount" SET "deliveryFailures" = "deliveryFailures" + 1,
      "firstFailureAt" = COALESCE("firstFailureAt", ${now}), "lastFailureAt" = ${now}, "lastFailure" = ${last}
    WHERE "channel" = ${account.channel}::"Channel" AND "chatId" = ${account.chatId} AND "active"
    RETURNING "id", "deliveryFailures" AS failures, "firstFailureAt" AS first`;
  const due = rows.filter(
    (row) => row.failures >= policy.failures && now.getTime() - row.first.getTime() >= policy.overMs,
  );
  if (due.length === 0) return false;
  let changed = 0;
  for (const row of due) {
    const since = row.first.toISOString().slice(0, 16).replace('T', ' ');
    changed += (
      await prisma.channelAccount.updateMany({
        where: { id: row.id, active: true },
        data: {
          active: false,
          inactiveReason: `${row.failures} failed deliveries since ${since} UTC (last: ${last})`.slice(0, 500),
        },
      })
    ).count;
  }
  return changed > 0;
}

/** A delivery went through: the failures counted for the chat are forgotten (one statement, nothing when none). */
export async function recordDeliverySuccess(
  prisma: PrismaClient,
  account: { channel: ChannelName; chatId: string },
): Promise<void> {
  await prisma.channelAccount.updateMany({
    where: { channel: account.channel, chatId: account.chatId, deliveryFailures: { gt: 0 } },
    data: NO_FAILURES,
  });
}

export interface OfficialListItem {
  id: number;
  name: string;
  role: Role;
  status: 'active' | 'blocked';
  unit: string;
  channels: ChannelName[];
  /** Accounts that cannot be reached, or whose deliveries are failing, with why (for admins). */
  problems: AccountProblem[];
}

export interface AccountProblem {
  channel: ChannelName;
  /** Inactive: nothing is sent there; failing: deliveries failed lately, still tried. */
  state: 'inactive' | 'failing';
  reason: string;
  failures: number;
}

export async function listOfficials(
  prisma: PrismaClient,
  options: { unitId?: number } = {},
): Promise<OfficialListItem[]> {
  const rows = await prisma.official.findMany({
    where: options.unitId !== undefined ? { unitId: options.unitId } : {},
    select: {
      id: true,
      name: true,
      role: true,
      status: true,
      unit: { select: { code: true } },
      accounts: {
        select: { channel: true, active: true, inactiveReason: true, deliveryFailures: true, lastFailure: true },
        orderBy: { id: 'asc' },
      },
    },
    orderBy: { id: 'asc' },
  });
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    role: row.role,
    status: row.status,
    unit: row.unit.code,
    channels: row.accounts.map((a) => a.channel),
    problems: row.accounts.flatMap((a): AccountProblem[] => {
      if (!a.active)
        return [
          {
            channel: a.channel,
            state: 'inactive',
            reason: a.inactiveReason ?? 'unreachable',
            failures: a.deliveryFailures,
          },
        ];
      if (a.deliveryFailures > 0)
        return [
          {
            channel: a.channel,
            state: 'failing',
            reason: a.lastFailure ?? 'delivery failed',
            failures: a.deliveryFailures,
          },
        ];
      return [];
    }),
  }));
}

/**
 * The console's own account for an official (`dondoc chat --as 7`): the operator at the machine already
 * holds the whole database, so acting as an official there needs no invite; it is audited all the same.
 */
export async function ensureConsoleAccount(
  prisma: PrismaClient,
  officialId: number,
  externalId: string,
): Promise<void> {
  await prisma.$transaction(async (tx) => {
    const existing = await tx.channelAccount.findUnique({
      where: { channel_externalId: { channel: 'console', externalId } },
      select: { officialId: true },
    });
    if (existing?.officialId === officialId) return;
    if (existing) await tx.channelAccount.delete({ where: { channel_externalId: { channel: 'console', externalId } } });
    await tx.channelAccount.create({
      data: { officialId, channel: 'console', externalId, chatId: externalId, displayName: 'console' },
      select: { id: true },
    });
    await recordAudit(tx, { label: 'console' }, 'console.acting-as', `official:${officialId}`);
  });
}

export type OfficialChange = { status: 'active' | 'blocked' } | { role: Role };

/**
 * Blocks, unblocks, promotes or demotes an official, audited. The last active admin cannot be blocked or
 * demoted: nobody could undo it from chat.
 */
export async function changeOfficial(
  prisma: PrismaClient,
  officialId: number,
  change: OfficialChange,
  actor: { officialId?: number; label: string },
): Promise<'changed' | 'unchanged' | 'missing' | 'last-admin'> {
  return prisma.$transaction(async (tx) => {
    const official = await tx.official.findUnique({ where: { id: officialId }, select: { role: true, status: true } });
    if (!official) return 'missing';
    const removesAdmin =
      official.role === 'admin' &&
      official.status === 'active' &&
      (('role' in change && change.role !== 'admin') || ('status' in change && change.status === 'blocked'));
    if (removesAdmin && (await tx.official.count({ where: { role: 'admin', status: 'active' } })) <= 1)
      return 'last-admin';
    const updated = await tx.official.updateMany({ where: { id: officialId, NOT: change }, data: change });
    if (updated.count === 0) return 'unchanged';
    const action =
      'status' in change
        ? change.status === 'blocked'
          ? 'official.blocked'
          : 'official.unblocked'
        : change.role === 'admin'
          ? 'official.promoted'
          : change.role === 'leader'
            ? 'official.leader'
            : 'official.demoted';
    await recordAudit(
      tx,
      actor.officialId !== undefined ? { officialId: actor.officialId, label: actor.label } : { label: actor.label },
      action,
      `official:${officialId}`,
    );
    return 'changed';
  });
}

/** Active admins and leaders and the chat accounts they can be reached on (they get the daily digest). */
export async function digestRecipients(
  prisma: PrismaClient,
): Promise<{ id: number; locale: Language; accounts: { channel: ChannelName; chatId: string }[] }[]> {
  const recipients = await prisma.official.findMany({
    where: { role: { in: ['admin', 'leader'] }, status: 'active' },
    select: {
      id: true,
      locale: true,
      accounts: {
        where: { active: true, channel: { in: ['telegram', 'zalo'] } },
        select: { channel: true, chatId: true },
      },
    },
    orderBy: { id: 'asc' },
  });
  return recipients.map((recipient) => ({
    ...recipient,
    accounts: recipient.accounts.map((account) => ({
      channel: account.channel as ChannelName,
      chatId: account.chatId,
    })),
  }));
}

// ------------------------------------------------------------------------------------------------- roster

export interface RosterEntry {
  name: string;
  unitId: number;
  position: string | null;
  phone: string | null;
  role: Role;
  /** The invite code this official joins with (one use). */
  code: string;
}

/**
 * Creates the officials of a roster, each with its own one-use invite, in one transaction: all of them or none.
 * They exist before they join; joining attaches the chat account to them (registerWithInvite).
 */
export async function createRosterOfficials(
  prisma: PrismaClient,
  input: { entries: RosterEntry[]; expiresAt: Date; actor: { officialId?: number; label: string }; file: string },
): Promise<{ officialId: number; code: string }[]> {
  return prisma.$transaction(
    async (tx) => {
      const created: { officialId: number; code: string }[] = [];
      for (const entry of input.entries) {
        const official = await tx.official.create({
          data: {
            name: entry.name,
            unitId: entry.unitId,
            role: entry.role,
            position: entry.position,
            phone: entry.phone,
          },
          select: { id: true },
        });
        await tx.invite.create({
          data: {
            code: entry.code,
            unitId: entry.unitId,
            officialId: official.id,
            role: entry.role,
            maxUses: 1,
            expiresAt: input.expiresAt,
            createdById: input.actor.officialId ?? null,
          },
          select: { id: true },
        });
        created.push({ officialId: official.id, code: entry.code });
      }
      await recordAudit(
        tx,
        input.actor.officialId !== undefined
          ? { officialId: input.actor.officialId, label: input.actor.label }
          : { label: input.actor.label },
        'roster.imported',
        input.file,
        { officials: created.length, officialIds: created.map((entry) => entry.officialId) },
      );
      return created;
    },
    { timeout: 120_000, maxWait: 30_000 },
  );
}

/** What a roster import checks rows against: officials already known by phone, and by name within a unit. */
export async function rosterMatches(
  prisma: PrismaClient,
): Promise<{ phones: Map<string, number>; namesInUnits: Map<string, number> }> {
  const officials = await prisma.official.findMany({ select: { id: true, name: true, unitId: true, phone: true } });
  const phones = new Map<string, number>();
  const namesInUnits = new Map<string, number>();
  for (const official of officials) {
    if (official.phone) phones.set(official.phone, official.id);
    namesInUnits.set(`${official.unitId}:${foldText(official.name)}`, official.id);
  }
  return { phones, namesInUnits };
}

export interface RosterAccount {
  channel: ChannelName;
  active: boolean;
  linkedAt: Date;
  lastMessageAt: Date | null;
}

export interface RosterOfficial {
  id: number;
  name: string;
  position: string | null;
  phone: string | null;
  role: Role;
  status: 'active' | 'blocked';
  unit: { id: number; code: string; name: string };
  accounts: RosterAccount[];
  /** The newest invite made for this official that can still be used. */
  invite: { code: string; expiresAt: Date | null } | null;
  createdAt: Date;
}

/** Officials with their platforms, last message and open invite: joined or not yet (the console's list). */
export async function officialRoster(
  prisma: PrismaClient,
  options: { unitId?: number; officialIds?: number[]; now: Date },
): Promise<RosterOfficial[]> {
  const rows = await prisma.official.findMany({
    where: {
      ...(options.unitId !== undefined ? { unitId: options.unitId } : {}),
      ...(options.officialIds ? { id: { in: options.officialIds } } : {}),
    },
    select: {
      id: true,
      name: true,
      position: true,
      phone: true,
      role: true,
      status: true,
      createdAt: true,
      unit: { select: { id: true, code: true, name: true, shortName: true } },
      accounts: {
        select: { channel: true, active: true, linkedAt: true, lastMessageAt: true },
        orderBy: { id: 'asc' },
      },
      linkInvites: {
        where: {
          revokedAt: null,
          OR: [{ expiresAt: null }, { expiresAt: { gt: options.now } }],
        },
        select: { code: true, expiresAt: true, uses: true, maxUses: true },
        orderBy: { id: 'desc' },
      },
    },
    orderBy: [{ unit: { code: 'asc' } }, { id: 'asc' }],
  });
  return rows.map((row) => {
    const invite = row.linkInvites.find((item) => item.uses < item.maxUses);
    return {
      id: row.id,
      name: row.name,
      position: row.position,
      phone: row.phone,
      role: row.role,
      status: row.status,
      createdAt: row.createdAt,
      unit: { id: row.unit.id, code: row.unit.code, name: row.unit.shortName ?? row.unit.name },
      accounts: row.accounts.map((account) => ({ ...account, channel: account.channel as ChannelName })),
      invite: invite ? { code: invite.code, expiresAt: invite.expiresAt } : null,
    };
  });
}
