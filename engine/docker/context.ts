import type { NetNs } from '../kernel/types';
import type { HostState, DockerWorld as WorldState } from './world';
import type { DockerState } from './types';

/** What every daemon operation works on: the world and the host whose daemon it is. */
export interface DockerCtx {
  world: WorldState;
  host: HostState;
}

export function hostNs(ctx: DockerCtx): NetNs {
  return ctx.world.netns[ctx.host.nsId]!;
}

export function docker(ctx: DockerCtx): DockerState {
  return ctx.host.docker;
}

/** Result of a daemon call: Docker's own error text on failure (the CLI adds "Error response from daemon: "). */
export type DResult<T> = { ok: true; value: T; warnings: string[] } | { ok: false; error: string; clientSide?: boolean };

export function ok<T>(value: T, warnings: string[] = []): DResult<T> {
  return { ok: true, value, warnings };
}

export function err<T = never>(error: string): DResult<T> {
  return { ok: false, error };
}

export function touch(ctx: DockerCtx): void {
  ctx.world.revision++;
}
