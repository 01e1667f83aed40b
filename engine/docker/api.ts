import type {
  ContainerRec,
  DockerEvent,
  ImageSpec,
  IpamConfig,
  LocalImage,
  NetworkRec,
  NodeAvailability,
  NodeRole,
  PortBinding,
  ServiceSpec,
  SwarmNetwork,
  SwarmNode,
  SwarmService,
  SwarmSettings,
  SwarmTask,
} from './types';

/**
 * The Docker daemon of one host, as the CLI and every other program see it: the Engine API.
 * Programs never touch daemon internals; they call this, get records or Docker's own error texts
 * back, and format what they print. One implementation per host lives in docker/daemon/.
 */

/** Result of a daemon call: Docker's own error text on failure (the CLI adds "Error response from daemon: "). */
export type DResult<T> = { ok: true; value: T; warnings: string[] } | { ok: false; error: string; clientSide?: boolean };

export function ok<T>(value: T, warnings: string[] = []): DResult<T> {
  return { ok: true, value, warnings };
}

export function err<T = never>(error: string): DResult<T> {
  return { ok: false, error };
}

/** Port keys ("80/tcp") in Docker's order, and the lab's stored port runs ("80-90/tcp") opened for views. */
export { bindingsAt, expandExposed, expandPortMap, parsePortKey, portKeyOrder } from './port-map';

export interface NetworkAttachSpec {
  network: string;
  aliases: string[];
  ip: string | null;
  links: string[];
  mac: string | null;
  gwPriority: number;
}

export interface ContainerCreateSpec {
  name: string | null;
  image: ImageSpec;
  imageRef: string;
  cmd: string[] | null;
  entrypoint: string[] | null;
  hostname: string | null;
  domainname: string;
  tty: boolean;
  openStdin: boolean;
  env: string[];
  labels: Record<string, string>;
  expose: string[];
  workdir: string | null;
  user: string;
  /** --network values in order (empty: the default bridge). */
  networks: NetworkAttachSpec[];
  portBindings: Record<string, PortBinding[]>;
  publishAll: boolean;
  autoRemove: boolean;
  links: string[];
  dns: string[];
  dnsSearch: string[];
  dnsOptions: string[];
  extraHosts: string[];
  restart: string;
  privileged: boolean;
  capAdd: string[];
}

export interface NetworkCreateSpec {
  name: string;
  driver: string;
  ipam: IpamConfig[];
  /** --ipam-driver ("default" unless given). */
  ipamDriver?: string;
  internal: boolean;
  attachable: boolean;
  ipv6: boolean;
  ipv4: boolean;
  options: Record<string, string>;
  labels: Record<string, string>;
  scope: string | null;
  ingress: boolean;
}

export interface ConnectSpec {
  aliases: string[];
  ip: string | null;
  links: string[];
  gwPriority: number;
}

/** Where an attached client's streams go (`docker run` without -d, `docker attach`, `docker start -a`). */
export interface AttachIO {
  out(text: string): void;
  err(text: string): void;
}

/** A running attach: `done` settles when the container exits (its code) or the client goes ('detached'). */
export interface AttachHandle {
  done: Promise<number | 'detached'>;
  close(): void;
}

/** How a process run by the daemon talks to the world (the lab implements it with the shell). */
export interface ProcessIO {
  out(text: string): void;
  err(text: string): void;
  signal: Signal;
  /** Waits on lab time (a background process cannot hold the terminal). */
  sleep(ms: number, signal?: Signal): Promise<boolean>;
}

/** Runs a program inside a container: its namespace, its image's programs and shell. */
export interface ProcessHost {
  run(hostName: string, c: ContainerRec, argv: string[], io: ProcessIO): Promise<number>;
}

export type { DiskUsage, ExecHandle, ExecUser, ProcessRow, PruneFilters, PruneReport, StatsSample, TopResult } from './api-records';
import type { DiskUsage, ExecHandle, ExecUser, ProcessRow, PruneFilters, PruneReport, StatsSample, TopResult } from './api-records';
import type { Signal } from '../util/signal';

