import { z } from 'zod';

/**
 * The goal language of graded exercises: a declarative target topology. Goals name behaviour and
 * facts a learner chose (names, subnets, addresses they were asked for), never ids or incidental
 * addresses, so every topology that does the job passes.
 */

const name = z.string().min(1).max(64);
const cidr = z.string().regex(/^\d{1,3}(\.\d{1,3}){3}\/\d{1,2}$/, 'a CIDR such as 10.0.0.0/24');
const ipv4 = z.string().regex(/^\d{1,3}(\.\d{1,3}){3}$/, 'an IPv4 address such as 10.0.0.254');

export const networkGoalSchema = z
  .object({
    name,
    /** The network must not exist. */
    absent: z.boolean().optional(),
    driver: z.enum(['bridge', 'host', 'null', 'macvlan', 'ipvlan', 'overlay']).optional(),
    subnet: cidr.optional(),
    gateway: ipv4.optional(),
    internal: z.boolean().optional(),
    attachable: z.boolean().optional(),
    options: z.record(z.string(), z.string()).optional(),
    /** Which host the network lives on (default: the lab's first host). */
    host: z.string().optional(),
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
    /** The container must be on exactly the networks listed (none other). */
    onlyTheseNetworks: z.boolean().optional(),
    /** Networks the container must NOT be attached to. */
    notOn: z.array(name).optional(),
    ports: z.array(portGoalSchema).optional(),
    host: z.string().optional(),
  })
  .strict()
  .refine((c) => c.name !== undefined || c.match !== undefined, { message: 'a container goal needs a name or a match' });

/** "c2" (a container on the first host), "c2@host2", "host1" (a Docker host), "laptop" (a LAN machine). */
const endpoint = z.string().min(1);

export const reachProbeSchema = z
  .object({
    id: z.string().optional(),
    reach: z
      .object({
        from: endpoint,
        /** A container name (resolved as the `from` side would resolve it), a host name, or an IPv4 address. */
        to: z.string().min(1),
        /** "name": ping the name as typed; "address": each of the target container's addresses. */
        by: z.enum(['name', 'address']).default('name'),
        /** ping (ICMP) or a TCP connect to `port`. */
        via: z.enum(['ping', 'tcp']).default('ping'),
        port: z.number().int().min(1).max(65535).optional(),
        expect: z.enum(['reachable', 'blocked']),
      })
      .strict(),
  })
  .strict();

export const resolveProbeSchema = z
  .object({
    id: z.string().optional(),
    resolve: z
      .object({
        from: endpoint,
        name: z.string().min(1),
        expect: z.enum(['resolves', 'fails']),
        /** When it resolves: the address it must resolve to. */
        address: ipv4.optional(),
        /**
         * When it resolves: the container(s) it must resolve to ("c2", "c2@host2"). Every one listed
         * must have an address among the answers, whatever address it was given.
         */
        resolvesTo: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]).optional(),
      })
      .strict(),
  })
  .strict();

export const httpProbeSchema = z
  .object({
    id: z.string().optional(),
    http: z
      .object({
        from: endpoint,
        url: z.string().regex(/^https?:\/\//, 'a URL such as http://localhost:5000/'),
        status: z.number().int().default(200),
        /** Text the body must contain. */
        contains: z.string().optional(),
      })
      .strict(),
  })
  .strict();

export const probeSchema = z.union([reachProbeSchema, resolveProbeSchema, httpProbeSchema]);

export const goalSchema = z
  .object({
    networks: z.array(networkGoalSchema).default([]),
    containers: z.array(containerGoalSchema).default([]),
    probes: z.array(probeSchema).default([]),
  })
  .strict()
  .refine((g) => g.networks.length + g.containers.length + g.probes.length > 0, { message: 'a goal needs at least one criterion' });

export type Goal = z.infer<typeof goalSchema>;
export type GoalInput = z.input<typeof goalSchema>;
export type NetworkGoal = z.infer<typeof networkGoalSchema>;
export type ContainerGoal = z.infer<typeof containerGoalSchema>;
export type Probe = z.infer<typeof probeSchema>;

export interface CriterionResult {
  /** Stable id, e.g. "networks.my_bridge.subnet", "containers.c3.networks.my_bridge.ip", "probes.0". */
  id: string;
  /** What is checked, in plain words ("my_bridge uses 10.0.0.0/24"). */
  label: string;
  pass: boolean;
  /** What was found, in plain words ("c3 is attached to bridge, expected my_bridge"). */
  message: string;
}

export interface CheckReport {
  pass: boolean;
  criteria: CriterionResult[];
}
