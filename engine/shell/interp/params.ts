import type { ParamPart } from '../syntax/ast';
import { assignVar } from './assign';
import type { FieldBuilder } from './fields';
import type { IO } from './io';
import { badSubstitutionText, paramUnsetText, unboundText } from './messages';
import { findMatch, matchPrefix, matchSuffix, replaceAll } from './pattern';
import type { Shell } from './shell';

/** Parameter expansion: `$x`, the special parameters, and the `${x…}` operators. */

/** Variables the shell computes when read: $RANDOM (seeded, so labs replay), $LINENO. */
export function specialVar(sh: Shell, name: string): string | undefined {
  if (name === 'RANDOM' && sh.shell !== 'dash') {
    // A linear congruential generator: deterministic per shell, 0..32767 like bash.
    sh.state.random = (Math.imul(sh.state.random, 1103515245) + 12345) >>> 0;
    return String((sh.state.random >>> 16) & 32767);
  }
  if (name === 'LINENO') return String(sh.line);
  return undefined;
}

function optionFlags(sh: Shell): string {
  const o = sh.state.options;
  let f = '';
  if (o.errexit) f += 'e';
  if (o.noglob) f += 'f';
  if (sh.interactive) f += 'i';
  if (o.nounset) f += 'u';
  if (o.verbose) f += 'v';
  if (o.xtrace) f += 'x';
  if (o.noclobber) f += 'C';
  return sh.shell === 'bash' ? f + 'hB' + (sh.interactive ? 'H' : '') + (sh.source === '-c' ? 'c' : '') : f;
}

/** A parameter's value: text, undefined when unset, or the list of positional parameters for `@` and `*`. */
export function paramValue(sh: Shell, name: string): string | string[] | undefined {
  const s = sh.state;
  switch (name) {
    case '@':
    case '*':
      return s.positional;
    case '#':
      return String(s.positional.length);
    case '?':
      return String(s.status);
    case '$':
      return String(s.pid);
    case '!':
      return s.lastBackground === null ? undefined : String(s.lastBackground);
    case '-':
      return optionFlags(sh);
    case '0':
      return s.arg0;
  }
  if (name.charCodeAt(0) >= 48 && name.charCodeAt(0) <= 57) return s.positional[Number(name) - 1];
  return s.vars.get(name) ?? specialVar(sh, name);
}

function separator(sh: Shell): string {
  const ifs = sh.state.vars.get('IFS');
  return ifs === undefined ? ' ' : ifs.slice(0, 1);
}

/** Appends a value: a list becomes separate fields for `$@` (and unquoted `$*`), one joined text for `"$*"`. */
function append(sh: Shell, p: ParamPart, value: string | string[], fb: FieldBuilder, quoted: boolean): void {
  if (!Array.isArray(value)) {
    if (quoted) fb.quoted(value);
    else fb.expanded(value);
    return;
  }
  if (quoted && p.name === '*') {
    fb.quoted(value.join(separator(sh)));
    return;
  }
  value.forEach((v, i) => {
    if (i > 0) fb.boundary(quoted);
    if (quoted) fb.quoted(v);
    else fb.expanded(v);
  });
}

function unbound(sh: Shell, name: string, io: IO): never {
  const [text, status] = unboundText(sh.shell, name);
  sh.fatal(io, text, status);
}

/** Applies a string operation to a value or to each positional parameter. */
function each(value: string | string[], f: (s: string) => string): string | string[] {
  return Array.isArray(value) ? value.map(f) : f(value);
}

