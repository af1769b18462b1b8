// src/channels/keyed-queue.ts: one task at a time per key in push order, keys concurrent, failures isolated, idle() waits for all.
import { describe, expect, it } from 'vitest';
import { createKeyedQueue } from '../../src/channels/keyed-queue.js';

interface Deferred {
  promise: Promise<void>;
  resolve: () => void;
  reject: (error: Error) => void;
}

function deferred(): Deferred {
  let resolve!: () => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Lets every already-settled promise chain run (one macrotask turn); no clock involved. */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('src/channels/keyed-queue', () => {
  it('runs the tasks of one key strictly in push order, each after the previous one finished', async () => {
    const queue = createKeyedQueue();
    const log: string[] = [];
    const gates = [deferred(), deferred(), deferred()];
    gates.forEach((gate, index) => {
      queue.push('chat-1', async () => {
        log.push(`start ${index}`);
        await gate.promise;
        log.push(`end ${index}`);
      });
    });

    await settle();
    expect(log).toEqual(['start 0']);
    // The later tasks are done waiting before the first: they still wait their turn.
    gates[2]?.resolve();
    gates[1]?.resolve();
    await settle();
    expect(log).toEqual(['start 0']);
    gates[0]?.resolve();
    await queue.idle();
    expect(log).toEqual(['start 0', 'end 0', 'start 1', 'end 1', 'start 2', 'end 2']);
  });

  it('runs tasks of different keys concurrently', async () => {
    const queue = createKeyedQueue();
    const log: string[] = [];
    const slow = deferred();
    const fast = deferred();
    const first = queue.push('chat-1', async () => {
      log.push('start chat-1');
      await slow.promise;
      log.push('end chat-1');
    });
    void queue.push('chat-2', async () => {
      log.push('start chat-2');
      await fast.promise;
      log.push('end chat-2');
    });

    await settle();
    expect(log).toEqual(['start chat-1', 'start chat-2']);
    // chat-2 finishes while chat-1 is still busy.
    fast.resolve();
    await settle();
    expect(log).toEqual(['start chat-1', 'start chat-2', 'end chat-2']);
    slow.resolve();
    await first;
    expect(log.at(-1)).toBe('end chat-1');
  });

  it('goes on with the next task of a key after one rejects, and hands the error to its caller', async () => {
    const queue = createKeyedQueue();
    const log: string[] = [];
    const gate = deferred();
    const failing = queue.push('chat-1', async () => {
      log.push('failing');
      await gate.promise;
    });
    const next = queue.push('chat-1', async () => {
      log.push('next');
    });

    gate.reject(new Error('handler crashed'));
    await expect(failing).rejects.toThrow('handler crashed');
    await expect(next).resolves.toBeUndefined();
    expect(log).toEqual(['failing', 'next']);
  });

  it('goes on after a task that throws synchronously', async () => {
    const queue = createKeyedQueue();
    const log: string[] = [];
    const failing = queue.push('chat-1', () => {
      throw new Error('sync');
    });
    const next = queue.push('chat-1', async () => {
      log.push('next');
    });
    await expect(failing).rejects.toThrow('sync');
    await next;
    expect(log).toEqual(['next']);
  });

  it('resolves idle() only after every task of every key has finished', async () => {
    const queue = createKeyedQueue();
    const gates = { a1: deferred(), a2: deferred(), b1: deferred() };
    const finished: string[] = [];
    for (const [name, gate] of Object.entries(gates)) {
      void queue
        .push(name.slice(0, 1), async () => {
          await gate.promise;
          finished.push(name);
        })
        .catch(() => undefined);
    }
    let idle = false;
    const waiting = queue.idle().then(() => {
      idle = true;
    });

    gates.a1.resolve();
    await settle();
    expect(idle).toBe(false);
    gates.b1.reject(new Error('failed, still counts as finished'));
    await settle();
    expect(idle).toBe(false);
    gates.a2.resolve();
    await waiting;
    expect(idle).toBe(true);
    expect(finished.sort()).toEqual(['a1', 'a2']);
  });

  it('waits in idle() for tasks pushed while it was waiting', async () => {
    const queue = createKeyedQueue();
    const first = deferred();
    const later = deferred();
    let laterDone = false;
    void queue.push('chat-1', async () => {
      await first.promise;
      void queue.push('chat-2', async () => {
        await later.promise;
        laterDone = true;
      });
    });
    let idle = false;
    const waiting = queue.idle().then(() => {
      idle = true;
    });

    first.resolve();
    await settle();
    expect(idle).toBe(false);
    later.resolve();
    await waiting;
    expect(laterDone).toBe(true);
  });

  it('resolves idle() at once when nothing is queued, and again after the queue drained', async () => {
    const queue = createKeyedQueue();
    await queue.idle();
    await queue.push('chat-1', async () => undefined);
    await queue.idle();
  });
});
