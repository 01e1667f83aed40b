import { Cancel } from '../util/signal';
import { absolutePath } from '../shell/files';
import { cwdOf, nsOf, type Proc, type Program } from '../shell/types';
import { missingOnHost } from './place';
import { imageOf, strerror } from './libc';
import { closeServer, openServer, waitWhile } from './serve';

/**
 * `httpd`: busybox's applet (busybox image; Alpine moved it to busybox-extras), which serves the
 * files of its home directory, or Apache's binary in the httpd image.
 */

const BB_USAGE = `BusyBox v1.37.0 (2024-09-26 21:31:42 UTC) multi-call binary.

Usage: httpd [-ifv[v]] [-c CONFFILE] [-p [IP:]PORT] [-u USER[:GRP]] [-r REALM] [-h HOME]
or httpd -d/-e/-m STRING

Listen for incoming HTTP requests

\t-i\t\tInetd mode
\t-f\t\tRun in foreground
\t-v[v]\t\tVerbose
\t-p [IP:]PORT\tBind to IP:PORT (default *:80)
\t-u USER[:GRP]\tSet uid/gid after binding to port
\t-r REALM\tAuthentication Realm for Basic Authentication
\t-h HOME\t\tHome directory (default .)
\t-c FILE\t\tConfiguration file (default {/etc,HOME}/httpd.conf)
\t-m STRING\tMD5 crypt STRING
\t-e STRING\tHTML encode STRING
\t-d STRING\tURL decode STRING
`;

async function busyboxHttpd(p: Proc): Promise<number> {
  const args = p.argv.slice(1);
  let foreground = false;
  let verbose = 0;
  let port = 80;
  let ip = '::';
  let home = '.';
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (!a.startsWith('-') || a.length < 2) {
      p.err(BB_USAGE);
      return 1;
    }
    for (let k = 1; k < a.length; k++) {
      const ch = a[k]!;
      if (ch === 'f') foreground = true;
      else if (ch === 'v') verbose++;
      else if (ch === 'i') continue;
      else if ('phcurdem'.includes(ch)) {
        const value = k + 1 < a.length ? a.slice(k + 1) : args[++i];
        if (value === undefined) {
          p.err(`httpd: option requires an argument -- '${ch}'\n${BB_USAGE}`);
          return 1;
        }
        if (ch === 'p') {
          const m = /^(?:(.+):)?(\d+)$/.exec(value);
          if (!m || Number(m[2]) > 65535) {
            p.err(`httpd: invalid port '${value}'\n`);
            return 1;
          }
          port = Number(m[2]);
          if (m[1]) ip = m[1];
        } else if (ch === 'h') home = value;
        else if (ch === 'd') p.out(`${decodeURIComponent(value)}\n`);
        else if (ch === 'e') p.out(`${value.replace(/[^A-Za-z0-9]/g, (c) => `&#${c.charCodeAt(0)};`)}\n`);
        if (ch === 'd' || ch === 'e') return 0;
        break;
      } else {
        p.err(`httpd: unrecognized option: ${ch}\n${BB_USAGE}`);
        return 1;
      }
    }
  }
  const logs: string[] = [];
  let wake = new Cancel();
  const opened = openServer(p, {
    name: 'busybox-httpd',
    sockets: [{ proto: 'tcp', ip, port }],
    argv: p.argv,
    opts: { home: absolutePath(home, cwdOf(p)), verbose: String(verbose) },
    live: foreground
      ? {
          log: (line) => {
            logs.push(line);
            wake.abort();
          },
        }
      : undefined,
  });
  if (!opened.ok) {
    p.err(`httpd: bind: ${strerror(p, 'EADDRINUSE')}\n`);
    return 1;
  }
  // Without -f it forks into the background and the command returns at once (as PID 1 the container then exits).
  if (!foreground) return 0;
  for (;;) {
    const r = await waitWhile(p, () => logs.length === 0, wake.signal);
    for (const line of logs.splice(0)) p.err(`${line}\n`);
    wake = new Cancel();
    if (r === 'aborted') break;
  }
  closeServer(p, opened.listeners);
  return 130;
}

/** Apache's httpd binary in the httpd image: its version and config test; it does not start a second server. */
async function apacheHttpd(p: Proc, version: string): Promise<number> {
  const a = p.argv.slice(1);
  if (a.includes('-v')) {
    p.out(`Server version: Apache/${version} (Unix)\nServer built:   Nov  8 2025 00:12:31\n`);
    return 0;
  }
  if (a.includes('-t')) {
    const ip = nsOf(p)?.links.find((l) => l.kind !== 'loopback')?.addrs[0]?.ip ?? '127.0.0.1';
    p.err(`AH00558: httpd: Could not reliably determine the server's fully qualified domain name, using ${ip}. Set the 'ServerName' directive globally to suppress this message\nSyntax OK\n`);
    return 0;
  }
  p.err('(98)Address already in use: AH00072: make_sock: could not bind to address [::]:80\n(98)Address already in use: AH00072: make_sock: could not bind to address 0.0.0.0:80\nno listening sockets available, shutting down\nAH00015: Unable to open logs\n');
  return 1;
}

export const httpd: Program = async (p) => {
  const missing = missingOnHost(p);
  if (missing !== null) return missing;
  const server = imageOf(p)?.server;
  if (server?.app === 'httpd') return apacheHttpd(p, server.version);
  return busyboxHttpd(p);
};
