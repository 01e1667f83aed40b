/**
 * Command-line parsing as the docker CLI does it with cobra and spf13/pflag: combined short
 * bools (`-itd`), attached values (`-p80:80`, `--net=host`), `--` and lone `-`,
 * non-interspersed commands (`docker run IMAGE --help` passes `--help` to the container),
 * pflag's deprecation notices, and Docker 28's wording for flag and argument-count errors.
 * The `--help` text is rendered by usage.ts.
 */

/**
 * pflag value kinds: `stringArray` accumulates one value per use (docker's ListOpts, MapOpts,
 * FilterOpt…); `stringSlice` also splits each use on commas (pflag's StringSlice, "strings").
 */
export type FlagKind = 'bool' | 'string' | 'stringArray' | 'stringSlice' | 'int' | 'uint16' | 'uint';

export interface FlagSpec {
  name: string;
  short?: string;
  kind: FlagKind;
  default?: string | boolean | number;
  hidden?: boolean;
  description?: string;
  /** The word after the flag in --help (pflag's type name, e.g. "list", "map", "bytes"). */
  valueName?: string;
  /** Other long names for the same flag, like --net for --network. */
  aliases?: string[];
  /** Aliases pflag marks deprecated: using one prints "Flag --time has been deprecated, <message>". */
  deprecatedAliases?: Record<string, string>;
  /** The "(default …)" text when it is not what the kind's default suggests (custom pflag values: "map[]", "[]", "0s"). */
  defaultText?: string;
  /** A custom pflag.Value's Set: the reason a value is refused, or null. */
  validate?: (value: string) => string | null;
}

export interface CommandSpec {
  /** e.g. "docker network create" */
  path: string;
  /** e.g. "docker network create [OPTIONS] NETWORK" */
  usage: string;
  description: string;
  flags: FlagSpec[];
  /** false for run/create/exec: flags stop at the first positional. */
  interspersed: boolean;
  /** Infinity allowed for max. */
  args: { min: number; max: number };
  /** The "Aliases:" line of --help, e.g. "docker container ls, docker container list, docker container ps, docker ps". */
  aliasLine?: string;
  /** The "Examples:" block of --help, verbatim. */
  example?: string;
}

/** Keyed by long name; stringArray accumulates; only flags that were given or have defaults. */
export type ParsedFlags = Record<string, string | boolean | number | string[]>;

export type ParseResult =
  | { ok: true; flags: ParsedFlags; given: Set<string>; args: string[]; help: boolean; notices: string[] }
  | { ok: false; error: string; exitCode: number };

/** The docker CLI's FlagErrorFunc wraps every flag error in a StatusError with this code. */
const FLAG_ERROR_EXIT = 125;
/** Argument-count errors are plain errors, which the docker binary turns into exit 1. */
const ARGS_ERROR_EXIT = 1;

interface ResolvedFlag {
  spec: FlagSpec;
  /** The long name it was reached by (the alias, if one was used). */
  longName: string;
  /** Cobra's own -h/--help, present when the command does not define "help" itself. */
  isHelp: boolean;
  /** docker marks the -h shorthand of help deprecated: pflag says so when it is used. */
  viaShort?: boolean;
}

const HELP_FLAG: FlagSpec = { name: 'help', short: 'h', kind: 'bool', hidden: true, description: 'Print usage' };

class FlagError extends Error {}

interface FlagIndex {
  byLong: Map<string, ResolvedFlag>;
  byShort: Map<string, ResolvedFlag>;
  /** Every flag's default, copied into each parse result. */
  defaults: ParsedFlags;
}

/** Lookup tables per command spec: run has a hundred flags, and specs are built once per verb and path. */
const indexes = new WeakMap<CommandSpec, FlagIndex>();

function flagIndex(spec: CommandSpec): FlagIndex {
  let index = indexes.get(spec);
  if (!index) indexes.set(spec, (index = buildIndex(spec)));
  return index;
}

