import type { Scheduler } from '../../kernel/scheduler';
import {
  err,
  ok,
  type DResult,
  type EngineApi,
  type NetworkCreateSpec,
  type NodeView,
  type ProcessHost,
  type ServiceLogs,
  type SwarmInfo,
  type SwarmInitOptions,
  type TaskView,
} from '../api';
import { Daemon } from '../daemon/daemon';
import { localCreateProblem } from '../daemon/networks';
import { DEFAULT_SWARM_SETTINGS, type NetworkRec, type NodeAvailability, type NodeRole, type ServiceSpec, type SwarmNetwork, type SwarmService, type SwarmSettings } from '../types';
import type { DockerWorld } from '../world';
import {
  managerAddr,
  managerOf,
  membershipOf,
  rotateToken,
  settingsOf,
  swarmInit,
  swarmJoin,
  swarmLeave,
  tokenFor,
  type Membership,
} from './cluster';
import { clusterProvider } from './attach';
import { refreshGossip } from './gossip';
import { gcInstances, leaveNetworks } from './instances';
import { clusterNetwork, clusterOnlyNetworks, createSwarmNetwork, removeSwarmNetwork, swarmNetworkJson } from './network-routes';
import { nodeInspect } from './node-inspect';
import { demote, findNode, managerStatus, nodeReady, promote, removeNode, setAvailability, setNodeLabels } from './nodes';
import { reconcileAll, taskName, type SwarmHostAccess } from './orchestrator';
import { liveTask } from './scheduler';
import { serviceLogs } from './service-logs';
import { createService, findService, lookupService, removeService, resolveServiceNetworks, rollbackService, updateService } from './services';

/**
 * A host's Engine API: its daemon, with the swarm's routes on top, as the real API server
 * routes /swarm, /nodes and /services to the cluster component. Managers answer for the cluster;
 * workers and standalone daemons give Docker's refusals.
 */
export class Engine extends Daemon implements EngineApi {
  constructor(
    private readonly world: DockerWorld,
    hostName: string,
    sched: Scheduler,
    processes: ProcessHost,
    private readonly access: SwarmHostAccess,
  ) {
    super(world, hostName, sched, processes);
    this.ctx.cluster = clusterProvider(world, hostName);
  }

  private manager(): DResult<Membership> {
    return managerOf(this.world, this.hostName);
  }

  async reconcile(): Promise<void> {
    reconcileAll(this.access);
    await this.settle();
  }

  swarmInit(opts: SwarmInitOptions): DResult<{ nodeId: string }> {
    const r = swarmInit(this.world, this.hostName, opts);
    if (!r.ok) return r;
    this.ensureGatewayBridge();
    this.joinedNetworks(r.value);
    return ok({ nodeId: r.value.node.id });
  }

  swarmJoin(token: string, remote: string, advertise: string | null, availability: NodeAvailability = 'active'): DResult<{ role: NodeRole } | { timedOut: true }> {
    const r = swarmJoin(this.world, this.hostName, token, remote, advertise, availability);
    if (!r.ok) return r;
    const m = r.value.membership;
    if (!m) return ok({ timedOut: true as const });
    this.ensureGatewayBridge();
    this.joinedNetworks(m);
    return ok({ role: m.node.role });
  }

  /** A node that joined gets ingress, its ingress sandbox, and starts gossiping. */
  private joinedNetworks(m: Membership): void {
    gcInstances(this.world, this.hostName);
    refreshGossip(this.world, m.cluster);
  }

  /**
   * docker_gwbridge: the local bridge that gives containers on overlays their way out (eth1),
   * created when the node joins a swarm (libnetwork default_gateway_linux.go). It stays after a leave.
   */
  private ensureGatewayBridge(): void {
    if (this.networks().some((n) => n.name === 'docker_gwbridge')) return;
    this.networkCreate({
      name: 'docker_gwbridge',
      driver: 'bridge',
      ipam: [],
      internal: false,
      attachable: false,
      ipv6: false,
      ipv4: true,
      options: {
        'com.docker.network.bridge.enable_icc': 'false',
        'com.docker.network.bridge.enable_ip_masquerade': 'true',
        'com.docker.network.bridge.name': 'docker_gwbridge',
      },
      labels: {},
      scope: null,
      ingress: false,
    });
  }

  swarmLeave(force: boolean): DResult<null> {
    const m = membershipOf(this.world, this.hostName);
    const r = swarmLeave(this.world, this.hostName, force);
    if (!r.ok) return r;
    // Leaving removes the node's task containers (moby daemon/cluster/swarm.go Leave), disconnects
    // containers from attachable networks and releases ingress (daemon.go DaemonLeavesCluster).
    if (m) {
      for (const c of this.containers()) {
        if (c.config.labels['com.docker.swarm.node.id'] === m.node.id) this.containerRemove(c, true);
      }
      for (const c of this.containers()) {
        for (const ep of [...c.endpoints]) {
          const net = this.networkById(ep.networkId);
          if (net?.scope === 'swarm' && !ep.sandboxGateway) this.networkDisconnect(net, c);
        }
      }
      leaveNetworks(this.world, this.hostName, m.cluster, m.node);
      if (this.world.swarms && Object.hasOwn(this.world.swarms, m.cluster.id)) refreshGossip(this.world, m.cluster);
    }
    return ok(null);
  }

