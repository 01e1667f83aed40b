import { nextInt } from '../../util/rng';
import type { DockerCtx } from '../context';
import { isRunning } from './lookup';
import type { ContainerRec } from '../types';

/**
 * The embedded DNS server's records (127.0.0.11 in every container on a user-defined network):
 * container names, network aliases, short ids and explicit hostnames of running containers,
 * scoped per network, so only names on a network shared with the asker resolve.
 */

function dnsNames(c: ContainerRec, aliases: string[]): string[] {
  const names = [c.name, ...aliases, c.id.slice(0, 12)];
  if (c.config.hostname !== c.id.slice(0, 12)) names.push(c.config.hostname);
  return [...new Set(names.map((n) => n.toLowerCase()))];
}

export function embeddedLookup(ctx: DockerCtx, asker: ContainerRec, rawName: string): string[] | null {
  const name = rawName.toLowerCase().replace(/\.$/, '');
  for (const ep of asker.endpoints) {
    const net = ctx.host.docker.networks[ep.networkId];
    if (!net || net.predefined || !ep.live) continue;
    const suffix = `.${net.name.toLowerCase()}`;
    const bare = name.endsWith(suffix) ? name.slice(0, -suffix.length) : name;
    // --link on a user network is only a DNS alias seen by the linking container.
    const linked = ep.links.map((l) => l.split(':')).find(([, alias]) => (alias ?? '').toLowerCase() === bare);
    const wanted = linked ? linked[0]!.toLowerCase() : bare;
    const ips: string[] = [];
    // Swarm-scoped networks span hosts: their names are gossiped to every node that has them.
    const peers = net.scope === 'swarm' ? ctx.world.hostOrder.flatMap((h) => Object.values(ctx.world.hosts[h]!.docker.containers)) : Object.values(ctx.host.docker.containers);
    for (const other of peers) {
      if (!isRunning(other)) continue;
      const oep = other.endpoints.find((e) => e.networkId === net.id);
      if (!oep?.live?.ip) continue;
      if (dnsNames(other, oep.aliases).includes(wanted)) ips.push(oep.live.ip);
    }
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
  for (const ep of asker.endpoints) {
    const net = ctx.host.docker.networks[ep.networkId];
    if (!net || net.predefined) continue;
    for (const other of Object.values(ctx.host.docker.containers)) {
      const oep = other.endpoints.find((e) => e.networkId === net.id);
      if (oep?.live?.ip === ip) return `${other.name}.${net.name}`;
    }
  }
  return null;
}

/**
 * A swarm service's records on one network (libnetwork service_common.go): its name is the VIP
 * (VIP mode) or every running task (dnsrr); `tasks.<name>` is always the tasks.
 */
function serviceRecord(ctx: DockerCtx, networkId: string, name: string): string[] {
  const m = ctx.host.docker.swarm;
  const cluster = m && ctx.world.swarms && Object.hasOwn(ctx.world.swarms, m.clusterId) ? ctx.world.swarms[m.clusterId]! : null;
  if (!cluster) return [];
  const tasksOnly = name.startsWith('tasks.');
  const svcName = tasksOnly ? name.slice(6) : name;
  const svc = Object.values(cluster.services).find((s) => s.spec.name.toLowerCase() === svcName);
  if (!svc) return [];
  if (!tasksOnly && svc.spec.endpointMode === 'vip') {
    const vip = svc.vips.find((v) => v.networkId === networkId);
    return vip ? [vip.addr.split('/')[0]!] : [];
  }
  return Object.values(cluster.tasks)
    .filter((t) => t.serviceId === svc.id && t.state === 'running' && t.desired === 'running')
    .flatMap((t) => t.addresses.filter((a) => a.networkId === networkId).map((a) => a.addr.split('/')[0]!));
}
