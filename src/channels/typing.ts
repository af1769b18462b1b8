// "typing…" while an answer takes longer than a moment, at most one every few seconds per chat.

export interface Typing {
  /** Runs `task`; if it has not finished after a moment, the chat is shown "typing" until it does. */
  around<T>(chatId: string, task: () => Promise<T>): Promise<T>;
}

export function createTyping(options: {
  send(chatId: string): Promise<void>;
  /** How long an answer may take before "typing" is shown (default 1 s). */
  afterMs?: number;
  /** Telegram shows an action for about 5 s: repeated this often while the answer is still coming (default 4 s). */
  everyMs?: number;
}): Typing {
  const afterMs = options.afterMs ?? 1_000;
  const everyMs = options.everyMs ?? 4_000;
  const lastSent = new Map<string, number>();
  return {
    async around(chatId, task) {
      let timer: NodeJS.Timeout | undefined;
      const show = () => {
        const now = performance.now();
        if ((lastSent.get(chatId) ?? Number.NEGATIVE_INFINITY) + everyMs <= now) {
          lastSent.set(chatId, now);
          if (lastSent.size > 10_000) for (const [chat, at] of lastSent) if (at + everyMs <= now) lastSent.delete(chat);
          // "typing" is a courtesy: a failure to show it changes nothing.
          options.send(chatId).catch(() => undefined);
        }
        timer = setTimeout(show, everyMs);
        timer.unref();
      };
      timer = setTimeout(show, afterMs);
      timer.unref();
      try {
        return await task();
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
