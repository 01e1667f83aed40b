import { roundTrip, type WalkOk } from '../kernel/deliver';
import type { NetNs } from '../kernel/types';
import type { AppEnv } from './env';
import { publicHostByName, sitePage } from './internet';
import { findListener } from './sockets';
import { accessTime } from './nginx-log';

/** TCP connections and HTTP over the packet walk: who answers is whoever listens at the far end. */

export type ConnectFailure = 'refused' | 'timeout' | 'net-unreachable' | 'host-unreachable' | 'reset';

export type ConnectResult = { ok: true; arrived: WalkOk } | { ok: false; reason: ConnectFailure };

export function tcpConnect(env: AppEnv, from: NetNs, ip: string, port: number): ConnectResult {
  const rt = roundTrip(env.world, from, { proto: 'tcp', dst: ip, dport: port });
  if (!rt.there.ok) {
    if (rt.there.reason === 'net-unreachable') return { ok: false, reason: 'net-unreachable' };
    if (rt.there.reason === 'host-unreachable') return { ok: false, reason: 'host-unreachable' };
    return { ok: false, reason: 'timeout' };
  }
  if (!rt.ok) return { ok: false, reason: 'timeout' };
  const l = findListener(rt.there.ns, 'tcp', rt.there.dst, rt.there.dport ?? port);
  if (!l) return { ok: false, reason: 'refused' };
  return { ok: true, arrived: rt.there };
}

export interface HttpResponse {
  status: number;
  reason: string;
  headers: [string, string][];
  body: string;
}

export type HttpResult = { ok: true; res: HttpResponse; peer: string } | { ok: false; reason: ConnectFailure };

export const NGINX_VERSION = '1.29.3';

export const NGINX_WELCOME = `<!DOCTYPE html>
<html>
<head>
<title>Welcome to nginx!</title>
<style>
html { color-scheme: light dark; }
body { width: 35em; margin: 0 auto;
font-family: Tahoma, Verdana, Arial, sans-serif; }
</style>
</head>
<body>
<h1>Welcome to nginx!</h1>
<p>If you see this page, the nginx web server is successfully installed and
working. Further configuration is required.</p>

<p>For online documentation and support please refer to
<a href="http://nginx.org/">nginx.org</a>.<br/>
Commercial support is available at
<a href="http://nginx.com/">nginx.com</a>.</p>

<p><em>Thank you for using nginx.</em></p>
</body>
</html>
`;

const NGINX_404 = `<html>
<head><title>404 Not Found</title></head>
<body>
<center><h1>404 Not Found</h1></center>
<hr><center>nginx/${NGINX_VERSION}</center>
</body>
</html>
`;

export function httpDate(ms: number): string {
  return new Date(ms).toUTCString();
}

export function httpGet(
  env: AppEnv,
  from: NetNs,
  ip: string,
  port: number,
  req: { path: string; host: string; userAgent: string; method: 'GET' | 'HEAD' },
  depth = 0,
): HttpResult {
  const c = tcpConnect(env, from, ip, port);
  if (!c.ok) return c;
  const there = c.arrived;
  const l = findListener(there.ns, 'tcp', there.dst, there.dport ?? port)!;
  const app = l.app;
  const now = env.world.clock;
  switch (app.kind) {
    case 'nginx': {
      const found = req.path === '/' || req.path === '/index.html';
      const body = found ? NGINX_WELCOME : NGINX_404;
      const status = found ? 200 : 404;
      env.log(app.containerId, `${there.src} - - [${accessTime(now)}] "${req.method} ${req.path} HTTP/1.1" ${status} ${req.method === 'HEAD' ? 0 : body.length} "-" "${req.userAgent}" "-"`);
      const headers: [string, string][] = [
        ['Server', `nginx/${NGINX_VERSION}`],
        ['Date', httpDate(now)],
        ['Content-Type', 'text/html'],
        ['Content-Length', String(body.length)],
      ];
      if (found) headers.push(['Last-Modified', 'Tue, 28 Oct 2025 12:05:10 GMT'], ['Connection', 'keep-alive'], ['ETag', '"6900b176-267"'], ['Accept-Ranges', 'bytes']);
      else headers.push(['Connection', 'keep-alive']);
      return { ok: true, peer: there.dst, res: { status, reason: found ? 'OK' : 'Not Found', headers, body } };
    }
    case 'web-site': {
      const site = publicHostByName(app.site)!;
      const body = sitePage(site);
      return {
        ok: true,
        peer: there.dst,
        res: {
          status: 200,
          reason: 'OK',
          headers: [
            ['Content-Type', 'text/html'],
            ['Date', httpDate(now)],
            ['Server', site.site!.server],
            ['Content-Length', String(body.length)],
          ],
          body,
        },
      };
    }
    case 'docker-proxy': {
      if (depth > 3) return { ok: false, reason: 'reset' };
      const inner = httpGet(env, there.ns, app.targetIp, app.targetPort, req, depth + 1);
      if (!inner.ok) return { ok: false, reason: 'reset' };
      return { ok: true, peer: there.dst, res: inner.res };
    }
    default:
      return { ok: false, reason: 'reset' };
  }
}
