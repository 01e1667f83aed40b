import { addAddr, addLink, addRoute, addVethPair, createNs, deleteLink, deleteNs, linkByName } from '../../kernel/netns';
import type { Link, NetNs } from '../../kernel/types';
import { parseCidr } from '../../util/ipv4';
import { randomHex, randomId, randomMac } from '../../util/rng';
import type { DockerCtx } from '../context';
import { hostNs } from '../context';
import { allocateAddress, releaseAddress, reserveAddress } from './ipam';
import type { ContainerRec, EndpointConfig, LiveEndpoint, NetworkRec } from '../types';

/**
 * The plumbing drivers do in Linux: a namespace per container, a veth pair per bridge endpoint
 * (host end enslaved to the bridge, container end named ethN), addresses, and one default route.
 */

/** The host kernel's ifindex counter: every new device on this host, in any namespace, takes the next. */
export function nextHostIfindex(ctx: DockerCtx): number {
  const ns = hostNs(ctx);
  const n = ns.nextIfindex;
  ns.nextIfindex++;
  return n;
}

export function ensureBridgeDevice(ctx: DockerCtx, net: NetworkRec): Link {
  const ns = hostNs(ctx);
  const existing = linkByName(ns, net.device!);
  if (existing) return existing;
  const br = addLink(ctx.world, ns, {
    name: net.device!,
    kind: 'bridge',
    mac: randomMac(ctx.world.rng),
    ifindex: nextHostIfindex(ctx),
  });
  br.up = true;
  const cfg = net.ipam[0];
  const subnet = cfg && parseCidr(cfg.Subnet);
  if (cfg?.Gateway && subnet) addAddr(ctx.world, ns, br, { ip: cfg.Gateway, prefix: subnet.prefix, scope: 'global' });
  return br;
}

export function removeBridgeDevice(ctx: DockerCtx, net: NetworkRec): void {
  const ns = hostNs(ctx);
  const br = net.device ? linkByName(ns, net.device) : undefined;
  if (br) deleteLink(ctx.world, ns, br);
}

export function containerNsId(c: ContainerRec): string {
  return `ctr:${c.id.slice(0, 12)}`;
}

export function createSandbox(ctx: DockerCtx, c: ContainerRec): NetNs {
  const ns = createNs(ctx.world, containerNsId(c), 'container', c.config.hostname);
  c.nsId = ns.id;
  c.sandboxId = randomId(ctx.world.rng);
  return ns;
}

export function destroySandbox(ctx: DockerCtx, c: ContainerRec): void {
  if (c.nsId && c.nsId.startsWith('ctr:')) deleteNs(ctx.world, c.nsId);
  c.nsId = null;
  c.sandboxId = null;
}

function nextIfname(ns: NetNs): string {
  for (let i = 0; ; i++) if (!linkByName(ns, `eth${i}`)) return `eth${i}`;
}

export type AttachError = 'address-in-use' | 'address-outside' | 'pool-exhausted';

/** Creates the endpoint of a running container on a bridge network. */
export function attachBridgeEndpoint(ctx: DockerCtx, c: ContainerRec, ep: EndpointConfig, net: NetworkRec): LiveEndpoint | AttachError {
  const ns = ctx.world.netns[c.nsId!]!;
  let ip: string | null;
  if (ep.ipv4Requested) {
    const r = reserveAddress(net, ep.ipv4Requested, c.id);
    if (r === 'in-use') return 'address-in-use';
    if (r === 'outside') return 'address-outside';
    ip = ep.ipv4Requested;
  } else {
    ip = allocateAddress(net, c.id);
    if (!ip) return 'pool-exhausted';
  }
  const subnet = parseCidr(net.ipam[0]!.Subnet)!;
  const br = ensureBridgeDevice(ctx, net);
  const hostIfindex = nextHostIfindex(ctx);
  const ctrIfindex = hostIfindex;
  const hostEnd = hostIfindex + 1;
  hostNs(ctx).nextIfindex = hostEnd + 1;
  const ifname = nextIfname(ns);
  const vethName = `veth${randomHex(ctx.world.rng, 7)}`;
  const mac = ep.macRequested ?? randomMac(ctx.world.rng);
  const [inner, outer] = addVethPair(
    ctx.world,
    ns,
    { name: ifname, mac, ifindex: ctrIfindex, mtu: Number(net.options['com.docker.network.driver.mtu'] ?? 1500) },
    hostNs(ctx),
    { name: vethName, mac: randomMac(ctx.world.rng), ifindex: hostEnd },
  );
  outer.master = br.ifindex;
  outer.up = true;
  inner.up = true;
  addAddr(ctx.world, ns, inner, { ip, prefix: subnet.prefix, scope: 'global' });
  return {
    endpointId: randomId(ctx.world.rng),
    ip,
    prefix: subnet.prefix,
    gateway: net.ipam[0]!.Gateway ?? '',
    mac,
    ifname,
    hostVeth: vethName,
  };
}

export function detachEndpoint(ctx: DockerCtx, c: ContainerRec, ep: EndpointConfig, net: NetworkRec | undefined): void {
  const live = ep.live;
  if (!live) return;
  if (net) releaseAddress(net, live.ip);
  const ns = c.nsId ? ctx.world.netns[c.nsId] : undefined;
  const inner = ns && linkByName(ns, live.ifname);
  if (ns && inner && c.nsId!.startsWith('ctr:')) deleteLink(ctx.world, ns, inner);
  if (live.hostVeth) {
    const h = linkByName(hostNs(ctx), live.hostVeth);
    if (h) deleteLink(ctx.world, hostNs(ctx), h);
  }
  ep.live = null;
}

/**
 * One default route, through the endpoint Docker prefers: highest --gw-priority, then not
 * internal, then with a gateway, then the network name that sorts first.
 */
export function updateDefaultRoute(ctx: DockerCtx, c: ContainerRec): void {
  const ns = c.nsId ? ctx.world.netns[c.nsId] : undefined;
  if (!ns || ns.kind !== 'container') return;
  ns.routes = ns.routes.filter((r) => r.dst !== 'default');
  const candidates = c.endpoints
    .map((ep) => ({ ep, net: ctx.host.docker.networks[ep.networkId] }))
    .filter((x): x is { ep: EndpointConfig; net: NetworkRec } => !!x.net && !!x.ep.live && !!x.ep.live.gateway && !x.net.internal);
  candidates.sort(
    (a, b) =>
      b.ep.gwPriority - a.ep.gwPriority ||
      Number(a.net.name === 'docker_gwbridge') - Number(b.net.name === 'docker_gwbridge') ||
      (a.net.name < b.net.name ? -1 : a.net.name > b.net.name ? 1 : 0),
  );
  const best = candidates[0];
  if (best && best.ep.live) addRoute(ctx.world, ns, { dst: 'default', via: best.ep.live.gateway, dev: best.ep.live.ifname });
  ctx.world.netVersion++;
}
