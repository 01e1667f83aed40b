import { createDefaultNetworks } from '../docker/daemon/networks';
import type { DockerState } from '../docker/types';
import { addAddr, addLink, addRoute, addVethPair, createNs } from '../kernel/netns';
import { randomId, randomMac, seedRng } from '../util/rng';
import { PUBLIC_HOSTS } from '../apps/internet';
import type { HostState } from '../docker/world';
import { STATE_VERSION, type WorldState } from './state';

/** 2026-11-20 09:00 UTC: the lab's clock starts here so that transcripts do not depend on the real date. */
export const LAB_EPOCH = Date.UTC(2026, 10, 20, 9, 0, 0);

export const LAN = { subnet: '192.168.1.0', prefix: 24, gateway: '192.168.1.1', segment: 'lan' };
const WAN = { router: '198.51.100.2', isp: '198.51.100.1', prefix: 24 };

export interface WorldOptions {
  hosts: string[];
  seed: number;
  /** Extra LAN machines that are not Docker hosts (for probes from outside). */
  machines?: string[];
}

export function hostAddress(index: number): string {
  return `192.168.1.${11 + index}`;
}

export function createWorld(opts: WorldOptions): WorldState & { version: number } {
  const world: WorldState & { version: number } = {
    version: STATE_VERSION,
    netns: {},
    netVersion: 0,
    seed: opts.seed,
    rng: seedRng(opts.seed),
    clock: LAB_EPOCH,
    hosts: {},
    hostOrder: [],
    machines: {},
    lan: { ...LAN },
    routerNs: 'router',
    internetNs: 'internet',
    revision: 0,
  };
  buildInternet(world);
  buildRouter(world);
  opts.hosts.forEach((name, i) => addDockerHost(world, name, hostAddress(i)));
  (opts.machines ?? ['laptop']).forEach((name, i) => addMachine(world, name, `192.168.1.${100 + i}`));
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

function buildRouter(world: WorldState): void {
  const ns = createNs(world, 'router', 'router', 'gateway');
  ns.ipForward = true;
  const lan = addLink(world, ns, { name: 'eth0', kind: 'ether', mac: randomMac(world.rng) });
  lan.segment = LAN.segment;
  lan.up = true;
  addAddr(world, ns, lan, { ip: LAN.gateway, prefix: LAN.prefix, scope: 'global' });
  const inet = world.netns['internet']!;
  const [wan, isp] = addVethPair(world, ns, { name: 'wan0', mac: randomMac(world.rng) }, inet, { name: 'eth0', mac: randomMac(world.rng) });
  wan.up = true;
  isp.up = true;
  addAddr(world, ns, wan, { ip: WAN.router, prefix: WAN.prefix, scope: 'global' });
  addAddr(world, inet, isp, { ip: WAN.isp, prefix: WAN.prefix, scope: 'global' });
  addRoute(world, ns, { dst: 'default', via: WAN.isp, dev: 'wan0' });
  ns.nf.nat.find((c) => c.name === 'POSTROUTING')!.rules.push({
    match: { src: `${LAN.subnet}/${LAN.prefix}`, out: 'wan0' },
    target: 'MASQUERADE',
  });
  // The router's DHCP leases: hosts and machines add themselves as they join the LAN.
  const leases = (): [string, string][] => [
    ['gateway', LAN.gateway],
    ['router', LAN.gateway],
  ];
  ns.listeners.push({ proto: 'udp', ip: '0.0.0.0', port: 53, app: { kind: 'dns-forwarder', upstream: '8.8.8.8', leases: leases() } });
  ns.listeners.push({ proto: 'tcp', ip: '0.0.0.0', port: 53, app: { kind: 'dns-forwarder', upstream: '8.8.8.8', leases: leases() } });
}

function hostFiles(name: string, address: string): Record<string, string> {
  return {
    '/etc/hostname': `${name}\n`,
    '/etc/hosts': `127.0.0.1\tlocalhost\n127.0.1.1\t${name}\n\n# The following lines are desirable for IPv6 capable hosts\n::1     localhost ip6-localhost ip6-loopback\nff02::1 ip6-allnodes\nff02::2 ip6-allrouters\n`,
    '/etc/resolv.conf': `nameserver ${LAN.gateway}\n`,
    '/etc/os-release': `PRETTY_NAME="Debian GNU/Linux 13 (trixie)"\nNAME="Debian GNU/Linux"\nVERSION_ID="13"\nVERSION="13 (trixie)"\nVERSION_CODENAME=trixie\nID=debian\nHOME_URL="https://www.debian.org/"\nSUPPORT_URL="https://www.debian.org/support"\nBUG_REPORT_URL="https://bugs.debian.org/"\n`,
    '/proc/sys/net/ipv4/ip_forward': '1\n',
    '/etc/docknet-address': `${address}\n`,
  };
}

function plugIntoLan(world: WorldState, nsId: string, address: string): void {
  const ns = world.netns[nsId]!;
  for (const l of world.netns[world.routerNs]!.listeners) {
    if (l.app.kind === 'dns-forwarder') l.app.leases.push([ns.hostname, address]);
  }
  const eth = addLink(world, ns, { name: 'eth0', kind: 'ether', mac: randomMac(world.rng) });
  eth.segment = LAN.segment;
  eth.up = true;
  addAddr(world, ns, eth, { ip: address, prefix: LAN.prefix, scope: 'global' });
  addRoute(world, ns, { dst: 'default', via: LAN.gateway, dev: 'eth0', proto: 'dhcp', src: address, metric: 100 });
  ns.listeners.push({ proto: 'tcp', ip: '0.0.0.0', port: 22, app: { kind: 'sshd' } });
}

export function addDockerHost(world: WorldState, name: string, address: string): HostState {
  const nsId = `host:${name}`;
  const ns = createNs(world, nsId, 'host', name);
  ns.ipForward = true;
  plugIntoLan(world, nsId, address);
  const docker: DockerState = {
    images: {},
    containers: {},
    networks: {},
    nextEphemeralPort: 32768,
    nextPid: 1841,
    daemonId: randomId(world.rng).slice(0, 36),
  };
  const host: HostState = { name, nsId, address, docker, files: hostFiles(name, address) };
  world.hosts[name] = host;
  world.hostOrder.push(name);
  createDefaultNetworks({ world, host });
  return host;
}

function addMachine(world: WorldState, name: string, address: string): void {
  const nsId = `machine:${name}`;
  createNs(world, nsId, 'machine', name);
  plugIntoLan(world, nsId, address);
  world.machines[name] = { name, nsId, address, files: hostFiles(name, address) };
}
