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

export type QType = 'A' | 'AAAA';

/** How an answer came: Docker's server answered itself, or relayed an upstream reply (moby resolver.go). */
export interface AnswerMeta {
  /** The embedded server relayed an upstream reply (EDNS OPT record, compressed, upstream TTL). */
  forwarded: boolean;
  /** The answering server is authoritative (dnsmasq for its DHCP leases): no "Non-authoritative answer". */
  authoritative: boolean;
  ttl: number;
  /** The upstream added an OPT pseudo-record (it answered an EDNS query). */
  edns: boolean;
}

export type DnsAnswer =
  /** `ips` empty: the name exists, but not with this type (NOERROR, no data). */
  | ({ kind: 'answer'; ips: string[] } & AnswerMeta)
  | ({ kind: 'nxdomain' } & Pick<AnswerMeta, 'forwarded' | 'edns'>)
  /** `waitMs`: how long the server tried upstreams first (moby extIOTimeout, 4 s each). */
  | { kind: 'servfail'; waitMs: number }
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
/** moby libnetwork/resolver.go: extIOTimeout, per upstream server. */
export const EXT_IO_TIMEOUT_MS = 4_000;
/** The TTL Docker's embedded server gives its own records (resolver.go respTTL). */
export const EMBEDDED_TTL = 600;
/** What the sim internet's resolvers give (a public resolver's cache TTL). */
const UPSTREAM_TTL = 300;

export function dnsQuery(env: AppEnv, from: NetNs, server: string, name: string, type: QType = 'A', depth = 0): DnsAnswer {
  if (depth > MAX_DEPTH) return { kind: 'timeout' };
  // 127.0.0.11 is Docker's embedded server, reached inside the container's own namespace.
  if (server === '127.0.0.11') {
    const r = env.embeddedDns(from, { kind: 'a', name });
    switch (r.kind) {
      case 'answer':
        // Its own records are IPv4 on an IPv4 network: AAAA gets NOERROR with no data.
        return { kind: 'answer', ips: type === 'A' ? r.ips : [], forwarded: false, authoritative: false, ttl: EMBEDDED_TTL, edns: false };
      case 'servfail':
        return { kind: 'servfail', waitMs: 0 };
      case 'refused':
        return { kind: 'refused' };
      case 'forward': {
        let waited = 0;
        for (const s of r.servers.slice(0, 3)) {
          const a = dnsQuery(env, r.fromNs, s, name, type, depth + 1);
          if (a.kind === 'timeout') {
            waited += EXT_IO_TIMEOUT_MS;
            continue;
          }
          // SERVFAIL and REFUSED from an upstream: the next one is tried.
          if (a.kind === 'servfail' || a.kind === 'refused') continue;
          // The upstream's reply is relayed as it came: its flags, its TTL, its OPT record.
          return a.kind === 'answer' ? { ...a, forwarded: true, authoritative: false } : { ...a, forwarded: true };
        }
        // No upstream answered: the embedded server says SERVFAIL (resolver.go serveDNS).
        return { kind: 'servfail', waitMs: waited };
      }
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
    if (!h) return { kind: 'nxdomain', forwarded: false, edns: true };
    // The sim internet has no IPv6 (a design choice, finding 37).
    return { kind: 'answer', ips: type === 'A' ? [h.ip] : [], forwarded: false, authoritative: false, ttl: UPSTREAM_TTL, edns: true };
  }
  if (app.kind === 'dns-forwarder') {
    const lan = leaseFor(app, name);
    if (lan) return { kind: 'answer', ips: type === 'A' ? [lan] : [], forwarded: false, authoritative: true, ttl: 0, edns: true };
    return dnsQuery(env, rt.there.ns, app.upstream, name, type, depth + 1);
  }
  return { kind: 'refused' };
}

export type PtrAnswer = { kind: 'answer'; name: string; forwarded: boolean } | { kind: 'nxdomain' } | { kind: 'timeout' };

/** A PTR query: the embedded server knows its containers ("c2.mynet"); upstream servers know a few public names. */
export function dnsReverse(env: AppEnv, from: NetNs, server: string, ip: string, depth = 0): PtrAnswer {
  if (depth > MAX_DEPTH) return { kind: 'timeout' };
  if (server === '127.0.0.11') {
    const r = env.embeddedDns(from, { kind: 'ptr', ip });
    if (r.kind === 'ptr') return { kind: 'answer', name: r.name, forwarded: false };
    if (r.kind === 'forward') {
      const up = r.servers[0] ? dnsReverse(env, r.fromNs, r.servers[0], ip, depth + 1) : { kind: 'nxdomain' as const };
      return up.kind === 'answer' ? { ...up, forwarded: true } : up;
    }
    return r.kind === 'servfail' ? { kind: 'nxdomain' } : { kind: 'timeout' };
  }
  const rt = roundTrip(env.world, from, { proto: 'udp', dst: server, dport: 53 });
  if (!rt.ok || !rt.there.ok) return { kind: 'timeout' };
  const listener = findListener(rt.there.ns, 'udp', rt.there.dst, 53);
  if (!listener) return { kind: 'timeout' };
  const pub = publicHostByIp(ip);
  if (pub) return { kind: 'answer', name: pub.names[0]!, forwarded: false };
  if (listener.app.kind === 'dns-forwarder') {
    for (const [host, addr] of listener.app.leases) if (addr === ip) return { kind: 'answer', name: `${host}.lan`, forwarded: false };
  }
  return { kind: 'nxdomain' };
}
