import { httpGet, type HttpFailure } from '../apps/http';
import { absolutePath, writeFile } from '../shell/files';
import { cwdOf, nsOf, type Program } from '../shell/types';
import { HOST_UNREACHABLE_MS, TCP_CONNECT_TIMEOUT_MS } from './libc';
import { resolveHost } from './resolve';
import { hostHeader, parseUrl, type Url } from './url';

/** curl 8.14.1 (Debian 13 hosts, nginx's image, netshoot): name resolution, then HTTP over the packet walk. */

const UA = 'curl/8.14.1';

function failure(url: Url, reason: HttpFailure, ms: number): [number, string] {
  const where = `Failed to connect to ${url.host} port ${url.port} after ${ms} ms`;
  switch (reason) {
    case 'refused':
    case 'net-unreachable':
    case 'host-unreachable':
      return [7, `curl: (7) ${where}: Could not connect to server\n`];
    case 'reset':
      return [56, 'curl: (56) Recv failure: Connection reset by peer\n'];
    case 'empty':
      return [52, 'curl: (52) Empty reply from server\n'];
    case 'not-http':
      return [1, 'curl: (1) Received HTTP/0.9 when not allowed\n'];
    case 'timeout':
      return [28, `curl: (28) ${where}: Timeout was reached\n`];
  }
}

/** -H 'Name: value' replaces a default header; 'Name:' removes it. */
function applyHeader(headers: [string, string][], line: string): void {
  const colon = line.indexOf(':');
  if (colon <= 0) return;
  const name = line.slice(0, colon).trim();
  const value = line.slice(colon + 1).trim();
  const i = headers.findIndex(([k]) => k.toLowerCase() === name.toLowerCase());
  if (value === '') {
    if (i >= 0) headers.splice(i, 1);
  } else if (i >= 0) headers[i] = [headers[i]![0], value];
  else headers.push([name, value]);
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
  let method: string | null = null;
  let agent: string | null = null;
  const extra: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '-o' || a === '--output') output = args[++i] ?? null;
    else if (a === '-m' || a === '--max-time' || a === '--connect-timeout') maxTime = Number(args[++i]);
    else if (a === '-w' || a === '--write-out') writeOut = args[++i] ?? '';
    else if (a === '-H' || a === '--header') extra.push(args[++i] ?? '');
    else if (a === '-A' || a === '--user-agent') agent = args[++i] ?? '';
    else if (a === '-X' || a === '--request') method = args[++i] ?? 'GET';
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
  const headers: [string, string][] = [['Host', hostHeader(url)], ['User-Agent', agent ?? UA], ['Accept', '*/*']];
  for (const h of extra) applyHeader(headers, h);
  const verb = (method ?? (head ? 'HEAD' : 'GET')).toUpperCase();
  if (verbose) p.err(`*   Trying ${r.ip}:${url.port}...\n`);
  const host = headers.find(([k]) => k.toLowerCase() === 'host')?.[1] ?? hostHeader(url);
  const ua = headers.find(([k]) => k.toLowerCase() === 'user-agent')?.[1] ?? '';
  const rest = headers.filter(([k]) => !/^(host|user-agent)$/i.test(k));
  const res = httpGet(p.rt.apps, ns, r.ip, url.port, { method: verb, path: url.path, host, userAgent: ua, headers: rest });
  if (!res.ok) {
    let ms = 0;
    let reason = res.reason;
    // -m bounds the whole transfer: a limit shorter than ARP's give-up ends it as a timeout first.
    if (reason === 'host-unreachable' && maxTime !== null && Number.isFinite(maxTime) && maxTime * 1000 < HOST_UNREACHABLE_MS) reason = 'timeout';
    if (reason === 'timeout') {
      const limit = maxTime !== null && Number.isFinite(maxTime) ? maxTime * 1000 : TCP_CONNECT_TIMEOUT_MS + 7_000;
      const done = await p.rt.sleep(limit, p.signal);
      if (!done) return 130;
      ms = Math.round(limit);
    } else if (reason === 'host-unreachable') {
      await p.rt.sleep(HOST_UNREACHABLE_MS, p.signal);
      ms = HOST_UNREACHABLE_MS;
    }
    const [code, msg] = failure(url, reason, ms);
    if (!quietErr) p.err(msg);
    return code;
  }
  const { res: http } = res;
  if (verbose) {
    p.err(`* Connected to ${url.host} (${r.ip}) port ${url.port}\n> ${verb} ${url.path} HTTP/1.1\n${headers.map(([k, v]) => `> ${k}: ${v}\n`).join('')}> \n`);
    p.err(`< HTTP/1.1 ${http.status} ${http.reason}\n${http.headers.map(([k, v]) => `< ${k}: ${v}\n`).join('')}< \n`);
  }
  if (failFlag && http.status >= 400) {
    if (!quietErr) p.err(`curl: (22) The requested URL returned error: ${http.status}\n`);
    return 22;
  }
  // The body goes out byte for byte (whoami's echo of the request keeps its CRLFs); the lab prints headers with LF.
  let text = '';
  if (head || include) text += `HTTP/1.1 ${http.status} ${http.reason}\n${http.headers.map(([k, v]) => `${k}: ${v}\n`).join('')}\n`;
  if (!head) text += http.body;
  if (output) {
    const e = writeFile(p, absolutePath(output, cwdOf(p)), text, false);
    if (e) p.err(`curl: (23) Failure writing output to destination\n`);
  } else p.out(text);
  if (writeOut !== null) p.out(writeOut.replace(/%\{http_code\}/g, String(http.status)).replace(/%\{remote_ip\}/g, r.ip).replace(/\\n/g, '\n'));
  return 0;
};
