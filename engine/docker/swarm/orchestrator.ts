import type { Scheduler } from '../../kernel/scheduler';
import type { Daemon } from '../daemon/daemon';
import type { ContainerCreateSpec } from '../api';
import type { SwarmCluster, SwarmService, SwarmTask } from '../types';
import type { DockerWorld } from '../world';
import { base36 } from './ids';
import { nodeReady } from './nodes';
import { refreshGossip } from './gossip';
import { ensureInstance, gcInstances } from './instances';
import { allocateSerial } from './overlays';
import { deleteTask, reap, taskContainer } from './reaper';
import { slotsToRemove, updatableAndDeadSlots } from './slots';
import { eligibleNodes, liveTask, noNodeReason, pickNode } from './scheduler';
import { serviceNetworks } from './services';
import { advanceUpdateStatus } from './service-update';
import { hostPortBindings } from './task-ports';

/**
 * The orchestrator and the nodes' agents in one pass: make each service's tasks match its spec
 * (replicas, one per node for global services, replacing failed tasks after the restart delay,
 * moving tasks off drained nodes, rolling updates one task at a time), then start and stop the
 * tasks' containers on their nodes through each node's daemon.
 */

export interface SwarmHostAccess {
  world: DockerWorld;
  sched: Scheduler;
  daemon(host: string): Daemon | undefined;
}

/** swarmkit's default restart delay for a failed task. */
export const RESTART_DELAY_MS = 5000;

export function taskName(svc: SwarmService, t: SwarmTask): string {
  return `${svc.spec.name}.${t.slot ?? t.nodeId}`;
}

export function containerName(svc: SwarmService, t: SwarmTask): string {
  return `${taskName(svc, t)}.${t.id}`;
}

function newTask(env: SwarmHostAccess, cluster: SwarmCluster, svc: SwarmService, slot: number | null, nodeId: string): SwarmTask {
  const t: SwarmTask = {
    id: base36(env.world.rng, 25),
    serviceId: svc.id,
    slot,
    nodeId,
    desired: 'running',
    state: 'new',
    since: env.world.clock,
    containerId: null,
    error: '',
    addresses: [],
    specVersion: svc.version,
    image: svc.spec.image,
    created: env.world.clock,
  };
  const hostPorts = svc.spec.ports.filter((p) => p.mode === 'host' && p.published > 0);
  if (hostPorts.length > 0) t.hostPorts = hostPorts.map((p) => ({ ...p }));
  for (const id of serviceNetworks(cluster, svc.spec)) {
    const net = cluster.networks[id];
    const ip = net && allocateSerial(net, `task:${t.id}`);
    if (net && ip) t.addresses.push({ networkId: id, addr: `${ip}/${net.subnet.split('/')[1]}` });
  }
  cluster.tasks[t.id] = t;
  return t;
}

function tasksOf(cluster: SwarmCluster, svc: SwarmService): SwarmTask[] {
  return Object.values(cluster.tasks).filter((t) => t.serviceId === svc.id);
}

/** A slot (or node, for global services) waits out the restart delay after its last task failed. */
function restartDue(env: SwarmHostAccess, history: SwarmTask[]): boolean {
  const last = history.filter((t) => t.state === 'failed' || t.state === 'rejected').sort((a, b) => b.since - a.since)[0];
  if (!last || history.some(liveTask)) return true;
  return env.world.clock >= last.since + RESTART_DELAY_MS;
}

function place(env: SwarmHostAccess, cluster: SwarmCluster, svc: SwarmService, slot: number | null, nodeId: string | null): void {
  const ready = (n: Parameters<typeof nodeReady>[2]) => nodeReady(env.world, cluster, n);
  const candidates = eligibleNodes(cluster, svc, ready).filter((n) => nodeId === null || n.id === nodeId);
  const node = pickNode(cluster, svc, candidates);
  if (!node) {
    const pending = tasksOf(cluster, svc).find((t) => t.slot === slot && t.state === 'pending' && t.desired === 'running');
    if (pending) pending.error = noNodeReason(cluster, svc);
    else {
      const t = newTask(env, cluster, svc, slot, '');
      t.state = 'pending';
      t.error = noNodeReason(cluster, svc);
    }
    return;
  }
  const pending = tasksOf(cluster, svc).find((t) => t.slot === slot && t.state === 'pending' && t.desired === 'running');
  const t = pending ?? newTask(env, cluster, svc, slot, node.id);
  t.nodeId = node.id;
  t.state = 'assigned';
  t.error = '';
  t.since = env.world.clock;
}

