import { linkByName } from '../../kernel/netns';
import { toolsetOf } from '../../shell/toolset';
import { containerOf, nsOf, type Program } from '../../shell/types';
import { addrModify } from './addr';
import { linkModify } from './link';
import { neighShow } from './neigh';
import { ipNetns } from './netns';
import { onelineAddrs, onelineBlock } from './oneline';
import { routeGet, routeModify, routeShow } from './route';
import { addrBlock, briefAddr, briefLink, fail, ipv6Lines, linkBlock, type View } from './view';

/**
 * `ip` from iproute2 (hosts, netshoot) or busybox (alpine, busybox): addr, link, route and neigh,
 * printed from the namespace's real links, addresses and routes, and changed through them. One
 * module per object: link.ts, addr.ts, route.ts, neigh.ts; view.ts prints.
 */

const OBJECTS: ReadonlyMap<string, 'addr' | 'link' | 'route' | 'neigh' | 'netns'> = new Map([
  ...['a', 'ad', 'add', 'addr', 'addre', 'addres', 'address'].map((k) => [k, 'addr'] as const),
  ...['l', 'li', 'lin', 'link'].map((k) => [k, 'link'] as const),
  ...['r', 'ro', 'rou', 'rout', 'route'].map((k) => [k, 'route'] as const),
  ...['n', 'ne', 'nei', 'neigh', 'neighbor', 'neighbour'].map((k) => [k, 'neigh'] as const),
  ['netns', 'netns'] as const,
]);

const SHOW = new Set(['show', 'sh', 'list', 'ls', 'lst', 's']);
/** Changing verbs, by the word typed: iproute2 matches prefixes of add/delete. */
const CHANGE: ReadonlyMap<string, string> = new Map([
  ['add', 'add'], ['a', 'add'], ['ad', 'add'],
  ['del', 'del'], ['delete', 'del'], ['d', 'del'], ['de', 'del'],
  ['set', 'set'], ['replace', 'replace'], ['change', 'change'], ['chg', 'change'], ['append', 'append'], ['flush', 'flush'],
]);

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
    oneline: false,
    stats: 0,
  };
  const args = p.argv.slice(1);
  while (args[0]?.startsWith('-')) {
    const o = args.shift()!;
    if (o === '-br' || o === '-brief' || o === '--brief') v.brief = true;
    else if (o === '-d' || o === '-details' || o === '--details') v.details = true;
    else if (o === '-4') v.only4 = true;
    else if (o === '-6') v.only6 = true;
    else if (o === '-o' || o === '-oneline' || o === '--oneline') v.oneline = true;
    else if (!v.busybox && (/^-s+$/.test(o) || o === '-stats' || o === '-statistics')) v.stats += o.startsWith('-st') ? 1 : o.length - 1;
    else if (o === '-c' || o === '-color') continue;
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
  const obj = OBJECTS.get(objWord);
  if (obj === 'netns' && !v.busybox) return ipNetns(p, args);
  if (!obj || obj === 'netns') {
    p.err(v.busybox ? usage(v) : `Object "${objWord}" is unknown, try "ip help".\n`);
    return v.busybox ? 1 : 255;
  }
  const cmd = args[0] ?? 'show';
  if (obj === 'route' && cmd === 'get') return routeGet(v, args.slice(1));
  if (SHOW.has(cmd)) args.shift();
  else if (CHANGE.has(cmd)) {
    args.shift();
    return modify(v, obj, CHANGE.get(cmd)!, args);
  } else if (cmd === 'help') {
    p.err(usage(v));
    return 0;
  } else if (!['dev', 'master', 'up', 'type'].includes(cmd) && !linkByName(ns, cmd)) {
    p.err(`Command "${cmd}" is unknown, try "ip ${objWord} help".\n`);
    return 255;
  }
  return show(v, obj, args);
};

/** Changes need CAP_NET_ADMIN: Docker leaves it out of a container's capabilities unless asked. */
function modify(v: View, obj: 'addr' | 'link' | 'route' | 'neigh', cmd: string, args: string[]): number {
  const c = containerOf(v.p);
  if (c && !c.hostConfig.privileged && !c.hostConfig.capAdd.some((x) => /NET_ADMIN|ALL/i.test(x))) {
    return fail(v, 'RTNETLINK answers: Operation not permitted', 2);
  }
  if (obj === 'link' && (cmd === 'add' || cmd === 'del' || cmd === 'set')) return linkModify(v, cmd, args);
  if (obj === 'addr' && (cmd === 'add' || cmd === 'del')) return addrModify(v, cmd, args);
  if (obj === 'route' && cmd !== 'set' && cmd !== 'flush') return routeModify(v, cmd, args);
  return fail(v, `sim: 'ip ${obj} ${cmd}' is not part of this lab`, 1);
}

/** `ip link|addr|route|neigh [show] [dev] NAME [master BR] [up] [type T]`. */
function show(v: View, obj: 'addr' | 'link' | 'route' | 'neigh', args: string[]): number {
  const { p, ns } = v;
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
  if (obj === 'route') return routeShow(v, dev);
  if (obj === 'neigh') return neighShow(v, dev);
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
    else if (!v.oneline) lines.push(...(obj === 'addr' ? addrBlock(v, l) : linkBlock(v, l)));
    else if (obj === 'addr') lines.push(...onelineAddrs(addrBlock(v, l), l.ifindex, l.name));
    else lines.push(onelineBlock(linkBlock(v, l)));
  }
  if (lines.length) p.out(lines.join('\n') + '\n');
  return 0;
}
