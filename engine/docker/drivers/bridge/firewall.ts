import type { Rule } from '../../../kernel/types';
import type { DockerCtx } from '../../context';
import type { ContainerRec, NetworkRec } from '../../types';
import { addRules, type FirewallRules } from '../driver';
import { hostPortSpan, portRuns } from '../../port-map';

/**
 * The bridge driver's iptables, Docker 28.5's layout: DOCKER-FORWARD / DOCKER-CT / DOCKER-BRIDGE /
 * DOCKER-ISOLATION-STAGE-1,2 and DOCKER in filter, MASQUERADE and DNAT in nat, per-address
 * direct-access DROPs in raw. Built from state, so rules and containers never disagree.
 */
export function bridgeFirewall(_ctx: DockerCtx, bridges: NetworkRec[], running: ContainerRec[], out: FirewallRules): void {
  // Newest network first, where Docker inserts; the loops below reverse where it appends.
  const nets = bridges.filter((n) => n.device).sort((a, b) => b.created - a.created || (a.id < b.id ? 1 : -1));
  for (const chain of ['DOCKER', 'DOCKER-BRIDGE', 'DOCKER-CT', 'DOCKER-FORWARD', 'DOCKER-ISOLATION-STAGE-1', 'DOCKER-ISOLATION-STAGE-2']) addRules(out.filter, chain);
  addRules(out.filter, 'FORWARD', { match: {}, target: 'DOCKER-USER' }, { match: {}, target: 'DOCKER-FORWARD' });
  addRules(out.filter, 'DOCKER-FORWARD', { match: {}, target: 'DOCKER-CT' }, { match: {}, target: 'DOCKER-ISOLATION-STAGE-1' }, { match: {}, target: 'DOCKER-BRIDGE' });
  addRules(out.nat, 'PREROUTING', { match: { dstTypeLocal: true }, target: 'DOCKER' });
  addRules(out.nat, 'OUTPUT', { match: { dst: '127.0.0.0/8', notDst: true, dstTypeLocal: true }, target: 'DOCKER' });
  addRules(out.nat, 'POSTROUTING');
  addRules(out.nat, 'DOCKER');

  const accepts: Rule[] = [];
  const drops: Rule[] = [];
  const dnat: Rule[] = [];
  const raw: Rule[] = [];
  const loopback: Rule[] = [];
  // One pass over the containers, grouped by network, keeps this linear in the lab's size.
  const byNet = new Map<string, { c: ContainerRec; ip: string }[]>();
  for (const c of running) {
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
      // One rule per published port, as Docker writes them; a published range stays one run rule
      // (RuleMatch.dportEnd) that iptables' views open port by port.
      for (const run of portRuns(c.ports)) {
        const proto = run.proto as 'tcp' | 'udp';
        const cport = run.lo;
        const ctrEnd = run.hi > run.lo ? { dportEnd: run.hi } : {};
        const seen = new Set<string>();
        for (const b of run.bindings) {
          if (b.HostIp.includes(':')) continue; // IPv6 bindings are served by docker-proxy only
          const sig = `${b.HostIp}:${b.HostPort}`;
          if (seen.has(sig)) continue;
          seen.add(sig);
          const [first, last] = hostPortSpan(run, b);
          const hostEnd = last > first ? { dportEnd: last } : {};
          accepts.push({ match: { dst: `${ip}/32`, in: br, notIn: true, out: br, proto, dport: cport, ...ctrEnd }, target: 'ACCEPT' });
          // Docker 28: a port published on a loopback address is not reachable from the LAN.
          if (b.HostIp.startsWith('127.')) {
            loopback.push({ match: { dst: `${b.HostIp}/32`, in: 'lo', notIn: true, proto, dport: first, ...hostEnd }, target: 'DROP' });
          }
          const hostIpMatch = b.HostIp && b.HostIp !== '0.0.0.0' ? { dst: `${b.HostIp}/32` } : {};
          dnat.push({ match: { ...hostIpMatch, in: br, notIn: true, proto, dport: first, ...hostEnd }, target: 'DNAT', toDestination: `${ip}:${cport}` });
        }
      }
    }
  }
  for (const net of nets) {
    const br = net.device!;
    const subnet = net.ipam[0]?.Subnet;
    const icc = net.options['com.docker.network.bridge.enable_icc'] !== 'false';
    const masq = net.options['com.docker.network.bridge.enable_ip_masquerade'] !== 'false';
    drops.push({ match: { in: br, notIn: true, out: br }, target: 'DROP' });
    addRules(out.filter, 'DOCKER-BRIDGE', { match: { out: br }, target: 'DOCKER' });
    addRules(out.nat, 'DOCKER', { match: { in: br }, target: 'RETURN' });
    if (net.internal) {
      if (subnet) {
        addRules(
          out.filter,
          'DOCKER-ISOLATION-STAGE-1',
          { match: { src: subnet, notSrc: true, out: br }, target: 'DROP' },
          { match: { in: br, dst: subnet, notDst: true }, target: 'DROP' },
        );
      }
      addRules(out.filter, 'DOCKER-FORWARD', { match: { in: br, out: br }, target: icc ? 'ACCEPT' : 'DROP' });
      continue;
    }
    addRules(out.filter, 'DOCKER-CT', { match: { out: br, ctstate: ['RELATED', 'ESTABLISHED'] }, target: 'ACCEPT' });
    addRules(out.filter, 'DOCKER-ISOLATION-STAGE-1', { match: { in: br, out: br, notOut: true }, target: 'DOCKER-ISOLATION-STAGE-2' });
    addRules(out.filter, 'DOCKER-ISOLATION-STAGE-2', { match: { out: br }, target: 'DROP' });
    if (icc) addRules(out.filter, 'DOCKER-FORWARD', { match: { in: br }, target: 'ACCEPT' });
    else {
      addRules(
        out.filter,
        'DOCKER-FORWARD',
        { match: { in: br, out: br, notOut: true }, target: 'ACCEPT' },
        { match: { in: br, out: br }, target: 'DROP' },
      );
    }
    if (masq && subnet) addRules(out.nat, 'POSTROUTING', { match: { src: subnet, out: br, notOut: true }, target: 'MASQUERADE' });
  }
  // The per-port ACCEPTs come before each bridge's catch-all DROP, as Docker inserts them.
  addRules(out.filter, 'DOCKER', ...accepts, ...drops);
  addRules(out.nat, 'DOCKER', ...dnat);
  addRules(out.raw, 'PREROUTING', ...loopback, ...raw);
}
