import { resolveHost } from './resolve';
import { httpGet, type ConnectFailure } from '../apps/http';
import { absolutePath, writeFile } from '../shell/files';
import { toolsetOf } from '../shell/toolset';
import { cwdOf, nsOf, type Program } from '../shell/types';

/** curl and wget: name resolution, then a TCP connect and an HTTP GET through the packet walk. */

interface Url {
  scheme: string;
  host: string;
  port: number;
  path: string;
}

function parseUrl(raw: string): Url | null {
  const m = /^(?:(https?):\/\/)?(\[[^\]]+\]|[^/:?#]+)(?::(\d+))?(\/[^#]*)?$/i.exec(raw);
  if (!m) return null;
  const scheme = (m[1] ?? 'http').toLowerCase();
  const port = m[3] ? Number(m[3]) : scheme === 'https' ? 443 : 80;
  if (port < 1 || port > 65535) return null;
  return { scheme, host: m[2]!, port, path: m[4] ?? '/' };
}

const CONNECT_TIMEOUT_S = 134;

function curlFailure(url: Url, reason: ConnectFailure, ms: number): [number, string] {
  const where = `Failed to connect to ${url.host} port ${url.port} after ${ms} ms`;
  switch (reason) {
    case 'refused':
      return [7, `curl: (7) ${where}: Could not connect to server\n`];
    case 'net-unreachable':
      return [7, `curl: (7) ${where}: Could not connect to server\n`];
    case 'host-unreachable':
      return [7, `curl: (7) ${where}: Could not connect to server\n`];
    case 'reset':
      return [56, 'curl: (56) Recv failure: Connection reset by peer\n'];
    case 'timeout':
      return [28, `curl: (28) Failed to connect to ${url.host} port ${url.port} after ${ms} ms: Timeout was reached\n`];
  }
}

export const curl: Program = async (p) => {
  const args = p.argv.slice(1);
  let silent = false;
  let showErr = false;
  let head = false;
  let include = false;
  let verbose = false;
  let output: string | null = null;
  let maxTime: number | null = null;
  let writeOut: string | null = null;
  let failFlag = false;
  let urlArg: string | null = null;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '-o' || a === '--output') output = args[++i] ?? null;
    else if (a === '-m' || a === '--max-time' || a === '--connect-timeout') maxTime = Number(args[++i]);
    else if (a === '-w' || a === '--write-out') writeOut = args[++i] ?? '';
    else if (a === '-H' || a === '--header' || a === '-A' || a === '--user-agent' || a === '-X' || a === '--request') i++;
    else if (a === '--silent') silent = true;
    else if (a === '--head') head = true;
    else if (a === '--include') include = true;
    else if (a === '--verbose') verbose = true;
    else if (a === '--fail') failFlag = true;
    else if (a === '--show-error') showErr = true;
    else if (/^-[sSIivLfkq4]+$/.test(a)) {
      silent ||= a.includes('s');
      showErr ||= a.includes('S');
      head ||= a.includes('I');
      include ||= a.includes('i');
      verbose ||= a.includes('v');
      failFlag ||= a.includes('f');
    } else if (a.startsWith('-')) {
      p.err(`curl: option ${a}: is unknown\ncurl: try 'curl --help' or 'curl --manual' for more information\n`);
      return 2;
    } else urlArg = a;
  }
  const quietErr = silent && !showErr;
  if (!urlArg) {
    p.err("curl: try 'curl --help' or 'curl --manual' for more information\n");
    return 2;
  }
  const url = parseUrl(urlArg);
  if (!url) {
    if (!quietErr) p.err(`curl: (3) URL rejected: Malformed input to a URL function\n`);
    return 3;
  }
  const r = resolveHost(p, url.host.replace(/^\[|\]$/g, ''));
  if (!r.ok) {
    if (!quietErr) p.err(`curl: (6) Could not resolve host: ${url.host}\n`);
    return 6;
  }
  const ns = nsOf(p);
  if (!ns) return 7;
  if (verbose) p.err(`*   Trying ${r.ip}:${url.port}...\n`);
  const res = httpGet(p.rt.apps, ns, r.ip, url.port, { path: url.path, host: url.host, userAgent: 'curl/8.14.1', method: head ? 'HEAD' : 'GET' });
  if (!res.ok) {
    let ms = 0;
    if (res.reason === 'timeout') {
      const limit = maxTime ?? CONNECT_TIMEOUT_S;
      const done = await p.rt.sleep(limit * 1000, p.signal);
      if (!done) return 130;
      ms = Math.round(limit * 1000);
    } else if (res.reason === 'host-unreachable') {
      await p.rt.sleep(3000, p.signal);
      ms = 3071;
    }
    const [code, msg] = curlFailure(url, res.reason, ms);
    if (!quietErr) p.err(msg);
    return code;
  }
  const { res: http } = res;
  if (verbose) {
    p.err(`* Connected to ${url.host} (${r.ip}) port ${url.port}\n> ${head ? 'HEAD' : 'GET'} ${url.path} HTTP/1.1\n> Host: ${url.host}${url.port !== 80 ? `:${url.port}` : ''}\n> User-Agent: curl/8.14.1\n> Accept: */*\n> \n`);
    p.err(`< HTTP/1.1 ${http.status} ${http.reason}\n${http.headers.map(([k, v]) => `< ${k}: ${v}\n`).join('')}< \n`);
  }
  if (failFlag && http.status >= 400) {
    if (!quietErr) p.err(`curl: (22) The requested URL returned error: ${http.status}\n`);
    return 22;
  }
  let text = '';
  if (head || include) text += `HTTP/1.1 ${http.status} ${http.reason}\r\n${http.headers.map(([k, v]) => `${k}: ${v}\r\n`).join('')}\r\n`;
  if (!head) text += http.body;
  text = text.replace(/\r\n/g, '\n');
  if (output) {
    const e = writeFile(p, absolutePath(output, cwdOf(p)), text, false);
    if (e) p.err(`curl: (23) Failure writing output to destination\n`);
  } else p.out(text);
  if (writeOut !== null) p.out(writeOut.replace(/%\{http_code\}/g, String(http.status)).replace(/\\n/g, '\n'));
  return 0;
};

