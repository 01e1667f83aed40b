import { broadcastOf, inSubnet, intToIp, ipToInt, networkOf, parseCidr, subnetsOverlap, type Cidr } from '../util/ipv4';

/**
 * From a parsed WorldSpec to a concrete plan: every NIC's segment, VLAN, address and gateway,
 * the router's legs, routes and leases. The same function finds the problems the schema reports
 * (so a spec that validates always builds) and feeds the builder (so both agree on addresses).
 */

// The parsed spec, as this module reads it (world/spec.ts's output satisfies it; spec.ts imports this file).
export interface NicInput {
  segment?: string | undefined;
  vlan?: number | undefined;
  trunk: number[];
  address?: string | null | undefined;
  promisc: boolean;
  filtersUnknownMacs: boolean;
  mtu: number;
}
export interface NodeInput extends NicInput {
  name: string;
  extraNics: NicInput[];
}
export interface WorldInput {
  hosts: (NodeInput & { docker: boolean })[];
  machines: NodeInput[];
  segments: {
    name: string;
    subnet: string | null;
    gateway?: string | null | undefined;
    vlans: { id: number; subnet: string | null; gateway?: string | null | undefined }[];
    hairpin: boolean;
    allowPromisc: boolean;
  }[];
  router: {
    name: string;
    ssh: boolean;
    wan: { address: string; gateway: string };
    dns: { upstream: string; leases: { name: string; address: string }[] };
    routes: { dst: string; via: string }[];
  };
  internet: boolean;
}

export interface PlannedNic {
  ifname: string;
  segment: string;
  vlan: number | null;
  tagged: number[];
  address: string | null;
  prefix: number;
  gateway: string | null;
  promisc: boolean;
  filtersUnknownMacs: boolean;
  mtu: number;
}

export interface PlannedNode {
  name: string;
  docker: boolean;
  /** eth0 first; eth0 always has an address. */
  nics: PlannedNic[];
}

export interface RouterAddr {
  /** eth0, or eth0.20 for a VLAN (a sub-interface on the trunk port). */
  ifname: string;
  vlan: number | null;
  address: string;
  prefix: number;
}

export interface RouterLeg {
  ifname: string;
  segment: string;
  /** VLANs the router's port carries tagged (those it routes). */
  tagged: number[];
  addrs: RouterAddr[];
}

export interface WorldPlan {
  hosts: PlannedNode[];
  machines: PlannedNode[];
  segments: { name: string; vlans: number[]; hairpin: boolean; allowPromisc: boolean }[];
  /** The first Docker host's eth0 network. */
  lan: { subnet: string; prefix: number; gateway: string; segment: string };
  router: {
    name: string;
    ssh: boolean;
    legs: RouterLeg[];
    wan: { address: string; prefix: number; gateway: string } | null;
    dnsUpstream: string;
    /** Leases the forwarder starts with (gateway, the router itself, extras); hosts add theirs as they join. */
    leases: [string, string][];
    routes: { dst: string; via: string; dev: string }[];
    /** Sources masqueraded out of wan0: every network the router routes. */
    natSources: string[];
  };
  internet: boolean;
}

export interface PlanProblem {
  path: (string | number)[];
  message: string;
}

export type PlanResult = { ok: true; plan: WorldPlan } | { ok: false; problems: PlanProblem[] };

/** An L3 network: a segment's untagged LAN or one of its VLANs. */
interface Net {
  segment: string;
  vlan: number | null;
  subnet: Cidr | null;
  gateway: string | null;
  label: string;
  taken: Set<string>;
}

const HOST_OFFSET = 11;
const MACHINE_OFFSET = 100;
const RESERVED_NAMES = new Set(['gateway', 'localhost']);

function subnetProblem(text: string | null): string | null {
  if (text === null) return null;
  const c = parseCidr(text)!;
  const net = networkOf(c.ip, c.prefix);
  if (net !== c.ip) return `${text} is not a network address (did you mean ${net}/${c.prefix}?)`;
  if (c.prefix > 30) return `${text} has no room for hosts (use a prefix of 30 or less)`;
  return null;
}

