import { z } from 'zod';
import { planWorld } from './plan';

/**
 * A lab's world as data: Docker hosts and other machines, the switches they plug into (with
 * VLANs, trunks, hairpin and promiscuous-mode policy), the router between them and a small
 * internet. `{ hosts: ['host1', 'host2'] }` is today's world: one LAN 192.168.1.0/24, the router
 * at .1, hosts from .11, the laptop at .100, the internet behind 198.51.100.0/24.
 * Lessons (`lab.world`), `npm run lab -- --world file.json` and createLab({ world }) read it;
 * docs/world.schema.json is its JSON Schema (scripts/world-schema.ts writes it).
 *
 * This module is a leaf (zod and world/plan.ts only): engine/api.ts takes its types.
 */

const NAME_RE = /^[a-z][a-z0-9-]{0,30}$/;
export const worldNameSchema = z.string().regex(NAME_RE, 'a name is lower-case letters, digits and dashes, starting with a letter (at most 31)');
const ipv4 = z.ipv4({ error: 'not an IPv4 address' });
const cidr = z.cidrv4({ error: 'not an IPv4 subnet such as 192.168.1.0/24' });
const vlanId = z.int().min(1, 'a VLAN id is between 1 and 4094').max(4094, 'a VLAN id is between 1 and 4094');

const nicFields = {
  segment: worldNameSchema.optional().describe('The segment (switch) the NIC plugs into. Default: the first segment.'),
  vlan: vlanId
    .optional()
    .describe("The switch port's access VLAN (a trunk's native VLAN): untagged frames belong to it. Only on a segment that declares VLANs. Default: the segment's untagged LAN."),
  trunk: z
    .array(vlanId)
    .default([])
    .describe('VLANs the switch port also carries tagged (802.1q), for sub-interfaces such as eth0.50. Only on a segment that declares them. Default: none (an access port).'),
  address: ipv4
    .nullable()
    .optional()
    .describe("The NIC's IPv4 address (the prefix is its network's). Default: the next free one from .11 of the network for hosts, from .100 for machines. null: no address (not for eth0)."),
  promisc: z.boolean().default(false).describe('The NIC starts in promiscuous mode (ip -d link: promiscuity 1).'),
  filtersUnknownMacs: z
    .boolean()
    .default(false)
    .describe('The NIC drops frames for MACs it does not own unless it is promiscuous, as cloud VMs do: macvlan children on it are cut off.'),
  mtu: z.int().min(576).max(9216).default(1500).describe('MTU of the NIC.'),
};

export const nicSchema = z.strictObject(nicFields).meta({ id: 'WorldNic', description: 'A network card and the switch port it plugs into.' });

const nodeFields = {
  name: worldNameSchema.describe('Host name (the prompt, DNS lease, ssh target).'),
  ...nicFields,
  extraNics: z.array(nicSchema).max(3).default([]).describe('More NICs: eth1, eth2, ... (the fields above describe eth0).'),
};

const hostObject = z
  .strictObject({
    ...nodeFields,
    docker: z.boolean().default(true).describe('Runs a Docker daemon. false: a plain Linux machine, like the laptop.'),
  })
  .meta({ id: 'WorldHost', description: 'A machine of the lab, Docker host by default. Its own fields describe eth0.' });

const machineObject = z.strictObject(nodeFields).meta({ id: 'WorldMachine', description: 'A LAN machine without Docker (the laptop). Its own fields describe eth0.' });

/** A host: a bare name, or the object form; both come out as the object. */
export const hostSpecSchema = z.union([worldNameSchema.transform((name) => hostObject.parse({ name })), hostObject]);
export const machineSpecSchema = z.union([worldNameSchema.transform((name) => machineObject.parse({ name })), machineObject]);

export const vlanSpecSchema = z
  .strictObject({
    id: vlanId,
    subnet: cidr.nullable().default(null).describe('Its IPv4 subnet, or null for a VLAN with no addressing of its own (a learner or Docker brings it).'),
    gateway: ipv4.nullable().optional().describe("The router's address on the VLAN (a sub-interface on its trunk port). Default: the first address of the subnet; null: the router does not route it."),
  })
  .meta({ id: 'WorldVlan', description: 'A VLAN of a managed switch.' });

export const segmentSpecSchema = z
  .strictObject({
    name: worldNameSchema,
    subnet: cidr.nullable().describe('IPv4 subnet of the untagged LAN, or null for none.'),
    gateway: ipv4.nullable().optional().describe("The router's address on the untagged LAN. Default: the first address of the subnet; null: the router has no leg here."),
    vlans: z
      .array(vlanSpecSchema)
      .default([])
      .describe('VLANs of a managed switch. None: an unmanaged switch that carries any 802.1q tag from any port.'),
    hairpin: z.boolean().default(false).describe('The switch sends frames back out of the port they came in on (reflective relay, for macvlan/ipvlan vepa).'),
    allowPromisc: z.boolean().default(true).describe('Promiscuous NICs get frames for other MACs (false: a vSwitch that ignores promisc).'),
  })
  .meta({ id: 'WorldSegment', description: 'A switch: an L2 segment with its own untagged LAN and optional VLANs.' });

