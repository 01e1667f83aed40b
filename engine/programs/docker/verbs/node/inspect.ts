import { args, defineVerb, flag } from '../../cli/verb';
import { INSPECT_FORMAT_HELP } from '../../lib/format-help';
import { printInspect } from '../../lib/inspect';
import { prettyNode, type NodeJson } from './pretty';

/** docker/cli@v28.5.2 cli/command/node/inspect.go: `self` is this node; --pretty is the human form. */
export const inspect = defineVerb({
  path: 'node inspect',
  use: '[OPTIONS] self|NODE [NODE...]',
  short: 'Display detailed information on one or more nodes',
  flags: {
    format: flag.string('format', INSPECT_FORMAT_HELP, { short: 'f' }),
    pretty: flag.bool('pretty', 'Print the information in a human friendly format'),
  },
  args: args.atLeast(1),
  run({ p, d, opts, args: refs }) {
    const format = opts.pretty ? 'pretty' : opts.format;
    if (format.startsWith('pretty') && format !== 'pretty') {
      p.err('cannot supply extra formatting options to the pretty template\n');
      return 1;
    }
    const objects: unknown[] = [];
    const errors: string[] = [];
    const pretties: (() => string)[] = [];
    for (const ref of refs) {
      const v = d.node(ref);
      if (!v.ok) {
        // The pretty form stops at the first error; the JSON form prints what it found, then the errors.
        if (format === 'pretty') {
          p.err(`Error response from daemon: ${v.error}\n`);
          return 1;
        }
        errors.push(`Error response from daemon: ${v.error}`);
        continue;
      }
      objects.push(d.nodeInspect(v.value));
      pretties.push(() => prettyNode(d.nodeInspect(v.value) as NodeJson, v.value.node.created));
    }
    if (format === 'pretty') {
      // One block per node, a blank line between (formatter.Context with the pretty template).
      p.out(pretties.map((f) => f()).join('\n\n') + '\n');
      return 0;
    }
    return printInspect(p, objects, errors, format);
  },
});
