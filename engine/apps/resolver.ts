import { isIPv4 } from '../util/ipv4';
import { readFile } from '../shell/files';
import { nsOf, type Proc } from '../shell/types';
import { dnsQuery } from './dns';
import { nameserversOf } from '../docker/etc-files';
import type { NetNs } from '../kernel/types';
import type { WorldState } from '../world/state';

export type Resolved = { ok: true; ip: string; all: string[] } | { ok: false; reason: 'nxdomain' | 'timeout' };

/** getaddrinfo as libc does it: a literal, then /etc/hosts, then each nameserver of /etc/resolv.conf. */
export function resolveHost(p: Proc, name: string): Resolved {
  const ns = nsOf(p);
  return resolveName(p.rt.world, ns, readFile(p, '/etc/hosts') ?? '', readFile(p, '/etc/resolv.conf') ?? '', name);
}

/** The same lookup from explicit files and namespace (the checker resolves names without a shell). */
export function resolveName(world: WorldState, ns: NetNs | null, hosts: string, resolv: string, name: string): Resolved {
  if (isIPv4(name)) return { ok: true, ip: name, all: [name] };
  const lower = name.toLowerCase();
  if (lower === 'localhost') return { ok: true, ip: '127.0.0.1', all: ['127.0.0.1'] };
  for (const line of hosts.split('\n')) {
    const parts = line.replace(/#.*/, '').trim().split(/\s+/);
    if (parts.length < 2 || !isIPv4(parts[0]!)) continue;
    if (parts.slice(1).some((n) => n.toLowerCase() === lower)) return { ok: true, ip: parts[0]!, all: [parts[0]!] };
  }
  if (!ns) return { ok: false, reason: 'timeout' };
  const servers = nameserversOf(resolv);
  let sawTimeout = servers.length === 0;
  for (const s of servers.slice(0, 3)) {
    const a = dnsQuery(world, ns, s, name);
    if (a.kind === 'answer') return { ok: true, ip: a.ips[0]!, all: a.ips };
    if (a.kind === 'nxdomain') return { ok: false, reason: 'nxdomain' };
    if (a.kind === 'servfail') return { ok: false, reason: 'timeout' };
    sawTimeout = true;
  }
  return { ok: false, reason: sawTimeout ? 'timeout' : 'nxdomain' };
}
