import type { NetWorld } from './world';
import type { IpvsDest, IpvsService, NetNs, Proto } from './types';

/**
 * IPVS, the kernel's layer-4 load balancer (what `ipvsadm` configures and Docker swarm uses for
 * service VIPs and the ingress routing mesh): virtual services by VIP:port or by firewall mark,
 * real servers chosen round-robin, NAT forwarding. The walk consults it at LOCAL_IN and LOCAL_OUT.
 */

export interface IpvsServiceSpec {
  proto?: 'tcp' | 'udp';
  vip?: string;
  port?: number;
  fwmark?: number;
}

function sameService(s: IpvsService, spec: IpvsServiceSpec): boolean {
  if (spec.fwmark !== undefined) return s.fwmark === spec.fwmark;
  return s.fwmark === null && s.proto === (spec.proto ?? 'tcp') && s.vip === spec.vip && s.port === (spec.port ?? 0);
}

/** `ipvsadm -A -t VIP:PORT -s rr` or `ipvsadm -A -f MARK -s rr`; returns the existing service if there is one. */
export function addIpvsService(world: NetWorld, ns: NetNs, spec: IpvsServiceSpec): IpvsService {
  const list = (ns.ipvs ??= []);
  const hit = list.find((s) => sameService(s, spec));
  if (hit) return hit;
  const svc: IpvsService =
    spec.fwmark !== undefined
      ? { proto: null, vip: null, port: null, fwmark: spec.fwmark, scheduler: 'rr', dests: [], next: 0 }
      : { proto: spec.proto ?? 'tcp', vip: spec.vip ?? null, port: spec.port ?? 0, fwmark: null, scheduler: 'rr', dests: [], next: 0 };
  list.push(svc);
  world.netVersion++;
  return svc;
}

export function delIpvsService(world: NetWorld, ns: NetNs, spec: IpvsServiceSpec): boolean {
  const list = ns.ipvs ?? [];
  const i = list.findIndex((s) => sameService(s, spec));
  if (i < 0) return false;
  list.splice(i, 1);
  world.netVersion++;
  return true;
}

/** `ipvsadm -a … -r IP[:PORT] -m [-w W]`: a real server, NAT-forwarded (masquerading) by default. */
export function addIpvsDest(svc: IpvsService, dest: { ip: string; port?: number | null; weight?: number; fwd?: IpvsDest['fwd'] }): IpvsDest {
  const hit = svc.dests.find((d) => d.ip === dest.ip && d.port === (dest.port ?? null));
  if (hit) {
    if (dest.weight !== undefined) hit.weight = dest.weight;
    return hit;
  }
  const d: IpvsDest = { ip: dest.ip, port: dest.port ?? null, weight: dest.weight ?? 1, fwd: dest.fwd ?? 'masq', conns: 0 };
  svc.dests.push(d);
  return d;
}

export function delIpvsDest(svc: IpvsService, ip: string, port: number | null = null): boolean {
  const i = svc.dests.findIndex((d) => d.ip === ip && d.port === port);
  if (i < 0) return false;
  svc.dests.splice(i, 1);
  if (svc.next >= svc.dests.length) svc.next = 0;
  return true;
}

/** The virtual service a packet belongs to: its firewall mark first, then VIP:port. */
export function ipvsLookup(ns: NetNs, p: { proto: Proto; dst: string; dport: number | null; mark: number }): IpvsService | null {
  const list = ns.ipvs;
  if (!list || list.length === 0) return null;
  if (p.mark !== 0) for (const s of list) if (s.fwmark === p.mark) return s;
  for (const s of list) if (s.fwmark === null && s.vip === p.dst && s.proto === p.proto && s.port === p.dport) return s;
  return null;
}

/** Round robin over the real servers with a weight (weight 0 = quiesced); advances only when `advance`. */
export function ipvsSchedule(svc: IpvsService, advance: boolean): IpvsDest | null {
  const n = svc.dests.length;
  for (let k = 0; k < n; k++) {
    const i = (svc.next + k) % n;
    const d = svc.dests[i]!;
    if (d.weight <= 0) continue;
    if (advance) {
      svc.next = (i + 1) % n;
      d.conns++;
    }
    return d;
  }
  return null;
}
