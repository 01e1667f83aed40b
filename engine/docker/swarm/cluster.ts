import { tcpConnect } from '../../apps/http';
import type { NetNs } from '../../kernel/types';
import { ERR_NO_MANAGER, ERR_NOT_MANAGER, err, ok, type DResult } from '../api';
import { dockerAppEnv } from '../daemon/app-env';
import type { HostState, DockerWorld } from '../world';
import { DEFAULT_SWARM_SETTINGS, type NodeAvailability, type NodeRole, type SwarmCluster, type SwarmNode, type SwarmSettings } from '../types';
import { randomHex } from '../../util/rng';
import { base36, joinToken, parseJoinToken } from './ids';
import { createOverlay } from './overlays';

/**
 * The swarm's control plane: init, join, leave, join tokens and node roles. The managers' Raft
 * store is one record per cluster in the world (`world.swarms`); a daemon knows its membership.
 * Joining is a TCP connection to a manager's 2377 through the packet walk, so a firewall that
 * drops it makes the join fail the way it does on real hosts.
 */

export const SWARM_PORT = 2377;
export const GOSSIP_PORT = 7946;
export const DATA_PORT = 4789;

export const ERR_NO_SWARM = 'This node is not part of a swarm';
export const ERR_SWARM_EXISTS = 'This node is already part of a swarm. Use "docker swarm leave" to leave this swarm and join another one.';
const ERR_JOIN_TIMEOUT = 'Timeout was reached before node joined. The attempt to join the swarm will continue in the background. Use the "docker info" command to see the current swarm status of your node.';

export interface Membership {
  cluster: SwarmCluster;
  node: SwarmNode;
  host: HostState;
}

function swarms(world: DockerWorld): Record<string, SwarmCluster> {
  return (world.swarms ??= {});
}

export function hostByName(world: DockerWorld, name: string): HostState | null {
  return Object.hasOwn(world.hosts, name) ? world.hosts[name]! : null;
}

/** The cluster and node record of a host, or null when its daemon is in no swarm. */
export function membershipOf(world: DockerWorld, hostName: string): Membership | null {
  const host = hostByName(world, hostName);
  const m = host?.docker.swarm;
  if (!host || !m) return null;
  const cluster = world.swarms && Object.hasOwn(world.swarms, m.clusterId) ? world.swarms[m.clusterId]! : undefined;
  const node = cluster && Object.hasOwn(cluster.nodes, m.nodeId) ? cluster.nodes[m.nodeId]! : undefined;
  return cluster && node ? { cluster, node, host } : null;
}

/** A manager's view, or Docker's error for a worker or a node outside any swarm. */
export function managerOf(world: DockerWorld, hostName: string): DResult<Membership> {
  const m = membershipOf(world, hostName);
  if (!m) return err(ERR_NO_MANAGER);
  if (m.node.role !== 'manager') return err(ERR_NOT_MANAGER);
  return ok(m);
}

function hostNs(world: DockerWorld, host: HostState): NetNs {
  return world.netns[host.nsId]!;
}

/**
 * The address Docker advertises when none is given: the one global IPv4 address of the host's
 * physical ("device") interfaces that are up (moby daemon/cluster/listen_addr_linux.go).
 */
function systemAddr(world: DockerWorld, host: HostState): DResult<string> {
  const found: { dev: string; ip: string }[] = [];
  for (const link of hostNs(world, host).links) {
    if (link.kind !== 'ether' || !link.up) continue;
    const v4 = link.addrs.filter((a) => a.scope === 'global' && !a.ip.includes(':'));
    if (v4.length > 1) return err(`could not choose an IP address to advertise since this system has multiple addresses on interface ${link.name} (${v4[0]!.ip} and ${v4[1]!.ip})`);
    if (v4[0]) found.push({ dev: link.name, ip: v4[0].ip });
  }
  if (found.length > 1) {
    return err(`could not choose an IP address to advertise since this system has multiple addresses on different interfaces (${found[0]!.ip} on ${found[0]!.dev} and ${found[1]!.ip} on ${found[1]!.dev})`);
  }
  if (!found[0]) return err("could not find the system's IP address");
  return ok(found[0].ip);
}

/** --advertise-addr: an IP, an interface name, either with an optional port. */
function resolveAdvertise(world: DockerWorld, host: HostState, given: string | null): DResult<string> {
  if (!given) return systemAddr(world, host);
  const bare = given.replace(/:\d+$/, '');
  if (/^\d+\.\d+\.\d+\.\d+$/.test(bare) && bare !== '0.0.0.0') return ok(bare);
  const link = hostNs(world, host).links.find((l) => l.name === bare);
  const a = link?.addrs.find((x) => x.scope === 'global' && !x.ip.includes(':'));
  if (a) return ok(a.ip);
  return err('advertise address must be a non-zero IP address or network interface (with optional port number)');
}

