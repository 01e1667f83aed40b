import { formatSyntaxError } from '../syntax/errors';
import { parse } from '../syntax/parser';
import { ENGINE } from './engine';
import type { ShellHost, Sink } from './host';
import { Unwind, type IO } from './io';
import { defaultLimits, Shell, type Limits } from './shell';
import { newState, type ShellState } from './state';
import type { Signal } from '../../util/signal';

/** The interpreter's entry points: a line typed at a terminal, and a script. */

export interface RunOptions {
  host: ShellHost;
  /** The shell's state; kept by the caller between lines (variables, functions, options, cwd). */
  state: ShellState;
  /** Ctrl-C. */
  signal: Signal;
  out: Sink;
  err: Sink;
  /** Standard input's text, or null when it is the terminal. */
  stdin: string | null;
  /** Shells this one runs inside (a host starting `sh` passes ExecRequest.depth + 1). */
  depth?: number;
  limits?: Partial<Limits>;
  /**
   * runInteractive: whether the terminal can ask for more lines (a `> ` prompt). Without it,
   * input that needs more is the end-of-input syntax error a script would get. Default true.
   */
  continuation?: boolean;
  /** `out` is a terminal (isatty(1)), as for a line typed at the prompt or `sh -c` run from one. */
  tty?: boolean;
}

export type LineResult =
  /** The input needs more lines (open quote, `if` without `fi`, trailing `|`): show `> ` and resend it with the next line. */
  | { kind: 'incomplete' }
  | { kind: 'done'; status: number }
  /** `exit` (or `set -e`) ended the shell itself. */
  | { kind: 'exit'; status: number };

function ioOf(o: RunOptions): IO {
  return { fds: [o.stdin === null ? null : { text: o.stdin, pos: 0 }, o.out, o.err] };
}

/** Each shell kind's default limits, built once (a shell is made for every line). */
const DEFAULT_LIMITS = new Map<string, Limits>();

function limitsFor(o: RunOptions): Limits {
  if (o.limits) return { ...defaultLimits(o.state.shell), ...o.limits };
  let limits = DEFAULT_LIMITS.get(o.state.shell);
  if (!limits) DEFAULT_LIMITS.set(o.state.shell, (limits = Object.freeze(defaultLimits(o.state.shell))));
  return limits;
}

function makeShell(o: RunOptions, interactive: boolean, source: string): Shell {
  const limits = limitsFor(o);
  return new Shell({ engine: ENGINE, host: o.host, state: o.state, interactive, source, depth: o.depth ?? 0, signal: o.signal, limits, ...(o.tty ? { tty: o.out } : {}) });
}

/** Refuses to start a shell nested deeper than the limit (`sh < x` where x runs `sh < x`). */
function tooDeep(o: RunOptions, sh: Shell): boolean {
  if ((o.depth ?? 0) <= sh.limits.shellDepth) return false;
  o.err(`sim: more than ${sh.limits.shellDepth} shells started inside each other (a script that runs itself?); stopped\n`);
  return true;
}

function settle(e: unknown): { kind: 'exit' | 'done'; status: number } {
  if (!(e instanceof Unwind)) throw e;
  return { kind: e.kind === 'exit' ? 'exit' : 'done', status: e.status };
}

/** Whether typed text needs more lines before it can run (an open quote, `if` without `fi`, a here-document). */
export function needsMoreInput(text: string, shell: ShellState['shell']): boolean {
  const src = text.endsWith('\n') ? text : `${text}\n`;
  const parsed = parse(src, { shell, interactive: true });
  return !parsed.ok && parsed.incomplete === true;
}

/**
 * Runs what was typed at a terminal. The whole text is parsed first: incomplete input runs nothing
 * (the terminal asks for more), a syntax error runs nothing and prints the shell's message.
 */
export async function runInteractive(text: string, o: RunOptions): Promise<LineResult> {
  const state = o.state;
  const sh = makeShell(o, true, 'stdin');
  const src = text.endsWith('\n') ? text : `${text}\n`;
  const parsed = parse(src, { shell: state.shell, interactive: o.continuation ?? true });
  if (!parsed.ok) {
    if (parsed.incomplete) return { kind: 'incomplete' };
    // The newline added above is not a line the learner typed.
    const error = { ...parsed.error, line: Math.min(parsed.error.line, src.split('\n').length - 1) };
    o.err(formatSyntaxError(error, state.shell, { name: state.arg0, interactive: true, source: 'stdin' }, src));
    state.status = state.shell === 'zsh' ? 1 : 2;
    return { kind: 'done', status: state.status };
  }
  if (tooDeep(o, sh)) return { kind: 'done', status: 2 };
  let result: { kind: 'done' | 'exit'; status: number };
  try {
    result = { kind: 'done', status: await ENGINE.execScript(sh, parsed.script, ioOf(o)) };
  } catch (e) {
    result = settle(e);
  }
  state.status = result.status;
  return result;
}

/**
 * Runs a script (`sh -c '…'`, `sh file`, `sh < file`) to its end: command by command, so a syntax
 * error stops it only where it stands. `source` names it in messages: '-c', 'stdin' or the file.
 */
export async function runScript(text: string, o: RunOptions & { source: string }): Promise<number> {
  const sh = makeShell(o, false, o.source);
  if (tooDeep(o, sh)) return 2;
  let status: number;
  try {
    status = await sh.runText(text, ioOf(o), o.source);
  } catch (e) {
    status = settle(e).status;
  }
  o.state.status = status;
  return status;
}

/** The state of a shell started as a program (`sh -c`): the caller's environment, exported. */
export function stateFromEnv(o: {
  shell: ShellState['shell'];
  env: ReadonlyMap<string, string>;
  cwd: string;
  pid: number;
  arg0?: string;
  positional?: string[];
}): ShellState {
  return newState({ shell: o.shell, cwd: o.cwd, pid: o.pid, arg0: o.arg0, positional: o.positional, vars: o.env, exported: o.env.keys() });
}
