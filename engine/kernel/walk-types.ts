import type { NfPacket, NfVerdict } from './netfilter';
import type { Link, NetNs, Proto, Route } from './types';

/** What a process sends: the walk starts from these. */
export interface Flow {
  proto: Proto;
  dst: string;
  dport: number | null;
  /** Force a source address (e.g. ping -I); otherwise chosen from the route. */
  src?: string;
  sport?: number | null;
  /** IP total length (counters, captures); a default per protocol otherwise. */
  len?: number;
  /** SO_MARK of the sending socket. */
  mark?: number;
  /** ICMP echo identifier and sequence (what captures print). */
  icmpId?: number;
  icmpSeq?: number;
}

export interface NatEntry {
  ns: string;
  kind: 'snat' | 'dnat';
  from: string;
  to: string;
  fromPort: number | null;
  toPort: number | null;
}

export type FailReason =
  | 'net-unreachable' // no route at the sender: "Network unreachable"
  | 'host-unreachable' // nobody answers ARP, or a router has no route
  | 'dropped' // a netfilter rule or a down link ate it
  | 'ttl'; // a routing loop

/**
 * One step of a walk, as structured data: where the packet was (namespace, device), what it did
 * there, and what decided it (the route, the netfilter rule or policy). A later explainPath is
 * built on these; `trail` and `where` are their words.
 */
export interface PathHop {
  step:
    | 'loopback' // sent to one of the sender's own addresses
    | 'out' // routed out of `dev`
    | 'in' // arrived on `dev`
    | 'forward' // routed from `dev` to `to`
    | 'local' // accepted by INPUT for a local socket
    | 'bridge' // bridged from port `dev` to port `to` (br_netfilter FORWARD decided)
    | 'switch' // crossed an L2 segment
    | 'encap' // wrapped into an outer packet (vxlan, esp); `underlay` is the outer walk
    | 'decap'
    | 'ipvs' // IPVS sent it to a real server
    | 'drop';
  /** Namespace id and its host name. */
  ns: string;
  host: string;
  dev: string | null;
  to?: string | null;
  route?: Route | null;
  /** The rule or chain policy that decided (the DROP, the FORWARD/INPUT ACCEPT). */
  verdict?: NfVerdict | null;
  /** Why, when no rule decided: "no route to 10.0.0.9", "eth0 is down", "no neighbour 10.0.0.9". */
  why?: string;
  underlay?: PathHop[];
}

export interface WalkCommon {
  path: PathHop[];
  /** The walk in words, one line per L3 step ("host1: out eth0 via 192.168.1.1"). */
  readonly trail: string[];
  /** The address of each router's ingress interface, in order (what traceroute prints). */
  routers: string[];
}

export interface WalkOk extends WalkCommon {
  ok: true;
  ns: NetNs;
  /** Addresses as the receiver sees them (after NAT). */
  src: string;
  dst: string;
  proto: Proto;
  dport: number | null;
  sport: number | null;
  /** The sender's source address before any NAT (what the sender's reply must come back to). */
  origSrc: string;
  /** Routers crossed (each decrements TTL). */
  hops: number;
  nat: NatEntry[];
  /** L2 segments crossed (LAN round trips cost more than a bridge). */
  lanHops: number;
  mark: number;
  len: number;
  icmpId?: number;
  icmpSeq?: number;
  /** Conntrack entries the packet created or refreshed on its way (the answer marks them replied). */
  ct?: CtEntry[];
}

export interface WalkFail extends WalkCommon {
  ok: false;
  reason: FailReason;
  /** Where the packet died, as data: the last hop is the drop. */
  at: PathHop;
  /** Where the packet died, in words ("host1: filter DOCKER-ISOLATION-STAGE-2 DROP"). */
  readonly where: string;
}

export type WalkResult = WalkOk | WalkFail;

/** The packet as it walks: netfilter's view of it plus the walk's own bookkeeping. */
export interface Pkt extends NfPacket {
  reply: boolean;
  ttl: number;
  hops: number;
  nat: NatEntry[];
  origSrc: string;
  lanHops: number;
  routers: string[];
  path: PathHop[];
  /** What an outer packet carries (vxlan, esp), for the far tunnel end and for captures. */
  encap: Encap | null;
  icmpId?: number;
  icmpSeq?: number;
  /** Conntrack: where the packet began to be tracked, and the entries it confirmed. */
  ctStart?: CtStart | null;
  ct?: CtEntry[];
  /** Memo of dstLocal: for which namespace and address it was computed. */
  localNs?: NetNs | null;
  localIp?: string;
}

export interface Encap {
  kind: 'vxlan';
  vni: number;
  /** The inner frame, as it left the tunnel device. */
  inner: Frame;
  esp: { spi: number; seq: number } | null;
}

export interface EndpointRef {
  ns: NetNs;
  link: Link;
}

/** An Ethernet frame on its way across links: MACs, the 802.1q tag as on this wire, and the packet inside. */
export interface Frame {
  src: string;
  dst: string;
  vlan: number | null;
  /** An ARP request or reply rather than IPv4 (`pkt` then says who asks for whom). */
  arp: 'request' | 'reply' | null;
  /**
   * Sent to ff:ff:ff:ff:ff:ff. Broadcasts are steered toward `want` (the address owner) through
   * `dst`, but every device applies its broadcast rules (floods, macvlan/ipvlan filters).
   */
  bcast: boolean;
  pkt: Pkt;
  /** The endpoint that must take the frame (ARP): the owner of the address asked for. */
  want: EndpointRef | null;
  /** No side effects: no captures, learning, counters or IP processing (ARP probes, flood look-ahead). */
  dry: boolean;
  /** Where a dry frame was taken. */
  reached: EndpointRef | null;
}

export function hopWords(h: PathHop): string | null {
  switch (h.step) {
    case 'loopback':
      return `${h.host}: local delivery to ${h.why ?? ''}`;
    case 'out':
      return `${h.host}: out ${h.dev}${h.route?.via ? ` via ${h.route.via}` : ''}`;
    case 'in':
      return `${h.host}: in ${h.dev}`;
    case 'forward':
      return `${h.host}: forward ${h.dev} -> ${h.to}`;
    default:
      return null;
  }
}

export function trailOf(path: PathHop[]): string[] {
  const out: string[] = [];
  for (const h of path) {
    const w = hopWords(h);
    if (w !== null) out.push(w);
  }
  return out;
}

export function dropWords(h: PathHop): string {
  if (h.verdict) return `${h.host}: ${h.verdict.table} ${h.verdict.decidedBy}`;
  return `${h.host}: ${h.why ?? 'lost'}`;
}

// ---------------------------------------------------------------- conntrack (kernel/conntrack.ts)

export type TcpCtState = 'SYN_SENT' | 'TIME_WAIT' | 'CLOSE';

export interface CtTuple {
  src: string;
  dst: string;
  sport: number | null;
  dport: number | null;
}

export interface CtEntry {
  proto: Proto;
  orig: CtTuple;
  reply: CtTuple;
  icmpId: number;
  /** Lab time (ms) the flow began and the entry expires. */
  created: number;
  expires: number;
  replied: boolean;
  assured: boolean;
  state: TcpCtState | null;
}

/** Where a packet began to be tracked: the namespace and the tuple as it came in. */
export interface CtStart {
  ns: NetNs;
  src: string;
  dst: string;
  sport: number | null;
  dport: number | null;
}
