import { args, defineVerb, flag } from '../../cli/verb';
import { INSPECT_FORMAT_HELP } from '../../lib/format-help';
import { inspectObjects } from '../../lib/inspect';

/** docker/cli@v28.5.2 cli/command/image/inspect.go */
export const inspect = defineVerb({
  path: 'image inspect',
  use: '[OPTIONS] IMAGE [IMAGE...]',
  short: 'Display detailed information on one or more images',
  flags: {
    format: flag.string('format', INSPECT_FORMAT_HELP, { short: 'f' }),
    platform: flag.string(
      'platform',
      "Inspect a specific platform of the multi-platform image.\nIf the image or the server is not multi-platform capable, the command will error out if the platform does not match.\n'os[/arch[/variant]]': Explicit platform (eg. linux/amd64)",
    ),
  },
  args: args.atLeast(1),
  completes: ['image'],
  run: ({ p, d, opts, args: refs }) => inspectObjects(p, d, refs, 'image', opts.format),
});
