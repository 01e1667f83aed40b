/**
 * A Go text/template subset for `docker inspect -f`, `docker ps --format`, `docker network ls
 * --format` and friends. Data is JSON-like (keys are Go field names); objects behave like Go
 * maps (a key works as a field, ranges go in sorted key order). Errors use Go's wording and
 * positions ("template: :1:8: executing "" at <.State.Health...>: ...") because learners paste
 * them into search engines. Nothing here throws: compile and execute return results.
 *
 * Split as Go splits text/template: lex, parse (with node), exec, funcs, and fmt for Go's
 * value printing; strconv and value hold the Go library helpers they share.
 */

import { Executor } from './exec';
import { TemplateFailure, describeUnexpected } from './failure';
import { BUILTINS } from './funcs';
import type { ListNode } from './node';
import { Parser } from './parse';
import type { CompiledTemplate, TemplateError, TemplateFunc } from './types';

export type { CompiledTemplate, ExecuteOptions, ExecuteResult, TemplateError, TemplateFunc } from './types';
export { goStruct, nilSlice } from './value';

/**
 * Parses a template. Custom functions the template calls must be passed here, as Go needs
 * Funcs before Parse: an unknown name is a parse error (`function "foo" not defined`).
 */
export function compileTemplate(src: string, funcs: Record<string, TemplateFunc> = {}): CompiledTemplate | TemplateError {
  let root: ListNode;
  try {
    root = new Parser(src, new Set([...Object.keys(BUILTINS), ...Object.keys(funcs)])).parseTemplate();
  } catch (err) {
    if (err instanceof TemplateFailure) return { ok: false, error: err.message };
    return { ok: false, error: `template: :1: ${describeUnexpected(err)}` };
  }
  return {
    ok: true,
    execute(data, runFuncs = {}, options = {}) {
      const exec = new Executor(src, { ...funcs, ...runFuncs }, options.missingKey ?? 'default');
      try {
        return { ok: true, text: exec.run(root, data) };
      } catch (err) {
        if (err instanceof TemplateFailure) return { ok: false, error: err.message };
        return { ok: false, error: `template: : ${describeUnexpected(err)}` };
      }
    },
  };
}
