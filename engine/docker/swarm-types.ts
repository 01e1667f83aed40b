/** Swarm records (docker/swarm): the managers' replicated state and each daemon's membership, as plain JSON data. */

export type NodeRole = 'manager' | 'worker';
export type NodeAvailability = 'active' | 'pause' | 'drain';

/** A node of a swarm: a lab host whose daemon joined the cluster. */
export interface SwarmNode {
  id: string;
  /** The lab host it runs on (its hostname). */
  host: string;
  /** Advertise address (the node's LAN address). */
  addr: string;
  role: NodeRole;
  availability: NodeAvailability;
  /** Left with `docker swarm leave`: the managers show it Down until `docker node rm`. */
  left: boolean;
  leader: boolean;
  created: number;
  /** Last change to its spec (role, availability, labels); absent in labs saved before it was kept. */
  updated?: number;
  /** The store's version of the node object (Meta.Version.Index). */
  version?: number;
  labels: Record<string, string>;
  /** The node's name in the networks' gossip (NetworkDB): 12 random hex, what `network inspect` shows under Peers. */
  peerName?: string;
  /**
   * The node's own address on each swarm network it has (its load-balancer endpoint), by network
   * id, as "ip/prefix": allocated for ingress when the node joins, for other networks while a task
   * or attachment on the node uses them (swarmkit allocator/network.go allocateNode).
   */
  lbAddrs?: Record<string, string>;
}

/** An overlay network as the managers store it (allocated cluster-wide). */
export interface SwarmNetwork {
  id: string;
  name: string;
  vni: number;
  subnet: string;
  gateway: string;
  attachable: boolean;
  ingress: boolean;
  internal: boolean;
  encrypted: boolean;
  labels: Record<string, string>;
  options: Record<string, string>;
  created: number;
  /** Addresses handed out serially (swarm IPAM), ip -> owner (a task, a VIP, a node's LB endpoint). */
  allocated: Record<string, string>;
  /** The next address index to try (serial allocation never goes back at once). */
  nextHost: number;
}

export interface ServicePort {
  protocol: 'tcp' | 'udp';
  target: number;
  published: number;
  mode: 'ingress' | 'host';
}

export interface ServiceSpec {
  name: string;
  image: string;
  /** Replicated with N tasks, or one task per eligible node. */
  mode: { replicas: number } | 'global';
  /** Swarm network ids, in attach order. */
  networks: string[];
  ports: ServicePort[];
  endpointMode: 'vip' | 'dnsrr';
  constraints: string[];
  labels: Record<string, string>;
  env: string[];
  args: string[] | null;
  /** --container-label: labels of the task containers (service labels stay on the service). */
  containerLabels?: Record<string, string>;
  /** Network aliases by network id (`--network name=x,alias=y`). */
  aliases?: Record<string, string[]>;
  /** TaskTemplate.ForceUpdate: `service update --force` bumps it so every task is replaced. */
  forceUpdate?: number;
}

/** Service.UpdateStatus (moby api/types/swarm/service.go), set by the managers' updater. */
export interface ServiceUpdateStatus {
  state: 'updating' | 'paused' | 'completed' | 'rollback_started' | 'rollback_paused' | 'rollback_completed';
  started: number;
  completed: number | null;
  message: string;
}

export interface SwarmService {
  id: string;
  spec: ServiceSpec;
  previous: ServiceSpec | null;
  created: number;
  updated: number;
  version: number;
  /** One virtual IP per attached network (VIP endpoint mode), ingress included when it publishes. */
  vips: { networkId: string; addr: string }[];
  /**
   * The firewall mark of its load balancer on each network with a VIP, by network id (libnetwork
   * service_common.go numbers load balancers from 256 as it meets them; the lab numbers them once,
   * cluster-wide, in the order the VIPs were allocated).
   */
  fwmarks?: Record<string, number>;
  /** Meta.Version.Index: the store's index at the last write (every update moves it; `version` moves only when tasks must change). */
  index?: number;
  updateStatus?: ServiceUpdateStatus | null;
  /** The `index` the replicated orchestrator last reconciled (it reconciles a service once per update). */
  reconciled?: number;
}

