import type { PortBinding } from './types';

/**
 * Port maps (HostConfig.PortBindings, NetworkSettings.Ports, ExposedPorts) as the lab stores
 * them: a published range is one entry, "1000-1999/tcp" -> [{HostIp, HostPort: "8000-8999"}]
 * (container port 1000+i on host port 8000+i; HostPort "" = an ephemeral port each), so that
 * `-p 1-65535:1-65535` is one record instead of 65,535. Docker's views list every port: they
 * read the maps through `expandPortMap` / `expandExposed`. A single-port key keeps its old meaning
 * (HostPort "8000-8010" there means "any one free port of that range").
 */

export interface PortRun {
  key: string;
  proto: string;
  /** First and last container port of the run (equal for a single port). */
  lo: number;
  hi: number;
}

/** "80/tcp" or "80-90/tcp" (the protocol defaults to tcp); null for anything else. */
export function parsePortKey(key: string): PortRun | null {
  const m = /^(\d+)(?:-(\d+))?(?:\/(\w+))?$/.exec(key);
  if (!m) return null;
  const lo = Number(m[1]);
  const hi = m[2] === undefined ? lo : Number(m[2]);
  return hi < lo ? null : { key, proto: m[3] ?? 'tcp', lo, hi };
}

/** Docker's order of port keys: by number, then protocol (nat.Sort); a run sorts by its first port. */
export function portKeyOrder(a: string, b: string): number {
  const [pa, ta] = a.split('/');
  const [pb, tb] = b.split('/');
  return parseInt(pa!, 10) - parseInt(pb!, 10) || (ta! < tb! ? -1 : ta! > tb! ? 1 : 0);
}

/** The host port of offset `i` in a run's binding ("" stays "", "8000-8999" gives 8000+i). */
function hostPortAt(hostPort: string, i: number): string {
  const m = /^(\d+)-\d+$/.exec(hostPort);
  return m ? String(Number(m[1]) + i) : hostPort;
}

/** Every container port's bindings, as Docker shows the map (runs opened into one key per port). */
export function expandPortMap(map: Readonly<Record<string, PortBinding[]>>): Record<string, PortBinding[]> {
  const out = Object.create(null) as Record<string, PortBinding[]>;
  for (const [key, bindings] of Object.entries(map)) {
    const run = parsePortKey(key);
    if (!run || run.lo === run.hi) {
      out[key] = out[key] ? [...out[key], ...bindings] : bindings;
      continue;
    }
    for (let port = run.lo; port <= run.hi; port++) {
      const k = `${port}/${run.proto}`;
      const bs = bindings.map((b) => ({ HostIp: b.HostIp, HostPort: hostPortAt(b.HostPort, port - run.lo) }));
      out[k] = out[k] ? [...out[k], ...bs] : bs;
    }
  }
  return out;
}

/** The bindings of one container port ("81/tcp"), read from the runs that hold it. */
export function bindingsAt(map: Readonly<Record<string, PortBinding[]>>, key: string): PortBinding[] {
  const want = parsePortKey(key);
  if (!want || want.lo !== want.hi || !/\//.test(key)) return [];
  const out: PortBinding[] = [];
  for (const [k, bindings] of Object.entries(map)) {
    const run = parsePortKey(k);
    if (!run || run.proto !== want.proto || want.lo < run.lo || want.lo > run.hi) continue;
    if (run.lo === run.hi) out.push(...bindings);
    else out.push(...bindings.map((b) => ({ HostIp: b.HostIp, HostPort: hostPortAt(b.HostPort, want.lo - run.lo) })));
  }
  return out;
}

/** ExposedPorts with runs opened ("80-82/tcp" is 80/tcp, 81/tcp, 82/tcp), each port once. */
export function expandExposed(list: readonly string[]): string[] {
  const out = new Set<string>();
  for (const key of list) {
    const run = parsePortKey(key);
    if (!run || run.lo === run.hi) out.add(key);
    else for (let port = run.lo; port <= run.hi; port++) out.add(`${port}/${run.proto}`);
  }
  return [...out];
}

/** The runs of a map, each with its bindings; a run's binding covers hi-lo+1 host ports from its first. */
export function portRuns(map: Readonly<Record<string, PortBinding[]>>): (PortRun & { bindings: PortBinding[] })[] {
  const out: (PortRun & { bindings: PortBinding[] })[] = [];
  for (const [key, bindings] of Object.entries(map)) {
    const run = parsePortKey(key);
    if (run) out.push({ ...run, bindings });
  }
  return out.sort((a, b) => portKeyOrder(a.key, b.key));
}

/** First and last host port of a run's binding (a single-port key has one host port). */
export function hostPortSpan(run: PortRun, b: PortBinding): [number, number] {
  const first = parseInt(b.HostPort, 10);
  return [first, first + (run.hi - run.lo)];
}

/** How many single-port bindings a map stands for (one docker-proxy each). */
export function bindingCount(map: Readonly<Record<string, PortBinding[]>>): number {
  let n = 0;
  for (const run of portRuns(map)) n += run.bindings.length * (run.hi - run.lo + 1);
  return n;
}
