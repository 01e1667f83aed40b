import { isAvailable } from './exec';
import { builtinNames } from './interp/index';
import type { ExecContext, Runtime } from './types';

/** Tab completion: command names here, arguments from the program table (docker's own completion). */
export function completeLine(rt: Runtime, ctx: ExecContext, line: string, cursor: number): { candidates: string[]; start: number } {
  const before = line.slice(0, cursor);
  const m = /(\S*)$/.exec(before)!;
  const word = m[1]!;
  const start = cursor - word.length;
  const words = before.slice(0, start).trim().split(/\s+/).filter(Boolean);
  // Only the command after the last ; | && || matters.
  let i = words.length - 1;
  while (i >= 0 && !['|', ';', '&&', '||'].includes(words[i]!)) i--;
  const cmdWords = words.slice(i + 1);
  const pick = (list: Iterable<string>) => [...new Set(list)].filter((c) => c.startsWith(word)).sort();
  if (cmdWords.length === 0) {
    // Programs here, and the shell's own builtins (cd, export, exit … are no programs).
    const names = [...rt.programs.names().filter((n) => isAvailable(rt, ctx, n)), ...builtinNames(ctx.shell).filter((n) => /^[a-z]/.test(n))];
    return { start, candidates: pick(names) };
  }
  return { start, candidates: pick(rt.programs.complete(rt, ctx, cmdWords, word) ?? []) };
}
