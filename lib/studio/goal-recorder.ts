/**
 * "Record a goal from the lab": turns the state of a lab the author played in into goal
 * candidates (networks with their options, containers with their attachments, and probes between
 * containers) that the author prunes before they go into an exercise. Probes are not guessed:
 * every candidate is graded on the lab with the engine's checker, so each one records what the
 * lab does now ("c1 cannot reach c3"). Uses only engine/index.ts: `lab.topology()`, a restored
 * copy of the lab for `docker network inspect` (the author's lab and history stay untouched), and
 * `checkGoal`. Client-safe.
 */
import { checkGoal, restoreLab, type Lab, type TopologyContainer } from '../../engine/index';

import type { GoalCandidate, GoalContainer, GoalNetwork, GoalProbe } from './goal-candidates';

export { goalFromCandidates, type GoalCandidate } from './goal-candidates';

const DEFAULT_NETWORKS = new Set(['bridge', 'host', 'none']);
const SPECIAL_MODES = /^(host|none|container:.+)$/;
/** Pairs grow as n²: probes are proposed among this many running containers per host. */
const MAX_PROBED = 8;

interface Inspected {
  Attachable?: unknown;
  Options?: unknown;
}

/** `docker network inspect` on a restored copy, for what the topology view leaves out. */
async function inspectNetworks(lab: Lab, host: string, names: string[]): Promise<Map<string, Inspected>> {
  const out = new Map<string, Inspected>();
  if (names.length === 0) return out;
  const copy = await restoreLab(lab.snapshot(), { pacing: 'instant' });
  if (!copy.ok) return out;
  const result = await copy.lab.openSession(host).run(`docker network inspect ${names.join(' ')}`);
  try {
    const parsed: unknown = JSON.parse(result.output);
    if (Array.isArray(parsed)) {
      for (const entry of parsed as { Name?: unknown }[]) if (typeof entry?.Name === 'string') out.set(entry.Name, entry as Inspected);
    }
  } catch {
    // Not JSON (an error text): record without options.
  }
  return out;
}

const at = (name: string, host: string, firstHost: string) => (host === firstHost ? name : `${name}@${host}`);