  swarmJoinToken(role: NodeRole, rotate: boolean): DResult<{ token: string; managerAddr: string }> {
    const m = this.manager();
    if (!m.ok) return m;
    if (rotate) rotateToken(this.world, m.value.cluster, role);
    return ok({ token: tokenFor(m.value.cluster, role), managerAddr: managerAddr(m.value.node) });
  }

  swarmInfo(): SwarmInfo {
    const m = membershipOf(this.world, this.hostName);
    if (!m) {
      return {
        state: 'inactive', nodeId: '', nodeAddr: '', isManager: false, clusterId: '', managers: 0, nodes: 0, defaultAddrPool: '', subnetSize: 0, dataPathPort: 0,
        managerAddrs: [], settings: DEFAULT_SWARM_SETTINGS, clusterCreated: 0, clusterUpdated: 0,
      };
    }
    const nodes = Object.values(m.cluster.nodes).filter((n) => !n.left);
    const managers = nodes.filter((n) => n.role === 'manager');
    return {
      state: 'active',
      nodeId: m.node.id,
      nodeAddr: m.node.addr,
      isManager: m.node.role === 'manager',
      clusterId: m.cluster.id,
      managers: managers.length,
      nodes: nodes.length,
      defaultAddrPool: m.cluster.defaultAddrPool,
      subnetSize: m.cluster.subnetSize,
      dataPathPort: m.cluster.dataPathPort,
      managerAddrs: managers.map(managerAddr),
      settings: settingsOf(m.cluster),
      clusterCreated: m.cluster.created,
      clusterUpdated: m.cluster.updated ?? m.cluster.created,
    };
  }

  swarmUpdate(change: Partial<SwarmSettings>): DResult<null> {
    const m = this.manager();
    if (!m.ok) return m;
    m.value.cluster.settings = { ...settingsOf(m.value.cluster), ...change };
    m.value.cluster.updated = this.world.clock;
    this.world.revision++;
    return ok(null);
  }

  private view(m: Membership, n: SwarmNode): NodeView {
    return { node: n, self: n.id === m.node.id, status: nodeReady(this.world, m.cluster, n) ? 'Ready' : 'Down', managerStatus: managerStatus(this.world, m.cluster, n) };
  }

  nodes(): DResult<NodeView[]> {
    const m = this.manager();
    if (!m.ok) return m;
    return ok(Object.values(m.value.cluster.nodes).map((n) => this.view(m.value, n)));
  }

  node(ref: string): DResult<NodeView> {
    const m = this.manager();
    if (!m.ok) return m;
    const n = findNode(m.value.cluster, ref === 'self' ? m.value.node.id : ref);
    return n.ok ? ok(this.view(m.value, n.value)) : n;
  }

  nodeSetRole(ref: string, role: NodeRole): DResult<'changed' | 'already'> {
    const m = this.manager();
    if (!m.ok) return m;
    const n = findNode(m.value.cluster, ref);
    if (!n.ok) return n;
    const r = role === 'manager' ? promote(this.world, n.value) : demote(this.world, m.value.cluster, n.value);
    if (!r.ok) return r;
    return ok(r.value === 'already' ? 'already' : 'changed');
  }

  nodeUpdate(ref: string, change: { availability?: NodeAvailability; labelAdd?: Record<string, string>; labelRm?: string[] }): DResult<null> {
    const m = this.manager();
    if (!m.ok) return m;
    const n = findNode(m.value.cluster, ref);
    if (!n.ok) return n;
    if (change.availability) setAvailability(this.world, n.value, change.availability);
    if (change.labelAdd || change.labelRm) setNodeLabels(this.world, n.value, change.labelAdd ?? {}, change.labelRm ?? []);
    return ok(null);
  }

  nodeInspect(view: NodeView): unknown {
    const m = membershipOf(this.world, this.hostName);
    return m ? nodeInspect(m.cluster, view) : null;
  }

  nodeRemove(ref: string, force: boolean): DResult<null> {
    const m = this.manager();
    if (!m.ok) return m;
    const n = findNode(m.value.cluster, ref);
    if (!n.ok) return n;
    return removeNode(this.world, m.value.cluster, n.value, force);
  }

  // ---------------------------------------------------------------- networks, merged with the swarm's