function usable(ip: string, c: Cidr): boolean {
  return inSubnet(ip, c) && ip !== networkOf(c.ip, c.prefix) && ip !== broadcastOf(c.ip, c.prefix);
}

export function planWorld(spec: WorldInput): PlanResult {
  const problems: PlanProblem[] = [];
  const bad = (path: (string | number)[], message: string) => problems.push({ path, message });

  // Segments, VLANs and their networks.
  const nets = new Map<string, Net>();
  const key = (segment: string, vlan: number | null) => `${segment}|${vlan ?? ''}`;
  const addNet = (path: (string | number)[], segment: string, vlan: number | null, subnetText: string | null, gw: string | null | undefined, label: string) => {
    const sp = subnetProblem(subnetText);
    if (sp) bad([...path, 'subnet'], sp);
    const subnet = subnetText !== null && !sp ? parseCidr(subnetText) : null;
    let gateway: string | null = null;
    if (gw !== undefined && gw !== null) {
      if (subnetText === null) bad([...path, 'gateway'], `${label} has no subnet, so it cannot have a gateway`);
      else if (subnet && !usable(gw, subnet)) bad([...path, 'gateway'], `${gw} is not a usable address of ${subnetText}`);
      else gateway = gw;
    } else if (gw === undefined && subnet) gateway = intToIp(ipToInt(networkOf(subnet.ip, subnet.prefix)) + 1);
    for (const other of nets.values()) {
      if (subnet && other.subnet && subnetsOverlap(subnet, other.subnet)) bad([...path, 'subnet'], `${subnetText} overlaps ${other.label} (${other.subnet.ip}/${other.subnet.prefix})`);
    }
    nets.set(key(segment, vlan), { segment, vlan, subnet, gateway, label, taken: new Set(gateway ? [gateway] : []) });
  };
  const segNames = new Set<string>();
  spec.segments.forEach((s, i) => {
    if (segNames.has(s.name)) bad(['segments', i, 'name'], `duplicate segment name "${s.name}"`);
    segNames.add(s.name);
    addNet(['segments', i], s.name, null, s.subnet, s.gateway, `segment ${s.name}`);
    const ids = new Set<number>();
    s.vlans.forEach((v, j) => {
      if (ids.has(v.id)) bad(['segments', i, 'vlans', j, 'id'], `duplicate VLAN ${v.id} on segment ${s.name}`);
      ids.add(v.id);
      addNet(['segments', i, 'vlans', j], s.name, v.id, v.subnet, v.gateway, `VLAN ${v.id} of segment ${s.name}`);
    });
  });
  const segByName = new Map(spec.segments.map((s) => [s.name, s]));
  let wan: WorldPlan['router']['wan'] = null;
  if (spec.internet) {
    const w = parseCidr(spec.router.wan.address)!;
    const wanNet = { ip: networkOf(w.ip, w.prefix), prefix: w.prefix };
    if (!usable(w.ip, wanNet) || w.prefix > 30) bad(['router', 'wan', 'address'], `${spec.router.wan.address} is not a usable interface address`);
    else if (!usable(spec.router.wan.gateway, wanNet) || spec.router.wan.gateway === w.ip) bad(['router', 'wan', 'gateway'], `${spec.router.wan.gateway} is not another address of ${wanNet.ip}/${wanNet.prefix}`);
    for (const n of nets.values()) if (n.subnet && subnetsOverlap(n.subnet, wanNet)) bad(['router', 'wan', 'address'], `${spec.router.wan.address} overlaps ${n.label}`);
    wan = { address: w.ip, prefix: w.prefix, gateway: spec.router.wan.gateway };
  }

  // Names: hosts, machines, the router and extra leases share one DNS.
  const names = new Map<string, string>();
  const claim = (path: (string | number)[], name: string, what: string) => {
    if (RESERVED_NAMES.has(name)) bad(path, `"${name}" is reserved (the router answers it)`);
    else if (names.has(name)) bad(path, `"${name}" is already the name of ${names.get(name)}`);
    else names.set(name, what);
  };
  claim(['router', 'name'], spec.router.name, 'the router');
  spec.hosts.forEach((h, i) => claim(['hosts', i, 'name'], h.name, `hosts[${i}]`));
  spec.machines.forEach((m, i) => claim(['machines', i, 'name'], m.name, `machines[${i}]`));
  spec.router.dns.leases.forEach((l, i) => claim(['router', 'dns', 'leases', i, 'name'], l.name, `router.dns.leases[${i}]`));
  if (spec.hosts.length > 0 && !spec.hosts.some((h) => h.docker)) bad(['hosts'], 'a world needs at least one Docker host');

  // NICs: place each on its network, reserve explicit addresses, then hand out the rest in order.
  interface Pending {
    nic: PlannedNic;
    net: Net | null;
    offset: number;
    path: (string | number)[];
  }
  const pending: Pending[] = [];
  const planNode = (n: NodeInput, docker: boolean, path: (string | number)[], offset: number): PlannedNode => {
    const nics = [n, ...n.extraNics].map((nic, k) => {
      const p = k === 0 ? path : [...path, 'extraNics', k - 1];
      const segName = nic.segment ?? spec.segments[0]!.name;
      const seg = segByName.get(segName);
      const planned: PlannedNic = {
        ifname: `eth${k}`,
        segment: segName,
        vlan: nic.vlan ?? null,
        tagged: [...nic.trunk],
        address: null,
        prefix: 32,
        gateway: null,
        promisc: nic.promisc,
        filtersUnknownMacs: nic.filtersUnknownMacs,
        mtu: nic.mtu,
      };
      if (!seg) {
        bad([...p, 'segment'], `no segment named "${segName}" (segments: ${spec.segments.map((s) => s.name).join(', ')})`);
        return planned;
      }
      const declared = new Set(seg.vlans.map((v) => v.id));
      if (nic.vlan !== undefined && !declared.has(nic.vlan)) bad([...p, 'vlan'], vlanMissing(seg.name, nic.vlan, declared));
      nic.trunk.forEach((v, j) => {
        if (!declared.has(v)) bad([...p, 'trunk', j], vlanMissing(seg.name, v, declared));
      });
      const net = nets.get(key(segName, nic.vlan ?? null)) ?? null;
      if (net?.subnet) {
        planned.prefix = net.subnet.prefix;
        planned.gateway = net.gateway;
      }
      const item: Pending = { nic: planned, net, offset, path: [...p, 'address'] };
      if (nic.address === null) {
        if (k === 0) bad(item.path, 'eth0 needs an address (only extraNics may have none)');
      } else if (nic.address !== undefined) {
        if (!net?.subnet) bad(item.path, `${net?.label ?? `segment ${segName}`} has no subnet to take ${nic.address} from`);
        else if (!usable(nic.address, net.subnet)) bad(item.path, `${nic.address} is not a usable address of ${net.label} (${net.subnet.ip}/${net.subnet.prefix})`);
        else if (net.taken.has(nic.address)) bad(item.path, `${nic.address} is already taken on ${net.label}`);
        else {
          net.taken.add(nic.address);
          planned.address = nic.address;
        }
      } else pending.push(item);
      return planned;
    });
    return { name: n.name, docker, nics };
  };
  const hosts = spec.hosts.map((h, i) => planNode(h, h.docker, ['hosts', i], HOST_OFFSET));
  const machines = spec.machines.map((m, i) => planNode(m, false, ['machines', i], MACHINE_OFFSET));
  for (const item of pending) {
    const { net, nic } = item;
    if (!net) continue;
    if (!net.subnet) {
      if (nic.ifname === 'eth0') bad(item.path, `${net.label} has no subnet, so eth0 gets no address (give the node another segment or VLAN)`);
      continue;
    }
    const ip = nextFree(net, item.offset);
    if (!ip) bad(item.path, `no free address left on ${net.label} from .${item.offset} (give one explicitly)`);
    else {
      net.taken.add(ip);
      nic.address = ip;
    }
  }

  const router = planRouter(spec, nets, bad, wan);
  if (problems.length > 0) return { ok: false, problems };
  const first = hosts.find((h) => h.docker)!.nics[0]!;
  const lanNet = nets.get(key(first.segment, first.vlan))!;
  return {
    ok: true,
    plan: {
      hosts,
      machines,
      segments: spec.segments.map((s) => ({ name: s.name, vlans: s.vlans.map((v) => v.id), hairpin: s.hairpin, allowPromisc: s.allowPromisc })),
      lan: { subnet: lanNet.subnet!.ip, prefix: lanNet.subnet!.prefix, gateway: lanNet.gateway ?? '', segment: first.segment },
      router,
      internet: spec.internet,
    },
  };
}

