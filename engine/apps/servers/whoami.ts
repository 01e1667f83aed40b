/**
 * traefik/whoami v1.11.0 (app.go): answers every path with the container's hostname, its
 * addresses, the client's address and the request itself. Lessons use it to show which
 * replica or task answered, so the text follows whoamiHandler line by line.
 */

import type { NetNs } from '../../kernel/types';
import type { AppEnv } from '../env';
import { header, httpDate, slashTime } from './common';
import type { Conn, HttpRequest, HttpResponse, ServerModule, StartInfo } from './types';

/** Go's net.Interfaces order (by ifindex), each interface's addresses as the kernel lists them. */
function addresses(ns: NetNs): string[] {
  const out: string[] = [];
  for (const link of [...ns.links].sort((a, b) => a.ifindex - b.ifindex)) {
    const v4 = link.addrs.map((a) => a.ip).filter((ip) => !ip.includes(':'));
    const v6 = link.addrs.map((a) => a.ip).filter((ip) => ip.includes(':'));
    // A container's lo keeps ::1; Docker turns IPv6 off on eth0 of an IPv4-only network.
    if (link.kind === 'loopback' && !v6.includes('::1')) v6.push('::1');
    out.push(...v4, ...(link.kind === 'loopback' ? v6 : v6.filter((ip) => !ip.startsWith('fe80'))));
  }
  return out;
}

/** The request as Go's Request.Write puts it back on the wire: Host, User-Agent, Connection: close, then the rest sorted. */
function requestText(req: HttpRequest): string {
  const lines = [`${req.method} ${req.path} HTTP/1.1`, `Host: ${header(req.headers, 'Host') ?? ''}`];
  const ua = header(req.headers, 'User-Agent');
  lines.push(`User-Agent: ${ua ?? 'Go-http-client/1.1'}`);
  const connection = header(req.headers, 'Connection');
  const closes = connection !== null && /(^|,)\s*close\s*($|,)/i.test(connection);
  if (closes) lines.push('Connection: close');
  const rest = req.headers
    .filter(([k]) => !/^(host|user-agent|content-length|transfer-encoding|trailer)$/i.test(k) && !(closes && /^connection$/i.test(k)))
    .map(([k, v]): [string, string] => [canonical(k), v])
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  for (const [k, v] of rest) lines.push(`${k}: ${v}`);
  return lines.map((l) => `${l}\r\n`).join('') + '\r\n';
}

/** Go's textproto.CanonicalMIMEHeaderKey: "x-forwarded-for" -> "X-Forwarded-For". */
function canonical(key: string): string {
  return key
    .toLowerCase()
    .split('-')
    .map((w) => (w ? w[0]!.toUpperCase() + w.slice(1) : w))
    .join('-');
}

function plain(env: AppEnv, status: number, reason: string, body: string, type = 'text/plain; charset=utf-8'): HttpResponse {
  const headers: [string, string][] = [['Date', httpDate(env.world.clock)], ['Content-Length', String(body.length)]];
  if (body.length > 0) headers.push(['Content-Type', type]);
  return { status, reason, headers, body };
}

function serve(env: AppEnv, conn: Conn, req: HttpRequest): HttpResponse {
  const path = req.path.replace(/[?#].*$/, '');
  const name = conn.app.opts?.['name'] ?? '';
  const remote = `${conn.peer.ip}:${conn.peer.port}`;
  if (path === '/health') return plain(env, 200, 'OK', '');
  if (path === '/bench') return plain(env, 200, 'OK', '1', 'text/plain');
  if (path === '/api') {
    // Go encodes a map with its keys sorted.
    const byKey = new Map<string, string[]>();
    for (const [k, v] of req.headers) if (!/^host$/i.test(k)) byKey.set(canonical(k), [...(byKey.get(canonical(k)) ?? []), v]);
    const headers = Object.fromEntries([...byKey.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1)));
    const data = {
      hostname: conn.ns.hostname,
      ip: addresses(conn.ns),
      headers,
      url: req.path,
      host: header(req.headers, 'Host') ?? '',
      method: req.method,
      ...(name ? { name } : {}),
      remoteAddr: remote,
    };
    return plain(env, 200, 'OK', `${JSON.stringify(data)}\n`, 'application/json');
  }
  let body = name ? `Name: ${name}\n` : '';
  body += `Hostname: ${conn.ns.hostname}\n`;
  for (const ip of addresses(conn.ns)) body += `IP: ${ip}\n`;
  body += `RemoteAddr: ${remote}\n`;
  body += requestText(req);
  return plain(env, 200, 'OK', body);
}

function option(args: string[], name: string): string | null {
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === `-${name}` || a === `--${name}`) return args[i + 1] ?? null;
    const m = new RegExp(`^--?${name}=(.*)$`).exec(a);
    if (m) return m[1]!;
  }
  return null;
}

function start(s: StartInfo) {
  const envVal = (k: string) => s.env.find((e) => e.startsWith(`${k}=`))?.slice(k.length + 1) ?? '';
  const port = Number(option(s.args, 'port') ?? (envVal('WHOAMI_PORT_NUMBER') || '80'));
  const name = option(s.args, 'name') ?? envVal('WHOAMI_NAME');
  return {
    // Go's log package writes to stderr with its standard date and time.
    log: [{ stream: 'err' as const, text: `${slashTime(s.now)} Starting up on port ${port}` }],
    sockets: [{ proto: 'tcp' as const, ip: '::', port: Number.isInteger(port) && port > 0 && port < 65536 ? port : 80 }],
    opts: name ? { name } : undefined,
  };
}

export const whoami: ServerModule = { comm: 'whoami', backlog: 4096, start, http: serve };
