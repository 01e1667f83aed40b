import { z } from 'zod';
import type { CommandFailure } from '../api';
import { probeSchema } from './goal-probes';

/**
 * The goal language of graded exercises: a declarative target topology. Goals name behaviour and
 * facts a learner chose (names, subnets, addresses they were asked for), never ids or incidental
 * addresses, so every topology that does the job passes.
 *
 * Hosts: any item may carry `host: hostN`; without it the item is on the lab's first host. An item
 * on another host gets `@hostN` in its criterion ids (`containers.api@host2.state`), so the ids of
 * single-host goals never change. Swarm-scoped objects (overlays, services, nodes) take no host.
 */

const name = z.string().min(1).max(64);
const hostName = z.string().min(1).max(64);
const cidr = z.string().regex(/^\d{1,3}(\.\d{1,3}){3}\/\d{1,2}$/, 'a CIDR such as 10.0.0.0/24');
const ipv4 = z.string().regex(/^\d{1,3}(\.\d{1,3}){3}$/, 'an IPv4 address such as 10.0.0.254');

export const networkGoalSchema = z
  .object({
    name,
    /** The network must not exist. */
    absent: z.boolean().optional(),
    driver: z.enum(['bridge', 'host', 'null', 'macvlan', 'ipvlan', 'overlay']).optional(),
    /** For overlays, read from the swarm's IPAM configuration. */
    subnet: cidr.optional(),
    gateway: ipv4.optional(),
    internal: z.boolean().optional(),
    attachable: z.boolean().optional(),
    /** An overlay created with `--opt encrypted` (any value: Docker only looks for the key). */
    encrypted: z.boolean().optional(),
    /** macvlan/ipvlan parent interface as given (`eth0`, `eth0.20`). */
    parent: z.string().min(1).optional(),
    /** The effective driver mode, default applied: macvlan bridge|private|vepa|passthru (bridge), ipvlan l2|l3|l3s (l2). */
    mode: z.enum(['bridge', 'private', 'vepa', 'passthru', 'l2', 'l3', 'l3s']).optional(),
    options: z.record(z.string(), z.string()).optional(),
    /** Which host's local network (default: the lab's first host). Leave out for overlays. */
    host: hostName.optional(),
  })
  .strict();

export const attachmentGoalSchema = z
  .object({
    network: name,
    ip: ipv4.optional(),
    /** The address must fall inside this subnet (when the exact address is not the point). */
    ipIn: cidr.optional(),
    aliases: z.array(z.string()).optional(),
  })
  .strict();

export const portGoalSchema = z
  .object({
    containerPort: z.number().int().min(1).max(65535),
    hostPort: z.number().int().min(1).max(65535).optional(),
    protocol: z.enum(['tcp', 'udp']).default('tcp'),
    hostIp: ipv4.optional(),
  })
  .strict();

export const containerGoalSchema = z
  .object({
    /** Match by name... */
    name: name.optional(),
    /** ...or any container of this image / with this label ("key=value"). */
    match: z.object({ image: z.string().optional(), label: z.string().optional() }).strict().optional(),
    absent: z.boolean().optional(),
    image: z.string().optional(),
    state: z.enum(['running', 'exited', 'created', 'paused']).optional(),
    /** "bridge", "host", "none", "container:<name>" or a user network's name. */
    networkMode: z.string().optional(),
    networks: z.array(attachmentGoalSchema).optional(),
    /** The container must be on exactly the networks listed (none other). Criterion `containers.<c>.only`. */
    onlyTheseNetworks: z.boolean().optional(),
    /** Networks the container must NOT be attached to. */
    notOn: z.array(name).optional(),
    ports: z.array(portGoalSchema).optional(),
    /** The host the container is looked up on (default: the lab's first host). */
    host: hostName.optional(),
  })
  .strict()
  .refine((c) => c.name !== undefined || c.match !== undefined, { message: 'a container goal needs a name or a match' });

