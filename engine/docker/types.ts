/** Docker daemon state of one host, as plain JSON data (it is part of the lab snapshot). */

import type { NodeMembership } from './swarm-types';

export type ContainerStatus = 'created' | 'running' | 'paused' | 'restarting' | 'exited' | 'dead';

export interface PortBinding {
  HostIp: string;
  HostPort: string;
}

export interface EndpointConfig {
  networkId: string;
  /** The network's name when the endpoint was configured (for errors after the network is gone). */
  networkName?: string;
  /** As the user typed it (--network / network connect), used for HostConfig.NetworkMode. */
  aliases: string[];
  /** --ip given by the user. */
  ipv4Requested: string | null;
  /** legacy/user-net links, "name:alias" form. */
  links: string[];
  macRequested: string | null;
  gwPriority: number;
  /** Filled while the container runs (the endpoint exists only then). */
  live: LiveEndpoint | null;
  /**
   * Docker's own endpoint on docker_gwbridge (`gateway_<sandbox>`), added while the container
   * runs because its only networks are overlays without a way out (libnetwork sandbox
   * setupDefaultGW): its eth1 and default route, not one of its networks.
   */
  sandboxGateway?: true;
  /** The address a swarm manager gave this run's attachment to an attachable overlay (released at stop). */
  swarmAddr?: string | null;
}

/**
 * An endpoint of one of the daemon's own sandboxes rather than a container: the load balancer
 * of a swarm network on this node (`lb-<net>`, netns lb_<id>), the ingress sandbox
 * (`ingress-sbox`, netns ingress_sbox) on ingress and on docker_gwbridge.
 */
export interface ServiceEndpoint {
  /** Its key in `network inspect`'s Containers. */
  sandbox: string;
  /** Endpoint name: "<net>-endpoint", "ingress-endpoint", "gateway_ingress-sbox". */
  name: string;
  endpointId: string;
  ip: string;
  prefix: number;
  mac: string;
  nsId: string;
  ifname: string;
}

export interface LiveEndpoint {
  endpointId: string;
  ip: string | null;
  prefix: number;
  gateway: string;
  mac: string;
  /** Interface name inside the container: eth0, eth1 ... */
  ifname: string;
  /** Host-side veth for bridge networks. */
  hostVeth: string | null;
  /**
   * The driver asked for a default route through the interface itself, with no gateway address
   * (ipvlan l3/l3s: `default dev eth0 scope link`, libnetwork osl SetDefaultRouteIPv4).
   */
  defaultDev?: boolean;
}

/** How the container's main process behaves, decided from its command at start. */
export type MainProcess =
  | { kind: 'shell' } // sh/bash waiting on a terminal or stdin: runs until stopped
  /** A server of the image (an app of engine/apps by name: nginx, httpd, redis...) or an idle process: runs until stopped. */
  | { kind: 'daemon'; app: string }
  | { kind: 'script' } // the command runs through the container's shell and exits on its own
  /** Exits at once: a server found its port taken (`taken`), or refused to start (postgres without a password). */
  | { kind: 'failed'; exitCode: number; taken?: { proto: 'tcp' | 'udp'; ip: string; port: number } };

export interface ContainerRec {
  id: string;
  name: string;
  created: number;
  /** Image reference as typed ("alpine", "nginx:latest"). */
  image: string;
  imageId: string;
  path: string;
  args: string[];
  entrypointOverride: string[] | null;
  cmdOverride: string[] | null;
  config: {
    hostname: string;
    domainname: string;
    tty: boolean;
    openStdin: boolean;
    env: string[];
    labels: Record<string, string>;
    exposedPorts: string[];
    workingDir: string;
    user: string;
  };
  hostConfig: {
    networkMode: string;
    portBindings: Record<string, PortBinding[]>;
    publishAllPorts: boolean;
    autoRemove: boolean;
    links: string[];
    dns: string[];
    /** --dns-search and --dns-option (absent in older saves). */
    dnsSearch?: string[];
    dnsOptions?: string[];
    extraHosts: string[];
    restartPolicy: string;
    privileged: boolean;
    capAdd: string[];
  };
  status: ContainerStatus;
  pid: number;
  exitCode: number;
  startedAt: number | null;
  finishedAt: number | null;
  restartCount: number;
  error: string;
  /** Network namespace id while running (host-mode containers use the host's). */
  nsId: string | null;
  sandboxId: string | null;
  endpoints: EndpointConfig[];
  /** Actual host bindings while running: key "80/tcp". */
  ports: Record<string, PortBinding[]>;
  logs: string[];
  /** When each line of `logs` was written (lab clock, ms); older saves lack it. */
  logTimes?: number[];
  /** When a restart policy brings the container back (status "restarting"). */
  restartAt?: number | null;
  /** Stopped with `docker stop`: restart policies leave it alone. */
  manuallyStopped?: boolean;
  process: MainProcess;
  /** Files written inside the container (echo x > /tmp/f). */
  files: Record<string, string>;
  /** The last PID handed out in the container's PID namespace (exec'd processes get the next). */
  lastPid?: number;
}

export interface IpamConfig {
  Subnet: string;
  Gateway?: string;
  IPRange?: string;
  AuxiliaryAddresses?: Record<string, string>;
}

