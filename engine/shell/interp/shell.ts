import type { Command, Script, Word, WordPart } from '../syntax/ast';
import { diagPrefix, formatSyntaxError, type Origin } from '../syntax/errors';
import { Parser, failure } from '../syntax/parser';
import type { FieldBuilder } from './fields';
import type { ShellHost, Sink } from './host';
import { ChildSignal, Collector, err, Unwind, type IO } from './io';
import { subshellState, MAX_VALUE, type ShellState } from './state';
import type { Signal } from '../../util/signal';

/** How far the interpreter lets a command go before it stops it with the shell's own error. */
export interface Limits {
  /** Function calls nested (bash's FUNCNEST; dash stops at 1000, zsh at 500). */
  functionNest: number;
  /** eval, source, `$(…)` and `( … )` nested inside each other. */
  nest: number;
  /** Shells started inside shells (`sh -c`, `sh < file`), counted by the host through ExecRequest.depth. */
  shellDepth: number;
  /** Work between two yields to the page, in milliseconds. */
  yieldMs: number;
}

export function defaultLimits(shell: ShellState['shell']): Limits {
  return { functionNest: shell === 'zsh' ? 500 : 1000, nest: 400, shellDepth: 40, yieldMs: 8 };
}

/**
 * The interpreter's parts, reached through the shell rather than imported, so that the modules
 * (expansion, commands, builtins) can call each other without import cycles. Wired in engine.ts.
 */
export interface Engine {
  execScript(sh: Shell, script: Script, io: IO): Promise<number>;
  execCommand(sh: Shell, cmd: Command, io: IO): Promise<number>;
  /** Runs argv as a command (function, builtin or program); `functions` false is `command name`. */
  dispatch(sh: Shell, argv: string[], assigns: [string, string][], io: IO, functions: boolean): Promise<number>;
  expandWords(sh: Shell, words: Word[], io: IO): Promise<string[]>;
  expandWord(sh: Shell, w: Word, io: IO, assignment?: boolean): Promise<string>;
  expandPattern(sh: Shell, w: Word, io: IO): Promise<string>;
  addParts(sh: Shell, parts: WordPart[], fb: FieldBuilder, io: IO, quoted: boolean, litSplits?: boolean): Promise<void>;
  arithValue(sh: Shell, text: string, io: IO): bigint;
}

export interface ShellConfig {
  engine: Engine;
  host: ShellHost;
  state: ShellState;
  /** A terminal's shell: prompts, job numbers, messages without line numbers. */
  interactive: boolean;
  /** Where commands come from, for messages: '-c', 'stdin', or a script's path. */
  source: string;
  depth: number;
  signal: Signal;
  limits: Limits;
  /** The terminal's output sink when stdout is a terminal (isatty(1)); a program writing to it is told so. */
  tty?: Sink;
}

/** Shared by a shell and its subshells: when the page last got to breathe. */
interface Budget {
  lastYield: number;
  steps: number;
}

/** One running shell: its state plus where it is (line, nesting) while it runs. */
export class Shell {
  readonly engine: Engine;
  readonly host: ShellHost;
  readonly state: ShellState;
  readonly interactive: boolean;
  readonly source: string;
  /** Where the commands now running came from (changes while `eval` or `.` runs). */
  private where: { source: string; sourced: boolean };
  readonly depth: number;
  readonly signal: Signal;
  readonly limits: Limits;
  /** The terminal's sink, when this shell's stdout started as a terminal. */
  readonly tty: Sink | undefined;
  line = 1;
  /** eval / source / command substitution / subshell nesting. */
  nest = 0;
  funcNest = 0;
  sourceNest = 0;
  evalNest = 0;
  /** Loops enclosing the current command (for break/continue). */
  loops = 0;
  /** >0 inside an `if`/`while` condition, left of `&&`/`||`, or after `!`: `set -e` does not apply there. */
  cond = 0;
  /** Command substitutions run so far (an assignment's status is that of the last one). */
  substitutions = 0;
  /** True inside a subshell (`( … )`, `$(…)`, a pipeline stage). */
  readonly isSubshell: boolean;
  private budget: Budget;

  constructor(cfg: ShellConfig, budget?: Budget, isSubshell = false) {
    this.engine = cfg.engine;
    this.host = cfg.host;
    this.state = cfg.state;
    this.interactive = cfg.interactive;
    this.source = cfg.source;
    this.where = { source: cfg.source, sourced: false };
    this.depth = cfg.depth;
    this.signal = cfg.signal;
    this.limits = cfg.limits;
    this.tty = cfg.tty;
    this.isSubshell = isSubshell;
    this.budget = budget ?? { lastYield: this.now(), steps: 0 };
  }

  get shell() {
    return this.state.shell;
  }

  private now(): number {
    return this.host.now ? this.host.now() : Date.now();
  }

  origin(): Origin {
    return { name: this.state.arg0, interactive: this.interactive, ...this.where, line: this.line };
  }

  /** Prints a diagnostic with the shell's prefix (`bash: `, `sh: 1: `) to the command's stderr. */
  diag(io: IO, body: string, bare = false): void {
    err(io, `${bare ? '' : diagPrefix(this.shell, this.origin())}${body}\n`);
  }

  /** A fatal error: printed, then the command line (or script) ends with `status`. */
  fatal(io: IO, body: string, status: number, bare = false): never {
    this.diag(io, body, bare);
    throw new Unwind('fatal', status);
  }

  /** A nesting limit reached: like a fatal error, but subshells do not stop it. */
  limit(io: IO, body: string, status: number, bare = false): never {
    this.diag(io, body, bare);
    throw new Unwind('fatal', status, true);
  }

