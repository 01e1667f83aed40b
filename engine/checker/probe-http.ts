import { dockerAppEnv } from '../docker/daemon/app-env';
import type { SwarmCluster } from '../docker/types';
import type { DockerWorld } from '../docker/world';
import { httpGet, type HttpFailure } from '../apps/http';
import { resolveName } from '../apps/resolver';
import { roundTrip } from '../kernel/deliver';
import type { NetNs } from '../kernel/types';
import { listWords } from './criteria';
import type { HttpProbe, NeighborProbe } from './goal-probes';
import type { Outcome } from './outcome';
import { endpointLabel, placesOf, type Place } from './places';

export const FAILURE_WORDS: Record<HttpFailure, string> = {
  empty: 'the server closed the connection without answering',
  'not-http': 'the server answered something that is not HTTP',
  refused: 'connection refused',
  timeout: 'no answer (timed out)',
  'net-unreachable': 'network unreachable (no route)',
  'host-unreachable': 'host unreachable',
  reset: 'connection reset',
};

function getOnce(world: DockerWorld, from: Place, url: string, h: HttpProbe): Outcome {
  if (from.problem || !from.ns) return { pass: false, message: from.problem ?? `${from.label} has no network` };
  const m = /^https?:\/\/([^/:]+)(?::(\d+))?(\/.*)?$/.exec(url);
  if (!m) return { pass: false, message: `cannot read the URL ${url}` };
  const res = resolveName(dockerAppEnv(world), from.ns, from.hosts, from.resolv, m[1]!);
  if (!res.ok) return { pass: false, message: `${from.label} cannot resolve ${m[1]}` };
  const port = m[2] ? Number(m[2]) : 80;
  const got = httpGet(dockerAppEnv(world), from.ns, res.ip, port, { path: m[3] ?? '/', host: m[1]!, userAgent: 'docknet-checker', method: 'GET' });
  if (!got.ok) return { pass: false, message: `${url} from ${from.label}: ${FAILURE_WORDS[got.reason]}` };
  const statusOk = got.res.status === h.status;
  const bodyOk = h.contains === undefined || got.res.body.includes(h.contains);
  const message = !statusOk
    ? `${url} answered ${got.res.status}, not ${h.status}`
    : !bodyOk
      ? `${url} answered ${got.res.status} but the page does not contain "${h.contains}"`
      : `${url} answered ${got.res.status}`;
  return { pass: statusOk && bodyOk, message };
}

/**
 * GET from each place; with `eachNode`, once per Docker host, `{node}` being its LAN address. One
 * outcome: every place and node must answer; the message names where it did not.
 */
export function checkHttp(world: DockerWorld, places: Place[], h: HttpProbe): Outcome {
  const nodes = h.eachNode ? world.hostOrder.map((name) => ({ name, url: h.url.replaceAll('{node}', world.hosts[name]!.address) })) : [{ name: '', url: h.url }];
  const failures: string[] = [];
  let firstPass: string | null = null;
  for (const from of places) {
    for (const node of nodes) {
      const r = getOnce(world, from, node.url, h);
      if (r.pass) firstPass ??= r.message;
      else failures.push(node.name ? `${r.message} (${node.name})` : r.message);
    }
  }
  const total = places.length * nodes.length;
  if (failures.length === 0) {
    const where = h.eachNode ? ` on ${listWords(nodes.map((n) => n.name))}` : '';
    return { pass: true, message: `${total > 1 && h.eachNode ? h.url : firstPass}${h.eachNode ? ` answered ${h.status}${where}` : ''}${places.length > 1 ? ` (from all ${places.length} tasks)` : ''}` };
  }
  const shown = failures.slice(0, 3).join('; ');
  return { pass: false, message: failures.length > 3 ? `${shown}; and ${failures.length - 3} more` : shown };
}

/** Whose NIC carries a MAC: hosts and machines first (an ipvlan child shares its parent's MAC), then containers. */
function macOwner(world: DockerWorld, mac: string, machinesOnly = false): string | null {
  const lower = mac.toLowerCase();
  const nicOf = (nsId: string) => world.netns[nsId]?.links.find((l) => l.kind !== 'loopback' && l.mac?.toLowerCase() === lower);
  for (const h of world.hostOrder) {
    const link = nicOf(world.hosts[h]!.nsId);
    if (link) return `${h}'s ${link.name}`;
  }
  for (const m of Object.values(world.machines)) {
    const link = nicOf(m.nsId);
    if (link) return `${m.name}'s ${link.name}`;
  }
  if (machinesOnly) return null;
  for (const h of world.hostOrder) {
    for (const c of Object.values(world.hosts[h]!.docker.containers)) {
      const link = c.nsId ? nicOf(c.nsId) : undefined;
      if (link) return `${c.name}'s ${link.name}`;
    }
  }
  return null;
}

/** The MAC the goal means: a host's or machine's eth0, or the container's interface holding `address`. */
function wantedMac(world: DockerWorld, cluster: SwarmCluster | null, ref: string, address: string): { mac: string; whose: string } | string {
  const places = placesOf(world, cluster, ref);
  if (typeof places === 'string') return places;
  const place = places[0]!;
  const ns: NetNs | null = place.container ? (place.container.c.nsId ? world.netns[place.container.c.nsId] ?? null : null) : place.ns;
  if (!ns) return place.problem ?? `${place.label} has no network`;
  const link = place.container ? ns.links.find((l) => l.addrs.some((a) => a.ip === address)) : ns.links.find((l) => l.name === 'eth0');
  if (!link?.mac) return place.container ? `${place.label} has no interface with the address ${address}` : `${place.label} has no eth0`;
  if (place.container) {
    // A container's "own" MAC: an ipvlan child answers with its parent's, which is the host's, not the container's.
    const shared = macOwner(world, link.mac, true);
    if (shared) return `${place.label} has no MAC of its own on ${address}: its ${link.name} uses ${link.mac}, ${shared}'s MAC`;
  }
  return { mac: link.mac, whose: `${endpointLabel(world, ref)}'s ${link.name}` };
}

/** Pings `address` from `from` (so the entry is fresh), then reads the MAC its neighbour table holds. */
export function checkNeighbor(world: DockerWorld, cluster: SwarmCluster | null, from: Place, n: NeighborProbe): Outcome {
  if (from.problem || !from.ns) return { pass: false, message: from.problem ?? `${from.label} has no network` };
  const rt = roundTrip(world, from.ns, { proto: 'icmp', dst: n.address, dport: null });
  if (!rt.ok) return { pass: false, message: `${from.label} gets no reply from ${n.address}` };
  const entry = from.ns.neigh?.[n.address];
  if (!entry) return { pass: false, message: `${from.label} has no neighbour entry for ${n.address} (it is not on ${from.label}'s LAN)` };
  const whose = macOwner(world, entry.mac);
  const found = `${entry.mac}${whose ? ` (${whose})` : ''}`;
  const wanted = wantedMac(world, cluster, n.mac, n.address);
  if (typeof wanted === 'string') return { pass: false, message: `${from.label} has ${found} for ${n.address}, but ${wanted}` };
  if (entry.mac.toLowerCase() === wanted.mac.toLowerCase()) return { pass: true, message: `${from.label} has ${found} for ${n.address}` };
  return { pass: false, message: `${from.label} has ${found} for ${n.address}, not ${wanted.mac} (${wanted.whose})` };
}
