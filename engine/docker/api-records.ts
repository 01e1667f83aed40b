import type { ContainerRec } from './types';

/**
 * Records the daemon reports to programs (docker top, stats, system df, exec users, prunes, the
 * process table): plain data, no behaviour. Part of the Engine API; docker/api.ts re-exports them.
 */

/** `docker top`: the header and rows of the host's `ps` for the container's processes. */
export interface TopResult {
  titles: string[];
  processes: string[][];
}

/** One sample of `docker stats` (moby's StatsResponse, reduced to what the CLI computes from it). */
export interface StatsSample {
  id: string;
  name: string;
  cpuPercent: number;
  /** usage − inactive_file, and the limit (the host's memory unless -m). */
  memory: number;
  memoryLimit: number;
  netRx: number;
  netTx: number;
  blockRead: number;
  blockWrite: number;
  pids: number;
}

/** `docker system df`. */
export interface DiskUsage {
  images: { id: string; repoTags: string[]; size: number; shared: number; containers: number; created: number }[];
  containers: { c: ContainerRec; sizeRw: number; sizeRootFs: number }[];
}

/** An exec instance (`docker exec`): its id, and the end of its process. */
export interface ExecHandle {
  id: string;
  exited(code: number): void;
}

/** A user inside a container, resolved against its /etc/passwd and /etc/group. */
export interface ExecUser {
  uid: number;
  gid: number;
  /** null when the uid has no passwd entry (`id` then prints the bare number). */
  name: string | null;
  groupName: string | null;
  /** Supplementary groups, as `id` lists them. */
  groups: { gid: number; name: string | null }[];
}

/** Prune filters as the API takes them: until=, label=, label!= (and dangling= for images). */
export type PruneFilters = Record<string, string[]>;

/** What a prune removed: the lines the CLI prints and the bytes it freed. */
export interface PruneReport {
  deleted: string[];
  reclaimed: number;
}

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
