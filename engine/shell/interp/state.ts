import type { FunctionDef, ShellKind } from '../syntax/ast';
import type { Cancel } from '../../util/signal';

/**
 * A shell's state: variables (with export/readonly attributes and function-local scopes),
 * functions, positional parameters, options and the working directory. A subshell works on a
 * copy, so nothing it changes leaks back.
 */

export interface Var {
  value: string | undefined;
  exported: boolean;
  readonly: boolean;
}

/** The lab's limit on one variable's value (and one expanded word): 1 MiB of characters. */
export const MAX_VALUE = 1 << 20;

export class ReadonlyError {
  constructor(readonly name: string) {}
}

export class TooLargeError {
  constructor(
    readonly name: string,
    readonly size: number,
  ) {}
}

export interface ShellOptions {
  errexit: boolean;
  nounset: boolean;
  xtrace: boolean;
  noglob: boolean;
  pipefail: boolean;
  noclobber: boolean;
  allexport: boolean;
  verbose: boolean;
}

/** Variables: global, plus one scope per running function that declared `local`s (dynamic scoping). */
export class Vars {
  private globals = new Map<string, Var>();
  private scopes: Map<string, Var>[] = [];
  /**
   * Copy-on-write: after clone() both copies share their maps (a pipeline stage or `$(…)` that
   * only reads variables copies nothing); the first one to write takes its own copy.
   */
  private shared = false;
  /** Counts writes (every writer calls own() first): what was built from the variables stays valid until it moves. */
  private writes = 0;
  private exportedCache: { at: number; env: ReadonlyMap<string, string> } | null = null;

  get revision(): number {
    return this.writes;
  }

  private own(): void {
    this.writes++;
    if (!this.shared) return;
    const dup = (m: Map<string, Var>) => new Map([...m].map(([k, v]) => [k, { ...v }]));
    this.globals = dup(this.globals);
    this.scopes = this.scopes.map(dup);
    this.shared = false;
  }

  private find(name: string): Var | undefined {
    for (let i = this.scopes.length - 1; i >= 0; i--) {
      const v = this.scopes[i]!.get(name);
      if (v) return v;
    }
    return this.globals.get(name);
  }

  get(name: string): string | undefined {
    return this.find(name)?.value;
  }

  attrs(name: string): Var | undefined {
    return this.find(name);
  }

  /** Sets a variable where it lives (the innermost scope that has it, else the globals). */
  set(name: string, value: string, opts: { export?: boolean; allexport?: boolean } = {}): void {
    if (value.length > MAX_VALUE) throw new TooLargeError(name, value.length);
    this.own();
    const v = this.find(name);
    if (v) {
      if (v.readonly) throw new ReadonlyError(name);
      v.value = value;
      if (opts.export || opts.allexport) v.exported = true;
      return;
    }
    this.globals.set(name, { value, exported: !!(opts.export || opts.allexport), readonly: false });
  }

  /** Marks a variable exported or readonly, creating it (unset) if needed. */
  mark(name: string, attr: 'exported' | 'readonly'): void {
    this.own();
    const v = this.find(name);
    if (v) v[attr] = true;
    else this.globals.set(name, { value: undefined, exported: attr === 'exported', readonly: attr === 'readonly' });
  }

  unexport(name: string): void {
    this.own();
    const v = this.find(name);
    if (v) v.exported = false;
  }

  unset(name: string): void {
    this.own();
    for (let i = this.scopes.length - 1; i >= 0; i--) {
      const v = this.scopes[i]!.get(name);
      if (v) {
        if (v.readonly) throw new ReadonlyError(name);
        this.scopes[i]!.delete(name);
        return;
      }
    }
    const g = this.globals.get(name);
    if (g?.readonly) throw new ReadonlyError(name);
    this.globals.delete(name);
  }

  pushScope(): void {
    this.own();
    this.scopes.push(new Map());
  }

  popScope(): void {
    this.own();
    this.scopes.pop();
  }

  inFunction(): boolean {
    return this.scopes.length > 0;
  }

