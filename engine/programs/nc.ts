import { Cancel } from '../util/signal';
import { tcpOpen, type ConnectFailure } from '../apps/tcp';
import { udpSend } from '../apps/udp';
import type { Conn } from '../apps/servers/types';
import { toolsetOf } from '../shell/toolset';
import { nsOf, type Proc, type Program } from '../shell/types';
import { isIPv4 } from '../util/ipv4';
import { connectErrno, imageOf, strerror, TCP_CONNECT_TIMEOUT_MS } from './libc';
import { resolveHost } from './resolve';
import { closeServer, openServer, stopListening, waitWhile } from './serve';

/**
 * nc: busybox's applet (alpine, busybox; NC_110_COMPAT, networking/nc_bloaty.c) as a client
 * (`nc -zv web 80`, `echo hi | nc web 9000`) and as a one-shot listener (`nc -l -p 9000`) that
 * prints what arrives. netshoot's is netcat-openbsd, which words its messages differently.
 */

export const NC_USAGE = `BusyBox v1.37.0 (2024-09-26 21:31:42 UTC) multi-call binary.

Usage: nc [OPTIONS] HOST PORT  - connect
nc [OPTIONS] -l -p PORT [HOST] [PORT]  - listen

\t-e PROG\tRun PROG after connect (must be last)
\t-l\tListen mode, for inbound connects
\t-lk\tWith -e, provides persistent server
\t-p PORT\tLocal port
\t-s ADDR\tLocal address
\t-w SEC\tTimeout for connects and final net reads
\t-i SEC\tDelay interval for lines sent
\t-n\tDon't do DNS resolution
\t-u\tUDP mode
\t-b\tAllow broadcasts
\t-v\tVerbose
\t-o FILE\tHex dump traffic
\t-z\tZero-I/O mode (scanning)
`;

const SERVICES: Record<string, number> = { http: 80, https: 443, ssh: 22, domain: 53, ftp: 21, smtp: 25, redis: 6379, postgresql: 5432 };
const SERVICE_NAMES: Record<number, string> = { 22: 'ssh', 53: 'domain', 80: 'http', 443: 'https', 6379: 'redis', 5432: 'postgresql', 8080: 'http-alt' };

interface Opts {
  listen: boolean;
  keep: boolean;
  verbose: number;
  zero: boolean;
  udp: boolean;
  numeric: boolean;
  wait: number | null;
  port: number | null;
  source: string | null;
  rest: string[];
}

function parse(p: Proc): Opts | string {
  const o: Opts = { listen: false, keep: false, verbose: 0, zero: false, udp: false, numeric: false, wait: null, port: null, source: null, rest: [] };
  const args = p.argv.slice(1);
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (!a.startsWith('-') || a === '-') {
      o.rest.push(a);
      continue;
    }
    for (let k = 1; k < a.length; k++) {
      const ch = a[k]!;
      if (ch === 'l') o.listen = true;
      else if (ch === 'k') o.keep = true;
      else if (ch === 'v') o.verbose++;
      else if (ch === 'z') o.zero = true;
      else if (ch === 'u') o.udp = true;
      else if (ch === 'n') o.numeric = true;
      else if (ch === 'b') continue;
      else if ('pwsieoq'.includes(ch)) {
        const v = k + 1 < a.length ? a.slice(k + 1) : args[++i];
        if (v === undefined) return `nc: option requires an argument: ${ch}\n${NC_USAGE}`;
        if (ch === 'p') {
          if (!/^\d+$/.test(v) || Number(v) > 65535) return `nc: bad port '${v}'\n`;
          o.port = Number(v);
        } else if (ch === 'w') o.wait = Number(v);
        else if (ch === 's') o.source = v;
        else if (ch === 'e') return "sim: nc -e (run a program on connect) is not part of this lab\n";
        break;
      } else return `nc: unrecognized option: ${ch}\n${NC_USAGE}`;
    }
  }
  return o;
}

function portOf(text: string): number | null {
  if (/^\d+$/.test(text) && Number(text) > 0 && Number(text) < 65536) return Number(text);
  return Object.hasOwn(SERVICES, text) ? SERVICES[text]! : null;
}

/** The address as nc on an IPv6 socket prints it: IPv4 peers are mapped. */
const mapped = (ip: string) => `[${ip.includes(':') ? ip : `::ffff:${ip}`}]`;

async function listen(p: Proc, o: Opts): Promise<number> {
  const port = o.port ?? 32768 + (Math.floor(p.rt.world.clock / 1000) % 28000);
  const chunks: string[] = [];
  let clientsDone = 0;
  let wake = new Cancel();
  const glibc = imageOf(p)?.libc !== 'musl';
  const pending: string[] = [];
  const opened = openServer(p, {
    name: 'nc',
    sockets: [{ proto: o.udp ? 'udp' : 'tcp', ip: o.source ?? '::', port }],
    argv: p.argv,
    live: {
      greeting: (conn: Conn) => {
        if (o.verbose) {
          const from = glibc ? '(null)' : `${mapped(conn.peer.ip)}:${conn.peer.port}`;
          pending.push(`connect to ${mapped(conn.local.ip)}:${conn.local.port} from ${from} (${mapped(conn.peer.ip)}:${conn.peer.port})\n`);
        }
        // Without -k the listening socket is closed once a client is in.
        if (!o.keep && !o.udp && opened.ok) stopListening(p, opened.listeners);
        wake.abort();
        return p.stdin ?? '';
      },
      receive: (_conn, data) => {
        chunks.push(data);
        wake.abort();
        return { data: '', close: false };
      },
      end: () => {
        clientsDone++;
        wake.abort();
      },
    },
  });
  if (!opened.ok) {
    p.err(`nc: bind: ${strerror(p, 'EADDRINUSE')}\n`);
    return 1;
  }
  if (o.verbose) p.err(`listening on [::]:${port} ...\n`);
  const flush = () => {
    for (const line of pending.splice(0)) p.err(line);
    if (chunks.length) p.out(chunks.splice(0).join(''));
  };
  let status = 0;
  for (;;) {
    const r = await waitWhile(p, () => pending.length === 0 && chunks.length === 0 && (o.keep || clientsDone === 0), wake.signal);
    wake = new Cancel();
    flush();
    if (r === 'aborted') {
      status = 130;
      break;
    }
    if (!o.keep && clientsDone > 0) break;
  }
  closeServer(p, opened.listeners);
  return status;
}

