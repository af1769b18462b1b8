// `npm run build`: the TypeScript of src/ and handlers/ transpiled to dist/ (esbuild, one file per module, no
// bundling), so production runs plain JavaScript with no loader. Types are checked by `npm test` (tsc), not here.
// `--if-stale` builds only when a source is newer than the last build (npm start and bin/dondoc.js use it).
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { DIST, distIsStale, ROOT, STAMP, sourceFiles } from './dist-state.mjs';

export async function buildDist() {
  const { build } = await import('esbuild');
  const files = sourceFiles();
  const started = performance.now();
  // Built beside dist/ and swapped in, so a process starting meanwhile finds the old build or the new one.
  const fresh = `${DIST}.${process.pid}.tmp`;
  rmSync(fresh, { recursive: true, force: true });
  mkdirSync(fresh, { recursive: true });
  await build({
    absWorkingDir: ROOT,
    entryPoints: files,
    outdir: fresh,
    outbase: '.',
    format: 'esm',
    platform: 'node',
    target: 'node20',
    sourcemap: 'linked',
    logLevel: 'warning',
  });
  writeFileSync(STAMP.replace(DIST, fresh), `${new Date().toISOString()}\n`);
  const old = `${DIST}.${process.pid}.old`;
  rmSync(old, { recursive: true, force: true });
  try {
    renameSync(DIST, old);
  } catch {
    // No earlier build.
  }
  renameSync(fresh, DIST);
  rmSync(old, { recursive: true, force: true });
  return { modules: files.length, ms: Math.round(performance.now() - started) };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  if (!process.argv.includes('--if-stale') || distIsStale()) {
    const { modules, ms } = await buildDist();
    process.stderr.write(`dondoc built: ${modules} modules in ${ms} ms → dist/\n`);
  }
}
