/**
 * The Linux network model as plain data (it lives inside the lab state and is snapshotted as JSON).
 * Names follow the kernel's: namespaces hold links, addresses, routes and netfilter tables.
 */

export type LinkKind = 'loopback' | 'ether' | 'veth' | 'bridge' | 'macvlan' | 'ipvlan' | 'vlan' | 'vxlan' | 'dummy';

export interface Addr {
  ip: string;
  prefix: number;
  scope: 'host' | 'global' | 'link';
}

export interface Link {
  ifindex: number;
  name: string;
  kind: LinkKind;
  mac: string;
  mtu: number;
  /** Administratively up (`ip link set X up`). */
  up: boolean;
  /** ifindex of the bridge this link is a port of, in the same namespace. */
  master: number | null;
  /** The other end of a veth pair (possibly in another namespace). */
  peer: { ns: string; ifindex: number } | null;
  /** For a physical NIC: the L2 segment (switch) it is plugged into. */
  segment: string | null;
  /** vlan / macvlan / vxlan: the lower device, as namespace + ifindex (macvlan children live in containers). */
  lower: { ns: string; ifindex: number } | null;
  vlanId: number | null;
  macvlanMode: string | null;
  vni: number | null;
  addrs: Addr[];
  qlen: number | null;
  /** ipvlan children: how they reach each other and the wire (they share their lower device's MAC). */
  ipvlanMode?: 'l2' | 'l3' | 'l3s';
  ipvlanFlag?: 'bridge' | 'private' | 'vepa';
  /** vxlan: the tunnel's endpoint and its forwarding database of remote VTEPs. */
  vxlan?: VxlanConf;
  /**
   * Bridges: the learned part of the forwarding database, MAC -> ifindex of the port it was seen
   * on. Local entries (the ports' own MACs) are not stored: they follow the ports.
   */
  fdb?: Record<string, number>;
  /** `ip link set DEV promisc on`. */
  promisc?: boolean;
  /**
   * A bridge has had carrier while up, so the kernel gave it its IPv6 link-local address (addrconf
   * waits for carrier, and keeps the address once the last port leaves).
   */
  hadCarrier?: boolean;
  /** What `ip -s link` shows: frames this device received and sent (walks that count). */
  stats?: LinkStats;
}

export interface LinkStats {
  rxPackets: number;
  rxBytes: number;
  /** Broadcast and multicast frames received. */
  rxMcast: number;
  txPackets: number;
  txBytes: number;
}

export interface VxlanConf {
  /** Source address of the outer packets (`local`); null: chosen by the underlay route. */
  local: string | null;
  dstport: number;
  /** Learn inner source MACs of arriving frames as FDB entries pointing at the sending VTEP. */
  learning: boolean;
  /** Answer ARP from the neighbour table instead of flooding it (Docker's overlay sets proxy l2miss l3miss). */
  proxy: boolean;
  l2miss: boolean;
  l3miss: boolean;
  /** Outer packets travel as IPsec ESP (Docker's `--opt encrypted`); the UDP inside still meets INPUT after decryption. */
  encrypted: boolean;
  /** The namespace holding the tunnel's UDP socket: where the device was created (moving the device does not move it). */
  underlay: string;
  /** `dev` of the underlay, printed by `ip -d link`. */
  dev: string | null;
  fdb: VxlanFdbEntry[];
  /** ESP sequence number of the last packet sent (encrypted tunnels). */
  espSeq?: number;
}

export interface VxlanFdbEntry {
  /** 00:00:00:00:00:00 entries are the flood list for broadcast and unknown unicast. */
  mac: string;
  dst: string;
  /** Added by an administrator or a driver (`bridge fdb add … permanent`), not learned. */
  permanent: boolean;
}

/**
 * An L2 segment: a switch the NICs with `segment === name` are plugged into. Ports not listed are
 * trunks that carry every VLAN and pass untagged frames as they are, like an unmanaged switch.
 */
export interface Route {
  /** "default" or a CIDR network, e.g. "172.17.0.0/16". */
  dst: string;
  via: string | null;
  dev: string;
  src: string | null;
  proto: 'kernel' | 'static' | 'dhcp' | null;
  scope: 'link' | 'host' | null;
  metric: number | null;
}

export type Proto = 'icmp' | 'tcp' | 'udp' | 'esp';

/** A process listening on a socket. The app decides what a connection gets. */
export interface Listener {
  proto: 'tcp' | 'udp';
  /** "0.0.0.0" for any address. */
  ip: string;
  port: number;
  /** A run of sockets on port..portEnd, one app each (docker-proxy for a published range), kept as one record. */
  portEnd?: number;
  app: ListenerApp;
}

export type ListenerApp =
  /**
   * A server process of engine/apps/servers, by name (nginx, httpd, redis, busybox-httpd, nc...):
   * who runs it (its container, its PID in that container's namespace, its argv) for ss -p and ps.
   */
  | { kind: 'app'; name: string; containerId: string | null; pid: number; argv: string[]; version: string; opts?: Record<string, string> }
  | { kind: 'web-site'; site: string }
  | { kind: 'dns-server' }
  /** The LAN router's DNS: its DHCP leases (name, address), then the upstream resolver. */
  | { kind: 'dns-forwarder'; upstream: string; leases: [string, string][] }
  | { kind: 'docker-dns'; host: string; containerId: string }
  | { kind: 'docker-proxy'; proto: 'tcp' | 'udp'; targetIp: string; targetPort: number }
  | { kind: 'sshd' }
  /**
   * dockerd's swarm sockets: 2377 (managers' control plane), 7946 (gossip), and the port of each
   * service published through the routing mesh, which dockerd holds open so nothing else takes it
   * (moby libnetwork/service_linux.go plumbProxy); the mesh's DNAT takes the packets first.
   */
  | { kind: 'swarm'; clusterId: string; role: 'manager' | 'gossip' | 'ingress' }
  | { kind: 'docker-api' };

