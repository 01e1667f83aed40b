import { addIpvsDest, addIpvsService, delIpvsDest, delIpvsService } from '../../kernel/ipvs';
import { linkByName } from '../../kernel/netns';
import type { Addr, Rule } from '../../kernel/types';
import { knownTasks, type SwarmPlace } from '../drivers/overlay/view';
import type { NetworkRec, SwarmService } from '../types';
import type { DockerWorld } from '../world';
import { setDockerRules } from './rules';

/**
 * A node's load balancer on one swarm network (moby libnetwork/service_linux.go addLBBackend,
 * configureFWMark), in its lb_<id> sandbox or, for ingress, in ingress_sbox: each service with a
 * VIP there and a task the node knows gets the VIP as a /32 on the sandbox's interface, a mangle
 * INPUT rule marking packets for the VIP, its published ports marked in PREROUTING, an IPVS
 * service on that mark, round robin over the tasks' addresses (NAT), and one SNAT of everything
 * IPVS sends into the subnet to the sandbox's own address, so answers come back through it.
 */

interface Lb {
  svc: SwarmService;
  vip: string;
  mark: number;
  backends: string[];
}

function balancers(world: DockerWorld, place: SwarmPlace, net: NetworkRec): Lb[] {
  const tasks = knownTasks(world, place.host.name, net.id);
  const out: Lb[] = [];
  const services = Object.values(place.cluster.services).sort((a, b) => a.created - b.created || (a.id < b.id ? -1 : 1));
  for (const svc of services) {
    const vip = svc.spec.endpointMode === 'vip' ? svc.vips.find((v) => v.networkId === net.id) : undefined;
    const mark = svc.fwmarks && Object.hasOwn(svc.fwmarks, net.id) ? svc.fwmarks[net.id]! : undefined;
    const backends = tasks.filter((t) => t.serviceId === svc.id).map((t) => t.ip);
    if (!vip || mark === undefined || backends.length === 0) continue;
    out.push({ svc, vip: vip.addr.split('/')[0]!, mark, backends });
  }
  return out;
}

export function programLoadBalancer(world: DockerWorld, place: SwarmPlace, net: NetworkRec): void {
  const sb = net.serviceEndpoints?.find((e) => e.sandbox === (net.ingress ? 'ingress-sbox' : `lb-${net.name}`));
  const ns = sb && world.netns[sb.nsId];
  const eth = sb && ns && linkByName(ns, sb.ifname);
  if (!sb || !ns || !eth) return;
  const lbs = balancers(world, place, net);
  // The VIPs, as /32 aliases of the sandbox's interface.
  const addrs: Addr[] = [{ ip: sb.ip, prefix: sb.prefix, scope: 'global' }, ...lbs.map((lb) => ({ ip: lb.vip, prefix: 32, scope: 'global' as const }))];
  if (addrs.map((a) => `${a.ip}/${a.prefix}`).join() !== eth.addrs.map((a) => `${a.ip}/${a.prefix}`).join()) {
    eth.addrs = addrs;
    world.netVersion++;
  }
  const pre: Rule[] = [];
  const input: Rule[] = [];
  for (const lb of lbs) {
    for (const p of lb.svc.spec.ports) {
      if (p.mode === 'ingress' && p.published) pre.push({ match: { proto: p.protocol, dport: p.published }, target: 'MARK', setMark: lb.mark });
    }
    input.push({ match: { dst: `${lb.vip}/32` }, target: 'MARK', setMark: lb.mark });
  }
  const subnet = net.ipam[0]?.Subnet;
  const post: Rule[] = lbs.length > 0 && subnet ? [{ match: { dst: subnet, ipvs: true }, target: 'SNAT', toSource: sb.ip }] : [];
  setDockerRules(ns, 'mangle', 'PREROUTING', pre);
  setDockerRules(ns, 'mangle', 'INPUT', input);
  setDockerRules(ns, 'nat', 'POSTROUTING', post);
  // IPVS: one fwmark service per balancer, its real servers the known tasks; counters and the rr cursor stay.
  for (const s of [...(ns.ipvs ?? [])]) {
    if (s.fwmark === null || !lbs.some((lb) => lb.mark === s.fwmark)) delIpvsService(world, ns, s.fwmark !== null ? { fwmark: s.fwmark } : { proto: s.proto ?? 'tcp', vip: s.vip ?? '', port: s.port ?? 0 });
  }
  for (const lb of lbs) {
    const svc = addIpvsService(world, ns, { fwmark: lb.mark });
    for (const d of [...svc.dests]) if (!lb.backends.includes(d.ip)) delIpvsDest(svc, d.ip, d.port);
    for (const ip of lb.backends) addIpvsDest(svc, { ip });
  }
}
