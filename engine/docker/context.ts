import type { NetNs } from '../kernel/types';
import type { HostState, DockerWorld } from './world';
import type { DResult } from './api';
import type { ContainerRec, DockerState, EndpointConfig, NetworkRec } from './types';

export { ok, err, type DResult } from './api';

/** What the container runtime wants to hear from the daemon's lifecycle (a process to stop, a restart to plan). */
export interface LifecycleHooks {
  started(c: ContainerRec): void;
  exited(c: ContainerRec): void;
}

/**
 * What a daemon asks of the swarm it is a node of (moby daemon/cluster, libnetwork's cluster
 * provider): swarm networks it has no copy of, and standalone containers' attachments to them.
 */
export interface ClusterProvider {
  /** A swarm network by id, name or id prefix, as the managers know it (the node may have no copy yet). */
  findNetwork(ref: string): NetworkRec | null;
  /**
   * AttachNetwork for a standalone container: the managers' consent and an address (in
   * `ep.swarmAddr`), and the network set up on this node. Docker's text when refused.
   */
  attach(c: ContainerRec, ep: EndpointConfig): DResult<NetworkRec>;
  /** The container let go of its endpoint on a swarm network: its attachment ends, networks nothing uses go. */
  detach(c: ContainerRec, ep: EndpointConfig): void;
}

/** What every daemon operation works on: the world, the host whose daemon it is, and its runtime. */
export interface DockerCtx {
  world: DockerWorld;
  host: HostState;
  hooks?: LifecycleHooks;
  /** Set while the daemon is a swarm node (its Engine provides it). */
  cluster?: ClusterProvider;
}

/** Swarm task containers are the orchestrator's: their networks are set up for them, not attached. */
export function isManaged(c: ContainerRec): boolean {
  return Object.hasOwn(c.config.labels, 'com.docker.swarm.task.id');
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
