import type { Link, NetNs, Proto } from './types';
import type { Frame, Pkt } from './walk-types';
import type { NetWorld } from './world';

/**
 * Packet capture (AF_PACKET, what tcpdump reads): while a tap is open on an interface of a
 * namespace, or on `any`, every frame a walk moves across it is reported, as the kernel's capture
 * hooks see it: once when the device transmits it ("Out"), once when it receives it (with Linux's
 * packet type: to this host, broadcast, multicast, or to another host when a bridge port or a
 * promiscuous NIC passes it on). Printing belongs to the program that opened the tap.
 */

export interface CapturedIp {
  src: string;
  dst: string;
  proto: Proto;
  ttl: number;
  /** IP total length. */
  len: number;
  /** Ports (tcp/udp), null otherwise. */
  sport: number | null;
  dport: number | null;
  /** The answer of a flow (ICMP echo reply, TCP SYN-ACK). */
  reply: boolean;
  icmpId: number | null;
  icmpSeq: number | null;
}

export interface CapturedArp {
  op: 'request' | 'reply';
  senderMac: string;
  senderIp: string;
  targetMac: string;
  targetIp: string;
}

/** What an L2 frame carries, without where it was seen (also the inner frame of a tunnel). */
export interface CapturedPayload {
  srcMac: string;
  dstMac: string;
  /** 802.1q tag on this wire, null when untagged. */
  vlan: number | null;
  ethertype: 'ipv4' | 'arp';
  arp: CapturedArp | null;
  ip: CapturedIp | null;
  /** The packet is an outer one: VXLAN (with the inner frame) or ESP (opaque). */
  encap: { kind: 'vxlan'; vni: number; inner: CapturedPayload } | { kind: 'esp'; spi: number; seq: number } | null;
}

export interface CapturedFrame extends CapturedPayload {
  /** Order of capture in this world. */
  seq: number;
  /** Lab clock (ms) when the walk moved the frame. */
  time: number;
  ns: string;
  host: string;
  dev: string;
  ifindex: number;
  dir: 'in' | 'out';
  /** As `tcpdump -i any` shows it: Out, In, B(roadcast), M(ulticast), P (for another host). */
  pktType: 'outgoing' | 'host' | 'broadcast' | 'multicast' | 'otherhost';
}

export interface TapSpec {
  /** Namespace id. */
  ns: string;
  /** Interface name, or 'any'. */
  dev: string;
}

interface Tap extends TapSpec {
  sink: (frame: CapturedFrame) => void;
}

export interface TapSet {
  taps: Tap[];
  seq: number;
}

const registry = new WeakMap<NetWorld, TapSet>();

/** The world's open captures (the walk keeps this object and checks `taps.length` per frame). */
export function tapSet(world: NetWorld): TapSet {
  let set = registry.get(world);
  if (!set) registry.set(world, (set = { taps: [], seq: 0 }));
  return set;
}

/** Opens a capture; the returned function closes it. Frames are reported synchronously, as walks move them. */
export function openTap(world: NetWorld, spec: TapSpec, sink: (frame: CapturedFrame) => void): () => void {
  const set = tapSet(world);
  const tap: Tap = { ...spec, sink };
  set.taps = [...set.taps, tap];
  return () => {
    const s = registry.get(world);
    if (s) s.taps = s.taps.filter((t) => t !== tap);
  };
}

export function capturing(world: NetWorld): boolean {
  const set = registry.get(world);
  return !!set && set.taps.length > 0;
}

const BROADCAST = 'ff:ff:ff:ff:ff:ff';

function ipOf(p: Pkt): CapturedIp {
  return {
    src: p.src,
    dst: p.dst,
    proto: p.proto,
    ttl: p.ttl,
    len: p.len,
    sport: p.proto === 'tcp' || p.proto === 'udp' ? (p.sport ?? null) : null,
    dport: p.proto === 'tcp' || p.proto === 'udp' ? p.dport : null,
    reply: p.reply,
    icmpId: p.proto === 'icmp' ? (p.icmpId ?? null) : null,
    icmpSeq: p.proto === 'icmp' ? (p.icmpSeq ?? null) : null,
  };
}

