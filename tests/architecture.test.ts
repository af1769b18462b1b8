// The code's structure, kept: only the composition root knows the chat handlers, and only src/db talks to Prisma.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const relative = path.posix.join(dir, entry.name);
    if (entry.isDirectory()) return relative === 'src/generated' ? [] : sourceFiles(relative);
    return entry.name.endsWith('.ts') ? [relative] : [];
  });
}

const FILES = [...sourceFiles('src'), ...sourceFiles('handlers')];

/** Where each relative import of a file points, as a path from the project root. */
function importsOf(file: string): string[] {
  const text = readFileSync(path.join(ROOT, file), 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false);
  const targets: string[] = [];
  const visit = (node: ts.Node) => {
    const specifier =
      (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) &&
      node.moduleSpecifier &&
      ts.isStringLiteral(node.moduleSpecifier)
        ? node.moduleSpecifier.text
        : ts.isCallExpression(node) &&
            node.expression.kind === ts.SyntaxKind.ImportKeyword &&
            node.arguments[0] &&
            ts.isStringLiteral(node.arguments[0])
          ? node.arguments[0].text
          : undefined;
    if (specifier?.startsWith('.'))
      targets.push(path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier)));
    ts.forEachChild(node, visit);
  };
  visit(source);
  return targets;
}

/** A Prisma delegate call (`prisma.duty.findMany`, `tx.unit.update`) or a raw query / transaction. */
const PRISMA_USE =
  /\b(?:prisma|tx|client)\s*\.\s*(?:\$(?:queryRaw|executeRaw|queryRawUnsafe|executeRawUnsafe|transaction)\b|[a-z][A-Za-z]*\s*\.\s*(?:findMany|findUnique|findUniqueOrThrow|findFirst|findFirstOrThrow|create|createMany|createManyAndReturn|update|updateMany|upsert|delete|deleteMany|count|aggregate|groupBy)\s*\()/;

describe('the code structure', () => {
  it('finds the files it checks', () => {
    expect(FILES.length).toBeGreaterThan(50);
    expect(FILES).toContain('src/main.ts');
    expect(FILES).toContain('handlers/conversation.ts');
  });

  it('lets only the composition root (src/main.ts) import handlers/', () => {
    const offenders = FILES.filter((file) => file !== 'src/main.ts' && file.startsWith('src/')).flatMap((file) =>
      importsOf(file)
        .filter((target) => target.startsWith('handlers/'))
        .map((target) => `${file} → ${target}`),
    );
    expect(offenders).toEqual([]);
  });

  it('keeps Prisma calls and the generated client inside src/db', () => {
    const outside = FILES.filter((file) => !file.startsWith('src/db/'));
    const calls = outside.flatMap((file) =>
      readFileSync(path.join(ROOT, file), 'utf8')
        .split('\n')
        .flatMap((line, index) => (PRISMA_USE.test(line) ? [`${file}:${index + 1}: ${line.trim()}`] : [])),
    );
    const generated = outside.flatMap((file) =>
      importsOf(file)
        .filter((target) => target.startsWith('src/generated/'))
        .map((target) => `${file} → ${target}`),
    );
    expect(calls).toEqual([]);
    expect(generated).toEqual([]);
  });

  it('would notice a Prisma call or a handler import if one came back', () => {
    expect(PRISMA_USE.test('const d = await ctx.deps.prisma.duty.findUnique({ where })')).toBe(true);
    expect(PRISMA_USE.test('await prisma.$queryRaw`SELECT 1`')).toBe(true);
    expect(PRISMA_USE.test('await tx.unit.update({})')).toBe(true);
    expect(PRISMA_USE.test('await listLevels(prisma)')).toBe(false);
    expect(PRISMA_USE.test('const { prisma } = database;')).toBe(false);
  });
});
