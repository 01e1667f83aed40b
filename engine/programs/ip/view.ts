import { brdOf, linkByIndex } from '../../kernel/netns';
import { hasCarrier, linkDetails, noArp } from '../../kernel/links';
import type { Link, NetNs } from '../../kernel/types';
import type { Proc } from '../../shell/types';
import { inet6Lines, inet6Of } from './inet6';
import { statsLines } from './stats';

/**
 * How `ip` prints links and addresses: iproute2's layout on hosts and netshoot, busybox's in
 * alpine and busybox images, from the namespace's real links.
 */

export interface View {
  p: Proc;
  ns: NetNs;
  busybox: boolean;
  brief: boolean;
  details: boolean;
  noIpv6OnLo: boolean;
  /** `ip -4`: IPv4 only, no link-layer lines. */
  only4: boolean;
  /** `ip -6`: IPv6 only, no link-layer lines. */
  only6: boolean;
  /** `ip -o`: one line per record. */
  oneline: boolean;
  /** `ip -s` (1), `ip -s -s` (2): interface counters. */
  stats: number;
}

/** A failure the way each `ip` prints it: busybox prefixes "ip: " and exits 1. */
export function fail(v: View, text: string, code: number): number {
  v.p.err(v.busybox ? `ip: ${text}\n` : `${text}\n`);
  return v.busybox ? 1 : code;
}

/** The kernel refused a request (netlink error): exit 2 in iproute2. */
export function rtnl(v: View, why: string): number {
  return fail(v, `RTNETLINK answers: ${why}`, 2);
}

/** A refusal with the kernel's extended ack message: iproute2 prints "Error: <msg>." (lib/libnetlink.c). */
export function extack(v: View, msg: string): number {
  return fail(v, `Error: ${msg}${msg.endsWith('.') ? '' : '.'}`, 2);
}

export function flagsOf(v: View, l: Link): string {
  const carrier = hasCarrier(v.p.rt.world, v.ns, l);
  if (l.kind === 'loopback') return l.up ? 'LOOPBACK,UP,LOWER_UP' : 'LOOPBACK';
  const base = l.kind === 'dummy' ? ['BROADCAST', 'NOARP'] : noArp(l) ? ['BROADCAST', 'MULTICAST', 'NOARP'] : ['BROADCAST', 'MULTICAST'];
  // Only promiscuous mode asked for with `ip link set … promisc on` shows (dev_get_flags reports gflags).
  if (l.promisc) base.push('PROMISC');
  if (!l.up) return base.join(',');
  if (!carrier) return ['NO-CARRIER', ...base, 'UP'].join(',');
  const out = [...base, 'UP', 'LOWER_UP'];
  // busybox marks a device whose link (veth peer, lower device) is in another namespace.
  if (v.busybox && v.ns.kind === 'container' && (l.peer || (l.lower && l.lower.ns !== v.ns.id))) out.push('M-DOWN');
  return out.join(',');
}

export function stateOf(v: View, l: Link): string {
  if (l.kind === 'loopback' || l.kind === 'dummy') return l.up ? 'UNKNOWN' : 'DOWN';
  if (!l.up) return 'DOWN';
  if (l.lower && !hasCarrier(v.p.rt.world, v.ns, l)) return 'LOWERLAYERDOWN';
  return hasCarrier(v.p.rt.world, v.ns, l) ? 'UP' : 'DOWN';
}

function qdiscOf(l: Link): string {
  if (l.kind === 'ether') return 'fq_codel';
  return 'noqueue';
}

/** "eth0@if28", "veth1a2b3c4@if27", "eth0.10@eth0". */
export function displayName(v: View, l: Link): string {
  if (l.peer) {
    // A peer in the same namespace is named; one elsewhere is only an ifindex.
    const here = l.peer.ns === v.ns.id ? linkByIndex(v.ns, l.peer.ifindex) : undefined;
    return `${l.name}@${here ? here.name : `if${l.peer.ifindex}`}`;
  }
  if (l.lower) {
    if (l.lower.ns === v.ns.id) {
      const lower = linkByIndex(v.ns, l.lower.ifindex);
      return `${l.name}@${lower ? lower.name : `if${l.lower.ifindex}`}`;
    }
    return `${l.name}@if${l.lower.ifindex}`;
  }
  return l.name;
}

