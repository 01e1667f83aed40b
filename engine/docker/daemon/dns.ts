import { nextInt } from '../../util/rng';
import type { DockerCtx } from '../context';
import { knownEndpoints, knownTasks, placeOf } from '../drivers/overlay/view';
import { isRunning } from './lookup';
import type { ContainerRec, EndpointConfig, NetworkRec } from '../types';

/**
 * The embedded DNS server's records (127.0.0.11 in every container on a user-defined network):
 * container names, network aliases, short ids and explicit hostnames of running containers,
 * scoped per network, so only names on a network shared with the asker resolve. On a swarm
 * network the records are what the node learned through gossip (drivers/overlay/view.ts), plus
 * the services: `<svc>` and `tasks.<svc>`. The ingress network has no names.
 */

function dnsNames(c: ContainerRec, aliases: string[]): string[] {
  const names = [c.name, ...aliases, c.id.slice(0, 12)];
  if (c.config.hostname !== c.id.slice(0, 12)) names.push(c.config.hostname);
  return [...new Set(names.map((n) => n.toLowerCase()))];
}

/** The containers with an address on `net` whose names the asker may resolve, with their endpoint there. */
function peersOn(ctx: DockerCtx, net: NetworkRec): { c: ContainerRec; ep: EndpointConfig; ip: string }[] {
  const out: { c: ContainerRec; ep: EndpointConfig; ip: string }[] = [];
  if (net.scope === 'swarm') {
    for (const e of knownEndpoints(ctx.world, ctx.host.name, net.id)) {
      const ep = e.container?.endpoints.find((x) => x.networkId === net.id);
      if (e.container && ep) out.push({ c: e.container, ep, ip: e.ip });
    }
    return out;
  }
  for (const c of Object.values(ctx.host.docker.containers)) {
    if (!isRunning(c)) continue;
    const ep = c.endpoints.find((e) => e.networkId === net.id);
    if (ep?.live?.ip) out.push({ c, ep, ip: ep.live.ip });
  }
  return out;
}

/** The networks whose names the asker's endpoints see (not docker_gwbridge's gateway endpoint, not ingress). */
function dnsNetworks(ctx: DockerCtx, asker: ContainerRec): { ep: EndpointConfig; net: NetworkRec }[] {
  const out: { ep: EndpointConfig; net: NetworkRec }[] = [];
  for (const ep of asker.endpoints) {
    const net = ctx.host.docker.networks[ep.networkId];
    if (!net || net.predefined || !ep.live || ep.sandboxGateway || net.ingress) continue;
    out.push({ ep, net });
  }
  return out;
}

export function embeddedLookup(ctx: DockerCtx, asker: ContainerRec, rawName: string): string[] | null {
  const name = rawName.toLowerCase().replace(/\.$/, '');
  for (const { ep, net } of dnsNetworks(ctx, asker)) {
    const suffix = `.${net.name.toLowerCase()}`;
    const bare = name.endsWith(suffix) ? name.slice(0, -suffix.length) : name;
    // --link on a user network is only a DNS alias seen by the linking container.
    const linked = ep.links.map((l) => l.split(':')).find(([, alias]) => (alias ?? '').toLowerCase() === bare);
    const wanted = linked ? linked[0]!.toLowerCase() : bare;
    const ips: string[] = [];
    for (const other of peersOn(ctx, net)) if (dnsNames(other.c, other.ep.aliases).includes(wanted)) ips.push(other.ip);
    if (ips.length === 0 && net.scope === 'swarm') ips.push(...serviceRecord(ctx, net.id, wanted));
    if (ips.length > 0) {
      // An alias shared by several containers answers in random order (DNS round robin).
      if (ips.length > 1) {
        const k = nextInt(ctx.world.rng, ips.length);
        return [...ips.slice(k), ...ips.slice(0, k)];
      }
      return ips;
    }
  }
  return null;
}

/** Reverse lookup for PTR queries: "c2.mynet". */
export function embeddedReverse(ctx: DockerCtx, asker: ContainerRec, ip: string): string | null {
  for (const { net } of dnsNetworks(ctx, asker)) {
    const hit = peersOn(ctx, net).find((o) => o.ip === ip);
    if (hit) return `${hit.c.name}.${net.name}`;
  }
  return null;
}

/**
 * A swarm service's records on one network (libnetwork service_common.go): its name is the VIP
 * (VIP mode) or every task (dnsrr); `tasks.<name>` is always the tasks. A node has the records
 * once it knows one of the service's tasks on that network.
 */
function serviceRecord(ctx: DockerCtx, networkId: string, name: string): string[] {
  const place = placeOf(ctx.world, ctx.host.name);
  if (!place) return [];
  const tasksOnly = name.startsWith('tasks.');
  const svcName = tasksOnly ? name.slice(6) : name;
  const svc = Object.values(place.cluster.services).find((s) => s.spec.name.toLowerCase() === svcName);
  if (!svc) return [];
  const tasks = knownTasks(ctx.world, ctx.host.name, networkId).filter((t) => t.serviceId === svc.id);
  if (tasks.length === 0) return [];
  if (!tasksOnly && svc.spec.endpointMode === 'vip') {
    const vip = svc.vips.find((v) => v.networkId === networkId);
    return vip ? [vip.addr.split('/')[0]!] : [];
  }
  return tasks.map((t) => t.ip);
}
