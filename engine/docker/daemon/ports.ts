import { isIPv4 } from '../../util/ipv4';
import type { DockerCtx } from '../context';
import { hostNs } from '../context';
import { isRunning } from './lookup';
import type { ContainerRec, PortBinding } from '../types';

/** `-p` parsing (client side) and host port allocation (daemon side). */

export interface PortSpec {
  hostIp: string;
  hostPortStart: number | null;
  hostPortEnd: number | null;
  containerPortStart: number;
  containerPortEnd: number;
  proto: 'tcp' | 'udp';
}

function parseRange(text: string): [number, number] | null {
  const m = /^(\d+)(?:-(\d+))?$/.exec(text);
  if (!m) return null;
  const a = Number(m[1]);
  const b = m[2] ? Number(m[2]) : a;
  if (a < 1 || b > 65535 || b < a) return null;
  return [a, b];
}

/** Parses one -p value the way the docker CLI (go-connections/nat) does; returns Docker's error text on failure. */
export function parsePortSpec(raw: string): PortSpec | { error: string } {
  let rest = raw;
  let proto: 'tcp' | 'udp' = 'tcp';
  const slash = rest.lastIndexOf('/');
  if (slash >= 0) {
    const p = rest.slice(slash + 1).toLowerCase();
    if (p !== 'tcp' && p !== 'udp' && p !== 'sctp') return { error: `invalid proto: ${p}` };
    if (p === 'sctp') return { error: 'sim: sctp ports are not part of this lab' };
    proto = p;
    rest = rest.slice(0, slash);
  }
  let hostIp = '';
  let hostPart = '';
  let ctrPart = rest;
  const bracket = /^\[([^\]]+)\]:(.*)$/.exec(rest);
  if (bracket) {
    hostIp = bracket[1]!;
    const [h, c] = splitLast(bracket[2]!);
    hostPart = h;
    ctrPart = c;
  } else {
    const parts = rest.split(':');
    if (parts.length === 3) [hostIp, hostPart, ctrPart] = parts as [string, string, string];
    else if (parts.length === 2) [hostPart, ctrPart] = parts as [string, string];
    else if (parts.length > 3) return { error: `invalid port format: ${raw}` };
  }
  if (hostIp && !isIPv4(hostIp) && !/^[0-9a-f:]+$/i.test(hostIp)) return { error: `invalid IP address: ${hostIp}` };
  const c = parseRange(ctrPart);
  if (!ctrPart) return { error: `no port specified: ${raw}<empty>` };
  if (!c) return { error: `invalid containerPort: ${ctrPart}` };
  let h: [number, number] | null = null;
  if (hostPart) {
    h = parseRange(hostPart);
    if (!h) return { error: `invalid hostPort: ${hostPart}` };
    // A host range for one container port is allowed: the daemon takes the first free port in it.
    if (h[1] - h[0] !== c[1] - c[0] && h[0] !== h[1] && c[0] !== c[1]) {
      return { error: `invalid ranges specified for container and host Ports: ${ctrPart} and ${hostPart}` };
    }
  }
  return {
    hostIp,
    hostPortStart: h ? h[0] : null,
    hostPortEnd: h ? h[1] : null,
    containerPortStart: c[0],
    containerPortEnd: c[1],
    proto,
  };
}

function splitLast(s: string): [string, string] {
  const i = s.lastIndexOf(':');
  return i < 0 ? ['', s] : [s.slice(0, i), s.slice(i + 1)];
}

/** Expands parsed specs into HostConfig.PortBindings ("80/tcp" -> [{HostIp, HostPort}]). */
export function toPortBindings(specs: PortSpec[]): Record<string, PortBinding[]> {
  const out: Record<string, PortBinding[]> = {};
  for (const s of specs) {
    const n = s.containerPortEnd - s.containerPortStart;
    for (let i = 0; i <= n; i++) {
      const key = `${s.containerPortStart + i}/${s.proto}`;
      let hostPort = '';
      if (s.hostPortStart !== null) {
        if (s.hostPortStart === s.hostPortEnd) hostPort = String(s.hostPortStart);
        else if (n === 0) hostPort = `${s.hostPortStart}-${s.hostPortEnd}`;
        else hostPort = String(s.hostPortStart + i);
      }
      (out[key] ??= []).push({ HostIp: s.hostIp, HostPort: hostPort });
    }
  }
  return out;
}

interface Taken {
  ip: string;
  port: number;
  proto: string;
}

function takenPorts(ctx: DockerCtx, except: ContainerRec): Taken[] {
  const out: Taken[] = [];
  for (const c of Object.values(ctx.host.docker.containers)) {
    if (c === except || !isRunning(c)) continue;
    for (const [key, bs] of Object.entries(c.ports)) {
      const proto = key.split('/')[1]!;
      for (const b of bs) out.push({ ip: b.HostIp, port: Number(b.HostPort), proto });
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
    for (const p of c.config.exposedPorts) if (!bindings[p]) bindings[p] = [{ HostIp: '', HostPort: '' }];
  }
  const isFree = (ip: string, port: number, proto: string) =>
    !taken.some((t) => t.port === port && t.proto === proto && conflicts(t.ip, ip)) &&
    !ns.listeners.some((l) => l.port === port && l.proto === proto && l.app.kind !== 'docker-proxy' && conflicts(l.ip, ip));
  for (const key of Object.keys(bindings).sort(portKeyOrder)) {
    const proto = key.split('/')[1]!;
    const result: PortBinding[] = [];
    for (const b of bindings[key]!) {
      const ips = b.HostIp ? [b.HostIp] : ['0.0.0.0', '::'];
      let port: number;
      const range = /^(\d+)-(\d+)$/.exec(b.HostPort);
      if (range) {
        const [lo, hi] = [Number(range[1]), Number(range[2])];
        let picked = 0;
        for (let cand = lo; cand <= hi && !picked; cand++) if (ips.every((ip) => isFree(ip, cand, proto))) picked = cand;
        if (!picked) {
          return {
            ok: false,
            error: `failed to set up container networking: driver failed programming external connectivity on endpoint ${c.name} (${endpointId}): Bind for ${ips[0]}:${lo}-${hi} failed: port is already allocated`,
          };
        }
        port = picked;
      } else if (b.HostPort) {
        port = Number(b.HostPort);
        for (const ip of ips) {
          const free = isFree(ip, port, proto);
          if (!free) {
            const shown = ip.includes(':') ? `[${ip}]` : ip;
            const dockerOwned = taken.some((t) => t.port === port && t.proto === proto && conflicts(t.ip, ip));
            return {
              ok: false,
              error: dockerOwned
                ? `failed to set up container networking: driver failed programming external connectivity on endpoint ${c.name} (${endpointId}): Bind for ${shown}:${port} failed: port is already allocated`
                : `failed to set up container networking: driver failed programming external connectivity on endpoint ${c.name} (${endpointId}): failed to bind host port ${shown}:${port}/${proto}: address already in use`,
            };
          }
        }
      } else {
        port = nextEphemeral(ctx, (p) => ips.every((ip) => isFree(ip, p, proto)));
      }
      for (const ip of ips) {
        result.push({ HostIp: ip, HostPort: String(port) });
        taken.push({ ip, port, proto });
      }
    }
    out[key] = result;
  }
  return { ok: true, ports: out };
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

export function portKeyOrder(a: string, b: string): number {
  const [pa, ta] = a.split('/');
  const [pb, tb] = b.split('/');
  return Number(pa) - Number(pb) || (ta! < tb! ? -1 : ta! > tb! ? 1 : 0);
}
