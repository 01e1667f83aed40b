import { args, defineVerb } from '../../cli/verb';
import { daemonError } from '../../lib/common';
import { lookup } from '../../lib/each';
import { STOP_FLAGS } from './stop';

/** docker/cli@v28.5.2 cli/command/container/restart.go */
export const restart = defineVerb({
  path: 'container restart',
  shortcut: 'restart',
  use: '[OPTIONS] CONTAINER [CONTAINER...]',
  short: 'Restart one or more containers',
  flags: STOP_FLAGS,
  args: args.atLeast(1),
  completes: ['container'],
  async run({ p, d, opts, args: refs, changed }) {
    let status = 0;
    const timeout = changed('timeout') ? opts.timeout : undefined;
    for (const ref of refs) {
      const c = lookup(p, d, ref);
      if (!c) {
        status = 1;
        continue;
      }
      const s = d.containerRestart(c, timeout, opts.signal || undefined);
      p.rt.changed();
      if (!s.ok) {
        status = daemonError(p, s.error);
        continue;
      }
      await d.settle();
      p.out(`${ref}\n`);
    }
    return status;
  },
});
