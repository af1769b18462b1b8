// Which class a send belongs to, carried along the async path: the reply path marks its sends interactive.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { SendClass } from './send-gate.js';

const storage = new AsyncLocalStorage<SendClass>();

/** Runs `task` with every send it makes (directly or through grammY's API) counted as a reply to a user. */
export function asInteractive<T>(task: () => Promise<T>): Promise<T> {
  return storage.run('interactive', task);
}

/** The class of a send made here: bulk unless the reply path said otherwise. */
export function currentSendClass(): SendClass {
  return storage.getStore() ?? 'bulk';
}
