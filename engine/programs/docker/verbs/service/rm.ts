import { args, defineVerb } from '../../cli/verb';

/**
 * docker/cli@v28.5.2 cli/command/service/remove.go: each service removed is echoed as typed;
 * the errors come after, joined, and the exit status is 1 if any failed.
 */
export const rm = defineVerb({
  path: 'service rm',
  aliases: ['remove'],
  use: 'SERVICE [SERVICE...]',
  short: 'Remove one or more services',
  flags: {},
  args: args.atLeast(1),
  async run({ p, d, args: refs }) {
    const errors: string[] = [];
    for (const ref of refs) {
      const r = d.serviceRemove(ref);
      if (!r.ok) errors.push(`Error response from daemon: ${r.error}`);
      else p.out(`${ref}\n`);
    }
    if (errors.length < refs.length) {
      // The managers shut the tasks down; their containers go on each node.
      await d.reconcile();
      p.rt.changed();
    }
    if (errors.length === 0) return 0;
    p.err(`${errors.join('\n')}\n`);
    return 1;
  },
});
