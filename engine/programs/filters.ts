import { absolutePath, readFile } from '../shell/files';
import { toolsetOf } from '../shell/toolset';
import { cwdOf, type Proc, type Program } from '../shell/types';
import { compilePosix, type PosixRegex } from '../util/posix-re';
import { gnuRegexMessage, muslRegexMessage } from '../util/posix-re-messages';

/**
 * The text a filter reads: the named files, in order, or stdin when there are none. A missing
 * file is reported the program's way and skipped.
 */
function inputOf(p: Proc, files: string[], prog: string): { text: string; missing: boolean } {
  if (files.length === 0) return { text: p.stdin ?? '', missing: false };
  let text = '';
  let missing = false;
  for (const f of files) {
    const t = readFile(p, absolutePath(f, cwdOf(p)));
    if (t === null) {
      p.err(`${prog}: ${f}: No such file or directory\n`);
      missing = true;
    } else text += t;
  }
  return { text, missing };
}

/** Text filters for pipelines: `docker ps | grep web`, `ip a | head -n 5`, `... | wc -l`. */

function lines(text: string | null): string[] {
  if (!text) return [];
  const ls = text.split('\n');
  if (ls[ls.length - 1] === '') ls.pop();
  return ls;
}

function countArg(args: string[], fallback: number): { n: number; rest: string[]; error?: string } {
  const rest: string[] = [];
  let n = fallback;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '-n' || a === '-c') {
      const v = args[++i];
      if (v === undefined || !/^-?\d+$/.test(v)) return { n, rest, error: `invalid number '${v ?? ''}'` };
      n = Number(v);
    } else if (/^-n\d+$/.test(a)) n = Number(a.slice(2));
    else if (/^-\d+$/.test(a)) n = Number(a.slice(1));
    else rest.push(a);
  }
  return { n, rest };
}

export const grep: Program = async (p) => {
  const args = p.argv.slice(1);
  const f = { invert: false, ignoreCase: false, count: false, quiet: false, extended: false, fixed: false, word: false, line: false, only: false, numbers: false };
  const patterns: string[] = [];
  const rest: string[] = [];
  let after = 0;
  let before = 0;
  let context = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '-e') {
      patterns.push(args[++i] ?? '');
      continue;
    }
    const ctxm = /^-([ABC])(\d*)$/.exec(a) ?? /^--(after|before|context)=(\d+)$/.exec(a);
    if (ctxm) {
      context = true;
      const kind = { after: 'A', before: 'B', context: 'C' }[ctxm[1] as 'after'] ?? ctxm[1];
      ctxm[1] = kind;
      const v = ctxm[2] || args[++i];
      if (v === undefined || !/^\d+$/.test(v)) {
        p.err(`grep: ${v ?? ''}: invalid context length argument\n`);
        return 2;
      }
      if (ctxm[1] !== 'B') after = Number(v);
      if (ctxm[1] !== 'A') before = Number(v);
      continue;
    }
    if (/^-[vicqEFGwxon]+$/.test(a)) {
      f.numbers ||= a.includes('n');
      f.invert ||= a.includes('v');
      f.ignoreCase ||= a.includes('i');
      f.count ||= a.includes('c');
      f.quiet ||= a.includes('q');
      f.extended ||= a.includes('E');
      f.fixed ||= a.includes('F');
      f.word ||= a.includes('w');
      f.line ||= a.includes('x');
      f.only ||= a.includes('o');
      continue;
    }
    if (a.startsWith('-') && a.length > 1 && patterns.length === 0 && rest.length === 0) {
      p.err(`grep: unrecognized option '${a}'\n`);
      return 2;
    }
    rest.push(a);
  }
  if (patterns.length === 0) {
    const pat = rest.shift();
    if (pat === undefined) {
      p.err('Usage: grep [OPTION]... PATTERNS [FILE]...\n');
      return 2;
    }
    patterns.push(pat);
  }
  // A pattern with newlines is one pattern per line, as GNU grep reads it.
  const all = patterns.flatMap((pat) => pat.split('\n'));
  const res: PosixRegex[] = [];
  for (const pat of all) {
    const r = await compilePosix(pat, { extended: f.extended, fixed: f.fixed, ignoreCase: f.ignoreCase, word: f.word, line: f.line });
    if (!r.ok) {
      if (r.error.kind === 'backref') p.err(`sim: back-references such as \\1 are not part of the lab's grep (it matches in linear time); use -E with an explicit pattern\n`);
      else if (toolsetOf(p) === 'busybox') p.err(`grep: bad regex '${pat}': ${muslRegexMessage(r.error)}\n`);
      else p.err(`grep: ${gnuRegexMessage(r.error)}\n`);
      return 2;
    }
    if (toolsetOf(p) === 'gnu') for (const w of r.warnings) p.err(`grep: warning: ${w} at start of expression\n`);
    res.push(r.re);
  }
  const input = inputOf(p, rest, 'grep');
  const text = lines(input.text);
  const matched = text.map((l) => res.some((r) => r.test(l)) !== f.invert);
  const num = (i: number, sep: string) => (f.numbers ? `${i + 1}${sep}` : '');
  const hits = matched.filter(Boolean).length;
  const status = input.missing ? 2 : hits ? 0 : 1;
  if (f.quiet) return hits ? 0 : status;
  if (f.count) p.out(`${hits}\n`);
  else if (f.only) {
    // -o: each non-empty match on its own line (with -v there is nothing to show).
    const out: string[] = [];
    if (!f.invert) text.forEach((l, i) => {
      for (const m of onlyMatches(res, l)) out.push(num(i, ':') + m);
    });
    if (out.length) p.out(out.join('\n') + '\n');
  } else if (hits && context) {
    // Context lines, with "--" between groups that do not touch, as GNU grep prints them.
    const keep = new Set<number>();
    matched.forEach((m, i) => {
      if (!m) return;
      for (let k = Math.max(0, i - before); k <= Math.min(text.length - 1, i + after); k++) keep.add(k);
    });
    const out: string[] = [];
    let last = -2;
    for (const i of [...keep].sort((a, b) => a - b)) {
      if (last >= 0 && i > last + 1) out.push('--');
      out.push(num(i, matched[i] ? ':' : '-') + text[i]!);
      last = i;
    }
    p.out(out.join('\n') + '\n');
  } else if (hits) p.out(text.flatMap((l, i) => (matched[i] ? [num(i, ':') + l] : [])).join('\n') + '\n');
  return status;
};

