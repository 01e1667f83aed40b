import type { Sink } from './host';
import { ChildCancel, type Signal } from '../../util/signal';

/**
 * Descriptors: 0–9, each an input (text with a read position shared by everyone reading it, so
 * `while read l; do …; done < f` reads one line per turn), an output sink, or closed.
 */
export interface Input {
  text: string;
  pos: number;
}

export type Fd = Input | Sink | null;

export interface IO {
  fds: Fd[];
}

export function isSink(fd: Fd): fd is Sink {
  return typeof fd === 'function';
}

export function write(io: IO, fd: number, text: string): void {
  const f = io.fds[fd];
  if (text && isSink(f ?? null)) (f as Sink)(text);
}

export const out = (io: IO, text: string) => write(io, 1, text);
export const err = (io: IO, text: string) => write(io, 2, text);

export function sinkOf(io: IO, fd: number): Sink {
  const f = io.fds[fd] ?? null;
  return isSink(f) ? f : () => {};
}

/** What a program gets as stdin: the unread rest (then all of it counts as read), or null for the terminal. */
export function takeInput(io: IO): string | null {
  const f = io.fds[0] ?? null;
  if (f === null || isSink(f)) return null;
  const rest = f.text.slice(f.pos);
  f.pos = f.text.length;
  return rest;
}

/** One line from stdin for `read`: the text without its newline, and whether a newline ended it; null at end. */
export function readInputLine(input: Input): { line: string; complete: boolean } | null {
  if (input.pos >= input.text.length) return null;
  const nl = input.text.indexOf('\n', input.pos);
  if (nl < 0) {
    const line = input.text.slice(input.pos);
    input.pos = input.text.length;
    return { line, complete: false };
  }
  const line = input.text.slice(input.pos, nl);
  input.pos = nl + 1;
  return { line, complete: true };
}

export function withFds(io: IO, changes: [number, Fd][]): IO {
  const fds = io.fds.slice();
  for (const [n, f] of changes) fds[n] = f;
  return { fds };
}

/** Output collected in memory (pipes, `$(…)`), refusing to grow past `limit` characters. */
export class Collector {
  text = '';
  overflow = false;
  constructor(
    private readonly limit: number,
    private readonly onOverflow?: () => void,
  ) {}
  readonly sink: Sink = (t) => {
    if (this.overflow) return;
    if (this.text.length + t.length > this.limit) {
      this.overflow = true;
      this.onOverflow?.();
      this.text += t.slice(0, Math.max(0, this.limit - this.text.length));
      return;
    }
    this.text += t;
  };
}

/**
 * A signal that aborts with `parent` or on `abort()` (a full pipe): what AbortSignal.any does,
 * at a fraction of its cost per pipeline stage. `release()` unhooks it from the parent.
 */
export class ChildSignal {
  private readonly c: ChildCancel;
  /** Aborted by abort() (the child's own reason), not by the parent. */
  broken = false;
  constructor(parent: Signal) {
    this.c = new ChildCancel(parent);
  }
  get signal(): Signal {
    return this.c;
  }
  abort(): void {
    this.broken = true;
    this.c.abort();
  }
  release(): void {
    this.c.release();
  }
}

/**
 * Unwinds the interpreter: `exit`, a fatal error (ends the command line, or the script), or Ctrl-C.
 * A subshell stops exit and fatal errors, except a broken limit (`escapes`), which ends everything.
 */
export class Unwind {
  constructor(
    readonly kind: 'exit' | 'fatal' | 'abort',
    readonly status: number,
    readonly escapes = false,
  ) {}
}

export class LoopJump {
  constructor(
    readonly kind: 'break' | 'continue',
    public levels: number,
  ) {}
}

export class FunctionReturn {
  constructor(readonly status: number) {}
}
