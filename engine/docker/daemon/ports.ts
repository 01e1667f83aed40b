import type { DockerCtx } from '../context';
import { hostNs } from '../context';
import { listenerPorts } from '../../apps/sockets';
import { expandExposed, expandPortMap, hostPortSpan, parsePortKey, portKeyOrder, portRuns } from '../port-map';
import { isRunning } from './lookup';
import type { ContainerRec, PortBinding } from '../types';

/**
 * Host port allocation for published ports (docker-proxy and DNAT follow from it). Ports are
 * handled as runs (engine/docker/port-map.ts): a published range is checked and bound as one
 * interval, so `-p 1-65535:1-65535` costs what `-p 80:80` does.
 */

/**
 * Host ports Docker holds, by protocol and address: single ports in sets and runs as intervals,
 * so that handing out 28,000 ephemeral ports one at a time stays linear (portallocator.go keeps a
 * map per address for the same reason).
 */
class Taken {
  private singles = new Map<string, Map<string, Set<number>>>();
  private spans: { ip: string; lo: number; hi: number; proto: string }[] = [];

  add(ip: string, lo: number, hi: number, proto: string): void {
    if (lo !== hi) {
      this.spans.push({ ip, lo, hi, proto });
      return;
    }
    let byIp = this.singles.get(proto);
    if (!byIp) this.singles.set(proto, (byIp = new Map()));
    let set = byIp.get(ip);
    if (!set) byIp.set(ip, (set = new Set()));
    set.add(lo);
  }

  /** The lowest port of lo..hi held on an address that clashes with `ip`, or null. */
  first(ip: string, lo: number, hi: number, proto: string): number | null {
    let best: number | null = null;
    for (const s of this.spans) if (s.proto === proto && s.lo <= hi && lo <= s.hi && conflicts(s.ip, ip)) best = Math.min(best ?? Infinity, Math.max(lo, s.lo));
    for (const [held, set] of this.singles.get(proto) ?? []) {
      if (!conflicts(held, ip)) continue;
      const top = best ?? hi;
      if (top - lo < set.size) {
        for (let port = lo; port <= top; port++) if (set.has(port)) {
          best = port;
          break;
        }
      } else for (const port of set) if (port >= lo && port <= top && (best === null || port < best)) best = port;
    }
    return best;
  }
}

function takenPorts(ctx: DockerCtx, except: ContainerRec): Taken {
  const out = new Taken();
  for (const c of Object.values(ctx.host.docker.containers)) {
    if (c === except || !isRunning(c)) continue;
    for (const run of portRuns(c.ports)) {
      for (const b of run.bindings) {
        const [lo, hi] = hostPortSpan(run, b);
        out.add(b.HostIp, lo, hi, run.proto);
      }
    }
  }
  return out;
}

function conflicts(a: string, b: string): boolean {
  const any = (x: string) => x === '0.0.0.0' || x === '::' || x === '';
  const fam = (x: string) => (x.includes(':') ? 6 : 4);
  if (fam(a) !== fam(b)) return false;
  return any(a) || any(b) || a === b;
}

export type AllocResult = { ok: true; ports: Record<string, PortBinding[]> } | { ok: false; error: string };

/**
 * Binds each requested port on the host: 0.0.0.0 and [::] when no host IP was given, an
 * ephemeral port (round robin from 32768) when no host port was given.
 */
