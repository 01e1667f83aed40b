import type { Link, NetNs, VxlanConf } from '../types';
import type { NetWorld } from '../world';
import { addLink } from '../netns';
import type { Frame, Pkt, WalkFail } from '../walk-types';
import { REACHED, type L2, type L2Result, type LinkOps } from './types';
import { topology } from './topology';

/**
 * VXLAN (drivers/net/vxlan): an L2 device whose frames travel inside UDP packets between tunnel
 * endpoints. Transmitting looks the destination MAC up in the device's FDB (a remote VTEP, or
 * the 00:00:00:00:00:00 flood list), wraps the frame into UDP from the local VTEP to port 4789 and
 * sends that through the underlay like any packet of the host: its routes, its iptables, its NIC,
 * the LAN. The far host's vxlan device bound to that port and VNI unwraps it and receives the
 * frame. With `proxy`, ARP is answered from the neighbour table instead of crossing the tunnel
 * (Docker's overlay). Encrypted tunnels send ESP instead, and the UDP inside still meets INPUT.
 */

export const ZERO_MAC = '00:00:00:00:00:00';
/** Outer Ethernet + IP + UDP + VXLAN headers: why overlay MTUs are 1450. */
export const VXLAN_OVERHEAD = 50;
/** ESP header, IV, padding and ICV of Docker's AES-GCM transport mode, on top of VXLAN (1424 = 1450 - 26). */
export const ESP_OVERHEAD = 26;

export interface VxlanSpec {
  name: string;
  mac: string;
  vni: number;
  local?: string | null;
  dstport?: number;
  /** Underlay device (`dev eth0`). */
  dev?: string | null;
  learning?: boolean;
  proxy?: boolean;
  l2miss?: boolean;
  l3miss?: boolean;
  encrypted?: boolean;
  mtu?: number;
  ifindex?: number;
}

/**
 * `ip link add NAME type vxlan id VNI [local IP] [dev DEV] dstport 4789 [nolearning] [proxy] …` in
 * `ns`; the tunnel's socket stays in `ns` even if the device is later moved (Docker's overlay
 * moves it into the network's namespace as vxlan0).
 */
export function addVxlan(world: NetWorld, ns: NetNs, spec: VxlanSpec): Link {
  const l = addLink(world, ns, { name: spec.name, kind: 'vxlan', mac: spec.mac, mtu: spec.mtu ?? 1450, ifindex: spec.ifindex });
  l.vni = spec.vni;
  l.vxlan = {
    local: spec.local ?? null,
    dstport: spec.dstport ?? 4789,
    learning: spec.learning ?? true,
    proxy: spec.proxy ?? false,
    l2miss: spec.l2miss ?? false,
    l3miss: spec.l3miss ?? false,
    encrypted: spec.encrypted ?? false,
    underlay: ns.id,
    dev: spec.dev ?? null,
    fdb: [],
  };
  world.netVersion++;
  return l;
}

/** `bridge fdb append MAC dev VX dst IP` (permanent unless learned). */
export function vxlanFdbAdd(world: NetWorld, vx: Link, entry: { mac: string; dst: string; permanent?: boolean }): void {
  const conf = vx.vxlan;
  if (!conf) return;
  if (conf.fdb.some((e) => e.mac === entry.mac && e.dst === entry.dst)) return;
  conf.fdb.push({ mac: entry.mac, dst: entry.dst, permanent: entry.permanent ?? true });
  world.netVersion++;
}

/** `bridge fdb del MAC dev VX [dst IP]`. */
export function vxlanFdbDel(world: NetWorld, vx: Link, mac: string, dst?: string): void {
  const conf = vx.vxlan;
  if (!conf) return;
  conf.fdb = conf.fdb.filter((e) => !(e.mac === mac && (dst === undefined || e.dst === dst)));
  world.netVersion++;
}