  /**
   * `local name[=value]`: a new variable in the current function's scope, hiding outer ones.
   * Without a value bash starts it unset; dash and ash keep the outer value (`inherit`).
   */
  declareLocal(name: string, value: string | undefined, inherit: boolean): void {
    this.own();
    const scope = this.scopes[this.scopes.length - 1]!;
    const outer = this.find(name);
    if (value !== undefined && value.length > MAX_VALUE) throw new TooLargeError(name, value.length);
    const existing = scope.get(name);
    if (existing) {
      if (existing.readonly) throw new ReadonlyError(name);
      if (value !== undefined) existing.value = value;
      return;
    }
    scope.set(name, { value: value ?? (inherit ? outer?.value : undefined), exported: outer?.exported ?? false, readonly: false });
  }

  /** Every visible variable (inner scopes hide outer ones), sorted by name. */
  entries(): [string, Var][] {
    const all = new Map(this.globals);
    for (const s of this.scopes) for (const [k, v] of s) all.set(k, v);
    return [...all].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  }

  /** The global variables, unsorted (what a terminal saves after each line). */
  globalEntries(): IterableIterator<[string, Var]> {
    return this.globals.entries();
  }

  /** The environment passed to programs: exported variables that have a value (shared: copy it to change it). */
  exported(): ReadonlyMap<string, string> {
    if (this.exportedCache?.at === this.writes) return this.exportedCache.env;
    // Inner scopes hide outer ones, without sorting all variables.
    const env = new Map<string, string>();
    const visit = (m: Map<string, Var>) => {
      for (const [k, v] of m) {
        if (v.exported && v.value !== undefined) env.set(k, v.value);
        else env.delete(k);
      }
    };
    visit(this.globals);
    for (const s of this.scopes) visit(s);
    this.exportedCache = { at: this.writes, env };
    return env;
  }

  clone(): Vars {
    const copy = new Vars();
    copy.globals = this.globals;
    copy.scopes = this.scopes;
    copy.shared = true;
    this.shared = true;
    return copy;
  }
}

export interface Job {
  id: number;
  pid: number;
  text: string;
  done: Promise<number>;
  status: number | null;
  controller: Cancel;
}

export interface ShellState {
  shell: ShellKind;
  vars: Vars;
  functions: Map<string, FunctionDef>;
  /** $1, $2, … */
  positional: string[];
  /** $0 */
  arg0: string;
  options: ShellOptions;
  cwd: string;
  /** $? */
  status: number;
  /** $$ */
  pid: number;
  /** $! */
  lastBackground: number | null;
  jobs: Map<number, Job>;
  /** The generator behind $RANDOM, seeded from $$ so a lab replays the same numbers. */
  random: number;
}

export interface NewStateOptions {
  shell: ShellKind;
  cwd: string;
  pid: number;
  arg0?: string;
  /** Initial variables; names in `exported` go to programs' environments. */
  vars?: Iterable<[string, string]>;
  exported?: Iterable<string>;
  positional?: string[];
}

export function newState(o: NewStateOptions): ShellState {
  const vars = new Vars();
  const exported = new Set(o.exported ?? []);
  for (const [k, v] of o.vars ?? []) vars.set(k, v, { export: exported.has(k) });
  if (vars.get('IFS') === undefined) vars.set('IFS', ' \t\n');
  if (vars.get('PS4') === undefined) vars.set('PS4', '+ ');
  vars.set('PWD', o.cwd, { export: true });
  return {
    shell: o.shell,
    vars,
    functions: new Map(),
    positional: o.positional ?? [],
    arg0: o.arg0 ?? (o.shell === 'bash' ? 'bash' : o.shell === 'zsh' ? 'zsh' : 'sh'),
    options: { errexit: false, nounset: false, xtrace: false, noglob: false, pipefail: false, noclobber: false, allexport: false, verbose: false },
    cwd: o.cwd,
    status: 0,
    pid: o.pid,
    lastBackground: null,
    jobs: new Map(),
    random: o.pid,
  };
}

/** A subshell's copy: same variables, functions and options; its own jobs. */
export function subshellState(s: ShellState): ShellState {
  return {
    ...s,
    vars: s.vars.clone(),
    functions: new Map(s.functions),
    positional: [...s.positional],
    options: { ...s.options },
    jobs: new Map(),
  };
}
