import { dnsReverse } from '../apps/dns';
import { nameserversOf } from '../apps/resolver';
import { brdOf } from '../kernel/netns';
import type { Link, NetNs, Route } from '../kernel/types';
import { readFile } from '../shell/files';
import { nsOf, type Proc, type Program } from '../shell/types';
import { intToIp, maskOf, parseCidr } from '../util/ipv4';
import { missingOnHost } from './place';

/**
 * busybox's net-tools applets (ifconfig, route, arp; `netstat -r` lives with netstat), printed
 * from the namespace's links, routes and neighbour cache (bb-musl-applets.txt). The lab's Debian
 * hosts do not install net-tools.
 */

/** Packet and byte counters, when the kernel layer keeps them on a link (`ip -s link`). */
interface LinkCounters {
  rxPackets: number;
  txPackets: number;
  rxBytes: number;
  txBytes: number;
}

function countersOf(l: Link): LinkCounters {
  const s = (l as Link & { stats?: Partial<LinkCounters> }).stats;
  return { rxPackets: s?.rxPackets ?? 0, txPackets: s?.txPackets ?? 0, rxBytes: s?.rxBytes ?? 0, txBytes: s?.txBytes ?? 0 };
}

/** busybox print_bytes_scaled: "10.9 KiB", "0.0 B". */
function scaled(n: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let v = n;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${v.toFixed(1)} ${units[u]}`;
}

function block(l: Link): string {
  const name = l.name.padEnd(10);
  const lines: string[] = [];
  if (l.kind === 'loopback') lines.push(`${name}Link encap:Local Loopback  `);
  else lines.push(`${name}Link encap:Ethernet  HWaddr ${l.mac.toUpperCase()}  `);
  for (const a of l.addrs.filter((x) => !x.ip.includes(':'))) {
    const mask = intToIp(maskOf(a.prefix));
    const brd = l.kind === 'loopback' ? null : brdOf(a);
    lines.push(`          inet addr:${a.ip}${brd ? `  Bcast:${brd}` : ''}  Mask:${mask}`);
  }
  if (l.kind === 'loopback') lines.push('          inet6 addr: ::1/128 Scope:Host');
  const flags = l.kind === 'loopback' ? ['UP', 'LOOPBACK', 'RUNNING'] : [...(l.up ? ['UP'] : []), 'BROADCAST', ...(l.up ? ['RUNNING'] : []), 'MULTICAST'];
  lines.push(`          ${flags.join(' ')}  MTU:${l.mtu}  Metric:1`);
  const c = countersOf(l);
  lines.push(`          RX packets:${c.rxPackets} errors:0 dropped:0 overruns:0 frame:0`);
  lines.push(`          TX packets:${c.txPackets} errors:0 dropped:0 overruns:0 carrier:0`);
  lines.push(`          collisions:0 txqueuelen:${l.qlen ?? 1000} `);
  lines.push(`          RX bytes:${c.rxBytes} (${scaled(c.rxBytes)})  TX bytes:${c.txBytes} (${scaled(c.txBytes)})`);
  return `${lines.join('\n')}\n\n`;
}

export const ifconfig: Program = async (p) => {
  const missing = missingOnHost(p);
  if (missing !== null) return missing;
  const ns = nsOf(p);
  if (!ns) return 1;
  const args = p.argv.slice(1);
  const all = args.includes('-a');
  const name = args.find((a) => !a.startsWith('-'));
  if (name) {
    const l = ns.links.find((x) => x.name === name);
    if (!l) {
      p.err(`ifconfig: ${name}: error fetching interface information: Device not found\n`);
      return 1;
    }
    if (args.length > 1) {
      p.err('sim: changing interfaces with ifconfig is not part of this lab; use ip link / ip addr\n');
      return 1;
    }
    p.out(block(l));
    return 0;
  }
  const links = [...ns.links].filter((l) => all || l.up).sort((a, b) => (a.name < b.name ? -1 : 1));
  p.out(links.map(block).join(''));
  return 0;
};

interface RouteRow {
  dst: string;
  gw: string;
  mask: string;
  flags: string;
  metric: number;
  dev: string;
}

/** The main table as /proc/net/route lists it (in key order), without the local table. */
export function routeRows(ns: NetNs): RouteRow[] {
  const rows: { r: Route; ip: string; prefix: number }[] = [];
  for (const r of ns.routes) {
    const c = r.dst === 'default' ? { ip: '0.0.0.0', prefix: 0 } : parseCidr(r.dst);
    if (c) rows.push({ r, ip: c.ip, prefix: c.prefix });
  }
  const toInt = (ip: string) => ip.split('.').reduce((a, b) => a * 256 + Number(b), 0);
  rows.sort((a, b) => toInt(a.ip) - toInt(b.ip) || a.prefix - b.prefix);
  return rows.map(({ r, ip, prefix }) => ({
    dst: ip,
    gw: r.via ?? '0.0.0.0',
    mask: prefix === 0 ? '0.0.0.0' : intToIp(maskOf(prefix)),
    flags: `U${r.via ? 'G' : ''}${prefix === 32 ? 'H' : ''}`,
    metric: r.metric ?? 0,
    dev: r.dev,
  }));
}

export const route: Program = async (p) => {
  const missing = missingOnHost(p);
  if (missing !== null) return missing;
  const ns = nsOf(p);
  if (!ns) return 1;
  const args = p.argv.slice(1);
  if (args.some((a) => a === 'add' || a === 'del')) {
    p.err('sim: changing routes with route is not part of this lab; use ip route\n');
    return 1;
  }
  const numeric = args.includes('-n');
  const lines = ['Kernel IP routing table', 'Destination     Gateway         Genmask         Flags Metric Ref    Use Iface'];
  for (const r of routeRows(ns)) {
    const dst = !numeric && r.dst === '0.0.0.0' ? 'default' : r.dst;
    const gw = !numeric && r.gw === '0.0.0.0' ? '*' : r.gw;
    lines.push(`${dst.padEnd(15)} ${gw.padEnd(15)} ${r.mask.padEnd(15)} ${r.flags.padEnd(5)} ${String(r.metric).padEnd(6)} ${'0'.padEnd(3)}${'0'.padStart(7)} ${r.dev}`);
  }
  p.out(`${lines.join('\n')}\n`);
  return 0;
};

/** busybox `netstat -r`: the same table with MSS, Window and irtt. */
export function netstatRoutes(p: Proc): string {
  const ns = nsOf(p);
  const lines = ['Kernel IP routing table', 'Destination     Gateway         Genmask         Flags   MSS Window  irtt Iface'];
  const numeric = p.argv.some((a) => /^-[a-z]*n/.test(a));
  for (const r of ns ? routeRows(ns) : []) {
    const dst = !numeric && r.dst === '0.0.0.0' ? 'default' : r.dst;
    const gw = !numeric && r.gw === '0.0.0.0' ? '*' : r.gw;
    lines.push(`${dst.padEnd(15)} ${gw.padEnd(15)} ${r.mask.padEnd(15)} ${r.flags.padEnd(5)}${'0'.padStart(6)} ${'0'.padEnd(6)}${'0'.padStart(6)} ${r.dev}`);
  }
  return `${lines.join('\n')}\n`;
}

/** A neighbour's name for `arp` without -n: /etc/hosts, then a PTR query (the embedded DNS knows containers). */
function nameOf(p: Proc, ns: NetNs, ip: string): string {
  for (const line of (readFile(p, '/etc/hosts') ?? '').split('\n')) {
    const [addr, name] = line.replace(/#.*/, '').trim().split(/\s+/);
    if (addr === ip && name) return name;
  }
  const server = nameserversOf(readFile(p, '/etc/resolv.conf') ?? '')[0];
  if (!server) return '?';
  const r = dnsReverse(p.rt.apps, ns, server, ip);
  return r.kind === 'answer' ? r.name : '?';
}

export const arp: Program = async (p) => {
  const missing = missingOnHost(p);
  if (missing !== null) return missing;
  const ns = nsOf(p);
  if (!ns) return 1;
  const numeric = p.argv.slice(1).some((a) => /^-[a-z]*n/.test(a));
  const entries = Object.entries(ns.neigh ?? {}).filter(([, e]) => ns.links.some((l) => l.name === e.dev));
  p.out(entries.map(([ip, e]) => `${numeric ? '?' : nameOf(p, ns, ip)} (${ip}) at ${e.mac} [ether]  on ${e.dev}\n`).join(''));
  return 0;
};
