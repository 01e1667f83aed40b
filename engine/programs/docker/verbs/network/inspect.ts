import { args, defineVerb, flag } from '../../cli/verb';
import { INSPECT_FORMAT_HELP } from '../../lib/format-help';
import { printInspect } from '../../lib/inspect';

/** docker/cli@v28.5.2 cli/command/network/inspect.go */
export const inspect = defineVerb({
  path: 'network inspect',
  use: '[OPTIONS] NETWORK [NETWORK...]',
  short: 'Display detailed information on one or more networks',
  flags: {
    format: flag.string('format', INSPECT_FORMAT_HELP, { short: 'f' }),
    verbose: flag.bool('verbose', 'Verbose output for diagnostics', { short: 'v' }),
  },
  args: args.atLeast(1),
  completes: ['network'],
  run({ p, d, opts, args: refs }) {
    const objects: unknown[] = [];
    const errors: string[] = [];
    for (const ref of refs) {
      const n = d.network(ref);
      if (n.ok) objects.push(d.networkInspect(n.value));
      else errors.push(`Error response from daemon: ${n.error}`);
    }
    return printInspect(p, objects, errors, opts.format);
  },
});
