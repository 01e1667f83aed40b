/** nginx (the official image's default server): its start-up lines, its pages, its access and error logs. */

import type { AppEnv } from '../env';
import { accessTime, contentType, header, httpDate, pathOnly, slashTime, underRoot } from './common';
import type { Conn, HttpRequest, HttpResponse, LogLine, ServerModule, Socket, StartInfo } from './types';

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

export const NGINX_50X = `<!DOCTYPE html>
<html>
<head>
<title>Error</title>
<style>
html { color-scheme: light dark; }
body { width: 35em; margin: 0 auto;
font-family: Tahoma, Verdana, Arial, sans-serif; }
</style>
</head>
<body>
<h1>An error occurred.</h1>
<p>Sorry, the page you are looking for is currently unavailable.<br/>
Please try again later.</p>
<p>If you are the system administrator of this resource then you should check
the error log for details.</p>
<p><em>Faithfully yours, nginx.</em></p>
</body>
</html>
`;

/** When the image's stock pages were packaged (their Last-Modified; ETag "6900b176-267"). */
export const NGINX_HTML_MTIME = Date.UTC(2025, 9, 28, 12, 5, 10);

const DOC_ROOT = '/usr/share/nginx/html';

/** ngx_http_special_response.c: nginx's own error pages end their lines with CRLF (153 bytes for a 404). */
function errorPage(status: number, reason: string, version: string): string {
  return `<html>\r\n<head><title>${status} ${reason}</title></head>\r\n<body>\r\n<center><h1>${status} ${reason}</h1></center>\r\n<hr><center>nginx/${version}</center>\r\n</body>\r\n</html>\r\n`;
}

/** What /docker-entrypoint.sh prints before it execs nginx (it runs its scripts whenever $1 is nginx). */
export function nginxEntrypointLines(): LogLine[] {
  return [
    '/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration',
    '/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/',
    '/docker-entrypoint.sh: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh',
    '10-listen-on-ipv6-by-default.sh: info: Getting the checksum of /etc/nginx/conf.d/default.conf',
    '10-listen-on-ipv6-by-default.sh: info: Enabled listen on IPv6 in /etc/nginx/conf.d/default.conf',
    '/docker-entrypoint.sh: Sourcing /docker-entrypoint.d/15-local-resolvers.envsh',
    '/docker-entrypoint.sh: Launching /docker-entrypoint.d/20-envsubst-on-templates.sh',
    '/docker-entrypoint.sh: Launching /docker-entrypoint.d/30-tune-worker-processes.sh',
    '/docker-entrypoint.sh: Configuration complete; ready for start up',
  ].map((text) => ({ stream: 'out', text }));
}

/** nginx's notices at start (its error log is /dev/stderr); one worker per CPU, the lab's hosts have 2. */
function startNotices(s: StartInfo): LogLine[] {
  const ts = slashTime(s.now);
  return [
    'using the "epoll" event method',
    `nginx/${s.version}`,
    `built by ${s.build}`,
    'OS: Linux 6.12.48+deb13-amd64',
    'getrlimit(RLIMIT_NOFILE): 1048576:1048576',
    'start worker processes',
    'start worker process 29',
    'start worker process 30',
  ].map((t) => ({ stream: 'err', text: `${ts} [notice] 1#1: ${t}` }));
}

/** Connection numbers (`*N` in the error log) per server, counted from its start. */
const connections = new WeakMap<object, number>();

function nextConnection(app: object): number {
  const n = (connections.get(app) ?? 0) + 1;
  connections.set(app, n);
  return n;
}

function serve(env: AppEnv, conn: Conn, req: HttpRequest): HttpResponse {
  const now = env.world.clock;
  const version = conn.app.version;
  const id = conn.app.containerId;
  const path = pathOnly(req.path);
  let file = underRoot(DOC_ROOT, path);
  if (path.endsWith('/')) file = `${file}/index.html`.replace('//', '/');
  const stat = id ? env.readFile(id, file) : null;
  const host = header(req.headers, 'Host') ?? '';
  const ua = header(req.headers, 'User-Agent') ?? '-';
  const head = req.method === 'HEAD';
  let res: HttpResponse;
  if (stat) {
    const mtime = stat.mtime;
    res = {
      status: 200,
      reason: 'OK',
      headers: [
        ['Server', `nginx/${version}`],
        ['Date', httpDate(now)],
        ['Content-Type', contentType(file)],
        ['Content-Length', String(stat.text.length)],
        ['Last-Modified', httpDate(mtime)],
        ['Connection', 'keep-alive'],
        ['ETag', `"${Math.floor(mtime / 1000).toString(16)}-${stat.text.length.toString(16)}"`],
        ['Accept-Ranges', 'bytes'],
      ],
      body: stat.text,
    };
  } else {
    const body = errorPage(404, 'Not Found', version);
    res = {
      status: 404,
      reason: 'Not Found',
      headers: [['Server', `nginx/${version}`], ['Date', httpDate(now)], ['Content-Type', 'text/html'], ['Content-Length', String(body.length)], ['Connection', 'keep-alive']],
      body,
    };
    if (id) {
      const n = nextConnection(conn.app);
      const what = path.endsWith('/') ? `"${file}" is not found` : `open() "${file}" failed`;
      env.log(id, `${slashTime(now)} [error] 29#29: *${n} ${what} (2: No such file or directory), client: ${conn.peer.ip}, server: localhost, request: "${req.method} ${req.path} HTTP/1.1", host: "${host}"`);
    }
  }
  if (id) {
    const size = head ? 0 : res.body.length;
    env.log(id, `${conn.peer.ip} - - [${accessTime(now)}] "${req.method} ${req.path} HTTP/1.1" ${res.status} ${size} "${header(req.headers, 'Referer') ?? '-'}" "${ua}" "-"`);
  }
  return res;
}

export const nginx: ServerModule = {
  comm: 'nginx',
  backlog: 511,
  start: (s) => ({ log: [...nginxEntrypointLines(), ...startNotices(s)], sockets: [{ proto: 'tcp', ip: '0.0.0.0', port: 80 }] }),
  entrypointLog: (args) => (args[0] === 'nginx' || args[0] === 'nginx-debug' ? nginxEntrypointLines() : []),
  bindFailure: (s: StartInfo, taken: Socket) => {
    const ts = slashTime(s.now);
    const what = `bind() to ${taken.ip}:${taken.port} failed (98: Address already in use)`;
    return [
      ...nginxEntrypointLines(),
      { stream: 'err', text: `${ts} [emerg] 1#1: ${what}` },
      { stream: 'err', text: `nginx: [emerg] ${what}` },
      { stream: 'err', text: `${ts} [emerg] 1#1: still could not bind()` },
      { stream: 'err', text: 'nginx: [emerg] still could not bind()' },
    ];
  },
  http: serve,
};