/** The non-empty matches in a line, left to right, the longest of the patterns at each place. */
function onlyMatches(res: PosixRegex[], line: string): string[] {
  const out: string[] = [];
  let from = 0;
  while (from <= line.length) {
    let best: { index: number; text: string } | null = null;
    for (const r of res) {
      const m = r.exec(line, from);
      if (m && (!best || m.index < best.index || (m.index === best.index && m.text.length > best.text.length))) best = m;
    }
    if (!best) break;
    if (best.text === '') {
      from = best.index + 1;
      continue;
    }
    out.push(best.text);
    from = best.index + best.text.length;
  }
  return out;
}

export const head: Program = async (p) => {
  const byteFlag = p.argv.findIndex((a) => a === '-c' || /^-c\d+$/.test(a));
  if (byteFlag >= 0) {
    const v = p.argv[byteFlag] === '-c' ? p.argv[byteFlag + 1] : p.argv[byteFlag]!.slice(2);
    if (v === undefined || !/^\d+$/.test(v)) {
      p.err(`head: invalid number of bytes: '${v ?? ''}'\n`);
      return 1;
    }
    p.out((p.stdin ?? '').slice(0, Number(v)));
    return 0;
  }
  const { n, error, rest } = countArg(p.argv.slice(1), 10);
  if (error) {
    p.err(`head: ${error}\n`);
    return 1;
  }
  const input = inputOf(p, rest, 'head');
  const ls = lines(input.text);
  const out = n >= 0 ? ls.slice(0, n) : ls.slice(0, Math.max(0, ls.length + n));
  if (out.length) p.out(out.join('\n') + '\n');
  return input.missing ? 1 : 0;
};

export const tail: Program = async (p) => {
  const args = p.argv.slice(1).filter((a) => a !== '-f');
  const plus = args.findIndex((a) => /^\+\d+$/.test(a));
  const files = countArg(args.filter((a, i) => i !== plus && !(args[i - 1] === '-n' && /^\+/.test(a))), 10).rest.filter((a) => !/^\+\d+$/.test(a));
  const ls = lines(inputOf(p, files, 'tail').text);
  if (plus >= 0) {
    const out = ls.slice(Number(args[plus]!.slice(1)) - 1);
    if (out.length) p.out(out.join('\n') + '\n');
    return 0;
  }
  const nIdx = args.indexOf('-n');
  if (nIdx >= 0 && /^\+\d+$/.test(args[nIdx + 1] ?? '')) {
    const out = ls.slice(Number(args[nIdx + 1]!.slice(1)) - 1);
    if (out.length) p.out(out.join('\n') + '\n');
    return 0;
  }
  const { n, error } = countArg(args, 10);
  if (error) {
    p.err(`tail: ${error}\n`);
    return 1;
  }
  const out = n === 0 ? [] : ls.slice(-n);
  if (out.length) p.out(out.join('\n') + '\n');
  return 0;
};

