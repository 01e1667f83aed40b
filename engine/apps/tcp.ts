import { ctReset } from '../kernel/conntrack';
import { roundTrip, type WalkOk } from '../kernel/deliver';
import type { Listener, NetNs } from '../kernel/types';
import type { AppEnv } from './env';
import { parseHttpRequest, serializeResponse } from './http-wire';
import { serverFor } from './servers/registry';
import type { Conn, ServerModule, TcpReply } from './servers/types';
import { findListener, proxyTargetPort } from './sockets';

/**
 * TCP connections over the packet walk: the SYN's walk decides refused / timed out / unreachable;
 * once connected, bytes go to whoever listens at the far end, through docker-proxy if that is
 * what listens. A connection is a TcpStream the client writes to and reads replies from.
 */

export type ConnectFailure = 'refused' | 'timeout' | 'net-unreachable' | 'host-unreachable' | 'reset';

export type ConnectResult = { ok: true; arrived: WalkOk; listener: Listener } | { ok: false; reason: ConnectFailure };

export function tcpConnect(env: AppEnv, from: NetNs, ip: string, port: number): ConnectResult {
  const rt = roundTrip(env.world, from, { proto: 'tcp', dst: ip, dport: port });
  if (!rt.there.ok) {
    if (rt.there.reason === 'net-unreachable') return { ok: false, reason: 'net-unreachable' };
    if (rt.there.reason === 'host-unreachable') return { ok: false, reason: 'host-unreachable' };
    return { ok: false, reason: 'timeout' };
  }
  if (!rt.ok) return { ok: false, reason: 'timeout' };
  const l = findListener(rt.there.ns, 'tcp', rt.there.dst, rt.there.dport ?? port);
  if (!l) {
    // The far end answers the SYN with a RST: conntrack closes the flow.
    ctReset(env.world, rt.there.ct);
    return { ok: false, reason: 'refused' };
  }
  return { ok: true, arrived: rt.there, listener: l };
}

export interface TcpStream {
  /** The address the client reached (before docker-proxy: what it connected to). */
  readonly peer: string;
  /** The server end: its module, for clients that speak HTTP to it directly. */
  readonly server: { module: ServerModule | null; conn: Conn };
  /** What the server sent when the connection opened. */
  readonly greeting: string;
  send(data: string): TcpReply;
  /** The client closes its side. */
  end(): void;
  readonly closed: boolean;
}

/** A source port for a new connection: stable for the same moment and path, spread over Linux's ephemeral range. */
function ephemeralPort(env: AppEnv, from: string, to: string): number {
  let h = Math.floor(env.world.clock / 1000) >>> 0;
  for (const ch of `${from}>${to}`) h = (Math.imul(h, 31) + ch.charCodeAt(0)) >>> 0;
  return 32768 + (h % (60999 - 32768));
}

export type OpenResult = { ok: true; stream: TcpStream } | { ok: false; reason: ConnectFailure };

export function tcpOpen(env: AppEnv, from: NetNs, ip: string, port: number, depth = 0): OpenResult {
  const c = tcpConnect(env, from, ip, port);
  if (!c.ok) return c;
  const there = c.arrived;
  const app = c.listener.app;
  if (app.kind === 'docker-proxy') {
    // docker-proxy accepts, then opens its own connection to the container from the host.
    if (depth > 3) return { ok: false, reason: 'reset' };
    const inner = tcpOpen(env, there.ns, app.targetIp, proxyTargetPort(c.listener, there.dport ?? port), depth + 1);
    if (!inner.ok) return { ok: false, reason: 'reset' };
    return { ok: true, stream: { ...inner.stream, peer: there.dst, send: inner.stream.send, end: inner.stream.end, get closed() { return inner.stream.closed; } } };
  }
  const conn: Conn = {
    ns: there.ns,
    app: app.kind === 'app' ? app : { kind: 'app', name: app.kind, containerId: null, pid: 0, argv: [], version: '' },
    local: { ip: there.dst, port: there.dport ?? port },
    peer: { ip: there.src, port: ephemeralPort(env, there.src, there.dst) },
  };
  const module = serverFor(app);
  let closed = false;
  let buffered = '';
  const stream: TcpStream = {
    peer: there.dst,
    server: { module, conn },
    greeting: module?.greeting?.(env, conn) ?? '',
    send(data: string): TcpReply {
      if (closed) return { data: '', close: true };
      let reply: TcpReply;
      if (module?.tcp) reply = module.tcp(env, conn, data);
      else if (module?.http) {
        // A web server reads until the blank line that ends the headers, answers, and (here) closes.
        buffered += data;
        const req = parseHttpRequest(buffered);
        if (req === 'incomplete') reply = { data: '', close: false };
        else if (req === 'bad') reply = { data: 'HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n', close: true };
        else reply = { data: serializeResponse(module.http(env, conn, req), req.method === 'HEAD'), close: true };
      } else reply = { data: '', close: true };
      if (reply.close) closed = true;
      return reply;
    },
    end() {
      if (!closed) module?.end?.(env, conn);
      closed = true;
    },
    get closed() {
      return closed;
    },
  };
  return { ok: true, stream };
}
