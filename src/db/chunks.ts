// Long `IN (...)` lists are sent in slices: PostgreSQL takes at most 32,767 parameters in one statement.

/** Ids per statement: far below the limit, large enough that slicing is rare. */
export const IN_LIST_LIMIT = 10_000;

/** Runs `query` on slices of `ids` and concatenates the results, in slice order. */
export async function inSlices<Id, Row>(ids: readonly Id[], query: (slice: Id[]) => Promise<Row[]>): Promise<Row[]> {
  const unique = [...new Set(ids)];
  if (unique.length <= IN_LIST_LIMIT) return query(unique);
  const results: Row[] = [];
  for (let start = 0; start < unique.length; start += IN_LIST_LIMIT) {
    results.push(...(await query(unique.slice(start, start + IN_LIST_LIMIT))));
  }
  return results;
}