/** One line of `docker logs`, with when the process wrote it. */
export interface LogLine {
  text: string;
  /** Lab clock, ms, and nanoseconds within it (distinct per line). */
  time: number;
  nano: number;
}

/** The image catalogue of the registry the lab pulls from (Docker Hub, simulated). */
export interface RegistryApi {
  /** Splits "repo:tag" (or "repo@sha256:..."); the tag defaults to latest. */
  parse(ref: string): { repository: string; tag: string };
  find(ref: string): ImageSpec | undefined;
  tags(repository: string): string[];
  all(): readonly ImageSpec[];
  byId(id: string): ImageSpec | undefined;
}

export type PullResult = DResult<ImageSpec> & { sim?: boolean };

export interface DaemonApi {
  readonly hostName: string;
  /** The lab's clock (ms since the epoch). */
  now(): number;
  readonly registry: RegistryApi;

  // Containers (GET/POST /containers/...)
  containers(): ContainerRec[];
  /** Docker's lookup order (full id, name, unique id prefix) and error texts. */
  container(ref: string): DResult<ContainerRec>;
  containerCreate(spec: ContainerCreateSpec): DResult<ContainerRec>;
  /** Starts the container and its main process (attach first to see its output from the first line). */
  containerStart(c: ContainerRec): DResult<null>;
  /** SIGTERM (or the image's stop signal, or `signal`), SIGKILL after `timeoutSec`. */
  containerStop(c: ContainerRec, timeoutSec?: number, signal?: string): DResult<null>;
  containerRestart(c: ContainerRec, timeoutSec?: number, signal?: string): DResult<null>;
  containerKill(c: ContainerRec, signal: string): DResult<null>;
  containerRemove(c: ContainerRec, force: boolean): DResult<null>;
  containerRename(c: ContainerRec, name: string): DResult<null>;
  containerPause(c: ContainerRec): DResult<null>;
  containerUnpause(c: ContainerRec): DResult<null>;
  /** Streams the container's output from now on, until it exits or the handle is closed (an "attach" event). */
  containerAttach(c: ContainerRec, io: AttachIO): AttachHandle;
  /** Like attach, without the event: `docker logs -f` after the old lines. */
  containerFollow(c: ContainerRec, io: AttachIO): AttachHandle;
  /** Settles with the exit code once the container is not running (at once if it is not). */
  containerWait(c: ContainerRec): Promise<number>;
  /** `docker exec`: the exec instance is created and started (events exec_create, exec_start). */
  execStart(c: ContainerRec, argv: string[]): ExecHandle;
  /** Runs a command in the background inside the container (`docker exec -d`). */
  execDetached(c: ContainerRec, argv: string[]): void;
  /** Resolves once every background process has had its turn (run after starting containers). */
  settle(): Promise<void>;
  /** What the container's process has written, oldest first. */
  containerLogs(c: ContainerRec): LogLine[];
  /** `docker top`: the host's `ps` (default "-ef") for the container's processes. */
  containerTop(c: ContainerRec, psArgs: string[]): DResult<TopResult>;
  /** `docker stats`: one sample (all zero for a container that is not running). */
  containerStats(c: ContainerRec): StatsSample;
  /** Removes every container that is not running: their full ids. */
  containerPrune(filters?: PruneFilters): DResult<PruneReport>;
  /** What the container wrote over its image (SizeRw), in bytes. */
  containerSizeRw(c: ContainerRec): number;
  /** `--user`/`exec -u` against the container's /etc/passwd; Docker's text when there is no such user. */
  containerUser(c: ContainerRec, spec: string): ExecUser | string;
  /** The main process ended with this status (an interactive shell's `exit`). */
  containerExited(c: ContainerRec, exitCode: number): void;
  /**
   * Docker's checks before `exec`: running, not paused; then what fails when it starts (the
   * user, the working directory, the program), as `notFound` with the exit code the CLI reports.
   */
  execCheck(c: ContainerRec, program: string, opts?: { user?: string; workdir?: string }): DResult<null> & { notFound?: boolean; exitCode?: number };
  containerInspect(c: ContainerRec): Record<string, unknown>;
  /** The legacy `--link` variables (ALIAS_PORT, ALIAS_NAME, ALIAS_ENV_X...) in the container's environment. */
  containerLinkEnv(c: ContainerRec): string[];
  /** The container's processes, host and namespace PIDs (empty when it is not running). Data for ps and docker top. */
  containerProcesses(c: ContainerRec): ProcessRow[];
  /** Every process the daemon accounts for on the host: dockerd, containerd, docker-proxy, shims, containers' processes. */
  hostProcesses(): ProcessRow[];
  /** A new PID in the container's namespace for a process started there. */
  allocatePid(c: ContainerRec): number;
  /** A file of the container's filesystem: what the daemon writes (/etc/hosts, /etc/resolv.conf, /etc/hostname), else the image's. */
  containerFile(c: ContainerRec, path: string): string | null;

