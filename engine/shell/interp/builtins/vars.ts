import { assignVar } from '../assign';
import { out, readInputLine, type IO } from '../io';
import { badNameText, readonlyText } from '../messages';
import type { Shell } from '../shell';
import { ReadonlyError, type ShellOptions } from '../state';
import type { Builtin } from './types';

/** Builtins that change variables and options: set, unset, export, readonly, local, declare, read, let. */

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

function singleQuote(v: string): string {
  return `'${v.replace(/'/g, `'\\''`)}'`;
}

/** How `set` and `export -p` show a value: bash quotes only when needed, the others always. */
function shown(sh: Shell, v: string): string {
  if (sh.shell === 'bash' || sh.shell === 'zsh') return /^[A-Za-z0-9_@%+=:,./-]*$/.test(v) && v !== '' ? v : singleQuote(v);
  return singleQuote(v);
}

function badName(sh: Shell, io: IO, builtin: string, arg: string): number {
  const [text, status] = badNameText(sh.shell, builtin, arg);
  if (status === 2) sh.fatal(io, text, status);
  sh.diag(io, text);
  return status;
}

const LETTERS: Record<string, keyof ShellOptions> = { e: 'errexit', u: 'nounset', x: 'xtrace', f: 'noglob', C: 'noclobber', a: 'allexport', v: 'verbose' };
const NAMES = new Set<string>(['errexit', 'nounset', 'xtrace', 'noglob', 'pipefail', 'noclobber', 'allexport', 'verbose']);
/** Options the lab accepts and ignores (they change nothing a lab can show). */
const IGNORED_NAMES = new Set(['vi', 'emacs', 'monitor', 'hashall', 'braceexpand', 'histexpand', 'interactive-comments', 'notify', 'posix', 'ignoreeof', 'nolog', 'physical', 'privileged', 'functrace', 'errtrace', 'history', 'noexec', 'keyword', 'onecmd']);
const IGNORED_LETTERS = new Set(['m', 'h', 'B', 'H', 'b', 't', 'k', 'P', 'T', 'E', 'n']);

const set: Builtin = async (sh, argv, io) => {
  const args = argv.slice(1);
  if (args.length === 0) {
    out(io, sh.state.vars.entries().filter(([, v]) => v.value !== undefined).map(([k, v]) => `${k}=${shown(sh, v.value!)}\n`).join(''));
    return 0;
  }
  const opts = sh.state.options;
  let i = 0;
  for (; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') {
      sh.state.positional = args.slice(i + 1);
      return 0;
    }
    if (a === '-' || a === '+') {
      opts.xtrace = opts.verbose = false;
      i++;
      break;
    }
    if (!/^[-+]/.test(a)) break;
    const on = a[0] === '-';
    if (a.slice(1) === 'o') {
      const name = args[++i];
      if (name === undefined) {
        for (const n of [...NAMES].sort()) out(io, `${n.padEnd(15)}\t${opts[n as keyof ShellOptions] ? 'on' : 'off'}\n`);
        return 0;
      }
      if (NAMES.has(name)) opts[name as keyof ShellOptions] = on;
      else if (!IGNORED_NAMES.has(name)) {
        if (sh.shell === 'bash') {
          sh.diag(io, `set: ${name}: invalid option name`);
          return 2;
        }
        if (sh.shell === 'dash') sh.fatal(io, `set: Illegal option ${a} ${name}`, 2);
        sh.diag(io, sh.shell === 'zsh' ? `set: no such option: ${name}` : `set: illegal option ${a} ${name}`);
        return 1;
      }
      continue;
    }
    for (const letter of a.slice(1)) {
      const name = LETTERS[letter];
      if (name) opts[name] = on;
      else if (!IGNORED_LETTERS.has(letter)) {
        if (sh.shell === 'bash') {
          sh.diag(io, `set: ${a[0]}${letter}: invalid option\nset: usage: set [-abefhkmnptuvxBCEHPT] [-o option-name] [--] [-] [arg ...]`);
          return 2;
        }
        sh.fatal(io, sh.shell === 'dash' ? `set: Illegal option ${a[0]}${letter}` : `set: illegal option ${a[0]}${letter}`, 2);
      }
    }
  }
  if (i < args.length) sh.state.positional = args.slice(i);
  return 0;
};

const unset: Builtin = async (sh, argv, io) => {
  let functions = false;
  let status = 0;
  for (const a of argv.slice(1)) {
    if (a === '-f') functions = true;
    else if (a === '-v') functions = false;
    else if (functions) sh.state.functions.delete(a);
    else if (!NAME.test(a) && sh.shell === 'bash' && !argv.includes('-v')) sh.state.functions.delete(a);
    else if (!NAME.test(a)) status = badName(sh, io, 'unset', a);
    else {
      try {
        if (sh.state.vars.attrs(a) === undefined && sh.shell === 'bash') sh.state.functions.delete(a);
        else sh.state.vars.unset(a);
      } catch (e) {
        if (!(e instanceof ReadonlyError)) throw e;
        if (sh.shell === 'bash') {
          sh.diag(io, `unset: ${a}: cannot unset: readonly variable`);
          status = 1;
        } else {
          const [text, st] = readonlyText(sh.shell, a);
          sh.fatal(io, `unset: ${text}`, st);
        }
      }
    }
  }
  return status;
};

/** export and readonly: mark names (with optional values), or list the marked ones. */
function marker(attr: 'exported' | 'readonly'): Builtin {
  const word = attr === 'exported' ? 'export' : 'readonly';
  return async (sh, argv, io) => {
    const args = argv.slice(1).filter((a) => !/^-[pnf]$/.test(a));
    const unexport = argv.includes('-n') && attr === 'exported';
    if (args.length === 0) {
      for (const [k, v] of sh.state.vars.entries()) {
        if (!v[attr]) continue;
        if (sh.shell === 'bash') out(io, `declare -${attr === 'exported' ? 'x' : 'r'} ${k}${v.value === undefined ? '' : `="${v.value.replace(/["\\$`]/g, '\\$&')}"`}\n`);
        else out(io, `${word} ${k}${v.value === undefined ? '' : `=${singleQuote(v.value)}`}\n`);
      }
      return 0;
    }
    let status = 0;
    for (const a of args) {
      const eq = a.indexOf('=');
      const name = eq < 0 ? a : a.slice(0, eq);
      if (!NAME.test(name)) {
        status = badName(sh, io, word, a);
        continue;
      }
      if (eq >= 0) assignVar(sh, io, name, a.slice(eq + 1));
      if (unexport) sh.state.vars.unexport(name);
      else sh.state.vars.mark(name, attr);
    }
    return status;
  };
}