function buildIndex(spec: CommandSpec): FlagIndex {
  const byLong = new Map<string, ResolvedFlag>();
  const byShort = new Map<string, ResolvedFlag>();
  for (const flag of spec.flags) {
    byLong.set(flag.name, { spec: flag, longName: flag.name, isHelp: false });
    for (const alias of flag.aliases ?? []) byLong.set(alias, { spec: flag, longName: alias, isHelp: false });
    if (flag.short) byShort.set(flag.short, { spec: flag, longName: flag.name, isHelp: false });
  }
  const defaults: ParsedFlags = {};
  for (const flag of spec.flags) {
    if (flag.default === undefined) continue;
    // Arrays are copied when a flag is set (set() builds a new one), so the defaults can be shared.
    defaults[flag.name] = flag.kind === 'stringArray' ? [String(flag.default)] : flag.default;
  }
  const own = byLong.get('help');
  if (own) {
    // run and create define their own (visible) --help, because their -h is --hostname.
    own.isHelp = true;
  } else {
    const help: ResolvedFlag = { spec: HELP_FLAG, longName: 'help', isHelp: true };
    byLong.set('help', help);
    // `docker run -h` is --hostname: a command's own -h wins over the help shorthand.
    if (!byShort.has('h')) byShort.set('h', { ...help, viaShort: true });
  }
  return { byLong, byShort, defaults };
}

export function parseCommandLine(spec: CommandSpec, argv: string[]): ParseResult {
  const { byLong, byShort, defaults } = flagIndex(spec);
  // One copy of the defaults (stored a flag at a time, they were most of a short command's work).
  const flags: ParsedFlags = { ...defaults };
  const given = new Set<string>();
  const args: string[] = [];
  const notices: string[] = [];
  let help = false;

  const set = (flag: ResolvedFlag, value: string) => {
    const { spec: fs } = flag;
    const parsed = convertValue(fs.kind, value);
    if (!parsed.ok) throw new FlagError(`invalid argument ${goQuote(value)} for ${goQuote(flagDisplay(flag))} flag: ${parsed.error}`);
    if (flag.viaShort) notices.push('Flag shorthand -h has been deprecated, use --help');
    const deprecation = fs.deprecatedAliases?.[flag.longName];
    if (deprecation !== undefined) notices.push(`Flag --${flag.longName} has been deprecated, ${deprecation}`);
    if (flag.isHelp) {
      help = parsed.value === true;
      return;
    }
    if (fs.validate) {
      const problem = fs.validate(value);
      if (problem !== null) throw new FlagError(`invalid argument ${goQuote(value)} for ${goQuote(flagDisplay(flag))} flag: ${problem}`);
    }
    if (fs.kind === 'stringArray' || fs.kind === 'stringSlice') {
      // The first use replaces the default; later uses accumulate.
      const current = given.has(fs.name) ? flags[fs.name] : undefined;
      flags[fs.name] = [...(Array.isArray(current) ? current : []), ...(parsed.value as string[] | string[])];
    } else {
      flags[fs.name] = parsed.value;
    }
    given.add(fs.name);
  };

  try {
    let rest = [...argv];
    while (rest.length > 0) {
      const s = rest.shift()!;
      if (s.length < 2 || s[0] !== '-') {
        args.push(s);
        if (!spec.interspersed) {
          args.push(...rest);
          break;
        }
        continue;
      }
      if (s[1] === '-') {
        if (s.length === 2) {
          args.push(...rest);
          break;
        }
        rest = parseLong(s, rest, byLong, set);
      } else {
        rest = parseShorts(s, rest, byShort, set);
      }
    }
  } catch (err) {
    if (!(err instanceof FlagError)) throw err;
    return {
      ok: false,
      error: `${err.message}\n\nUsage:  ${spec.usage}\n\nRun '${spec.path} --help' for more information`,
      exitCode: FLAG_ERROR_EXIT,
    };
  }

  // Cobra checks --help before validating positional arguments.
  if (!help) {
    const error = argumentCountError(spec, args.length);
    if (error) return { ok: false, error, exitCode: ARGS_ERROR_EXIT };
  }
  return { ok: true, flags, given, args, help, notices };
}

/** How pflag names a flag in an error: "-p, --publish", or the long name that was typed. */
function flagDisplay(flag: ResolvedFlag): string {
  const fs = flag.spec;
  return fs.short && flag.longName === fs.name ? `-${fs.short}, --${fs.name}` : `--${flag.longName}`;
}

