import type { EngineApi } from '../../../docker/api';
import type { Proc } from '../../../shell/types';
import type { FlagKind, FlagSpec } from './flags';
import type { SwarmNeed } from './swarm-status';

/**
 * One definition per docker verb: its place in the command tree, its help text, its typed
 * flags and its handler. Dispatch, `--help`, the group and root listings, the "Aliases:" line
 * and tab completion are all derived from these (see cli/tree.ts).
 */

/** What a positional argument or flag value names, for tab completion. */
export type Completes = 'container' | 'network' | 'image' | 'object' | 'network-mode';

/** A flag with the TypeScript type its handler receives. */
export interface Flag<T> {
  readonly spec: FlagSpec;
  readonly read: (parsed: unknown) => T;
  readonly completes?: Completes;
}

interface FlagOptions {
  short?: string;
  hidden?: boolean;
  /** The word after the flag in --help (pflag's Type(): "list", "filter", "map", "bytes"…). */
  valueName?: string;
  aliases?: string[];
  deprecatedAliases?: Record<string, string>;
  defaultText?: string;
  validate?: (value: string) => string | null;
  completes?: Completes;
}

function make<T>(name: string, kind: FlagKind, description: string, o: FlagOptions, def: string | boolean | number | undefined, read: (v: unknown) => T): Flag<T> {
  const { completes, ...rest } = o;
  const spec: FlagSpec = { name, kind, description, ...rest };
  if (def !== undefined) spec.default = def;
  return completes ? { spec, read, completes } : { spec, read };
}

/** The typed flag builder: `flag.bool('detach', 'Run …', { short: 'd' })` gives the handler a boolean. */
export const flag = {
  bool(name: string, description: string, o: FlagOptions & { default?: boolean } = {}): Flag<boolean> {
    const def = o.default ?? false;
    return make(name, 'bool', description, o, o.default, (v) => (typeof v === 'boolean' ? v : def));
  },
  string(name: string, description: string, o: FlagOptions & { default?: string } = {}): Flag<string> {
    const def = o.default ?? '';
    return make(name, 'string', description, o, o.default, (v) => (typeof v === 'string' ? v : def));
  },
  int(name: string, description: string, o: FlagOptions & { default?: number } = {}): Flag<number> {
    const def = o.default ?? 0;
    return make(name, 'int', description, o, o.default, (v) => (typeof v === 'number' ? v : def));
  },
  uint16(name: string, description: string, o: FlagOptions = {}): Flag<number> {
    return make(name, 'uint16', description, o, undefined, (v) => (typeof v === 'number' ? v : 0));
  },
  uint(name: string, description: string, o: FlagOptions & { default?: number } = {}): Flag<number> {
    const def = o.default ?? 0;
    return make(name, 'uint', description, o, o.default, (v) => (typeof v === 'number' ? v : def));
  },
  /** One value per use (docker's ListOpts "list", FilterOpt "filter", MapOpts "map", NetworkOpt "network"). */
  list(name: string, description: string, o: FlagOptions = {}): Flag<string[]> {
    return make(name, 'stringArray', description, { valueName: 'list', ...o }, undefined, (v) => (Array.isArray(v) ? (v as string[]) : []));
  },
  /** docker's FilterOpt ("filter"): "name=value", refused at parse time without "=". */
  filter(name: string, description: string, o: FlagOptions = {}): Flag<string[]> {
    const validate = (v: string) => (v === '' || v.includes('=') ? null : 'bad format of filter (expected name=value)');
    return make(name, 'stringArray', description, { valueName: 'filter', validate, ...o }, undefined, (v) => (Array.isArray(v) ? (v as string[]) : []));
  },
  /** pflag's StringSlice ("strings"): each use may hold several comma-separated values. */
  strings(name: string, description: string, o: FlagOptions = {}): Flag<string[]> {
    return make(name, 'stringSlice', description, o, undefined, (v) => (Array.isArray(v) ? (v as string[]) : []));
  },
};

export type FlagSet = Record<string, Flag<unknown>>;

/** What a handler receives for a flag set: `{ detach: boolean; publish: string[] }`. */
export type FlagValues<F extends FlagSet> = { readonly [K in keyof F]: F[K] extends Flag<infer T> ? T : never };

