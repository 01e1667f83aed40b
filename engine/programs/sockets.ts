import { SERVERS } from '../apps/servers/registry';
import { openListeners } from '../apps/sockets';
import type { ProcessRow } from '../docker/api';
import type { Listener } from '../kernel/types';
import { containerOf, daemonOf, nsOf, type Proc, type Program } from '../shell/types';
import { netstatRoutes } from './net-tools';

/**
 * `ss` (iproute2 6.15) and `netstat` (busybox): the sockets listening in this namespace. On a
 * Docker host they show docker-proxy on every published port, one process per host address, port
 * and protocol (finding 20). A process in another PID namespace cannot be named: no users:(...)
 * in ss, `-` in netstat.
 */

interface Row {
  proto: 'tcp' | 'udp';
  /** "0.0.0.0", "::" (IPv6 only), "*" (one dual-stack socket), or an address. */
  local: string;
  port: number;
  /** The owning process as this namespace can see it, or null. */
  owner: { name: string; pid: number; fd: number } | null;
  /** listen(2) backlog: the Send-Q of a listening socket. */
  backlog: number;
}

/** sshd 128 (sshd_config default), Go servers and docker-proxy somaxconn (4096); the apps declare theirs. */
function backlogOf(l: Listener): number {
  switch (l.app.kind) {
    case 'app':
      return SERVERS.get(l.app.name)?.backlog ?? 4096;
    case 'sshd':
      return 128;
    case 'web-site':
      return 511;
    default:
      return 4096;
  }
}

/** The first listening fd of each server (its IPv6 twin takes the next). */
const FIRST_FD: Record<string, number> = { nginx: 6, redis: 6, postgres: 6, httpd: 3, whoami: 3, 'busybox-httpd': 3, nc: 3 };

interface Viewer {
  /** Host processes, when the viewer is in the host's PID namespace. */
  host: ProcessRow[] | null;
  /** The viewer's container (its PID namespace), if any. */
  containerId: string | null;
  /** docker-proxy processes by the socket they hold ("tcp|0.0.0.0|8080"). */
  proxies: Map<string, ProcessRow>;
}

function ownerOf(v: Viewer, l: Listener, v6: boolean): Row['owner'] {
  const app = l.app;
  switch (app.kind) {
    case 'docker-proxy': {
      const ip = v6 ? '::' : l.ip;
      const proc = v.proxies.get(`${l.proto}|${ip}|${l.port}`);
      return proc ? { name: 'docker-proxy', pid: proc.pid, fd: 4 } : null;
    }
    case 'app': {
      const name = SERVERS.get(app.name)?.comm ?? app.name;
      const fd = (Object.hasOwn(FIRST_FD, app.name) ? FIRST_FD[app.name]! : 3) + (v6 ? 1 : 0);
      if (app.containerId === null) return v.host ? { name, pid: app.pid, fd } : null;
      if (v.containerId === app.containerId) return { name, pid: app.pid, fd };
      // From the host, a container's process has its host PID.
      const proc = v.host?.find((r) => r.containerId === app.containerId && r.nsPid === app.pid);
      return proc ? { name, pid: proc.pid, fd } : null;
    }
    case 'sshd':
      return v.host ? { name: 'sshd', pid: 612, fd: v6 ? 4 : 3 } : null;
    case 'dns-forwarder':
    case 'dns-server':
      return { name: 'dnsmasq', pid: 540, fd: 4 };
    case 'web-site':
      return { name: 'httpd', pid: 80, fd: 3 };
    default:
      return v.host ? { name: 'dockerd', pid: 1021, fd: 7 } : null;
  }
}

function rows(p: Proc, tcp: boolean, udp: boolean): Row[] {
  const ns = nsOf(p);
  if (!ns) return [];
  const c = containerOf(p);
  const d = daemonOf(p);
  const host = c ? null : (d?.hostProcesses() ?? []);
  const proxies = new Map<string, ProcessRow>();
  for (const r of host ?? []) {
    const key = r.socket && `${r.socket.proto}|${r.socket.ip}|${r.socket.port}`;
    if (key && !proxies.has(key)) proxies.set(key, r);
  }
  const viewer: Viewer = { host, containerId: c?.id ?? null, proxies };
  const out: Row[] = [];
  for (const l of openListeners(ns.listeners)) {
    if ((l.proto === 'tcp' && !tcp) || (l.proto === 'udp' && !udp)) continue;
    const backlog = l.proto === 'tcp' ? backlogOf(l) : 0;
    if (l.ip === '::') {
      out.push({ proto: l.proto, local: '*', port: l.port, owner: ownerOf(viewer, l, false), backlog });
      continue;
    }
    out.push({ proto: l.proto, local: l.ip || '0.0.0.0', port: l.port, owner: ownerOf(viewer, l, false), backlog });
    // Servers bound to every IPv4 address have an IPv6 socket too (nginx's default config, docker-proxy, sshd, redis).
    if ((l.ip === '0.0.0.0' || l.ip === '') && l.app.kind !== 'dns-forwarder') {
      out.push({ proto: l.proto, local: '::', port: l.port, owner: ownerOf(viewer, l, true), backlog });
    }
  }
  // Docker's embedded DNS listens inside every container on a user-defined network; dockerd is in the host's PID namespace.
  if (ns.kind === 'container' && hasEmbeddedDns(p)) {
    const owner = viewer.host ? { name: 'dockerd', pid: 1021, fd: 7 } : null;
    if (tcp) out.push({ proto: 'tcp', local: '127.0.0.11', port: 37541, owner, backlog: 4096 });
    if (udp) out.push({ proto: 'udp', local: '127.0.0.11', port: 50713, owner, backlog: 0 });
  }
  const v6 = (r: Row) => (r.local.includes(':') ? 1 : 0);
  return out.sort((a, b) => a.proto.localeCompare(b.proto) || a.port - b.port || v6(a) - v6(b) || a.local.localeCompare(b.local));
}

