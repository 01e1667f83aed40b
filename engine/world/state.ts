import type { DockerState } from '../docker/types';
import type { NetWorld } from '../kernel/netns';
import type { RngState } from '../util/rng';

export const STATE_VERSION = 1;

export interface HostState {
  name: string;
  nsId: string;
  /** LAN address on eth0. */
  address: string;
  docker: DockerState;
  /** Files on the host (/etc/hosts, /etc/resolv.conf ...). */
  files: Record<string, string>;
}

/** Another machine on the LAN (a laptop) that can be ssh'ed into and used as a probe. */
export interface MachineState {
  name: string;
  nsId: string;
  address: string;
  files: Record<string, string>;
}

export interface WorldState extends NetWorld {
  seed: number;
  rng: RngState;
  /** Virtual wall clock, ms since the epoch. */
  clock: number;
  hosts: Record<string, HostState>;
  hostOrder: string[];
  machines: Record<string, MachineState>;
  lan: { subnet: string; prefix: number; gateway: string; segment: string };
  routerNs: string;
  internetNs: string;
  /** Bumped on every change the UI may want to redraw. */
  revision: number;
}
