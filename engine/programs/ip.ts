import { linkByIndex, linkByName, addAddr, delAddr, addRoute, brdOf } from '../kernel/netns';
import { hasCarrier, linkDetails, noArp } from '../kernel/links';
import type { Link, NetNs } from '../kernel/types';
import { isIPv4, parseCidr, networkOf } from '../util/ipv4';
import { own } from '../util/own';
import { lookupRoute, sourceFor } from '../kernel/route';
import { addrIndex } from '../kernel/addr-index';
import { toolsetOf } from '../shell/toolset';
import { containerOf, nsOf, type Proc, type Program } from '../shell/types';

/**
 * `ip` from iproute2 (hosts, netshoot) or busybox (alpine, busybox): addr, link and route,
 * printed from the namespace's real links, addresses and routes.
 */

interface View {
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
}

function flagsOf(v: View, l: Link): string {
  const carrier = hasCarrier(v.p.rt.world, v.ns, l);
  if (l.kind === 'loopback') return l.up ? 'LOOPBACK,UP,LOWER_UP' : 'LOOPBACK';
  const base = l.kind === 'dummy' ? ['BROADCAST', 'NOARP'] : noArp(l) ? ['BROADCAST', 'MULTICAST', 'NOARP'] : ['BROADCAST', 'MULTICAST'];
  if (!l.up) return base.join(',');
  if (!carrier) return ['NO-CARRIER', ...base, 'UP'].join(',');
  const out = [...base, 'UP', 'LOWER_UP'];
  // busybox marks a device whose link (veth peer, lower device) is in another namespace.
  if (v.busybox && v.ns.kind === 'container' && (l.peer || (l.lower && l.lower.ns !== v.ns.id))) out.push('M-DOWN');
  return out.join(',');
}