/** Swarm membership as a manager's `docker node ls` shows it. */
export const nodeGoalSchema = z
  .object({
    /** The node's hostname. */
    name: hostName,
    role: z.enum(['manager', 'worker']).optional(),
    status: z.enum(['ready', 'down']).optional(),
    availability: z.enum(['active', 'pause', 'drain']).optional(),
  })
  .strict();

export const servicePortGoalSchema = z
  .object({
    published: z.number().int().min(1).max(65535),
    target: z.number().int().min(1).max(65535).optional(),
    protocol: z.enum(['tcp', 'udp']).default('tcp'),
    mode: z.enum(['ingress', 'host']).default('ingress'),
  })
  .strict();

/** A swarm service, as a manager's `service inspect` / `service ps` show it. */
export const serviceGoalSchema = z
  .object({
    name,
    /** Repository as typed; tag and digest are ignored unless given. */
    image: z.string().min(1).optional(),
    mode: z.enum(['replicated', 'global']).optional(),
    /** Desired replicas (replicated services). */
    replicas: z.number().int().min(0).optional(),
    /** Tasks in state Running, over all nodes (for a global service: the nodes that run one). */
    running: z.number().int().min(0).optional(),
    endpointMode: z.enum(['vip', 'dnsrr']).optional(),
    /** Networks the service must be attached to (at least these; ingress is never listed). */
    networks: z.array(name).optional(),
    /** Attached to exactly `networks`, ingress not counted. Criterion `services.<s>.only`. */
    onlyTheseNetworks: z.boolean().optional(),
    /** Each listed port must be in the endpoint spec with that mode; `[]`: nothing is published. */
    ports: z.array(servicePortGoalSchema).optional(),
    /** Every running task is on one of these nodes. */
    tasksOn: z.array(hostName).min(1).optional(),
  })
  .strict();

/**
 * What a terminal shows, for exercise texts that ask for it ("your prompt comes back to the host"):
 * the terminal on `host` the learner typed in last is at its host's prompt (`at: host`) or inside
 * the shell of the container named by `at`.
 */
export const terminalGoalSchema = z
  .object({
    host: hostName.optional(),
    at: z.string().min(1),
  })
  .strict();

export const goalSchema = z
  .object({
    nodes: z.array(nodeGoalSchema).default([]),
    networks: z.array(networkGoalSchema).default([]),
    containers: z.array(containerGoalSchema).default([]),
    services: z.array(serviceGoalSchema).default([]),
    probes: z.array(probeSchema).default([]),
    terminals: z.array(terminalGoalSchema).default([]),
  })
  .strict()
  .refine((g) => g.nodes.length + g.networks.length + g.containers.length + g.services.length + g.probes.length + g.terminals.length > 0, {
    message: 'a goal needs at least one criterion',
  });

export type Goal = z.infer<typeof goalSchema>;
export type GoalInput = z.input<typeof goalSchema>;
export type NetworkGoal = z.infer<typeof networkGoalSchema>;
export type ContainerGoal = z.infer<typeof containerGoalSchema>;
export type NodeGoal = z.infer<typeof nodeGoalSchema>;
export type ServiceGoal = z.infer<typeof serviceGoalSchema>;
export type TerminalGoal = z.infer<typeof terminalGoalSchema>;
export type { Probe } from './goal-probes';

export interface CriterionResult {
  /** Stable id, e.g. "networks.my_bridge.subnet", "containers.api@host2.state", "probes.0". */
  id: string;
  /** What is checked, in plain words ("my_bridge uses 10.0.0.0/24"). */
  label: string;
  pass: boolean;
  /** What was found, in plain words ("c3 is on bridge, not on my_bridge"). */
  message: string;
  /**
   * A failing criterion that explains this failing one (its first cause): a field of a container
   * that does not exist, a probe from a container that is not running. Absent on roots and passes.
   */
  dependsOn?: string;
}

export interface CheckReport {
  pass: boolean;
  criteria: CriterionResult[];
  /**
   * When the goal fails and the learner's last command meant to change the lab failed (and nothing
   * changed the lab successfully since): that command and its error, to show first.
   */
  failedCommand?: CommandFailure;
}
