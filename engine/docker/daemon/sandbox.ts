import { addRoute, createNs, deleteNs } from '../../kernel/netns';
import type { NetNs } from '../../kernel/types';
import { randomId } from '../../util/rng';
import type { DockerCtx } from '../context';
import type { ContainerRec, EndpointConfig, NetworkRec } from '../types';
import { containersWithIdPrefix, namespaceJoiners } from './container-index';

/** Sandboxes: a network namespace per container, and the one default route among its endpoints. */

/** A namespace id for the container's sandbox; a new one if a `container:` sidecar still holds the old one. */
export function containerNsId(ctx: DockerCtx, c: ContainerRec): string {
  const base = `ctr:${c.id.slice(0, 12)}`;
  let id = base;
  for (let n = 2; Object.hasOwn(ctx.world.netns, id); n++) id = `${base}.${n}`;
  return id;
}

export function createSandbox(ctx: DockerCtx, c: ContainerRec): NetNs {
  const ns = createNs(ctx.world, containerNsId(ctx, c), 'container', c.config.hostname);
  c.nsId = ns.id;
  c.sandboxId = randomId(ctx.world.rng);
  return ns;
}

/**
 * The container lets go of its namespace. It is deleted unless a running `container:` sidecar
 * still lives in it: then it stays, with only `lo` left once the endpoints are gone, as the
 * kernel keeps a namespace while a process is in it.
 */
export function destroySandbox(ctx: DockerCtx, c: ContainerRec): void {
  const id = c.nsId;
  c.nsId = null;
  c.sandboxId = null;
  if (id) releaseNs(ctx, id);
}

/** Deletes a container namespace no running container is in any more. */
export function releaseNs(ctx: DockerCtx, id: string): void {
  if (!id.startsWith('ctr:')) return;
  // Only the container it was made for (containerNsId) and those that joined it can be in it.
  const all = ctx.host.docker.containers;
  const owners = containersWithIdPrefix(all, id.slice('ctr:'.length).split('.')[0]!);
  const held = [...owners, ...namespaceJoiners(all)].some((o) => o.nsId === id);
  if (!held) deleteNs(ctx.world, id);
}

/**
 * One default route, through the endpoint Docker prefers: highest --gw-priority, then not
 * internal, then with a gateway, then the network name that sorts first. An endpoint whose
 * driver asked for a connected default (ipvlan l3) gets `default dev ethN scope link` instead
 * (moby@v28.5.2 libnetwork/sandbox_linux.go updateGateway, osl SetDefaultRouteIPv4).
 */
export function updateDefaultRoute(ctx: DockerCtx, c: ContainerRec): void {
  const ns = c.nsId ? ctx.world.netns[c.nsId] : undefined;
  if (!ns || ns.kind !== 'container') return;
  ns.routes = ns.routes.filter((r) => r.dst !== 'default');
  const candidates = c.endpoints
    .map((ep) => ({ ep, net: ctx.host.docker.networks[ep.networkId] }))
    .filter((x): x is { ep: EndpointConfig; net: NetworkRec } => !!x.net && !!x.ep.live && (!!x.ep.live.gateway || !!x.ep.live.defaultDev) && !x.net.internal);
  candidates.sort(
    (a, b) =>
      b.ep.gwPriority - a.ep.gwPriority ||
      Number(a.net.name === 'docker_gwbridge') - Number(b.net.name === 'docker_gwbridge') ||
      (a.net.name < b.net.name ? -1 : a.net.name > b.net.name ? 1 : 0),
  );
  const best = candidates[0];
  const live = best?.ep.live;
  if (live?.gateway) addRoute(ctx.world, ns, { dst: 'default', via: live.gateway, dev: live.ifname });
  else if (live) addRoute(ctx.world, ns, { dst: 'default', dev: live.ifname, scope: 'link' });
  ctx.world.netVersion++;
}
