import { args, defineVerb, flag } from '../../cli/verb';
import { eachContainer } from '../../lib/each';

/** docker/cli@v28.5.2 cli/command/container/rm.go */
export const rm = defineVerb({
  path: 'container rm',
  aliases: ['remove'],
  shortcut: 'rm',
  use: '[OPTIONS] CONTAINER [CONTAINER...]',
  short: 'Remove one or more containers',
  flags: {
    force: flag.bool('force', 'Force the removal of a running container (uses SIGKILL)', { short: 'f' }),
    link: flag.bool('link', 'Remove the specified link', { short: 'l' }),
    volumes: flag.bool('volumes', 'Remove anonymous volumes associated with the container', { short: 'v' }),
  },
  args: args.atLeast(1),
  completes: ['container'],
  run: ({ p, d, opts, args: refs }) => eachContainer(p, d, refs, (c) => d.containerRemove(c, opts.force)),
});
