import { args, defineVerb } from '../../cli/verb';
import { eachContainer } from '../../lib/each';

/** docker/cli@v28.5.2 cli/command/container/pause.go */
export const pause = defineVerb({
  path: 'container pause',
  shortcut: 'pause',
  use: 'CONTAINER [CONTAINER...]',
  short: 'Pause all processes within one or more containers',
  flags: {},
  args: args.atLeast(1),
  completes: ['container'],
  run: ({ p, d, args: refs }) => eachContainer(p, d, refs, (c) => d.containerPause(c)),
});
