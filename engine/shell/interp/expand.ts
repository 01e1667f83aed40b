import type { Word, WordPart } from '../syntax/ast';
import { ArithError, arithMessage, evalArith } from './arith';
import { braceExpand, MAX_BRACE_WORDS, TooManyBraceWords } from './braces';
import { FieldBuilder, WordTooLarge } from './fields';
import { glob } from './glob';
import { assignVar } from './assign';
import type { IO } from './io';
import { fatalStatus, unboundText } from './messages';
import { expandParam, specialVar } from './params';
import { hasGlobChars, PatternTooCostly } from './pattern';
import type { Shell } from './shell';

/**
 * Word expansion in POSIX order: tilde, parameters, command substitution and arithmetic (left to
 * right), then field splitting, pathname expansion and quote removal.
 */

const PLAIN_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

function ifs(sh: Shell): string {
  return sh.state.vars.get('IFS') ?? ' \t\n';
}

/** IFS holds only white space, so a value of word characters cannot be split. */
function plainIfs(sh: Shell): boolean {
  return /^[ \t\n]*$/.test(ifs(sh));
}

/** Appends the expansion of `parts` to `fb`. `litSplits`: unquoted text came from inside `${…}`. */
export async function addParts(sh: Shell, parts: WordPart[], fb: FieldBuilder, io: IO, quoted: boolean, litSplits = false): Promise<void> {
  for (const p of parts) {
    switch (p.type) {
      case 'lit':
        if (quoted) fb.quoted(p.text);
        else if (litSplits) fb.expanded(p.text);
        else fb.literal(p.text);
        break;
      case 'quoted':
        fb.quoted(p.text);
        break;
      case 'dq':
        await addParts(sh, p.parts, fb, io, true);
        // "$@" with no positional parameters makes no field at all; any other "…" makes one.
        if (p.parts.length === 0 || !p.parts.every((x) => x.type === 'param' && x.name === '@')) fb.mark();
        break;
      case 'param':
        await expandParam(sh, p, fb, io, quoted);
        break;
      case 'cmdsub': {
        const text = await sh.commandSubst(p.script, io);
        if (quoted) fb.quoted(text);
        else fb.expanded(text);
        break;
      }
      case 'arith': {
        const value = String(arithValue(sh, await expandWord(sh, p.expr, io), io));
        if (quoted) fb.quoted(value);
        else fb.expanded(value);
        break;
      }
    }
  }
}

/** `~`, `~/x`, `~root`, `~+`, `~-` at the start of a word (and after `:` in assignments). */
function tilde(sh: Shell, prefix: string): string | null {
  const user = prefix.slice(1);
  if (user === '') return sh.state.vars.get('HOME') ?? '/root';
  if (user === 'root') return '/root';
  if (user === '+') return sh.state.cwd;
  if (user === '-') return sh.state.vars.get('OLDPWD') ?? null;
  return null;
}

async function addWord(sh: Shell, w: Word, fb: FieldBuilder, io: IO, assignment: boolean): Promise<void> {
  const first = w.parts[0];
  if (first?.type !== 'lit' || !(first.text.startsWith('~') || (assignment && first.text.includes(':~')))) {
    await addParts(sh, w.parts, fb, io, false);
    return;
  }
  // Split the leading literal at the tilde prefixes; the expanded homes are quoted text.
  const segments = assignment ? first.text.split(':') : [first.text];
  segments.forEach((seg, i) => {
    if (i > 0) fb.literal(':');
    const slash = seg.indexOf('/');
    const prefix = slash < 0 ? seg : seg.slice(0, slash);
    const home = seg.startsWith('~') && (slash >= 0 || i < segments.length - 1 || w.parts.length === 1) ? tilde(sh, prefix) : null;
    if (home === null) fb.literal(seg);
    else {
      fb.quoted(home);
      fb.literal(seg.slice(prefix.length));
    }
  });
  await addParts(sh, w.parts.slice(1), fb, io, false);
}

function tooLarge(sh: Shell, io: IO): never {
  sh.fatal(io, "sim: a word would be over the lab's limit of 1 MiB (1048576 characters)", 1, true);
}

function costly(sh: Shell, io: IO): never {
  sh.fatal(io, 'sim: this pattern needs too much work to match; simplify it', 1, true);
}

