import { args, defineVerb, flag } from '../../cli/verb';
import { printDeleted, printReclaimed } from '../../lib/prune-print';
import { confirm } from '../../lib/prompt';

const NATURAL = new Intl.Collator('en', { numeric: true });

/**
 * docker/cli@v28.5.2 cli/command/system/prune.go: one prompt listing what goes, then container,
 * network, (volume,) image and build-cache prunes in that order. The lab has no volumes or build
 * cache, so those prune nothing.
 */
export const prune = defineVerb({
  path: 'system prune',
  use: '[OPTIONS]',
  short: 'Remove unused data',
  flags: {
    all: flag.bool('all', 'Remove all unused images not just dangling ones', { short: 'a' }),
    filter: flag.list('filter', 'Provide filter values (e.g. "label=<key>=<value>")', { valueName: 'filter' }),
    force: flag.bool('force', 'Do not prompt for confirmation', { short: 'f' }),
    volumes: flag.bool('volumes', 'Prune anonymous volumes'),
  },
  args: args.none,
  async run({ p, d, opts }) {
    if (opts.volumes && opts.filter.some((f) => f.split('=')[0] === 'until')) {
      p.err('ERROR: The "until" filter is not supported with "--volumes"\n');
      return 1;
    }
    if (!opts.force) {
      const warnings = ['all stopped containers', 'all networks not used by at least one container'];
      if (opts.volumes) warnings.push('all anonymous volumes not used by at least one container');
      warnings.push(opts.all ? 'all images without at least one container associated to them' : 'all dangling images');
      warnings.push(opts.all ? 'all build cache' : 'unused build cache');
      const filters = opts.filter
        .filter((f) => ['label', 'label!', 'until'].includes(f.slice(0, f.indexOf('=') < 0 ? f.length : f.indexOf('='))))
        .sort((a, b) => NATURAL.compare(a, b));
      let message = `WARNING! This will remove:${warnings.map((w) => `\n  - ${w}`).join('')}\n`;
      if (filters.length) message += `\n  Items to be pruned will be filtered with:${filters.map((f) => `\n  - ${f}`).join('')}\n`;
      message += '\nAre you sure you want to continue?';
      if (!(await confirm(p, message))) return 0;
    }
    const containers = d.containerPrune();
    printDeleted(p, 'Deleted Containers:', containers.deleted);
    printDeleted(p, 'Deleted Networks:', d.networkPrune());
    const images = d.imagePrune(opts.all);
    printDeleted(p, 'Deleted Images:', images.deleted);
    p.rt.changed();
    printReclaimed(p, containers.reclaimed + images.reclaimed);
    return 0;
  },
});
