/** Helpers web servers share: dates, content types, the peer's address as logs print it. */

const two = (n: number) => String(n).padStart(2, '0');
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** RFC 1123 in GMT, as HTTP's Date and Last-Modified headers carry it. */
export function httpDate(ms: number): string {
  return new Date(ms).toUTCString();
}

/** Common log format time: "20/Nov/2026:09:00:04 +0000". */
export function accessTime(ms: number): string {
  const d = new Date(ms);
  return `${two(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} +0000`;
}

/** "2026/11/20 09:00:01" (nginx's error log, Go's log package). */
export function slashTime(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}/${two(d.getUTCMonth() + 1)}/${two(d.getUTCDate())} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}`;
}

/** Apache's error-log time: "Fri Nov 20 09:00:01.123456 2026". */
export function apacheTime(ms: number): string {
  const d = new Date(ms);
  const micros = String((ms % 1000) * 1000 + 123).padStart(6, '0');
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${two(d.getUTCDate())} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}.${micros} ${d.getUTCFullYear()}`;
}

/** Redis's log time: "20 Nov 2026 09:00:01.123". */
export function redisTime(ms: number): string {
  const d = new Date(ms);
  return `${two(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}.${String(ms % 1000).padStart(3, '0')}`;
}

/** PostgreSQL's log time: "2026-11-20 09:00:03.123 UTC". */
export function pgTime(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${two(d.getUTCMonth() + 1)}-${two(d.getUTCDate())} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}.${String(ms % 1000).padStart(3, '0')} UTC`;
}

const TYPES: [RegExp, string][] = [
  [/\.html?$/, 'text/html'],
  [/\.txt$/, 'text/plain'],
  [/\.css$/, 'text/css'],
  [/\.js$/, 'application/javascript'],
  [/\.json$/, 'application/json'],
  [/\.png$/, 'image/png'],
  [/\.jpe?g$/, 'image/jpeg'],
  [/\.svg$/, 'image/svg+xml'],
];

/** The MIME type a server's mime.types gives a path (unknown extensions: application/octet-stream). */
export function contentType(path: string, fallback = 'application/octet-stream'): string {
  for (const [re, t] of TYPES) if (re.test(path)) return t;
  return fallback;
}

/** The value of a request header (case-insensitive), or null. */
export function header(headers: [string, string][], name: string): string | null {
  const n = name.toLowerCase();
  for (const [k, v] of headers) if (k.toLowerCase() === n) return v;
  return null;
}

/** A request path without its query string, decoded as servers do before looking up a file. */
export function pathOnly(target: string): string {
  const q = target.search(/[?#]/);
  const raw = q >= 0 ? target.slice(0, q) : target;
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

/** Joins a document root and a request path without letting `..` climb out of the root. */
export function underRoot(root: string, path: string): string {
  const parts: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  const base = root.replace(/\/+$/, '');
  return `${base}/${parts.join('/')}`;
}
