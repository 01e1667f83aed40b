import { hasGlobChars, matchPattern, unescapePattern } from './pattern';
import type { Shell } from './shell';

/** Absolute form of a path, folding `.` and `..`. */
export function resolvePath(path: string, cwd: string): string {
  const parts = (path.startsWith('/') ? path : `${cwd}/${path}`).split('/');
  const out: string[] = [];
  for (const part of parts) {
    if (part === '' || part === '.') continue;
    if (part === '..') out.pop();
    else out.push(part);
  }
  return '/' + out.join('/');
}

interface Partial {
  /** What the match looks like in the output (relative when the pattern is). */
  shown: string;
  /** The directory it names, absolute. */
  abs: string;
}

/**
 * Pathname expansion against the host's directory listings: each `/`-separated piece of the
 * pattern with glob characters is matched against a listing; names starting with `.` match only
 * a pattern piece starting with a literal `.`. Matches come back sorted.
 */
export function glob(sh: Shell, pat: string): string[] {
  const absolute = pat.startsWith('/');
  const pieces = pat.split('/').filter((p, i) => p !== '' || i === 0);
  if (absolute) pieces.shift();
  let found: Partial[] = [{ shown: absolute ? '/' : '', abs: absolute ? '/' : sh.state.cwd }];
  const join = (a: string, b: string) => (a === '' ? b : a.endsWith('/') ? a + b : `${a}/${b}`);
  pieces.forEach((piece, i) => {
    const last = i === pieces.length - 1;
    const next: Partial[] = [];
    for (const f of found) {
      if (hasGlobChars(piece)) {
        const names = sh.host.listDir(f.abs) ?? [];
        const dotOk = piece.startsWith('.') || piece.startsWith('\\.');
        for (const name of [...names].sort()) {
          if (name.startsWith('.') && !dotOk) continue;
          if (!matchPattern(piece, name)) continue;
          const abs = resolvePath(name, f.abs);
          if (last || sh.host.isDirectory(abs)) next.push({ shown: join(f.shown, name), abs });
        }
      } else {
        const name = unescapePattern(piece);
        const abs = resolvePath(name, f.abs);
        const exists = sh.host.isDirectory(abs) || (last && sh.host.readFile(abs) !== null);
        if (exists) next.push({ shown: join(f.shown, name), abs });
      }
    }
    found = next;
  });
  return found.map((f) => f.shown).sort();
}
