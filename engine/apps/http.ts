import type { NetNs } from '../kernel/types';
import type { AppEnv } from './env';
import { parseHttpResponse, serializeRequest } from './http-wire';
import type { HttpRequest, HttpResponse } from './servers/types';
import { tcpOpen, type ConnectFailure } from './tcp';

export { tcpConnect, type ConnectFailure } from './tcp';
export { httpDate } from './servers/common';
export type { HttpRequest, HttpResponse } from './servers/types';

/** An HTTP client's request over the packet walk: who answers is whoever listens at the far end. */

export interface ClientRequest {
  method: string;
  path: string;
  /** The Host header's value (the URL's host[:port], or what -H 'Host: ...' says). */
  host: string;
  userAgent: string;
  /** Headers after Host and User-Agent, as the client sends them (curl: Accept; busybox wget: Connection: close). */
  headers?: [string, string][];
}

export type HttpFailure = ConnectFailure | 'empty' | 'not-http';

export type HttpResult =
  | { ok: true; res: HttpResponse; peer: string }
  /** `empty`: the server closed without a byte; `not-http`: it answered something else (`line` is its first line). */
  | { ok: false; reason: HttpFailure; line?: string };

export function httpGet(env: AppEnv, from: NetNs, ip: string, port: number, req: ClientRequest): HttpResult {
  const open = tcpOpen(env, from, ip, port);
  if (!open.ok) return open;
  const s = open.stream;
  const request: HttpRequest = { method: req.method, path: req.path, headers: [['Host', req.host], ['User-Agent', req.userAgent], ...(req.headers ?? [])] };
  const module = s.server.module;
  if (module?.http && !module.tcp) {
    const res = module.http(env, s.server.conn, request);
    s.end();
    return { ok: true, peer: s.peer, res: req.method === 'HEAD' ? { ...res, body: '' } : res };
  }
  const reply = s.greeting + s.send(serializeRequest(request)).data;
  s.end();
  if (reply === '') return { ok: false, reason: 'empty' };
  const res = parseHttpResponse(reply);
  if (!res) return { ok: false, reason: 'not-http', line: reply.split(/\r?\n/)[0] ?? '' };
  return { ok: true, peer: s.peer, res };
}