function swarmListeners(world: DockerWorld, host: HostState, clusterId: string, manager: boolean): void {
  const ns = hostNs(world, host);
  ns.listeners = ns.listeners.filter((l) => l.app.kind !== 'swarm');
  if (manager) ns.listeners.push({ proto: 'tcp', ip: '0.0.0.0', port: SWARM_PORT, app: { kind: 'swarm', clusterId, role: 'manager' } });
  ns.listeners.push(
    { proto: 'tcp', ip: '0.0.0.0', port: GOSSIP_PORT, app: { kind: 'swarm', clusterId, role: 'gossip' } },
    { proto: 'udp', ip: '0.0.0.0', port: GOSSIP_PORT, app: { kind: 'swarm', clusterId, role: 'gossip' } },
  );
}

function newNode(world: DockerWorld, host: HostState, addr: string, role: NodeRole, availability: NodeAvailability): SwarmNode {
  return { id: base36(world.rng, 25), host: host.name, addr, role, availability, left: false, leader: false, created: world.clock, updated: world.clock, version: 1, labels: {}, peerName: randomHex(world.rng, 12) };
}

export interface InitOptions {
  advertiseAddr: string | null;
  availability: NodeAvailability;
  defaultAddrPool: string;
  subnetSize: number;
  dataPathPort: number;
  settings?: Partial<SwarmSettings>;
}

/** The cluster's spec, swarmkit's defaults where it was never set. */
export function settingsOf(cluster: SwarmCluster): SwarmSettings {
  return cluster.settings ?? DEFAULT_SWARM_SETTINGS;
}

/** A change to a node's spec bumps its version, as the store does on every write. */
export function touchNode(world: DockerWorld, node: SwarmNode): void {
  node.updated = world.clock;
  node.version = (node.version ?? 1) + 1;
  world.revision++;
}

export function swarmInit(world: DockerWorld, hostName: string, opts: InitOptions): DResult<Membership> {
  const host = hostByName(world, hostName);
  if (!host) return err(ERR_NO_SWARM);
  if (host.docker.swarm) return err(ERR_SWARM_EXISTS);
  const addr = resolveAdvertise(world, host, opts.advertiseAddr);
  if (!addr.ok) return addr;
  const cluster: SwarmCluster = {
    id: base36(world.rng, 25),
    created: world.clock,
    caHash: base36(world.rng, 50),
    workerSecret: base36(world.rng, 25),
    managerSecret: base36(world.rng, 25),
    nodes: {},
    networks: {},
    services: {},
    tasks: {},
    nextVni: 4096,
    defaultAddrPool: opts.defaultAddrPool,
    subnetSize: opts.subnetSize,
    dataPathPort: opts.dataPathPort,
    settings: { ...DEFAULT_SWARM_SETTINGS, ...opts.settings },
  };
  const node = newNode(world, host, addr.value, 'manager', opts.availability);
  node.leader = true;
  cluster.nodes[node.id] = node;
  swarms(world)[cluster.id] = cluster;
  // The routing mesh's network comes first: 10.0.0.0/24, VNI 4096 (swarmkit allocates it at init).
  createOverlay(world, cluster, { name: 'ingress', subnet: null, gateway: null, attachable: false, ingress: true, internal: false, labels: {}, options: {} });
  host.docker.swarm = { clusterId: cluster.id, nodeId: node.id };
  swarmListeners(world, host, cluster.id, true);
  world.revision++;
  return ok({ cluster, node, host });
}

export function tokenFor(cluster: SwarmCluster, role: NodeRole): string {
  return joinToken(cluster.caHash, role === 'manager' ? cluster.managerSecret : cluster.workerSecret);
}

export function rotateToken(world: DockerWorld, cluster: SwarmCluster, role: NodeRole): void {
  if (role === 'manager') cluster.managerSecret = base36(world.rng, 25);
  else cluster.workerSecret = base36(world.rng, 25);
  world.revision++;
}

/** The address managers listen on for joins, as `docker swarm join-token` prints it. */
export function managerAddr(node: SwarmNode): string {
  return `${node.addr}:${SWARM_PORT}`;
}

export interface JoinOutcome {
  membership: Membership | null;
  /** Lab time the attempt took (a dropped SYN waits out the 20 s join timeout). */
  waitedMs: number;
}

