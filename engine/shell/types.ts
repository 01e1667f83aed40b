import type { AppEnv } from '../apps/env';
import type { DockerCtx } from '../docker/context';
import type { ContainerRec } from '../docker/types';
import type { NetNs } from '../kernel/types';
import type { DockerWorld as WorldState } from '../docker/world';

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
  /** Shell variables of this context. */
  vars: Record<string, string>;
  /** Working directory (`cd`); unset means the home or the image's WORKDIR. */
  cwd?: string;
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
  sleep(ms: number, signal?: AbortSignal): Promise<boolean>;
  changed(): void;
}

export interface Proc {
  rt: Runtime;
  ctx: ExecContext;
  argv: string[];
  stdin: string | null;
  out(text: string): void;
  err(text: string): void;
  signal: AbortSignal | undefined;
  readLine?: (prompt: string) => Promise<string | null>;
  session: SessionControl;
  /** True inside a script (sh -c, a container's command): `exit` ends the script. */
  nested: boolean;
  /** Runs another command line in the same context (sh -c, docker exec). */
  runLine(line: string, ctx: ExecContext, io: SubIO): Promise<number>;
  /** Runs an argv without shell parsing (docker exec, docker run CMD). */
  runArgv(argv: string[], ctx: ExecContext, io: SubIO): Promise<number>;
}

export interface SubIO {
  out(t: string): void;
  err(t: string): void;
  stdin?: string | null;
}

export type Program = (p: Proc) => Promise<number>;

export function aborted(p: Proc): boolean {
  return p.signal?.aborted === true;
}

/** The working directory: set by cd, else the container's WORKDIR or root's home. */
export function cwdOf(p: { ctx: ExecContext; rt: Runtime }): string {
  if (p.ctx.cwd) return p.ctx.cwd;
  if (p.ctx.kind === 'container' && p.ctx.containerId) {
    return p.rt.world.hosts[p.ctx.host]?.docker.containers[p.ctx.containerId]?.config.workingDir || '/';
  }
  return '/root';
}

/** The docker daemon of the host the context belongs to (containers and host alike). */
export function dockerOf(p: Proc): DockerCtx | null {
  const host = p.rt.world.hosts[p.ctx.host];
  return host ? { world: p.rt.world, host } : null;
}

export function containerOf(p: Proc): ContainerRec | null {
  if (!p.ctx.containerId) return null;
  return p.rt.world.hosts[p.ctx.host]?.docker.containers[p.ctx.containerId] ?? null;
}

/** The network namespace the process runs in. */
export function nsOf(p: Proc): NetNs | null {
  const w = p.rt.world;
  if (p.ctx.kind === 'machine') return w.netns[w.machines[p.ctx.host]?.nsId ?? ''] ?? null;
  if (p.ctx.kind === 'host') return w.netns[w.hosts[p.ctx.host]?.nsId ?? ''] ?? null;
  const c = containerOf(p);
  return c?.nsId ? (w.netns[c.nsId] ?? null) : null;
}
