import { createDefaultNetworks } from '../docker/daemon/networks';
import type { DockerState } from '../docker/types';
import { addAddr, addLink, addRoute, addVethPair, createNs } from '../kernel/netns';
import type { Segment } from '../kernel/segment';
import type { NetNs } from '../kernel/types';
import { randomId, randomMac, seedRng } from '../util/rng';
import { PUBLIC_HOSTS } from '../apps/internet';
import type { HostState } from '../docker/world';
import { planWorld, type PlannedNic, type PlannedNode, type WorldPlan } from './plan';
import { formatWorldIssues, worldSpecSchema, type WorldSpec } from './spec';
import { STATE_VERSION, type WorldState } from './state';
import { shapedRule } from '../kernel/nf-shape';

/**
 * The one composition root: a world (namespaces, the switches, the router, the internet, a
 * Docker daemon's state per host) built from a WorldSpec. The order of random draws is part of
 * the contract: the same spec and seed give the same MACs and ids, so transcripts never move.
 */

/** 2026-11-20 09:00 UTC: the lab's clock starts here so that transcripts do not depend on the real date. */
export const LAB_EPOCH = Date.UTC(2026, 10, 20, 9, 0, 0);

/** Builds a world from a WorldSpec that worldSpecSchema has already parsed. */
export function createWorld(spec: WorldSpec, seed: number): WorldState & { version: number } {
  const planned = planWorld(spec);
  if (!planned.ok) {
    // Unreachable for a parsed spec (the schema runs the same plan); say what is wrong all the same.
    throw new Error(`invalid world: ${formatWorldIssues(worldSpecSchema.safeParse(spec).error!)}`);
  }
  const plan = planned.plan;
  const segments: Record<string, Segment> = {};
  for (const s of plan.segments) segments[s.name] = { ...s, ports: [] };
  const world: WorldState & { version: number } = {
    version: STATE_VERSION,
    netns: {},
    netVersion: 0,
    segments,
    seed,
    rng: seedRng(seed),
    clock: LAB_EPOCH,
    hosts: {},
    hostOrder: [],
    machines: {},
    lan: { ...plan.lan },
    routerNs: 'router',
    internetNs: plan.internet ? 'internet' : null,
    revision: 0,
  };
  if (plan.internet) buildInternet(world);
  buildRouter(world, plan);
  for (const h of plan.hosts) {
    if (h.docker) addDockerHost(world, h);
    else addMachine(world, h);
  }
  for (const m of plan.machines) addMachine(world, m);
  return world;
}

function buildInternet(world: WorldState): void {
  const ns = createNs(world, 'internet', 'internet', 'internet');
  ns.ttl = 120;
  const pub = addLink(world, ns, { name: 'pub0', kind: 'dummy', mac: randomMac(world.rng) });
  pub.up = true;
  const seen = new Set<string>();
  for (const h of PUBLIC_HOSTS) {
    if (seen.has(h.ip)) continue;
    seen.add(h.ip);
    addAddr(world, ns, pub, { ip: h.ip, prefix: 32, scope: 'global' });
    if (h.dns) ns.listeners.push({ proto: 'udp', ip: h.ip, port: 53, app: { kind: 'dns-server' } }, { proto: 'tcp', ip: h.ip, port: 53, app: { kind: 'dns-server' } });
    if (h.site) {
      ns.listeners.push({ proto: 'tcp', ip: h.ip, port: 80, app: { kind: 'web-site', site: h.names[0]! } });
      ns.listeners.push({ proto: 'tcp', ip: h.ip, port: 443, app: { kind: 'web-site', site: h.names[0]! } });
    }
  }
}

/** Plugs a new NIC of `ns` into its segment's switch. */
function plugNic(world: WorldState, ns: NetNs, nic: Pick<PlannedNic, 'ifname' | 'segment' | 'vlan' | 'tagged' | 'promisc' | 'filtersUnknownMacs' | 'mtu'>) {
  const eth = addLink(world, ns, { name: nic.ifname, kind: 'ether', mac: randomMac(world.rng), mtu: nic.mtu });
  eth.segment = nic.segment;
  eth.up = true;
  if (nic.promisc) eth.promisc = true;
  world.segments[nic.segment]!.ports.push({
    ns: ns.id,
    ifindex: eth.ifindex,
    vlan: nic.vlan,
    tagged: [...nic.tagged],
    filtersUnknownMacs: nic.filtersUnknownMacs,
    promisc: nic.promisc,
  });
  return eth;
}

