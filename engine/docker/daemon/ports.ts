import { portKeyOrder } from '../api';
import type { DockerCtx } from '../context';
import { hostNs } from '../context';
import { isRunning } from './lookup';
import type { ContainerRec, PortBinding } from '../types';

/** Host port allocation for published ports (docker-proxy and DNAT follow from it). */

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
    // A server's `::` socket is dual stack (httpd, Go servers): it holds the IPv4 port too.
    !ns.listeners.some((l) => l.port === port && l.proto === proto && l.app.kind !== 'docker-proxy' && (l.ip === '::' || conflicts(l.ip, ip)));
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
