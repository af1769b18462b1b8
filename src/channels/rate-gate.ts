// Spacing sends to a platform's rate: a burst of reminders or broadcasts never exceeds it.
import { setTimeout as sleep } from 'node:timers/promises';

/** Spaces calls evenly at `perSecond` (a token bucket of one): a burst never exceeds the rate. */
export function createRateGate(perSecond: number): { take(signal?: AbortSignal): Promise<void> } {
  const interval = 1000 / perSecond;
  let next = 0;
  return {
    async take(signal) {
      const now = performance.now();
      const at = Math.max(now, next);
      next = at + interval;
      if (at > now) await sleep(at - now, undefined, signal ? { signal } : {});
    },
  };
}
