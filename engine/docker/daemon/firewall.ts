import { emptyNetfilter } from '../../kernel/netfilter';
import type { Chain, Rule } from '../../kernel/types';
import type { DockerCtx } from '../context';
import { hostNs } from '../context';
import type { NetworkRec } from '../types';
import type { DockerWorld as WorldState } from '../world';
import { onBeforeWalk } from '../../kernel/deliver';

/**
 * Docker 28.5's iptables layout, regenerated from the daemon's state after every change:
 * DOCKER-FORWARD / DOCKER-CT / DOCKER-BRIDGE / DOCKER-ISOLATION-STAGE-1,2 in filter, MASQUERADE
 * and DNAT in nat, per-address direct-access DROPs in raw. Regenerating keeps rules and state in
 * step; the order follows Docker's (rules of newer networks first where Docker inserts them).
 */

function chain(name: string, policy: 'ACCEPT' | 'DROP' | null, rules: Rule[] = []): Chain {
  return { name, policy, rules };
}

function bridgeNetworks(ctx: DockerCtx): NetworkRec[] {
  return Object.values(ctx.host.docker.networks)
    .filter((n) => n.driver === 'bridge' && n.device)
    .sort((a, b) => b.created - a.created || (a.id < b.id ? 1 : -1));
}

/**
 * Marks the host's rules stale. Rebuilding is deferred to the next reader (a packet walk,
 * `iptables`, a snapshot), so a burst of `docker run`s costs one rebuild, not one each.
 */
export function syncFirewall(ctx: DockerCtx): void {
  ctx.host.docker.firewallDirty = true;
}

export function flushFirewalls(world: WorldState): void {
  for (const host of Object.values(world.hosts)) {
    if (host.docker.firewallDirty) rebuildFirewall({ world, host });
  }
}

onBeforeWalk((world) => flushFirewalls(world as WorldState));

