import { procSysKey, sysctlGet } from '../kernel/sysctl';
import { procNetDev, STAT_FILES, statFile } from './procfs-dev';
import type { NetNs } from '../kernel/types';
import { intToIp, ipToInt, maskOf, parseCidr } from '../util/ipv4';

/**
 * Files the kernel generates from a namespace's state: /proc/net/route and /sys/class/net/IF/*.
 * Learners read them (the iflink trick maps a container's eth0 to its host veth, finding 34).
 */

/** An IPv4 address as /proc/net/route prints it: the 32-bit value in host (little-endian) order, hex. */
function leHex(ip: string): string {
  const n = ipToInt(ip);
  const swapped = ((n & 0xff) << 24) | ((n & 0xff00) << 8) | ((n >>> 8) & 0xff00) | (n >>> 24);
  return (swapped >>> 0).toString(16).toUpperCase().padStart(8, '0');
}

/** net/ipv4/fib_trie.c fib_route_seq_show: every line padded to 127 columns; main table, in key order. */
function procNetRoute(ns: NetNs): string {
  const line = (s: string) => `${s.padEnd(127)}\n`;
  const rows = ns.routes
    .map((r) => {
      const c = r.dst === 'default' ? { ip: '0.0.0.0', prefix: 0 } : parseCidr(r.dst);
      return c ? { r, ip: c.ip, prefix: c.prefix } : null;
    })
    .filter((x): x is NonNullable<typeof x> => x !== null)
    .sort((a, b) => ipToInt(a.ip) - ipToInt(b.ip) || a.prefix - b.prefix);
  let out = line('Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT');
  for (const { r, ip, prefix } of rows) {
    const flags = 0x1 | (r.via ? 0x2 : 0);
    const mask = leHex(prefix === 0 ? '0.0.0.0' : intToIp(maskOf(prefix)));
    out += line(`${r.dev}\t${leHex(ip)}\t${leHex(r.via ?? '0.0.0.0')}\t${flags.toString(16).toUpperCase().padStart(4, '0')}\t0\t0\t${r.metric ?? 0}\t${mask}\t0\t0\t0`);
  }
  return out;
}

/** /sys/class/net/IF/ATTR. A veth's iflink is its peer's ifindex (in the other namespace). */
function sysClassNet(ns: NetNs, name: string, attr: string): string | null {
  const link = ns.links.find((l) => l.name === name);
  if (!link) return null;
  switch (attr) {
    case 'ifindex':
      return `${link.ifindex}\n`;
    case 'iflink': {
      if (link.peer) return `${link.peer.ifindex}\n`;
      if (link.lower) return `${link.lower.ifindex}\n`;
      return `${link.ifindex}\n`;
    }
    case 'address':
      return `${link.mac}\n`;
    case 'mtu':
      return `${link.mtu}\n`;
    case 'operstate':
      return link.kind === 'loopback' ? 'unknown\n' : link.up ? 'up\n' : 'down\n';
    case 'type':
      return link.kind === 'loopback' ? '772\n' : '1\n';
    case 'tx_queue_len':
      return `${link.qlen ?? 1000}\n`;
    default:
      return null;
  }
}

/** The generated file at `path` in the namespace, or null if the kernel makes no such file. */
export function kernelFile(ns: NetNs, path: string): string | null {
  if (path === '/proc/net/route') return procNetRoute(ns);
  if (path === '/proc/net/dev') return procNetDev(ns);
  const key = procSysKey(path);
  if (key !== null) {
    const v = sysctlGet(ns, key);
    return v === null ? null : `${v}\n`;
  }
  const m = /^\/sys\/class\/net\/([^/]+)\/([^/]+)$/.exec(path);
  if (m) return sysClassNet(ns, m[1]!, m[2]!);
  const st = /^\/sys\/class\/net\/([^/]+)\/statistics\/([^/]+)$/.exec(path);
  if (st) {
    const link = ns.links.find((l) => l.name === st[1]);
    return link ? statFile(link, st[2]!) : null;
  }
  return null;
}

/** Entries of a generated directory (`ls /sys/class/net`), or null. */
export function kernelDir(ns: NetNs, path: string): string[] | null {
  const p = path.replace(/\/+$/, '');
  if (p === '/sys/class/net') return ns.links.map((l) => l.name).sort();
  const m = /^\/sys\/class\/net\/([^/]+)$/.exec(p);
  if (m && ns.links.some((l) => l.name === m[1])) return ['address', 'ifindex', 'iflink', 'mtu', 'operstate', 'statistics', 'tx_queue_len', 'type'];
  const st = /^\/sys\/class\/net\/([^/]+)\/statistics$/.exec(p);
  if (st && ns.links.some((l) => l.name === st[1])) return [...STAT_FILES];
  if (p === '/proc/net') return ['arp', 'dev', 'route', 'tcp', 'udp'];
  return null;
}
