import type { DaemonApi } from '../../../../docker/api';
import type { ContainerRec } from '../../../../docker/types';
import { humanSize } from '../../../../util/humanize';
import { own } from '../../../../util/own';
import { args, defineVerb, flag } from '../../cli/verb';
import { age, commandColumn, isRunning, parseFilters, portsColumn, renderFormatted, statusText } from '../../lib/common';
import { FORMAT_HELP } from '../../lib/format-help';

/** docker ps: newest first, running only unless -a, with docker's columns, filters and --format (docker/cli@v28.5.2 cli/command/container/list.go). */

function psRow(d: DaemonApi, c: ContainerRec, noTrunc: boolean, withSize: boolean): Record<string, unknown> {
  const now = d.now();
  // Docker's own gateway endpoint (docker_gwbridge) is not one of the container's networks.
  const nets = c.endpoints.filter((e) => !e.sandboxGateway).map((e) => d.networkById(e.networkId)?.name ?? e.networkName ?? e.networkId);
  if (c.hostConfig.networkMode === 'none') nets.push('none');
  const image = c.image;
  return {
    Command: commandColumn(c, noTrunc),
    CreatedAt: new Date(c.created).toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' +0000 UTC'),
    ID: noTrunc ? c.id : c.id.slice(0, 12),
    Image: image,
    Labels: Object.entries(c.config.labels).map(([k, v]) => `${k}=${v}`).join(','),
    LocalVolumes: '0',
    Mounts: '',
    Names: c.name,
    Networks: nets.join(','),
    Platform: { architecture: 'amd64', os: 'linux' },
    Ports: portsColumn(c),
    RunningFor: age(c.created, now),
    // SizeRw, then SizeRootFs (image + SizeRw) as "virtual" (formatter ContainerContext.Size).
    Size: withSize ? `${humanSize(d.containerSizeRw(c))} (virtual ${humanSize((d.registry.byId(c.imageId)?.size ?? 0) + d.containerSizeRw(c))})` : '0B',
    State: c.status,
    Status: statusText(c, now),
    Label: (k: unknown) => own(c.config.labels, String(k)) ?? '',
  };
}

const HEADERS: Record<string, string> = {
  Command: 'COMMAND',
  CreatedAt: 'CREATED AT',
  ID: 'CONTAINER ID',
  Image: 'IMAGE',
  Labels: 'LABELS',
  LocalVolumes: 'LOCAL VOLUMES',
  Mounts: 'MOUNTS',
  Names: 'NAMES',
  Networks: 'NETWORKS',
  Platform: 'PLATFORM',
  Ports: 'PORTS',
  RunningFor: 'CREATED',
  Size: 'SIZE',
  State: 'STATE',
  Status: 'STATUS',
};

function matches(d: DaemonApi, c: ContainerRec, filters: Map<string, string[]>): boolean {
  for (const [k, vals] of filters) {
    const ok = vals.some((v) => {
      switch (k) {
        case 'name':
          return c.name.includes(v.replace(/^\//, ''));
        case 'id':
          return c.id.startsWith(v);
        case 'status':
          return c.status === v;
        case 'ancestor':
          return c.image === v || c.image.split(':')[0] === v || c.imageId.includes(v);
        case 'network':
          return c.endpoints.some((e) => e.networkId.startsWith(v) || d.networkById(e.networkId)?.name === v);
        case 'label': {
          const eq = v.indexOf('=');
          const lk = eq < 0 ? v : v.slice(0, eq);
          return Object.hasOwn(c.config.labels, lk) && (eq < 0 || c.config.labels[lk] === v.slice(eq + 1));
        }
        case 'exited':
          return c.status === 'exited' && String(c.exitCode) === v;
        default:
          return false;
      }
    });
    if (!ok) return false;
  }
  return true;
}

const KNOWN_FILTERS = ['name', 'id', 'status', 'ancestor', 'network', 'label', 'exited', 'before', 'since', 'volume', 'health', 'publish', 'expose', 'is-task'];

export const ls = defineVerb({
  path: 'container ls',
  aliases: ['list', 'ps'],
  shortcut: 'ps',
  use: '[OPTIONS]',
  short: 'List containers',
  top: 3,
  flags: {
    all: flag.bool('all', 'Show all containers (default shows just running)', { short: 'a' }),
    filter: flag.filter('filter', 'Filter output based on conditions provided', { short: 'f' }),
    format: flag.string('format', FORMAT_HELP),
    last: flag.int('last', 'Show n last created containers (includes all states)', { short: 'n', default: -1 }),
    latest: flag.bool('latest', 'Show the latest created container (includes all states)', { short: 'l' }),
    noTrunc: flag.bool('no-trunc', "Don't truncate output"),
    quiet: flag.bool('quiet', 'Only display container IDs', { short: 'q' }),
    size: flag.bool('size', 'Display total file sizes', { short: 's' }),
  },
  args: args.none,
  run({ p, d, opts, changed }) {
    const filters = parseFilters(p, opts.filter);
    if (!filters) return 1;
    for (const k of filters.keys()) {
      if (!KNOWN_FILTERS.includes(k)) {
        p.err(`Error response from daemon: invalid filter '${k}'\n`);
        return 1;
      }
    }
    const all = opts.all || opts.last > 0 || opts.latest || filters.has('status') || filters.has('exited');
    let list = d
      .containers()
      .filter((c) => all || isRunning(c) || c.status === 'restarting')
      .filter((c) => matches(d, c, filters))
      .sort((a, b) => b.created - a.created || (a.id < b.id ? 1 : -1));
    if (opts.latest) list = list.slice(0, 1);
    if (opts.last > 0) list = list.slice(0, opts.last);
    if (opts.quiet) {
      p.out(list.map((c) => (opts.noTrunc ? c.id : c.id.slice(0, 12)) + '\n').join(''));
      return 0;
    }
    const defaultTable = `{{.ID}}\t{{.Image}}\t{{.Command}}\t{{.RunningFor}}\t{{.Status}}\t{{.Ports}}\t{{.Names}}${opts.size ? '\t{{.Size}}' : ''}`;
    // A --format that uses .Size turns sizes on unless --size was given (list.go buildContainerListOptions).
    const withSize = opts.size || (!changed('size') && /\.Size\b/.test(opts.format));
    const rows = list.map((c) => psRow(d, c, opts.noTrunc, withSize));
    return renderFormatted(p, opts.format, opts.format === 'json' ? rows.map(jsonSafe) : rows, { ...HEADERS, Label: 'LABEL' }, defaultTable, { Label: () => 'LABEL' });
  },
});

function jsonSafe(row: Record<string, unknown>): Record<string, unknown> {
  const { Label: _label, Platform: _platform, ...rest } = row;
  return rest;
}