/** A standalone container's attachment to an attachable overlay (a network-attachment task in swarmkit). */
export interface SwarmAttachment {
  id: string;
  networkId: string;
  nodeId: string;
  containerId: string;
  /** "ip/prefix". */
  addr: string;
}

export type TaskState = 'new' | 'pending' | 'assigned' | 'preparing' | 'starting' | 'running' | 'complete' | 'shutdown' | 'failed' | 'rejected';

export interface SwarmTask {
  id: string;
  serviceId: string;
  /** Replica slot (replicated services); null for global ones, which go by node. */
  slot: number | null;
  nodeId: string;
  /** DesiredState: 'remove' for tasks of a slot scaled away or a removed service (the reaper deletes them once shut down). */
  desired: 'running' | 'shutdown' | 'remove';
  state: TaskState;
  since: number;
  containerId: string | null;
  error: string;
  /** The task's address on each of its networks. */
  addresses: { networkId: string; addr: string }[];
  /** Spec version the task was made from (rolling updates replace older ones). */
  specVersion: number;
  /** The image of the spec the task was made from (`service ps` shows it for old tasks too). */
  image?: string;
  /** Meta.CreatedAt: `service ps` lists a slot's tasks newest first. */
  created?: number;
  /** Host-mode published ports (Status.PortStatus), `service ps` PORTS. */
  hostPorts?: ServicePort[];
  /** The orchestrator took its slot away (scale down): it is history, never a restart waiting its delay. */
  slotRemoved?: true;
}

export interface SwarmCluster {
  id: string;
  created: number;
  /** The root CA's fingerprint in base36 (the middle part of both join tokens). */
  caHash: string;
  workerSecret: string;
  managerSecret: string;
  nodes: Record<string, SwarmNode>;
  networks: Record<string, SwarmNetwork>;
  services: Record<string, SwarmService>;
  tasks: Record<string, SwarmTask>;
  nextVni: number;
  /** The raft store's index, moved by every write of a service (Version.Index). */
  raftIndex?: number;
  defaultAddrPool: string;
  subnetSize: number;
  dataPathPort: number;
  /** Live attachments of standalone containers, by attachment task id. */
  attachments?: Record<string, SwarmAttachment>;
  /**
   * Who gossips with whom (memberlist over 7946/tcp+udp, probed every second of lab time): node
   * id -> the node ids it exchanges NetworkDB state with. A node learns another's endpoints,
   * names and tasks only through it.
   */
  gossip?: Record<string, string[]>;
  /** The next firewall mark for a service's load balancer (from 256, 0x100). */
  nextFwmark?: number;
  /** The nodes' overlay data plane (FDBs, load balancers, mesh rules) no longer matches the state. */
  dataplaneDirty?: boolean;
  /** Absent in labs saved before it was kept: the defaults apply (DEFAULT_SWARM_SETTINGS). */
  settings?: SwarmSettings;
  /** Last `docker swarm update`. */
  updated?: number;
}

/** What `docker swarm init|update` set for the cluster (swarm.Spec), as `docker info` shows it. */
export interface SwarmSettings {
  taskHistoryLimit: number;
  snapshotInterval: number;
  keepOldSnapshots: number;
  heartbeatMs: number;
  certExpiryMs: number;
}

/** swarmkit's defaults (manager/controlapi/cluster.go, ca/config.go). */
export const DEFAULT_SWARM_SETTINGS: SwarmSettings = {
  taskHistoryLimit: 5,
  snapshotInterval: 10000,
  keepOldSnapshots: 0,
  heartbeatMs: 5000,
  certExpiryMs: 2160 * 3600 * 1000,
};

/** What a daemon knows of its own membership. */
export interface NodeMembership {
  clusterId: string;
  nodeId: string;
}
