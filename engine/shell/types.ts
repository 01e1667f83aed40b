import type { AppEnv } from '../apps/env';
import type { EngineApi } from '../docker/api';
import type { ContainerRec } from '../docker/types';
import type { NetNs } from '../kernel/types';
import type { DockerWorld as WorldState, HostState } from '../docker/world';
import type { Signal } from '../util/signal';

/** Where a command runs: a Docker host, inside one of its containers, or another LAN machine. */
export interface ExecContext {
  kind: 'host' | 'container' | 'machine';
  /** Docker host name (or the machine's name). */
  host: string;
  containerId: string | null;
  /** Entered with `docker run -it` or `docker attach`: leaving the shell ends the container. */
  endsContainer: boolean;
  /** Which shell reads the lines: prompts and error texts differ (dash is Debian's and Ubuntu's sh). */
  shell: 'bash' | 'busybox' | 'zsh' | 'dash';
  /** Shell variables of this context (plain data: saved with the lab). */
  vars: Record<string, string>;
  /** Which of `vars` are exported (`export X=1`), so exports survive a save; absent means none. */
  exported?: string[];
  /** Working directory (`cd`); unset means the home or the image's WORKDIR. */
  cwd?: string;
  /** Inside a container: the user processes run as (`--user`, `exec -u`), as given; unset is root. */
  user?: string;
  /** Inside a container: environment `docker exec -e` adds for this process, after the image's. */
  env?: string[];
  /** On a host: the network namespace `nsenter --net=…` entered (a kernel namespace id); files and programs stay the host's. */
  netns?: string;
}

/** What the session offers programs that change where the learner is. */
export interface SessionControl {
  push(ctx: ExecContext): void;
  /** Leaves the current context; a shell that was a container's main process ends the container with `exitCode`. */
  pop(exitCode?: number): ExecContext | null;
  depth(): number;
  history(): readonly string[];
  requestClear(): void;
}

export interface Runtime {
  world: WorldState;
  /** What servers and resolvers need from Docker (logs, the embedded DNS): apps are called with it. */
  apps: AppEnv;
  pacing: 'instant' | 'realtime';
  /** Advances the virtual clock; in realtime pacing also waits. Resolves false if aborted. */
  sleep(ms: number, signal?: Signal): Promise<boolean>;
  /**
   * Lets lab time run until `p` settles (a container a client is attached to exits): background
   * processes get their turns as the clock moves. 'aborted' on Ctrl-C or when time runs out.
   */
  until<T>(p: Promise<T>, signal?: Signal): Promise<T | 'aborted'>;
  changed(): void;
  /** The Docker daemon of a host of the lab (null for a machine without one). */
  daemon(host: string): EngineApi | null;
  programs: ProgramTable;
  /**
   * How a running shell lets the rest of the lab run. In the foreground, a real event-loop turn
   * (the page handles keys and Ctrl-C); in a background process, a slice of lab time on the
   * scheduler, so a busy loop in a detached container cannot hold the clock.
   */
  yieldTurn(signal?: Signal): Promise<void>;
  /** Set for a background process: its shells decide when to yield by counting steps (deterministic), not by the wall clock. */
  background?: true;
  /**
   * Runs a task as a background process of the lab (`cmd &`): it gets a runtime whose sleeps and
   * yields are on lab time, and the clock waits for it as for a container's process.
   */
  spawn(task: (rt: Runtime) => Promise<number>): Promise<number>;
}