function stateOf(v: View, l: Link): string {
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
function displayName(v: View, l: Link): string {
  if (l.peer) return `${l.name}@if${l.peer.ifindex}`;
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

/** EUI-64 link-local address derived from the MAC, as the kernel assigns on the host's NIC. */
function linkLocal(mac: string): string {
  const b = mac.split(':').map((x) => parseInt(x, 16));
  b[0] = b[0]! ^ 2;
  const w = [(b[0]! << 8) | b[1]!, (b[2]! << 8) | 0xff, (0xfe << 8) | b[3]!, (b[4]! << 8) | b[5]!];
  return `fe80::${w.map((x) => x.toString(16)).join(':')}/64`;
}

function ipv6Lines(v: View, l: Link): string[] {
  if (l.kind === 'loopback') {
    if (v.noIpv6OnLo || !l.up) return [];
    return [v.busybox ? '    inet6 ::1/128 scope host' : '    inet6 ::1/128 scope host noprefixroute', '       valid_lft forever preferred_lft forever'];
  }
  // Docker disables IPv6 inside containers on IPv4-only networks; the host's NIC keeps its link-local.
  if (v.ns.kind !== 'container' && l.kind === 'ether' && l.up) {
    return [`    inet6 ${linkLocal(l.mac)} scope link`, '       valid_lft forever preferred_lft forever'];
  }
  return [];
}

function addrBlock(v: View, l: Link): string[] {
  const out = [linkHeader(v, l, false)];
  if (v.only6) return [...out, ...ipv6Lines(v, l)];
  if (!v.only4) out.push(...linkLines(v, l));
  for (const a of l.addrs) {
    const brd = brdOf(a);
    out.push(`    inet ${a.ip}/${a.prefix}${brd && a.scope === 'global' ? ` brd ${brd}` : ''} scope ${a.scope} ${l.name}`);
    out.push('       valid_lft forever preferred_lft forever');
  }
  if (!v.only4) out.push(...ipv6Lines(v, l));
  return out;
}

function linkBlock(v: View, l: Link): string[] {
  return [linkHeader(v, l, true), ...linkLines(v, l)];
}

function briefAddr(v: View, l: Link): string {
  const addrs = l.addrs.map((a) => `${a.ip}/${a.prefix}`);
  if (l.kind === 'loopback' && !v.noIpv6OnLo) addrs.push('::1/128');
  else if (v.ns.kind !== 'container' && l.kind === 'ether' && l.up) addrs.push(linkLocal(l.mac));
  return `${displayName(v, l).padEnd(16)} ${stateOf(v, l).padEnd(14)} ${addrs.map((a) => a + ' ').join('')}`;
}

function briefLink(v: View, l: Link): string {
  return `${displayName(v, l).padEnd(16)} ${stateOf(v, l).padEnd(14)} ${l.kind === 'loopback' ? '00:00:00:00:00:00' : l.mac} <${flagsOf(v, l)}> `;
}

function routeLines(v: View): string[] {
  const sorted = [...v.ns.routes].sort((a, b) => {
    if (a.dst === 'default') return -1;
    if (b.dst === 'default') return 1;
    const pa = parseCidr(a.dst);
    const pb = parseCidr(b.dst);
    return pa && pb ? (pa.ip < pb.ip ? -1 : pa.ip > pb.ip ? 1 : 0) : 0;
  });
  return sorted.map((r) => {
    const link = linkByName(v.ns, r.dev);
    const parts = [r.dst];
    if (r.via) parts.push(`via ${r.via}`);
    parts.push(`dev ${r.dev}`);
    if (v.busybox) {
      if (r.scope) parts.push(`scope ${r.scope}`);
      let line = parts.join(' ');
      if (r.src && r.proto === 'kernel') line += `  src ${r.src}`;
      return line;
    }
    if (r.proto && r.proto !== 'static') parts.push(`proto ${r.proto}`);
    if (r.scope) parts.push(`scope ${r.scope}`);
    if (r.src) parts.push(`src ${r.src}`);
    if (r.metric !== null) parts.push(`metric ${r.metric}`);
    if (link && !hasCarrier(v.p.rt.world, v.ns, link)) parts.push('linkdown');
    return parts.join(' ');
  });
}

const OBJECTS: Record<string, 'addr' | 'link' | 'route' | 'neigh'> = {
  a: 'addr', ad: 'addr', add: 'addr', addr: 'addr', addre: 'addr', addres: 'addr', address: 'addr',
  l: 'link', li: 'link', lin: 'link', link: 'link',
  r: 'route', ro: 'route', rou: 'route', rout: 'route', route: 'route',
  n: 'neigh', ne: 'neigh', nei: 'neigh', neigh: 'neigh', neighbor: 'neigh', neighbour: 'neigh',
};

function usage(v: View): string {
  return v.busybox
    ? 'BusyBox v1.37.0 multi-call binary.\n\nUsage: ip [OPTIONS] address|route|link|tunnel|neigh|rule [ARGS]\n\nOPTIONS := -f[amily] inet|inet6|link | -o[neline]\n'
    : 'Usage: ip [ OPTIONS ] OBJECT { COMMAND | help }\n       ip [ -force ] -batch filename\nwhere  OBJECT := { address | link | route | neigh | rule | netns | ... }\n       OPTIONS := { -V[ersion] | -s[tatistics] | -d[etails] | -br[ief] | -4 | -6 | ... }\n';
}

export const ip: Program = async (p) => {
  const ns = nsOf(p);
  if (!ns) {
    p.err('sim: this container has no network namespace (it is not running)\n');
    return 1;
  }
  const c = containerOf(p);
  const v: View = {
    p,
    ns,
    busybox: toolsetOf(p) === 'busybox',
    brief: false,
    details: false,
    noIpv6OnLo: c?.hostConfig.networkMode === 'none',
    only4: false,
    only6: false,
  };
  let args = p.argv.slice(1);
  while (args[0]?.startsWith('-')) {
    const o = args.shift()!;
    if (o === '-br' || o === '-brief' || o === '--brief') v.brief = true;
    else if (o === '-d' || o === '-details' || o === '--details') v.details = true;
    else if (o === '-4') v.only4 = true;
    else if (o === '-6') v.only6 = true;
    else if (o === '-o' || o === '-c' || o === '-color' || o === '-s') continue;
    else {
      p.err(v.busybox ? usage(v) : `Option "${o}" is unknown, try "ip -help".\n`);
      return v.busybox ? 1 : 255;
    }
  }
  if (args.length === 0) {
    p.err(usage(v));
    return v.busybox ? 1 : 255;
  }
  const objWord = args.shift()!;
  const obj = own(OBJECTS, objWord);
  if (!obj) {
    p.err(v.busybox ? usage(v) : `Object "${objWord}" is unknown, try "ip help".\n`);
    return v.busybox ? 1 : 255;
  }
  const cmd = args[0] ?? 'show';
  if (obj === 'route' && cmd === 'get') return routeGet(v, args.slice(1));
  if (['show', 'sh', 'list', 'ls', 'lst', 's'].includes(cmd)) args.shift();
  else if (['add', 'del', 'delete', 'set', 'flush', 'replace', 'change', 'a', 'd'].includes(cmd)) return modify(v, obj, args);
  else if (cmd === 'help') {
    p.err(usage(v));
    return 0;
  } else if (!['dev', 'master', 'up'].includes(cmd) && !linkByName(ns, cmd)) {
    p.err(`Command "${cmd}" is unknown, try "ip ${objWord} help".\n`);
    return 255;
  }
  // Filters: [dev] NAME, master BR, up, type T.
  let dev: string | null = null;
  let master: string | null = null;
  let onlyUp = false;
  let type: string | null = null;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === 'dev') dev = args[++i] ?? null;
    else if (a === 'master') master = args[++i] ?? null;
    else if (a === 'up') onlyUp = true;
    else if (a === 'type') type = args[++i] ?? null;
    else if (a === 'scope' || a === 'table') i++;
    else dev = a;
  }
  if (obj === 'route') {
    const lines = routeLines(v).filter((l) => !dev || l.includes(` dev ${dev}`));
    if (lines.length) p.out(lines.join('\n') + '\n');
    return 0;
  }
  if (obj === 'neigh') {
    // Entries whose interface is gone (a disconnected network) have left the cache.
    const entries = Object.entries(ns.neigh ?? {}).filter(([, e]) => linkByName(ns, e.dev) && (!dev || e.dev === dev));
    // An entry whose owner is gone (container removed) is STALE until the kernel drops it.
    const owners = addrIndex(p.rt.world).owners;
    const state = (ip: string, mac: string) => (owners.get(ip)?.some((o) => o.link.mac === mac) ? 'REACHABLE' : 'STALE');
    if (entries.length) p.out(entries.map(([ip, e]) => `${ip} dev ${e.dev} lladdr ${e.mac} ${v.busybox ? 'ref 1 used 0/0/0 probes 1 ' : ''}${state(ip, e.mac)}`).join('\n') + '\n');
    return 0;
  }
  let links = ns.links;
  if (dev) {
    const l = linkByName(ns, dev);
    if (!l) {
      p.err(v.busybox ? `ip: can't find device '${dev}'\n` : `Device "${dev}" does not exist.\n`);
      return 1;
    }
    links = [l];
  }
  if (master) {
    const br = linkByName(ns, master);
    if (!br) {
      p.err(`Device "${master}" does not exist.\n`);
      return 1;
    }
    links = links.filter((l) => l.master === br.ifindex);
  }
  if (onlyUp) links = links.filter((l) => l.up);
  if (type) links = links.filter((l) => l.kind === type);
  if (v.only4 && obj === 'addr') links = links.filter((l) => l.addrs.length > 0);
  if (v.only6 && obj === 'addr') links = links.filter((l) => ipv6Lines(v, l).length > 0);
  links = [...links].sort((a, b) => a.ifindex - b.ifindex);
  const lines: string[] = [];
  for (const l of links) {
    if (v.brief) lines.push(obj === 'addr' ? briefAddr(v, l) : briefLink(v, l));
    else lines.push(...(obj === 'addr' ? addrBlock(v, l) : linkBlock(v, l)));
  }
  if (lines.length) p.out(lines.join('\n') + '\n');
  return 0;
};