function orchestrate(env: SwarmHostAccess, cluster: SwarmCluster, svc: SwarmService): void {
  const ready = (n: Parameters<typeof nodeReady>[2]) => nodeReady(env.world, cluster, n);
  const tasks = tasksOf(cluster, svc);
  // Tasks on nodes that can no longer run them are shut down (and replaced below).
  for (const t of tasks.filter(liveTask)) {
    const node = cluster.nodes[t.nodeId];
    if (!t.nodeId || (node && !node.left && node.availability !== 'drain')) continue;
    t.desired = 'shutdown';
    // The restart supervisor replaces it at once: no restart delay off a drained node (restart/restart.go:142-187).
    if (t.slot !== null) place(env, cluster, svc, t.slot, null);
  }
  if (svc.spec.mode === 'global') {
    const nodes = eligibleNodes(cluster, svc, ready);
    for (const t of tasks.filter(liveTask)) if (!nodes.some((n) => n.id === t.nodeId)) t.desired = 'shutdown';
    for (const n of nodes) {
      const mine = tasks.filter((t) => t.nodeId === n.id);
      if (!mine.some(liveTask) && restartDue(env, mine)) place(env, cluster, svc, null, n.id);
    }
  } else replicated(env, cluster, svc, tasks);
  rollOne(env, cluster, svc);
}

/**
 * The replicated orchestrator's reconcile (swarmkit replicated/services.go:95-187), run once per
 * service update: dead slots' history is deleted, except slots a scale up fills again; a scale down
 * sets the desired state of the removed slots' tasks to REMOVE (the agent shuts them down, the
 * reaper deletes them). Between updates the restart supervisor refills slots whose task ended.
 */
function replicated(env: SwarmHostAccess, cluster: SwarmCluster, svc: SwarmService, tasks: SwarmTask[]): void {
  const replicas = (svc.spec.mode as { replicas: number }).replicas;
  const { updatable, dead } = updatableAndDeadSlots(tasks);
  if (svc.reconciled === undefined || svc.reconciled !== svc.index) {
    svc.reconciled = svc.index;
    if (replicas > updatable.size) {
      // addTasks: the lowest slot numbers without a running slot; a dead slot filled again keeps its history.
      for (let slot = 1, missing = replicas - updatable.size; missing > 0; slot++) {
        if (updatable.has(slot)) continue;
        dead.delete(slot);
        place(env, cluster, svc, slot, null);
        missing--;
      }
    }
    for (const history of dead.values()) for (const t of history) deleteTask(env, cluster, t);
    if (replicas < updatable.size) {
      for (const s of slotsToRemove([...updatable.values()], replicas)) {
        for (const t of tasks.filter((x) => x.slot === s.slot)) t.slotRemoved = true;
        for (const t of s.tasks) t.desired = 'remove';
      }
    }
  }
  // The restart supervisor (restart/restart.go): a slot whose task ended gets a new one after the delay.
  for (const s of updatableAndDeadSlots(tasksOf(cluster, svc)).updatable.values()) {
    if (s.tasks.some(liveTask)) continue;
    const history = tasksOf(cluster, svc).filter((t) => t.slot === s.slot);
    if (restartDue(env, history)) place(env, cluster, svc, s.slot, null);
  }
}

/** Rolling update: one old task at a time (slot by slot, or node by node), the next once its replacement runs. */
function rollOne(env: SwarmHostAccess, cluster: SwarmCluster, svc: SwarmService): void {
  const live = tasksOf(cluster, svc).filter(liveTask);
  if (live.some((t) => t.specVersion === svc.version && t.state !== 'running')) return;
  const old = live.filter((t) => t.specVersion < svc.version).sort((a, b) => (a.slot ?? 0) - (b.slot ?? 0) || (a.nodeId < b.nodeId ? -1 : 1))[0];
  if (old) {
    old.desired = 'shutdown';
    place(env, cluster, svc, old.slot, old.slot === null ? old.nodeId : null);
  }
}

/** The node's agent: start assigned tasks, stop shut-down ones, notice containers that exited. */
function runTasks(env: SwarmHostAccess, cluster: SwarmCluster): void {
  const reachable = new Map<string, boolean>();
  const agentUp = (nodeId: string): boolean => {
    const node = cluster.nodes[nodeId];
    if (!node) return false;
    if (!reachable.has(nodeId)) reachable.set(nodeId, nodeReady(env.world, cluster, node));
    return reachable.get(nodeId)!;
  };
  for (const t of Object.values(cluster.tasks)) {
    const svc = cluster.services[t.serviceId];
    const found = taskContainer(env, cluster, t);
    if (t.desired !== 'running') {
      // An agent cut off from the managers learns no new desired state: its task runs on (swarmkit
      // agent/worker.go reconciles only what the dispatcher sends), until the node is back.
      if (t.nodeId && !agentUp(t.nodeId) && cluster.nodes[t.nodeId] && !cluster.nodes[t.nodeId]!.left) continue;
      // The agent stops the container (SIGTERM, SIGKILL after the grace period); a server exits at once.
      if (found && (found.c.status === 'running' || found.c.status === 'paused')) {
        const graceful = found.c.process.kind === 'daemon' && found.c.process.app === 'nginx';
        found.d.containerKill(found.c, graceful ? 'TERM' : 'KILL');
      }
      if (liveTask({ ...t, desired: 'running' })) {
        t.state = 'shutdown';
        t.since = env.world.clock;
      }
      continue;
    }
    if (!svc) continue;
    if (t.state === 'assigned') {
      startTask(env, cluster, svc, t);
      continue;
    }
    if (t.state === 'running' && (!found || !(found.c.status === 'running' || found.c.status === 'paused'))) {
      t.state = found && found.c.exitCode === 0 ? 'complete' : 'failed';
      t.error = t.state === 'failed' ? `task: non-zero exit (${found?.c.exitCode ?? 137})` : '';
      t.since = env.world.clock;
      t.desired = 'shutdown';
    }
  }
}

