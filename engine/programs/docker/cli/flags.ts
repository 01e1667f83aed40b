/**
 * Command-line parsing and `--help` text as the docker CLI does them with cobra and
 * spf13/pflag: combined short bools (`-itd`), attached values (`-p80:80`, `--net=host`),
 * `--` and lone `-`, non-interspersed commands (`docker run IMAGE --help` passes `--help` to
 * the container), and Docker 28's wording for flag and argument-count errors.
 */

export type FlagKind = 'bool' | 'string' | 'stringArray' | 'int' | 'uint16';

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
  | { ok: true; flags: ParsedFlags; given: Set<string>; args: string[]; help: boolean }
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
}

const HELP_FLAG: FlagSpec = { name: 'help', short: 'h', kind: 'bool', hidden: true, description: 'Print usage' };

class FlagError extends Error {}

export function parseCommandLine(spec: CommandSpec, argv: string[]): ParseResult {
  const byLong = new Map<string, ResolvedFlag>();
  const byShort = new Map<string, ResolvedFlag>();
  for (const flag of spec.flags) {
    byLong.set(flag.name, { spec: flag, longName: flag.name, isHelp: false });
    for (const alias of flag.aliases ?? []) byLong.set(alias, { spec: flag, longName: alias, isHelp: false });
    if (flag.short) byShort.set(flag.short, { spec: flag, longName: flag.name, isHelp: false });
  }
  if (!byLong.has('help')) {
    const help: ResolvedFlag = { spec: HELP_FLAG, longName: 'help', isHelp: true };
    byLong.set('help', help);
    // `docker run -h` is --hostname: a command's own -h wins over the help shorthand.
    if (!byShort.has('h')) byShort.set('h', help);
  }

  const flags: ParsedFlags = {};
  for (const flag of spec.flags) {
    if (flag.default === undefined) continue;
    flags[flag.name] = flag.kind === 'stringArray' ? [String(flag.default)] : flag.default;
  }
  const given = new Set<string>();
  const args: string[] = [];
  let help = false;

  const set = (flag: ResolvedFlag, value: string) => {
    const { spec: fs } = flag;
    const parsed = convertValue(fs.kind, value);
    if (!parsed.ok) {
      const display = fs.short && flag.longName === fs.name ? `-${fs.short}, --${fs.name}` : `--${flag.longName}`;
      throw new FlagError(`invalid argument ${goQuote(value)} for ${goQuote(display)} flag: ${parsed.error}`);
    }
    if (flag.isHelp) {
      help = parsed.value === true;
      return;
    }
    if (fs.kind === 'stringArray') {
      // The first use replaces the default; later uses accumulate.
      const current = given.has(fs.name) ? flags[fs.name] : undefined;
      flags[fs.name] = [...(Array.isArray(current) ? current : []), value];
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
  return { ok: true, flags, given, args, help };
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

type Converted = { ok: true; value: string | boolean | number } | { ok: false; error: string };

function convertValue(kind: FlagKind, value: string): Converted {
  switch (kind) {
    case 'string':
    case 'stringArray':
      return { ok: true, value };
    case 'bool': {
      if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(value)) return { ok: true, value: true };
      if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(value)) return { ok: true, value: false };
      return { ok: false, error: `strconv.ParseBool: parsing ${goQuote(value)}: invalid syntax` };
    }
    case 'int': {
      const r = parseGoInteger(value, true, 64n);
      return r.ok ? { ok: true, value: Number(r.value) } : { ok: false, error: `strconv.ParseInt: parsing ${goQuote(value)}: ${r.error}` };
    }
    case 'uint16': {
      const r = parseGoInteger(value, false, 16n);
      return r.ok ? { ok: true, value: Number(r.value) } : { ok: false, error: `strconv.ParseUint: parsing ${goQuote(value)}: ${r.error}` };
    }
  }
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

// ---------------------------------------------------------------------------------------------
// --help

const DEFAULT_VALUE_NAMES: Record<FlagKind, string> = {
  bool: '',
  string: 'string',
  stringArray: 'stringArray',
  int: 'int',
  uint16: 'uint16',
};

/** pflag's UnquoteUsage: a `backquoted` word in the description names the value and loses its quotes. */
function valueNameAndUsage(flag: FlagSpec): { name: string; usage: string } {
  const usage = flag.description ?? '';
  const start = usage.indexOf('`');
  if (start >= 0) {
    const end = usage.indexOf('`', start + 1);
    if (end >= 0) {
      return { name: usage.slice(start + 1, end), usage: usage.slice(0, start) + usage.slice(start + 1, end) + usage.slice(end + 1) };
    }
  }
  const name = flag.kind === 'bool' ? '' : (flag.valueName ?? DEFAULT_VALUE_NAMES[flag.kind]);
  return { name, usage };
}

function defaultSuffix(flag: FlagSpec): string {
  const def = flag.default;
  if (def === undefined) return '';
  switch (flag.kind) {
    case 'bool':
      return def === true || def === 'true' ? ' (default true)' : '';
    case 'string':
      return def === '' ? '' : ` (default ${goQuote(String(def))})`;
    case 'int':
    case 'uint16':
      return Number(def) === 0 ? '' : ` (default ${def})`;
    case 'stringArray':
      return ` (default [${def}])`;
  }
}

/** pflag's wrapN: break before `i` characters at the last space, allowing `slop` overflow at the end. */
function wrapN(i: number, slop: number, s: string): [string, string] {
  if (i + slop > s.length) return [s, ''];
  const head = s.slice(0, i);
  const w = Math.max(head.lastIndexOf(' '), head.lastIndexOf('\t'), head.lastIndexOf('\n'));
  if (w <= 0) return [s, ''];
  const nl = head.lastIndexOf('\n');
  if (nl > 0 && nl < w) return [s.slice(0, nl), s.slice(nl + 1)];
  return [s.slice(0, w), s.slice(w + 1)];
}

/** pflag's wrap: the description column starts at `indent`; lines end before `cols`. */
function wrapUsage(indent: number, cols: number, s: string): string {
  let room = cols - indent;
  let out = '';
  if (room < 24) {
    // Too narrow beside the flag names: continue on the next line, indented 16.
    indent = 16;
    room = cols - indent;
    out += '\n' + ' '.repeat(indent);
  }
  if (room < 24) return s.replaceAll('\n', out);
  const slop = 5;
  room -= slop;
  const pad = '\n' + ' '.repeat(indent);
  let [line, rest] = wrapN(room, slop, s);
  out += line.replaceAll('\n', pad);
  while (rest !== '') {
    [line, rest] = wrapN(room, slop, rest);
    out += pad + line.replaceAll('\n', pad);
  }
  return out;
}

/** pflag's FlagUsagesWrapped: one line per visible flag, sorted by name, descriptions aligned. */
function flagUsages(flags: FlagSpec[], cols: number): string {
  const visible = flags.filter((f) => !f.hidden).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const entries = visible.map((flag) => {
    let left = flag.short ? `  -${flag.short}, --${flag.name}` : `      --${flag.name}`;
    const { name, usage } = valueNameAndUsage(flag);
    if (name) left += ` ${name}`;
    return { left, usage: usage + defaultSuffix(flag) };
  });
  // pflag measures the name column with a trailing NUL marker, hence the +1s.
  const maxlen = Math.max(0, ...entries.map((e) => e.left.length + 1));
  return entries
    .map(({ left, usage }) => `${left} ${' '.repeat(maxlen - left.length)} ${wrapUsage(maxlen + 2, cols, usage)}\n`)
    .join('');
}

/**
 * The text of `<command> --help`, byte for byte as Docker 28 prints it (docker's cobra
 * usage template). Like docker it begins with an empty line. `width` is the terminal width;
 * docker wraps descriptions one column short of it.
 */
export function renderHelp(spec: CommandSpec, options: { width?: number } = {}): string {
  const width = options.width ?? 80;
  let out = `\nUsage:  ${spec.usage}\n\n${spec.description.trim()}`;
  if (spec.aliasLine) out += `\n\nAliases:\n  ${spec.aliasLine}`;
  if (spec.example) out += `\n\nExamples:\n${spec.example}`;
  const usages = flagUsages(spec.flags, width - 1).trimEnd();
  if (usages !== '') out += `\n\nOptions:\n${usages}`;
  return out + '\n';
}
