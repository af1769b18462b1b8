// Whether dist/ holds a build of the current sources: a cheap check (file times only) for `dondoc` and npm start.
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const DIST = path.join(ROOT, 'dist');
export const STAMP = path.join(DIST, '.built');
const SOURCES = ['src', 'handlers'];

/** The TypeScript modules that make up the program, relative to the package root. */
export function sourceFiles(dir = undefined) {
  if (dir === undefined) return SOURCES.flatMap((top) => sourceFiles(top));
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const relative = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(relative);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [relative] : [];
  });
}

/** True when there is no build, or a source changed after it. */
export function distIsStale() {
  if (!existsSync(STAMP)) return true;
  const built = statSync(STAMP).mtimeMs;
  return sourceFiles().some((file) => statSync(path.join(ROOT, file)).mtimeMs > built);
}
