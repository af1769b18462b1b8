// Signing in to the web console without passwords: an admin asks for a one-time link (chat /quantri, `dondoc admin
// link`), valid 10 minutes; opening it creates a session. Tokens come from crypto.randomBytes; only their sha256 is
// stored, so a copy of the database signs nobody in. The CSRF token is derived from the session id (HMAC), so it
// needs no storage and is known only to whoever holds the cookie.
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Actor } from '../db/audit.js';
import type { PrismaClient } from '../db/database.js';
import { findOfficial } from '../db/officials.js';
import {
  createLoginLink,
  type LinkRefusal,
  listSessions,
  peekLoginLink,
  redeemLoginLink,
  revokeSessions,
  touchSession,
  type WebSessionIdentity,
  type WebSessionRow,
} from '../db/web.js';

export const LOGIN_LINK_MINUTES = 10;
/** The path a sign-in link opens; the token travels in the query string, which no log line carries. */
export const LOGIN_PATH = '/admin/login';
export const SESSION_COOKIE = 'dondoc_session';

export interface SessionPolicy {
  idleMs: number;
  maxMs: number;
}

/** 32 random bytes, URL-safe. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Tokens we hand out are 43 characters of base64url; anything else is refused before the database is asked. */
export function looksLikeToken(value: string | undefined): value is string {
  return typeof value === 'string' && /^[A-Za-z0-9_-]{43}$/.test(value);
}

export type LinkOutcome = { kind: 'not-admin' } | { kind: 'created'; url: string; expiresAt: Date };

/** A one-time sign-in link for an admin (the role is read here, whoever asks). */
export async function issueLoginLink(
  prisma: PrismaClient,
  input: { officialId: number; publicBaseUrl: string; via: string; actor: Actor; now: Date },
): Promise<LinkOutcome> {
  const official = await findOfficial(prisma, input.officialId);
  if (official?.role !== 'admin' || official.status !== 'active') return { kind: 'not-admin' };
  const token = newToken();
  const expiresAt = new Date(input.now.getTime() + LOGIN_LINK_MINUTES * 60_000);
  await createLoginLink(prisma, {
    tokenHash: tokenHash(token),
    officialId: official.id,
    via: input.via,
    expiresAt,
    actor: input.actor,
  });
  return { kind: 'created', url: `${input.publicBaseUrl}${LOGIN_PATH}?token=${token}`, expiresAt };
}

export async function inspectLoginLink(
  prisma: PrismaClient,
  token: string | undefined,
  now: Date,
): Promise<{ officialName: string } | { refused: LinkRefusal }> {
  if (!looksLikeToken(token)) return { refused: 'unknown' };
  return peekLoginLink(prisma, tokenHash(token), now);
}

/** Uses the link: a new session id (the cookie's value) or why not. */
export async function signInWithLink(
  prisma: PrismaClient,
  input: { token: string | undefined; now: Date; policy: SessionPolicy; userAgent: string | undefined },
): Promise<{ sessionToken: string; officialId: number } | { refused: LinkRefusal }> {
  if (!looksLikeToken(input.token)) return { refused: 'unknown' };
  const sessionToken = newToken();
  const result = await redeemLoginLink(prisma, {
    tokenHash: tokenHash(input.token),
    sessionHash: tokenHash(sessionToken),
    now: input.now,
    sessionMaxMs: input.policy.maxMs,
    userAgent: input.userAgent,
  });
  if ('refused' in result) return result;
  return { sessionToken, officialId: result.officialId };
}

export type SessionCheck =
  | { kind: 'none' }
  | { kind: 'not-admin'; session: WebSessionIdentity }
  | { kind: 'admin'; session: WebSessionIdentity };

/** The session behind a cookie value, with the official's role read again for this very request. */
export async function checkSession(
  prisma: PrismaClient,
  cookie: string | undefined,
  now: Date,
  policy: SessionPolicy,
): Promise<SessionCheck> {
  if (!looksLikeToken(cookie)) return { kind: 'none' };
  const session = await touchSession(prisma, tokenHash(cookie), now, policy.idleMs);
  if (!session) return { kind: 'none' };
  if (session.official.role !== 'admin' || session.official.status !== 'active') return { kind: 'not-admin', session };
  return { kind: 'admin', session };
}

/** The CSRF token of a session: an HMAC of a fixed label keyed by the session id. */
export function csrfToken(sessionToken: string): string {
  return createHmac('sha256', sessionToken).update('dondoc-web-csrf').digest('base64url');
}

/** Constant time in the token's content. */
export function csrfMatches(sessionToken: string, given: string | undefined): boolean {
  if (typeof given !== 'string') return false;
  const digest = (text: string) => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest(csrfToken(sessionToken)), digest(given));
}

export async function signOut(
  prisma: PrismaClient,
  session: { sessionId: number; officialId: number },
  now: Date,
): Promise<void> {
  await revokeSessions(
    prisma,
    { sessionId: session.sessionId, officialId: session.officialId },
    { officialId: session.officialId, label: 'web' },
    now,
  );
}

export async function signOutOthers(
  prisma: PrismaClient,
  session: { sessionId: number; officialId: number },
  now: Date,
): Promise<number> {
  return revokeSessions(
    prisma,
    { officialId: session.officialId, except: session.sessionId },
    { officialId: session.officialId, label: 'web' },
    now,
  );
}

export async function sessionsOf(
  prisma: PrismaClient,
  options: { officialId?: number; liveOnly: boolean; now: Date; policy: SessionPolicy },
): Promise<WebSessionRow[]> {
  return listSessions(prisma, {
    ...(options.officialId !== undefined ? { officialId: options.officialId } : {}),
    liveOnly: options.liveOnly,
    now: options.now,
    idleMs: options.policy.idleMs,
  });
}

export { revokeSessions };
