import { args, defineVerb } from '../../cli/verb';
import { startAndAttach } from '../../lib/attach';
import { createFromArgs, daemonRunError } from '../../lib/create';
import { RUN_FLAGS } from '../../lib/run-flags';

/** docker/cli@v28.5.2 cli/command/container/run.go */
export const run = defineVerb({
  path: 'container run',
  shortcut: 'run',
  use: '[OPTIONS] IMAGE [COMMAND] [ARG...]',
  short: 'Create and run a new container from an image',
  top: 1,
  flags: RUN_FLAGS,
  args: args.atLeast(1),
  interspersed: false,
  completes: ['image'],
  run(call) {
    const { p, d, opts, cmd } = call;
    const r = createFromArgs(call, RUN_FLAGS);
    if ('code' in r) return r.code;
    const c = r.c;
    if (opts.detach) p.out(`${c.id}\n`);
    return startAndAttach(p, d, c, opts.detach ? 'detached' : 'attached', (e) => {
      if (c.hostConfig.autoRemove) d.containerRemove(c, true);
      p.rt.changed();
      return daemonRunError(p, cmd, e);
    });
  },
});
