// `npx tsx scripts/code-report.ts`: imports between src/ and handlers/, the longest files and functions.
// For reviews of the code's structure (numbers quoted in closing notes); nothing depends on it.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const ROOTS = ['src', 'handlers'];
const IGNORED = /src\/generated\//;

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return files(full);
    return entry.name.endsWith('.ts') && !IGNORED.test(full) ? [full] : [];
  });
}

const all = ROOTS.flatMap(files);
const imports = { srcToHandlers: 0, handlersToSrc: 0 };
const functions: { name: string; lines: number }[] = [];
const sizes: { file: string; lines: number }[] = [];

for (const file of all) {
  const text = readFileSync(file, 'utf8');
  sizes.push({ file, lines: text.split('\n').length });
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const lineOf = (position: number) => source.getLineAndCharacterOfPosition(position).line;
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) {
      const specifier =
        node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier) ? node.moduleSpecifier.text : '';
      const target = path.normalize(path.join(path.dirname(file), specifier));
      if (specifier.startsWith('.')) {
        if (file.startsWith('src/') && target.startsWith('handlers/')) imports.srcToHandlers += 1;
        if (file.startsWith('handlers/') && target.startsWith('src/')) imports.handlersToSrc += 1;
      }
    }
    if (ts.isFunctionLike(node) && 'body' in node && node.body) {
      const span = (n: ts.Node) => lineOf(n.end) - lineOf(n.getStart(source)) + 1;
      // A factory's own lines: the named functions inside it are counted as functions of their own.
      let inner = 0;
      const nested = (child: ts.Node) => {
        if (ts.isFunctionDeclaration(child) && child.body) inner += span(child);
        else if (ts.isVariableDeclaration(child) && child.initializer && ts.isArrowFunction(child.initializer))
          inner += span(child.initializer);
        else ts.forEachChild(child, nested);
      };
      ts.forEachChild(node.body, nested);
      const named = node.name && ts.isIdentifier(node.name) ? node.name.text : undefined;
      const parent =
        ts.isVariableDeclaration(node.parent) && ts.isIdentifier(node.parent.name) ? node.parent.name.text : undefined;
      if (named ?? parent)
        functions.push({
          name: `${file}:${lineOf(node.getStart(source)) + 1} ${named ?? parent}`,
          lines: span(node) - inner,
        });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
}

console.log(`imports src → handlers: ${imports.srcToHandlers}; handlers → src: ${imports.handlersToSrc}`);
console.log('\nlongest files:');
for (const { file, lines } of sizes.sort((a, b) => b.lines - a.lines).slice(0, 8)) console.log(`  ${lines}\t${file}`);
console.log('\nlongest functions (own lines: the named functions inside a factory count on their own):');
for (const { name, lines } of functions.sort((a, b) => b.lines - a.lines).slice(0, 15))
  console.log(`  ${lines}\t${name}`);
