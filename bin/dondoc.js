#!/usr/bin/env node
// The `dondoc` command: the compiled JavaScript in dist/ (built on install), rebuilt first when a source is newer.
import v8 from 'node:v8';
import { distIsStale } from '../scripts/dist-state.mjs';

// WebAssembly (Prisma's query compiler, PGlite) compiled by the baseline compiler only: a one-shot command starts
// sooner and holds less memory, and the bot measured no slower (bench/README.md, "Memory").
v8.setFlagsFromString('--liftoff-only');

if (distIsStale()) {
  const { buildDist } = await import('../scripts/build.mjs');
  const { modules, ms } = await buildDist();
  process.stderr.write(`dondoc built: ${modules} modules in ${ms} ms\n`);
}
const { main, exitAfterOutput } = await import('../dist/src/main.js');
await exitAfterOutput(await main(process.argv.slice(2), process.env, process.cwd()));
