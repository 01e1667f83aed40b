/**
 * YAML with positions: parses with the `yaml` package (YAML 1.2 core schema: no tags that run
 * code), validates with a zod schema, and turns every issue into a Problem at the line and column
 * of the offending field. Client-safe: the studio uses it for live errors, content:check for its
 * report.
 */
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import type { z } from 'zod';
import { fieldName, type FieldPath, type Problem } from './problems';

export interface SourcePosition {
  line: number;
  column: number;
}

export interface ParsedYaml {
  data: unknown;
  /** Syntax errors (the data is then unusable). */
  problems: Problem[];
  /**
   * Where a field's value is in the file (its key with `key: true`); a missing field points at
   * the nearest parent that exists.
   */
  locate(path: FieldPath, options?: { key?: boolean }): SourcePosition;
}

export interface YamlOrigin {
  file: string;
  /** 1-based line of the file where this YAML text starts (front matter starts on line 2). */
  line?: number;
}

function rangeStart(node: unknown): number | null {
  const range = (node as { range?: [number, number, number] } | null)?.range;
  return range ? range[0] : null;
}

export function parseYamlSource(text: string, origin: YamlOrigin): ParsedYaml {
  const lineCounter = new LineCounter();
  const doc: Document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const offsetLine = (origin.line ?? 1) - 1;
  const at = (offset: number): SourcePosition => {
    const pos = lineCounter.linePos(offset);
    return { line: pos.line + offsetLine, column: pos.col };
  };
  const problems: Problem[] = doc.errors.map((error) => {
    const pos = at(error.pos[0]);
    return { file: origin.file, ...pos, message: `YAML: ${error.message.split('\n')[0]}`, origin: 'yaml' as const };
  });
  let data: unknown = null;
  if (problems.length === 0) {
    try {
      data = doc.toJS({ maxAliasCount: 50 });
    } catch (error) {
      problems.push({ file: origin.file, ...at(0), message: `YAML: ${error instanceof Error ? error.message : String(error)}` });
    }
  }
  const locate = (path: FieldPath, options: { key?: boolean } = {}): SourcePosition => {
    let node: unknown = doc.contents;
    let best = rangeStart(node) ?? 0;
    let found = 0;
    for (const segment of path) {
      if (isMap(node)) {
        const pair = node.items.find((p) => (isScalar(p.key) ? String(p.key.value) : String(p.key)) === String(segment));
        if (!pair) break;
        best = rangeStart(pair.key) ?? best;
        node = pair.value;
      } else if (isSeq(node) && typeof segment === 'number') {
        const item = node.items[segment] as Node | undefined;
        if (!item) break;
        best = rangeStart(item) ?? best;
        node = item;
      } else break;
      found += 1;
    }
    // The whole path exists: point at the value itself (the key when it has no value).
    if (found === path.length && node && !options.key) best = rangeStart(node) ?? best;
    return at(best);
  };
  return { data, problems, locate };
}

type Issue = z.core.$ZodIssue;

/** zod reports a failed union as one vague issue: keep the branch that came closest instead. */
function flattenIssue(issue: Issue): Issue[] {
  if (issue.code === 'invalid_union' && issue.errors.length > 0) {
    const branches = issue.errors.map((branch) => branch.flatMap((i) => flattenIssue({ ...i, path: [...issue.path, ...i.path] } as Issue)));
    branches.sort((a, b) => a.length - b.length);
    const best = branches[0];
    if (best && best.length > 0) return best;
  }
  return [issue];
}

/** Validates parsed YAML; returns the data on success and the problems, each at its field. */
export function validateYaml<S extends z.ZodType>(
  parsed: ParsedYaml,
  schema: S,
  origin: YamlOrigin,
): { ok: true; value: z.output<S> } | { ok: false; problems: Problem[] } {
  if (parsed.problems.length > 0) return { ok: false, problems: parsed.problems };
  const result = schema.safeParse(parsed.data ?? {});
  if (result.success) return { ok: true, value: result.data };
  const problems: Problem[] = [];
  for (const issue of result.error.issues.flatMap(flattenIssue)) {
    const path = issue.path.filter((s): s is string | number => typeof s !== 'symbol');
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        problems.push({ file: origin.file, ...parsed.locate([...path, key], { key: true }), field: fieldName([...path, key]), message: `unknown field "${key}"`, origin: 'yaml' });
      }
      continue;
    }
    problems.push({ file: origin.file, ...parsed.locate(path), field: path.length ? fieldName(path) : undefined, message: issue.message, origin: 'yaml' });
  }
  return { ok: false, problems };
}
