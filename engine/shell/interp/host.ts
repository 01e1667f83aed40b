import type { Signal } from '../../util/signal';
/**
 * What the interpreter needs from the machine it runs on. The interpreter owns the shell language
 * (variables, functions, control flow, expansions, redirections, the builtins that change the
 * shell itself); the host owns everything else: programs, files, time and the terminal.
 */

export type Sink = (text: string) => void;

/** A program run by argv, with the shell's current descriptors and environment. */
export interface ExecRequest {
  argv: string[];
  /**
   * The unread rest of standard input, or null when stdin is the terminal. Reading this property
   * consumes all of it (as `cat` would); a program that never reads it leaves it for the next
   * command, so `while read l; do echo "$l"; done < f` works. Hosts must read it lazily.
   */
  readonly stdin: string | null;
  out: Sink;
  err: Sink;
  /** isatty(1): `out` is the terminal itself (not a pipe, a file or a command substitution). */
  tty?: boolean;
  /** Exported variables, with the command's prefix assignments (`X=1 cmd`) applied. */
  env: ReadonlyMap<string, string>;
  cwd: string;
  /**
   * How many shells deep this command runs (0 for the terminal's shell). A host that starts another
   * shell for it (`sh -c`, `sh < file`, `bash script`) passes `depth + 1` to that interpreter, which
   * refuses to go past its limit: that is what stops `sh < x` reading itself forever.
   */
  depth: number;
  /** Aborted by Ctrl-C. */
  signal: Signal;
}

export interface ShellHost {
  /**
   * Runs a program that is not a shell function or one of the interpreter's builtins (echo, cat,
   * docker …). Resolves to its exit status, or null when there is no such command here (the
   * interpreter prints the shell's own "not found" line and returns 127).
   */
  exec(req: ExecRequest): Promise<number | null>;
  /** Where a program lives (`/usr/bin/curl`), for `type` and `command -v`; null if absent. */
  which(name: string): string | null;
  /** A file's text (absolute path), or null if it does not exist. */
  readFile(path: string): string | null;
  /**
   * Creates, truncates (`append` false) or appends to a file. Returns null, or the reason it failed,
   * one of 'nodir' (no such directory), 'isdir', 'readonly' (e.g. /proc), 'toolarge'.
   */
  writeFile(path: string, text: string, append: boolean): null | 'nodir' | 'isdir' | 'readonly' | 'toolarge';
  isDirectory(path: string): boolean;
  /** Names in a directory, for globbing (`ls *.conf`); null if it is not one. */
  listDir(path: string): string[] | null;
  /** A new process id, for `$!` and `[1] 1234`. */
  newPid(): number;
  /**
   * Lets the page breathe: resolves on a later macrotask (not a microtask), so input and Ctrl-C
   * are handled while a loop runs. Called every few thousand steps or milliseconds. A background
   * process's host spends lab time here instead; `signal` ends that wait early.
   */
  yield(signal?: Signal): Promise<void>;
  /** Milliseconds from any fixed origin, used only to decide when to yield. Defaults to Date.now. */
  now?(): number;
  /** A line typed at the terminal, for `read` with no redirected input; null at end of input. */
  readLine?(prompt: string): Promise<string | null>;
  /**
   * Starts a background job (`cmd &`) as a process of the machine, on the host it gets (one whose
   * sleeps and yields run on the machine's clock). Without it the job starts at once on this host.
   */
  spawn?(task: (host: ShellHost) => Promise<number>): Promise<number>;
  /**
   * Waits for a job (`wait`) while the machine's clock runs, so a job sleeping on it can finish;
   * 'aborted' on Ctrl-C. Without it the promise is awaited as is.
   */
  until?(p: Promise<number>, signal: Signal): Promise<number | 'aborted'>;
}