type Setter = (flag: ResolvedFlag, value: string) => void;

function parseLong(s: string, rest: string[], byLong: Map<string, ResolvedFlag>, set: Setter): string[] {
  const body = s.slice(2);
  if (body[0] === '-' || body[0] === '=') throw new FlagError(`bad flag syntax: ${s}`);
  const eq = body.indexOf('=');
  const name = eq < 0 ? body : body.slice(0, eq);
  const flag = byLong.get(name);
  if (!flag) throw new FlagError(`unknown flag: --${name}`);
  if (eq >= 0) {
    set(flag, body.slice(eq + 1));
  } else if (flag.spec.kind === 'bool') {
    set(flag, 'true');
  } else if (rest.length > 0) {
    set(flag, rest[0]!);
    return rest.slice(1);
  } else {
    throw new FlagError(`flag needs an argument: ${s}`);
  }
  return rest;
}

function parseShorts(s: string, rest: string[], byShort: Map<string, ResolvedFlag>, set: Setter): string[] {
  let shorthands = s.slice(1);
  while (shorthands.length > 0) {
    const c = shorthands[0]!;
    const flag = byShort.get(c);
    if (!flag) throw new FlagError(`unknown shorthand flag: ${goQuoteChar(c)} in -${shorthands}`);
    if (shorthands.length > 2 && shorthands[1] === '=') {
      set(flag, shorthands.slice(2)); // -f=value
      return rest;
    }
    if (flag.spec.kind === 'bool') {
      set(flag, 'true'); // -itd: each letter a bool until one takes a value
      shorthands = shorthands.slice(1);
      continue;
    }
    if (shorthands.length > 1) {
      set(flag, shorthands.slice(1)); // -p80:80
      return rest;
    }
    if (rest.length > 0) {
      set(flag, rest[0]!); // -p 80:80
      return rest.slice(1);
    }
    throw new FlagError(`flag needs an argument: ${goQuoteChar(c)} in -${shorthands}`);
  }
  return rest;
}

type Converted = { ok: true; value: string | boolean | number | string[] } | { ok: false; error: string };

function convertValue(kind: FlagKind, value: string): Converted {
  switch (kind) {
    case 'string':
      return { ok: true, value };
    case 'stringArray':
      return { ok: true, value: [value] };
    case 'stringSlice':
      return readCsv(value);
    case 'bool': {
      if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(value)) return { ok: true, value: true };
      if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(value)) return { ok: true, value: false };
      return { ok: false, error: `strconv.ParseBool: parsing ${goQuote(value)}: invalid syntax` };
    }
    case 'int': {
      const r = parseGoInteger(value, true, 64n);
      return r.ok ? { ok: true, value: Number(r.value) } : { ok: false, error: `strconv.ParseInt: parsing ${goQuote(value)}: ${r.error}` };
    }
    case 'uint16':
    case 'uint': {
      const r = parseGoInteger(value, false, kind === 'uint' ? 64n : 16n);
      return r.ok ? { ok: true, value: Number(r.value) } : { ok: false, error: `strconv.ParseUint: parsing ${goQuote(value)}: ${r.error}` };
    }
  }
}

