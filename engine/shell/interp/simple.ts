import type { FunctionDef, SimpleCommand } from '../syntax/ast';
import { builtinFor, SPECIAL_BUILTINS } from './builtins/index';
import { HOST_BUILTINS } from './builtins/lookup';
import { assignVar } from './assign';
import { err, FunctionReturn, Unwind, type IO } from './io';
import { functionNestText, notFoundText, readonlyText } from './messages';
import { applyRedirects } from './redirect';
import { execRequest } from './request';
import type { Shell } from './shell';

/** Simple commands: expansion, assignments, redirections, then a function, a builtin or a program. */

type Assign = [string, string];

/** How `set -x` shows a word: bare if it is safe, else in single quotes (dash never quotes). */
function traceWord(sh: Shell, w: string): string {
  if (sh.shell === 'dash' || /^[A-Za-z0-9_@%+=:,./-]+$/.test(w)) return w;
  return `'${w.replace(/'/g, `'\\''`)}'`;
}

function trace(sh: Shell, io: IO, words: string[]): void {
  if (!sh.state.options.xtrace) return;
  err(io, `${sh.state.vars.get('PS4') ?? '+ '}${words.map((w) => traceWord(sh, w)).join(' ')}\n`);
}

async function assignments(sh: Shell, cmd: SimpleCommand, io: IO): Promise<Assign[]> {
  const out: Assign[] = [];
  for (const a of cmd.assigns) {
    let value = await sh.engine.expandWord(sh, a.value, io, true);
    if (a.append) value = (sh.state.vars.get(a.name) ?? '') + value;
    out.push([a.name, value]);
  }
  return out;
}

export async function execSimple(sh: Shell, cmd: SimpleCommand, io: IO): Promise<number> {
  sh.line = cmd.line;
  const turn = sh.tick();
  if (turn) await turn;
  const argv = cmd.words.length > 0 ? await sh.engine.expandWords(sh, cmd.words, io) : [];
  if (argv.length === 0) {
    // Only assignments (and redirections): they happen in this shell; the status is the last
    // `$(…)`'s, else 0 — but `x=$?` must still see the previous command's status.
    const substs = sh.substitutions;
    // One after another: `a=2 b=$a` sees the new a.
    for (const a of cmd.assigns) {
      let value = await sh.engine.expandWord(sh, a.value, io, true);
      if (a.append) value = (sh.state.vars.get(a.name) ?? '') + value;
      trace(sh, io, [`${a.name}=${value}`]);
      assignVar(sh, io, a.name, value);
    }
    const status = sh.substitutions !== substs ? sh.state.status : 0;
    if (cmd.redirects.length > 0) {
      const r = await applyRedirects(sh, cmd.redirects, io);
      if (typeof r === 'number') return r;
      r.close();
    }
    return status;
  }
  const assigns = await assignments(sh, cmd, io);
  trace(sh, io, [...assigns.map(([k, v]) => `${k}=${v}`), ...argv]);
  if (cmd.redirects.length === 0) return dispatch(sh, argv, assigns, io, true);
  const r = await applyRedirects(sh, cmd.redirects, io);
  if (typeof r === 'number') return r;
  try {
    return await dispatch(sh, argv, assigns, r.io, true);
  } finally {
    r.close();
  }
}

/**
 * Runs argv: a special builtin, a function (unless `command` asked to skip them), a builtin, or a
 * program of the host. Prefix assignments last only for the command, except before special
 * builtins in the POSIX shells, where they stay.
 */
export async function dispatch(sh: Shell, argv: string[], assigns: Assign[], io: IO, functions: boolean): Promise<number> {
  const name = argv[0]!;
  const special = SPECIAL_BUILTINS.has(name) ? builtinFor(sh.shell, name) : undefined;
  if (special && sh.shell !== 'bash' && sh.shell !== 'zsh') {
    for (const [k, v] of assigns) assignVar(sh, io, k, v);
    return special(sh, argv, io);
  }
  const fn = functions ? sh.state.functions.get(name) : undefined;
  const builtin = special ?? builtinFor(sh.shell, name);
  if (fn || builtin) {
    return withTemporary(sh, io, assigns, () => (fn ? callFunction(sh, fn, argv.slice(1), io) : builtin!(sh, argv, io)));
  }
  let env = sh.state.vars.exported();
  if (assigns.length > 0) {
    const withAssigns = new Map(env);
    for (const [k, v] of assigns) withAssigns.set(k, v);
    env = withAssigns;
  }
  const status = await sh.host.exec(execRequest(sh, argv, env, io));
  if (status === null) {
    sh.diag(io, notFoundText(sh.shell, name));
    return 127;
  }
  // Ctrl-C ends the line. A program that caught it says what $? is (ping prints its statistics and
  // exits 0); a builtin of the real shell (echo) is just interrupted: 130.
  if (sh.signal.aborted) throw new Unwind('abort', HOST_BUILTINS.has(name) ? 130 : status);
  const turn = sh.tick();
  if (turn) await turn;
  return status;
}

/** `X=1 cmd` for a function or builtin: X is set (and exported) while it runs, then restored. */
async function withTemporary(sh: Shell, io: IO, assigns: Assign[], run: () => Promise<number>): Promise<number> {
  if (assigns.length === 0) return run();
  const vars = sh.state.vars;
  vars.pushScope();
  try {
    for (const [k, v] of assigns) {
      if (vars.attrs(k)?.readonly) {
        const [text, status] = readonlyText(sh.shell, k);
        sh.fatal(io, text, status);
      }
      vars.declareLocal(k, v, false);
      vars.mark(k, 'exported');
    }
    return await run();
  } finally {
    vars.popScope();
  }
}

export async function callFunction(sh: Shell, fn: FunctionDef, args: string[], io: IO): Promise<number> {
  if (sh.funcNest >= sh.limits.functionNest) {
    const m = functionNestText(sh.shell, fn.name, sh.limits.functionNest);
    sh.limit(io, m.text, m.status, m.bare);
  }
  const saved = sh.state.positional;
  const loops = sh.loops;
  sh.state.positional = args;
  sh.funcNest++;
  sh.state.vars.pushScope();
  // In bash and dash a function cannot break its caller's loop; ash and zsh let it.
  if (sh.shell === 'bash' || sh.shell === 'dash') sh.loops = 0;
  try {
    return await sh.engine.execCommand(sh, fn.body, io);
  } catch (e) {
    if (e instanceof FunctionReturn) return e.status;
    throw e;
  } finally {
    sh.state.vars.popScope();
    sh.funcNest--;
    sh.loops = loops;
    sh.state.positional = saved;
  }
}
