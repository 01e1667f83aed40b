import { embeddedLookup, embeddedReverse } from '../docker/dns';
import { hostNameservers, usesEmbeddedDns } from '../docker/etc-files';
import { roundTrip } from '../kernel/deliver';
import type { NetNs } from '../kernel/types';
import type { WorldState } from '../world/state';
import { publicHostByIp, publicHostByName } from './internet';
import { findListener } from './sockets';

/**
 * DNS as packets: a query is a UDP round trip to the server's port 53 through the packet walk;
 * whoever listens there answers (the internet's resolver, the LAN router's forwarder, or
 * Docker's embedded server, which forwards what it does not know from the host's namespace).
 */

export type DnsAnswer =
  | { kind: 'answer'; ips: string[]; authoritative: boolean }
  | { kind: 'nxdomain' }
  | { kind: 'servfail' }
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
    // On internal networks the embedded server does not forward to the host's upstreams: SERVFAIL.
    const internalOnly = owner.c.endpoints.every((e) => ctx.host.docker.networks[e.networkId]?.internal);
    if (internalOnly) return { kind: 'servfail' };
    const upstream = owner.c.hostConfig.dns.length
      ? owner.c.hostConfig.dns
      : hostNameservers(ctx);
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

export type PtrAnswer = { kind: 'answer'; name: string } | { kind: 'nxdomain' } | { kind: 'timeout' };

/** A PTR query: the embedded server knows its containers ("c2.mynet"); upstream servers know a few public names. */
export function dnsReverse(world: WorldState, from: NetNs, server: string, ip: string): PtrAnswer {
  if (server === '127.0.0.11') {
    const owner = containerOfNs(world, from);
    if (!owner) return { kind: 'timeout' };
    const name = embeddedReverse({ world, host: owner.host }, owner.c, ip);
    if (name) return { kind: 'answer', name };
    const hostNs = world.netns[owner.host.nsId]!;
    const upstream = hostNameservers({ world, host: owner.host });
    return upstream[0] ? dnsReverse(world, hostNs, upstream[0], ip) : { kind: 'nxdomain' };
  }
  const rt = roundTrip(world, from, { proto: 'udp', dst: server, dport: 53 });
  if (!rt.ok || !rt.there.ok || !findListener(rt.there.ns, 'udp', rt.there.dst, 53)) return { kind: 'timeout' };
  const pub = publicHostByIp(ip);
  if (pub) return { kind: 'answer', name: pub.names[0]! };
  for (const h of [...Object.values(world.hosts), ...Object.values(world.machines)]) if (h.address === ip) return { kind: 'answer', name: `${h.name}.lan` };
  if (ip === world.lan.gateway) return { kind: 'answer', name: 'gateway.lan' };
  return { kind: 'nxdomain' };
}