/** `docker swarm join --token T ADDR[:2377]`: a TCP connection to the manager, then the token check. */
export function swarmJoin(world: DockerWorld, hostName: string, token: string, remote: string, advertise: string | null, availability: NodeAvailability = 'active'): DResult<JoinOutcome> {
  const host = hostByName(world, hostName);
  if (!host) return err(ERR_NO_SWARM);
  if (host.docker.swarm) return err(ERR_SWARM_EXISTS);
  const parsed = parseJoinToken(token);
  if (!parsed) return err('invalid join token');
  const m = /^(\d+\.\d+\.\d+\.\d+)(?::(\d+))?$/.exec(remote);
  if (!m) return err(`invalid remoteAddr "${remote}": address ${remote}: missing port in address`);
  const ip = m[1]!;
  const port = Number(m[2] ?? SWARM_PORT);
  const addr = resolveAdvertise(world, host, advertise);
  if (!addr.ok) return addr;
  const conn = tcpConnect(dockerAppEnv(world), hostNs(world, host), ip, port);
  if (!conn.ok) {
    if (conn.reason === 'refused') {
      return err(`rpc error: code = Unavailable desc = connection error: desc = "transport: Error while dialing: dial tcp ${ip}:${port}: connect: connection refused"`);
    }
    return ok({ membership: null, waitedMs: 20_000 });
  }
  const listener = conn.arrived.ns.listeners.find((l) => l.proto === 'tcp' && l.port === port && l.app.kind === 'swarm');
  if (!listener || listener.app.kind !== 'swarm' || listener.app.role !== 'manager') {
    return err(`rpc error: code = Unavailable desc = connection error: desc = "transport: Error while dialing: dial tcp ${ip}:${port}: connect: connection refused"`);
  }
  const cluster = world.swarms?.[listener.app.clusterId];
  if (!cluster || parsed.caHash !== cluster.caHash) return err('rpc error: code = InvalidArgument desc = A valid join token is necessary to join this cluster');
  const role: NodeRole | null = parsed.secret === cluster.managerSecret ? 'manager' : parsed.secret === cluster.workerSecret ? 'worker' : null;
  if (!role) return err('rpc error: code = InvalidArgument desc = A valid join token is necessary to join this cluster');
  // A node that left and joins again is a new node; the old record stays Down until `docker node rm`.
  const node = newNode(world, host, addr.value, role, availability);
  cluster.nodes[node.id] = node;
  host.docker.swarm = { clusterId: cluster.id, nodeId: node.id };
  swarmListeners(world, host, cluster.id, role === 'manager');
  world.revision++;
  return ok({ membership: { cluster, node, host }, waitedMs: 0 });
}

export const JOIN_TIMEOUT_TEXT = ERR_JOIN_TIMEOUT;

function managers(cluster: SwarmCluster): SwarmNode[] {
  return Object.values(cluster.nodes).filter((n) => n.role === 'manager' && !n.left);
}

/** `docker swarm leave [--force]`, with Docker's refusals for managers (moby daemon/cluster/swarm.go Leave). */
export function swarmLeave(world: DockerWorld, hostName: string, force: boolean): DResult<Membership> {
  const m = membershipOf(world, hostName);
  if (!m) return err(ERR_NO_SWARM);
  if (m.node.role === 'manager' && !force) {
    let msg = 'You are attempting to leave the swarm on a node that is participating as a manager. ';
    const reachable = managers(m.cluster).length;
    const unreachable = 0;
    if (reachable - 2 <= unreachable) {
      if (reachable === 1 && unreachable === 0) {
        msg += 'Removing the last manager erases all current state of the swarm. Use `--force` to ignore this message. ';
        return err(msg);
      }
      msg += `Removing this node leaves ${reachable - 1} managers out of ${reachable + unreachable}. Without a Raft quorum your swarm will be inaccessible. `;
    }
    msg += 'The only way to restore a swarm that has lost consensus is to reinitialize it with `--force-new-cluster`. Use `--force` to suppress this message.';
    return err(msg);
  }
  m.node.left = true;
  if (m.node.leader) {
    m.node.leader = false;
    const next = managers(m.cluster)[0];
    if (next) next.leader = true;
  }
  m.host.docker.swarm = null;
  const ns = hostNs(world, m.host);
  ns.listeners = ns.listeners.filter((l) => l.app.kind !== 'swarm');
  // The last manager gone, the cluster's state is gone with it.
  if (managers(m.cluster).length === 0 && world.swarms) delete world.swarms[m.cluster.id];
  world.revision++;
  return ok(m);
}

export function setRole(world: DockerWorld, node: SwarmNode, role: NodeRole): void {
  node.role = role;
  const host = hostByName(world, node.host);
  if (host?.docker.swarm?.nodeId === node.id) swarmListeners(world, host, host.docker.swarm.clusterId, role === 'manager');
  if (role === 'worker') node.leader = false;
  touchNode(world, node);
}
