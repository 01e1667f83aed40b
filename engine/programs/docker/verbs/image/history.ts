import { humanSize } from '../../../../util/humanize';
import { formatTable } from '../../../../util/tabwriter';
import { args, defineVerb, flag } from '../../cli/verb';
import { age, daemonError } from '../../lib/common';
import { FORMAT_HELP } from '../../lib/format-help';
import { normalizeRef, shortImageId } from '../../lib/images';

/** docker/cli@v28.5.2 cli/command/image/history.go */
export const history = defineVerb({
  path: 'image history',
  shortcut: 'history',
  use: '[OPTIONS] IMAGE',
  short: 'Show the history of an image',
  flags: {
    format: flag.string('format', FORMAT_HELP),
    human: flag.bool('human', 'Print sizes and dates in human readable format', { short: 'H', default: true }),
    noTrunc: flag.bool('no-trunc', "Don't truncate output"),
    platform: flag.string('platform', 'Show history for the given platform. Formatted as "os[/arch[/variant]]" (e.g., "linux/amd64")'),
    quiet: flag.bool('quiet', 'Only show image IDs', { short: 'q' }),
  },
  args: args.exactly(1),
  completes: ['image'],
  run({ p, d, opts, args: [ref] }) {
    const img = d.image(ref!);
    if (!img) return daemonError(p, `No such image: ${normalizeRef(d, ref!)}`);
    const spec = d.registry.byId(img.id)!;
    const now = d.now();
    const created = now - spec.ageDays * 86_400_000;
    const layers = [...spec.layers].reverse();
    const top = opts.noTrunc ? spec.id : shortImageId(spec.id);
    if (opts.quiet) {
      p.out(layers.map((_, i) => (i === 0 ? top : '<missing>') + '\n').join(''));
      return 0;
    }
    const table = [['IMAGE', 'CREATED', 'CREATED BY', 'SIZE', 'COMMENT']];
    layers.forEach((l, i) => {
      let by = l.createdBy.replace(/\t/g, ' ');
      if (!opts.noTrunc && [...by].length > 45) by = [...by].slice(0, 44).join('') + '…';
      table.push([i === 0 ? top : '<missing>', age(created - l.ageDays * 86_400_000, now), by, humanSize(l.size), l.comment]);
    });
    p.out(formatTable(table));
    return 0;
  },
});