const local: Builtin = async (sh, argv, io) => {
  if (sh.funcNest === 0 && sh.shell !== 'zsh') {
    if (sh.shell === 'bash') {
      sh.diag(io, 'local: can only be used in a function');
      return 1;
    }
    sh.fatal(io, 'local: not in a function', 2);
  }
  let status = 0;
  for (const a of argv.slice(1)) {
    if (a.startsWith('-')) continue;
    const eq = a.indexOf('=');
    const name = eq < 0 ? a : a.slice(0, eq);
    if (!NAME.test(name)) {
      status = badName(sh, io, argv[0]!, a);
      continue;
    }
    if (sh.funcNest === 0) {
      if (eq >= 0) assignVar(sh, io, name, a.slice(eq + 1));
      continue;
    }
    try {
      sh.state.vars.declareLocal(name, eq < 0 ? undefined : a.slice(eq + 1), sh.shell === 'dash');
    } catch (e) {
      if (!(e instanceof ReadonlyError)) throw e;
      const [text, st] = readonlyText(sh.shell, name);
      sh.fatal(io, text, st);
    }
  }
  return status;
};

/** bash's declare/typeset: -x export, -r readonly, -g global; inside a function, local otherwise. */
const declare: Builtin = async (sh, argv, io) => {
  const isFlag = (a: string) => /^[-+][a-zA-Z]+$/.test(a);
  const flags = argv.slice(1).filter(isFlag).join('');
  if (/[aA]/.test(flags)) sh.fatal(io, `sim: ${argv[0]} -a/-A (arrays) is not part of the lab's shell`, 2, true);
  const inFunction = sh.funcNest > 0 && !flags.includes('g');
  let status = 0;
  for (const a of argv.slice(1).filter((x) => !isFlag(x))) {
    const eq = a.indexOf('=');
    const name = eq < 0 ? a : a.slice(0, eq);
    const value = eq < 0 ? undefined : a.slice(eq + 1);
    if (!NAME.test(name)) {
      status = badName(sh, io, argv[0]!, a);
      continue;
    }
    if (inFunction) {
      try {
        sh.state.vars.declareLocal(name, value, false);
      } catch (e) {
        if (!(e instanceof ReadonlyError)) throw e;
        const [text, st] = readonlyText(sh.shell, name);
        sh.fatal(io, text, st);
      }
    } else if (value !== undefined) assignVar(sh, io, name, value);
    if (flags.includes('x')) sh.state.vars.mark(name, 'exported');
    if (flags.includes('r')) sh.state.vars.mark(name, 'readonly');
  }
  return status;
};

