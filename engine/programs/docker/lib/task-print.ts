import type { TaskView } from '../../../docker/api';
import { humanDuration } from '../../../util/humanize';
import type { Proc } from '../../../shell/types';
import { renderFormatted } from './common';
import { displayImage } from './service-opts';
import { taskPortsColumn } from './service-ports';

/**
 * docker/cli@v28.5.2 cli/command/task/print.go and formatter.go: tasks named `web.1` (or
 * `web.<nodeID>` for a global service), sorted by name in natural order and, within a slot,
 * newest first, the older ones indented ` \_ ` in table output.
 */

const NATURAL = new Intl.Collator('en', { numeric: true });

const pretty = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** formatter.Ellipsis: at most `max` characters, the last one "…". */
function ellipsis(s: string, max: number): string {
  const chars = [...s];
  return chars.length <= max ? s : `${chars.slice(0, max - 1).join('')}…`;
}

export interface TaskPrintOptions {
  trunc: boolean;
  quiet: boolean;
  format: string;
  /** --no-resolve: ids instead of service and node names. */
  noResolve: boolean;
}

export function printTasks(p: Proc, now: number, views: TaskView[], o: TaskPrintOptions): number {
  const named = views.map((v) => ({ v, name: o.noResolve ? `${v.service.id}.${v.task.slot ?? v.task.nodeId}` : v.name }));
  // sort.Stable on (name, newest first).
  named.sort((a, b) => NATURAL.compare(a.name, b.name) || (b.v.task.created ?? b.v.task.since) - (a.v.task.created ?? a.v.task.since));
  const format = o.format === '' ? 'table' : o.format;
  const table = format === 'table' || format.startsWith('table ');
  let prev = '';
  const rows = named.map(({ v, name }) => {
    const t = v.task;
    const shownName = table && name === prev ? ` \\_ ${name}` : name;
    prev = name;
    const err = o.trunc ? ellipsis(t.error, 30) : t.error;
    return {
      CurrentState: `${pretty(t.state)} ${humanDuration(now - t.since).toLowerCase()} ago`,
      DesiredState: pretty(t.desired),
      Error: err ? `"${err}"` : '',
      ID: o.trunc ? t.id.slice(0, 12) : t.id,
      Image: o.trunc ? displayImage(t.image ?? v.service.spec.image) : (t.image ?? v.service.spec.image),
      Name: shownName,
      Node: o.noResolve ? t.nodeId : v.nodeHost,
      Ports: taskPortsColumn(t.hostPorts),
    };
  });
  if (o.quiet && format === 'table') {
    p.out(rows.map((r) => `${r.ID}\n`).join(''));
    return 0;
  }
  return renderFormatted(
    p,
    format,
    rows,
    { CurrentState: 'CURRENT STATE', DesiredState: 'DESIRED STATE', Error: 'ERROR', ID: 'ID', Image: 'IMAGE', Name: 'NAME', Node: 'NODE', Ports: 'PORTS' },
    '{{.ID}}\t{{.Name}}\t{{.Image}}\t{{.Node}}\t{{.DesiredState}}\t{{.CurrentState}}\t{{.Error}}\t{{.Ports}}',
  );
}
