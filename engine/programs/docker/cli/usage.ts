import type { CommandSpec, FlagKind, FlagSpec } from './flags';

/**
 * `--help` text as docker's cobra usage template and pflag's FlagUsagesWrapped print it
 * (docker/cli@v28.5.2 cli/cobra.go; spf13/pflag flag.go).
 */

/** Go's %q for the default values of string flags. */
function goQuote(s: string): string {
  return JSON.stringify(s);
}

const DEFAULT_VALUE_NAMES: Record<FlagKind, string> = {
  bool: '',
  string: 'string',
  stringArray: 'stringArray',
  stringSlice: 'strings',
  int: 'int',
  uint16: 'uint16',
  uint: 'uint',
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
  if (flag.defaultText !== undefined) return ` (default ${flag.defaultText})`;
  const def = flag.default;
  if (def === undefined) return '';
  switch (flag.kind) {
    case 'bool':
      return def === true || def === 'true' ? ' (default true)' : '';
    case 'string':
      return def === '' ? '' : ` (default ${goQuote(String(def))})`;
    case 'int':
    case 'uint16':
    case 'uint':
      return Number(def) === 0 ? '' : ` (default ${def})`;
    case 'stringArray':
    case 'stringSlice':
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
export function flagUsages(flags: FlagSpec[], cols: number): string {
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
 * The text of `<command> --help`, byte for byte as Docker 28 prints it (docker/cli@v28.5.2
 * cli/cobra.go usageTemplate: it starts with "Usage:", no empty line before it). `width` is the
 * terminal width; docker wraps descriptions one column short of it.
 */
export function renderHelp(spec: CommandSpec, options: { width?: number } = {}): string {
  const width = options.width ?? 80;
  let out = `Usage:  ${spec.usage}\n\n${spec.description.trim()}`;
  if (spec.aliasLine) out += `\n\nAliases:\n  ${spec.aliasLine}`;
  if (spec.example) out += `\n\nExamples:\n${spec.example}`;
  const usages = flagUsages(spec.flags, width - 1).trimEnd();
  if (usages !== '') out += `\n\nOptions:\n${usages}`;
  return out + '\n';
}
