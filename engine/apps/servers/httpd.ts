/** Apache httpd (the official httpd image): "It works!", its start-up notices and common-format access log. */

import type { AppEnv } from '../env';
import { accessTime, apacheTime, contentType, httpDate, pathOnly, underRoot } from './common';
import type { Conn, HttpRequest, HttpResponse, ServerModule, StartInfo } from './types';

export const HTTPD_IT_WORKS = '<html><body><h1>It works!</h1></body></html>\n';
/** htdocs/index.html's modification time in the image (ETag "2d-432a5e4a73a80"). */
export const HTTPD_INDEX_MTIME = Date.UTC(2007, 5, 11, 18, 53, 14);

const DOC_ROOT = '/usr/local/apache2/htdocs';

const NOT_FOUND = `<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">
<html><head>
<title>404 Not Found</title>
</head><body>
<h1>Not Found</h1>
<p>The requested URL was not found on this server.</p>
</body></html>
`;

/** A thread id as Apache prints it (a pthread address): stable per container. */
function tid(hostname: string): string {
  let h = 7;
  for (const ch of hostname) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return String(139_900_000_000_000 + (h % 99_999_999) * 4096);
}

function start(s: StartInfo) {
  const ip = s.ips[0] ?? '127.0.0.1';
  const ah00558 = `AH00558: httpd: Could not reliably determine the server's fully qualified domain name, using ${ip}. Set the 'ServerName' directive globally to suppress this message`;
  const ts = apacheTime(s.now);
  const t = tid(s.hostname);
  return {
    log: [
      { stream: 'err' as const, text: ah00558 },
      { stream: 'err' as const, text: ah00558 },
      { stream: 'err' as const, text: `[${ts}] [mpm_event:notice] [pid 1:tid ${t}] AH00489: Apache/${s.version} (Unix) configured -- resuming normal operations` },
      { stream: 'err' as const, text: `[${ts}] [core:notice] [pid 1:tid ${t}] AH00094: Command line: 'httpd -D FOREGROUND'` },
    ],
    // One dual-stack socket: ss shows `*:80`.
    sockets: [{ proto: 'tcp' as const, ip: '::', port: 80 }],
  };
}

/** Apache's ETag: size and mtime in microseconds, in hex. */
function etag(size: number, mtime: number): string {
  return `"${size.toString(16)}-${(mtime * 1000).toString(16)}"`;
}

function serve(env: AppEnv, conn: Conn, req: HttpRequest): HttpResponse {
  const now = env.world.clock;
  const id = conn.app.containerId;
  const path = pathOnly(req.path);
  let file = underRoot(DOC_ROOT, path);
  if (path.endsWith('/')) file = `${file.replace(/\/$/, '')}/index.html`;
  const stat = id ? env.readFile(id, file) : null;
  const server = `Apache/${conn.app.version} (Unix)`;
  const res: HttpResponse = stat
    ? {
        status: 200,
        reason: 'OK',
        headers: [
          ['Date', httpDate(now)],
          ['Server', server],
          ['Last-Modified', httpDate(stat.mtime)],
          ['ETag', etag(stat.text.length, stat.mtime)],
          ['Accept-Ranges', 'bytes'],
          ['Content-Length', String(stat.text.length)],
          ['Content-Type', contentType(file)],
        ],
        body: stat.text,
      }
    : {
        status: 404,
        reason: 'Not Found',
        headers: [['Date', httpDate(now)], ['Server', server], ['Content-Length', String(NOT_FOUND.length)], ['Content-Type', 'text/html; charset=iso-8859-1']],
        body: NOT_FOUND,
      };
  const sent = req.method === 'HEAD' ? '-' : String(res.body.length);
  if (id) env.log(id, `${conn.peer.ip} - - [${accessTime(now)}] "${req.method} ${req.path} HTTP/1.1" ${res.status} ${sent}`);
  return res;
}

export const httpd: ServerModule = {
  comm: 'httpd',
  backlog: 511,
  start,
  http: serve,
};