export async function recordGoal(lab: Lab): Promise<GoalCandidate[]> {
  const topology = lab.topology();
  const firstHost = topology.hosts[0]?.name ?? 'host1';
  const candidates: GoalCandidate[] = [];
  const probes: { probe: GoalProbe; label: string; flip: () => { probe: GoalProbe; label: string } | null; selected: boolean }[] = [];

  for (const host of topology.hosts) {
    const onHost = host.name === firstHost ? {} : { host: host.name };
    const userNetworks = host.networks.filter((n) => !DEFAULT_NETWORKS.has(n.name));
    const inspected = await inspectNetworks(lab, host.name, userNetworks.map((n) => n.name));
    for (const n of userNetworks) {
      const extra = inspected.get(n.name);
      const options = extra?.Options && typeof extra.Options === 'object' ? Object.entries(extra.Options as Record<string, unknown>).filter(([, v]) => typeof v === 'string') : [];
      const network: GoalNetwork = {
        name: n.name,
        driver: n.driver as GoalNetwork['driver'],
        ...(n.subnet ? { subnet: n.subnet } : {}),
        ...(n.internal ? { internal: true } : {}),
        ...(extra?.Attachable === true ? { attachable: true } : {}),
        ...(options.length > 0 ? { options: Object.fromEntries(options) as Record<string, string> } : {}),
        ...onHost,
      };
      const facts = [n.driver, n.subnet, n.internal ? 'internal' : null, options.length ? `${options.length} option(s)` : null].filter(Boolean).join(', ');
      candidates.push({ key: `network:${host.name}:${n.name}`, kind: 'network', label: `Network ${n.name} (${facts})`, selected: true, network });
    }

    for (const c of host.containers) {
      const attachments = c.endpoints
        .filter(() => !SPECIAL_MODES.test(c.networkMode))
        .map((e) => ({ network: e.networkName, ...(e.aliases.length ? { aliases: e.aliases } : {}) }));
      const container: GoalContainer = {
        name: c.name,
        image: c.image,
        state: (['running', 'exited', 'created', 'paused'] as const).find((s) => s === c.state) ?? 'exited',
        ...(SPECIAL_MODES.test(c.networkMode) ? { networkMode: c.networkMode } : {}),
        ...(attachments.length ? { networks: attachments } : {}),
        // A published range (count > 1) is recorded by its first port: a goal of 65,535 ports helps nobody.
        ...(c.ports.length ? { ports: c.ports.map((p) => ({ containerPort: p.containerPort, hostPort: p.hostPort, protocol: p.protocol })) } : {}),
        ...onHost,
      };
      const where = SPECIAL_MODES.test(c.networkMode) ? `network ${c.networkMode}` : `on ${attachments.map((a) => a.network).join(', ') || 'no network'}`;
      candidates.push({ key: `container:${host.name}:${c.name}`, kind: 'container', label: `Container ${c.name} (${c.image}, ${c.state}, ${where})`, selected: true, container });
      for (const e of c.endpoints) {
        if (e.ipv4 && !SPECIAL_MODES.test(c.networkMode)) {
          candidates.push({
            key: `address:${host.name}:${c.name}:${e.networkName}`,
            kind: 'address',
            label: `${c.name} has the address ${e.ipv4} on ${e.networkName}`,
            selected: false,
            container: c.name,
            network: e.networkName,
            ip: e.ipv4,
          });
        }
      }
    }

    const running = host.containers.filter((c) => c.state === 'running' && c.networkMode !== 'none').slice(0, MAX_PROBED);
    const name = (c: TopologyContainer) => at(c.name, host.name, firstHost);
    for (const from of running) {
      for (const to of running) {
        if (from === to) continue;
        probes.push({
          probe: { id: `${from.name}-resolves-${to.name}`, resolve: { from: name(from), name: to.name, expect: 'resolves' } },
          label: `${from.name} resolves ${to.name}`,
          selected: false,
          flip: () => ({ probe: { id: `${from.name}-cannot-resolve-${to.name}`, resolve: { from: name(from), name: to.name, expect: 'fails' } }, label: `${from.name} cannot resolve ${to.name}` }),
        });
      }
    }
    for (const c of host.containers.filter((x) => x.state === 'running')) {
      for (const p of c.ports.filter((x) => x.protocol === 'tcp')) {
        const url = `http://localhost:${p.hostPort}/`;
        probes.push({
          probe: { id: `${host.name}-gets-${c.name}-${p.hostPort}`, http: { from: host.name, url, status: 200 } },
          label: `${host.name} gets ${url} (${c.name})`,
          selected: true,
          flip: () => null,
        });
      }
    }
  }

  // Grade every resolve candidate at once, then propose reach probes by name where names
  // resolve, by address where they do not.
  const graded = grade(lab, probes.map((p) => p.probe));
  const reach: typeof probes = [];
  probes.forEach((p, i) => {
    const pass = graded[i];
    if (pass === undefined) return;
    const kept = pass ? { probe: p.probe, label: p.label } : p.flip();
    if (!kept) return;
    candidates.push({ key: `probe:${kept.probe.id}`, kind: 'probe', label: kept.label, selected: p.selected, probe: kept.probe });
    if ('resolve' in p.probe) {
      const { from, name: to } = p.probe.resolve;
      const by = pass ? 'name' : 'address';
      const short = from.split('@')[0];
      reach.push({
        probe: { id: `${short}-reaches-${to}`, reach: { from, to, by, expect: 'reachable' } },
        label: `${short} reaches ${to} (ping by ${by})`,
        selected: true,
        flip: () => ({ probe: { id: `${short}-cannot-reach-${to}`, reach: { from, to, by, expect: 'blocked' } }, label: `${short} cannot reach ${to} (ping by ${by})` }),
      });
    }
  });
  const reached = grade(lab, reach.map((r) => r.probe));
  reach.forEach((r, i) => {
    const kept = reached[i] ? { probe: r.probe, label: r.label } : r.flip();
    if (kept) candidates.push({ key: `probe:${kept.probe.id}`, kind: 'probe', label: kept.label, selected: r.selected, probe: kept.probe });
  });
  return candidates;
}

/** Whether each probe passes on the lab (undefined: the checker refused it). */
function grade(lab: Lab, probes: GoalProbe[]): (boolean | undefined)[] {
  if (probes.length === 0) return [];
  const outcome = checkGoal(lab, { probes });
  if (!outcome.ok) return probes.map(() => undefined);
  return probes.map((p) => outcome.report.criteria.find((c) => c.id === `probes.${p.id}`)?.pass);
}
