import { args, defineVerb, flag } from '../../cli/verb';

/** docker/cli@v28.5.2 cli/command/node/remove.go: each removed node echoed as typed; the errors joined after. */
export const rm = defineVerb({
  path: 'node rm',
  aliases: ['remove'],
  use: '[OPTIONS] NODE [NODE...]',
  short: 'Remove one or more nodes from the swarm',
  flags: {
    force: flag.bool('force', 'Force remove a node from the swarm', { short: 'f' }),
  },
  args: args.atLeast(1),
  async run({ p, d, opts, args: refs }) {
    const errors: string[] = [];
    for (const ref of refs) {
      const r = d.nodeRemove(ref, opts.force);
      if (!r.ok) {
        errors.push(`Error response from daemon: ${r.error}`);
        continue;
      }
      p.rt.changed();
      p.out(`${ref}\n`);
    }
    await d.reconcile();
    for (const e of errors) p.err(`${e}\n`);
    return errors.length ? 1 : 0;
  },
});
