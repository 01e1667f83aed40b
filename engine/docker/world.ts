import type { KernelWorld } from '../kernel/world';
import type { DockerState, SwarmCluster } from './types';

/** A Docker host: a machine on the LAN with a daemon. */
export interface HostState {
  name: string;
  nsId: string;
  /** LAN address on eth0. */
  address: string;
  docker: DockerState;
  /** Files on the host (/etc/hosts, /etc/resolv.conf ...). */
  files: Record<string, string>;
}

/** The lab as the Docker layer and everything above it sees it: the kernel's world plus the daemons. */
export interface DockerWorld extends KernelWorld {
  hosts: Record<string, HostState>;
  hostOrder: string[];
  /** Swarm clusters by id: the managers' replicated state (one Raft store, simulated as one record). */
  swarms?: Record<string, SwarmCluster>;
}
