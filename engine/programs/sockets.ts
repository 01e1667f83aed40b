import type { Listener } from '../kernel/types';
import { SERVERS } from '../apps/servers/registry';
import { nsOf, type Proc, type Program } from '../shell/types';

/**
 * `ss` (iproute2) and busybox `netstat`: the sockets listening in this namespace. On a Docker host
 * they show docker-proxy on every published port, which is how published ports reach localhost.
 */

interface Row {
  proto: 'tcp' | 'udp';
  local: string;
  port: number;
  process: string;
  pid: number;
}

function processOf(p: Proc, l: Listener): [string, number] {
  switch (l.app.kind) {
    case 'docker-proxy':
      return ['docker-proxy', 2400 + (l.port % 500)];
    case 'app': {
      // Seen from the host (host network), a container's server has its host PID; inside its container, its own.
      const id = l.app.containerId;
      const c = p.ctx.kind === 'host' && id ? p.rt.world.hosts[p.ctx.host]?.docker.containers[id] : undefined;
      return [SERVERS.get(l.app.name)?.comm ?? l.app.name, c?.pid ? c.pid + l.app.pid - 1 : l.app.pid];
    }
    case 'sshd':
      return ['sshd', 612];
    case 'dns-forwarder':
    case 'dns-server':
      return ['dnsmasq', 540];
    case 'web-site':
      return ['httpd', 80];
    default:
      return ['dockerd', 1021];
  }
}

function rows(p: Proc, tcp: boolean, udp: boolean): Row[] {
  const ns = nsOf(p);
  if (!ns) return [];
  const out: Row[] = [];
  for (const l of ns.listeners) {
    if ((l.proto === 'tcp' && !tcp) || (l.proto === 'udp' && !udp)) continue;
    const [process, pid] = processOf(p, l);
    out.push({ proto: l.proto, local: l.ip || '0.0.0.0', port: l.port, process, pid });
    // Servers bound to every IPv4 address listen on IPv6 too (nginx's default config, docker-proxy, sshd).
    if ((l.ip === '0.0.0.0' || l.ip === '') && l.app.kind !== 'dns-forwarder') {
      // One process holds both sockets, except docker-proxy, which runs once per address family.
      out.push({ proto: l.proto, local: '::', port: l.port, process, pid: l.app.kind === 'docker-proxy' ? pid + 1 : pid });
    }
  }
  // Docker's embedded DNS listens inside every container on a user-defined network.
  if (ns.kind === 'container' && p.rt.world && hasEmbeddedDns(p)) {
    if (tcp) out.push({ proto: 'tcp', local: '127.0.0.11', port: 37541, process: 'dockerd', pid: 1021 });
    if (udp) out.push({ proto: 'udp', local: '127.0.0.11', port: 50713, process: 'dockerd', pid: 1021 });
  }
  const v6 = (r: Row) => (r.local.includes(':') ? 1 : 0);
  return out.sort((a, b) => a.proto.localeCompare(b.proto) || a.port - b.port || v6(a) - v6(b) || a.local.localeCompare(b.local));
}

function hasEmbeddedDns(p: Proc): boolean {
  const c = p.ctx.containerId ? p.rt.world.hosts[p.ctx.host]?.docker.containers[p.ctx.containerId] : undefined;
  if (!c) return false;
  return c.endpoints.some((e) => {
    const n = p.rt.world.hosts[p.ctx.host]?.docker.networks[e.networkId];
    return !!n && !n.predefined;
  });
}

function flagsOf(args: string[]): Set<string> {
  const out = new Set<string>();
  for (const a of args) {
    if (a.startsWith('--')) out.add(a);
    else if (a.startsWith('-')) for (const ch of a.slice(1)) out.add(ch);
  }
  return out;
}

export const ss: Program = async (p) => {
  const f = flagsOf(p.argv.slice(1));
  const tcp = f.has('t') || (!f.has('u') && !f.has('t'));
  const udp = f.has('u') || (!f.has('u') && !f.has('t'));
  if (!f.has('l') && !f.has('a')) {
    // Without -l, ss lists established connections: the lab keeps none open between commands.
    p.out('Netid State Recv-Q Send-Q Local Address:Port Peer Address:Port Process\n');
    return 0;
  }
  const list = rows(p, tcp, udp);
  const addr = (r: Row) => `${r.local.includes(':') ? `[${r.local}]` : r.local}:${f.has('n') ? r.port : (SERVICES[r.port] ?? r.port)}`;
  const peer = (r: Row) => (r.local.includes(':') ? '[::]:*' : '0.0.0.0:*');
  const netid = !(tcp && !udp) && !(udp && !tcp);
  const head = `${netid ? 'Netid ' : ''}State  Recv-Q Send-Q Local Address:Port  Peer Address:Port${f.has('p') ? 'Process' : ''}`;
  const lines = [head];
  for (const r of list) {
    const state = r.proto === 'udp' ? 'UNCONN' : 'LISTEN';
    const cols = `${state.padEnd(6)} 0      ${String(r.proto === 'tcp' ? 4096 : 0).padEnd(6)} ${addr(r).padStart(18)} ${peer(r).padStart(18)}`;
    const proc = f.has('p') ? ` users:(("${r.process}",pid=${r.pid},fd=${r.proto === 'tcp' ? 7 : 5}))` : '';
    lines.push(`${netid ? `${r.proto.padEnd(5)} ` : ''}${cols}${proc}`);
  }
  p.out(lines.join('\n') + '\n');
  return 0;
};

const SERVICES: Record<number, string> = { 22: 'ssh', 53: 'domain', 80: 'http', 443: 'https', 8080: 'http-alt' };

export const netstat: Program = async (p) => {
  const f = flagsOf(p.argv.slice(1));
  if (!f.has('l') && !f.has('a')) {
    p.out('Active Internet connections (w/o servers)\nProto Recv-Q Send-Q Local Address           Foreign Address         State       \n');
    return 0;
  }
  const tcp = f.has('t') || (!f.has('u') && !f.has('t'));
  const udp = f.has('u') || (!f.has('u') && !f.has('t'));
  const lines = [
    'Active Internet connections (only servers)',
    `Proto Recv-Q Send-Q Local Address           Foreign Address         State       ${f.has('p') ? 'PID/Program name' : ''}`,
  ];
  for (const r of rows(p, tcp, udp)) {
    const proto = r.local.includes(':') ? `${r.proto}6` : r.proto;
    const local = `${r.local}:${f.has('n') ? r.port : (SERVICES[r.port] ?? r.port)}`;
    const foreign = r.local.includes(':') ? ':::*' : '0.0.0.0:*';
    const state = r.proto === 'tcp' ? 'LISTEN' : '';
    lines.push(`${proto.padEnd(5)} ${'0'.padStart(6)} ${'0'.padStart(6)} ${local.padEnd(23)} ${foreign.padEnd(23)} ${state.padEnd(11)} ${f.has('p') ? `${r.pid}/${r.process}` : ''}`.trimEnd());
  }
  p.out(lines.join('\n') + '\n');
  return 0;
};
