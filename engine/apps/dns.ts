import { roundTrip } from '../kernel/deliver';
import type { ListenerApp, NetNs } from '../kernel/types';
import type { AppEnv } from './env';
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

type Forwarder = Extract<ListenerApp, { kind: 'dns-forwarder' }>;

/** The router's answer for a LAN name (its DHCP leases): "host1", "host1.lan", "gateway". */
function leaseFor(app: Forwarder, name: string): string | null {
  const n = name.toLowerCase().replace(/\.$/, '').replace(/\.lan$/, '');
  for (const [host, ip] of app.leases) if (host === n) return ip;
  return null;
}

const MAX_DEPTH = 4;

export function dnsQuery(env: AppEnv, from: NetNs, server: string, name: string, depth = 0): DnsAnswer {
  if (depth > MAX_DEPTH) return { kind: 'timeout' };
  // 127.0.0.11 is Docker's embedded server, reached inside the container's own namespace.
  if (server === '127.0.0.11') {
    const r = env.embeddedDns(from, { kind: 'a', name });
    switch (r.kind) {
      case 'answer':
        return { kind: 'answer', ips: r.ips, authoritative: false };
      case 'servfail':
      case 'refused':
        return { kind: r.kind };
      case 'forward':
        for (const s of r.servers.slice(0, 3)) {
          const a = dnsQuery(env, r.fromNs, s, name, depth + 1);
          if (a.kind !== 'timeout') return a;
        }
        return { kind: 'nxdomain' };
      default:
        return { kind: 'refused' };
    }
  }
  const rt = roundTrip(env.world, from, { proto: 'udp', dst: server, dport: 53 });
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
    const lan = leaseFor(app, name);
    if (lan) return { kind: 'answer', ips: [lan], authoritative: true };
    return dnsQuery(env, rt.there.ns, app.upstream, name, depth + 1);
  }
  return { kind: 'refused' };
}

export type PtrAnswer = { kind: 'answer'; name: string } | { kind: 'nxdomain' } | { kind: 'timeout' };

/** A PTR query: the embedded server knows its containers ("c2.mynet"); upstream servers know a few public names. */
export function dnsReverse(env: AppEnv, from: NetNs, server: string, ip: string, depth = 0): PtrAnswer {
  if (depth > MAX_DEPTH) return { kind: 'timeout' };
  if (server === '127.0.0.11') {
    const r = env.embeddedDns(from, { kind: 'ptr', ip });
    if (r.kind === 'ptr') return { kind: 'answer', name: r.name };
    if (r.kind === 'forward') return r.servers[0] ? dnsReverse(env, r.fromNs, r.servers[0], ip, depth + 1) : { kind: 'nxdomain' };
    return r.kind === 'servfail' ? { kind: 'nxdomain' } : { kind: 'timeout' };
  }
  const rt = roundTrip(env.world, from, { proto: 'udp', dst: server, dport: 53 });
  if (!rt.ok || !rt.there.ok) return { kind: 'timeout' };
  const listener = findListener(rt.there.ns, 'udp', rt.there.dst, 53);
  if (!listener) return { kind: 'timeout' };
  const pub = publicHostByIp(ip);
  if (pub) return { kind: 'answer', name: pub.names[0]! };
  if (listener.app.kind === 'dns-forwarder') {
    for (const [host, addr] of listener.app.leases) if (addr === ip) return { kind: 'answer', name: `${host}.lan` };
  }
  return { kind: 'nxdomain' };
}
