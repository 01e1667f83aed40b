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
  // Networks in creation order (docker0 first). Docker APPENDS a network's rules to DOCKER (its
  // DROP), DOCKER-BRIDGE, DOCKER-CT, DOCKER-FORWARD and DOCKER-ISOLATION-STAGE-1, and INSERTS
  // them at the head of DOCKER-ISOLATION-STAGE-2, nat POSTROUTING and nat DOCKER (the RETURN), and
  // an internal network's STAGE-1 DROPs (moby v28.5.2 integration/network/bridge/iptablesdoc/
  // generated/usernet-portmap.md, usernet-internal.md; libnetwork/drivers/bridge/internal/iptabler).
  const nets = bridges.filter((n) => n.device).sort((a, b) => a.created - b.created || (a.id < b.id ? -1 : 1));
  const newestFirst = [...nets].reverse();
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
  const internalIsolation: Rule[] = [];
  const bridgeNames = new Map(nets.map((n) => [n.id, n]));
  // Per-container rules are made as each container starts: the per-port ACCEPTs are inserted at
  // the head of DOCKER (newest first), the DNATs and raw DROPs appended (oldest first).
  const started = [...running].sort((a, b) => (a.startedAt ?? 0) - (b.startedAt ?? 0));
  for (const c of started) {
    for (const ep of c.endpoints) {
      const net = ep.live?.ip ? bridgeNames.get(ep.networkId) : undefined;
      if (!net || !ep.live) continue;
      const ip = ep.live.ip;
      const br = net.device!;
      if (net.internal) continue;
      // CreateEndpoint's direct-access DROP comes before ProgramExternalConnectivity's port rules
      // (moby v28.5.2 libnetwork/drivers/bridge/bridge_linux.go:1196, :1519).
      raw.push({ match: { dst: `${ip}/32`, in: br, notIn: true }, target: 'DROP' });
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
          // Inserted at the head: newest first. Collected in reverse and flipped once (unshift per rule is quadratic).
          accepts.push({ match: { dst: `${ip}/32`, in: br, notIn: true, out: br, proto, dport: cport, ...ctrEnd }, target: 'ACCEPT' });
          // Docker 28: a port published on a loopback address is not reachable from the LAN.
          if (b.HostIp.startsWith('127.')) {
            raw.push({ match: { dst: `${b.HostIp}/32`, in: 'lo', notIn: true, proto, dport: first, ...hostEnd }, target: 'DROP' });
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
    if (net.internal) {
      // An internal network has no DOCKER, DOCKER-BRIDGE, DOCKER-CT or nat rules at all.
      if (subnet) {
        internalIsolation.unshift(
          { match: { src: subnet, notSrc: true, out: br }, target: 'DROP' },
          { match: { in: br, dst: subnet, notDst: true }, target: 'DROP' },
        );
      }
      addRules(out.filter, 'DOCKER-FORWARD', { match: { in: br, out: br }, target: icc ? 'ACCEPT' : 'DROP' });
      continue;
    }
    drops.push({ match: { in: br, notIn: true, out: br }, target: 'DROP' });
    addRules(out.filter, 'DOCKER-BRIDGE', { match: { out: br }, target: 'DOCKER' });
    addRules(out.filter, 'DOCKER-CT', { match: { out: br, ctstate: ['RELATED', 'ESTABLISHED'] }, target: 'ACCEPT' });
    addRules(out.filter, 'DOCKER-ISOLATION-STAGE-1', { match: { in: br, out: br, notOut: true }, target: 'DOCKER-ISOLATION-STAGE-2' });
    if (icc) addRules(out.filter, 'DOCKER-FORWARD', { match: { in: br }, target: 'ACCEPT' });
    else {
      // usernet-portmap-noicc.md: the DROP for traffic inside the bridge comes first.
      addRules(
        out.filter,
        'DOCKER-FORWARD',
        { match: { in: br, out: br }, target: 'DROP' },
        { match: { in: br, out: br, notOut: true }, target: 'ACCEPT' },
      );
    }
  }
  for (const net of newestFirst) {
    if (net.internal) continue;
    const br = net.device!;
    const subnet = net.ipam[0]?.Subnet;
    const masq = net.options['com.docker.network.bridge.enable_ip_masquerade'] !== 'false';
    addRules(out.filter, 'DOCKER-ISOLATION-STAGE-2', { match: { out: br }, target: 'DROP' });
    addRules(out.nat, 'DOCKER', { match: { in: br }, target: 'RETURN' });
    if (masq && subnet) addRules(out.nat, 'POSTROUTING', { match: { src: subnet, out: br, notOut: true }, target: 'MASQUERADE' });
  }
  // The per-port ACCEPTs come before each bridge's catch-all DROP, as Docker inserts them.
  addRules(out.filter, 'DOCKER', ...accepts.reverse(), ...drops);
  const stage1 = out.filter.get('DOCKER-ISOLATION-STAGE-1')!;
  out.filter.set('DOCKER-ISOLATION-STAGE-1', [...internalIsolation, ...stage1]);
  addRules(out.nat, 'DOCKER', ...dnat);
  addRules(out.raw, 'PREROUTING', ...raw);
}
