import type { ContainerRec, ImageSpec, IpamConfig, LocalImage, NetworkRec, PortBinding } from './types';

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

/** Port keys ("80/tcp") in Docker's order: by port number, then protocol. */
export function portKeyOrder(a: string, b: string): number {
  const [pa, ta] = a.split('/');
  const [pb, tb] = b.split('/');
  return Number(pa) - Number(pb) || (ta! < tb! ? -1 : ta! > tb! ? 1 : 0);
}

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
  extraHosts: string[];
  restart: string;
  privileged: boolean;
  capAdd: string[];
}

export interface NetworkCreateSpec {
  name: string;
  driver: string;
  ipam: IpamConfig[];
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
  signal: AbortSignal;
  /** Waits on lab time (a background process cannot hold the terminal). */
  sleep(ms: number, signal?: AbortSignal): Promise<boolean>;
}

/** Runs a program inside a container: its namespace, its image's programs and shell. */
export interface ProcessHost {
  run(hostName: string, c: ContainerRec, argv: string[], io: ProcessIO): Promise<number>;
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

/**
 * A process on a Docker host, as ps, ss -p and docker top see it. Container processes carry
 * both PIDs: the host's (docker top, ps on the host) and their namespace's (ps inside).
 */
export interface ProcessRow {
  pid: number;
  ppid: number;
  /** PID inside the container's PID namespace (null for host processes). */
  nsPid: number | null;
  nsPpid: number | null;
  uid: number;
  /** The user's name in the process's own /etc/passwd (a container's may differ from the host's). */
  user: string;
  /** The full command line, as the process titled itself ("nginx: worker process"). */
  cmd: string;
  /** The short name (ps -o comm, ss -p). */
  comm: string;
  /** Start time, ms since the epoch. */
  startedAt: number;
  tty: string;
  containerId: string | null;
  /** ps STAT, virtual size and resident size in KiB (ps aux). */
  stat: string;
  vsz: number;
  rss: number;
  /** docker-proxy: the host socket it holds. */
  socket?: { proto: 'tcp' | 'udp'; ip: string; port: number };
}

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
  containerStop(c: ContainerRec, timeoutSec?: number): void;
  containerRestart(c: ContainerRec, timeoutSec?: number): DResult<null>;
  containerKill(c: ContainerRec, signal: string): DResult<null>;
  containerRemove(c: ContainerRec, force: boolean): DResult<null>;
  containerRename(c: ContainerRec, name: string): DResult<null>;
  containerPause(c: ContainerRec): DResult<null>;
  containerUnpause(c: ContainerRec): DResult<null>;
  /** Streams the container's output from now on, until it exits or the handle is closed. */
  containerAttach(c: ContainerRec, io: AttachIO): AttachHandle;
  /** Runs a command in the background inside the container (`docker exec -d`). */
  execDetached(c: ContainerRec, argv: string[]): void;
  /** Resolves once every background process has had its turn (run after starting containers). */
  settle(): Promise<void>;
  /** What the container's process has written, oldest first. */
  containerLogs(c: ContainerRec): string[];
  /** The main process ended with this status (an interactive shell's `exit`). */
  containerExited(c: ContainerRec, exitCode: number): void;
  /** Docker's checks before `exec`: running, not paused, the program exists in the image. */
  execCheck(c: ContainerRec, program: string): DResult<null> & { notFound?: boolean };
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
  networkById(id: string): NetworkRec | undefined;
  networkCreate(spec: NetworkCreateSpec): DResult<NetworkRec>;
  networkRemove(net: NetworkRec): DResult<null>;
  networkConnect(net: NetworkRec, c: ContainerRec, spec: ConnectSpec): DResult<null>;
  networkDisconnect(net: NetworkRec, c: ContainerRec): DResult<null>;
  /** Removes unused user networks; their names in creation order. */
  networkPrune(): string[];
  networkInspect(net: NetworkRec): Record<string, unknown>;

  // Images
  images(): LocalImage[];
  image(ref: string): LocalImage | undefined;
  /** Pulls into the local store, printing Docker's progress lines. */
  imagePull(ref: string, progress: (text: string) => void): PullResult;
  /** `docker rmi`: the Untagged/Deleted lines. */
  imageRemove(ref: string, force: boolean): DResult<string[]>;
  imageInspect(img: LocalImage): Record<string, unknown>;

  // System
  info(): { daemonId: string; containers: number; running: number; paused: number; stopped: number; images: number };
}