/** Whether the namespace is a container's on a user-defined network (sidecars in container: mode share it). */
function hasEmbeddedDns(p: Proc): boolean {
  const d = daemonOf(p);
  const ns = nsOf(p);
  const c = d && ns ? d.containers().find((x) => x.nsId === ns.id && !x.hostConfig.networkMode.startsWith('container:')) : undefined;
  if (!c || !d) return false;
  return c.endpoints.some((e) => {
    const n = d.networkById(e.networkId);
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

const SERVICES: Record<number, string> = { 22: 'ssh', 53: 'domain', 80: 'http', 443: 'https', 8080: 'http-alt', 6379: 'redis', 5432: 'postgresql' };

/**
 * ss's table: each column as wide as its widest cell (header included); the local and peer
 * addresses right-aligned against the colon, ports left-aligned after it (iproute2 misc/ss.c).
 */
export const ss: Program = async (p) => {
  const f = flagsOf(p.argv.slice(1));
  const tcp = f.has('t') || (!f.has('u') && !f.has('t'));
  const udp = f.has('u') || (!f.has('u') && !f.has('t'));
  const netid = tcp && udp;
  if (!f.has('l') && !f.has('a')) {
    // Without -l, ss lists established connections: the lab keeps none open between commands.
    p.out(`${netid ? 'Netid ' : ''}State  Recv-Q Send-Q Local Address:Port Peer Address:PortProcess\n`);
    return 0;
  }
  const list = rows(p, tcp, udp);
  const shownAddr = (a: string) => (a === '*' ? '*' : a.includes(':') ? `[${a}]` : a);
  const shownPort = (port: number) => String(f.has('n') ? port : (SERVICES[port] ?? port));
  const cells = list.map((r) => ({
    netid: r.proto,
    state: r.proto === 'udp' ? 'UNCONN' : 'LISTEN',
    send: String(r.backlog),
    laddr: shownAddr(r.local),
    lport: shownPort(r.port),
    paddr: r.local === '*' ? '*' : r.local.includes(':') ? '[::]' : '0.0.0.0',
    proc: f.has('p') && r.owner ? ` users:(("${r.owner.name}",pid=${r.owner.pid},fd=${r.owner.fd}))` : '',
  }));
  // A loop, not Math.max(...cells): a published range gives 100,000+ sockets, more than a call's arguments may be.
  const w = (key: 'laddr' | 'lport' | 'paddr' | 'proc', head: number) => cells.reduce((m, c) => Math.max(m, c[key].length), head);
  const laddrW = w('laddr', 'Local Address'.length);
  const lportW = w('lport', 'Port'.length);
  const paddrW = w('paddr', 'Peer Address'.length);
  const procW = w('proc', 'Process'.length);
  const lines = [`${netid ? 'Netid ' : ''}State  Recv-Q Send-Q ${'Local Address'.padStart(laddrW)}:${'Port'.padEnd(lportW)} ${'Peer Address'.padStart(paddrW)}:PortProcess`.padEnd(0)];
  lines[0] = `${lines[0]!.slice(0, -'Process'.length)}${'Process'.padEnd(procW)}`;
  for (const c of cells) {
    const head = `${netid ? `${c.netid.padEnd(5)} ` : ''}${c.state.padEnd(6)} ${'0'.padEnd(6)} ${c.send.padEnd(6)} `;
    lines.push(`${head}${c.laddr.padStart(laddrW)}:${c.lport.padEnd(lportW)} ${c.paddr.padStart(paddrW)}:${'*'.padEnd(4)}${c.proc}`);
  }
  p.out(lines.join('\n') + '\n');
  return 0;
};

export const netstat: Program = async (p) => {
  const f = flagsOf(p.argv.slice(1));
  if (f.has('r')) {
    p.out(netstatRoutes(p));
    return 0;
  }
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
    const v6 = r.local.includes(':') || r.local === '*';
    const proto = v6 ? `${r.proto}6` : r.proto;
    const addr = r.local === '*' ? '::' : r.local;
    const local = `${v6 ? `${addr}:` : `${addr}:`}${f.has('n') ? r.port : (SERVICES[r.port] ?? r.port)}`;
    const foreign = v6 ? ':::*' : '0.0.0.0:*';
    const state = r.proto === 'tcp' ? 'LISTEN' : '';
    const owner = r.owner ? `${r.owner.pid}/${r.owner.name}` : '-';
    lines.push(`${proto.padEnd(5)} ${'0'.padStart(6)} ${'0'.padStart(6)} ${local.padEnd(23)} ${foreign.padEnd(23)} ${state.padEnd(11)} ${f.has('p') ? owner : ''}`.trimEnd());
  }
  p.out(lines.join('\n') + '\n');
  return 0;
};
