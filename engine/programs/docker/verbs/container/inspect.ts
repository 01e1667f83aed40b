import { args, defineVerb, flag } from '../../cli/verb';
import { INSPECT_FORMAT_HELP } from '../../lib/format-help';
import { inspectObjects } from '../../lib/inspect';

/** docker/cli@v28.5.2 cli/command/container/inspect.go */
export const inspect = defineVerb({
  path: 'container inspect',
  use: '[OPTIONS] CONTAINER [CONTAINER...]',
  short: 'Display detailed information on one or more containers',
  flags: {
    format: flag.string('format', INSPECT_FORMAT_HELP, { short: 'f' }),
    size: flag.bool('size', 'Display total file sizes', { short: 's' }),
  },
  args: args.atLeast(1),
  completes: ['container'],
  run: ({ p, d, opts, args: refs }) => inspectObjects(p, d, refs, 'container', opts.format),
});
