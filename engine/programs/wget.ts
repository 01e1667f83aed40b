import { httpGet } from '../apps/http';
import { absolutePath, readFile, writeFile } from '../shell/files';
import { cwdOf, nsOf, type Program } from '../shell/types';
import { connectErrno, HOST_UNREACHABLE_MS, strerror, TCP_CONNECT_TIMEOUT_MS } from './libc';
import { resolveHost } from './resolve';
import { hostHeader, parseUrl, urlFileName } from './url';
import { gnuWget } from './wget-gnu';

/**
 * wget: busybox's applet in containers (networking/wget.c, 1.37), GNU Wget 1.25.0 on the hosts.
 * Both fetch over the packet walk; they differ in every line they print.
 */

const USAGE =
  'BusyBox v1.37.0 (2024-09-26 21:31:42 UTC) multi-call binary.\n\nUsage: wget [-cqS] [--spider] [-O FILE] [-o LOGFILE] [--header STR]\n\t[--post-data STR | --post-file FILE] [-Y on/off]\n\t[-P DIR] [-U AGENT] [-T SEC] URL...\n\nRetrieve files via HTTP or FTP\n';

/** busybox's progress bar: the file's basename in 20 columns, the size in 6. */
function bar(name: string, size: number): string {
  const shown = size < 100_000 ? String(size) : `${Math.round(size / 1024)}k`;
  return `${name.slice(0, 20).padEnd(20)} 100% |********************************| ${shown.padStart(5)}  0:00:00 ETA\n`;
}

export const busyboxWget: Program = async (p) => {
  const args = p.argv.slice(1);
  let quiet = false;
  let out: string | null = null;
  let spider = false;
  let showHeaders = false;
  let timeout: number | null = null;
  let agent = 'Wget';
  let urlArg: string | null = null;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--spider') spider = true;
    else if (a === '-q' || a === '--quiet') quiet = true;
    else if (a === '-S' || a === '--server-response') showHeaders = true;
    else if (a === '-O' || a === '--output-document') out = args[++i] ?? null;
    else if (a === '-T' || a === '--timeout') timeout = Number(args[++i]);
    else if (a === '-U' || a === '--user-agent') agent = args[++i] ?? agent;
    else if (/^-[qSc]*[OTU].*$/.test(a) && a.length > 1) {
      // Clustered short options: -qO-, -qO /dev/null, -T2, -SO-.
      const m = /^-([qSc]*)([OTU])(.*)$/.exec(a)!;
      quiet ||= m[1]!.includes('q');
      showHeaders ||= m[1]!.includes('S');
      const value = m[3] !== '' ? m[3]! : (args[++i] ?? '');
      if (m[2] === 'O') out = value;
      else if (m[2] === 'T') timeout = Number(value);
      else agent = value;
    } else if (/^-[qSc]+$/.test(a)) {
      quiet ||= a.includes('q');
      showHeaders ||= a.includes('S');
    } else if (a.startsWith('-')) {
      p.err(`wget: unrecognized option '${a}'\n${USAGE}`);
      return 1;
    } else urlArg = a;
  }
  if (!urlArg) {
    p.err(USAGE);
    return 1;
  }
  const url = parseUrl(urlArg);
  if (!url) {
    p.err(`wget: bad address '${urlArg}'\n`);
    return 1;
  }
  const r = resolveHost(p, url.host);
  if (!r.ok) {
    p.err(`wget: bad address '${url.host}'\n`);
    return 1;
  }
  const ns = nsOf(p);
  if (!ns) return 1;
  if (!quiet) p.err(`Connecting to ${url.host}${url.port !== 80 ? `:${url.port}` : ''} (${r.ip}:${url.port})\n`);
  const res = httpGet(p.rt.apps, ns, r.ip, url.port, { method: 'GET', path: url.path, host: hostHeader(url), userAgent: agent, headers: [['Connection', 'close']] });
  if (!res.ok) {
    if (res.reason === 'timeout') {
      // -T bounds the whole transfer (an alarm); otherwise the kernel gives up on the SYNs.
      const bySwitch = timeout !== null && Number.isFinite(timeout) && timeout * 1000 < TCP_CONNECT_TIMEOUT_MS;
      const done = await p.rt.sleep(bySwitch ? timeout! * 1000 : TCP_CONNECT_TIMEOUT_MS, p.signal);
      if (!done) return 130;
      p.err(bySwitch ? 'wget: download timed out\n' : `wget: can't connect to remote host (${r.ip}): ${strerror(p, 'ETIMEDOUT')}\n`);
      return 1;
    }
    if (res.reason === 'empty' || res.reason === 'not-http') {
      p.err('wget: error getting response\n');
      return 1;
    }
    if (res.reason === 'host-unreachable') await p.rt.sleep(HOST_UNREACHABLE_MS, p.signal);
    p.err(`wget: can't connect to remote host (${r.ip}): ${strerror(p, connectErrno(res.reason))}\n`);
    return 1;
  }
  const http = res.res;
  if (showHeaders) p.err(`  HTTP/1.1 ${http.status} ${http.reason}\n`);
  if (http.status >= 400 || (http.status > 204 && http.status < 300)) {
    p.err(`wget: server returned error: HTTP/1.1 ${http.status} ${http.reason}\n`);
    return 1;
  }
  if (showHeaders) p.err(`${http.headers.map(([k, v]) => `  ${k}: ${v}\n`).join('')}  \n`);
  if (spider) {
    if (!quiet) p.err('remote file exists\n');
    return 0;
  }
  const body = http.body;
  const target = out ?? urlFileName(url);
  if (target === '-') {
    if (!quiet) p.err('writing to stdout\n');
    p.out(body);
    if (!quiet) p.err(`${bar('-', body.length)}written to stdout\n`);
    return 0;
  }
  const path = absolutePath(target, cwdOf(p));
  // Without -O busybox opens the file with O_EXCL: it never overwrites.
  if (out === null && readFile(p, path) !== null) {
    p.err(`wget: can't open '${target}': File exists\n`);
    return 1;
  }
  if (!quiet) p.err(`saving to '${target}'\n`);
  const e = writeFile(p, path, body, false);
  if (e) {
    p.err(`wget: ${e}\n`);
    return 1;
  }
  if (!quiet) p.err(`${bar(target.split('/').pop() || target, body.length)}'${target}' saved\n`);
  return 0;
};

export const wget: Program = async (p) => (p.ctx.kind === 'container' ? busyboxWget(p) : gnuWget(p));
