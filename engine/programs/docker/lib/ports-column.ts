import { parsePortKey } from '../../../docker/api';
import type { ContainerRec } from '../../../docker/types';

/**
 * The PORTS column of `docker ps`: docker/cli@v28.5.2 cli/command/formatter/container.go
 * DisplayablePorts over the port list moby@v28.5.2 container/view.go builds from
 * NetworkSettings.Ports (one entry per binding; an exposed port without bindings has no IP).
 * Ports are sorted by container port, IP, host port, protocol (comparePorts). An entry whose host
 * port differs from its container port is listed on its own, after everything else
 * ("0.0.0.0:8080->80/tcp"); the others are grouped into runs per IP and protocol
 * ("0.0.0.0:80-82->80-82/tcp", "443/tcp"). The lab stores a published range as one run
 * (engine/docker/port-map.ts), so the list is walked run by run instead of being built port by port.
 */

/** Container ports lo..hi of one protocol on host ports from `pub` (0: exposed only). */
interface Stretch {
  ip: string;
  proto: string;
  lo: number;
  hi: number;
  pub: number;
}

/** Exposed ports no binding covers (each port once: an image's 80/tcp inside an --expose 80-90). */
function exposedOnly(c: ContainerRec, bound: readonly Stretch[]): Stretch[] {
  const byProto = new Map<string, [number, number][]>();
  for (const key of c.config.exposedPorts) {
    const run = parsePortKey(key);
    if (!run) continue;
    const spans = byProto.get(run.proto) ?? [];
    byProto.set(run.proto, spans);
    spans.push([run.lo, run.hi]);
  }
  const out: Stretch[] = [];
  for (const [proto, spans] of byProto) {
    spans.sort((a, b) => a[0] - b[0]);
    let pieces: [number, number][] = [];
    for (const [lo, hi] of spans) {
      const last = pieces[pieces.length - 1];
      if (last && lo <= last[1] + 1) last[1] = Math.max(last[1], hi);
      else pieces.push([lo, hi]);
    }
    for (const b of bound) {
      if (b.proto !== proto) continue;
      pieces = pieces.flatMap(([lo, hi]): [number, number][] => {
        if (b.hi < lo || b.lo > hi) return [[lo, hi]];
        const left: [number, number][] = b.lo > lo ? [[lo, b.lo - 1]] : [];
        const right: [number, number][] = b.hi < hi ? [[b.hi + 1, hi]] : [];
        return [...left, ...right];
      });
    }
    for (const [lo, hi] of pieces) out.push({ ip: '', proto, lo, hi, pub: 0 });
  }
  return out;
}

/** comparePorts at container port p (IP, then host port, then protocol; p itself is shared). */
function compareAt(a: Stretch, b: Stretch, p: number): number {
  if (a.ip !== b.ip) return a.ip < b.ip ? -1 : 1;
  const pa = a.pub && a.pub + (p - a.lo);
  const pb = b.pub && b.pub + (p - b.lo);
  if (pa !== pb) return pa - pb;
  return a.proto < b.proto ? -1 : a.proto > b.proto ? 1 : 0;
}

function joinHostPort(ip: string, port: string): string {
  return ip.includes(':') ? `[${ip}]:${port}` : `${ip}:${port}`;
}

function formGroup(key: Stretch, first: number, last: number): string {
  const group = first === last ? String(first) : `${first}-${last}`;
  return `${key.ip ? `${joinHostPort(key.ip, group)}->${group}` : group}/${key.proto}`;
}

function displayablePorts(stretches: Stretch[]): string {
  const result: string[] = [];
  const hostMappings: string[] = [];
  const groups = new Map<string, { key: Stretch; first: number; last: number }>();
  const cuts = [...new Set(stretches.flatMap((s) => [s.lo, s.hi + 1]))].sort((a, b) => a - b);
  // Between two cuts the same stretches cover every port, and their order (comparePorts) holds.
  for (let i = 0; i + 1 < cuts.length; i++) {
    const from = cuts[i]!;
    const to = cuts[i + 1]! - 1;
    const active = stretches.filter((s) => s.lo <= from && from <= s.hi).sort((a, b) => compareAt(a, b, from));
    if (active.length === 0) continue;
    const keys = active.map((s) => (s.ip ? `${s.ip}/${s.proto}` : s.proto));
    for (let port = from; port <= to; port++) {
      for (let j = 0; j < active.length; j++) {
        const s = active[j]!;
        const pub = s.pub && s.pub + (port - s.lo);
        if (s.ip && pub !== port) {
          hostMappings.push(`${joinHostPort(s.ip, String(pub))}->${port}/${s.proto}`);
          continue;
        }
        const g = groups.get(keys[j]!);
        if (!g) groups.set(keys[j]!, { key: s, first: port, last: port });
        else if (port === g.last + 1) g.last = port;
        else {
          result.push(formGroup(g.key, g.first, g.last));
          groups.set(keys[j]!, { key: s, first: port, last: port });
        }
      }
    }
  }
  // Map keeps the order each key was first made in, as groupMapKeys does.
  for (const g of groups.values()) result.push(formGroup(g.key, g.first, g.last));
  return [...result, ...hostMappings].join(', ');
}

/** PORTS column of a running container with its own network stack ('' otherwise). */
export function portsColumn(c: ContainerRec): string {
  // Containers without their own network stack report no ports at all.
  const mode = c.hostConfig.networkMode;
  if (mode === 'host' || mode === 'none' || mode.startsWith('container:')) return '';
  // Only a running container has NetworkSettings.Ports: create never sets it and releaseNetwork
  // clears it on stop (moby@v28.5.2 daemon/container_operations.go:951, container/view.go:389).
  if (c.status !== 'running' && c.status !== 'paused') return '';
  const listed: Stretch[] = [];
  const covered: Stretch[] = [];
  for (const [key, bindings] of Object.entries(c.ports)) {
    const run = parsePortKey(key);
    if (!run) continue;
    const whole = { ip: '', proto: run.proto, lo: run.lo, hi: run.hi, pub: 0 };
    covered.push(whole);
    if (bindings.length === 0) listed.push(whole);
    for (const b of bindings) {
      const pub = parseInt(b.HostPort, 10);
      // view.go skips a binding whose host port does not parse.
      if (Number.isFinite(pub)) listed.push({ ip: b.HostIp, proto: run.proto, lo: run.lo, hi: run.hi, pub });
    }
  }
  return displayablePorts([...listed, ...exposedOnly(c, covered)]);
}
