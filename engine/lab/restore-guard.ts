/**
 * The last check before a saved lab is handed back: a trial run on a throwaway copy.
 *
 * restoreLab's structural check sees only the outline of the state. A save damaged inside a record
 * (a container without `hostConfig`, `ports: null`, `endpoints: [{}]`, a network with `ipam: null`)
 * passed it and then broke the page in `topology()`, or loaded and made every `docker` command
 * print `sim: internal error` (issue 13, finding 1). Describing every field of the state in a
 * schema would go stale with each change to the engine; running what a learner's first minute runs
 * does not. So a copy of the world is opened in a lab of its own and asked for its topology and
 * the read-only views (`docker ps -a`, `network ls`, `inspect` of everything, `ip addr`,
 * `iptables -S`) on every host. Anything that throws or reports an internal error refuses the
 * save. The copy is thrown away: the trial leaves no trace (clock, logs) in the lab restored.
 */
import type { Lab, Topology } from '../api';

type Json = Record<string, unknown>;

function isRecord(x: unknown): x is Json {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** Containers and networks are filed under their own id; any other key (`__proto__`) is damage. */
function misfiledRecord(state: Json): string | null {
  const hosts = state['hosts'];
  if (!isRecord(hosts)) return null;
  for (const name of Object.keys(hosts)) {
    const host = hosts[name];
    const docker = isRecord(host) ? host['docker'] : null;
    if (!isRecord(docker)) continue;
    for (const kind of ['containers', 'networks'] as const) {
      const records = docker[kind];
      if (!isRecord(records)) continue;
      for (const key of Object.keys(records)) {
        const record = records[key];
        if (!isRecord(record) || record['id'] !== key) return `host ${name} has a ${kind.slice(0, -1)} record filed under "${key}"`;
      }
    }
  }
  return null;
}

const INTERNAL_ERROR = 'sim: internal error';

/** The most containers, addresses and ports a trial reaches into, so a big lab still opens at once. */
const TRIAL_CAP = 20;

/**
 * Command lines that together read every container, network and namespace of a host: the views,
 * then a packet walk to each container, a name looked up on each user network, a short-lived
 * container on each network, and each published port. Harmless on the throwaway copy, where it runs.
 */
function trialLines(topology: Topology, host: string): string[] {
  const lines = ['docker ps -a', 'docker network ls', 'docker images', 'ip addr', 'ip route', 'iptables -S', 'iptables -t nat -S'];
  const view = topology.hosts.find((h) => h.name === host);
  if (!view) return lines;
  // -f: every record is still built in full (a damaged one still fails), but a published range's
  // 100,000 bindings are not printed only to be thrown away.
  if (view.containers.length > 0) lines.push(`docker inspect -f '{{.Id}}' ${view.containers.map((c) => c.id).join(' ')}`);
  if (view.networks.length > 0) lines.push(`docker network inspect ${view.networks.map((n) => n.id).join(' ')}`);
  const running = view.containers.filter((c) => c.state === 'running');
  const addresses = running.flatMap((c) => c.endpoints.flatMap((e) => (e.ipv4 ? [e.ipv4.split('/')[0]!] : [])));
  for (const address of addresses.slice(0, TRIAL_CAP)) lines.push(`ping -c 1 -W 1 ${address}`);
  for (const c of running.slice(0, TRIAL_CAP)) {
    const peer = running.find((p) => p !== c && p.endpoints.some((e) => e.networkName !== 'bridge' && c.endpoints.some((m) => m.networkId === e.networkId)));
    if (peer) lines.push(`docker exec ${c.id} ping -c 1 -W 1 ${peer.name}`);
  }
  // Starting a container on each network takes an address from its IPAM state and gives it back.
  for (const n of view.networks.slice(0, TRIAL_CAP)) lines.push(`docker run --rm --network ${n.id} alpine true`);
  const ports = running.flatMap((c) => c.ports.map((p) => p.hostPort));
  for (const port of [...new Set(ports)].slice(0, TRIAL_CAP)) lines.push(`curl -s -m 1 localhost:${port}`);
  return lines;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Opens a copy of `state` with `open` (which must give the trial a world of its own) and runs the
 * trial. Returns why the save must be refused, or null when every view answered. Never throws.
 */
export async function trialRun(state: Json, open: () => Lab): Promise<string | null> {
  const misfiled = misfiledRecord(state);
  if (misfiled) return misfiled;
  let step = 'opening the lab';
  try {
    const lab = open();
    step = 'drawing its topology';
    // Drawn once: the trial's lines read the lab and leave it as they found it.
    const topology = lab.topology();
    for (const host of lab.hosts) {
      step = `opening a terminal on ${host}`;
      const session = lab.openSession(host);
      for (const line of trialLines(topology, host)) {
        step = `${host}$ ${line.length > 60 ? `${line.slice(0, 57)}...` : line}`;
        const result = await session.run(line);
        const internal = result.output.split('\n').find((l) => l.includes(INTERNAL_ERROR));
        if (internal !== undefined) return `${step} failed (${internal.trim()})`;
      }
    }
    return null;
  } catch (error) {
    return `${step} failed (${describe(error)})`;
  }
}