export interface NetworkRec {
  id: string;
  name: string;
  driver: string;
  scope: 'local' | 'swarm';
  created: number;
  internal: boolean;
  attachable: boolean;
  ingress: boolean;
  enableIPv4: boolean;
  enableIPv6: boolean;
  ipamDriver: string;
  ipamOptions: Record<string, string> | null;
  ipam: IpamConfig[];
  options: Record<string, string>;
  labels: Record<string, string>;
  /** Linux device carrying the network on this host (docker0, br-..., eth0.10, dm-...). */
  device: string | null;
  /** Addresses handed out, ip -> container id (or "gateway" / "aux"). */
  allocated: Record<string, string>;
  /** Whether the subnet came from the user (--subnet) rather than the default pools. */
  userSubnet: boolean;
  predefined: boolean;
  /**
   * macvlan/ipvlan: the driver made the parent (`eth0.50`, a `dm-`/`di-` dummy) and deletes it
   * with the last network of its driver on it (libnetwork config.CreatedSlaveLink).
   */
  createdParent?: boolean;
  /** Endpoints of the daemon's own sandboxes on this network (swarm load balancers, the ingress sandbox). */
  serviceEndpoints?: ServiceEndpoint[];
}

export interface LocalImage {
  id: string;
  repoTags: string[];
  pulledAt: number;
}

export interface DockerState {
  images: Record<string, LocalImage>;
  containers: Record<string, ContainerRec>;
  networks: Record<string, NetworkRec>;
  /** Next candidate for ephemeral host ports (round robin from 32768). */
  nextEphemeralPort: number;
  /** Monotonic counter for pids shown by inspect. */
  nextPid: number;
  daemonId: string;
  /** The iptables rules no longer match the state and are rebuilt before they are next read. */
  firewallDirty?: boolean;
  /** DOCKER-INGRESS exists: a routing-mesh port was programmed on this node since it joined (Docker never drops the chains). */
  ingressChains?: boolean;
  /** The swarm this daemon is a node of. */
  swarm?: NodeMembership | null;
  /** The daemon's event log (`docker events`), oldest first; like moby it keeps the last 256. */
  events?: DockerEvent[];
}

/** One entry of `docker events` (moby api/types/events.Message). */
export interface DockerEvent {
  /** Lab clock, ms. */
  time: number;
  /** Nanoseconds within that millisecond, so events of one millisecond stay distinct and ordered. */
  nano: number;
  type: 'container' | 'network' | 'image' | 'daemon';
  action: string;
  /** Actor.ID: a container or network id, an image reference or id ("" for prune). */
  id: string;
  attributes: Record<string, string>;
}

export type ShellFlavor = 'busybox' | 'bash' | 'zsh';

export interface HistoryLayer {
  createdBy: string;
  size: number;
  comment: string;
  /** Days before the image's creation date. */
  ageDays: number;
  empty: boolean;
}

/** A process of the image's default server, as `ps` inside shows it (one row per `count`). */
export interface ImageProcess {
  /** PID inside the container (1 = the main process). */
  pid: number;
  /** The parent's PID inside the container (0 for PID 1). */
  ppid: number;
  uid: number;
  /** The user name inside the container (the image's /etc/passwd). */
  user: string;
  /** The command line as ps shows it (servers retitle themselves: "nginx: worker process"). */
  cmd: string;
}

/** The server an image's default command runs: which app of engine/apps, and what it says about itself. */
export interface ImageServer {
  /** An app of engine/apps/servers (nginx, httpd, redis, postgres, whoami). */
  app: string;
  /** Program names (basenames) that start it, after the entrypoint: `nginx`, `httpd-foreground`... */
  programs: string[];
  version: string;
  /** Build details the server prints at start (nginx: "built by gcc 14.2.0 (Debian 14.2.0-19)"). */
  build: string;
  processes: ImageProcess[];
  /** Bytes the server writes into the container's layer as it starts (`docker ps -s`: nginx 1.09kB, finding 38). */
  startWrites?: number;
}

export interface ImageSpec {
  repository: string;
  tag: string;
  id: string;
  digest: string;
  /** Days before the lab's start date that the image was built. */
  ageDays: number;
  size: number;
  entrypoint: string[] | null;
  cmd: string[];
  exposedPorts: string[];
  env: string[];
  workingDir: string;
  shell: ShellFlavor;
  /** /etc/os-release PRETTY_NAME and the file itself. */
  osRelease: string;
  programs: string[];
  /** `ip`, `ping`... come from busybox applets or from iproute2/iputils: output formats differ. */
  toolset: 'busybox' | 'gnu';
  layers: HistoryLayer[];
  labels: Record<string, string>;
  stopSignal?: string;
  /** USER of the image ('' = root). */
  user: string;
  /** VOLUME paths. */
  volumes: string[];
  /** The C library: error texts differ (glibc "No route to host", musl "Host is unreachable"). */
  libc: 'glibc' | 'musl' | 'uclibc' | 'static';
  /** What `uname -o`/`-a` ends with: Alpine's busybox prints "Linux", others "GNU/Linux". */
  unameOs: 'Linux' | 'GNU/Linux';
  /** Files of the image a learner may read (/etc/alpine-release, /etc/passwd, nginx's config...). */
  files: Record<string, string>;
  /** Directory listings for `ls` (names only, sorted as ls sorts them). */
  dirs: Record<string, string[]>;
  /** The server the default command runs, if any. */
  server?: ImageServer;
  /** Digests of the non-empty layers, in order (each its own value, as in a registry). */
  layerDigests: string[];
}

export type * from './swarm-types';
export { DEFAULT_SWARM_SETTINGS } from './swarm-types';
