import type { ShellKind } from '../syntax/ast';
import type { ShellHost } from './host';
import { runInteractive, type LineResult } from './run';
import type { Limits } from './shell';
import { newState, type ShellState } from './state';
import { NEVER, type Signal } from '../../util/signal';

/**
 * The thin layer between a terminal session and the interpreter, shaped like today's
 * `execLine(env, ctx, line, io)` in engine/shell/exec.ts: a line and a context in, a status out.
 * The context stays the session's plain, saveable record; the interpreter's richer state
 * (functions, options, attributes, jobs) is kept beside it and rebuilt from it after a restore.
 */

/** The part of an ExecContext the shell reads and writes. */
export interface TerminalContext {
  shell: ShellKind;
  /** Shell variables, saved with the lab; the interpreter writes its globals back here after each line. */
  vars: Record<string, string>;
  /** Which of `vars` are exported (so `export X=1` survives a save); absent means none. */
  exported?: string[];
  cwd?: string;
}

export interface TerminalIO {
  out(text: string): void;
  err(text: string): void;
  signal?: Signal;
  readLine?: (prompt: string) => Promise<string | null>;
  /** The output is the terminal itself (isatty(1) for what the line runs). */
  tty?: boolean;
}

export interface TerminalOptions {
  host: ShellHost;
  /** $? of the previous line (the session keeps it). */
  lastExit: number;
  /** Where the shell starts when the context has no cwd (the image's WORKDIR, or /root). */
  home: string;
  /** $$ of this shell. */
  pid: number;
  /** The environment a login shell starts with (HOME, PATH, HOSTNAME, …), exported. */
  env: Record<string, string>;
  /** Variables the shell sets itself without exporting them (bash's HOSTNAME). */
  shellVars?: Record<string, string>;
  /**
   * Whether the terminal can show a `> ` continuation prompt. Without it, input that needs more
   * lines is reported as the end-of-input syntax error a script would get (today's behaviour).
   */
  continuation: boolean;
  limits?: Partial<Limits>;
}

/** What the context held when the state was last written back (its fields are replaced, never edited). */
interface Saved {
  vars: TerminalContext['vars'];
  exported: TerminalContext['exported'];
  cwd: TerminalContext['cwd'];
}

/** `revision`: the variables' revision when they were last written back. */
const states = new WeakMap<TerminalContext, { state: ShellState; saved: Saved; revision: number }>();

function snapshotOf(ctx: TerminalContext): Saved {
  return { vars: ctx.vars, exported: ctx.exported, cwd: ctx.cwd };
}

/** Whether something else replaced the context's fields since (a restore, `docker exec -e`). */
function unchanged(ctx: TerminalContext, saved: Saved): boolean {
  return ctx.vars === saved.vars && ctx.exported === saved.exported && ctx.cwd === saved.cwd;
}

/** A never-aborted signal for lines run without Ctrl-C (scripts, tests). */
const NO_CTRL_C = NEVER;

/** The interpreter's state for a context: kept across lines, rebuilt if the context was replaced or edited. */
export function stateFor(ctx: TerminalContext, o: Pick<TerminalOptions, 'home' | 'pid' | 'env' | 'shellVars'>): ShellState {
  const known = states.get(ctx);
  if (known && unchanged(ctx, known.saved)) return known.state;
  const vars = new Map([...Object.entries(o.shellVars ?? {}), ...Object.entries(o.env)]);
  for (const [k, v] of Object.entries(ctx.vars)) if (typeof v === 'string') vars.set(k, v);
  const exported = [...Object.keys(o.env), ...(Array.isArray(ctx.exported) ? ctx.exported : [])];
  const state = newState({ shell: ctx.shell, cwd: ctx.cwd ?? o.home, pid: o.pid, vars, exported });
  if (known) {
    // Keep what the record cannot hold (functions, options, jobs) when only variables changed.
    state.functions = known.state.functions;
    state.options = known.state.options;
    state.jobs = known.state.jobs;
  }
  states.set(ctx, { state, saved: snapshotOf(ctx), revision: -1 });
  return state;
}

/** Writes the shell's global variables and directory back to the saveable context. */
function saveBack(ctx: TerminalContext, state: ShellState, env: Record<string, string>, shellVars: Record<string, string> = {}): void {
  // Most lines set no variable and stay where they are: the record already says what it should.
  const known = states.get(ctx);
  if (known?.state === state && known.revision === state.vars.revision && unchanged(ctx, known.saved) && ctx.cwd === state.cwd) return;
  const vars: Record<string, string> = Object.create(null) as Record<string, string>;
  const exported: string[] = [];
  for (const [k, v] of state.vars.globalEntries()) {
    if (v.value === undefined || k === 'IFS' || k === 'PS4' || k === 'PWD') continue;
    if (Object.hasOwn(env, k) && env[k] === v.value) continue;
    if (!v.exported && Object.hasOwn(shellVars, k) && shellVars[k] === v.value) continue;
    vars[k] = v.value;
    if (v.exported && !Object.hasOwn(env, k)) exported.push(k);
  }
  ctx.vars = { ...vars };
  if (exported.length > 0 || ctx.exported) ctx.exported = exported;
  ctx.cwd = state.cwd;
  states.set(ctx, { state, saved: snapshotOf(ctx), revision: state.vars.revision });
}

/**
 * Runs one terminal line. Returns the interpreter's result: 'incomplete' (only with continuation),
 * 'done' with the status for $?, or 'exit' when `exit` (or `set -e`) ended the shell, which the
 * session turns into leaving the container or ssh hop, as the `exit` program does today.
 */
export async function execTerminalLine(ctx: TerminalContext, line: string, io: TerminalIO, o: TerminalOptions): Promise<LineResult> {
  const state = stateFor(ctx, o);
  state.status = o.lastExit;
  const host = io.readLine && !o.host.readLine ? { ...o.host, readLine: io.readLine } : o.host;
  const result = await runInteractive(line, {
    host,
    state,
    signal: io.signal ?? NO_CTRL_C,
    out: io.out,
    err: io.err,
    stdin: null,
    limits: o.limits,
    continuation: o.continuation,
    tty: io.tty === true,
  });
  saveBack(ctx, state, o.env, o.shellVars);
  return result;
}
