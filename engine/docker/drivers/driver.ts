import type { NetNs, Rule } from '../../kernel/types';
import type { NetworkCreateSpec } from '../api';
import type { DockerCtx } from '../context';
import type { ContainerRec, LiveEndpoint, NetworkRec } from '../types';

/**
 * A network driver, as libnetwork's driverapi has them: it plumbs the host's kernel for its
 * networks and their endpoints. The daemon does IPAM, sandboxes and bookkeeping and calls the
 * driver for what is specific to it. A new driver is a folder here and a line in registry.ts.
 */
export interface NetworkDriver {
  readonly name: string;
  /** 'local' networks live on one host; 'swarm' ones are created through a manager. */
  readonly scope: 'local' | 'swarm';
  /** Only one network of this driver may exist (host, null). */
  readonly singleton: boolean;
  /** Endpoints get IPv4 addresses from the network's IPAM pools. */
  readonly ipam: boolean;
  /** Published ports reach containers through this driver's gateway (docker-proxy and DNAT). */
  readonly publishesPorts: boolean;
  /** Containers on its user-defined networks resolve each other through the embedded DNS. */
  readonly embeddedDns: boolean;
  /** Checks a create request (options, parent interface...): Docker's error text, or null. */
  validate?(ctx: DockerCtx, spec: NetworkCreateSpec): string | null;
  /** The gateway of a subnet the user gave no gateway for (null: none). */
  defaultGateway?(net: NetworkRec, firstHost: string): string | null;
  /** Creates what the network needs on the host (a bridge device). Docker's error text, or null. */
  createNetwork(ctx: DockerCtx, net: NetworkRec): string | null;
  deleteNetwork(ctx: DockerCtx, net: NetworkRec): void;
  /** Plumbs the container's interface for an endpoint whose address IPAM already chose. */
  join(ctx: DockerCtx, c: ContainerRec, ns: NetNs, plan: JoinPlan): Plumbed | string;
  leave(ctx: DockerCtx, c: ContainerRec, ep: LiveEndpoint, net: NetworkRec | undefined): void;
  /** The driver's share of the host's iptables, rebuilt from state (see daemon/firewall.ts). */
  firewall?(ctx: DockerCtx, nets: NetworkRec[], running: ContainerRec[], out: FirewallRules): void;
}

/** What the daemon decided for an endpoint before the driver plumbs it. */
export interface JoinPlan {
  net: NetworkRec;
  ip: string | null;
  prefix: number;
  gateway: string;
  mac: string | null;
}

/** The endpoint as the driver made it; the daemon names it (its endpoint id) afterwards. */
export type Plumbed = Omit<LiveEndpoint, 'endpointId'>;

/** Rules drivers contribute, per chain, in the order they must appear. */
export interface FirewallRules {
  filter: Map<string, Rule[]>;
  nat: Map<string, Rule[]>;
  raw: Map<string, Rule[]>;
  mangle: Map<string, Rule[]>;
}

export function addRules(table: Map<string, Rule[]>, chain: string, ...rules: Rule[]): void {
  const list = table.get(chain);
  if (list) list.push(...rules);
  else table.set(chain, [...rules]);
}