export const DEFAULT_SEGMENT = { name: 'lan', subnet: '192.168.1.0/24', gateway: '192.168.1.1' } as const;

export const routerSpecSchema = z
  .strictObject({
    name: worldNameSchema.default('router').describe("The router's host name (DNS name, ssh target)."),
    ssh: z.boolean().default(false).describe('Runs sshd: `ssh router` enters it (ip route add, ip neigh ...).'),
    wan: z
      .strictObject({
        address: cidr.default('198.51.100.2/24').describe('The WAN leg (wan0), address/prefix.'),
        gateway: ipv4.default('198.51.100.1').describe("The ISP's address, the router's default route."),
      })
      .prefault({})
      .describe('The leg to the internet (unused without one).'),
    dns: z
      .strictObject({
        upstream: ipv4.default('8.8.8.8').describe('Where names that are not leases are forwarded.'),
        leases: z
          .array(z.strictObject({ name: worldNameSchema, address: ipv4 }))
          .default([])
          .describe('Extra names the DNS forwarder answers (every host and machine gets one by itself).'),
      })
      .prefault({})
      .describe('The DNS forwarder on port 53 with its DHCP leases.'),
    routes: z
      .array(z.strictObject({ dst: cidr, via: ipv4 }))
      .default([])
      .describe('Static routes, e.g. to a network behind a Docker host (ipvlan l3): the router NATs them to the internet too.'),
  })
  .meta({ id: 'WorldRouter', description: 'The router: a leg on each segment and VLAN with a gateway, a WAN leg, a DNS forwarder.' });

const worldObject = z
  .strictObject({
    $schema: z.string().optional().describe('The JSON Schema a world file follows, for editors (docs/world.schema.json); ignored.'),
    hosts: z.array(hostSpecSchema).min(1).max(16).prefault(['host1']).describe('Docker hosts (and other machines with docker: false), in order; terminals open on the first Docker host.'),
    machines: z.array(machineSpecSchema).max(16).prefault(['laptop']).describe('LAN machines without Docker.'),
    segments: z.array(segmentSpecSchema).min(1).max(8).prefault([DEFAULT_SEGMENT]).describe('The switches; the first is where NICs plug in by default.'),
    router: routerSpecSchema.prefault({}),
    internet: z.boolean().default(true).describe('A small internet behind the router (8.8.8.8, example.com, ...). false: the router has no WAN leg.'),
  })
  .describe('A Docknet lab world.');

export type WorldSpecParsed = z.output<typeof worldObject>;

/** The WorldSpec schema, with the checks that span fields (names, addresses, segments, VLANs). */
export const worldSpecSchema = worldObject.superRefine((spec, ctx) => {
  const planned = planWorld(spec);
  if (!planned.ok) for (const p of planned.problems) ctx.addIssue({ code: 'custom', path: p.path, message: p.message });
});

export type WorldSpec = z.output<typeof worldSpecSchema>;
export type WorldSpecInput = z.input<typeof worldSpecSchema>;
export type HostSpec = z.output<typeof hostObject>;
export type MachineSpec = z.output<typeof machineObject>;
export type NicSpec = z.output<typeof nicSchema>;
export type SegmentSpec = z.output<typeof segmentSpecSchema>;
export type RouterSpec = z.output<typeof routerSpecSchema>;

type Issue = z.core.$ZodIssue;

/**
 * A union (a host as a name or an object) reports "Invalid input" with each branch's issues
 * inside; when only one branch got past the type check, its issues are the ones that matter.
 */
function plainIssues(issues: readonly Issue[], base: PropertyKey[] = []): { path: PropertyKey[]; message: string }[] {
  return issues.flatMap((i) => {
    const path = [...base, ...i.path];
    if (i.code === 'invalid_union' && i.errors.length > 0) {
      const typed = i.errors.filter((branch) => !branch.every((b) => b.code === 'invalid_type'));
      if (typed.length === 1) return plainIssues(typed[0]!, path);
    }
    return [{ path, message: i.message }];
  });
}

/** One line per problem, "hosts[1].address: ..." (what createLab and `npm run lab` print). */
export function formatWorldIssues(error: z.ZodError): string {
  return plainIssues(error.issues)
    .map((i) => {
      const path = i.path.map((p, n) => (typeof p === 'number' ? `[${p}]` : `${n > 0 ? '.' : ''}${String(p)}`)).join('');
      return path ? `${path}: ${i.message}` : i.message;
    })
    .join('\n');
}

export type WorldSpecResult = { ok: true; spec: WorldSpec } | { ok: false; error: string };

/** Validates a WorldSpec; the error names each bad field. */
export function parseWorldSpec(input: unknown): WorldSpecResult {
  const r = worldSpecSchema.safeParse(input);
  return r.success ? { ok: true, spec: r.data } : { ok: false, error: formatWorldIssues(r.error) };
}
