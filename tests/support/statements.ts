// Every SQL statement the app sends, as the driver saw it, between startRecording() and stopRecording():
// tests count round trips with it, benchmarks time them.
import { performance } from 'node:perf_hooks';
import type pg from 'pg';
import { AdapterCompatibleClient } from '../../src/db/pg-client.js';

/** One statement as the driver saw it: SQL text, parameters and the time from send to result. */
export interface RecordedStatement {
  sql: string;
  values: unknown[];
  ms: number;
  rows: number;
}

let recording: RecordedStatement[] | undefined;
let recorderInstalled = false;

/**
 * Wraps the app's pg client class (every pool the app opens uses it) so that, between startRecording() and
 * stopRecording(), each statement's SQL, parameters and driver-side time are kept. Outside a recording the
 * wrapper only checks one variable. The benchmark makes one call at a time, so one recording is enough.
 */
export function installRecorder(): void {
  if (recorderInstalled) return;
  recorderInstalled = true;
  const original = AdapterCompatibleClient.prototype.query as (this: pg.Client, ...args: unknown[]) => unknown;
  (AdapterCompatibleClient.prototype as { query: unknown }).query = function (
    this: pg.Client,
    ...args: unknown[]
  ): unknown {
    const target = recording;
    if (!target) return original.apply(this, args);
    const first = args[0] as string | { text?: string; values?: unknown[] } | undefined;
    const sql = typeof first === 'string' ? first : (first?.text ?? '');
    const values = (typeof first === 'string' ? args[1] : first?.values) as unknown;
    const started = performance.now();
    const record = (result: unknown) => {
      const rows = (result as { rows?: unknown[] } | undefined)?.rows?.length ?? 0;
      target.push({ sql, values: Array.isArray(values) ? values : [], ms: performance.now() - started, rows });
    };
    const last = args.at(-1);
    if (typeof last === 'function') {
      args[args.length - 1] = (error: Error | null, result: unknown) => {
        if (!error) record(result);
        (last as (e: Error | null, r: unknown) => void)(error, result);
      };
      return original.apply(this, args);
    }
    const returned = original.apply(this, args);
    if (returned && typeof (returned as Promise<unknown>).then === 'function') {
      return (returned as Promise<unknown>).then((result) => {
        record(result);
        return result;
      });
    }
    return returned;
  };
}

export function startRecording(): void {
  installRecorder();
  recording = [];
}

export function stopRecording(): RecordedStatement[] {
  const taken = recording ?? [];
  recording = undefined;
  return taken;
}
