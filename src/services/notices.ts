// Notices, as chat, CLI and web console handle them: checked, counted, drafted, sent once, discarded or cancelled.
import type { Actor } from '../db/audit.js';
import {
  type AudienceCount,
  AudienceError,
  audienceAccounts,
  countAccounts,
  createDraft,
  discardDraft,
  findDraft,
  queueBroadcast,
} from '../db/broadcasts.js';
import type { PrismaClient } from '../db/database.js';
import type { ChannelName } from '../db/officials.js';
import { type Audience, parseAudience } from '../domain/audience.js';

/** A notice fits one Telegram message with its header; Zalo splits longer texts itself. */
export const MAX_NOTICE_LENGTH = 3500;

export type NoticeProblem =
  | { kind: 'empty' }
  | { kind: 'too-long'; length: number; max: number }
  | { kind: 'bad-audience'; message: string };

/** What is wrong with a notice's text, if anything. */
export function noticeTextProblem(text: string): NoticeProblem | undefined {
  if (!text.trim()) return { kind: 'empty' };
  if (text.length > MAX_NOTICE_LENGTH) return { kind: 'too-long', length: text.length, max: MAX_NOTICE_LENGTH };
  return undefined;
}

/** Who would get it, per platform; a unit, level or duty nobody knows is a problem, not an error. */
export async function countAudience(
  prisma: PrismaClient,
  audience: Audience,
): Promise<{ count: AudienceCount } | { problem: NoticeProblem }> {
  try {
    return { count: countAccounts(await audienceAccounts(prisma, audience)) };
  } catch (error) {
    if (error instanceof AudienceError) return { problem: { kind: 'bad-audience', message: error.message } };
    throw error;
  }
}

/** A draft: checked and counted, stored, nothing sent until its author confirms it. */
export async function draftNotice(
  prisma: PrismaClient,
  input: { text: string; audience: Audience; authorId: number },
): Promise<{ draftId: number; count: AudienceCount } | { problem: NoticeProblem }> {
  const text = input.text.trim();
  const problem = noticeTextProblem(text);
  if (problem) return { problem };
  const counted = await countAudience(prisma, input.audience);
  if ('problem' in counted) return counted;
  const draftId = await createDraft(prisma, { text, audience: input.audience, createdById: input.authorId });
  return { draftId, count: counted.count };
}

export type DraftDecision =
  | { kind: 'not-yours' }
  | { kind: 'already'; status: string }
  | { kind: 'discarded' }
  | { kind: 'queued'; broadcastId: number; count: AudienceCount };

/**
 * "Send" or "Discard" on a draft: only its own author (whose admin role the caller has checked on this very
 * request), only once; a discard is audited like a cancel.
 */
export async function decideDraft(
  prisma: PrismaClient,
  input: {
    draftId: number;
    send: boolean;
    actor: Actor & { officialId: number };
    /** Where the sender follows the progress (a chat message edited in place). */
    progress?: { channel: ChannelName; chatId: string; messageId?: string };
  },
  now: Date,
): Promise<DraftDecision> {
  const draft = await findDraft(prisma, input.draftId);
  if (!draft || draft.createdById !== input.actor.officialId) return { kind: 'not-yours' };
  if (draft.status !== 'draft') return { kind: 'already', status: draft.status };
  if (!input.send) {
    return (await discardDraft(prisma, draft.id, input.actor, now))
      ? { kind: 'discarded' }
      : { kind: 'already', status: 'cancelled' };
  }
  const audience = parseAudience(draft.audience);
  if ('error' in audience) return { kind: 'already', status: draft.status };
  const queued = await queueBroadcast(
    prisma,
    {
      draftId: draft.id,
      text: draft.text,
      audience,
      actor: input.actor,
      ...(input.progress ? { progress: input.progress } : {}),
    },
    now,
  );
  if (!queued.queued) return { kind: 'already', status: 'queued' };
  return { kind: 'queued', broadcastId: queued.id, count: queued.count };
}

/** A notice sent without a draft (the operator's CLI confirms with --yes). */
export async function sendNotice(
  prisma: PrismaClient,
  input: { text: string; audience: Audience; actor: Actor },
  now: Date,
): Promise<{ broadcastId: number; count: AudienceCount } | { problem: NoticeProblem }> {
  const text = input.text.trim();
  const problem = noticeTextProblem(text);
  if (problem) return { problem };
  const counted = await countAudience(prisma, input.audience);
  if ('problem' in counted) return counted;
  const queued = await queueBroadcast(prisma, { text, audience: input.audience, actor: input.actor }, now);
  return { broadcastId: queued.id, count: queued.count };
}