function netnsId(v: View, l: Link): number | null {
  const other = l.peer?.ns ?? (l.lower && l.lower.ns !== v.ns.id ? l.lower.ns : null);
  if (!other) return null;
  if (v.ns.kind !== 'host') return 0;
  const ids: string[] = [];
  for (const x of v.ns.links) {
    const o = x.peer?.ns;
    if (o && o !== v.ns.id && !ids.includes(o)) ids.push(o);
  }
  return ids.indexOf(other);
}

function linkHeader(v: View, l: Link, forLink: boolean): string {
  const master = l.master !== null ? linkByIndex(v.ns, l.master) : undefined;
  const parts = [`${l.ifindex}: ${displayName(v, l)}: <${flagsOf(v, l)}> mtu ${l.mtu} qdisc ${qdiscOf(l)}`];
  if (master) parts.push(`master ${master.name}`);
  parts.push(`state ${stateOf(v, l)}`);
  if (v.busybox) {
    if (l.qlen) parts.push(`qlen ${l.qlen}`);
    return parts.join(' ');
  }
  if (forLink) parts.push('mode DEFAULT');
  parts.push('group default');
  if (l.qlen) parts.push(`qlen ${l.qlen}`);
  return parts.join(' ');
}

function etherLine(v: View, l: Link): string {
  if (l.kind === 'loopback') return '    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00';
  const nsid = netnsId(v, l);
  return `    link/ether ${l.mac} brd ff:ff:ff:ff:ff:ff${nsid !== null && !v.busybox ? ` link-netnsid ${nsid}` : ''}`;
}

/** The link line and what `ip -d` adds below it (iproute2 only; each kind says its own). */
function linkLines(v: View, l: Link): string[] {
  if (!v.details || v.busybox) return [etherLine(v, l)];
  const d = linkDetails(v.p.rt.world, v.ns, l);
  return [etherLine(v, l) + d.linkLine, ...d.lines];
}

export function ipv6Lines(v: View, l: Link): string[] {
  return inet6Lines(inet6Of(v.p.rt.world, v.ns, l, v.noIpv6OnLo), v.busybox);
}

export function addrBlock(v: View, l: Link): string[] {
  const out = [linkHeader(v, l, false)];
  if (v.only6) return [...out, ...ipv6Lines(v, l)];
  if (!v.only4) out.push(...linkLines(v, l));
  for (const a of l.addrs) {
    const brd = brdOf(a);
    out.push(`    inet ${a.ip}/${a.prefix}${brd && a.scope === 'global' ? ` brd ${brd}` : ''} scope ${a.scope} ${l.name}`);
    out.push('       valid_lft forever preferred_lft forever');
  }
  if (!v.only4) out.push(...ipv6Lines(v, l));
  if (v.stats) out.push(...statsLines(l, v.stats));
  return out;
}

export function linkBlock(v: View, l: Link): string[] {
  return [linkHeader(v, l, true), ...linkLines(v, l), ...(v.stats ? statsLines(l, v.stats) : [])];
}

export function briefAddr(v: View, l: Link): string {
  const addrs = l.addrs.map((a) => `${a.ip}/${a.prefix}`);
  addrs.push(...inet6Of(v.p.rt.world, v.ns, l, v.noIpv6OnLo).map((a) => a.cidr));
  return `${displayName(v, l).padEnd(16)} ${stateOf(v, l).padEnd(14)} ${addrs.map((a) => a + ' ').join('')}`;
}

export function briefLink(v: View, l: Link): string {
  return `${displayName(v, l).padEnd(16)} ${stateOf(v, l).padEnd(14)} ${l.kind === 'loopback' ? '00:00:00:00:00:00' : l.mac} <${flagsOf(v, l)}> `;
}
