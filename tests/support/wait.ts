// Polls a condition (sync or async) until it holds, for tests waiting on work that runs elsewhere.
import { setTimeout as sleep } from 'node:timers/promises';

export interface WaitOptions {
  /** How long to keep trying (default 15 s). */
  timeoutMs?: number;
  /** Pause between checks (default 25 ms). */
  intervalMs?: number;
  /** What is awaited, for the timeout's message. */
  what?: string;
}

/** Resolves once `condition()` is true; rejects when it throws, or once `timeoutMs` has passed without it holding. */
export async function waitUntil(
  condition: () => boolean | Promise<boolean>,
  { timeoutMs = 15_000, intervalMs = 25, what }: WaitOptions = {},
): Promise<void> {
  const started = Date.now();
  while (!(await condition())) {
    if (Date.now() - started > timeoutMs)
      throw new Error(`waitUntil: timed out after ${timeoutMs} ms waiting for ${what ?? String(condition)}`);
    await sleep(intervalMs);
  }
}
