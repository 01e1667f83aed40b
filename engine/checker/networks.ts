import type { SwarmCluster } from '../docker/types';
import type { DockerWorld } from '../docker/world';
import { at, crit, onHost, type Graded } from './criteria';
import type { NetworkGoal } from './goal';
import { swarmNetworkNamed } from './swarm-view';

/** A network as the goal sees it, whether a host's own record or an overlay in the swarm's store. */
export interface NetView {
  name: string;
  driver: string;
  subnet: string | null;
  gateway: string | null;
  internal: boolean;
  attachable: boolean;
  options: Record<string, string>;
}

const MODE_DEFAULT: Record<string, { key: string; mode: string }> = {
  macvlan: { key: 'macvlan_mode', mode: 'bridge' },
  ipvlan: { key: 'ipvlan_mode', mode: 'l2' },
};

/** macvlan and ipvlan write no mode into Options unless one was given: the driver's default applies. */
export function effectiveMode(n: NetView): string | null {
  const d = Object.hasOwn(MODE_DEFAULT, n.driver) ? MODE_DEFAULT[n.driver]! : null;
  if (!d) return null;
  return Object.hasOwn(n.options, d.key) ? n.options[d.key]! : d.mode;
}

/**
 * The network named `name` on `hostName`: its local networks, then the swarm's overlays (shown by
 * every manager). When both exist under that name, the one with the driver the goal asks for wins.
 */
export function findNetwork(world: DockerWorld, cluster: SwarmCluster | null, hostName: string, name: string, driver?: string): NetView | null {
  const host = Object.hasOwn(world.hosts, hostName) ? world.hosts[hostName]! : null;
  const found: NetView[] = [];
  for (const n of Object.values(host?.docker.networks ?? {})) {
    if (n.name !== name) continue;
    // A node's copy of an overlay: the swarm's record below is the same network, with its IPAM.
    if (n.scope === 'swarm' && cluster && Object.hasOwn(cluster.networks, n.id)) continue;
    found.push({ name, driver: n.driver, subnet: n.ipam[0]?.Subnet ?? null, gateway: n.ipam[0]?.Gateway ?? null, internal: n.internal, attachable: n.attachable, options: n.options });
  }
  const overlay = cluster ? swarmNetworkNamed(cluster, name) : null;
  if (overlay) {
    found.push({ name, driver: 'overlay', subnet: overlay.subnet, gateway: overlay.gateway, internal: overlay.internal, attachable: overlay.attachable, options: overlay.options });
  }
  return found.find((n) => n.driver === driver) ?? found[0] ?? null;
}

export function checkNetwork(world: DockerWorld, cluster: SwarmCluster | null, g: NetworkGoal): Graded[] {
  const first = world.hostOrder[0]!;
  const hostName = g.host ?? first;
  const id = `networks.${g.name}${at(g.host, first)}`;
  const who = onHost(g.name, g.host, first);
  if (!Object.hasOwn(world.hosts, hostName)) {
    return [crit(g.absent ? `${id}.absent` : id, `network ${who} exists`, false, `there is no host ${hostName} in this lab`)];
  }
  const net = findNetwork(world, cluster, hostName, g.name, g.driver);
  if (g.absent) {
    return [crit(`${id}.absent`, `there is no network ${who}`, !net, net ? `network ${who} still exists` : `${who} is gone`)];
  }
  const out = [crit(id, `network ${who} exists`, !!net, net ? `${who} exists (driver ${net.driver})` : `there is no network named ${who}`)];
  const missing = `network ${who} does not exist yet`;
  const field = (key: string, label: string, pass: boolean, message: string) => out.push(crit(`${id}.${key}`, label, net ? pass : false, net ? message : missing, [id]));
  if (g.driver !== undefined) {
    const ok = net?.driver === g.driver;
    field('driver', `${who} uses the ${g.driver} driver`, ok, ok ? `${who} uses ${g.driver}` : `${who} uses the ${net?.driver} driver, not ${g.driver}`);
  }
  if (g.subnet !== undefined) {
    const got = net?.subnet ?? null;
    field('subnet', `${who} uses the subnet ${g.subnet}`, got === g.subnet, got === g.subnet ? `${who} is on ${got}` : `${who} is on ${got ?? 'no subnet'}, not ${g.subnet}`);
  }
  if (g.gateway !== undefined) {
    const got = net?.gateway ?? null;
    field('gateway', `${who}'s gateway is ${g.gateway}`, got === g.gateway, got === g.gateway ? `gateway ${got}` : `${who}'s gateway is ${got ?? 'not set'}, not ${g.gateway}`);
  }
  if (g.internal !== undefined) {
    const ok = net?.internal === g.internal;
    field('internal', g.internal ? `${who} is internal` : `${who} is not internal`, ok, ok ? `internal: ${net?.internal}` : g.internal ? `${who} is not internal (create it with --internal)` : `${who} is internal, so it has no outside access`);
  }
  if (g.attachable !== undefined) {
    const ok = net?.attachable === g.attachable;
    field('attachable', g.attachable ? `${who} is attachable` : `${who} is not attachable`, ok, ok ? `attachable: ${net?.attachable}` : g.attachable ? `${who} is not attachable (create it with --attachable)` : `${who} is attachable`);
  }
  if (g.encrypted !== undefined) {
    const got = !!net && Object.hasOwn(net.options, 'encrypted');
    const ok = got === g.encrypted;
    field('encrypted', g.encrypted ? `${who} is encrypted` : `${who} is not encrypted`, ok, ok ? `encrypted: ${got}` : g.encrypted ? `${who} has no encrypted option (create it with --opt encrypted)` : `${who} is encrypted`);
  }
  if (g.parent !== undefined) {
    const got = net && Object.hasOwn(net.options, 'parent') ? net.options['parent']! : null;
    field('parent', `${who}'s parent interface is ${g.parent}`, got === g.parent, got === g.parent ? `parent ${got}` : got ? `${who}'s parent is ${got}, not ${g.parent}` : `${who} has no parent interface (driver ${net?.driver})`);
  }
  if (g.mode !== undefined) {
    const got = net ? effectiveMode(net) : null;
    field('mode', `${who} runs in ${g.mode} mode`, got === g.mode, got === g.mode ? `mode ${got}` : got ? `${who} runs in ${got} mode (${net?.driver}), not ${g.mode}` : `${who} uses the ${net?.driver} driver, which has no mode`);
  }
  for (const [k, v] of Object.entries(g.options ?? {})) {
    const got = net && Object.hasOwn(net.options, k) ? net.options[k] : undefined;
    field(`options.${k}`, `${who} has option ${k}=${v}`, got === v, got === v ? `${k}=${v}` : `${who} has ${k}=${got ?? '(unset)'}, not ${v}`);
  }
  return out;
}
