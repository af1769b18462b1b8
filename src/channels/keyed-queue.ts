// Runs tasks one at a time per key (per chat), concurrently across keys: a chat's messages keep their order.
export interface KeyedQueue {
  push(key: string, task: () => Promise<void>): Promise<void>;
  /** Resolves when every queued task has finished (for shutdown). */
  idle(): Promise<void>;
}

export function createKeyedQueue(): KeyedQueue {
  const tails = new Map<string, Promise<void>>();
  return {
    push(key, task) {
      const previous = tails.get(key) ?? Promise.resolve();
      const next = previous.then(task, task).finally(() => {
        if (tails.get(key) === next) tails.delete(key);
      });
      tails.set(key, next);
      return next;
    },
    async idle() {
      while (tails.size > 0) await Promise.allSettled([...tails.values()]);
    },
  };
}