export type NsKind = 'host' | 'container' | 'router' | 'internet' | 'machine';

export interface NetNs {
  id: string;
  kind: NsKind;
  /** Host name of the machine or container (what `hostname` prints). */
  hostname: string;
  links: Link[];
  routes: Route[];
  ipForward: boolean;
  nf: Netfilter;
  listeners: Listener[];
  nextIfindex: number;
  /** Initial TTL of packets this namespace sends (64 for Linux, other values for far-away servers). */
  ttl: number;
  /** The neighbour (ARP) cache: filled as packets resolve next hops, printed by `ip neigh`. */
  neigh?: Record<string, NeighEntry>;
  /** IP virtual servers (ipvsadm): consulted at LOCAL_IN and LOCAL_OUT. */
  ipvs?: IpvsService[];
  /**
   * net.bridge.bridge-nf-call-iptables = 1 (br_netfilter loaded): IPv4 bridged between two ports
   * of a bridge in this namespace meets iptables. Docker turns it on for an ICC-disabled network
   * (or without the userland proxy), and it stays on.
   */
  bridgeNfCall?: boolean;
}

export interface NeighEntry {
  dev: string;
  mac: string;
  /** `ip neigh add … nud permanent` (Docker's overlay programs these for proxy ARP). */
  permanent?: boolean;
}

/** One IPVS virtual service: VIP:port of a protocol, or a firewall mark set in mangle. */
export interface IpvsService {
  proto: 'tcp' | 'udp' | null;
  vip: string | null;
  port: number | null;
  fwmark: number | null;
  scheduler: 'rr';
  dests: IpvsDest[];
  /** Round-robin cursor: index of the real server that takes the next connection. */
  next: number;
}

export interface IpvsDest {
  ip: string;
  /** null: the virtual port (fwmark services forward to the port the client asked for). */
  port: number | null;
  weight: number;
  /** masq = NAT (what Docker uses), route = direct routing, tunnel = IPIP. */
  fwd: 'masq' | 'route' | 'tunnel';
  /** Connections scheduled to it (ipvsadm's InActConn once they end; the lab's connections are short). */
  conns: number;
}

export type Verdict = 'ACCEPT' | 'DROP' | 'RETURN';

export interface RuleMatch {
  src?: string;
  notSrc?: boolean;
  dst?: string;
  notDst?: boolean;
  in?: string;
  notIn?: boolean;
  out?: string;
  notOut?: boolean;
  /** sctp only as a match: the lab sends no SCTP, so such a rule never matches (Docker still writes them). */
  proto?: 'tcp' | 'udp' | 'icmp' | 'esp' | 'sctp';
  dport?: number;
  /** `--sport` (tcp/udp). */
  sport?: number;
  /**
   * A run of rules kept as one record: the rule stands for one rule per port dport..dportEnd
   * (Docker writes one per published port), its DNAT port moving with it. Views print it port by
   * port (openRuns); its counters are kept per port (Rule.portCounts).
   */
  dportEnd?: number;
  dstTypeLocal?: boolean;
  /** `-m addrtype --src-type LOCAL`: the source is an address of this namespace. */
  srcTypeLocal?: boolean;
  ctstate?: string[];
  /** The states were given with `-m state --state` (printed back that way) rather than `-m conntrack --ctstate`. */
  stateModule?: boolean;
  /** `-m comment --comment TEXT`: matches everything; -L prints it between comment marks. */
  comment?: string;
  /** `-m mark --mark V`. */
  mark?: number;
  /** `-m ipvs --ipvs`: the packet was scheduled by IPVS. */
  ipvs?: boolean;
}

export interface Rule {
  match: RuleMatch;
  /** ACCEPT, DROP, RETURN, MASQUERADE, DNAT, SNAT, REDIRECT, MARK or the name of a user chain to jump to. */
  target: string;
  toDestination?: string;
  /** SNAT --to-source. */
  toSource?: string;
  /** REDIRECT --to-ports. */
  toPorts?: number;
  /** MARK --set-mark (printed as --set-xmark V/0xffffffff). */
  setMark?: number;
  /** REJECT --reject-with (icmp-port-unreachable unless told). */
  rejectWith?: string;
  /** Packets and bytes that matched (`iptables -L -v`, `iptables-save -c`). */
  pkts?: number;
  bytes?: number;
  /** A run rule's counters, by destination port: [packets, bytes]. */
  portCounts?: Record<string, [number, number]>;
  /** Written by a daemon that rebuilds it from its state; rules without it are the administrator's and stay. */
  docker?: boolean;
}

export interface Chain {
  name: string;
  /** Built-in chains have a policy; user chains do not. */
  policy: 'ACCEPT' | 'DROP' | null;
  rules: Rule[];
  /** A user chain a daemon created (dropped when the daemon no longer needs it). */
  docker?: boolean;
  /** Packets and bytes that met the policy of a built-in chain. */
  pkts?: number;
  bytes?: number;
}

export type TableName = 'filter' | 'nat' | 'raw' | 'mangle';

export interface Netfilter {
  filter: Chain[];
  nat: Chain[];
  raw: Chain[];
  /** Absent in namespaces saved before it existed; created on first use. */
  mangle?: Chain[];
}
