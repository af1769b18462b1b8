// A plan file's problems, each at its line: in a module of its own, so the CLI names them without loading the parser.
import type { PlanIssue } from './format.js';

export interface LocatedIssue extends PlanIssue {
  line?: number;
}

export class PlanFileError extends Error {
  constructor(
    readonly fileName: string,
    readonly issues: LocatedIssue[],
  ) {
    super(
      `${fileName}: ${issues.length} problem${issues.length === 1 ? '' : 's'}\n${issues.map((issue) => `  ${formatIssue(fileName, issue)}`).join('\n')}`,
    );
    this.name = 'PlanFileError';
  }
}

export function formatIssue(fileName: string, issue: LocatedIssue): string {
  const where = issue.line ? `${fileName}:${issue.line}` : fileName;
  const path = formatPath(issue.path);
  return `${where}${path ? ` ${path}` : ''}: ${issue.message}`;
}

export function formatPath(path: (string | number)[]): string {
  return path.map((part, index) => (typeof part === 'number' ? `[${part}]` : index === 0 ? part : `.${part}`)).join('');
}