  /**
   * Called before every command and loop turn: stops on Ctrl-C and, after a few milliseconds of
   * work, waits for a macrotask so the page keeps handling input while a loop runs.
   */
  tick(): Promise<void> | undefined {
    if (this.signal.aborted) throw new Unwind('abort', 130);
    if ((++this.budget.steps & 63) !== 0) return undefined;
    const now = this.now();
    if (now - this.budget.lastYield < this.limits.yieldMs) return undefined;
    return this.yieldTurn();
  }

  /** Lets the page run (a macrotask), then goes on unless Ctrl-C came meanwhile. */
  private async yieldTurn(): Promise<void> {
    await this.host.yield(this.signal);
    this.budget.lastYield = this.now();
    if (this.signal.aborted) throw new Unwind('abort', 130);
  }

  /** A shell derived from this one, where it stands now (line, nesting, loops, conditions). */
  private derive(changes: Partial<ShellConfig>, budget: Budget | undefined, isSubshell: boolean): Shell {
    const cfg: ShellConfig = {
      engine: this.engine,
      host: changes.host ?? this.host,
      state: changes.state ?? this.state,
      interactive: this.interactive,
      source: this.source,
      depth: this.depth,
      signal: changes.signal ?? this.signal,
      limits: this.limits,
      ...(this.tty ? { tty: this.tty } : {}),
    };
    const child = new Shell(cfg, budget, isSubshell);
    child.where = this.where;
    child.line = this.line;
    child.nest = this.nest;
    child.funcNest = this.funcNest;
    child.sourceNest = this.sourceNest;
    child.evalNest = this.evalNest;
    child.loops = this.loops;
    child.cond = this.cond;
    return child;
  }

  /** A child shell working on a copy of the state; `break` there cannot reach the parent's loops. */
  subshell(signal?: Signal): Shell {
    const sub = this.derive(signal ? { state: subshellState(this.state), signal } : { state: subshellState(this.state) }, this.budget, true);
    sub.loops = 0;
    return sub;
  }

  /** The same shell under another Ctrl-C signal (a pipeline stage or `$(…)` that a full pipe can stop). */
  withSignal(signal: Signal): Shell {
    return this.derive({ signal }, this.budget, this.isSubshell);
  }

  /** The shell a background job runs in: its own Ctrl-C (the job's controller), host and yields. */
  forJob(signal: Signal, host: ShellHost = this.host): Shell {
    const job = this.derive({ signal, host }, undefined, true);
    job.loops = 0;
    job.cond = 0;
    return job;
  }

  /** Runs `( … )`, a pipeline stage or `$(…)` body in a subshell; exit and fatal errors end only it. */
  async inSubshell(io: IO, run: (sub: Shell) => Promise<number>, signal?: Signal): Promise<number> {
    if (this.nest >= this.limits.nest) this.limit(io, `sim: subshells and command substitutions nested more than ${this.limits.nest} deep; stopped`, 1, true);
    const sub = this.subshell(signal);
    sub.nest++;
    try {
      return await run(sub);
    } catch (e) {
      if (e instanceof Unwind && e.kind !== 'abort' && !e.escapes) return e.status;
      throw e;
    }
  }

  /**
   * `$(…)`: the output with trailing newlines removed; `$?` becomes the substitution's status.
   * Output past the limit stops the command inside, as a full pipe would.
   */
  async commandSubst(script: Script, io: IO): Promise<string> {
    const child = new ChildSignal(this.signal);
    const buf = new Collector(MAX_VALUE, () => child.abort());
    const inner = this.withSignal(child.signal);
    let status: number;
    try {
      status = await inner.inSubshell(io, (sub) => this.engine.execScript(sub, script, { fds: [io.fds[0] ?? null, buf.sink, io.fds[2] ?? null] }));
    } catch (e) {
      if (!(e instanceof Unwind && e.kind === 'abort' && child.broken && !this.signal.aborted)) throw e;
      status = 141;
    } finally {
      child.release();
    }
    this.state.status = status;
    this.substitutions++;
    if (buf.overflow) this.fatal(io, `sim: command substitution output is over the lab's limit of 1 MiB (1048576 characters)`, 1, true);
    return buf.text.replace(/\n+$/, '');
  }

  /**
   * Parses and runs text in this shell (a script, eval, `.`): line by line, so commands before a
   * syntax error run, as in sh. A syntax error prints the shell's message and returns 2 (zsh 1).
   * `sourced`: the text is a file read by `.`, which names it differently in messages.
   */
  async runText(text: string, io: IO, source: string, sourced = false): Promise<number> {
    const parser = new Parser(text, { shell: this.shell, interactive: false });
    const saved = { line: this.line, where: this.where };
    this.where = { source, sourced };
    // eval'd text counts its lines from the eval's own line, as bash reports them.
    if (source === 'eval') parser.lx.line = this.line;
    let status = 0;
    try {
      for (;;) {
        let script: Script | null;
        try {
          script = parser.nextLine();
        } catch (e) {
          const f = failure(e, parser);
          err(io, formatSyntaxError(f.error, this.shell, { name: this.state.arg0, interactive: this.interactive, ...this.where }, text));
          return this.shell === 'zsh' ? 1 : 2;
        }
        if (!script) break;
        for (const w of parser.lx.warnings.splice(0)) {
          if (this.shell !== 'bash') continue;
          err(io, `${diagPrefix('bash', { ...this.origin(), line: w.line })}warning: here-document at line ${w.line} delimited by end-of-file (wanted \`${w.delimiter}')\n`);
        }
        status = await this.engine.execScript(this, script, io);
      }
      return status;
    } finally {
      this.where = saved.where;
      if (source === 'eval' || sourced) this.line = saved.line;
    }
  }
}
