import { absolutePath, readFile, writeFile } from '../../shell/files';
import { toolsetOf } from '../../shell/toolset';
import { cwdOf, type Program } from '../../shell/types';
import { parse, SedError, type Address, type Command } from './parse';

/** Running sed's commands over the lines (parse.ts reads the script). */

function hits(a: Address, line: string, n: number, last: boolean): boolean {
  if (a.kind === 'line') return n === a.n;
  if (a.kind === 'last') return last;
  if (a.kind === 'step') return a.step <= 0 ? n === a.first : n >= a.first && (n - a.first) % a.step === 0;
  if (a.kind === 'plus') return false;
  return a.re.test(line);
}

/** Whether line n ends a range that started on line `start`. */
function ends(a: Address, line: string, n: number, last: boolean, start: number): boolean {
  if (a.kind === 'line') return n >= a.n;
  if (a.kind === 'plus') return n >= start + a.n;
  return hits(a, line, n, last);
}

/** Whether a command applies to line n (ranges remember that they started). */
function selected(c: Command, line: string, n: number, last: boolean): boolean {
  let on: boolean;
  if (!c.a1) on = true;
  else if (!c.a2) on = hits(c.a1, line, n, last);
  else if (c.active) {
    on = true;
    if (ends(c.a2, line, n, last, c.startLine ?? n)) c.active = false;
  } else if (hits(c.a1, line, n, last)) {
    on = true;
    c.startLine = n;
    // A line-number end at or before the start (or +0) closes the range at once.
    c.active = !(c.a2.kind === 'line' ? c.a2.n <= n : c.a2.kind === 'plus' ? c.a2.n === 0 : c.a2.kind === 'last' && last);
  } else on = false;
  return on !== c.invert;
}

/** `&` is the match, `\1`…`\9` its groups, `\n` a newline, `\x` a plain x. */
function expand(replacement: string, m: { text: string; groups: string[] }): string {
  return replacement.replace(/\\(.)|&/g, (all, c: string | undefined) => {
    if (all === '&') return m.text;
    if (/[0-9]/.test(c!)) return c === '0' ? m.text : (m.groups[Number(c) - 1] ?? '');
    return c === 'n' ? '\n' : c === 't' ? '\t' : c!;
  });
}

function substitute(c: Command, line: string): string | null {
  let out = '';
  let from = 0;
  let count = 0;
  let changed = false;
  // An empty match right where a match ended is no match (`echo cccd | sed 's/c*/R/g'` is RdR).
  let prevEnd = -1;
  while (from <= line.length) {
    const m = c.re!.exec(line, from);
    if (!m) break;
    out += line.slice(from, m.index);
    if (m.text === '' && m.index === prevEnd) {
      if (m.index >= line.length) {
        from = line.length;
        break;
      }
      out += line[m.index];
      from = m.index + 1;
      continue;
    }
    count++;
    const wanted = c.global ? count >= (c.nth ?? 1) : count === (c.nth ?? 1);
    out += wanted ? expand(c.replacement!, m) : m.text;
    changed ||= wanted;
    prevEnd = m.index + m.text.length;
    from = prevEnd;
    if (m.text === '') {
      if (m.index < line.length) out += line[m.index];
      from = m.index + 1;
    }
    if (wanted && !c.global) break;
  }
  if (!changed) return null;
  return out + line.slice(from);
}

/** Runs the commands over the lines (`q` stops after printing its line). */
function run(cmds: Command[], lines: string[], quiet: boolean): string {
  let out = '';
  for (let n = 1; n <= lines.length; n++) {
    let line = lines[n - 1]!;
    const last = n === lines.length;
    let deleted = false;
    let quit = false;
    const appended: string[] = [];
    for (const c of cmds) {
      if (!selected(c, line, n, last)) continue;
      if (c.name === 's') {
        const r = substitute(c, line);
        if (r !== null) {
          line = r;
          if (c.print) out += `${line}\n`;
        }
      } else if (c.name === 'p') out += `${line}\n`;
      else if (c.name === 'd') {
        deleted = true;
        break;
      } else if (c.name === 'q') {
        quit = true;
        break;
      } else if (c.name === '=') out += `${n}\n`;
      else if (c.name === 'y') line = [...line].map((ch) => (c.from!.includes(ch) ? [...c.to!][[...c.from!].indexOf(ch)]! : ch)).join('');
      else if (c.name === 'i') out += `${c.text}\n`;
      else if (c.name === 'a') appended.push(c.text!);
      else if (c.name === 'c') {
        if (!c.a2 || !c.active) out += `${c.text}\n`;
        deleted = true;
        break;
      }
    }
    if (!deleted && !quiet) out += `${line}\n`;
    for (const t of appended) out += `${t}\n`;
    if (quit) break;
  }
  return out;
}

export const sed: Program = async (p) => {
  const args = p.argv.slice(1);
  const scripts: string[] = [];
  const files: string[] = [];
  let quiet = false;
  let extended = false;
  let inPlace = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '-e' || a === '--expression') scripts.push(args[++i] ?? '');
    else if (a.startsWith('--expression=')) scripts.push(a.slice(13));
    else if (a === '-n' || a === '--quiet' || a === '--silent') quiet = true;
    else if (a === '-E' || a === '-r' || a === '--regexp-extended') extended = true;
    else if (a === '-i' || a === '--in-place') inPlace = true;
    else if (/^-[nEri]+$/.test(a)) {
      quiet ||= a.includes('n');
      extended ||= a.includes('E') || a.includes('r');
      inPlace ||= a.includes('i');
    } else if (a.startsWith('-') && a !== '-') {
      p.err(toolsetOf(p) === 'busybox' ? `sed: unrecognized option '${a}'\n` : `sed: invalid option -- '${a.slice(1, 2)}'\nUsage: sed [OPTION]... {script-only-if-no-other-script} [input-file]...\n`);
      return 1;
    } else files.push(a);
  }
  if (scripts.length === 0) {
    const s = files.shift();
    if (s === undefined) {
      p.err('Usage: sed [OPTION]... {script-only-if-no-other-script} [input-file]...\n');
      return 1;
    }
    scripts.push(s);
  }
  let cmds: Command[];
  try {
    cmds = [];
    for (const [k, s] of scripts.entries()) cmds.push(...(await parse(s, k + 1, extended)));
  } catch (e) {
    if (!(e instanceof SedError)) throw e;
    p.err(`${toolsetOf(p) === 'busybox' ? e.busybox : e.gnu}\n`);
    return 1;
  }
  const split = (t: string) => {
    const ls = t.split('\n');
    if (ls[ls.length - 1] === '') ls.pop();
    return ls;
  };
  if (inPlace) {
    for (const f of files) {
      const path = absolutePath(f, cwdOf(p));
      const text = readFile(p, path);
      if (text === null) {
        p.err(`sed: can't read ${f}: No such file or directory\n`);
        return 2;
      }
      const e = writeFile(p, path, run(cmds.map((c) => ({ ...c, active: false })), split(text), quiet), false);
      if (e) p.err(`sed: ${e}\n`);
    }
    return 0;
  }
  let text = '';
  let status = 0;
  if (files.length === 0) text = p.stdin ?? '';
  for (const f of files) {
    const t = f === '-' ? (p.stdin ?? '') : readFile(p, absolutePath(f, cwdOf(p)));
    if (t === null) {
      p.err(`sed: can't read ${f}: No such file or directory\n`);
      status = 2;
    } else text += t;
  }
  p.out(run(cmds, split(text), quiet));
  return status;
};
