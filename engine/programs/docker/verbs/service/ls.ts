import type { EngineApi } from '../../../../docker/api';
import type { SwarmService } from '../../../../docker/types';
import { args, defineVerb, flag } from '../../cli/verb';
import { daemonError, parseFilters, renderFormatted } from '../../lib/common';
import { FORMAT_HELP } from '../../lib/format-help';
import { displayImage } from '../../lib/service-opts';
import { ingressPortsColumn } from '../../lib/service-ports';

const NATURAL = new Intl.Collator('en', { numeric: true });

/** ListServiceStatuses (swarmkit controlapi/service.go): running tasks, and the replicas or, for global services, the tasks meant to run. */
function replicas(d: EngineApi, svc: SwarmService): string {
  const tasks = d.serviceTasks(svc);
  const running = tasks.filter((v) => v.task.state === 'running').length;
  const desired = svc.spec.mode === 'global' ? tasks.filter((v) => v.task.desired === 'running').length : svc.spec.mode.replicas;
  return `${running}/${desired}`;
}

function matches(svc: SwarmService, key: string, value: string): boolean {
  switch (key) {
    case 'name':
      return svc.spec.name.startsWith(value);
    case 'id':
      return svc.id.startsWith(value);
    case 'mode':
      return (svc.spec.mode === 'global' ? 'global' : 'replicated') === value;
    case 'label': {
      const eq = value.indexOf('=');
      const k = eq < 0 ? value : value.slice(0, eq);
      return Object.hasOwn(svc.spec.labels, k) && (eq < 0 || svc.spec.labels[k] === value.slice(eq + 1));
    }
    default:
      return false;
  }
}

/**
 * docker/cli@v28.5.2 cli/command/service/list.go and formatter.go: services in natural name
 * order; REPLICAS from the managers' task counts; PORTS only what the routing mesh publishes.
 * Filters are the daemon's (moby daemon/cluster/services.go GetServices): name and id prefixes,
 * label, mode.
 */
export const ls = defineVerb({
  path: 'service ls',
  aliases: ['list'],
  use: '[OPTIONS]',
  short: 'List services',
  flags: {
    filter: flag.filter('filter', 'Filter output based on conditions provided', { short: 'f' }),
    format: flag.string('format', FORMAT_HELP),
    quiet: flag.bool('quiet', 'Only display IDs', { short: 'q' }),
  },
  args: args.none,
  run({ p, d, opts }) {
    const filters = parseFilters(p, opts.filter);
    if (!filters) return 1;
    const all = d.services();
    if (!all.ok) return daemonError(p, all.error);
    for (const k of filters.keys()) if (!['name', 'id', 'label', 'mode', 'runtime'].includes(k)) return daemonError(p, `invalid filter '${k}'`);
    const list = all.value
      .filter((svc) => [...filters].every(([k, vals]) => k === 'runtime' ? vals.includes('container') : vals.some((v) => matches(svc, k, v))))
      .sort((a, b) => NATURAL.compare(a.spec.name, b.spec.name));
    const rows = list.map((svc) => ({
      ID: svc.id.slice(0, 12),
      Image: displayImage(svc.spec.image),
      Mode: svc.spec.mode === 'global' ? 'global' : 'replicated',
      Name: svc.spec.name,
      Ports: ingressPortsColumn(svc.spec.ports),
      Replicas: opts.quiet ? '' : replicas(d, svc),
    }));
    const format = opts.format === '' || opts.format === 'table' ? (opts.quiet ? 'table {{.ID}}' : 'table') : opts.format;
    if (opts.quiet && (opts.format === '' || opts.format === 'table')) {
      p.out(rows.map((r) => `${r.ID}\n`).join(''));
      return 0;
    }
    return renderFormatted(
      p,
      format,
      rows,
      { ID: 'ID', Image: 'IMAGE', Mode: 'MODE', Name: 'NAME', Ports: 'PORTS', Replicas: 'REPLICAS' },
      '{{.ID}}\t{{.Name}}\t{{.Mode}}\t{{.Replicas}}\t{{.Image}}\t{{.Ports}}',
    );
  },
});
