/** busybox httpd (networking/httpd.c, 1.37): files from its home directory, its terse headers, -v logging. */

import type { AppEnv } from '../env';
import { contentType, httpDate, pathOnly, underRoot } from './common';
import { liveOf } from './live';
import type { Conn, HttpRequest, HttpResponse, ServerModule } from './types';

const NOT_FOUND = '<HTML><HEAD><TITLE>404 Not Found</TITLE></HEAD>\n<BODY><H1>404 Not Found</H1>\nThe requested URL was not found\n</BODY></HTML>\n';

/** The options a running httpd was started with (kept in its listener's opts). */
function homeOf(conn: Conn): string {
  return conn.app.opts?.['home'] ?? '/';
}

/** The client as busybox logs it: the socket is IPv6, so IPv4 peers are mapped. */
function peerText(conn: Conn): string {
  return `[${conn.peer.ip.includes(':') ? conn.peer.ip : `::ffff:${conn.peer.ip}`}]:${conn.peer.port}`;
}

function serve(env: AppEnv, conn: Conn, req: HttpRequest): HttpResponse {
  const now = env.world.clock;
  const path = pathOnly(req.path);
  let file = underRoot(homeOf(conn), path);
  if (path.endsWith('/')) file = `${file.replace(/\/$/, '')}/index.html`;
  const id = conn.app.containerId;
  const stat = id ? env.readFile(id, file) : null;
  const verbosity = Number(conn.app.opts?.['verbose'] ?? '0');
  const server = liveOf(conn.app);
  if (verbosity >= 2) server?.log?.(`${peerText(conn)}: url:${req.path}`);
  const status = stat ? 200 : 404;
  if (verbosity >= 1) server?.log?.(`${peerText(conn)}: response:${status}`);
  if (!stat) {
    return { status: 404, reason: 'Not Found', headers: [['Date', httpDate(now)], ['Connection', 'close'], ['Content-type', 'text/html']], body: NOT_FOUND };
  }
  const mtimeSec = Math.floor(stat.mtime / 1000);
  return {
    status: 200,
    reason: 'OK',
    headers: [
      ['Date', httpDate(now)],
      ['Connection', 'close'],
      ['Content-type', contentType(file, 'application/octet-stream')],
      ['Accept-Ranges', 'bytes'],
      ['Last-Modified', httpDate(stat.mtime)],
      ['ETag', `"${mtimeSec.toString(16)}-${stat.text.length.toString(16)}"`],
      ['Content-Length', String(stat.text.length)],
    ],
    body: stat.text,
  };
}

export const busyboxHttpd: ServerModule = { comm: 'httpd', backlog: 9, http: serve };
