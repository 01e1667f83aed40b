import type { RngState } from '../util/rng';
import type { Segment } from './segment';
import type { NetNs } from './types';

/** All namespaces of the world, by id. The packet walk and the index read it; drivers write it. */
export interface NetWorld {
  netns: Record<string, NetNs>;
  /** Bumped on every change to links, addresses, routes or segments, so cached indexes know they are stale. */
  netVersion: number;
  /** The switches NICs plug into, by name (a NIC's `link.segment`): VLANs, trunks, hairpin, promisc. */
  segments: Record<string, Segment>;
  /** Virtual wall clock in ms, stamped on captured frames (KernelWorld always has it). */
  clock?: number;
  /** Connections the kernel gave a source port to (drives the next ephemeral port). */
  ephemeral?: number;
}

/** A machine on the LAN that is not a Docker host (a laptop): it can be ssh'ed into and probed from. */
export interface MachineState {
  name: string;
  nsId: string;
  address: string;
  files: Record<string, string>;
}

/** What the kernel layer knows of the lab: namespaces, the physical LAN, time and randomness. */
export interface KernelWorld extends NetWorld {
  seed: number;
  rng: RngState;
  /** Virtual wall clock, ms since the epoch. */
  clock: number;
  /** Bumped on every change the UI may want to redraw. */
  revision: number;
  machines: Record<string, MachineState>;
  /** The first Docker host's LAN (what the topology picture labels): its subnet, gateway and segment. */
  lan: { subnet: string; prefix: number; gateway: string; segment: string };
  routerNs: string;
  /** null when the world has no internet (the router has no WAN leg). */
  internetNs: string | null;
}
