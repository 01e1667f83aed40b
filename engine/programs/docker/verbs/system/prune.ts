import { args, defineVerb, flag } from '../../cli/verb';
import { daemonError } from '../../lib/common';
import { printDeleted, printReclaimed, pruneFilters } from '../../lib/prune-print';
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
    filter: flag.filter('filter', 'Provide filter values (e.g. "label=<key>=<value>")'),
    force: flag.bool('force', 'Do not prompt for confirmation', { short: 'f' }),
    volumes: flag.bool('volumes', 'Prune anonymous volumes'),
  },
  args: args.none,
  async run({ p, d, opts }) {
    const filters = pruneFilters(p, opts.filter);
    if (!filters) return 1;
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
    // Each prune in turn; the first refusal ends the command after what was already printed.
    const containers = d.containerPrune(filters);
    if (!containers.ok) return daemonError(p, containers.error);
    printDeleted(p, 'Deleted Containers:', containers.value.deleted);
    const networks = d.networkPrune(filters);
    if (!networks.ok) return daemonError(p, networks.error);
    printDeleted(p, 'Deleted Networks:', networks.value);
    const images = d.imagePrune(opts.all, filters);
    if (!images.ok) return daemonError(p, images.error);
    printDeleted(p, 'Deleted Images:', images.value.deleted);
    p.rt.changed();
    printReclaimed(p, containers.value.reclaimed + images.value.reclaimed);
    return 0;
  },
});
