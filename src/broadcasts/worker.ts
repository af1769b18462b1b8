// The broadcast worker: claims queued deliveries, sends them at each platform's rate, retries, reports progress.
import { setTimeout as sleep } from 'node:timers/promises';
import type { OutgoingChannel } from '../channels/channel.js';
import { bold } from '../chat/rich.js';
import type { Reply } from '../chat/types.js';
import {
  type BroadcastProgress,
  broadcastProgress,
  broadcastText,
  type ClaimedDelivery,
  chatLocale,
  claimDeliveries,
  deliveryAccount,
  finishCompleted,
  finishDelivery,
  releaseDeliveryClaims,
  renewDeliveryClaims,
} from '../db/broadcasts.js';
import type { PrismaClient } from '../db/database.js';
import type { ChannelName } from '../db/officials.js';
import type { Translate, Translations } from '../i18n.js';
import { createHeartbeat, LEASE_MS } from '../leases.js';
import type { Logger } from '../logger.js';

/** Short, and renewed by a heartbeat while sending: a dead instance's deliveries are taken within seconds. */
export const DELIVERY_LEASE_MS = LEASE_MS;
/** Tries per recipient before the delivery is given up with its reason. */
export const MAX_DELIVERY_ATTEMPTS = 5;
const BATCH = 50;
const PARALLEL_SENDS = 8;
/** Deliveries a lane claims at once: few, so a lane's claims do not sit waiting behind a slow send. */
const LANE_BATCH = 5;
/** The admin's progress message is edited at most this often (Telegram limits edits too). */
const PROGRESS_EVERY_MS = 3_000;

export interface BroadcastWorker {
  /** Sends what can be claimed now; resolves with the number of deliveries handled. */
  runOnce(now?: Date): Promise<number>;
  /** Keeps running until stopped, resting briefly when there is nothing to send. */
  start(): void;
  stop(): Promise<void>;
}

