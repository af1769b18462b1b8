// A pg client adjusted for how Prisma 7.10 drives it; both adjustments keep pg's behaviour, minus its complaints.
//
// 1. Prisma's schema engine describes a database with catalog queries returning "char" columns
//    (pg_class.relkind). @prisma/adapter-pg has no mapping for that type (OID 18) and fails with
//    "Column type 'char' could not be deserialized". pg returns such values as strings already, so the
//    column is relabelled as text. dondoc's own tables have no "char" columns.
// 2. Prisma's query interpreter sends some queries of one transaction concurrently. pg queues them on
//    the connection anyway, but warns that this is deprecated; queuing them here does the same in order.
import pg from 'pg';

const INTERNAL_CHAR_OID = 18;
const TEXT_OID = 25;

function relabelCharColumns<T>(result: T): T {
  const results = Array.isArray(result) ? result : [result];
  for (const item of results as { fields?: { dataTypeID: number }[] }[]) {
    for (const field of item?.fields ?? []) {
      if (field.dataTypeID === INTERNAL_CHAR_OID) field.dataTypeID = TEXT_OID;
    }
  }
  return result;
}

export class AdapterCompatibleClient extends pg.Client {
  #tail: Promise<unknown> = Promise.resolve();

  override query(...args: unknown[]): never {
    const callSuper = (super.query as (...a: unknown[]) => unknown).bind(this);
    const last = args.at(-1);
    if (typeof last === 'function') {
      args[args.length - 1] = (error: Error | null, result: unknown) =>
        last(error, error ? result : relabelCharColumns(result));
      return callSuper(...args) as never;
    }
    const first = args[0] as { submit?: unknown } | undefined;
    if (first && typeof first.submit === 'function') return callSuper(...args) as never; // cursors and streams
    const run = this.#tail.then(() => callSuper(...args) as Promise<unknown>).then(relabelCharColumns);
    this.#tail = run.catch(() => undefined);
    return run as never;
  }
}