  // Networks
  networks(): NetworkRec[];
  network(ref: string): DResult<NetworkRec>;
  /**
   * A network to connect to: a local one, else a swarm network this node has no copy of yet (a
   * running container's attach asks the managers, moby daemon/container_operations.go
   * findAndAttachNetwork).
   */
  networkToConnect(ref: string): DResult<NetworkRec>;
  networkById(id: string): NetworkRec | undefined;
  networkCreate(spec: NetworkCreateSpec): DResult<NetworkRec>;
  networkRemove(net: NetworkRec): DResult<null>;
  networkConnect(net: NetworkRec, c: ContainerRec, spec: ConnectSpec): DResult<null>;
  networkDisconnect(net: NetworkRec, c: ContainerRec): DResult<null>;
  /** Removes unused user networks; their names in creation order. */
  networkPrune(filters?: PruneFilters): DResult<string[]>;
  networkInspect(net: NetworkRec): Record<string, unknown>;

  // Images
  images(): LocalImage[];
  image(ref: string): LocalImage | undefined;
  /** Pulls into the local store, printing Docker's progress lines. */
  imagePull(ref: string, progress: (text: string) => void): PullResult;
  /** `docker rmi`: the Untagged/Deleted lines. */
  imageRemove(ref: string, force: boolean): DResult<string[]>;
  imageInspect(img: LocalImage): Record<string, unknown>;
  /** Removes dangling images, or with `all` every image no container uses: "untagged: …"/"deleted: …" lines. */
  imagePrune(all: boolean, filters?: PruneFilters): DResult<PruneReport>;

  // System
  info(): { daemonId: string; containers: number; running: number; paused: number; stopped: number; images: number };
  /** The event log, oldest first (`docker events`). */
  events(): readonly DockerEvent[];
  diskUsage(): DiskUsage;
}

// ------------------------------------------------------------------ the swarm's part of the API

/** The Docker release the lab's CLI and daemons claim to be (docker version, docker -v, node inspect). */
export const ENGINE_VERSION = '28.5.2';
/** Each host's memory as the daemon reports it (docker info MemTotal, node inspect MemoryBytes). */
export const HOST_MEMORY_BYTES = 25_216_294_912;

/** The managers' refusals (moby daemon/cluster/errors.go errNoManager / errNoSwarm and cluster.go). */
export const ERR_NOT_MANAGER = "This node is not a swarm manager. Worker nodes can't be used to view or modify cluster state. Please run this command on a manager node or promote the current node to a manager.";
export const ERR_NO_MANAGER = 'This node is not a swarm manager. Use "docker swarm init" or "docker swarm join" to connect this node to swarm and try again.';

export interface SwarmInitOptions {
  advertiseAddr: string | null;
  availability: NodeAvailability;
  defaultAddrPool: string;
  subnetSize: number;
  dataPathPort: number;
  /** The swarm.Spec fields `docker swarm init` sets; the rest keep swarmkit's defaults. */
  settings?: Partial<SwarmSettings>;
}

