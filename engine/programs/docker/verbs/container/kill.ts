import { args, defineVerb, flag } from '../../cli/verb';
import { eachContainer } from '../../lib/each';

/** docker/cli@v28.5.2 cli/command/container/kill.go */
export const kill = defineVerb({
  path: 'container kill',
  shortcut: 'kill',
  use: '[OPTIONS] CONTAINER [CONTAINER...]',
  short: 'Kill one or more running containers',
  flags: { signal: flag.string('signal', 'Signal to send to the container', { short: 's' }) },
  args: args.atLeast(1),
  completes: ['container'],
  run: ({ p, d, opts, args: refs }) => eachContainer(p, d, refs, (c) => d.containerKill(c, opts.signal || 'KILL')),
});
