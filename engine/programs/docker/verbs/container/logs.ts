import { args, defineVerb, flag } from '../../cli/verb';
import { daemonError, isRunning } from '../../lib/common';
import { rfc3339NanoFixed } from '../../lib/time';
import { eventNanos, parseTimestamp } from '../../../../util/timestamp';

/**
 * docker/cli@v28.5.2 cli/command/container/logs.go. -t prefixes each line with the time it was
 * written in fixed RFC 3339 nanoseconds (moby api/server/httputils/write_log_stream.go); -f
 * keeps printing what the container writes until it exits or Ctrl-C.
 */
export const logs = defineVerb({
  path: 'container logs',
  shortcut: 'logs',
  use: '[OPTIONS] CONTAINER',
  short: 'Fetch the logs of a container',
  flags: {
    details: flag.bool('details', 'Show extra details provided to logs'),
    follow: flag.bool('follow', 'Follow log output', { short: 'f' }),
    since: flag.string('since', 'Show logs since timestamp (e.g. "2013-01-02T13:23:37Z") or relative (e.g. "42m" for 42 minutes)'),
    tail: flag.string('tail', 'Number of lines to show from the end of the logs', { short: 'n', default: 'all' }),
    timestamps: flag.bool('timestamps', 'Show timestamps', { short: 't' }),
    until: flag.string('until', 'Show logs before a timestamp (e.g. "2013-01-02T13:23:37Z") or relative (e.g. "42m" for 42 minutes)'),
  },
  args: args.exactly(1),
  completes: ['container'],
  async run({ p, d, opts, args: [ref] }) {
    const now = d.now();
    const bounds: (bigint | null)[] = [];
    for (const [name, value] of [['since', opts.since], ['until', opts.until]] as const) {
      const t = value === '' ? null : parseTimestamp(value, now);
      if (typeof t === 'string') {
        p.err(`invalid value for "${name}": ${t}\n`);
        return 1;
      }
      bounds.push(t);
    }
    const [since, until] = bounds as [bigint | null, bigint | null];
    const found = d.container(ref!);
    if (!found.ok) return daemonError(p, found.error);
    const c = found.value;
    let lines = d.containerLogs(c);
    if (opts.tail !== 'all') {
      const n = Number(opts.tail);
      if (!Number.isInteger(n)) {
        p.err(`invalid value for "tail": ${opts.tail}\n`);
        return 1;
      }
      lines = n <= 0 ? [] : lines.slice(-n);
    }
    lines = lines.filter((l) => {
      const t = eventNanos(l.time, l.nano);
      return (since === null || t >= since) && (until === null || t <= until);
    });
    const stamp = (time: number, nano: number) => (opts.timestamps ? `${rfc3339NanoFixed(time, nano)} ` : '');
    if (lines.length) p.out(lines.map((l) => `${stamp(l.time, l.nano)}${l.text}\n`).join(''));
    if (!opts.follow || !isRunning(c) || until !== null) return 0;
    // Follow: each new chunk as the container writes it, stamped on lab time.
    let seq = 0;
    const line = (text: string) =>
      text
        .replace(/\n$/, '')
        .split('\n')
        .map((l) => `${stamp(d.now(), (seq++ * 7919 + 104_729) % 1_000_000)}${l}\n`)
        .join('');
    const handle = d.containerFollow(c, { out: (t) => p.out(line(t)), err: (t) => p.err(line(t)) });
    const r = await p.rt.until(handle.done, p.signal);
    handle.close();
    if (r === 'aborted') {
      p.out('^C\n');
      return 130;
    }
    return 0;
  },
});