export function allocatePorts(ctx: DockerCtx, c: ContainerRec, endpointId: string): AllocResult {
  const taken = takenPorts(ctx, c);
  const ns = hostNs(ctx);
  const out: Record<string, PortBinding[]> = {};
  const bindings = { ...c.hostConfig.portBindings };
  if (c.hostConfig.publishAllPorts) {
    const bound = new Set(Object.keys(expandPortMap(bindings)));
    for (const p of expandExposed(c.config.exposedPorts)) if (!bound.has(p)) bindings[p] = [{ HostIp: '', HostPort: '' }];
  }
  const servers = ns.listeners.filter((l) => l.app.kind !== 'docker-proxy');
  /** The lowest port of lo..hi that is not free on `ip`, and whether Docker holds it; null if all are free. */
  const firstTaken = (ip: string, lo: number, hi: number, proto: string): { port: number; docker: boolean } | null => {
    let best: { port: number; docker: boolean } | null = null;
    const consider = (port: number, docker: boolean) => {
      if (!best || port < best.port || (port === best.port && docker)) best = { port, docker };
    };
    const held = taken.first(ip, lo, hi, proto);
    if (held !== null) consider(held, true);
    for (const l of servers) {
      const [llo, lhi] = listenerPorts(l);
      // A server's `::` socket is dual stack (httpd, Go servers): it holds the IPv4 port too.
      if (l.proto === proto && llo <= hi && lo <= lhi && (l.ip === '::' || conflicts(l.ip, ip))) consider(Math.max(lo, llo), false);
    }
    return best;
  };
  const isFree = (ip: string, port: number, proto: string) => firstTaken(ip, port, port, proto) === null;
  const bindError = (ip: string, port: number, proto: string, docker: boolean) => {
    const shown = ip.includes(':') ? `[${ip}]` : ip;
    return docker
      ? `failed to set up container networking: driver failed programming external connectivity on endpoint ${c.name} (${endpointId}): Bind for ${shown}:${port} failed: port is already allocated`
      : `failed to set up container networking: driver failed programming external connectivity on endpoint ${c.name} (${endpointId}): failed to bind host port ${shown}:${port}/${proto}: address already in use`;
  };
  for (const key of Object.keys(bindings).sort(portKeyOrder)) {
    const run = parsePortKey(key);
    const proto = run?.proto ?? key.split('/')[1]!;
    const width = run ? run.hi - run.lo : 0;
    for (const b of bindings[key]!) {
      const ips = b.HostIp ? [b.HostIp] : ['0.0.0.0', '::'];
      const range = /^(\d+)-(\d+)$/.exec(b.HostPort);
      if (range && width === 0) {
        // One container port, a host range: the first port of it free on every address.
        const [lo, hi] = [Number(range[1]), Number(range[2])];
        let picked = 0;
        for (let cand = lo; cand <= hi && !picked; cand++) if (ips.every((ip) => isFree(ip, cand, proto))) picked = cand;
        if (!picked) {
          return {
            ok: false,
            error: `failed to set up container networking: driver failed programming external connectivity on endpoint ${c.name} (${endpointId}): Bind for ${ips[0]}:${lo}-${hi} failed: port is already allocated`,
          };
        }
        bind(out, key, ips, picked, picked, proto, taken);
      } else if (b.HostPort) {
        // A fixed port, or a run of them (container port lo+i on host port first+i): all or nothing,
        // the lowest port that is taken named in the error, as binding them one by one would.
        const first = parseInt(b.HostPort, 10);
        const last = first + width;
        let worst: { ip: string; port: number; docker: boolean } | null = null;
        for (const ip of ips) {
          const t = firstTaken(ip, first, last, proto);
          if (t && (!worst || t.port < worst.port)) worst = { ip, ...t };
        }
        if (worst) return { ok: false, error: bindError(worst.ip, worst.port, proto, worst.docker) };
        bind(out, key, ips, first, last, proto, taken);
      } else {
        // Ephemeral ports, one per container port; contiguous ones stay one run.
        for (let i = 0; i <= width; i++) {
          const port = nextEphemeral(ctx, (p) => ips.every((ip) => isFree(ip, p, proto)));
          // portallocator.go: errAllPortsAllocated once the ephemeral range has no free port left.
          if (port === 0) return { ok: false, error: `failed to set up container networking: driver failed programming external connectivity on endpoint ${c.name} (${endpointId}): all ports are allocated` };
          const at = run ? run.lo + i : parseInt(key, 10);
          bind(out, run && width > 0 ? `${at}/${proto}` : key, ips, port, port, proto, taken);
        }
      }
    }
  }
  return { ok: true, ports: width0Merge(out) };
}

function bind(out: Record<string, PortBinding[]>, key: string, ips: string[], lo: number, hi: number, proto: string, taken: Taken): void {
  const list = (out[key] ??= []);
  for (const ip of ips) {
    list.push({ HostIp: ip, HostPort: lo === hi ? String(lo) : `${lo}-${hi}` });
    taken.add(ip, lo, hi, proto);
  }
}

/**
 * Joins single-port entries that continue each other (container port and every host port one
 * higher, same addresses) back into runs: ephemeral ports handed out in a row stay one record.
 */
function width0Merge(ports: Record<string, PortBinding[]>): Record<string, PortBinding[]> {
  const runs = portRuns(ports);
  const out: Record<string, PortBinding[]> = {};
  let open: { lo: number; hi: number; proto: string; bindings: PortBinding[] } | null = null;
  const flush = () => {
    if (!open) return;
    const firsts = open.bindings.map((b) => parseInt(b.HostPort, 10));
    out[open.lo === open.hi ? `${open.lo}/${open.proto}` : `${open.lo}-${open.hi}/${open.proto}`] = open.bindings.map((b, i) => ({
      HostIp: b.HostIp,
      HostPort: open!.lo === open!.hi ? b.HostPort : `${firsts[i]}-${firsts[i]! + open!.hi - open!.lo}`,
    }));
    open = null;
  };
  for (const r of runs) {
    const single = r.lo === r.hi && r.bindings.every((b) => /^\d+$/.test(b.HostPort));
    const continues =
      open !== null &&
      single &&
      r.proto === open.proto &&
      r.lo === open.hi + 1 &&
      r.bindings.length === open.bindings.length &&
      r.bindings.every((b, i) => b.HostIp === open!.bindings[i]!.HostIp && parseInt(b.HostPort, 10) === parseInt(open!.bindings[i]!.HostPort, 10) + (r.lo - open!.lo));
    if (continues) {
      open!.hi = r.lo;
      continue;
    }
    flush();
    if (single) open = { lo: r.lo, hi: r.hi, proto: r.proto, bindings: r.bindings };
    else out[r.key] = r.bindings;
  }
  flush();
  return out;
}

function nextEphemeral(ctx: DockerCtx, free: (p: number) => boolean): number {
  const d = ctx.host.docker;
  for (let i = 0; i < 60999 - 32768 + 1; i++) {
    const p = d.nextEphemeralPort;
    d.nextEphemeralPort = p >= 60999 ? 32768 : p + 1;
    if (free(p)) return p;
  }
  return 0;
}
