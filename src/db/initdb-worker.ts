// Creates a new embedded database folder (PGlite's initdb) in a worker thread: initdb grows PGlite's WebAssembly
// memory to some 600 MB, which a WebAssembly instance never gives back; the worker's goes when it ends.
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';

export type InitdbOutcome = { created: true } | { error: string };

async function initdb(dataDir: string, settings: string[]): Promise<InitdbOutcome> {
  try {
    const pglite = await PGlite.create(dataDir, { postgresqlconf: settings });
    await pglite.close();
    return { created: true };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

if (parentPort && workerData?.initdb) {
  const port = parentPort;
  const { dataDir, settings } = workerData.initdb as { dataDir: string; settings: string[] };
  initdb(dataDir, settings).then((outcome) => port.postMessage(outcome));
}
