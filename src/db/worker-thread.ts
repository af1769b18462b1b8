// Runs one job of this folder's in a worker thread and returns its one message: the memory a WebAssembly engine
// takes there (Prisma's schema engine, PGlite's initdb) goes back when the worker ends.
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

/** `entry` is a module of src/db without extension (e.g. "migration-worker"); `workerData` reaches it as is. */
export async function runInWorker<T>(entry: string, workerData: unknown): Promise<T> {
  // From the TypeScript sources (tests, scripts) the worker registers tsx's loader before importing its entry.
  const fromSource = import.meta.url.endsWith('.ts');
  const url = new URL(`./${entry}.${fromSource ? 'ts' : 'js'}`, import.meta.url);
  const workerUrl = fromSource
    ? new URL(
        `data:text/javascript,${encodeURIComponent(
          `const { register } = await import(${JSON.stringify(tsxApi())}); register(); await import(${JSON.stringify(url.href)});`,
        )}`,
      )
    : url;
  const worker = new Worker(workerUrl, { workerData });
  return new Promise<T>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the ${entry} thread stopped (exit code ${code})`)));
  }).finally(() => worker.terminate());
}

function tsxApi(): string {
  const api = createRequire(import.meta.url).resolve('tsx/esm/api');
  return pathToFileURL(api.replace(/index\.cjs$/, 'index.mjs')).href;
}