/** netcat-openbsd names a host with its address unless the address is what was typed. */
function bsdHost(host: string, ip: string): string {
  return host === ip ? ip : `${host} (${ip})`;
}

function failText(p: Proc, reason: ConnectFailure): string {
  return strerror(p, connectErrno(reason));
}

async function connect(p: Proc, o: Opts): Promise<number> {
  const [host, portText] = o.rest;
  const openbsd = toolsetOf(p) === 'gnu';
  if (!host || !portText) {
    p.err(openbsd ? 'usage: nc [-46CDdFhklNnrStUuvZz] [-I length] [-i interval] [-M ttl]\n\t  [-m minttl] [-O length] [-P proxy_username] [-p source_port]\n\t  [-q seconds] [-s sourceaddr] [-T keyword] [-V rtable] [-W recvlimit]\n\t  [-w timeout] [-X proxy_protocol] [-x proxy_address[:port]]\n\t  [destination] [port]\n' : NC_USAGE);
    return 1;
  }
  const port = portOf(portText);
  if (port === null) {
    p.err(openbsd ? `nc: port range not valid\n` : `nc: bad port '${portText}'\n`);
    return 1;
  }
  if (o.numeric && !isIPv4(host)) {
    p.err(`nc: bad address '${host}'\n`);
    return 1;
  }
  const r = resolveHost(p, host);
  if (!r.ok) {
    p.err(openbsd ? `nc: getaddrinfo for host "${host}" port ${port}: Name does not resolve\n` : `nc: bad address '${host}'\n`);
    return 1;
  }
  const ns = nsOf(p);
  if (!ns) return 1;
  const where = `${host} (${r.ip}:${port})`;
  if (o.udp) {
    udpSend(p.rt.apps, ns, r.ip, port, o.zero ? '' : (p.stdin ?? ''));
    return o.zero ? 1 : 0;
  }
  const opened = tcpOpen(p.rt.apps, ns, r.ip, port);
  if (!opened.ok) {
    if (opened.reason === 'timeout') {
      const limit = o.wait !== null && Number.isFinite(o.wait) && o.wait > 0 ? Math.min(o.wait * 1000, TCP_CONNECT_TIMEOUT_MS) : TCP_CONNECT_TIMEOUT_MS;
      if (!(await p.rt.sleep(limit, p.signal))) return 130;
    }
    if (openbsd) {
      if (o.verbose) p.err(opened.reason === 'timeout' ? `nc: connect to ${bsdHost(host, r.ip)} port ${port} (tcp) timed out: Operation now in progress\n` : `nc: connect to ${bsdHost(host, r.ip)} port ${port} (tcp) failed: ${failText(p, opened.reason)}\n`);
      return 1;
    }
    // busybox (NC_110_COMPAT): a refused port is silent with one -v; timeouts and unreachable hosts are reported.
    if (o.verbose >= 2 || (o.verbose === 1 && opened.reason !== 'refused')) p.err(`nc: ${where}: ${failText(p, opened.reason)}\n`);
    if (o.verbose >= 2) p.err('sent 0, rcvd 0\n');
    return 1;
  }
  const s = opened.stream;
  if (o.verbose) p.err(openbsd ? `Connection to ${bsdHost(host, r.ip)} ${port} port [tcp/${SERVICE_NAMES[port] ?? '*'}] succeeded!\n` : `${where} open\n`);
  let sent = 0;
  let rcvd = 0;
  if (!o.zero) {
    const show = (text: string) => {
      rcvd += text.length;
      if (text) p.out(text);
    };
    show(s.greeting);
    if (p.stdin !== null) {
      if (p.stdin.length) {
        sent += p.stdin.length;
        show(s.send(p.stdin).data);
      }
    } else if (p.readLine) {
      // Typed lines go out as they are entered, until Ctrl-D or the server hangs up.
      while (!s.closed) {
        const line = await p.readLine('');
        if (line === null || p.signal?.aborted) break;
        sent += line.length + 1;
        show(s.send(`${line}\n`).data);
      }
    }
  }
  s.end();
  if (o.verbose >= 2) p.err(`sent ${sent}, rcvd ${rcvd}\n`);
  return 0;
}

export const nc: Program = async (p) => {
  const o = parse(p);
  if (typeof o === 'string') {
    p.err(o);
    return 1;
  }
  if (o.listen) {
    if (o.rest[0] && !o.port && /^\d+$/.test(o.rest[0]) && toolsetOf(p) === 'gnu') o.port = Number(o.rest[0]);
    else if (o.rest[0] && !resolveHost(p, o.rest[0]).ok) {
      p.err(`nc: bad address '${o.rest[0]}'\n`);
      return 1;
    }
    return listen(p, o);
  }
  if (o.zero && o.rest[1]?.includes('-') && toolsetOf(p) !== 'gnu') {
    p.err(`nc: bad port '${o.rest[1]}'\n`);
    return 1;
  }
  return connect(p, o);
};
