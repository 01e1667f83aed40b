import type { DockerCtx } from '../context';
import type { ContainerRec, NetworkRec } from '../types';

/** Docker's lookup order: full id, then exact name, then unique id prefix. */
export function findContainer(ctx: DockerCtx, ref: string): ContainerRec | 'ambiguous' | undefined {
  const name = ref.startsWith('/') ? ref.slice(1) : ref;
  // A name typed by the learner ("constructor", "__proto__") must never reach Object.prototype.
  const byId = Object.hasOwn(ctx.host.docker.containers, ref) ? ctx.host.docker.containers[ref] : undefined;
  if (byId) return byId;
  // Listed only past the exact id: the swarm's agents look up every task's container each second.
  const all = Object.values(ctx.host.docker.containers);
  const byName = all.find((c) => c.name === name);
  if (byName) return byName;
  if (!/^[0-9a-f]+$/.test(ref)) return undefined;
  const byPrefix = all.filter((c) => c.id.startsWith(ref));
  if (byPrefix.length > 1) return 'ambiguous';
  return byPrefix[0];
}

export function findNetwork(ctx: DockerCtx, ref: string): { net: NetworkRec } | { error: string } {
  const all = Object.values(ctx.host.docker.networks);
  const byId = all.find((n) => n.id === ref);
  if (byId) return { net: byId };
  const byName = all.filter((n) => n.name === ref);
  if (byName.length === 1) return { net: byName[0]! };
  if (byName.length > 1) return { error: `network ${ref} is ambiguous (${byName.length} matches found on name)` };
  const byPrefix = all.filter((n) => n.id.startsWith(ref));
  if (byPrefix.length === 1) return { net: byPrefix[0]! };
  if (byPrefix.length > 1) return { error: `network ${ref} is ambiguous (${byPrefix.length} matches found based on ID prefix)` };
  return { error: `network ${ref} not found` };
}

export function noSuchContainer(ref: string): string {
  return `No such container: ${ref}`;
}

export function isRunning(c: ContainerRec): boolean {
  return c.status === 'running' || c.status === 'paused';
}

export function isUserDefined(net: NetworkRec): boolean {
  return !net.predefined;
}

/** The network mode's network name: "bridge" for the default, the user network otherwise. */
export function networkModeName(mode: string): string {
  return mode === 'default' ? 'bridge' : mode;
}
