/**
 * The Linux network model as plain data (it lives inside the lab state and is snapshotted as JSON).
 * Names follow the kernel's: namespaces hold links, addresses, routes and netfilter tables.
 */

export type LinkKind = 'loopback' | 'ether' | 'veth' | 'bridge' | 'macvlan' | 'vlan' | 'vxlan' | 'dummy';

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
  /** Bridges: forward between their own ports (false when ICC is disabled: Docker drops it in iptables instead). */
  qlen: number | null;
}

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

export type Proto = 'icmp' | 'tcp' | 'udp';

/** A process listening on a socket. The app decides what a connection gets. */
export interface Listener {
  proto: 'tcp' | 'udp';
  /** "0.0.0.0" for any address. */
  ip: string;
  port: number;
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
  /** dockerd's swarm sockets: 2377 (managers' control plane), 7946 (gossip). */
  | { kind: 'swarm'; clusterId: string; role: 'manager' | 'gossip' }
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
  neigh?: Record<string, { dev: string; mac: string }>;
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
  proto?: 'tcp' | 'udp' | 'icmp';
  dport?: number;
  dstTypeLocal?: boolean;
  ctstate?: string[];
}

export interface Rule {
  match: RuleMatch;
  /** ACCEPT, DROP, RETURN, MASQUERADE, DNAT or the name of a user chain to jump to. */
  target: string;
  toDestination?: string;
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
}

export type TableName = 'filter' | 'nat' | 'raw' | 'mangle';

export interface Netfilter {
  filter: Chain[];
  nat: Chain[];
  raw: Chain[];
}