export function createBroadcastWorker(options: {
  prisma: PrismaClient;
  channels: Partial<Record<ChannelName, OutgoingChannel>>;
  translations: Translations;
  logger: Logger;
  instance: string;
  idleMs?: number;
  now?: () => Date;
}): BroadcastWorker {
  const { prisma, channels } = options;
  const log = options.logger.child({ part: 'broadcasts' });
  const clock = options.now ?? (() => new Date());
  const lastProgress = new Map<number, number>();
  let loop: Promise<void> | undefined;
  const abort = new AbortController();
  const heartbeat = createHeartbeat(
    () => renewDeliveryClaims(prisma, options.instance, new Date(clock().getTime() + DELIVERY_LEASE_MS)),
    { onError: (error) => log.warn({ err: error }, 'renewing delivery claims failed') },
  );

  async function deliverOne(
    claim: ClaimedDelivery,
    now: Date,
    texts: Map<number, Promise<{ text: string; status: string } | undefined>>,
  ): Promise<void> {
    const finish = (outcome: Parameters<typeof finishDelivery>[3]) =>
      finishDelivery(prisma, claim.id, options.instance, outcome);
    let broadcast = texts.get(claim.broadcastId);
    if (!broadcast) {
      broadcast = broadcastText(prisma, claim.broadcastId);
      texts.set(claim.broadcastId, broadcast);
    }
    const notice = await broadcast;
    if (!notice || notice.status === 'cancelled') return finish({ state: 'cancelled', reason: 'broadcast cancelled' });
    const account = await deliveryAccount(prisma, claim.accountId);
    if (!account?.reachable) return finish({ state: 'failed', reason: 'recipient no longer reachable' });
    const channel = channels[account.channel];
    if (!channel)
      return finish({
        state: 'retry',
        at: new Date(now.getTime() + 60_000),
        error: `${account.channel} is not running here`,
      });
    const t = options.translations[account.locale];
    const reply: Reply = { text: [bold(t('broadcast-header')), '\n\n', notice.text] };
    const outcome = await channel.deliver(account.chatId, [reply]);
    if (outcome.ok)
      return finish({
        state: 'sent',
        at: clock(),
        ...(outcome.messageIds[0] ? { messageId: outcome.messageIds[0] } : {}),
      });
    if (outcome.reason === 'blocked') return finish({ state: 'failed', reason: `blocked: ${outcome.error}` });
    if (claim.attempts >= MAX_DELIVERY_ATTEMPTS) return finish({ state: 'failed', reason: outcome.error });
    // Telegram's retry_after when it gave one, else a growing wait.
    const wait = outcome.retryAfterSeconds
      ? outcome.retryAfterSeconds * 1000
      : Math.min(5_000 * 2 ** (claim.attempts - 1), 300_000);
    return finish({ state: 'retry', at: new Date(clock().getTime() + wait), error: outcome.error });
  }

  async function reportProgress(ids: number[], finished: Set<number>): Promise<void> {
    for (const id of ids) {
      const last = lastProgress.get(id) ?? 0;
      if (!finished.has(id) && Date.now() - last < PROGRESS_EVERY_MS) continue;
      lastProgress.set(id, Date.now());
      const progress = await broadcastProgress(prisma, id);
      if (!progress?.progress) continue;
      const channel = channels[progress.progress.channel];
      if (!channel) continue;
      const t = options.translations[await chatLocale(prisma, progress.progress.channel, progress.progress.chatId)];
      const reply = progressReply(progress, t);
      if (progress.progress.messageId && channel.edit)
        await channel.edit(progress.progress.chatId, progress.progress.messageId, reply);
      // Without edits (Zalo) the admin gets the final count only, not a message per batch.
      else if (finished.has(id)) await channel.deliver(progress.progress.chatId, [reply]);
    }
  }

  function runOnce(at?: Date): Promise<number> {
    return runRound(at ?? clock(), BATCH, PARALLEL_SENDS);
  }

  /** Claims a few deliveries and sends them, the claims kept alive by the heartbeat until they are finished. */
  function runRound(now: Date, limit: number, parallel: number): Promise<number> {
    return heartbeat.hold(() => sendRound(now, limit, parallel));
  }

  async function sendRound(now: Date, limit: number, parallel: number): Promise<number> {
    const claims = await claimDeliveries(prisma, {
      instance: options.instance,
      now,
      limit,
      leaseMs: DELIVERY_LEASE_MS,
    });
    if (claims.length === 0) return 0;
    const texts = new Map<number, Promise<{ text: string; status: string } | undefined>>();
    // A few at a time: one recipient's network round trip overlaps another's database work; the
    // channel's own gate keeps the platform's rate.
    let next = 0;
    const unstarted: number[] = [];
    const lane = async () => {
      for (let claim = claims[next++]; claim !== undefined; claim = claims[next++]) {
        // Shutting down: what was not started is given back for another instance (or the next start) at once.
        if (abort.signal.aborted) {
          unstarted.push(claim.id);
          continue;
        }
        try {
          await deliverOne(claim, now, texts);
        } catch (error) {
          // Left claimed: after the lease this or another instance tries again.
          log.error({ err: error, delivery: claim.id }, 'broadcast delivery failed');
        }
      }
    };
    await Promise.all(Array.from({ length: parallel }, lane));
    if (unstarted.length > 0) await releaseDeliveryClaims(prisma, options.instance, unstarted);
    const ids = [...new Set(claims.map((claim) => claim.broadcastId))];
    const finished = new Set(await finishCompleted(prisma, ids, clock()));
    for (const id of finished) log.info({ broadcast: id }, 'broadcast finished');
    await reportProgress(ids, finished).catch((error: unknown) => log.warn({ err: error }, 'progress update failed'));
    return claims.length;
  }

  return {
    runOnce,
    start() {
      // Independent lanes, each claiming a few deliveries at a time: a send that waits out a 429's
      // retry_after holds up its own lane only, while the others keep the channel's rate gate busy.
      loop ??= Promise.all(
        Array.from({ length: PARALLEL_SENDS }, async () => {
          while (!abort.signal.aborted) {
            const handled = await runRound(clock(), LANE_BATCH, 1).catch((error: unknown) => {
              log.error({ err: error }, 'broadcast round failed');
              return 0;
            });
            if (handled === 0)
              await sleep(options.idleMs ?? 2_000, undefined, { signal: abort.signal }).catch(() => undefined);
          }
        }),
      ).then(() => undefined);
    },
    async stop() {
      abort.abort();
      await loop;
    },
  };
}

export function progressReply(progress: BroadcastProgress, t: Translate): Reply {
  return {
    text: [
      bold(t('broadcast-progress-title', { id: progress.id, status: progress.status })),
      '\n',
      t('broadcast-progress', {
        sent: progress.sent,
        failed: progress.failed,
        remaining: progress.remaining,
        total: progress.total,
      }),
    ],
  };
}
