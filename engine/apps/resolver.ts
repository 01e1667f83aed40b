import { isIPv4 } from '../util/ipv4';
import { dnsQuery } from './dns';
import type { NetNs } from '../kernel/types';
import type { AppEnv } from './env';

export type Resolved = { ok: true; ip: string; all: string[] } | { ok: false; reason: 'nxdomain' | 'timeout' };

/** The same lookup from explicit files and namespace (the checker resolves names without a shell). */
export function resolveName(env: AppEnv, ns: NetNs | null, hosts: string, resolv: string, name: string): Resolved {
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
    const a = dnsQuery(env, ns, s, name);
    if (a.kind === 'answer' && a.ips.length > 0) return { ok: true, ip: a.ips[0]!, all: a.ips };
    if (a.kind === 'answer') return { ok: false, reason: 'nxdomain' };
    if (a.kind === 'nxdomain') return { ok: false, reason: 'nxdomain' };
    if (a.kind === 'servfail') return { ok: false, reason: 'timeout' };
    sawTimeout = true;
  }
  return { ok: false, reason: sawTimeout ? 'timeout' : 'nxdomain' };
}

/** The nameserver lines of a resolv.conf, in order. */
export function nameserversOf(resolvConfText: string): string[] {
  return [...resolvConfText.matchAll(/^nameserver\s+(\S+)/gm)].map((m) => m[1]!);
}
