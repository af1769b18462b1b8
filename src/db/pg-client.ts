// A pg client that reports PostgreSQL's internal "char" type as text, so Prisma's schema engine can read catalogs.
//
// The schema engine describes a database with catalog queries returning "char" columns (pg_class.relkind,
// pg_constraint.contype). @prisma/adapter-pg 7.10 has no mapping for that type (OID 18) and fails with
// "Column type 'char' could not be deserialized". pg already returns such values as strings, so relabelling
// the column as text is exact. dondoc's own tables have no "char" columns, so nothing else changes.
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

export class CatalogFriendlyClient extends pg.Client {
  override query(...args: unknown[]): never {
    const last = args.at(-1);
    if (typeof last === 'function') {
      args[args.length - 1] = (error: Error | null, result: unknown) => last(error, error ? result : relabelCharColumns(result));
      return (super.query as (...a: unknown[]) => never)(...args);
    }
    const returned = (super.query as (...a: unknown[]) => unknown)(...args);
    if (returned instanceof Promise) return returned.then(relabelCharColumns) as never;
    return returned as never;
  }
}
