import type { DockerEvent } from '../../../../docker/types';
import type { Proc } from '../../../../shell/types';
import { compileTemplate } from '../../../../util/gotemplate';
import { args, defineVerb, flag } from '../../cli/verb';
import { parseFilters } from '../../lib/common';
import { INSPECT_FORMAT_HELP } from '../../lib/format-help';
import { rfc3339NanoFixed } from '../../lib/time';
import { eventNanos, parseTimestamp } from '../../../../util/timestamp';

/** events.Message in Go field order, with the deprecated status/id/from the daemon still fills for containers and images. */
function message(e: DockerEvent): Record<string, unknown> {
  const legacy: Record<string, unknown> = {};
  if (e.type === 'container' || e.type === 'image') {
    legacy['status'] = e.action;
    if (e.id) legacy['id'] = e.id;
    if (e.type === 'container' && e.attributes['image']) legacy['from'] = e.attributes['image'];
  }
  const attrs = Object.fromEntries(Object.keys(e.attributes).sort().map((k) => [k, e.attributes[k]]));
  return { ...legacy, Type: e.type, Action: e.action, Actor: { ID: e.id, Attributes: attrs }, scope: 'local', time: Math.trunc(e.time / 1000), timeNano: eventNanos(e.time, e.nano) };
}

/** prettyPrintEvent (docker/cli@v28.5.2 cli/command/system/events.go). */
function pretty(e: DockerEvent): string {
  const keys = Object.keys(e.attributes).sort();
  const attrs = keys.length ? ` (${keys.map((k) => `${k}=${e.attributes[k]}`).join(', ')})` : '';
  return `${rfc3339NanoFixed(e.time, e.nano)} ${e.type} ${e.action} ${e.id}${attrs}\n`;
}

/** moby@v28.5.2 daemon/events/filter.go Include: every filter key must match; values of one key are alternatives. */
function matches(e: DockerEvent, filters: Map<string, string[]>): boolean {
  const values = (k: string) => filters.get(k);
  // filters.Args: ExactMatch and FuzzyMatch (prefix) are true when the key is not given at all.
  const exact = (k: string, source: string) => !values(k) || values(k)!.includes(source);
  const fuzzy = (k: string, source: string) => !values(k) || values(k)!.some((v) => source === v || source.startsWith(v));
  const byName = (k: string) => fuzzy(k, e.id) || fuzzy(k, e.attributes['name'] ?? '');
  const fuzzyEvent = (values('event') ?? []).some((v) => ['health_status', 'exec_create', 'exec_start'].includes(v));
  const imageName = e.attributes[e.type === 'image' ? 'name' : 'image'] ?? '';
  const stripTag = (ref: string) => ref.replace(/:[^:/]*$/, '');
  const image = !values('image') || [e.id, imageName, stripTag(e.id), stripTag(imageName)].some((x) => values('image')!.includes(x));
  const labels = (values('label') ?? []).every((f) => {
    const eq = f.indexOf('=');
    const k = eq < 0 ? f : f.slice(0, eq);
    return Object.hasOwn(e.attributes, k) && (eq < 0 || e.attributes[k] === f.slice(eq + 1));
  });
  return (
    (fuzzyEvent ? fuzzy('event', e.action) : exact('event', e.action)) &&
    exact('type', e.type) &&
    exact('scope', 'local') &&
    ['daemon', 'container', 'plugin', 'volume', 'network', 'node', 'service', 'secret', 'config'].every(byName) &&
    image &&
    labels
  );
}

type Printer = (e: DockerEvent) => string | null;

function printerFor(p: Proc, format: string): Printer | null {
  if (format === '') return pretty;
  // `--format json` is {{json .}}; done here so timeNano keeps all its digits.
  if (format === 'json') return (e) => `${JSON.stringify(message(e), (_k, v: unknown) => (typeof v === 'bigint' ? `#${v}#` : v)).replace(/"#(\d+)#"/, '$1')}\n`;
  const t = compileTemplate(format.replace(/\\n/g, '\n').replace(/\\t/g, '\t'));
  if (!t.ok) {
    p.err(`Error parsing format: ${t.error}\n`);
    return null;
  }
  return (e) => {
    const r = t.execute(message(e));
    return r.ok ? `${r.text}\n` : null;
  };
}

/**
 * docker/cli@v28.5.2 cli/command/system/events.go with the daemon side of
 * api/server/router/system/system_routes.go getEvents: stored events from --since, then new
 * ones as they happen (on lab time) until --until passes or Ctrl-C.
 */
export const events = defineVerb({
  path: 'system events',
  shortcut: 'events',
  use: '[OPTIONS]',
  short: 'Get real time events from the server',
  flags: {
    filter: flag.filter('filter', 'Filter output based on conditions provided', { short: 'f' }),
    format: flag.string('format', INSPECT_FORMAT_HELP),
    since: flag.string('since', 'Show all events created since timestamp'),
    until: flag.string('until', 'Stream events until this timestamp'),
  },
  args: args.none,
  async run({ p, d, opts }) {
    const print = printerFor(p, opts.format);
    if (!print) return 64;
    const now = d.now();
    const since = opts.since ? parseTimestamp(opts.since, now) : null;
    const until = opts.until ? parseTimestamp(opts.until, now) : null;
    for (const t of [since, until]) {
      if (typeof t === 'string') {
        p.err(`${t}\n`);
        return 1;
      }
    }
    const sinceNs = since as bigint | null;
    const untilNs = until as bigint | null;
    if (sinceNs !== null && untilNs !== null && untilNs < sinceNs) {
      p.err(`Error response from daemon: \`since\` time (${fmtTs(sinceNs)}) cannot be after \`until\` time (${fmtTs(untilNs)})\n`);
      return 1;
    }
    const filters = parseFilters(p, opts.filter);
    if (!filters) return 1;
    const show = (e: DockerEvent) => {
      if (!matches(e, filters)) return;
      const line = print(e);
      if (line !== null) p.out(line);
    };
    const inRange = (e: DockerEvent) => {
      const t = eventNanos(e.time, e.nano);
      return (sinceNs === null || t >= sinceNs) && (untilNs === null || t <= untilNs);
    };
    let seen = d.events().length ? d.events()[d.events().length - 1]! : null;
    if (sinceNs !== null) for (const e of d.events()) if (inRange(e)) show(e);
    const past = (t: bigint) => t <= BigInt(d.now()) * 1_000_000n;
    if (untilNs !== null && past(untilNs)) return 0;
    for (;;) {
      if (!(await p.rt.sleep(1000, p.signal))) {
        p.out('^C\n');
        return 130;
      }
      const log = d.events();
      const at = seen ? log.indexOf(seen) : -1;
      const fresh = at >= 0 ? log.slice(at + 1) : log.filter((e) => !seen || eventNanos(e.time, e.nano) > eventNanos(seen.time, seen.nano));
      for (const e of fresh) if (inRange(e)) show(e);
      if (fresh.length) seen = fresh[fresh.length - 1]!;
      if (untilNs !== null && past(untilNs)) return 0;
    }
  },
});

/** The form the CLI sends the daemon, which echoes it in its error: seconds.nanoseconds. */
function fmtTs(ns: bigint): string {
  return `${ns / 1_000_000_000n}.${String(ns % 1_000_000_000n).padStart(9, '0')}`;
}
