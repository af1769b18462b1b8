// The group post worker: claims due posts to units' work groups, renders the reminder or notice, sends, records.
import { setTimeout as sleep } from 'node:timers/promises';
import type { OutgoingChannel } from '../channels/channel.js';
import { dutyCard } from '../chat/duty-card.js';
import { bold } from '../chat/rich.js';
import type { Reply } from '../chat/types.js';
import { broadcastText } from '../db/broadcasts.js';
import type { PrismaClient } from '../db/database.js';
import { unitDeadline } from '../db/escalation.js';
import {
  type ClaimedPost,
  claimDuePosts,
  finishPost,
  type LinkedGroup,
  type PostOutcome,
  postGroup,
  releasePostClaims,
  renewPostClaims,
  unitReportedDone,
} from '../db/groups.js';
import type { ChannelName } from '../db/officials.js';
import { reminderWindow } from '../db/reminders.js';
import { localDateAt } from '../domain/dates.js';
import { followUpStatus } from '../domain/follow-up.js';
import type { Translate, Translations } from '../i18n.js';
import { createHeartbeat, LEASE_MS } from '../leases.js';
import type { Logger } from '../logger.js';
import { ledgerKindInfo, stillOverdue } from '../reminders/escalation.js';
import { MAX_ATTEMPTS, reminderHeader, retryDelayMs } from '../reminders/worker.js';

/** How often the loop looks for due posts. */
export const GROUP_LOOP_MS = 2_000;
const BATCH = 20;
/** A few sends at once: each group is one chat, so one waiting for its spacing holds up its own lane only. */
const LANES = 4;

export interface GroupWorker {
  /** Claims and sends what is due at `now`; resolves with the number of posts handled. */
  runOnce(now?: Date): Promise<number>;
  start(): void;
  stop(): Promise<void>;
}

