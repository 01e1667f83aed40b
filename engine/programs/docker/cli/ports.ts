import type { PortBinding } from '../../../docker/types';
import { isIPv4 } from '../../../util/ipv4';

/** `-p` parsing, on the client side as the docker CLI does it (go-connections/nat). */

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

/**
 * Parsed specs as HostConfig.PortBindings ("80/tcp" -> [{HostIp, HostPort}]). A range mapped one
 * to one (or to ephemeral ports) that no other -p touches is kept as one run, "80-90/tcp" ->
 * [{HostIp, HostPort: "8080-8090"}] (engine/docker/port-map.ts); Docker's views open it port by port.
 */
export function toPortBindings(specs: PortSpec[]): Record<string, PortBinding[]> {
  const out: Record<string, PortBinding[]> = {};
  const overlaps = (s: PortSpec) =>
    specs.some((o) => o !== s && o.proto === s.proto && o.containerPortStart <= s.containerPortEnd && s.containerPortStart <= o.containerPortEnd);
  for (const s of specs) {
    const n = s.containerPortEnd - s.containerPortStart;
    const oneToOne = s.hostPortStart === null || (s.hostPortEnd! - s.hostPortStart === n);
    if (n > 0 && oneToOne && !overlaps(s)) {
      const hostPort = s.hostPortStart === null ? '' : `${s.hostPortStart}-${s.hostPortEnd}`;
      out[`${s.containerPortStart}-${s.containerPortEnd}/${s.proto}`] = [{ HostIp: s.hostIp, HostPort: hostPort }];
      continue;
    }
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

