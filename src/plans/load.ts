// Reading a plan file from text: YAML or JSON, validated, with every problem pointing at a line.
import { isNode, LineCounter, parseDocument } from 'yaml';
import { PlanFileError } from './errors.js';
import { checkPlanReferences, type PlanFile, planFileSchema } from './format.js';

export { formatIssue, formatPath, type LocatedIssue, PlanFileError } from './errors.js';

/**
 * Parses and validates plan text. YAML is a superset of JSON, so one parser serves both and gives
 * line numbers for either. `knownUnitCodes` and `knownLevelKeys` are what is already stored (the file may
 * use them).
 */
export function parsePlanText(
  text: string,
  fileName: string,
  knownUnitCodes: ReadonlySet<string> = new Set(),
  knownLevelKeys?: ReadonlySet<string>,
): PlanFile {
  const lineCounter = new LineCounter();
  const document = parseDocument(text.replace(/^\uFEFF/, ''), { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (document.errors.length > 0) {
    throw new PlanFileError(
      fileName,
      document.errors.map((error) => ({
        path: [],
        line: lineCounter.linePos(error.pos[0]).line,
        message: error.message.split('\n')[0] ?? 'syntax error',
      })),
    );
  }
  const lineOf = (path: (string | number)[]): number | undefined => {
    for (let length = path.length; length >= 0; length -= 1) {
      const node = document.getIn(path.slice(0, length), true);
      if (isNode(node) && node.range) return lineCounter.linePos(node.range[0]).line;
    }
    return undefined;
  };

  const parsed = planFileSchema.safeParse(document.toJS());
  if (!parsed.success) {
    throw new PlanFileError(
      fileName,
      parsed.error.issues.map((issue) => {
        const path = issue.path.filter((part): part is string | number => typeof part !== 'symbol');
        return { path, line: lineOf(path), message: issue.message };
      }),
    );
  }
  const referenceIssues = checkPlanReferences(parsed.data, knownUnitCodes, knownLevelKeys);
  if (referenceIssues.length > 0) {
    throw new PlanFileError(
      fileName,
      referenceIssues.map((issue) => ({ ...issue, line: lineOf(issue.path) })),
    );
  }
  return parsed.data;
}