export function rebuildFirewall(ctx: DockerCtx): void {
  ctx.host.docker.firewallDirty = false;
  const ns = hostNs(ctx);
  const nets = bridgeNetworks(ctx);
  const containers = Object.values(ctx.host.docker.containers).filter((c) => c.status === 'running' || c.status === 'paused');

  const dockerFilter: Rule[] = [];
  const dockerNat: Rule[] = [];
  const raw: Rule[] = [];
  const loopback: Rule[] = [];
  // One pass over the containers, grouped by network, keeps this linear in the lab's size.
  const byNet = new Map<string, { c: (typeof containers)[number]; ip: string }[]>();
  for (const c of containers) {
    for (const ep of c.endpoints) {
      if (!ep.live?.ip) continue;
      const list = byNet.get(ep.networkId);
      if (list) list.push({ c, ip: ep.live.ip });
      else byNet.set(ep.networkId, [{ c, ip: ep.live.ip }]);
    }
  }
  for (const net of [...nets].reverse()) {
    const br = net.device!;
    for (const { c, ip } of byNet.get(net.id) ?? []) {
      if (!net.internal) raw.push({ match: { dst: `${ip}/32`, in: br, notIn: true }, target: 'DROP' });
      for (const [key, bindings] of Object.entries(c.ports)) {
        const [portStr, proto] = key.split('/') as [string, 'tcp' | 'udp'];
        const cport = Number(portStr);
        const seen = new Set<string>();
        for (const b of bindings) {
          if (b.HostIp.includes(':')) continue; // IPv6 bindings are served by docker-proxy only
          const sig = `${b.HostIp}:${b.HostPort}`;
          if (seen.has(sig)) continue;
          seen.add(sig);
          dockerFilter.push({ match: { dst: `${ip}/32`, in: br, notIn: true, out: br, proto, dport: cport }, target: 'ACCEPT' });
          // Docker 28: a port published on a loopback address is not reachable from the LAN.
          if (b.HostIp.startsWith('127.')) {
            loopback.push({ match: { dst: `${b.HostIp}/32`, in: 'lo', notIn: true, proto, dport: Number(b.HostPort) }, target: 'DROP' });
          }
          const hostIpMatch = b.HostIp && b.HostIp !== '0.0.0.0' ? { dst: `${b.HostIp}/32` } : {};
          dockerNat.push({
            match: { ...hostIpMatch, in: br, notIn: true, proto, dport: Number(b.HostPort) },
            target: 'DNAT',
            toDestination: `${ip}:${cport}`,
          });
        }
      }
    }
  }

  const nf = emptyNetfilter();
  const filter = nf.filter;
  // INPUT belongs to the administrator too: Docker never touches it.
  const oldInput = ns.nf.filter.find((c) => c.name === 'INPUT');
  if (oldInput) filter[0] = oldInput;
  filter.find((c) => c.name === 'FORWARD')!.policy = 'DROP';
  filter.find((c) => c.name === 'FORWARD')!.rules = [
    { match: {}, target: 'DOCKER-USER' },
    { match: {}, target: 'DOCKER-FORWARD' },
  ];
  const fwd: Rule[] = [
    { match: {}, target: 'DOCKER-CT' },
    { match: {}, target: 'DOCKER-ISOLATION-STAGE-1' },
    { match: {}, target: 'DOCKER-BRIDGE' },
  ];
  const ct: Rule[] = [];
  const bridgeRules: Rule[] = [];
  const iso1: Rule[] = [];
  const iso2: Rule[] = [];
  const postrouting: Rule[] = [];
  const natDocker: Rule[] = [];
  for (const net of nets) {
    const br = net.device!;
    const subnet = net.ipam[0]?.Subnet;
    const icc = net.options['com.docker.network.bridge.enable_icc'] !== 'false';
    const masq = net.options['com.docker.network.bridge.enable_ip_masquerade'] !== 'false';
    dockerFilter.push({ match: { in: br, notIn: true, out: br }, target: 'DROP' });
    bridgeRules.push({ match: { out: br }, target: 'DOCKER' });
    natDocker.push({ match: { in: br }, target: 'RETURN' });
    if (net.internal) {
      if (subnet) {
        iso1.push({ match: { src: subnet, notSrc: true, out: br }, target: 'DROP' });
        iso1.push({ match: { in: br, dst: subnet, notDst: true }, target: 'DROP' });
      }
      fwd.push({ match: { in: br, out: br }, target: icc ? 'ACCEPT' : 'DROP' });
      continue;
    }
    ct.push({ match: { out: br, ctstate: ['RELATED', 'ESTABLISHED'] }, target: 'ACCEPT' });
    iso1.push({ match: { in: br, out: br, notOut: true }, target: 'DOCKER-ISOLATION-STAGE-2' });
    iso2.push({ match: { out: br }, target: 'DROP' });
    if (icc) fwd.push({ match: { in: br }, target: 'ACCEPT' });
    else {
      fwd.push({ match: { in: br, out: br, notOut: true }, target: 'ACCEPT' });
      fwd.push({ match: { in: br, out: br }, target: 'DROP' });
    }
    if (masq && subnet) postrouting.push({ match: { src: subnet, out: br, notOut: true }, target: 'MASQUERADE' });
  }
  // The per-port ACCEPTs come before each bridge's catch-all DROP, as Docker inserts them.
  const accepts = dockerFilter.filter((r) => r.target === 'ACCEPT');
  const drops = dockerFilter.filter((r) => r.target === 'DROP');
  filter.push(
    chain('DOCKER', null, [...accepts, ...drops]),
    chain('DOCKER-BRIDGE', null, bridgeRules),
    chain('DOCKER-CT', null, ct),
    chain('DOCKER-FORWARD', null, fwd),
    chain('DOCKER-ISOLATION-STAGE-1', null, iso1),
    chain('DOCKER-ISOLATION-STAGE-2', null, iso2),
    chain('DOCKER-USER', null, userRules(ns.nf.filter)),
  );

  nf.nat.find((c) => c.name === 'PREROUTING')!.rules = [{ match: { dstTypeLocal: true }, target: 'DOCKER' }];
  nf.nat.find((c) => c.name === 'OUTPUT')!.rules = [
    { match: { dst: '127.0.0.0/8', notDst: true, dstTypeLocal: true }, target: 'DOCKER' },
  ];
  nf.nat.find((c) => c.name === 'POSTROUTING')!.rules = postrouting;
  nf.nat.push(chain('DOCKER', null, [...natDocker, ...dockerNat]));
  nf.raw.find((c) => c.name === 'PREROUTING')!.rules = [...loopback, ...raw];
  ns.nf = nf;
}

/** DOCKER-USER belongs to the administrator: keep what is there, or start it with Docker's RETURN. */
function userRules(filter: Chain[]): Rule[] {
  const existing = filter.find((c) => c.name === 'DOCKER-USER');
  return existing ? existing.rules : [{ match: {}, target: 'RETURN' }];
}
