import { args, defineVerb, flag } from '../../cli/verb';
import { daemonError } from '../../lib/common';
import { lookup } from '../../lib/each';

export const STOP_FLAGS = {
  signal: flag.string('signal', 'Signal to send to the container', { short: 's' }),
  timeout: flag.int('timeout', 'Seconds to wait before killing the container', { short: 't', aliases: ['time'], deprecatedAliases: { time: 'use --timeout instead' } }),
};

/** docker/cli@v28.5.2 cli/command/container/stop.go (--time is a hidden, deprecated alias of --timeout). */
export const stop = defineVerb({
  path: 'container stop',
  shortcut: 'stop',
  use: '[OPTIONS] CONTAINER [CONTAINER...]',
  short: 'Stop one or more running containers',
  flags: STOP_FLAGS,
  args: args.atLeast(1),
  completes: ['container'],
  run({ p, d, opts, args: refs, changed }) {
    let status = 0;
    const timeout = changed('timeout') ? opts.timeout : undefined;
    for (const ref of refs) {
      const c = lookup(p, d, ref);
      if (!c) {
        status = 1;
        continue;
      }
      const r = d.containerStop(c, timeout, opts.signal || undefined);
      p.rt.changed();
      if (!r.ok) {
        status = daemonError(p, r.error);
        continue;
      }
      p.out(`${ref}\n`);
    }
    return status;
  },
});
