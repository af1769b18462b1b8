import { openBenchPglite, openBenchPostgres } from './databases.js';
import { loadDataset } from './dataset.js';
const kind = process.argv[2]; const n = Number(process.argv[3]);
const db = kind === 'pglite' ? await openBenchPglite('x') : await openBenchPostgres('x', 'dondoc_bench_proto');
console.log('migrate', db.migrateMs);
const r = await loadDataset(db.pool, { duties: n });
console.log(r);
await db.close();
process.exit(0);
