import { tcpConnect } from '../../apps/http';
import { err, ok, type DResult } from '../api';
import { dockerAppEnv } from '../daemon/app-env';
import type { NodeAvailability, SwarmCluster, SwarmNode } from '../types';
import type { DockerWorld } from '../world';
import { hostByName, setRole, SWARM_PORT, touchNode } from './cluster';

/** `docker node …` on a manager: status from heartbeats over the LAN, promote, demote, drain, rm. */

const rpc = (code: string, desc: string) => `rpc error: code = ${code} desc = ${desc}`;

/** Docker's node lookup: full id, then hostname, then unique id prefix. */
export function findNode(cluster: SwarmCluster, ref: string): DResult<SwarmNode> {
  const all = Object.values(cluster.nodes);
  const byId = Object.hasOwn(cluster.nodes, ref) ? cluster.nodes[ref] : undefined;
  if (byId) return ok(byId);
  const byName = all.filter((n) => n.host === ref && !n.left);
  if (byName.length === 1) return ok(byName[0]!);
  const byNameAny = all.filter((n) => n.host === ref);
  if (byNameAny.length === 1) return ok(byNameAny[0]!);
  const byPrefix = all.filter((n) => n.id.startsWith(ref));
  if (byPrefix.length === 1) return ok(byPrefix[0]!);
  if (byPrefix.length > 1 || byName.length > 1) return err(`node ${ref} is ambiguous (${Math.max(byPrefix.length, byName.length)} matches found)`);
  return err(`node ${ref} not found`);
}

/**
 * A node is Ready while its heartbeats reach a manager: a TCP connection from the node to the
 * leader's 2377 through the walk. A firewall dropping 2377 makes it Down, as on real hosts.
 */
export function nodeReady(world: DockerWorld, cluster: SwarmCluster, node: SwarmNode): boolean {
  if (node.left) return false;
  const host = hostByName(world, node.host);
  if (!host || host.docker.swarm?.nodeId !== node.id) return false;
  const leader = Object.values(cluster.nodes).find((n) => n.leader && !n.left);
  if (!leader || leader.id === node.id) return true;
  const r = tcpConnect(dockerAppEnv(world), world.netns[host.nsId]!, leader.addr, SWARM_PORT);
  return r.ok;
}

export function managerStatus(world: DockerWorld, cluster: SwarmCluster, node: SwarmNode): '' | 'Leader' | 'Reachable' | 'Unreachable' {
  if (node.role !== 'manager') return '';
  if (node.leader) return 'Leader';
  return nodeReady(world, cluster, node) ? 'Reachable' : 'Unreachable';
}

export function promote(world: DockerWorld, node: SwarmNode): DResult<'promoted' | 'already'> {
  if (node.role === 'manager') return ok('already');
  setRole(world, node, 'manager');
  return ok('promoted');
}

export function demote(world: DockerWorld, cluster: SwarmCluster, node: SwarmNode): DResult<'demoted' | 'already'> {
  if (node.role === 'worker') return ok('already');
  const managers = Object.values(cluster.nodes).filter((n) => n.role === 'manager' && !n.left);
  if (managers.length <= 1) return err(rpc('FailedPrecondition', 'attempting to demote the last manager of the swarm'));
  const wasLeader = node.leader;
  setRole(world, node, 'worker');
  if (wasLeader) {
    const next = managers.find((n) => n !== node);
    if (next) next.leader = true;
  }
  return ok('demoted');
}

export function setAvailability(world: DockerWorld, node: SwarmNode, availability: NodeAvailability): void {
  node.availability = availability;
  touchNode(world, node);
}

/** --label-add / --label-rm: a fresh record, so a key such as "__proto__" is just a key. */
export function setNodeLabels(world: DockerWorld, node: SwarmNode, add: Record<string, string>, rm: readonly string[]): void {
  const kept = Object.entries(node.labels).filter(([k]) => !rm.includes(k) && !Object.hasOwn(add, k));
  node.labels = Object.fromEntries([...kept, ...Object.entries(add)]);
  touchNode(world, node);
}

/** `docker node rm [--force]`: only a Down worker goes without --force (swarmkit controlapi/node.go). */
export function removeNode(world: DockerWorld, cluster: SwarmCluster, node: SwarmNode, force: boolean): DResult<null> {
  if (node.role === 'manager' && !node.left) {
    return err(rpc('FailedPrecondition', `node ${node.id} is a cluster manager and is a member of the raft cluster. It must be demoted to worker before removal`));
  }
  if (!force && nodeReady(world, cluster, node)) return err(rpc('FailedPrecondition', `node ${node.id} is not down and can't be removed`));
  delete cluster.nodes[node.id];
  const host = hostByName(world, node.host);
  // A forced removal of a live node throws it out of the swarm.
  if (host?.docker.swarm?.nodeId === node.id) host.docker.swarm = null;
  world.revision++;
  return ok(null);
}
