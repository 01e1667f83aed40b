import type { NetNs } from './types';

/**
 * The network sysctls a namespace has (/proc/sys/net/…, `sysctl`), from its state. Only the keys
 * learners read or set in networking tutorials are modelled; each reads what the namespace does:
 * ip_forward is the flag the walk checks before routing. Values are the kernel's text, without
 * the final newline; tabs separate the numbers of a range, as in the real files.
 */

export type SysctlWrite = 'ok' | 'unknown' | 'invalid' | 'read-only';

function devices(ns: NetNs): string[] {
  return ns.links.map((l) => l.name);
}

/** Every key the namespace has, with its value, in `sysctl -a` order (sorted by name). */
export function sysctlAll(ns: NetNs): [string, string][] {
  const c = ns.kind === 'container';
  const fwd = ns.ipForward ? '1' : '0';
  const out: [string, string][] = [
    ['kernel.hostname', ns.hostname],
    ['net.core.somaxconn', '4096'],
    ['net.ipv4.ip_forward', fwd],
    ['net.ipv4.ip_local_port_range', '32768\t60999'],
    // Docker's runtime lets any user ping and bind low ports inside containers (moby daemon/oci_linux.go).
    ['net.ipv4.ip_unprivileged_port_start', c ? '0' : '1024'],
    ['net.ipv4.ping_group_range', c ? '0\t2147483647' : '1\t0'],
    ['net.ipv4.tcp_syncookies', '1'],
  ];
  for (const dev of ['all', 'default', ...devices(ns)]) {
    out.push([`net.ipv4.conf.${dev}.forwarding`, fwd]);
    out.push([`net.ipv4.conf.${dev}.route_localnet`, '0']);
    // Docker turns IPv6 off on a container's interfaces on IPv4-only networks (libnetwork/osl setIPv6).
    const v6off = c && dev !== 'all' && dev !== 'default' && dev !== 'lo';
    out.push([`net.ipv6.conf.${dev}.disable_ipv6`, v6off ? '1' : '0']);
    out.push([`net.ipv6.conf.${dev}.forwarding`, '0']);
  }
  if (ns.bridgeNfCall) {
    // br_netfilter, loaded by Docker for an ICC-disabled network: its switches default to on.
    out.push(['net.bridge.bridge-nf-call-arptables', '1'], ['net.bridge.bridge-nf-call-ip6tables', '1'], ['net.bridge.bridge-nf-call-iptables', '1']);
  }
  return out.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

export function sysctlGet(ns: NetNs, key: string): string | null {
  const hit = sysctlAll(ns).find(([k]) => k === key);
  return hit ? hit[1] : null;
}

/** Writes a key; only forwarding is writable in the lab (the rest reads the state it follows). */
export function sysctlSet(ns: NetNs, key: string, value: string): SysctlWrite {
  if (sysctlGet(ns, key) === null) return 'unknown';
  if (key === 'net.ipv4.ip_forward' || /^net\.ipv4\.conf\.(all|default)\.forwarding$/.test(key)) {
    const v = value.trim();
    if (!/^-?\d+$/.test(v)) return 'invalid';
    ns.ipForward = Number(v) !== 0;
    return 'ok';
  }
  return 'read-only';
}

/** /proc/sys/a/b/c as a key a.b.c (and back). */
export function procSysKey(path: string): string | null {
  const m = /^\/proc\/sys\/(.+?)\/?$/.exec(path);
  return m ? m[1]!.replace(/\//g, '.') : null;
}