export function createGroupWorker(options: {
  prisma: PrismaClient;
  channels: Partial<Record<ChannelName, OutgoingChannel>>;
  translations: Translations;
  logger: Logger;
  instance: string;
  /** The Telegram bot's username, for the private-chat link under a reminder. */
  telegramUsername?: () => string | undefined;
  now?: () => Date;
  loopMs?: number;
}): GroupWorker {
  const { prisma } = options;
  const log = options.logger.child({ part: 'groups' });
  const clock = options.now ?? (() => new Date());
  const abort = new AbortController();
  let loop: Promise<void> | undefined;
  let sendingAt: (() => number) | undefined;
  const heartbeat = createHeartbeat(
    () => renewPostClaims(prisma, options.instance, new Date((sendingAt ?? (() => clock().getTime()))() + LEASE_MS)),
    { onError: (error) => log.warn({ err: error }, 'renewing group post claims failed') },
  );
  // Groups have no language of their own: the offices are Vietnamese.
  const t: Translate = options.translations.vi;

  /** Why a reminder to a unit's group should not go now, checked again at sending like an official's reminder. */
  async function reminderStop(post: ClaimedPost, group: LinkedGroup, now: Date): Promise<string | undefined> {
    const occurrenceId = post.occurrenceId ?? 0;
    const window = await reminderWindow(prisma, occurrenceId);
    if (!window || window.retired) return 'duty retired';
    const info = ledgerKindInfo(post.reminderKind ?? '');
    if (info.type === 'overdue') {
      const row = await unitDeadline(prisma, occurrenceId, group.unit.id);
      const late =
        row && stillOverdue(followUpStatus({ ...row, today: localDateAt(now, row.timeZone) }), info.daysLate);
      return late ? undefined : 'unit done or deadline extended';
    }
    if (info.type === 'escalate') return 'escalations are not posted to groups';
    return (await unitReportedDone(prisma, occurrenceId, group.unit.id)) ? 'unit reported done' : undefined;
  }

  async function render(post: ClaimedPost, group: LinkedGroup, now: Date): Promise<Reply | string> {
    const link = `https://t.me/${options.telegramUsername?.() ?? ''}`;
    if (post.broadcastId !== null) {
      const notice = await broadcastText(prisma, post.broadcastId);
      if (!notice || notice.status === 'cancelled') return 'broadcast cancelled';
      return { text: [bold(t('broadcast-header')), '\n\n', notice.text] };
    }
    if (post.occurrenceId === null || post.reminderKind === null) return 'nothing to post';
    const stop = await reminderStop(post, group, now);
    if (stop) return stop;
    const window = await reminderWindow(prisma, post.occurrenceId);
    if (!window) return 'occurrence gone';
    // The card the unit's officials get, as the unit's group reads it: its status, no report buttons.
    const card = await dutyCard(
      prisma,
      t,
      localDateAt(now, window.timeZone),
      { occurrenceId: post.occurrenceId },
      { id: 0, unit: group.unit },
      'group',
    );
    if (!card) return 'occurrence gone';
    return {
      text: [
        bold(reminderHeader(t, post.reminderKind)),
        '\n\n',
        ...card.text,
        '\n\n',
        t('group-report-private', { link }),
      ],
    };
  }

  /** Sends one post; 'gone' when the bot is no longer in its group (the group's other posts are not tried). */
  async function send(post: ClaimedPost, now: Date): Promise<'done' | 'gone'> {
    const finish = async (outcome: PostOutcome, gone = false) => {
      await finishPost(prisma, post.id, options.instance, outcome);
      return gone ? ('gone' as const) : ('done' as const);
    };
    if (post.expiresAt && post.expiresAt <= now) return finish({ state: 'cancelled', reason: 'no longer useful' });
    const group = await postGroup(prisma, post.groupId);
    if (!group?.active) return finish({ state: 'cancelled', reason: 'group inactive' });
    if (!group.unit.groupDelivery) return finish({ state: 'cancelled', reason: 'group delivery off' });
    const channel = options.channels[group.channel];
    if (!channel)
      return finish({
        state: 'retry',
        at: new Date(now.getTime() + 60_000),
        error: `${group.channel} is not running here`,
      });
    const reply = await render(post, group, now);
    if (typeof reply === 'string') return finish({ state: 'cancelled', reason: reply });
    const outcome = await channel.deliver(group.chatId, [reply]);
    if (outcome.ok) {
      log.debug({ id: post.id, key: post.key }, 'group post sent');
      return finish({ state: 'sent', at: clock() });
    }
    // The adapter has made the group inactive and cancelled its other pending posts: nothing more goes there.
    if (outcome.reason === 'blocked')
      return finish({ state: 'failed', reason: `bot not in the group: ${outcome.error}` });
    if (post.attempts >= MAX_ATTEMPTS) return finish({ state: 'failed', reason: outcome.error });
    const wait = outcome.retryAfterSeconds ? outcome.retryAfterSeconds * 1000 : retryDelayMs(post.attempts);
    return finish({ state: 'retry', at: new Date(clock().getTime() + wait), error: outcome.error });
  }

  function runOnce(at?: Date): Promise<number> {
    const now = at ?? clock();
    const started = performance.now();
    sendingAt = () => now.getTime() + (performance.now() - started);
    return heartbeat.hold(async () => {
      const claims = await claimDuePosts(prisma, { instance: options.instance, now, limit: BATCH, leaseMs: LEASE_MS });
      // One lane per group at a time, its posts in order: when the bot was removed, the first send learns it and
      // the group's other posts are cancelled unsent, so a removed bot costs one failed request, not one per post.
      const byGroup = new Map<number, ClaimedPost[]>();
      for (const post of claims) byGroup.set(post.groupId, [...(byGroup.get(post.groupId) ?? []), post]);
      const queues = [...byGroup.values()];
      let next = 0;
      const unstarted: number[] = [];
      const lane = async () => {
        for (let queue = queues[next++]; queue !== undefined; queue = queues[next++]) {
          let gone = false;
          for (const post of queue) {
            // Shutting down: what was not started is given back at once.
            if (abort.signal.aborted) {
              unstarted.push(post.id);
              continue;
            }
            try {
              if (gone)
                await finishPost(prisma, post.id, options.instance, { state: 'cancelled', reason: 'group inactive' });
              else gone = (await send(post, now)) === 'gone';
            } catch (error) {
              // Left claimed: after the lease this or another instance tries again.
              log.error({ err: error, id: post.id }, 'sending a group post failed');
            }
          }
        }
      };
      await Promise.all(Array.from({ length: LANES }, lane));
      if (unstarted.length > 0) await releasePostClaims(prisma, options.instance, unstarted);
      return claims.length;
    });
  }

  return {
    runOnce,
    start() {
      loop ??= (async () => {
        while (!abort.signal.aborted) {
          const handled = await runOnce().catch((error: unknown) => {
            log.error({ err: error }, 'group post round failed');
            return 0;
          });
          if (handled < BATCH)
            await sleep(options.loopMs ?? GROUP_LOOP_MS, undefined, { signal: abort.signal }).catch(() => undefined);
        }
      })();
    },
    async stop() {
      abort.abort();
      await loop;
    },
  };
}