export function payloadOf(f: Frame): CapturedPayload {
  const p = f.pkt;
  const arp: CapturedArp | null = f.arp
    ? { op: f.arp, senderMac: f.src, senderIp: p.src, targetMac: f.arp === 'reply' ? f.dst : '00:00:00:00:00:00', targetIp: p.dst }
    : null;
  let encap: CapturedPayload['encap'] = null;
  if (p.encap) encap = p.encap.esp ? { kind: 'esp', ...p.encap.esp } : { kind: 'vxlan', vni: p.encap.vni, inner: payloadOf(p.encap.inner) };
  return {
    srcMac: f.src,
    dstMac: f.bcast ? BROADCAST : f.dst,
    vlan: f.vlan,
    ethertype: f.arp ? 'arp' : 'ipv4',
    arp,
    ip: f.arp ? null : ipOf(p),
    encap,
  };
}

/** Reports a frame crossing `link` to the taps of `set` watching it. */
export function tapFrame(world: NetWorld, set: TapSet, ns: NetNs, link: Link, f: Frame, dir: 'in' | 'out'): void {
  if (f.dry || !f.pkt.count || set.taps.length === 0) return;
  let frame: CapturedFrame | null = null;
  for (const t of set.taps) {
    if (t.ns !== ns.id || (t.dev !== 'any' && t.dev !== link.name)) continue;
    frame ??= new Capture(++set.seq, world.clock ?? 0, ns, link, f, dir);
    t.sink(frame);
  }
}

/**
 * A capture keeps copies of the values the frame had at this point (later hops rewrite the
 * packet: NAT, TTL, tags) in one flat object; `ip` and `arp` are built only when read.
 */
class Capture implements CapturedFrame {
  readonly ns: string;
  readonly host: string;
  readonly dev: string;
  readonly ifindex: number;
  readonly srcMac: string;
  readonly dstMac: string;
  readonly vlan: number | null;
  readonly pktType: CapturedFrame['pktType'];
  readonly encap: CapturedPayload['encap'];
  private readonly op: 'request' | 'reply' | null;
  private readonly src: string;
  private readonly dst: string;
  private readonly proto: Proto;
  private readonly ttl: number;
  private readonly len: number;
  private readonly sport: number | null;
  private readonly dport: number | null;
  private readonly reply: boolean;
  private readonly icmpId: number | null;
  private readonly icmpSeq: number | null;

  constructor(
    readonly seq: number,
    readonly time: number,
    ns: NetNs,
    link: Link,
    f: Frame,
    readonly dir: 'in' | 'out',
  ) {
    const p = f.pkt;
    this.ns = ns.id;
    this.host = ns.hostname;
    this.dev = link.name;
    this.ifindex = link.ifindex;
    this.srcMac = f.src;
    this.dstMac = f.bcast ? BROADCAST : f.dst;
    this.vlan = f.vlan;
    this.pktType =
      dir === 'out' ? 'outgoing' : f.bcast ? 'broadcast' : '13579bdf'.includes(this.dstMac.charAt(1)) ? 'multicast' : this.dstMac === link.mac ? 'host' : 'otherhost';
    this.op = f.arp;
    this.src = p.src;
    this.dst = p.dst;
    this.proto = p.proto;
    this.ttl = p.ttl;
    this.len = p.len;
    this.sport = p.sport ?? null;
    this.dport = p.dport;
    this.reply = p.reply;
    this.icmpId = p.icmpId ?? null;
    this.icmpSeq = p.icmpSeq ?? null;
    this.encap = p.encap ? payloadOf(f).encap : null;
  }

  get ethertype(): 'ipv4' | 'arp' {
    return this.op ? 'arp' : 'ipv4';
  }

  get arp(): CapturedArp | null {
    if (!this.op) return null;
    return { op: this.op, senderMac: this.srcMac, senderIp: this.src, targetMac: this.op === 'reply' ? this.dstMac : '00:00:00:00:00:00', targetIp: this.dst };
  }

  get ip(): CapturedIp | null {
    if (this.op) return null;
    const l4 = this.proto === 'tcp' || this.proto === 'udp';
    const icmp = this.proto === 'icmp';
    return {
      src: this.src,
      dst: this.dst,
      proto: this.proto,
      ttl: this.ttl,
      len: this.len,
      sport: l4 ? this.sport : null,
      dport: l4 ? this.dport : null,
      reply: this.reply,
      icmpId: icmp ? this.icmpId : null,
      icmpSeq: icmp ? this.icmpSeq : null,
    };
  }
}