  override networks(): NetworkRec[] {
    const local = super.networks();
    return [...local, ...clusterOnlyNetworks(this.world, this.hostName, local)];
  }

  override network(ref: string): DResult<NetworkRec> {
    const local = super.network(ref);
    if (local.ok || !local.error.endsWith('not found')) return local;
    const remote = clusterNetwork(this.world, this.hostName, ref);
    return remote ? ok(remote) : local;
  }

  override networkCreate(spec: NetworkCreateSpec): DResult<NetworkRec> {
    // A worker or a standalone daemon answers with its own checks and the "not a manager" text.
    if (spec.driver !== 'overlay' || !managerOf(this.world, this.hostName).ok) return super.networkCreate(spec);
    return createSwarmNetwork(this.world, this.hostName, spec, localCreateProblem(this.ctx, spec));
  }

  override networkRemove(net: NetworkRec): DResult<null> {
    if (net.scope !== 'swarm') return super.networkRemove(net);
    return removeSwarmNetwork(this.world, this.hostName, net);
  }

  override networkInspect(net: NetworkRec): Record<string, unknown> {
    if (net.scope !== 'swarm') return super.networkInspect(net);
    const local = this.networkById(net.id) === net ? super.networkInspect(net) : null;
    return swarmNetworkJson(this.world, this.hostName, net, local);
  }

  swarmNetworks(): SwarmNetwork[] {
    const m = membershipOf(this.world, this.hostName);
    return m && m.node.role === 'manager' ? Object.values(m.cluster.networks) : [];
  }

  services(): DResult<SwarmService[]> {
    const m = this.manager();
    return m.ok ? ok(Object.values(m.value.cluster.services)) : m;
  }

  service(ref: string): DResult<SwarmService> {
    const m = this.manager();
    if (!m.ok) return m;
    return lookupService(m.value.cluster, ref);
  }

  serviceCreate(spec: ServiceSpec, networks: string[]): DResult<SwarmService> {
    const m = this.manager();
    if (!m.ok) return m;
    const ids = resolveServiceNetworks(m.value.cluster, networks);
    if (!ids.ok) return ids;
    return createService(this.world, m.value.cluster, { ...spec, networks: ids.value });
  }

  serviceUpdate(ref: string, change: (spec: ServiceSpec) => ServiceSpec | string, networksAdd: string[] = [], networksRm: string[] = []): DResult<SwarmService> {
    const m = this.manager();
    if (!m.ok) return m;
    const svc = findService(m.value.cluster, ref);
    if (!svc) return err(`service ${ref} not found`);
    const next = change(structuredClone(svc.spec));
    if (typeof next === 'string') return err(next);
    const add = resolveServiceNetworks(m.value.cluster, networksAdd);
    if (!add.ok) return add;
    const rm = resolveServiceNetworks(m.value.cluster, networksRm);
    if (!rm.ok) return rm;
    next.networks = [...next.networks.filter((id) => !rm.value.includes(id)), ...add.value.filter((id) => !next.networks.includes(id))];
    return updateService(this.world, m.value.cluster, svc, next);
  }

  serviceRemove(ref: string): DResult<null> {
    const m = this.manager();
    if (!m.ok) return m;
    const svc = findService(m.value.cluster, ref);
    if (!svc) return err(`service ${ref} not found`);
    removeService(this.world, m.value.cluster, svc);
    return ok(null);
  }

  serviceRollback(ref: string): DResult<SwarmService> {
    const m = this.manager();
    if (!m.ok) return m;
    const svc = lookupService(m.value.cluster, ref);
    return svc.ok ? rollbackService(this.world, m.value.cluster, svc.value) : svc;
  }

  serviceLogs(ref: string): DResult<ServiceLogs> {
    const m = this.manager();
    return m.ok ? serviceLogs(this.access, m.value.cluster, ref) : m;
  }

  serviceTasks(svc: SwarmService): TaskView[] {
    const m = this.manager();
    if (!m.ok) return [];
    return Object.values(m.value.cluster.tasks)
      .filter((t) => t.serviceId === svc.id)
      .map((t) => ({ task: t, service: svc, name: taskName(svc, t), nodeHost: m.value.cluster.nodes[t.nodeId]?.host ?? '' }));
  }

  serviceConverged(svc: SwarmService): { running: number; desired: number; converged: boolean } {
    const m = this.manager();
    if (!m.ok) return { running: 0, desired: 0, converged: false };
    const live = Object.values(m.value.cluster.tasks).filter((t) => t.serviceId === svc.id && liveTask(t));
    const running = live.filter((t) => t.state === 'running' && t.specVersion === svc.version).length;
    const desired = svc.spec.mode === 'global' ? live.length : svc.spec.mode.replicas;
    return { running, desired, converged: running === desired && live.every((t) => t.specVersion === svc.version && t.state === 'running') };
  }
}

type SwarmNode = Membership['node'];