function hash(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** udp_flow_src_port: a hash of the inner flow, the same both ways, in the local port range. */
export function vxlanSourcePort(inner: Pkt): number {
  const [a, b] = inner.src < inner.dst ? [inner.src, inner.dst] : [inner.dst, inner.src];
  return 32768 + (hash(`${a}|${b}|${inner.proto}`) % (60999 - 32768 + 1));
}

/** The remote VTEPs a frame to `mac` goes to: its own entry, else the flood list. */
export function vxlanDestinations(conf: VxlanConf, mac: string, bcast: boolean): string[] {
  if (!bcast) {
    const own = conf.fdb.filter((e) => e.mac === mac);
    if (own.length) return own.map((e) => e.dst);
  }
  return conf.fdb.filter((e) => e.mac === ZERO_MAC).map((e) => e.dst);
}

/** `learning`: the far end notes which VTEP an inner source MAC lives behind. */
function learnRemote(conf: VxlanConf, mac: string, vtep: string): void {
  const hit = conf.fdb.find((e) => e.mac === mac);
  if (hit) {
    if (!hit.permanent) hit.dst = vtep;
    return;
  }
  conf.fdb.push({ mac, dst: vtep, permanent: false });
}

function proxyAnswers(ns: NetNs, vx: Link, f: Frame): boolean {
  const neigh = ns.neigh;
  const ip = f.pkt.dst;
  if (!f.want || !neigh || !Object.hasOwn(neigh, ip)) return false;
  const e = neigh[ip]!;
  return e.dev === vx.name && e.mac === f.want.link.mac;
}

function outerPacket(vx: Link, conf: VxlanConf, dst: string, f: Frame): Pkt {
  const inner = f.pkt;
  const live = !f.dry && inner.count;
  const esp = conf.encrypted ? { spi: (hash(`${conf.local}|${dst}|${vx.vni}`) | 0x100) >>> 0, seq: live ? (conf.espSeq = (conf.espSeq ?? 0) + 1) : 0 } : null;
  return {
    src: conf.local ?? '',
    dst,
    proto: conf.encrypted ? 'esp' : 'udp',
    dport: conf.encrypted ? null : conf.dstport,
    sport: conf.encrypted ? null : vxlanSourcePort(inner),
    inIf: null,
    outIf: null,
    ctstate: 'NEW',
    dstLocal: false,
    mark: 0,
    ipvs: false,
    len: inner.len + VXLAN_OVERHEAD + (esp ? ESP_OVERHEAD : 0),
    count: live,
    reply: false,
    ttl: 64,
    hops: 0,
    nat: [],
    origSrc: '',
    lanHops: 0,
    routers: [],
    path: [],
    encap: { kind: 'vxlan', vni: vx.vni ?? 0, inner: f, esp },
  };
}

function tunnel(k: L2, ns: NetNs, vx: Link, conf: VxlanConf, vtep: string, f: Frame): L2Result {
  const underlayNs = k.world.netns[conf.underlay];
  if (!underlayNs) return null;
  const outer = outerPacket(vx, conf, vtep, f);
  const sent = k.underlay(underlayNs, outer);
  const inner = f.pkt;
  const hop = { step: 'encap' as const, ns: ns.id, host: ns.hostname, dev: vx.name, to: vtep, underlay: sent.path };
  if (!sent.ok) return f.dry ? null : k.fail(inner, sent.reason, { ...sent.at, underlay: sent.path });
  const far = sent.ns;
  const lastIn = [...sent.path].reverse().find((h) => h.step === 'in');
  if (conf.encrypted) {
    const decrypted: Pkt = { ...outer, proto: 'udp', dport: conf.dstport, sport: vxlanSourcePort(inner), len: outer.len - ESP_OVERHEAD, path: [] };
    const drop = k.reinput(far, lastIn?.dev ?? '', decrypted);
    if (drop) return f.dry ? null : k.fail(inner, 'dropped', { ...drop, underlay: sent.path });
  }
  const remote = topology(k.world).vxlanSockets.get(`${far.id}|${conf.dstport}|${vx.vni}`);
  if (!remote || !remote.link.up) {
    if (f.dry) return null;
    return k.fail(inner, 'dropped', { step: 'drop', ns: far.id, host: far.hostname, dev: lastIn?.dev ?? null, why: `nothing listens on udp ${conf.dstport} for vni ${vx.vni}`, underlay: sent.path });
  }
  if (!f.dry) {
    inner.lanHops += sent.lanHops;
    inner.path.push(hop, { step: 'decap', ns: remote.ns.id, host: remote.ns.hostname, dev: remote.link.name });
    if (inner.count && remote.link.vxlan?.learning) learnRemote(remote.link.vxlan, f.src, sent.src);
  }
  return k.rx(remote.ns, remote.link, f);
}

export const vxlanOps: LinkOps = {
  kind: 'vxlan',
  details(_world, _ns, vx) {
    const c = vx.vxlan;
    let s = `id ${vx.vni} `;
    if (c?.local) s += `local ${c.local} `;
    if (c?.dev) s += `dev ${c.dev} `;
    s += `srcport 0 0 dstport ${c?.dstport ?? 4789} ttl auto ageing 300 reserved_bits 0xf7ffffff000000ff `;
    // iproute2 6.15 (ip/iplink_vxlan.c vxlan_print_opt) prints, with one -d, only the boolean options
    // that differ from their defaults, in its vxlan_opts order. Docker leaves UDP_CSUM unset, so the
    // kernel reports checksums on (the default) and no csum word appears; it sends both
    // UDP_ZERO_CSUM6 attributes as 0 (their default) through vishvananda/netlink.
    if (c && !c.learning) s += 'nolearning ';
    if (c?.proxy) s += 'proxy ';
    if (c?.l2miss) s += 'l2miss ';
    if (c?.l3miss) s += 'l3miss ';
    return s;
  },
  xmit(k, ns, vx, f) {
    const conf = vx.vxlan;
    if (!vx.up || !conf) return null;
    k.tap(ns, vx, f, 'out');
    if (f.bcast && conf.proxy && proxyAnswers(ns, vx, f)) {
      f.reached = f.want ? { ns, link: vx } : null;
      return REACHED;
    }
    let last: WalkFail | null = null;
    const hops = f.pkt.path.length;
    for (const vtep of vxlanDestinations(conf, f.dst, f.bcast)) {
      const r = tunnel(k, ns, vx, conf, vtep, f);
      if (r === null) {
        f.pkt.path.length = hops;
        continue;
      }
      if (r === REACHED || r.ok) return r;
      last = r;
    }
    return last;
  },
  carrier(_world, _ns, link) {
    return link.up;
  },
};