export interface VerbCall<V> {
  p: Proc;
  d: EngineApi;
  opts: V;
  args: string[];
  /** Whether the flag was given on the command line (cobra's Flags().Changed). */
  changed(key: keyof V & string): boolean;
  /** The command as docker names it in messages: "docker container ls" for `docker container list`. */
  cmd: string;
  /** How many flags the line set (pflag's NFlag). */
  nflags: number;
  /** The keys of the flags the line set, in the order given. */
  givenKeys: readonly string[];
  /** This command's `--help` text (for a verb that answers pflag.ErrHelp, as `docker swarm update` alone does). */
  help(): string;
}

export interface Arity {
  min: number;
  max: number;
}

export const args = {
  none: { min: 0, max: 0 } as Arity,
  exactly: (n: number): Arity => ({ min: n, max: n }),
  atLeast: (n: number): Arity => ({ min: n, max: Infinity }),
  atMost: (n: number): Arity => ({ min: 0, max: n }),
  between: (min: number, max: number): Arity => ({ min, max }),
};

export interface VerbDef<F extends FlagSet> {
  /** Canonical path under `docker`: "container ls", "network create", "version". */
  path: string;
  /** Other names under the same parent, in the order docker lists them: ["list", "ps"]. */
  aliases?: string[];
  /** The top-level command that is the same verb: "ps" for "container ls". */
  shortcut?: string;
  /** The usage line after the command path: "[OPTIONS] CONTAINER [CONTAINER...]". */
  use: string;
  short: string;
  long?: string;
  example?: string;
  /** The "Aliases:" line when docker's annotation differs from the derived one. */
  aliasLine?: string;
  /** Position in "Common Commands" of `docker --help` (cobra annotation category-top). */
  top?: number;
  flags: F;
  args: Arity;
  /** false for run/create/exec/top: flags stop at the first positional argument. */
  interspersed?: boolean;
  /** Listed only on a manager ('manager') or inside a swarm ('active'). */
  swarm?: SwarmNeed;
  /** Tab completion of positional arguments; the last kind repeats. */
  completes?: Completes[];
  run(call: VerbCall<FlagValues<F>>): number | Promise<number>;
}

/** A verb with its flag types erased, as the command tree holds it. */
export interface Verb {
  readonly path: string;
  readonly aliases: readonly string[];
  readonly shortcut: string | undefined;
  readonly use: string;
  readonly short: string;
  readonly long: string | undefined;
  readonly example: string | undefined;
  readonly aliasLine: string | undefined;
  readonly top: number | undefined;
  readonly flags: FlagSet;
  readonly args: Arity;
  readonly interspersed: boolean;
  readonly completes: readonly Completes[];
  /** Docker has this verb but the lab leaves it out: any use prints one `sim:` line. */
  readonly stub: boolean;
  /** Shown in no listing (cobra Hidden), still runnable. */
  readonly hidden: boolean;
  readonly swarm: SwarmNeed | undefined;
  run(call: VerbCall<Record<string, unknown>>): number | Promise<number>;
}

export function defineVerb<F extends FlagSet>(def: VerbDef<F>): Verb {
  return {
    path: def.path,
    aliases: def.aliases ?? [],
    shortcut: def.shortcut,
    use: def.use,
    short: def.short,
    long: def.long,
    example: def.example,
    aliasLine: def.aliasLine,
    top: def.top,
    flags: def.flags,
    args: def.args,
    interspersed: def.interspersed ?? true,
    completes: def.completes ?? [],
    stub: false,
    hidden: false,
    swarm: def.swarm,
    // The tree builds `opts` from this verb's own flag set, so the erased call is the typed one.
    run: def.run as (call: VerbCall<Record<string, unknown>>) => number | Promise<number>,
  };
}

/** A verb Docker has and the lab leaves out: listed in help like the real one, answered with one `sim:` line. */
export function stubVerb(path: string, short: string, o: { shortcut?: string; aliases?: string[]; top?: number; hidden?: boolean; aliasLine?: string; swarm?: SwarmNeed } = {}): Verb {
  return {
    path,
    aliases: o.aliases ?? [],
    shortcut: o.shortcut,
    use: '',
    short,
    long: undefined,
    example: undefined,
    aliasLine: o.aliasLine,
    top: o.top,
    flags: {},
    args: args.atLeast(0),
    interspersed: false,
    completes: [],
    stub: true,
    hidden: o.hidden ?? false,
    swarm: o.swarm,
    run: ({ p, cmd }) => {
      p.err(`sim: '${cmd}' is not part of this lab\n`);
      return 1;
    },
  };
}
