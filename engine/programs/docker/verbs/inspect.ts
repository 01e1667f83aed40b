import { args, defineVerb, flag } from '../cli/verb';
import { INSPECT_FORMAT_HELP } from '../lib/format-help';
import { inspectObjects } from '../lib/inspect';

const TYPES = ['config', 'container', 'image', 'network', 'node', 'plugin', 'secret', 'service', 'task', 'volume'];

/** docker/cli@v28.5.2 cli/command/system/inspect.go: any object by name or ID, containers first. */
export const inspect = defineVerb({
  path: 'inspect',
  use: '[OPTIONS] NAME|ID [NAME|ID...]',
  short: 'Return low-level information on Docker objects',
  flags: {
    format: flag.string('format', INSPECT_FORMAT_HELP, { short: 'f' }),
    size: flag.bool('size', 'Display total file sizes if the type is container', { short: 's' }),
    type: flag.string('type', 'Only inspect objects of the given type'),
  },
  args: args.atLeast(1),
  completes: ['object'],
  run({ p, d, opts, args: refs }) {
    if (opts.type && !TYPES.includes(opts.type)) {
      p.err(`"${opts.type}" is not a valid value for --type\n`);
      return 1;
    }
    return inspectObjects(p, d, refs, opts.type, opts.format);
  },
});