function startTask(env: SwarmHostAccess, cluster: SwarmCluster, svc: SwarmService, t: SwarmTask): void {
  const node = cluster.nodes[t.nodeId];
  const d = node && env.daemon(node.host);
  if (!d || !node) return;
  const reject = (why: string) => {
    t.state = 'rejected';
    t.error = why;
    t.since = env.world.clock;
    // The restart supervisor shuts a dead task down at once (swarmkit orchestrator/restart/restart.go).
    t.desired = 'shutdown';
  };
  // The agent sets up the task's networks before its container (executor controller Prepare):
  // ingress first when it publishes through the mesh, in the order of the task's addresses.
  const host = env.world.hosts[node.host];
  const networks: ContainerCreateSpec['networks'] = [];
  for (const a of t.addresses) {
    const net = cluster.networks[a.networkId];
    if (!net || !host) continue;
    ensureInstance(env.world, { cluster, node, host }, net);
    const aliases = svc.spec.aliases && Object.hasOwn(svc.spec.aliases, net.id) ? [...svc.spec.aliases[net.id]!] : [];
    networks.push({ network: net.id, aliases, ip: a.addr.split('/')[0]!, links: [], mac: null, gwPriority: 0 });
  }
  let image = d.registry.byId(d.image(svc.spec.image)?.id ?? '');
  if (!image) {
    const pulled = d.imagePull(svc.spec.image, () => undefined);
    if (!pulled.ok) return reject(`No such image: ${svc.spec.image}`);
    image = pulled.value;
  }
  const created = d.containerCreate({
    name: containerName(svc, t),
    image,
    imageRef: svc.spec.image,
    cmd: svc.spec.args,
    entrypoint: null,
    hostname: null,
    domainname: '',
    tty: false,
    openStdin: false,
    env: svc.spec.env,
    labels: {
      'com.docker.swarm.node.id': node.id,
      'com.docker.swarm.service.id': svc.id,
      'com.docker.swarm.service.name': svc.spec.name,
      'com.docker.swarm.task': '',
      'com.docker.swarm.task.id': t.id,
      'com.docker.swarm.task.name': taskName(svc, t) + `.${t.id}`,
      ...svc.spec.containerLabels,
    },
    expose: [],
    workdir: null,
    user: '',
    networks,
    portBindings: hostPortBindings(t),
    publishAll: false,
    autoRemove: false,
    links: [],
    dns: [],
    dnsSearch: [],
    dnsOptions: [],
    extraHosts: [],
    restart: 'no',
    privileged: false,
    capAdd: [],
  });
  if (!created.ok) return reject(created.error);
  t.containerId = created.value.id;
  t.state = 'starting';
  const started = d.containerStart(created.value);
  if (!started.ok) return reject(started.error);
  t.state = 'running';
  t.since = env.world.clock;
}

/** One pass of the control loop for a cluster. */
export function reconcile(env: SwarmHostAccess, cluster: SwarmCluster): void {
  const before = taskFingerprint(cluster);
  runTasks(env, cluster);
  for (const svc of Object.values(cluster.services)) orchestrate(env, cluster, svc);
  runTasks(env, cluster);
  reap(env, cluster);
  for (const svc of Object.values(cluster.services)) advanceUpdateStatus(env.world, svc, tasksOf(cluster, svc));
  // Only a real change redraws the picture (the loop runs every second of lab time).
  if (taskFingerprint(cluster) !== before) env.world.revision++;
}

/** What of the tasks a picture or a view shows (cheaper than serialising them every second). */
function taskFingerprint(cluster: SwarmCluster): string {
  let out = '';
  for (const t of Object.values(cluster.tasks)) out += `${t.id}${t.state}${t.desired}${t.nodeId}${t.containerId}${t.since}${t.specVersion}${t.error}${t.addresses.length};`;
  return out;
}

/**
 * Runs every cluster's control loop (after a command, and as lab time passes): the nodes' gossip
 * probes, the orchestrator and agents, then each node drops the network copies nothing uses.
 */
export function reconcileAll(env: SwarmHostAccess): void {
  for (const cluster of Object.values(env.world.swarms ?? {})) {
    refreshGossip(env.world, cluster);
    if (Object.keys(cluster.services).length === 0 && Object.keys(cluster.tasks).length === 0) continue;
    reconcile(env, cluster);
    for (const n of Object.values(cluster.nodes)) if (!n.left) gcInstances(env.world, n.host);
  }
}
