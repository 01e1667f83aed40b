import type { ExecRequest, Sink } from './host';
import type { Signal } from '../../util/signal';
import { sinkOf, takeInput, type IO } from './io';
import type { Shell } from './shell';

/**
 * What the host gets to run a program. Standard input is taken only if the program reads it, so
 * `while read l; do echo "$l"; done < f` keeps its place in f across the `echo`s.
 */
export function execRequest(sh: Shell, argv: string[], env: ReadonlyMap<string, string>, io: IO): ExecRequest {
  return new Request(sh, argv, env, io);
}

/** A class: an object literal with a getter costs several times more to build, once per command. */
class Request implements ExecRequest {
  private input: string | null | undefined = undefined;
  readonly out: Sink;
  readonly err: Sink;
  readonly tty: boolean;
  readonly cwd: string;
  readonly depth: number;
  readonly signal: Signal;

  constructor(
    sh: Shell,
    readonly argv: string[],
    readonly env: ReadonlyMap<string, string>,
    private readonly io: IO,
  ) {
    this.out = sinkOf(io, 1);
    this.err = sinkOf(io, 2);
    this.tty = sh.tty !== undefined && io.fds[1] === sh.tty;
    this.cwd = sh.state.cwd;
    this.depth = sh.depth;
    this.signal = sh.signal;
  }

  get stdin(): string | null {
    if (this.input === undefined) this.input = takeInput(this.io);
    return this.input;
  }
}

