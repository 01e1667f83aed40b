import { args, defineVerb } from '../../cli/verb';
import { eachContainer } from '../../lib/each';

/** docker/cli@v28.5.2 cli/command/container/unpause.go */
export const unpause = defineVerb({
  path: 'container unpause',
  shortcut: 'unpause',
  use: 'CONTAINER [CONTAINER...]',
  short: 'Unpause all processes within one or more containers',
  flags: {},
  args: args.atLeast(1),
  completes: ['container'],
  run: ({ p, d, args: refs }) => eachContainer(p, d, refs, (c) => d.containerUnpause(c)),
});
