import type { WorldSpecInput } from './world/spec';

/**
 * The public face of the simulated world. Everything outside engine/ (the browser terminal,
 * the `npm run lab` console, tests, the checker's callers) talks to the engine through these
 * types and the functions exported from engine/index.ts, never through internals.
 */

/** Which stream a chunk of output belongs to; the terminal shows both, tests may tell them apart. */
export type Stream = 'stdout' | 'stderr';

export interface RunIO {
  /** Called for every chunk as it is produced (lines end in "\n"; the terminal converts to CRLF). */
  onOutput?: (chunk: string, stream: Stream) => void;
  /** Aborting it is Ctrl-C: a streaming command (ping without -c, an attached server) stops and prints "^C". */
  signal?: AbortSignal;
  /**
   * Answers an interactive question such as `docker network prune`'s "[y/N]" prompt.
   * Without it the question is answered with an empty line (that is, "no").
   */
  readLine?: (prompt: string) => Promise<string | null>;
  /**
   * The caller can show a continuation prompt (`> `). Then input that needs more lines (an open
   * quote, `if` without `fi`, a here-document) runs nothing and resolves with `incomplete: true`:
   * call run() again with the text so far, a newline and the next line. Without it, such input is
   * the shell's end-of-input syntax error, as in a script.
   */
  continuation?: boolean;
}

export interface RunResult {
  exitCode: number;
  /** stdout and stderr as the terminal showed them, in order. At most the last 1 MiB of it is kept
   * (an endless loop cannot grow it without bound); onOutput sees every chunk. */
  output: string;
  /** The line asked the terminal to clear its screen (`clear`, Ctrl-L). */
  clear: boolean;
  /** Only with `continuation`: the input is not complete yet and nothing ran (show `> `). */
  incomplete?: boolean;
}

export interface Completion {
  /** Candidates that complete the word under the cursor (whole words, not suffixes). */
  candidates: string[];
  /** Index in the line where the word being completed starts. */
  start: number;
}

export interface Session {
  readonly id: string;
  /** The prompt to print before the next line, e.g. "root@host1:~# " or "/ # " inside a container. */
  prompt(): string;
  /** The host the session is on (after `ssh host2` it is host2). */
  host(): string;
  /** Name of the container the session is inside, if any. */
  container(): string | null;
  run(line: string, io?: RunIO): Promise<RunResult>;
  complete(line: string, cursor?: number): Completion;
  /** Lines run in this session, oldest first (what `history` prints). */
  history(): readonly string[];
  /**
   * Ctrl-P Ctrl-Q: leaves the container's terminal without stopping it (Docker's detach keys).
   * Returns what the terminal prints ("read escape sequence"), or null outside a container.
   */
  detach(): string | null;
  /**
   * Where the session is (host, ssh hops, the container shell it is in), as JSON to save beside
   * a snapshot and pass back to `openSession` after a reload.
   */
  place(): unknown;
}

export type LabEvent =
  | { type: 'changed' }
  | { type: 'output'; sessionId: string; chunk: string; stream: Stream };

export interface LabOptions {
  /** Docker hosts on the LAN, e.g. ["host1", "host2"]: shorthand for `world: { hosts }`. Default ["host1"]. */
  hosts?: string[];
  /**
   * The whole world as data (engine/world/spec.ts, docs/world.schema.json): hosts, machines,
   * segments with VLANs, the router, the internet. Validated; a bad one makes createLab throw
   * an Error naming each bad field. Not together with `hosts`.
   */
  world?: WorldSpecInput;
  /** Seed for ids, MACs and names: the same seed and commands give the same transcript. */
  seed?: number;
  /**
   * "instant": virtual time jumps (tests, scripts). "realtime": a streaming command such as
   * `ping` waits about a real second between replies (the browser terminal).
   */
  pacing?: 'instant' | 'realtime';
}

/** A JSON-serialisable copy of the whole world. */
export interface LabSnapshot {
  format: 'docknet-lab';
  version: number;
  state: unknown;
}

export type RestoreResult = { ok: true; lab: Lab } | { ok: false; error: string };

export interface SessionOptions {
  /** Lines to seed the session's history with (a terminal restored after a reload). */
  history?: readonly string[];
  /** A `session.place()` saved earlier: the session reopens there, as far as it still exists. */
  place?: unknown;
}

/** A command line that failed with an error, as the lab remembers it for feedback. */
export interface CommandFailure {
  sessionId: string;
  /** Where it ran: the session's host (after `ssh host2`, host2) and the container shell it was in. */
  host: string;
  container: string | null;
  /** The line as typed. */
  line: string;
  /** The command as a learner names it: "docker run", "docker network create", "ip route", "iptables". */
  command: string;
  exitCode: number;
  /** Its error message, from what it wrote to stderr ("unknown flag: --alias"). */
  error: string;
}

