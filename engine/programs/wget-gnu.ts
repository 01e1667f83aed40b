import { httpGet, type HttpFailure } from '../apps/http';
import { absolutePath, readFile, writeFile } from '../shell/files';
import { cwdOf, nsOf, type Proc } from '../shell/types';
import { isIPv4 } from '../util/ipv4';
import { HOST_UNREACHABLE_MS, TCP_CONNECT_TIMEOUT_MS } from './libc';
import { resolveHost } from './resolve';
import { hostHeader, parseUrl, urlFileName, type Url } from './url';

/** GNU Wget 1.25.0 as Debian 13 ships it (real-D4): its log lines, dot progress, exit statuses (4 network, 8 server error). */

const UA = 'Wget/1.25.0';
const two = (n: number) => String(n).padStart(2, '0');

function stamp(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${two(d.getUTCMonth() + 1)}-${two(d.getUTCDate())} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}`;
}

/** wget's rate: three significant digits, binary units. */
function rate(bytes: number): [string, string] {
  const perSec = bytes / (0.000_07 + bytes * 2e-9);
  const units = ['B', 'K', 'M', 'G'];
  let v = perSec;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  const num = v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2);
  return [`${num}${units[u]}`, `${num} ${units[u]}B/s`];
}

/** The dot progress line of a non-terminal: one dot per KiB in groups of ten, then the percentage at column 62. */
function dots(size: number, short: string): string {
  const n = Math.min(50, Math.floor(size / 1024));
  let line = '     0K';
  for (let i = 0; i < n; i++) line += (i % 10 === 0 ? ' ' : '') + '.';
  return `${line.padEnd(62)}100% ${short}=0s\n`;
}

/** The next free name: index.html, index.html.1, index.html.2... */
function freeName(p: Proc, name: string): string {
  if (readFile(p, absolutePath(name, cwdOf(p))) === null) return name;
  for (let i = 1; ; i++) if (readFile(p, absolutePath(`${name}.${i}`, cwdOf(p))) === null) return `${name}.${i}`;
}

function shownUrl(url: Url): string {
  return `${url.scheme}://${url.host}${url.explicitPort ? `:${url.port}` : ''}${url.path}`;
}

function failureText(reason: HttpFailure): string {
  switch (reason) {
    case 'refused':
      return 'Connection refused';
    case 'timeout':
      return 'Connection timed out';
    case 'net-unreachable':
      return 'Network is unreachable';
    case 'host-unreachable':
      return 'No route to host';
    default:
      return 'Connection reset by peer';
  }
}

