import { args, defineVerb, flag } from '../../cli/verb';
import { INSPECT_FORMAT_HELP } from '../../lib/format-help';
import { printInspect } from '../../lib/inspect';
import { serviceJson } from '../../lib/service-inspect';
import { prettyService } from '../../lib/service-pretty';

/**
 * docker/cli@v28.5.2 cli/command/service/inspect.go: JSON (with swarmkit's defaults inserted),
 * a template, or --pretty (formatter.go); a missing service is "Error: no such service: X".
 */
export const inspect = defineVerb({
  path: 'service inspect',
  use: '[OPTIONS] SERVICE [SERVICE...]',
  short: 'Display detailed information on one or more services',
  flags: {
    format: flag.string('format', INSPECT_FORMAT_HELP, { short: 'f' }),
    pretty: flag.bool('pretty', 'Print the information in a human friendly format'),
  },
  args: args.atLeast(1),
  run({ p, d, opts, args: refs }) {
    if (opts.pretty && opts.format !== '') {
      p.err('--format is incompatible with human friendly format\n');
      return 1;
    }
    const format = opts.pretty ? 'pretty' : opts.format;
    if (format.startsWith('pretty') && format !== 'pretty') {
      p.err('Cannot supply extra formatting options to the pretty template\n');
      return 1;
    }
    const found = [];
    const errors: string[] = [];
    for (const ref of refs) {
      const s = d.service(ref);
      if (s.ok) found.push(s.value);
      else errors.push(s.error.endsWith('not found') ? `Error: no such service: ${ref}` : `Error response from daemon: ${s.error}`);
    }
    if (format === 'pretty') {
      const networks = d.swarmNetworks();
      p.out(found.map((s) => prettyService(s, networks, d.now())).join(''));
      if (errors.length === 0) return 0;
      p.err(`${errors.join('\n')}\n`);
      return 1;
    }
    return printInspect(p, found.map(serviceJson), errors, format === 'raw' ? '' : format);
  },
});