/** `docker info`'s Swarm block. */
export interface SwarmInfo {
  state: 'inactive' | 'active' | 'pending';
  nodeId: string;
  nodeAddr: string;
  isManager: boolean;
  clusterId: string;
  managers: number;
  nodes: number;
  defaultAddrPool: string;
  subnetSize: number;
  dataPathPort: number;
  managerAddrs: string[];
  /** The cluster's spec (managers only know it; defaults elsewhere). */
  settings: SwarmSettings;
  clusterCreated: number;
  clusterUpdated: number;
}

export interface NodeView {
  node: SwarmNode;
  self: boolean;
  status: 'Ready' | 'Down';
  managerStatus: '' | 'Leader' | 'Reachable' | 'Unreachable';
}

export interface TaskView {
  task: SwarmTask;
  service: SwarmService;
  /** web.1, or web.<nodeId> for a global service. */
  name: string;
  nodeHost: string;
}

/** One task's share of `docker service logs`: what its container wrote, and its stream from now on. */
export interface TaskLogs {
  view: TaskView;
  lines: LogLine[];
  /** Streams what the task's container writes from now on; null when it is not running. */
  follow(io: AttachIO): AttachHandle | null;
}

/** GET /services/{id}/logs or /tasks/{id}/logs: the tasks whose containers still exist, each with its lines. */
export interface ServiceLogs {
  service: SwarmService;
  /** Set when the reference named a task rather than a service. */
  task: TaskView | null;
  logs: TaskLogs[];
}

/** The Engine API of a host: its daemon, plus the swarm routes (managers answer for the cluster). */
export interface EngineApi extends DaemonApi {
  swarmInit(opts: SwarmInitOptions): DResult<{ nodeId: string }>;
  /** The join attempt; `timedOut` when the manager's 2377 never answered (20 s later). */
  swarmJoin(token: string, remote: string, advertise: string | null, availability?: NodeAvailability): DResult<{ role: NodeRole } | { timedOut: true }>;
  swarmLeave(force: boolean): DResult<null>;
  swarmJoinToken(role: NodeRole, rotate: boolean): DResult<{ token: string; managerAddr: string }>;
  swarmInfo(): SwarmInfo;
  /** `docker swarm update`: the cluster's spec (a manager only). */
  swarmUpdate(change: Partial<SwarmSettings>): DResult<null>;

  nodes(): DResult<NodeView[]>;
  node(ref: string): DResult<NodeView>;
  nodeSetRole(ref: string, role: NodeRole): DResult<'changed' | 'already'>;
  nodeUpdate(ref: string, change: { availability?: NodeAvailability; labelAdd?: Record<string, string>; labelRm?: string[] }): DResult<null>;
  nodeRemove(ref: string, force: boolean): DResult<null>;
  /** The node as GET /nodes/{id} returns it (swarm.Node, Go's key order). */
  nodeInspect(view: NodeView): unknown;

  swarmNetworks(): SwarmNetwork[];

  services(): DResult<SwarmService[]>;
  service(ref: string): DResult<SwarmService>;
  /** Spec with network names and port specs resolved by the CLI; networks by name or id. */
  serviceCreate(spec: ServiceSpec, networks: string[]): DResult<SwarmService>;
  serviceUpdate(ref: string, change: (spec: ServiceSpec) => ServiceSpec | string, networksAdd?: string[], networksRm?: string[]): DResult<SwarmService>;
  serviceRemove(ref: string): DResult<null>;
  /** POST /services/{id}/update?rollback=previous: the previous spec comes back. */
  serviceRollback(ref: string): DResult<SwarmService>;
  /** The logs of a service or of one task (by id, name or id prefix); `clientSide` "no such task or service" when neither exists. */
  serviceLogs(ref: string): DResult<ServiceLogs>;
  serviceTasks(svc: SwarmService): TaskView[];
  /** Every task of the service runs its current spec (what `service create` waits for). */
  serviceConverged(svc: SwarmService): { running: number; desired: number; converged: boolean };
  /** Runs the swarm's control loop now (after a change), then lets background work settle. */
  reconcile(): Promise<void>;
}
