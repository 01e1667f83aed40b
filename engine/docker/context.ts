import type { NetNs } from '../kernel/types';
import type { HostState, DockerWorld } from './world';
import type { ContainerRec, DockerState } from './types';

export { ok, err, type DResult } from './api';

/** What the container runtime wants to hear from the daemon's lifecycle (a process to stop, a restart to plan). */
export interface LifecycleHooks {
  started(c: ContainerRec): void;
  exited(c: ContainerRec): void;
}

/** What every daemon operation works on: the world, the host whose daemon it is, and its runtime. */
export interface DockerCtx {
  world: DockerWorld;
  host: HostState;
  hooks?: LifecycleHooks;
}

export function hostNs(ctx: DockerCtx): NetNs {
  return ctx.world.netns[ctx.host.nsId]!;
}

export function docker(ctx: DockerCtx): DockerState {
  return ctx.host.docker;
}

export function touch(ctx: DockerCtx): void {
  ctx.world.revision++;
}