export async function expandParam(sh: Shell, p: ParamPart, fb: FieldBuilder, io: IO, quoted: boolean): Promise<void> {
  if (p.op === 'bad') {
    const [text, status] = badSubstitutionText(sh.shell, p.text);
    sh.fatal(io, text, status);
  }
  const raw = paramValue(sh, p.name);
  const list = Array.isArray(raw);
  const isSet = list ? raw.length > 0 : raw !== undefined;
  const op = p.op;
  if (op === null || op === 'len') {
    if (!isSet && !list && sh.state.options.nounset) unbound(sh, p.name, io);
    if (op === 'len') append(sh, p, String(list ? raw.length : (raw ?? '').length), fb, quoted);
    else if (raw !== undefined) append(sh, p, raw, fb, quoted);
    return;
  }
  const colon = op.startsWith(':') && op !== 'substr';
  const isNull = list ? raw.join('') === '' : raw === '';
  const useDefault = !isSet || (colon && isNull);
  switch (op) {
    case '-':
    case ':-':
      if (useDefault) await sh.engine.addParts(sh, p.arg!.parts, fb, io, quoted, true);
      else append(sh, p, raw!, fb, quoted);
      return;
    case '+':
    case ':+':
      if (!useDefault) await sh.engine.addParts(sh, p.arg!.parts, fb, io, quoted, true);
      return;
    case '=':
    case ':=': {
      if (!useDefault) {
        append(sh, p, raw!, fb, quoted);
        return;
      }
      const value = await sh.engine.expandWord(sh, p.arg!, io);
      if (!/^[A-Za-z_]/.test(p.name)) {
        const text = sh.shell === 'bash' ? `$${p.name}: cannot assign in this way` : sh.shell === 'dash' ? `${p.name}: Bad substitution` : `${p.name}: parameter not set`;
        sh.fatal(io, text, sh.shell === 'bash' ? 1 : 2);
      }
      assignVar(sh, io, p.name, value);
      append(sh, p, value, fb, quoted);
      return;
    }
    case '?':
    case ':?': {
      if (!useDefault) {
        append(sh, p, raw!, fb, quoted);
        return;
      }
      const message = p.arg && p.arg.parts.length > 0 ? await sh.engine.expandWord(sh, p.arg, io) : null;
      const [text, status] = paramUnsetText(sh.shell, p.name, colon, message);
      sh.fatal(io, text, status);
    }
  }
  if (!isSet && !list && sh.state.options.nounset) unbound(sh, p.name, io);
  const value = raw ?? '';
  switch (op) {
    case '#':
    case '##': {
      const pat = await sh.engine.expandPattern(sh, p.arg!, io);
      append(sh, p, each(value, (s) => s.slice(Math.max(0, matchPrefix(pat, s, op === '##')))), fb, quoted);
      return;
    }
    case '%':
    case '%%': {
      const pat = await sh.engine.expandPattern(sh, p.arg!, io);
      append(sh, p, each(value, (s) => {
        const at = matchSuffix(pat, s, op === '%%');
        return at < 0 ? s : s.slice(0, at);
      }), fb, quoted);
      return;
    }
    case '/':
    case '//':
    case '/#':
    case '/%': {
      const pat = await sh.engine.expandPattern(sh, p.arg!, io);
      const rep = p.arg2 ? await sh.engine.expandWord(sh, p.arg2, io) : '';
      append(sh, p, each(value, (s) => {
        if (pat === '') return s;
        if (op === '//') return replaceAll(pat, s, rep);
        const m = findMatch(pat, s, 0, op === '/#' ? 'start' : op === '/%' ? 'end' : null);
        return m ? s.slice(0, m[0]) + rep + s.slice(m[1]) : s;
      }), fb, quoted);
      return;
    }
    case 'substr': {
      const offset = Number(sh.engine.arithValue(sh, await sh.engine.expandWord(sh, p.arg!, io), io));
      const length = p.arg2 ? Number(sh.engine.arithValue(sh, await sh.engine.expandWord(sh, p.arg2, io), io)) : null;
      const cut = (s: string) => {
        const start = offset < 0 ? Math.max(0, s.length + offset) : Math.min(offset, s.length);
        if (length === null) return s.slice(start);
        const end = length < 0 ? s.length + length : start + length;
        return end < start ? '' : s.slice(start, end);
      };
      if (Array.isArray(value)) {
        const all = [sh.state.arg0, ...value];
        const start = offset < 0 ? Math.max(0, all.length + offset) : offset;
        append(sh, p, all.slice(start, length === null ? undefined : start + length), fb, quoted);
      } else append(sh, p, cut(value), fb, quoted);
      return;
    }
    case '^':
    case '^^':
      append(sh, p, each(value, (s) => (op === '^^' ? s.toUpperCase() : s.slice(0, 1).toUpperCase() + s.slice(1))), fb, quoted);
      return;
    case ',':
    case ',,':
      append(sh, p, each(value, (s) => (op === ',,' ? s.toLowerCase() : s.slice(0, 1).toLowerCase() + s.slice(1))), fb, quoted);
      return;
  }
}