export const wget: Program = async (p) => {
  const args = p.argv.slice(1);
  let quiet = false;
  let out: string | null = null;
  let spider = false;
  let timeout: number | null = null;
  let urlArg: string | null = null;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '-O') out = args[++i] ?? null;
    else if (a.startsWith('-O')) out = a.slice(2);
    else if (a === '-T') timeout = Number(args[++i]);
    else if (a.startsWith('-T')) timeout = Number(a.slice(2));
    else if (a === '--spider') spider = true;
    else if (/^-[qS]+O?-?$/.test(a)) {
      quiet ||= a.includes('q');
      if (a.endsWith('O')) out = args[++i] ?? null;
      else if (a.endsWith('O-')) out = '-';
    } else if (a.startsWith('-')) {
      p.err(`wget: unrecognized option '${a}'\n`);
      return 1;
    } else urlArg = a;
  }
  const busybox = toolsetOf(p) === 'busybox';
  if (!urlArg) {
    p.err(busybox ? 'BusyBox v1.37.0 multi-call binary.\n\nUsage: wget [-cqS] [--spider] [-O FILE] [-o LOGFILE] [--header STR]\n\t[--post-data STR | --post-file FILE] [-Y on/off]\n\t[-P DIR] [-U AGENT] [-T SEC] URL...\n' : 'wget: missing URL\n');
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
  const res = httpGet(p.rt.apps, ns, r.ip, url.port, { path: url.path, host: url.host, userAgent: 'Wget', method: 'GET' });
  if (!res.ok) {
    if (res.reason === 'timeout') {
      const done = await p.rt.sleep((timeout ?? 900) * 1000, p.signal);
      if (!done) return 130;
      p.err('wget: download timed out\n');
      return 1;
    }
    const why = res.reason === 'refused' ? 'Connection refused' : res.reason === 'net-unreachable' ? 'Network unreachable' : res.reason === 'reset' ? 'Connection reset by peer' : 'Host is unreachable';
    p.err(`wget: can't connect to remote host (${r.ip}): ${why}\n`);
    return 1;
  }
  if (res.res.status >= 400) {
    p.err(`wget: server returned error: HTTP/1.1 ${res.res.status} ${res.res.reason}\n`);
    return 1;
  }
  if (spider) {
    if (!quiet) p.err('remote file exists\n');
    return 0;
  }
  const body = res.res.body;
  const target = out ?? 'index.html';
  if (target === '-') {
    if (!quiet) p.err('writing to stdout\n');
    p.out(body);
    if (!quiet) p.err(`-                    100% |********************************|   ${body.length}  0:00:00 ETA\nwritten to stdout\n`);
  } else {
    if (!quiet) p.err(`saving to '${target}'\n`);
    writeFile(p, absolutePath(target, cwdOf(p)), body, false);
    if (!quiet) p.err(`${target.padEnd(20)} 100% |********************************|   ${body.length}  0:00:00 ETA\n'${target}' saved\n`);
  }
  return 0;
};

