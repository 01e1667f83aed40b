import type { NodeView } from '../../../../docker/api';
import { args, defineVerb, flag } from '../../cli/verb';
import { daemonError, parseFilters, renderFormatted } from '../../lib/common';
import { FORMAT_HELP } from '../../lib/format-help';
import { ENGINE_VERSION } from '../../lib/version';

const NATURAL = new Intl.Collator('en', { numeric: true });

const FILTERS = ['name', 'id', 'label', 'role', 'membership', 'node.label'];

/** "k=v" or "k" against a label set (moby daemon/cluster/filters.go convertKVStringsToMap). */
function hasLabel(labels: Record<string, string>, want: string): boolean {
  const eq = want.indexOf('=');
  const k = eq < 0 ? want : want.slice(0, eq);
  return Object.hasOwn(labels, k) && (eq < 0 || labels[k] === want.slice(eq + 1));
}

/** The daemon's node filters (moby daemon/cluster/filters.go newListNodesFilters); a string is its error. */
function nodeFilter(filters: Map<string, string[]>): ((v: NodeView) => boolean) | string {
  for (const k of filters.keys()) if (!FILTERS.includes(k)) return `invalid filter '${k}'`;
  for (const r of filters.get('role') ?? []) if (r !== '' && !['worker', 'manager'].includes(r.toLowerCase())) return `Invalid role filter: '${r}'`;
  for (const m of filters.get('membership') ?? []) if (m !== '' && !['pending', 'accepted'].includes(m.toLowerCase())) return `Invalid membership filter: '${m}'`;
  return (v) => {
    const n = v.node;
    const any = (key: string, test: (value: string) => boolean) => {
      const vals = filters.get(key);
      return !vals || vals.some(test);
    };
    return (
      any('name', (s) => n.host.startsWith(s)) &&
      any('id', (s) => n.id.startsWith(s)) &&
      // Engine labels: the lab's daemons have none.
      any('label', () => false) &&
      any('node.label', (s) => hasLabel(n.labels, s)) &&
      any('role', (s) => s === '' || s.toLowerCase() === n.role) &&
      any('membership', (s) => s === '' || s.toLowerCase() === 'accepted')
    );
  };
}

/** docker/cli@v28.5.2 cli/command/node/list.go and formatter.go: natural hostname order, `*` beside this node. */
export const ls = defineVerb({
  path: 'node ls',
  aliases: ['list'],
  use: '[OPTIONS]',
  short: 'List nodes in the swarm',
  flags: {
    filter: flag.filter('filter', 'Filter output based on conditions provided', { short: 'f' }),
    format: flag.string('format', FORMAT_HELP),
    quiet: flag.bool('quiet', 'Only display IDs', { short: 'q' }),
  },
  args: args.none,
  run({ p, d, opts }) {
    const filters = parseFilters(p, opts.filter);
    if (!filters) return 1;
    const test = nodeFilter(filters);
    if (typeof test === 'string') return daemonError(p, test);
    const r = d.nodes();
    if (!r.ok) return daemonError(p, r.error);
    const list = r.value.filter(test).sort((a, b) => NATURAL.compare(a.node.host, b.node.host));
    if (opts.quiet && (opts.format === '' || opts.format === 'table')) {
      p.out(list.map((v) => `${v.node.id}\n`).join(''));
      return 0;
    }
    const rows = list.map((v) => ({
      ID: v.node.id,
      Self: v.self,
      Hostname: v.node.host,
      Status: v.status,
      Availability: v.node.availability[0]!.toUpperCase() + v.node.availability.slice(1),
      ManagerStatus: v.managerStatus,
      EngineVersion: ENGINE_VERSION,
      TLSStatus: 'Ready',
    }));
    return renderFormatted(
      p,
      opts.format,
      rows,
      { ID: 'ID', Self: '', Hostname: 'HOSTNAME', Status: 'STATUS', Availability: 'AVAILABILITY', ManagerStatus: 'MANAGER STATUS', EngineVersion: 'ENGINE VERSION', TLSStatus: 'TLS STATUS' },
      '{{.ID}} {{if .Self}}*{{else}} {{ end }}\t{{.Hostname}}\t{{.Status}}\t{{.Availability}}\t{{.ManagerStatus}}\t{{.EngineVersion}}',
    );
  },
});
