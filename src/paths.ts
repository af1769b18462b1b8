// Where dondoc's own files are (locales, migrations, shipped plans), from the package root: the TypeScript
// sources (src/paths.ts) and the compiled JavaScript (dist/src/paths.js) read the same folders.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

/** The folder holding package.json, locales/, prisma/ and plans/. */
export const PROJECT_ROOT =
  path.basename(path.dirname(here)) === 'dist' ? path.dirname(path.dirname(here)) : path.dirname(here);

export function projectPath(...parts: string[]): string {
  return path.join(PROJECT_ROOT, ...parts);
}