export const wc: Program = async (p) => {
  const files = p.argv.slice(1).filter((a) => !a.startsWith('-'));
  const input = inputOf(p, files, 'wc');
  const text = input.text;
  const suffix = files.length === 1 ? ` ${files[0]}` : '';
  const l = (text.match(/\n/g) ?? []).length;
  const w = text.split(/\s+/).filter(Boolean).length;
  const c = new TextEncoder().encode(text).length;
  const busy = p.ctx.shell === 'busybox';
  const fmt = (n: number) => (busy ? String(n).padStart(9) : String(n));
  const flagText = p.argv.slice(1).filter((a) => a.startsWith('-')).join('');
  if (flagText.includes('l') && !flagText.includes('w') && !flagText.includes('c')) p.out(`${l}${suffix}\n`);
  else if (flagText.includes('w') && !flagText.includes('l')) p.out(`${w}${suffix}\n`);
  else if (flagText.includes('c') && !flagText.includes('l')) p.out(`${c}${suffix}\n`);
  else p.out(busy ? `${fmt(l)}${fmt(w)}${fmt(c)}${suffix}\n` : `${String(l).padStart(7)} ${String(w).padStart(7)} ${String(c).padStart(7)}${suffix}\n`);
  return input.missing ? 1 : 0;
};

export const sort: Program = async (p) => {
  const args = p.argv.slice(1).join('');
  let ls = lines(p.stdin);
  ls = args.includes('n') ? ls.sort((a, b) => parseFloat(a) - parseFloat(b)) : ls.sort();
  if (args.includes('r')) ls.reverse();
  if (args.includes('u')) ls = [...new Set(ls)];
  if (ls.length) p.out(ls.join('\n') + '\n');
  return 0;
};

export const uniq: Program = async (p) => {
  const out: string[] = [];
  const counts: number[] = [];
  for (const l of lines(p.stdin)) {
    if (out[out.length - 1] === l) counts[counts.length - 1]!++;
    else {
      out.push(l);
      counts.push(1);
    }
  }
  const c = p.argv.includes('-c');
  if (out.length) p.out(out.map((l, i) => (c ? `${String(counts[i]).padStart(7)} ${l}` : l)).join('\n') + '\n');
  return 0;
};

export const cut: Program = async (p) => {
  const args = p.argv.slice(1);
  let delim = '\t';
  let fields: number[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '-d') delim = args[++i] ?? '\t';
    else if (a.startsWith('-d')) delim = a.slice(2);
    else if (a === '-f') fields = parseFields(args[++i] ?? '');
    else if (a.startsWith('-f')) fields = parseFields(a.slice(2));
  }
  if (fields.length === 0) {
    p.err('cut: you must specify a list of bytes, characters, or fields\n');
    return 1;
  }
  const out = lines(p.stdin).map((l) => {
    if (!l.includes(delim)) return l;
    const parts = l.split(delim);
    return fields.filter((f) => f <= parts.length).map((f) => parts[f - 1]).join(delim);
  });
  if (out.length) p.out(out.join('\n') + '\n');
  return 0;
};

function parseFields(spec: string): number[] {
  const out: number[] = [];
  for (const part of spec.split(',')) {
    const m = /^(\d+)(?:-(\d+))?$/.exec(part);
    if (!m) continue;
    const a = Number(m[1]);
    const b = m[2] ? Number(m[2]) : a;
    for (let i = a; i <= b; i++) out.push(i);
  }
  return out;
}

export const tr: Program = async (p) => {
  const args = p.argv.slice(1);
  const del = args[0] === '-d';
  const set1 = expandSet(args[del ? 1 : 0] ?? '');
  const set2 = expandSet(args[del ? 2 : 1] ?? '');
  let text = p.stdin ?? '';
  if (del) text = [...text].filter((ch) => !set1.includes(ch)).join('');
  else text = [...text].map((ch) => { const i = set1.indexOf(ch); return i < 0 ? ch : (set2[Math.min(i, set2.length - 1)] ?? ch); }).join('');
  p.out(text);
  return 0;
};

function expandSet(s: string): string {
  if (s === '[:upper:]') return 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  if (s === '[:lower:]') return 'abcdefghijklmnopqrstuvwxyz';
  return s.replace(/(.)-(.)/g, (_, a: string, b: string) => {
    let r = '';
    for (let c = a.charCodeAt(0); c <= b.charCodeAt(0); c++) r += String.fromCharCode(c);
    return r;
  }).replace(/\\n/g, '\n');
}
