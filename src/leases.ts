// Short claims kept alive by a heartbeat: a dead instance's reminders and notices move on within seconds.
//
// Claims compare the claiming instance's clock with the holder's: instances must keep their clocks within a
// second or two of each other (NTP), or a fast clock takes over a live instance's claims early.

/** How long a claim holds without a heartbeat. */
export const LEASE_MS = 6_000;
/** How often a live instance extends its claims: three beats per lease, so one slow beat loses nothing. */
export const HEARTBEAT_MS = 2_000;

export interface Heartbeat {
  /** Runs `task` with the claims renewed every HEARTBEAT_MS until it (and every other held task) has finished. */
  hold<T>(task: () => Promise<T>): Promise<T>;
}

/** `renew` extends this instance's claims (one UPDATE); its failures are reported, never thrown. */
export function createHeartbeat(
  renew: () => Promise<unknown>,
  options: { everyMs?: number; onError?: (error: unknown) => void } = {},
): Heartbeat {
  let held = 0;
  let timer: NodeJS.Timeout | undefined;
  let beating = false;
  const beat = () => {
    // One renewal at a time: a slow database must not pile them up.
    if (beating) return;
    beating = true;
    renew()
      .catch((error: unknown) => options.onError?.(error))
      .finally(() => {
        beating = false;
      });
  };
  return {
    async hold(task) {
      held += 1;
      if (!timer) {
        timer = setInterval(beat, options.everyMs ?? HEARTBEAT_MS);
        timer.unref();
      }
      try {
        return await task();
      } finally {
        held -= 1;
        if (held === 0 && timer) {
          clearInterval(timer);
          timer = undefined;
        }
      }
    },
  };
}