/** Splits a line read by `read` into `count` fields: the last takes the rest of the line. */
export function splitRead(line: string, count: number, ifs: string): string[] {
  const white = new Set<string>([...ifs].filter((c) => c === ' ' || c === '\t' || c === '\n'));
  const delim = new Set<string>(ifs);
  const fields: string[] = [];
  let i = 0;
  const skipWhite = () => {
    while (i < line.length && white.has(line[i]!)) i++;
  };
  skipWhite();
  while (fields.length < count - 1 && i < line.length) {
    let j = i;
    while (j < line.length && !delim.has(line[j]!)) j++;
    fields.push(line.slice(i, j));
    i = j;
    skipWhite();
    if (i < line.length && delim.has(line[i]!) && !white.has(line[i]!)) {
      i++;
      skipWhite();
    }
  }
  let rest = line.slice(i);
  while (rest && white.has(rest[rest.length - 1]!)) rest = rest.slice(0, -1);
  fields.push(rest);
  while (fields.length < count) fields.push('');
  return fields;
}

const read: Builtin = async (sh, argv, io) => {
  let raw = false;
  let prompt = '';
  const names: string[] = [];
  const args = argv.slice(1);
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '-r') raw = true;
    else if (a === '-p') prompt = args[++i] ?? '';
    else if (a === '-t' || a === '-n' || a === '-d' || a === '-u') i++;
    else if (a === '-s' || a === '-e') continue;
    else names.push(a);
  }
  if (names.length === 0) {
    if (sh.shell === 'dash') sh.fatal(io, 'read: arg count', 2);
    names.push('REPLY');
  }
  for (const n of names) if (!NAME.test(n)) return badName(sh, io, 'read', n);
  const input = io.fds[0] ?? null;
  let line = '';
  let complete = false;
  for (;;) {
    let got: { line: string; complete: boolean } | null;
    if (input === null || typeof input === 'function') {
      const typed = sh.host.readLine ? await sh.host.readLine(prompt) : null;
      got = typed === null ? null : { line: typed, complete: true };
    } else got = readInputLine(input);
    if (got === null) break;
    complete = got.complete;
    if (!raw && got.line.endsWith('\\') && got.complete && !got.line.endsWith('\\\\')) {
      line += got.line.slice(0, -1);
      continue;
    }
    line += got.line;
    break;
  }
  if (!raw) line = line.replace(/\\(.)/g, '$1');
  const values = names.length === 1 && names[0] === 'REPLY' && sh.shell === 'bash' ? [line] : splitRead(line, names.length, sh.state.vars.get('IFS') ?? ' \t\n');
  names.forEach((n, i) => assignVar(sh, io, n, values[i] ?? ''));
  return complete ? 0 : 1;
};

/** bash's `let expr…`: status 0 when the last value is non-zero. */
const letBuiltin: Builtin = async (sh, argv, io) => {
  let v = 0n;
  for (const a of argv.slice(1)) v = sh.engine.arithValue(sh, a, io);
  return v !== 0n ? 0 : 1;
};

export const VARS: [string, Builtin][] = [
  ['set', set],
  ['unset', unset],
  ['export', marker('exported')],
  ['readonly', marker('readonly')],
  ['local', local],
  ['declare', declare],
  ['typeset', declare],
  ['read', read],
  ['let', letBuiltin],
];
