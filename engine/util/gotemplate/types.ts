/** The public types of the template engine. */

/** A template function. It may throw; the message becomes Go's `error calling NAME: ...`. */
export type TemplateFunc = (...args: unknown[]) => unknown;

export interface TemplateError {
  ok: false;
  error: string;
}

export type ExecuteResult = { ok: true; text: string } | { ok: false; error: string };

export interface ExecuteOptions {
  /**
   * What a missing map key does. 'default' (Go's default) yields a missing value, printed
   * as "<no value>", and so does a field of null. 'error' is `missingkey=error`, which
   * `docker inspect` uses when it falls back to the raw JSON: `map has no entry for key "X"`.
   */
  missingKey?: 'default' | 'error';
}

export interface CompiledTemplate {
  ok: true;
  /**
   * Runs the template. `funcs` may replace the implementation of any function the template
   * was compiled with (docker swaps in header versions for table headers).
   */
  execute(data: unknown, funcs?: Record<string, TemplateFunc>, options?: ExecuteOptions): ExecuteResult;
}