/** `ip route get ADDR`: the route the kernel would pick, and the source address it would use. */
function routeGet(v: View, args: string[]): number {
  const dst = args.find((a) => a !== 'to');
  if (!dst || !isIPv4(dst)) {
    v.p.err(`Error: inet prefix is expected rather than "${dst ?? ''}".\n`);
    return 1;
  }
  const local = v.ns.links.find((l) => l.addrs.some((a) => a.ip === dst));
  if (local || dst.startsWith('127.')) {
    v.p.out(v.busybox ? `local ${dst} dev lo  src ${dst}\n` : `local ${dst} dev lo table local src ${dst} uid 0 \n    cache <local> \n`);
    return 0;
  }
  const r = lookupRoute(v.ns, dst);
  if (!r) {
    v.p.err('RTNETLINK answers: Network is unreachable\n');
    return v.busybox ? 1 : 2;
  }
  const src = sourceFor(v.ns, r);
  const via = r.via ? ` via ${r.via}` : '';
  v.p.out(v.busybox ? `${dst}${via} dev ${r.dev}  src ${src}\n` : `${dst}${via} dev ${r.dev} src ${src} uid 0 \n    cache \n`);
  return 0;
}

function modify(v: View, obj: string, args: string[]): number {
  const { p, ns } = v;
  const c = containerOf(p);
  if (c && !c.hostConfig.privileged && !c.hostConfig.capAdd.some((x) => /NET_ADMIN|ALL/i.test(x))) {
    p.err(v.busybox ? 'ip: RTNETLINK answers: Operation not permitted\n' : 'RTNETLINK answers: Operation not permitted\n');
    return v.busybox ? 1 : 2;
  }
  const cmd = args.shift()!;
  const w = p.rt.world;
  const devIdx = args.indexOf('dev');
  const devName = devIdx >= 0 ? args[devIdx + 1] : undefined;
  if (obj === 'link' && cmd === 'set') {
    const name = args[0] === 'dev' ? args[1] : args[0];
    const l = name ? linkByName(ns, name) : undefined;
    if (!l) {
      p.err(`Cannot find device "${name ?? ''}"\n`);
      return 1;
    }
    if (args.includes('up')) l.up = true;
    if (args.includes('down')) l.up = false;
    w.netVersion++;
    p.rt.changed();
    return 0;
  }
  if (obj === 'addr' && (cmd === 'add' || cmd === 'del' || cmd === 'delete' || cmd === 'a' || cmd === 'd')) {
    const cidr = args[0] ? parseCidr(args[0].includes('/') ? args[0] : `${args[0]}/32`) : null;
    const l = devName ? linkByName(ns, devName) : undefined;
    if (!cidr) {
      p.err(`Error: any valid prefix is expected rather than "${args[0] ?? ''}".\n`);
      return 1;
    }
    if (!l) {
      p.err(`Cannot find device "${devName ?? ''}"\n`);
      return 1;
    }
    if (cmd.startsWith('d')) {
      if (!l.addrs.some((a) => a.ip === cidr.ip)) {
        p.err('RTNETLINK answers: Cannot assign requested address\n');
        return 2;
      }
      delAddr(w, ns, l, cidr.ip);
    } else {
      if (l.addrs.some((a) => a.ip === cidr.ip)) {
        p.err('RTNETLINK answers: File exists\n');
        return 2;
      }
      addAddr(w, ns, l, { ip: cidr.ip, prefix: cidr.prefix, scope: 'global' });
    }
    p.rt.changed();
    return 0;
  }
  if (obj === 'route' && (cmd === 'add' || cmd === 'del' || cmd === 'delete' || cmd === 'replace')) {
    const dst = args[0];
    const viaIdx = args.indexOf('via');
    const via = viaIdx >= 0 ? args[viaIdx + 1] : null;
    const dstOk = dst === 'default' || (dst && (parseCidr(dst) || isIPv4(dst)));
    if (!dst || !dstOk) {
      p.err(`Error: inet prefix is expected rather than "${dst ?? ''}".\n`);
      return 1;
    }
    const norm = dst === 'default' ? 'default' : dst.includes('/') ? `${networkOf(parseCidr(dst)!.ip, parseCidr(dst)!.prefix)}/${parseCidr(dst)!.prefix}` : `${dst}/32`;
    if (cmd.startsWith('d')) {
      const before = ns.routes.length;
      ns.routes = ns.routes.filter((r) => r.dst !== norm);
      if (ns.routes.length === before) {
        p.err('RTNETLINK answers: No such process\n');
        return 2;
      }
      w.netVersion++;
      p.rt.changed();
      return 0;
    }
    let dev = devName;
    if (!dev && via) dev = ns.routes.find((r) => r.proto === 'kernel' && r.dst !== 'default' && parseCidr(r.dst) && (() => { const c = parseCidr(r.dst)!; return networkOf(via, c.prefix) === c.ip; })())?.dev;
    if (!dev || !linkByName(ns, dev)) {
      p.err(via ? 'Error: Nexthop has invalid gateway.\n' : `Cannot find device "${dev ?? ''}"\n`);
      return 2;
    }
    if (cmd === 'add' && ns.routes.some((r) => r.dst === norm)) {
      p.err('RTNETLINK answers: File exists\n');
      return 2;
    }
    if (cmd === 'replace') ns.routes = ns.routes.filter((r) => r.dst !== norm);
    addRoute(w, ns, { dst: norm, via, dev, proto: 'static', scope: via ? null : 'link' });
    p.rt.changed();
    return 0;
  }
  p.err(`sim: 'ip ${obj} ${cmd}' is not part of this lab\n`);
  return 1;
}
