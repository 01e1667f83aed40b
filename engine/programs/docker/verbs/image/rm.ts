import { args, defineVerb, flag } from '../../cli/verb';
import { daemonError } from '../../lib/common';

/** docker/cli@v28.5.2 cli/command/image/remove.go (`docker image rmi` works too; the Aliases line does not say so). */
export const rm = defineVerb({
  path: 'image rm',
  aliases: ['remove', 'rmi'],
  shortcut: 'rmi',
  aliasLine: 'docker image rm, docker image remove, docker rmi',
  use: '[OPTIONS] IMAGE [IMAGE...]',
  short: 'Remove one or more images',
  flags: {
    force: flag.bool('force', 'Force removal of the image', { short: 'f' }),
    noPrune: flag.bool('no-prune', 'Do not delete untagged parents'),
    platform: flag.strings('platform', 'Remove only the given platform variant. Formatted as "os[/arch[/variant]]" (e.g., "linux/amd64")'),
  },
  args: args.atLeast(1),
  completes: ['image'],
  run({ p, d, opts, args: refs }) {
    let status = 0;
    for (const ref of refs) {
      const res = d.imageRemove(ref, opts.force);
      if (!res.ok) status = daemonError(p, res.error);
      else p.out(res.value.map((l) => `${l}\n`).join(''));
    }
    p.rt.changed();
    return status;
  },
});
