import { addLink, addVethPair, deleteLink, linkByName, setMaster } from '../../kernel/netns';
import { addIpvlan, addMacvlan, addVlan, realLower, stackError, topology, type MacvlanMode } from '../../kernel/links';
import type { Link, NetNs } from '../../kernel/types';
import { randomMac } from '../../util/rng';
import { extack, fail, rtnl, type View } from './view';

/**
 * `ip link add|del|set` as iproute2 6.15 parses them (ip/iplink.c, iplink_macvlan.c,
 * iplink_ipvlan.c, iplink_vlan.c) and Linux 6.12 answers them: argument errors from the parser
 * (exit 1, or 255 where it calls exit(-1)), refusals from the kernel as "RTNETLINK answers: …" or
 * its extended ack "Error: …." (exit 2).
 */

const MAC_RE = /^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/i;

/** check_ifname (lib/utils.c): 1-15 characters, no '/' or white space. */
function badIfname(name: string): boolean {
  return name === '' || name.length >= 16 || /[/\s]/.test(name);
}

function invarg(v: View, arg: string, why: string): number {
  return fail(v, `Error: argument "${arg}" is wrong: ${why}`, 255);
}

interface LinkReq {
  dev: string | null;
  name: string | null;
  link: string | null;
  address: string | null;
  mtu: number | null;
  up: boolean | null;
  promisc: boolean | null;
  master: string | null | undefined;
  type: string | null;
  typeArgs: string[];
}

/** iplink_parse: generic arguments up to `type TYPE`, whose arguments follow. */
function parseLink(v: View, args: string[]): LinkReq | number {
  const r: LinkReq = { dev: null, name: null, link: null, address: null, mtu: null, up: null, promisc: null, master: undefined, type: null, typeArgs: [] };
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const next = (): string => args[++i] ?? '';
    if (a === 'up' || a === 'down') r.up = a === 'up';
    else if (a === 'name') {
      const n = next();
      if (badIfname(n)) return invarg(v, n, '"name" not a valid ifname');
      r.name = n;
    } else if (a === 'link') r.link = next();
    else if (a === 'address') {
      const m = next();
      if (!MAC_RE.test(m)) return fail(v, `"${m}" is invalid lladdr.`, 1);
      r.address = m.toLowerCase();
    } else if (a === 'mtu') {
      const m = next();
      if (!/^\d+$/.test(m)) return invarg(v, m, 'Invalid "mtu" value\n');
      r.mtu = Number(m);
    } else if (a === 'promisc') {
      const o = next();
      if (o !== 'on' && o !== 'off') return fail(v, `Error: argument of "promisc" must be "on" or "off", not "${o}"`, 1);
      r.promisc = o === 'on';
    } else if (a === 'master') r.master = next();
    else if (a === 'nomaster') r.master = null;
    else if (a === 'type') {
      r.type = next();
      r.typeArgs = args.slice(i + 1);
      break;
    } else if (['arp', 'multicast', 'allmulticast', 'txqueuelen', 'txqlen', 'qlen', 'netns', 'alias', 'group', 'vf', 'index'].includes(a)) {
      return fail(v, `sim: 'ip link … ${a}' is not part of this lab`, 1);
    } else {
      const d = a === 'dev' ? next() : a;
      if (r.dev !== null) return fail(v, `Error: either "dev" is duplicate, or "${d}" is garbage.`, 255);
      r.dev = d;
    }
  }
  return r;
}

export function linkModify(v: View, cmd: 'add' | 'del' | 'set', args: string[]): number {
  const r = parseLink(v, args);
  if (typeof r === 'number') return r;
  if (cmd === 'add') return linkAdd(v, r);
  const name = r.dev ?? r.name;
  if (name === null) return fail(v, 'Not enough information: "dev" argument is required.', 255);
  const l = linkByName(v.ns, name);
  if (!l) return fail(v, `Cannot find device "${name}"`, 1);
  return cmd === 'del' ? linkDel(v, l) : linkSet(v, l, r);
}

function linkDel(v: View, l: Link): number {
  // Physical NICs and lo have no rtnl_link_ops to delete them with.
  if (l.kind === 'ether' || l.kind === 'loopback') return rtnl(v, 'Operation not supported');
  deleteLink(v.p.rt.world, v.ns, l);
  v.p.rt.changed();
  return 0;
}

