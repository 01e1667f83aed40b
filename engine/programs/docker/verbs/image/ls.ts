import { humanSize } from '../../../../util/humanize';
import { formatTable } from '../../../../util/tabwriter';
import { args, defineVerb, flag } from '../../cli/verb';
import { age, renderFormatted } from '../../lib/common';
import { FORMAT_HELP } from '../../lib/format-help';
import { normalizeRef, shortImageId } from '../../lib/images';

/** docker/cli@v28.5.2 cli/command/image/list.go */
export const ls = defineVerb({
  path: 'image ls',
  aliases: ['list'],
  shortcut: 'images',
  use: '[OPTIONS] [REPOSITORY[:TAG]]',
  short: 'List images',
  top: 7,
  flags: {
    all: flag.bool('all', 'Show all images (default hides intermediate images)', { short: 'a' }),
    digests: flag.bool('digests', 'Show digests'),
    filter: flag.filter('filter', 'Filter output based on conditions provided', { short: 'f' }),
    format: flag.string('format', FORMAT_HELP),
    noTrunc: flag.bool('no-trunc', "Don't truncate output"),
    quiet: flag.bool('quiet', 'Only show image IDs', { short: 'q' }),
    tree: flag.bool('tree', 'List multi-platform images as a tree (EXPERIMENTAL)'),
  },
  args: args.atMost(1),
  completes: ['image'],
  run({ p, d, opts, args: [filterRef] }) {
    const now = d.now();
    const rows: { repo: string; tag: string; id: string; created: number; size: number }[] = [];
    for (const img of d.images()) {
      const spec = d.registry.byId(img.id)!;
      for (const t of img.repoTags) {
        const [repo, tag] = [t.slice(0, t.lastIndexOf(':')), t.slice(t.lastIndexOf(':') + 1)];
        if (filterRef && !(normalizeRef(d, filterRef) === t || filterRef === repo)) continue;
        rows.push({ repo, tag, id: img.id, created: now - spec.ageDays * 86_400_000, size: spec.size });
      }
    }
    rows.sort((a, b) => b.created - a.created || (a.repo < b.repo ? -1 : 1));
    const id = (full: string) => (opts.noTrunc ? full : shortImageId(full));
    if (opts.quiet) {
      const seen = new Set<string>();
      for (const row of rows) {
        if (!seen.has(id(row.id))) p.out(id(row.id) + '\n');
        seen.add(id(row.id));
      }
      return 0;
    }
    if (opts.format) {
      return renderFormatted(
        p,
        opts.format,
        rows.map((row) => ({ Containers: 'N/A', CreatedAt: new Date(row.created).toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' +0000 UTC'), CreatedSince: age(row.created, now), Digest: '<none>', ID: id(row.id), Repository: row.repo, SharedSize: 'N/A', Size: humanSize(row.size), Tag: row.tag, UniqueSize: 'N/A', VirtualSize: humanSize(row.size) })),
        { ID: 'IMAGE ID', Repository: 'REPOSITORY', Tag: 'TAG', CreatedSince: 'CREATED', CreatedAt: 'CREATED AT', Size: 'SIZE', Digest: 'DIGEST', Containers: 'CONTAINERS' },
        '{{.Repository}}\t{{.Tag}}\t{{.ID}}\t{{.CreatedSince}}\t{{.Size}}',
      );
    }
    const table = [['REPOSITORY', 'TAG', 'IMAGE ID', 'CREATED', 'SIZE']];
    for (const row of rows) table.push([row.repo, row.tag, id(row.id), age(row.created, now), humanSize(row.size)]);
    p.out(formatTable(table));
    return 0;
  },
});