export async function gnuWget(p: Proc): Promise<number> {
  const args = p.argv.slice(1);
  let quiet = false;
  let out: string | null = null;
  let showHeaders = false;
  let timeout: number | null = null;
  let tries = 20;
  let urlArg: string | null = null;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const val = (): string => args[++i] ?? '';
    if (a === '-q' || a === '--quiet') quiet = true;
    else if (a === '-S' || a === '--server-response') showHeaders = true;
    else if (a === '-O' || a === '--output-document') out = val();
    else if (a.startsWith('--output-document=')) out = a.slice(18);
    else if (a === '-T' || a === '--timeout') timeout = Number(val());
    else if (a.startsWith('--timeout=')) timeout = Number(a.slice(10));
    else if (a === '-t' || a === '--tries') tries = Number(val()) || 20;
    else if (a.startsWith('--tries=')) tries = Number(a.slice(8)) || 20;
    else if (/^-[qS]+O?-?$/.test(a)) {
      quiet ||= a.includes('q');
      showHeaders ||= a.includes('S');
      if (a.endsWith('O')) out = val();
      else if (a.endsWith('O-')) out = '-';
    } else if (a.startsWith('-')) {
      p.err(`wget: invalid option -- '${a.replace(/^-+/, '')}'\nUsage: wget [OPTION]... [URL]...\n\nTry \`wget --help' for more options.\n`);
      return 2;
    } else urlArg = a;
  }
  if (!urlArg) {
    p.err("wget: missing URL\nUsage: wget [OPTION]... [URL]...\n\nTry `wget --help' for more options.\n");
    return 1;
  }
  const url = parseUrl(urlArg);
  if (!url) {
    p.err(`${urlArg}: Invalid URL ${urlArg}: Unsupported scheme\n`);
    return 1;
  }
  const log = (t: string) => {
    if (!quiet) p.err(t);
  };
  const ns = nsOf(p);
  if (!ns) return 4;
  for (let attempt = 1; ; attempt++) {
    log(`--${stamp(p.rt.world.clock)}--  ${shownUrl(url)}\n`);
    let where = `${url.host}:${url.port}`;
    let ip = url.host;
    if (!isIPv4(url.host)) {
      log(`Resolving ${url.host} (${url.host})... `);
      const r = resolveHost(p, url.host);
      if (!r.ok) {
        log(`failed: ${r.reason === 'nxdomain' ? 'Name or service not known' : 'Temporary failure in name resolution'}.\n`);
        p.err(`wget: unable to resolve host address ‘${url.host}’\n`);
        return 4;
      }
      log(`${r.all.join(', ')}\n`);
      ip = r.ip;
      where = `${url.host} (${url.host})|${ip}|:${url.port}`;
    }
    log(`${attempt > 1 ? `(try:${String(attempt).padStart(2)})  ` : ''}Connecting to ${where}... `);
    const res = httpGet(p.rt.apps, ns, ip, url.port, {
      method: 'GET',
      path: url.path,
      host: hostHeader(url),
      userAgent: UA,
      headers: [['Accept', '*/*'], ['Accept-Encoding', 'identity'], ['Connection', 'Keep-Alive']],
    });
    if (!res.ok && (res.reason === 'empty' || res.reason === 'not-http')) {
      log('connected.\nHTTP request sent, awaiting response... No data received.\n');
    } else if (!res.ok) {
      if (res.reason === 'timeout') {
        const limit = timeout !== null && Number.isFinite(timeout) && timeout > 0 ? Math.min(timeout * 1000, TCP_CONNECT_TIMEOUT_MS) : TCP_CONNECT_TIMEOUT_MS;
        if (!(await p.rt.sleep(limit, p.signal))) return 130;
      } else if (res.reason === 'host-unreachable' && !(await p.rt.sleep(HOST_UNREACHABLE_MS, p.signal))) return 130;
      log(`failed: ${failureText(res.reason)}.\n`);
      // A refused connection is final; other failures are retried (--tries, 20 by default).
      if (res.reason === 'refused') return 4;
    } else {
      const http = res.res;
      log('connected.\n');
      if (showHeaders) log(`HTTP request sent, awaiting response... \n  HTTP/1.1 ${http.status} ${http.reason}\n${http.headers.map(([k, v]) => `  ${k}: ${v}\n`).join('')}`);
      else log(`HTTP request sent, awaiting response... ${http.status} ${http.reason}\n`);
      if (http.status >= 400) {
        log(`${stamp(p.rt.world.clock)} ERROR ${http.status}: ${http.reason}.\n\n`);
        return 8;
      }
      const type = http.headers.find(([k]) => k.toLowerCase() === 'content-type')?.[1]?.split(';')[0]?.trim();
      const length = http.headers.find(([k]) => k.toLowerCase() === 'content-length')?.[1];
      log(`Length: ${length ?? 'unspecified'}${type ? ` [${type}]` : ''}\n`);
      const body = http.body;
      const [short, long] = rate(body.length);
      if (out === '-') {
        log('Saving to: ‘STDOUT’\n');
        p.out(body);
        log(`\n${dots(body.length, short)}\n${stamp(p.rt.world.clock)} (${long}) - written to stdout [${body.length}/${body.length}]\n\n`);
        return 0;
      }
      const name = out ?? freeName(p, urlFileName(url));
      log(`Saving to: ‘${name}’\n\n`);
      const e = writeFile(p, absolutePath(name, cwdOf(p)), body, false);
      if (e) {
        p.err(`${name}: ${e.replace(/^can't create [^:]*: /, '')}\n`);
        return 3;
      }
      log(`${dots(body.length, short)}\n${stamp(p.rt.world.clock)} (${long}) - ‘${name}’ saved [${body.length}/${body.length}]\n\n`);
      return 0;
    }
    if (attempt >= tries) {
      log('Giving up.\n\n');
      return 4;
    }
    log('Retrying.\n\n');
    if (!(await p.rt.sleep(Math.min(attempt, 10) * 1000, p.signal))) return 130;
  }
}
