import { args, defineVerb, flag } from '../../cli/verb';
import { daemonError, parseFilters, renderFormatted } from '../../lib/common';
import { FORMAT_HELP } from '../../lib/format-help';
import { goTimeString } from '../../lib/time';

/** The salt daemon/inspect.ts gives a network's Created (util/gotime rfc3339Nano): both show the same instant. */
const NETWORK_CREATED_SALT = 4;

const NATURAL = new Intl.Collator('en', { numeric: true });

/** docker/cli@v28.5.2 cli/command/network/list.go: natural name order ("net2" before "net10"). */
export const ls = defineVerb({
  path: 'network ls',
  aliases: ['list'],
  use: '[OPTIONS]',
  short: 'List networks',
  flags: {
    filter: flag.filter('filter', 'Provide filter values (e.g. "driver=bridge")', { short: 'f' }),
    format: flag.string('format', FORMAT_HELP),
    noTrunc: flag.bool('no-trunc', 'Do not truncate the output'),
    quiet: flag.bool('quiet', 'Only display network IDs', { short: 'q' }),
  },
  args: args.none,
  run({ p, d, opts }) {
    const filters = parseFilters(p, opts.filter);
    if (!filters) return 1;
    const valid = ['driver', 'name', 'id', 'label', 'scope', 'type', 'dangling'];
    for (const k of filters.keys()) if (!valid.includes(k)) return daemonError(p, `invalid filter '${k}'`);
    const used = new Set(d.containers().flatMap((c) => c.endpoints.map((e) => e.networkId)));
    const list = d.networks()
      .filter((n) => {
        for (const [k, vals] of filters) {
          const ok = vals.some((v) => {
            switch (k) {
              case 'driver':
                return n.driver === v;
              case 'name':
                return n.name.includes(v);
              case 'id':
                return n.id.startsWith(v);
              case 'scope':
                return n.scope === v;
              case 'type':
                return v === 'custom' ? !n.predefined : v === 'builtin' ? n.predefined : false;
              case 'label': {
                const eq = v.indexOf('=');
                const lk = eq < 0 ? v : v.slice(0, eq);
                return Object.hasOwn(n.labels, lk) && (eq < 0 || n.labels[lk] === v.slice(eq + 1));
              }
              case 'dangling':
                return (v === 'true' || v === '1') === (!n.predefined && !used.has(n.id));
              default:
                return false;
            }
          });
          if (!ok) return false;
        }
        return true;
      })
      .sort((a, b) => NATURAL.compare(a.name, b.name));
    const noTrunc = opts.noTrunc;
    if (opts.quiet) {
      p.out(list.map((n) => (noTrunc ? n.id : n.id.slice(0, 12)) + '\n').join(''));
      return 0;
    }
    const rows = list.map((n) => ({
      // time.Time.String() keeps the nanoseconds (docker/cli@v28.5.2 cli/command/network/formatter.go:137).
      CreatedAt: goTimeString(n.created, NETWORK_CREATED_SALT),
      Driver: n.driver,
      ID: noTrunc ? n.id : n.id.slice(0, 12),
      IPv4: String(n.enableIPv4),
      IPv6: String(n.enableIPv6),
      Internal: String(n.internal),
      Labels: Object.entries(n.labels).map(([k, v]) => `${k}=${v}`).join(','),
      Name: n.name,
      Scope: n.scope,
    }));
    return renderFormatted(
      p,
      opts.format,
      rows,
      { CreatedAt: 'CREATED', Driver: 'DRIVER', ID: 'NETWORK ID', IPv4: 'IPV4', IPv6: 'IPV6', Internal: 'INTERNAL', Labels: 'LABELS', Name: 'NAME', Scope: 'SCOPE' },
      '{{.ID}}\t{{.Name}}\t{{.Driver}}\t{{.Scope}}',
    );
  },
});