async function guarded<T>(sh: Shell, io: IO, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    if (e instanceof WordTooLarge) tooLarge(sh, io);
    if (e instanceof PatternTooCostly) costly(sh, io);
    throw e;
  }
}

/** Command words and `for` lists: fields after splitting and pathname expansion. */
export async function expandWords(sh: Shell, words: Word[], io: IO): Promise<string[]> {
  const out: string[] = [];
  for (const w of sh.shell === 'bash' || sh.shell === 'zsh' ? braces(sh, words, io) : words) {
    const only = w.parts.length === 1 ? w.parts[0]! : null;
    // The common cases, without building fields: plain text, quoted text, and $x holding one word.
    if (only?.type === 'lit' && !hasGlobChars(only.text) && !only.text.startsWith('~')) {
      out.push(only.text);
      continue;
    }
    if (only?.type === 'quoted') {
      out.push(only.text);
      continue;
    }
    if (only?.type === 'param' && only.op === null && PLAIN_NAME.test(only.name)) {
      const v = sh.state.vars.get(only.name);
      if (v !== undefined && /^[A-Za-z0-9_.,:/@%+=-]+$/.test(v) && plainIfs(sh)) {
        out.push(v);
        continue;
      }
    }
    const fb = new FieldBuilder(true, ifs(sh));
    await guarded(sh, io, () => addWord(sh, w, fb, io, false));
    for (const f of fb.done()) {
      if (f.glob && !sh.state.options.noglob && hasGlobChars(f.pat)) {
        const matches = guardedGlob(sh, io, f.pat);
        if (matches.length > 0) {
          out.push(...matches);
          continue;
        }
      }
      out.push(f.text);
    }
  }
  return out;
}

function braces(sh: Shell, words: Word[], io: IO): Word[] {
  if (!words.some((w) => w.text.includes('{'))) return words;
  try {
    return words.flatMap(braceExpand);
  } catch (e) {
    if (e instanceof TooManyBraceWords) sh.fatal(io, `sim: a brace expansion would make more than ${MAX_BRACE_WORDS} words`, 1, true);
    throw e;
  }
}

function guardedGlob(sh: Shell, io: IO, pat: string): string[] {
  try {
    return glob(sh, pat);
  } catch (e) {
    if (e instanceof PatternTooCostly) costly(sh, io);
    throw e;
  }
}

/** One string, without splitting or pathname expansion (assignments, `case` words, here-strings). */
export async function expandWord(sh: Shell, w: Word, io: IO, assignment = false): Promise<string> {
  const only = w.parts.length === 1 ? w.parts[0]! : null;
  if (only?.type === 'lit' && !only.text.includes('~')) return only.text;
  if (only?.type === 'arith' && only.expr.parts.every((p) => p.type === 'lit')) return String(arithValue(sh, only.expr.text, io));
  if (only?.type === 'param' && only.op === null && PLAIN_NAME.test(only.name)) {
    const v = sh.state.vars.get(only.name) ?? specialVar(sh, only.name);
    if (v !== undefined || !sh.state.options.nounset) return v ?? '';
  }
  const fb = new FieldBuilder(false, ifs(sh));
  await guarded(sh, io, () => addWord(sh, w, fb, io, assignment));
  return fb.text();
}

/** A pattern (`case`, `${x#p}`, `[[ x == p ]]`): quoted characters escaped, the rest active. */
export async function expandPattern(sh: Shell, w: Word, io: IO): Promise<string> {
  const fb = new FieldBuilder(false, ifs(sh));
  await guarded(sh, io, () => addParts(sh, w.parts, fb, io, false));
  return fb.pattern();
}

/** Evaluates arithmetic text; an error is the shell's fatal arithmetic error. */
export function arithValue(sh: Shell, text: string, io: IO): bigint {
  try {
    return evalArith(
      text,
      {
        get: (name) => sh.state.vars.get(name) ?? specialVar(sh, name),
        set: (name, value) => assignVar(sh, io, name, value),
        unset: (name) => {
          if (!sh.state.options.nounset) return;
          const [msg, status] = unboundText(sh.shell, name);
          sh.fatal(io, msg, status);
        },
      },
      sh.shell,
    );
  } catch (e) {
    if (e instanceof ArithError) sh.fatal(io, arithMessage(e, sh.shell), fatalStatus(sh.shell));
    throw e;
  }
}