export interface Lab {
  readonly hosts: readonly string[];
  openSession(host?: string, options?: SessionOptions): Session;
  /**
   * The last command meant to change the lab that failed (look-ups such as `ping` or `docker ps`
   * do not count), in the session given or in any; null once the same command on the same object
   * succeeded later, in any session (`docker run --name web …`, `docker network create front`).
   */
  lastFailure(sessionId?: string): CommandFailure | null;
  /** Called after every state change (container started, network created, ...). Returns an unsubscribe. */
  subscribe(listener: (event: LabEvent) => void): () => void;
  snapshot(): LabSnapshot;
  topology(): Topology;
  /**
   * "Why can't A reach B?": sends one packet from `from` to `to` (a ping, or a TCP/UDP connect to
   * `port`) on a copy of the lab, and returns the path it took, hop by hop, with the route or the
   * netfilter rule that decided at each step, and where it ended. The lab is not changed.
   */
  explainPath(request: ExplainRequest): PathExplanation;
  /**
   * The last `ping`, `curl`, `wget` or `nc` line run in a terminal (in the session given, or in
   * any), with the endpoints it names, ready for `explainPath`; null before there is one.
   */
  lastProbe(sessionId?: string): ProbeCommand | null;
}

/**
 * A path to explain. Endpoints as the goal language names them: `c1`, `c1@host2` (a container),
 * `host1` (a Docker host's own stack), `laptop` (a LAN machine), `service:web` (its first running
 * task); `to` may also be an IPv4 address or any name the source can resolve.
 */
export interface ExplainRequest {
  from: string;
  to: string;
  /** TCP or UDP port; with a port the protocol defaults to TCP. */
  port?: number;
  /** Default: `icmp` (a ping) without a port, `tcp` with one. */
  proto?: 'icmp' | 'tcp' | 'udp';
  /**
   * `name` (default): `to` is resolved the way a process in `from` resolves it (its /etc/hosts,
   * its resolv.conf, Docker's embedded DNS). `address`: the target's own address, preferring one
   * on a network the source shares with it.
   */
  by?: 'name' | 'address';
}

export type PathVerdict = 'delivered' | 'dropped' | 'no-route' | 'refused' | 'no-name';

/** A netfilter rule (or a chain's policy) that decided a packet's fate. */
export interface ExplainRule {
  table: 'raw' | 'mangle' | 'nat' | 'filter';
  /** The chain of the deciding rule (DOCKER-ISOLATION-STAGE-2), or the built-in chain of a policy. */
  chain: string;
  /** The built-in chain the packet entered (FORWARD, INPUT, ...). */
  hook: string;
  verdict: 'ACCEPT' | 'DROP';
  /** The chain's policy decided, not a rule. */
  policy: boolean;
  /** 1-based position in its chain (`iptables -L --line-numbers`); 0 for a policy. */
  index: number;
  /** As `iptables -t TABLE -S` prints it: `-A DOCKER-ISOLATION-STAGE-2 -o br-1a2b -j DROP`, `-P FORWARD DROP`. */
  text: string;
}

export interface ExplainHop {
  /**
   * resolve: the name was looked up; out: routed out of `device`; in: arrived on `device`;
   * forward: routed from `device` to `to`; bridge: bridged from port `device` to port `to`;
   * local: accepted for a local socket; loopback: to one of its own addresses; encap/decap: into
   * or out of a tunnel (VXLAN); ipvs: sent to a real server; proxy: docker-proxy opened its own
   * connection; drop: lost here; refused: arrived where nothing listens.
   */
  step: 'resolve' | 'loopback' | 'out' | 'in' | 'forward' | 'local' | 'bridge' | 'switch' | 'encap' | 'decap' | 'ipvs' | 'proxy' | 'drop' | 'refused';
  /** The request (`there`) or the answer coming back (`back`). */
  direction: 'there' | 'back';
  /** A hop of a tunnel's outer packet (the VXLAN underlay between VTEPs). */
  underlay: boolean;
  /** The machine: a Docker host (host1), a LAN machine (laptop), `router`, `internet`. */
  host: string;
  nsKind: 'host' | 'container' | 'machine' | 'router' | 'internet' | 'other';
  /** The namespace as a learner names it: "host1", "container web", "container api on host2", "laptop". */
  namespace: string;
  container: { id: string; name: string } | null;
  device: string | null;
  to: string | null;
  /** The route that decided, as `ip route` prints it: "default via 172.18.0.1 dev eth0". */
  route: string | null;
  rule: ExplainRule | null;
  /** The hop in words. */
  text: string;
}

export interface PathExplanation {
  verdict: PathVerdict;
  /** The request as understood: endpoints, the address `to` resolved to, protocol and port. */
  from: string;
  to: string;
  address: string | null;
  proto: 'icmp' | 'tcp' | 'udp';
  port: number | null;
  hops: ExplainHop[];
  /** One sentence: what happened and what decided it. */
  reason: string;
}

