import type { DockerCtx } from '../context';
import type { ContainerRec } from '../types';
import { expandExposed } from '../port-map';
import { parseLink } from './etc-files';
import { findContainer } from './lookup';

/** Legacy --link variables (Docker 28 still sets them): ALIAS_PORT..., ALIAS_NAME, ALIAS_ENV_X. */
export function linkEnv(d: DockerCtx, c: ContainerRec): string[] {
  const out: string[] = [];
  for (const link of c.hostConfig.links) {
    const [target, alias] = parseLink(link);
    const t = findContainer(d, target);
    if (!t || t === 'ambiguous') continue;
    const ip = t.endpoints.find((e) => d.host.docker.networks[e.networkId]?.name === 'bridge')?.live?.ip;
    const prefix = alias.toUpperCase().replace(/[^A-Z0-9]/g, '_');
    const ports = expandExposed(t.config.exposedPorts).sort((a, b) => parseInt(a) - parseInt(b));
    if (ip && ports[0]) {
      const [port0, proto0] = ports[0].split('/');
      out.push(`${prefix}_PORT=${proto0}://${ip}:${port0}`);
      for (const key of ports) {
        const [port, proto] = key.split('/');
        const base = `${prefix}_PORT_${port}_${proto!.toUpperCase()}`;
        out.push(`${base}=${proto}://${ip}:${port}`, `${base}_ADDR=${ip}`, `${base}_PORT=${port}`, `${base}_PROTO=${proto}`);
      }
    }
    out.push(`${prefix}_NAME=/${c.name}/${alias}`);
    for (const e of t.config.env) {
      const k = e.slice(0, e.indexOf('='));
      if (['PATH', 'HOME', 'HOSTNAME'].includes(k)) continue;
      out.push(`${prefix}_ENV_${e}`);
    }
  }
  return out;
}

