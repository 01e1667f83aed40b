import type { EngineApi } from '../../../docker/api';
export { portKeyOrder } from '../../../docker/api';
import type { ContainerRec } from '../../../docker/types';
import { compileTemplate, type TemplateFunc } from '../../../util/gotemplate';
import { humanDuration } from '../../../util/humanize';
export { rfc3339Nano } from '../../../util/gotime';
import { formatTabbedText } from '../../../util/tabwriter';
import { daemonOf, type Proc } from '../../../shell/types';

export function daemonError(p: Proc, msg: string): number {
  // What the simulation leaves out is said plainly, not dressed up as a daemon error.
  p.err(msg.startsWith('sim:') ? `${msg}\n` : `Error response from daemon: ${msg}\n`);
  return 1;
}

/** The local daemon through /var/run/docker.sock; `host` is -H (or DOCKER_HOST) when given. */
export function requireDocker(p: Proc, host = 'unix:///var/run/docker.sock'): EngineApi | null {
  const d = daemonOf(p);
  if (host !== 'unix:///var/run/docker.sock') {
    // The lab's daemons listen on their unix socket only, as dockerd does by default.
    if (/^ssh:\/\//.test(host)) {
      p.err(`sim: 'docker -H ${host}' needs ssh to reach the daemon; this lab has none of that (use the host's own terminal)\n`);
      return null;
    }
    const url = /^[a-z]+:\/\//.test(host) ? host : `tcp://${host}`;
    p.err(`Cannot connect to the Docker daemon at ${/:\d+$/.test(url) || url.startsWith('unix://') ? url : `${url}:2375`}. Is the docker daemon running?\n`);
    return null;
  }
  if (!d || p.ctx.kind !== 'host') {
    p.err('Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?\n');
    return null;
  }
  return d;
}

export function statusText(c: ContainerRec, now: number): string {
  switch (c.status) {
    case 'running':
      return `Up ${humanDuration(now - (c.startedAt ?? now))}`;
    case 'paused':
      return `Up ${humanDuration(now - (c.startedAt ?? now))} (Paused)`;
    case 'restarting':
      return `Restarting (${c.exitCode}) ${humanDuration(now - (c.finishedAt ?? now))} ago`;
    case 'exited':
      return `Exited (${c.exitCode}) ${humanDuration(now - (c.finishedAt ?? now))} ago`;
    case 'created':
      return 'Created';
    case 'dead':
      return 'Dead';
  }
}

export function isRunning(c: ContainerRec): boolean {
  return c.status === 'running' || c.status === 'paused';
}

/** Go's strconv.Quote for the COMMAND column. */
export function goQuote(s: string): string {
  return JSON.stringify(s).replace(/\\u([0-9a-f]{4})/g, (_, h: string) => `\\u${h}`);
}

export function commandText(c: ContainerRec): string {
  const argv = [c.path, ...c.args];
  return argv.map((a) => (/\s/.test(a) ? `'${a}'` : a)).join(' ');
}

/** COMMAND column: 20 display characters (19 + …), quoted. */
export function commandColumn(c: ContainerRec, noTrunc: boolean): string {
  let cmd = commandText(c);
  if (!noTrunc && [...cmd].length > 20) cmd = [...cmd].slice(0, 19).join('') + '…';
  return goQuote(cmd);
}

export { portsColumn } from './ports-column';

export function age(ms: number, now: number): string {
  return `${humanDuration(Math.max(0, now - ms))} ago`;
}

const templateCache = new Map<string, ReturnType<typeof compileTemplate>>();

/** Tables re-render the same few templates on every `docker ps`: compile each once. */
function cachedTemplate(src: string, funcs: Record<string, TemplateFunc>): ReturnType<typeof compileTemplate> {
  const key = `${Object.keys(funcs).join(',')}\u0000${src}`;
  let t = templateCache.get(key);
  if (!t) {
    t = compileTemplate(src, funcs);
    if (templateCache.size > 200) templateCache.clear();
    templateCache.set(key, t);
  }
  return t;
}

/**
 * `--format`: "table", "table TEMPLATE", "json", or a raw template. Rows are plain objects with
 * Go field names; `headers` gives each field's column title for table output.
 */
export function formatRows(
  format: string,
  rows: Record<string, unknown>[],
  headers: Record<string, string>,
  defaultTable: string,
  funcs: Record<string, TemplateFunc> = {},
): { ok: true; text: string } | { ok: false; error: string; code: number } {
  let tpl = format;
  let table = false;
  if (format === '' || format === 'table') {
    tpl = defaultTable;
    table = true;
  } else if (format.startsWith('table ')) {
    tpl = format.slice(6);
    table = true;
  } else if (format === 'json') tpl = '{{json .}}';
  tpl = tpl.replace(/\\t/g, '\t').replace(/\\n/g, '\n');
  const compiled = cachedTemplate(tpl, funcs);
  if (!compiled.ok) return { ok: false, error: compiled.error, code: 64 };
  let text = '';
  if (table) {
    const h = compiled.execute(headers, Object.fromEntries(Object.keys(funcs).map((k) => [k, () => k.toUpperCase()])));
    if (h.ok) text += h.text + '\n';
  }
  for (const row of rows) {
    const r = compiled.execute(row);
    if (!r.ok) return { ok: false, error: r.error, code: 1 };
    text += r.text + '\n';
  }
  return { ok: true, text: table ? formatTabbedText(text) : text };
}

export function renderFormatted(
  p: Proc,
  format: string,
  rows: Record<string, unknown>[],
  headers: Record<string, string>,
  defaultTable: string,
  funcs: Record<string, TemplateFunc> = {},
): number {
  const r = formatRows(format, rows, headers, defaultTable, funcs);
  if (!r.ok) {
    p.err(`${r.error}\n`);
    return r.code;
  }
  p.out(r.text);
  return 0;
}

/** `-f key=value` filters as the daemon receives them. */
export function parseFilters(p: Proc, raw: string[]): Map<string, string[]> | null {
  const out = new Map<string, string[]>();
  for (const f of raw) {
    const eq = f.indexOf('=');
    if (eq <= 0) {
      p.err(`Error: bad format of filter (expected name=value)\n`);
      return null;
    }
    const k = f.slice(0, eq).toLowerCase();
    (out.get(k) ?? out.set(k, []).get(k)!).push(f.slice(eq + 1));
  }
  return out;
}
