import { embeddedLookup } from '../../docker/dns';
import { usesEmbeddedDns } from '../../docker/etc-files';
import { roundTrip } from '../../net/deliver';
import type { NetNs } from '../../net/types';
import type { WorldState } from '../../world/state';
import { publicHostByName } from '../../world/internet';
import { findListener } from './sockets';

/**
 * DNS as packets: a query is a UDP round trip to the server's port 53 through the packet walk;
 * whoever listens there answers (the internet's resolver, the LAN router's forwarder, or
 * Docker's embedded server, which forwards what it does not know from the host's namespace).
 */

export type DnsAnswer =
  | { kind: 'answer'; ips: string[]; authoritative: boolean }
  | { kind: 'nxdomain' }
  | { kind: 'timeout' }
  | { kind: 'refused' };

function containerOfNs(world: WorldState, ns: NetNs) {
  for (const host of Object.values(world.hosts)) {
    for (const c of Object.values(host.docker.containers)) if (c.nsId === ns.id) return { host, c };
  }
  return null;
}

function lanName(world: WorldState, name: string): string | null {
  const n = name.toLowerCase().replace(/\.$/, '').replace(/\.lan$/, '');
  if (n === 'gateway' || n === 'router') return world.lan.gateway;
  const h = world.hosts[n] ?? world.machines[n];
  return h ? h.address : null;
}

export function dnsQuery(world: WorldState, from: NetNs, server: string, name: string, depth = 0): DnsAnswer {
  if (depth > 4) return { kind: 'timeout' };
  // 127.0.0.11 is Docker's embedded server, reached inside the container's own namespace.
  if (server === '127.0.0.11') {
    const owner = containerOfNs(world, from);
    if (!owner) return { kind: 'refused' };
    const ctx = { world, host: owner.host };
    if (!usesEmbeddedDns(ctx, owner.c)) return { kind: 'refused' };
    const ips = embeddedLookup(ctx, owner.c, name);
    if (ips) return { kind: 'answer', ips, authoritative: false };
    const internalOnly = owner.c.endpoints.every((e) => ctx.host.docker.networks[e.networkId]?.internal);
    if (internalOnly) return { kind: 'nxdomain' };
    const upstream = owner.c.hostConfig.dns.length
      ? owner.c.hostConfig.dns
      : [...(owner.host.files['/etc/resolv.conf'] ?? '').matchAll(/^nameserver\s+(\S+)/gm)].map((m) => m[1]!);
    const hostNs = world.netns[owner.host.nsId]!;
    for (const s of upstream.slice(0, 3)) {
      const a = dnsQuery(world, hostNs, s, name, depth + 1);
      if (a.kind !== 'timeout') return a;
    }
    return { kind: 'nxdomain' };
  }
  const rt = roundTrip(world, from, { proto: 'udp', dst: server, dport: 53 });
  if (!rt.there.ok) return { kind: 'timeout' };
  const listener = findListener(rt.there.ns, 'udp', rt.there.dst, 53);
  if (!listener) return { kind: 'refused' };
  if (!rt.ok) return { kind: 'timeout' };
  const app = listener.app;
  if (app.kind === 'dns-server') {
    const h = publicHostByName(name);
    return h ? { kind: 'answer', ips: [h.ip], authoritative: false } : { kind: 'nxdomain' };
  }
  if (app.kind === 'dns-forwarder') {
    const lan = lanName(world, name);
    if (lan) return { kind: 'answer', ips: [lan], authoritative: true };
    return dnsQuery(world, rt.there.ns, app.upstream, name, depth + 1);
  }
  return { kind: 'refused' };
}