function vlanMissing(segment: string, vlan: number, declared: Set<number>): string {
  return declared.size === 0
    ? `segment ${segment} declares no VLANs (it carries any tag as it is; list VLANs in its vlans to make it a managed switch)`
    : `segment ${segment} has no VLAN ${vlan} (VLANs: ${[...declared].join(', ')})`;
}

function nextFree(net: Net, offset: number): string | null {
  const c = net.subnet!;
  const base = ipToInt(networkOf(c.ip, c.prefix));
  const last = ipToInt(broadcastOf(c.ip, c.prefix)) - 1;
  for (let n = base + offset; n <= last; n++) {
    const ip = intToIp(n);
    if (!net.taken.has(ip)) return ip;
  }
  return null;
}

function planRouter(spec: WorldInput, nets: Map<string, Net>, bad: (path: (string | number)[], message: string) => void, wan: WorldPlan['router']['wan']): WorldPlan['router'] {
  const legs: RouterLeg[] = [];
  for (const s of spec.segments) {
    const ifname = `eth${legs.length}`;
    const addrs: RouterAddr[] = [];
    const tagged: number[] = [];
    const untagged = nets.get(`${s.name}|`);
    if (untagged?.gateway && untagged.subnet) addrs.push({ ifname, vlan: null, address: untagged.gateway, prefix: untagged.subnet.prefix });
    for (const v of s.vlans) {
      const n = nets.get(`${s.name}|${v.id}`);
      if (!n?.gateway || !n.subnet) continue;
      tagged.push(v.id);
      addrs.push({ ifname: `${ifname}.${v.id}`, vlan: v.id, address: n.gateway, prefix: n.subnet.prefix });
    }
    if (addrs.length > 0) legs.push({ ifname, segment: s.name, tagged, addrs });
  }
  const all = legs.flatMap((l) => l.addrs);
  const routes: WorldPlan['router']['routes'] = [];
  spec.router.routes.forEach((r, i) => {
    const sp = subnetProblem(r.dst);
    if (sp) bad(['router', 'routes', i, 'dst'], sp);
    const leg = all.find((a) => inSubnet(r.via, { ip: a.address, prefix: a.prefix }));
    if (!leg) bad(['router', 'routes', i, 'via'], `${r.via} is on none of the router's networks (${all.map((a) => `${networkOf(a.address, a.prefix)}/${a.prefix}`).join(', ') || 'it has no LAN leg'})`);
    else if (all.some((a) => a.address === r.via)) bad(['router', 'routes', i, 'via'], `${r.via} is the router's own address`);
    else routes.push({ dst: r.dst, via: r.via, dev: leg.ifname });
  });
  const gateway = all[0]?.address;
  const leases: [string, string][] = gateway ? [['gateway', gateway], [spec.router.name, gateway]] : [];
  for (const l of spec.router.dns.leases) leases.push([l.name, l.address]);
  return {
    name: spec.router.name,
    ssh: spec.router.ssh,
    legs,
    wan,
    dnsUpstream: spec.router.dns.upstream,
    leases,
    routes,
    natSources: [...all.map((a) => `${networkOf(a.address, a.prefix)}/${a.prefix}`), ...routes.map((r) => r.dst)],
  };
}
