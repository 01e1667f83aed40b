import type { ExecRequest } from './host';
import { sinkOf, takeInput, type IO } from './io';
import type { Shell } from './shell';

/**
 * What the host gets to run a program. Standard input is taken only if the program reads it, so
 * `while read l; do echo "$l"; done < f` keeps its place in f across the `echo`s.
 */
export function execRequest(sh: Shell, argv: string[], env: ReadonlyMap<string, string>, io: IO): ExecRequest {
  let stdin: string | null | undefined;
  return {
    argv,
    get stdin() {
      if (stdin === undefined) stdin = takeInput(io);
      return stdin;
    },
    out: sinkOf(io, 1),
    tty: sh.tty !== undefined && io.fds[1] === sh.tty,
    err: sinkOf(io, 2),
    env,
    cwd: sh.state.cwd,
    depth: sh.depth,
    signal: sh.signal,
  };
}