function buildRouter(world: WorldState, plan: WorldPlan): void {
  const r = plan.router;
  const ns = createNs(world, world.routerNs, 'router', r.name);
  ns.ipForward = true;
  for (const leg of r.legs) {
    const eth = plugNic(world, ns, { ifname: leg.ifname, segment: leg.segment, vlan: null, tagged: leg.tagged, promisc: false, filtersUnknownMacs: false, mtu: 1500 });
    for (const a of leg.addrs) {
      let dev = eth;
      if (a.vlan !== null) {
        // Router on a stick: an 802.1q sub-interface per routed VLAN, with its parent's MAC as in Linux.
        dev = addLink(world, ns, { name: a.ifname, kind: 'vlan', mac: eth.mac });
        dev.lower = { ns: ns.id, ifindex: eth.ifindex };
        dev.vlanId = a.vlan;
        dev.up = true;
      }
      addAddr(world, ns, dev, { ip: a.address, prefix: a.prefix, scope: 'global' });
    }
  }
  const inet = plan.internet ? world.netns['internet']! : null;
  if (inet && r.wan) {
    const [wan, isp] = addVethPair(world, ns, { name: 'wan0', mac: randomMac(world.rng) }, inet, { name: 'eth0', mac: randomMac(world.rng) });
    wan.up = true;
    isp.up = true;
    addAddr(world, ns, wan, { ip: r.wan.address, prefix: r.wan.prefix, scope: 'global' });
    addAddr(world, inet, isp, { ip: r.wan.gateway, prefix: r.wan.prefix, scope: 'global' });
    addRoute(world, ns, { dst: 'default', via: r.wan.gateway, dev: 'wan0' });
    const postrouting = ns.nf.nat.find((c) => c.name === 'POSTROUTING')!;
    for (const src of r.natSources) postrouting.rules.push(shapedRule({ match: { src, out: 'wan0' }, target: 'MASQUERADE' }));
  }
  for (const route of r.routes) addRoute(world, ns, { dst: route.dst, via: route.via, dev: route.dev, proto: 'static' });
  // The router's DHCP leases: hosts and machines add themselves as they join the LAN.
  const leases = (): [string, string][] => r.leases.map(([n, a]) => [n, a]);
  ns.listeners.push({ proto: 'udp', ip: '0.0.0.0', port: 53, app: { kind: 'dns-forwarder', upstream: r.dnsUpstream, leases: leases() } });
  ns.listeners.push({ proto: 'tcp', ip: '0.0.0.0', port: 53, app: { kind: 'dns-forwarder', upstream: r.dnsUpstream, leases: leases() } });
  if (r.ssh) {
    ns.listeners.push({ proto: 'tcp', ip: '0.0.0.0', port: 22, app: { kind: 'sshd' } });
    const address = r.legs[0]?.addrs[0]?.address ?? r.wan?.address ?? '';
    world.machines[r.name] = { name: r.name, nsId: ns.id, address, files: nodeFiles(r.name, address, r.dnsUpstream) };
  }
}

function nodeFiles(name: string, address: string, nameserver: string | null): Record<string, string> {
  return {
    '/etc/hostname': `${name}\n`,
    '/etc/hosts': `127.0.0.1\tlocalhost\n127.0.1.1\t${name}\n\n# The following lines are desirable for IPv6 capable hosts\n::1     localhost ip6-localhost ip6-loopback\nff02::1 ip6-allnodes\nff02::2 ip6-allrouters\n`,
    '/etc/resolv.conf': nameserver ? `nameserver ${nameserver}\n` : '',
    '/etc/os-release': `PRETTY_NAME="Debian GNU/Linux 13 (trixie)"\nNAME="Debian GNU/Linux"\nVERSION_ID="13"\nVERSION="13 (trixie)"\nVERSION_CODENAME=trixie\nID=debian\nHOME_URL="https://www.debian.org/"\nSUPPORT_URL="https://www.debian.org/support"\nBUG_REPORT_URL="https://bugs.debian.org/"\n`,
    '/proc/sys/net/ipv4/ip_forward': '1\n',
    '/etc/docknet-address': `${address}\n`,
  };
}

/** A node's NICs on their switches, its addresses, DHCP routes and lease, and sshd. Returns eth0's address. */
function plugIntoLan(world: WorldState, ns: NetNs, node: PlannedNode): string {
  const eth0 = node.nics[0]!;
  for (const l of world.netns[world.routerNs]!.listeners) {
    if (l.app.kind === 'dns-forwarder') l.app.leases.push([ns.hostname, eth0.address!]);
  }
  node.nics.forEach((nic, k) => {
    const eth = plugNic(world, ns, nic);
    if (nic.address === null) return;
    addAddr(world, ns, eth, { ip: nic.address, prefix: nic.prefix, scope: 'global' });
    if (nic.gateway) addRoute(world, ns, { dst: 'default', via: nic.gateway, dev: nic.ifname, proto: 'dhcp', src: nic.address, metric: 100 + k });
  });
  ns.listeners.push({ proto: 'tcp', ip: '0.0.0.0', port: 22, app: { kind: 'sshd' } });
  return eth0.address!;
}

function addDockerHost(world: WorldState, node: PlannedNode): HostState {
  const name = node.name;
  const nsId = `host:${name}`;
  const ns = createNs(world, nsId, 'host', name);
  ns.ipForward = true;
  const address = plugIntoLan(world, ns, node);
  const docker: DockerState = {
    images: {},
    containers: {},
    networks: {},
    nextEphemeralPort: 32768,
    nextPid: 1841,
    daemonId: randomId(world.rng).slice(0, 36),
  };
  const host: HostState = { name, nsId, address, docker, files: nodeFiles(name, address, node.nics[0]!.gateway) };
  world.hosts[name] = host;
  world.hostOrder.push(name);
  createDefaultNetworks({ world, host });
  return host;
}

function addMachine(world: WorldState, node: PlannedNode): void {
  const nsId = `machine:${node.name}`;
  const ns = createNs(world, nsId, 'machine', node.name);
  const address = plugIntoLan(world, ns, node);
  world.machines[node.name] = { name: node.name, nsId, address, files: nodeFiles(node.name, address, node.nics[0]!.gateway) };
}