function linkSet(v: View, l: Link, r: LinkReq): number {
  const w = v.p.rt.world;
  const { ns } = v;
  if (r.type !== null) return fail(v, `sim: 'ip link set … type ${r.type}' is not part of this lab`, 1);
  if (r.master !== undefined && r.master !== null) {
    const br = linkByName(ns, r.master);
    if (!br) return invarg(v, r.master, 'Device does not exist\n');
    if (br.kind !== 'bridge') return rtnl(v, 'Operation not supported');
  }
  if (r.name !== null && r.dev !== null && r.name !== l.name) {
    if (linkByName(ns, r.name)) return rtnl(v, 'File exists');
    // dev_change_name refuses a running device.
    if (l.up) return rtnl(v, 'Device or resource busy');
    renameLink(ns, l, r.name);
  }
  if (r.mtu !== null) {
    const lower = topology(w).lowerOf.get(l);
    if (r.mtu < 68 || r.mtu > 65535 || (lower && (l.kind === 'macvlan' || l.kind === 'ipvlan' || l.kind === 'vlan') && r.mtu > lower.link.mtu)) {
      return rtnl(v, 'Invalid argument');
    }
    l.mtu = r.mtu;
  }
  if (r.address !== null) l.mac = r.address;
  if (r.promisc !== null) l.promisc = r.promisc || undefined;
  if (r.master !== undefined) setMaster(w, ns, l, r.master === null ? null : linkByName(ns, r.master)!);
  if (r.up !== null) l.up = r.up;
  w.netVersion++;
  v.p.rt.changed();
  return 0;
}

/** Routes and neighbour entries name their device: they follow a rename. */
function renameLink(ns: NetNs, l: Link, name: string): void {
  const old = l.name;
  ns.routes = ns.routes.map((rt) => (rt.dev === old ? { ...rt, dev: name } : rt));
  for (const e of Object.values(ns.neigh ?? {})) if (e.dev === old) e.dev = name;
  l.name = name;
}

function linkAdd(v: View, r: LinkReq): number {
  const w = v.p.rt.world;
  const { ns } = v;
  if (r.name !== null && r.dev !== null && r.name !== r.dev) return fail(v, 'both "name" and "dev" cannot be used when creating devices.', 255);
  if (r.type === null) return fail(v, 'Not enough information: "type" argument is required', 1);
  let lower: Link | null = null;
  if (r.link !== null) {
    lower = linkByName(ns, r.link) ?? null;
    if (!lower) return fail(v, `Cannot find device "${r.link}"`, 1);
  }
  const opts = typeOptions(v, r.type, r.typeArgs);
  if (typeof opts === 'number') return opts;
  let name = r.dev ?? r.name;
  if (name !== null && badIfname(name)) return invarg(v, name, '"dev" not a valid ifname');
  if (name !== null && linkByName(ns, name)) return rtnl(v, 'File exists');
  name ??= freeName(ns, r.type === 'vlan' ? 'vlan' : r.type);
  const made = create(v, r, opts, name, lower);
  if (typeof made === 'number') return made;
  if (r.mtu !== null) made.mtu = r.mtu;
  if (r.address !== null && r.type !== 'ipvlan') made.mac = r.address;
  if (r.up) made.up = true;
  w.netVersion++;
  v.p.rt.changed();
  return 0;
}

function freeName(ns: NetNs, kind: string): string {
  for (let i = 0; ; i++) if (!linkByName(ns, `${kind}${i}`)) return `${kind}${i}`;
}

type TypeOpts =
  | { kind: 'macvlan'; mode: MacvlanMode }
  | { kind: 'ipvlan'; mode: 'l2' | 'l3' | 'l3s'; flag: 'bridge' | 'private' | 'vepa' }
  | { kind: 'vlan'; id: number | null; given: boolean }
  | { kind: 'dummy' | 'bridge' }
  | { kind: 'veth'; peer: string | null };

