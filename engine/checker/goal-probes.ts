import { z } from 'zod';

/**
 * Probes of the goal language: real packet walks from one place of the lab to another, run on a
 * copy of the world. Endpoints (`from`, `reach.to`, `resolvesTo`, `neighbor.mac`):
 *   c1 · c1@host2 (a container, on the lab's first host unless placed) · host1 (a Docker host's own
 *   namespace) · laptop, router (a machine of the world) · service:web (every running task of the
 *   swarm service web, wherever it runs).
 */

const ipv4 = z.string().regex(/^\d{1,3}(\.\d{1,3}){3}$/, 'an IPv4 address such as 10.0.0.254');
const endpoint = z.string().min(1);

export const reachProbeSchema = z
  .object({
    id: z.string().optional(),
    reach: z
      .object({
        from: endpoint,
        /** An endpoint (resolved as the `from` side would resolve it when `by: name`) or an IPv4 address. */
        to: z.string().min(1),
        /** "name": resolve the name as typed; "address": each of the target's own addresses. */
        by: z.enum(['name', 'address']).default('name'),
        /** ping (ICMP) or a TCP connect to `port`. */
        via: z.enum(['ping', 'tcp']).default('ping'),
        port: z.number().int().min(1).max(65535).optional(),
        expect: z.enum(['reachable', 'blocked']),
      })
      .strict(),
  })
  .strict();

/** A container ("c2", "c2@host2"), "tasks:<service>" (every running task) or "vip:<service>" (its virtual IP). */
const resolveTarget = z.string().min(1);

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
         * When it resolves: what it must resolve to. Every container listed must have an address among
         * the answers, whatever address it was given; `tasks:api` needs every running task of api on a
         * network the asker shares with it; `vip:api` needs the service's virtual IP on that network.
         */
        resolvesTo: z.union([resolveTarget, z.array(resolveTarget).min(1)]).optional(),
        /** With `resolvesTo` or `address`: the answer holds no other address. */
        exactly: z.boolean().optional(),
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
        /** With `eachNode`, `{node}` stands for each Docker host's LAN address. */
        url: z.string().regex(/^https?:\/\//, 'a URL such as http://localhost:5000/'),
        status: z.number().int().default(200),
        /** Text the body must contain. */
        contains: z.string().optional(),
        /** Once per Docker host of the lab, `{node}` in the URL replaced by its address: one criterion, every node must answer. */
        eachNode: z.boolean().optional(),
      })
      .strict()
      .refine((h) => h.eachNode === true || !h.url.includes('{node}'), { message: '{node} in a URL needs eachNode: true', path: ['url'] })
      .refine((h) => h.eachNode !== true || h.url.includes('{node}'), { message: 'eachNode needs {node} in the URL', path: ['url'] }),
  })
  .strict();

export const neighborProbeSchema = z
  .object({
    id: z.string().optional(),
    neighbor: z
      .object({
        /** A machine or a Docker host, whose neighbour (ARP) table is read after pinging `address`. */
        from: endpoint,
        address: ipv4,
        /** Whose MAC the entry must hold: a host (its eth0) or a container (its interface holding `address`). */
        mac: endpoint,
      })
      .strict(),
  })
  .strict();

export const probeSchema = z.union([reachProbeSchema, resolveProbeSchema, httpProbeSchema, neighborProbeSchema]);

export type Probe = z.infer<typeof probeSchema>;
export type ReachProbe = z.infer<typeof reachProbeSchema>['reach'];
export type ResolveProbe = z.infer<typeof resolveProbeSchema>['resolve'];
export type HttpProbe = z.infer<typeof httpProbeSchema>['http'];
export type NeighborProbe = z.infer<typeof neighborProbeSchema>['neighbor'];
