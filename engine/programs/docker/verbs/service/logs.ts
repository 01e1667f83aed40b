import type { LogLine, TaskLogs } from '../../../../docker/api';
import { eventNanos, parseTimestamp } from '../../../../util/timestamp';
import { args, defineVerb, flag } from '../../cli/verb';
import { daemonError } from '../../lib/common';
import { rfc3339NanoFixed } from '../../lib/time';

/**
 * docker/cli@v28.5.2 cli/command/service/logs.go: the logs of every task of a service (or of one
 * task), each line prefixed `web.1.<task id>@host1    | ` (the slot padded to the widest replica
 * number), or bare with --raw. -f keeps following the running tasks' containers, as `docker logs
 * -f` does, until they stop or Ctrl-C.
 */
export const logs = defineVerb({
  path: 'service logs',
  use: '[OPTIONS] SERVICE|TASK',
  short: 'Fetch the logs of a service or task',
  flags: {
    details: flag.bool('details', 'Show extra details provided to logs'),
    follow: flag.bool('follow', 'Follow log output', { short: 'f' }),
    noResolve: flag.bool('no-resolve', 'Do not map IDs to Names in output'),
    noTaskIds: flag.bool('no-task-ids', 'Do not include task IDs in output'),
    noTrunc: flag.bool('no-trunc', 'Do not truncate output'),
    raw: flag.bool('raw', 'Do not neatly format logs'),
    since: flag.string('since', 'Show logs since timestamp (e.g. "2013-01-02T13:23:37Z") or relative (e.g. "42m" for 42 minutes)'),
    tail: flag.string('tail', 'Number of lines to show from the end of the logs', { short: 'n', default: 'all' }),
    timestamps: flag.bool('timestamps', 'Show timestamps', { short: 't' }),
  },
  args: args.exactly(1),
  async run({ p, d, opts, args: [ref] }) {
    const found = d.serviceLogs(ref!);
    if (!found.ok) {
      if (!found.clientSide) return daemonError(p, found.error);
      p.err(`${found.error}\n`);
      return 1;
    }
    const since = opts.since === '' ? null : parseTimestamp(opts.since, d.now());
    if (typeof since === 'string') {
      p.err(`Error response from daemon: invalid value for "since": ${since}\n`);
      return 1;
    }
    let tail = Infinity;
    if (opts.tail !== 'all') {
      const n = Number(opts.tail);
      if (!Number.isInteger(n)) {
        p.err(`Error response from daemon: invalid value for "tail": ${opts.tail}\n`);
        return 1;
      }
      tail = Math.max(0, n);
    }
    const { service, task } = found.value;
    const digits = (n: number) => String(n).length;
    const width = task ? digits(task.task.slot ?? 0) : service.spec.mode === 'global' ? 1 : digits(service.spec.mode.replicas);
    const prefix = (l: TaskLogs) => {
      const t = l.view.task;
      const slot = t.slot ?? 0;
      let name = `${opts.noResolve ? service.id : service.spec.name}.${slot}`;
      if (!opts.noTaskIds) name += `.${opts.noTrunc ? t.id : t.id.slice(0, 12)}`;
      return `${name}@${opts.noResolve ? t.nodeId : l.view.nodeHost}${' '.repeat(Math.max(0, width - digits(slot)))}    | ${opts.details ? ' ' : ''}`;
    };
    const line = (l: TaskLogs, text: string, time: number, nano: number) =>
      `${opts.timestamps ? `${rfc3339NanoFixed(time, nano)} ` : ''}${opts.raw ? '' : prefix(l)}${text}\n`;
    const entries: { l: TaskLogs; line: LogLine }[] = [];
    for (const l of found.value.logs) {
      const kept = l.lines.filter((x) => since === null || eventNanos(x.time, x.nano) >= since);
      for (const x of tail === Infinity ? kept : kept.slice(kept.length - tail)) entries.push({ l, line: x });
    }
    entries.sort((a, b) => a.line.time - b.line.time || a.line.nano - b.line.nano);
    p.out(entries.map((e) => line(e.l, e.line.text, e.line.time, e.line.nano)).join(''));
    if (!opts.follow) return 0;
    let seq = 0;
    const handles = found.value.logs.flatMap((l) => {
      const h = l.follow({
        out: (t) => p.out(t.replace(/\n$/, '').split('\n').map((x) => line(l, x, d.now(), (seq++ * 7919 + 104_729) % 1_000_000)).join('')),
        err: (t) => p.err(t.replace(/\n$/, '').split('\n').map((x) => line(l, x, d.now(), (seq++ * 7919 + 104_729) % 1_000_000)).join('')),
      });
      return h ? [h] : [];
    });
    if (handles.length === 0) return 0;
    const r = await p.rt.until(Promise.all(handles.map((h) => h.done)), p.signal);
    for (const h of handles) h.close();
    if (r === 'aborted') {
      p.out('^C\n');
      return 130;
    }
    return 0;
  },
});