/** Each kind's own arguments, as its link_util parses them. */
function typeOptions(v: View, type: string, args: string[]): TypeOpts | number {
  if (type === 'macvlan') {
    // The kernel's default mode is vepa (macvlan_common_newlink); Docker always asks for one.
    let mode: MacvlanMode = 'vepa';
    for (let i = 0; i < args.length; i++) {
      const a = args[i]!;
      if (a === 'mode') {
        const m = args[++i] ?? '';
        if (!['private', 'vepa', 'bridge', 'passthru'].includes(m)) {
          if (m === 'source') return fail(v, "sim: macvlan mode source is not part of this lab", 1);
          return fail(v, `Error: argument of "mode" must be "private", "vepa", "bridge", "passthru" or "source", not "${m}"`, 1);
        }
        mode = m as MacvlanMode;
      } else {
        v.p.err(`macvlan: unknown option "${a}"?\n`);
        return 1;
      }
    }
    return { kind: 'macvlan', mode };
  }
  if (type === 'ipvlan') {
    // The kernel's default is l3 bridge ("first values are the defaults", ip/iplink_ipvlan.c).
    let mode: 'l2' | 'l3' | 'l3s' = 'l3';
    let flag: 'bridge' | 'private' | 'vepa' | null = null;
    for (let i = 0; i < args.length; i++) {
      const a = args[i]!;
      if (a === 'mode') {
        const m = args[++i] ?? '';
        if (m !== 'l2' && m !== 'l3' && m !== 'l3s') return fail(v, 'Error: argument of "mode" must be either "l2", "l3" or "l3s"', 1);
        mode = m;
      } else if ((a === 'bridge' || a === 'private' || a === 'vepa') && flag === null) flag = a;
      else {
        v.p.err(`ipvlan: unknown option "${a}"?\nUsage: ... ipvlan [ mode MODE ] [ FLAGS ]\n\nMODE: l3 | l3s | l2\nFLAGS: bridge | private | vepa\n(first values are the defaults if nothing is specified).\n`);
        return 1;
      }
    }
    return { kind: 'ipvlan', mode, flag: flag ?? 'bridge' };
  }
  if (type === 'vlan') {
    let id: number | null = null;
    for (let i = 0; i < args.length; i++) {
      const a = args[i]!;
      if (a === 'id') {
        const s = args[++i] ?? '';
        if (!/^\d+$/.test(s) || Number(s) > 65535) return invarg(v, s, 'id is invalid');
        id = Number(s);
      } else if (a === 'protocol') {
        if (!['802.1Q', '802.1q'].includes(args[++i] ?? '')) return fail(v, "sim: only 802.1Q VLANs are part of this lab", 1);
      } else return fail(v, `sim: 'ip link add … type vlan ${a}' is not part of this lab`, 1);
    }
    return { kind: 'vlan', id, given: args.length > 0 };
  }
  if (type === 'dummy' || type === 'bridge') {
    if (args.length > 0) return fail(v, `sim: options of type ${type} are not part of this lab`, 1);
    return { kind: type };
  }
  if (type === 'veth') {
    const at = args.indexOf('name');
    return { kind: 'veth', peer: args[0] === 'peer' && at > 0 ? (args[at + 1] ?? null) : null };
  }
  return fail(v, `sim: 'ip link add … type ${type}' is not part of this lab (macvlan, ipvlan, vlan, dummy, bridge and veth are)`, 1);
}

function create(v: View, r: LinkReq, o: TypeOpts, name: string, lower: Link | null): Link | number {
  const w = v.p.rt.world;
  const { ns } = v;
  const mac = () => randomMac(w.rng);
  switch (o.kind) {
    case 'dummy':
    case 'bridge':
      return addLink(w, ns, { name, kind: o.kind, mac: mac() });
    case 'veth': {
      const peer = o.peer ?? freeName(ns, 'veth');
      if (linkByName(ns, peer)) return rtnl(v, 'File exists');
      return addVethPair(w, ns, { name, mac: mac() }, ns, { name: peer, mac: mac() })[0];
    }
    case 'vlan': {
      // vlan_validate / vlan_newlink (net/8021q/vlan_netlink.c) and their extack messages.
      if (!o.given) return extack(v, '8021q: VLAN properties not specified');
      if (o.id !== null && o.id >= 4095) return extack(v, '8021q: Invalid VLAN id');
      if (o.id === null) return extack(v, '8021q: VLAN id not specified');
      if (!lower) return extack(v, '8021q: link not specified');
      if (lower.kind === 'loopback') return extack(v, '8021q: VLANs not supported on device');
      if (topology(w).uppers.get(lower)?.vlans.has(o.id)) return extack(v, '8021q: VLAN device already exists');
      return addVlan(w, ns, lower, o.id, name);
    }
    case 'macvlan':
    case 'ipvlan': {
      if (!lower) return rtnl(v, 'Invalid argument');
      const real = realLower(w, ns, lower, o.kind).link;
      const errno = stackError(w, real, o.kind, o.kind === 'macvlan' ? o.mode : undefined);
      if (errno) return rtnl(v, errno === 'EBUSY' ? 'Device or resource busy' : 'Invalid argument');
      if (r.mtu !== null && r.mtu > real.mtu) return rtnl(v, 'Invalid argument');
      if (o.kind === 'ipvlan') return addIpvlan(w, ns, ns, real, { name, mode: o.mode, flag: o.flag });
      // A passthru child takes over its lower device's MAC (eth_hw_addr_inherit).
      return addMacvlan(w, ns, ns, real, { name, mac: o.mode === 'passthru' ? real.mac : mac(), mode: o.mode });
    }
  }
}