export interface Proc {
  rt: Runtime;
  ctx: ExecContext;
  argv: string[];
  /**
   * The unread rest of standard input, or null when it is the terminal. Reading it takes all of it
   * (as `cat` would); a program that never reads it leaves it to the next command.
   */
  readonly stdin: string | null;
  /** The environment the shell passed (its exported variables); absent when Docker starts the process without a shell. */
  env?: ReadonlyMap<string, string>;
  out(text: string): void;
  err(text: string): void;
  /** isatty(1): stdout is the terminal (not a pipe, a file or a command substitution). */
  tty?: boolean;
  signal: Signal | undefined;
  readLine?: (prompt: string) => Promise<string | null>;
  session: SessionControl;
  /** True without a terminal (a script, a container's command): a shell started here reads no keyboard. */
  nested: boolean;
  /** Shells this program runs inside (0: the terminal's); a shell it starts runs at depth + 1. */
  depth: number;
  /** Runs a command line as a script in another context (`ssh host2 cmd`). */
  runLine(line: string, ctx: ExecContext, io: SubIO): Promise<number>;
  /** Runs an argv without shell parsing (docker exec, docker run CMD). */
  runArgv(argv: string[], ctx: ExecContext, io: SubIO): Promise<number>;
  /** Runs a script with a new shell in this context (`sh -c`, `sh file`, `sh < file`), one level deeper. */
  runScript(text: string, o: ScriptOptions): Promise<number>;
}

export interface ScriptOptions {
  /** Which shell reads it (`sh` is dash on Debian and Ubuntu, BusyBox ash on alpine). */
  shell: ExecContext['shell'];
  /** Where the commands come from, for messages: '-c', 'stdin' or the script's path. */
  source: string;
  /** $0 and $1… */
  arg0?: string;
  positional?: string[];
  /** The script's standard input (null: none, as for `sh < file`, which reads its commands from it). */
  stdin: string | null;
}

export interface SubIO {
  out(t: string): void;
  err(t: string): void;
  stdin?: string | null;
  /** Whether `out` is still the terminal (sh -c inherits its caller's stdout). */
  tty?: boolean;
}

export type Program = (p: Proc) => Promise<number>;

/**
 * The programs a lab has, given to the shell by the lab (the shell sits below programs and
 * never imports them). Whether one exists in a given place is the image's or machine's business.
 */
export interface ProgramTable {
  get(name: string): Program | undefined;
  names(): string[];
  /** Shell builtins exist wherever there is a shell. */
  isBuiltin(name: string): boolean;
  /** Programs a plain LAN machine (not a Docker host) lacks. */
  hostOnly(name: string): boolean;
  /** Real programs a learner may reach for that the lab does not simulate. */
  notSimulated(name: string): boolean;
  /** Candidates for the word being completed, after the command's earlier words (null: no idea). */
  complete(rt: Runtime, ctx: ExecContext, words: string[], word: string): string[] | null;
}

export function aborted(p: Proc): boolean {
  return p.signal?.aborted === true;
}

/** Where something runs: the lab's runtime and a context. */
export interface Place {
  rt: Runtime;
  ctx: ExecContext;
}

/** The working directory: set by cd, else the container's WORKDIR or root's home. */
export function cwdOf(p: Place): string {
  if (p.ctx.cwd) return p.ctx.cwd;
  if (p.ctx.kind === 'container' && p.ctx.containerId) {
    return p.rt.world.hosts[p.ctx.host]?.docker.containers[p.ctx.containerId]?.config.workingDir || '/';
  }
  return '/root';
}

/** The Docker daemon of the host the context belongs to (containers and host alike). */
export function daemonOf(p: Place): EngineApi | null {
  return p.rt.daemon(p.ctx.host);
}

/** The Docker host state of the context's host (read-only views: files, containers). */
export function hostOf(p: Place): HostState | null {
  return Object.hasOwn(p.rt.world.hosts, p.ctx.host) ? p.rt.world.hosts[p.ctx.host]! : null;
}

export function containerOf(p: Place): ContainerRec | null {
  if (!p.ctx.containerId) return null;
  return p.rt.world.hosts[p.ctx.host]?.docker.containers[p.ctx.containerId] ?? null;
}

/** The network namespace the process runs in. */
export function nsOf(p: Place): NetNs | null {
  const w = p.rt.world;
  if (p.ctx.kind === 'machine') return w.netns[w.machines[p.ctx.host]?.nsId ?? ''] ?? null;
  if (p.ctx.kind === 'host') return w.netns[p.ctx.netns ?? w.hosts[p.ctx.host]?.nsId ?? ''] ?? null;
  const c = containerOf(p);
  return c?.nsId ? (w.netns[c.nsId] ?? null) : null;
}
