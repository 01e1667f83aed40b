/**
 * A problem in the course's content, pinned to a file, line and column, so `content:check`, the
 * lab console, the build and the studio all report it the same way: `file:line:col: field "x": why`.
 */

export type FieldPath = readonly (string | number)[];

export interface Problem {
  /** Path of the file relative to the project (content/<slug>/lesson.mdx, .../exercises/<id>.yaml). */
  file: string;
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
  /** The field in the file's YAML ("goal.networks[0].subnet"), when the problem is about one. */
  field?: string;
  message: string;
  /** 'yaml': a YAML syntax or schema problem (an editor with the JSON Schema finds it too). */
  origin?: 'yaml';
}

/** "goal.networks[0].subnet" for ['goal', 'networks', 0, 'subnet']. */
export function fieldName(path: FieldPath): string {
  let out = '';
  for (const segment of path) out += typeof segment === 'number' ? `[${segment}]` : out === '' ? segment : `.${segment}`;
  return out;
}

export function formatProblem(p: Problem): string {
  return `${p.file}:${p.line}:${p.column}: ${p.field ? `field "${p.field}": ` : ''}${p.message}`;
}

export function sortProblems(problems: Problem[]): Problem[] {
  return [...problems].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);
}