/** A probe typed in a terminal, as `explainPath` takes it (`from`: where it ran). */
export interface ProbeCommand extends ExplainRequest {
  sessionId: string;
  line: string;
  /** ping, curl, wget, nc. */
  command: string;
}

/** A view model of the world for the topology picture and its text twin. Plain data. */
export interface Topology {
  /** `machines`: the other computers on the LAN (a laptop), not Docker hosts. */
  lan: { subnet: string; gateway: string; machines: TopologyMachine[] };
  hosts: TopologyHost[];
  /** Swarm clusters of the lab: their overlay networks (with the VXLAN tunnels between nodes) and services. */
  swarms: TopologySwarm[];
}

export interface TopologySwarm {
  id: string;
  /** Hosts that are nodes of it, managers first. */
  nodes: { host: string; role: 'manager' | 'worker'; leader: boolean; availability: 'active' | 'pause' | 'drain' }[];
  overlays: TopologyOverlay[];
  services: TopologyService[];
}

export interface TopologyOverlay {
  id: string;
  name: string;
  subnet: string;
  vni: number;
  ingress: boolean;
  attachable: boolean;
  encrypted: boolean;
  /** Hosts where the network is instantiated (a task or an attachable container uses it). */
  hosts: string[];
  /** VXLAN tunnels between the VTEPs (node LAN addresses) of those hosts, one per pair. */
  tunnels: { a: string; b: string; aAddr: string; bAddr: string }[];
}

export interface TopologyService {
  id: string;
  name: string;
  image: string;
  mode: 'replicated' | 'global';
  replicas: number | null;
  endpointMode: 'vip' | 'dnsrr';
  ports: { published: number; target: number; protocol: 'tcp' | 'udp'; mode: 'ingress' | 'host' }[];
  networks: string[];
  tasks: { name: string; host: string; state: string; container: string | null }[];
}

export interface TopologyMachine {
  name: string;
  address: string;
  /** Where its eth0 plugs in: the switch (segment) and the VLAN its untagged frames belong to (null: the untagged LAN). */
  segment: string | null;
  vlan: number | null;
}

export interface TopologyHost {
  name: string;
  /** The host's LAN address on eth0. */
  address: string;
  swarm: 'inactive' | 'manager' | 'worker';
  /** Where its eth0 plugs in: the switch (segment) and the VLAN its untagged frames belong to (null: the untagged LAN). */
  segment: string | null;
  vlan: number | null;
  networks: TopologyNetwork[];
  containers: TopologyContainer[];
}

export interface TopologyNetwork {
  id: string;
  name: string;
  driver: string;
  scope: 'local' | 'swarm';
  /** Linux device carrying it on the host: docker0, br-1a2b3c4d5e6f, eth0.10, ... (null for host/none). */
  device: string | null;
  subnet: string | null;
  gateway: string | null;
  internal: boolean;
  /** macvlan/ipvlan: the parent device its children stack on (eth0, eth0.10, a dm-/di- dummy); null for other drivers. */
  parent: string | null;
  /** macvlan/ipvlan: the driver's mode in effect (bridge, private, vepa, passthru; l2, l3, l3s); null for other drivers. */
  mode: string | null;
  /**
   * macvlan/ipvlan: the switch the children's frames go out on (null: a dummy parent, no wire) and
   * the VLAN they belong to there (the parent's 802.1q tag, else the port's access VLAN; null: the
   * untagged LAN). Children are machines of that segment and VLAN, not behind a bridge.
   */
  segment: string | null;
  vlan: number | null;
}

export interface TopologyEndpoint {
  networkId: string;
  networkName: string;
  /** Interface inside the container (eth0, eth1...). */
  iface: string;
  /** Host-side veth, for bridge networks. */
  hostVeth: string | null;
  ipv4: string | null;
  /** The interface's MAC (an ipvlan child wears its parent's, which inspect does not show). */
  mac: string | null;
  aliases: string[];
  /**
   * macvlan/ipvlan children: the switch and VLAN the interface sits on, like a machine of that LAN
   * (the network's segment and vlan); null for endpoints behind a bridge or a tunnel.
   */
  segment: string | null;
  vlan: number | null;
}

export interface TopologyPort {
  hostIp: string;
  hostPort: number;
  containerPort: number;
  protocol: 'tcp' | 'udp';
  /** A published range is one entry: host ports hostPort.. to container ports containerPort.., `count` of them (1 when absent). */
  count?: number;
}

export interface TopologyContainer {
  id: string;
  name: string;
  image: string;
  state: 'created' | 'running' | 'paused' | 'restarting' | 'exited' | 'dead';
  /** "bridge", "host", "none", "container:<name>", or a user network name. */
  networkMode: string;
  endpoints: TopologyEndpoint[];
  ports: TopologyPort[];
}