/** pflag's StringSlice reads each value as one CSV record ("a,b" is two values; quotes group). */
function readCsv(value: string): Converted {
  if (value === '') return { ok: true, value: [] };
  const out: string[] = [];
  let field = '';
  let quoted = false;
  let start = true;
  for (let i = 0; i < value.length; i++) {
    const ch = value[i]!;
    if (quoted) {
      if (ch === '"' && value[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') {
        quoted = false;
        if (i + 1 < value.length && value[i + 1] !== ',') {
          return { ok: false, error: `parse error on line 1, column ${i + 2}: extraneous or missing " in quoted-field` };
        }
      } else field += ch;
    } else if (ch === ',') {
      out.push(field);
      field = '';
      start = true;
      continue;
    } else if (ch === '"') {
      if (!start) return { ok: false, error: `parse error on line 1, column ${i + 1}: bare " in non-quoted-field` };
      quoted = true;
    } else field += ch;
    start = false;
  }
  if (quoted) return { ok: false, error: `parse error on line 1, column ${value.length + 1}: extraneous or missing " in quoted-field` };
  out.push(field);
  return { ok: true, value: out };
}

/**
 * strconv.ParseInt/ParseUint with base 0, as pflag calls them: "0x1f", "0o17", "017", "0b101"
 * and "1_000" are numbers too. Returns Go's error reason on failure.
 */
function parseGoInteger(s: string, signed: boolean, bits: bigint): { ok: true; value: bigint } | { ok: false; error: string } {
  let body = s;
  let negative = false;
  if (signed && (body[0] === '+' || body[0] === '-')) {
    negative = body[0] === '-';
    body = body.slice(1);
  }
  let base = 10;
  let digits = body;
  let prefixed = false;
  if (/^0[xX]/.test(body)) [base, digits, prefixed] = [16, body.slice(2), true];
  else if (/^0[oO]/.test(body)) [base, digits, prefixed] = [8, body.slice(2), true];
  else if (/^0[bB]/.test(body)) [base, digits, prefixed] = [2, body.slice(2), true];
  else if (body.length > 1 && body[0] === '0') [base, digits] = [8, body.slice(1)];
  const digitClass = { 2: '[01]', 8: '[0-7]', 10: '[0-9]', 16: '[0-9a-fA-F]' }[base as 2 | 8 | 10 | 16];
  // Underscores may only separate digits (or follow a base prefix), as in Go literals.
  const shape = new RegExp(`^${prefixed || base === 8 ? '_?' : ''}${digitClass}+(_${digitClass}+)*$`);
  if (digits === '' || !shape.test(digits)) return { ok: false, error: 'invalid syntax' };
  let magnitude = 0n;
  for (const ch of digits.replaceAll('_', '')) magnitude = magnitude * BigInt(base) + BigInt(parseInt(ch, 16));
  const limit = signed ? 1n << (bits - 1n) : 1n << bits;
  const inRange = signed ? (negative ? magnitude <= limit : magnitude < limit) : magnitude < limit;
  if (!inRange) return { ok: false, error: 'value out of range' };
  return { ok: true, value: negative ? -magnitude : magnitude };
}

/** Go's %q for the strings that show up in flag errors. */
function goQuote(s: string): string {
  return JSON.stringify(s);
}

/** Go's %q for a single byte, as pflag prints an unknown shorthand: 'z'. */
function goQuoteChar(c: string): string {
  if (c === "'") return "'\\''";
  if (c === '\\') return "'\\\\'";
  return `'${c}'`;
}

function pluralizeArgument(n: number): string {
  return n === 1 ? 'argument' : 'arguments';
}

/** cli/required.go's validators, picked from the command's min/max. */
function argumentCountError(spec: CommandSpec, count: number): string | null {
  const { min, max } = spec.args;
  if (count >= min && count <= max) return null;
  const { path, usage } = spec;
  if (min === 0 && max === 0) {
    return `docker: '${path}' accepts no arguments\n\nUsage:  ${usage}\n\nRun '${path} --help' for more information`;
  }
  if (min === max) {
    return `docker: '${path}' requires ${min} ${pluralizeArgument(min)}\n\nUsage:  ${usage}\n\nRun '${path} --help' for more information`;
  }
  if (max === Infinity) {
    // "See", not "Run": Docker 28's RequiresMinArgs really says this.
    return `docker: '${path}' requires at least ${min} ${pluralizeArgument(min)}\n\nUsage:  ${usage}\n\nSee '${path} --help' for more information`;
  }
  if (min === 0) {
    // "SRun" is a typo in Docker 28's RequiresMaxArgs; the simulator prints what docker prints.
    return `docker: '${path}' requires at most ${max} ${pluralizeArgument(max)}\n\nUsage:  ${usage}\n\nSRun '${path} --help' for more information`;
  }
  // RequiresRangeArgs pluralises by the maximum.
  return `docker: '${path}' requires at least ${min} and at most ${max} ${pluralizeArgument(max)}\n\nUsage:  ${usage}\n\nRun '${path} --help' for more information`;
}
