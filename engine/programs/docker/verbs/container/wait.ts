import { args, defineVerb } from '../../cli/verb';

/**
 * docker/cli@v28.5.2 cli/command/container/wait.go: each container's exit code once it stops,
 * on lab time; errors (errors.Join) come after, and make the exit status 1.
 */
export const wait = defineVerb({
  path: 'container wait',
  shortcut: 'wait',
  use: 'CONTAINER [CONTAINER...]',
  short: 'Block until one or more containers stop, then print their exit codes',
  flags: {},
  args: args.atLeast(1),
  completes: ['container'],
  async run({ p, d, args: refs }) {
    const errors: string[] = [];
    for (const ref of refs) {
      const found = d.container(ref);
      if (!found.ok) {
        errors.push(`Error response from daemon: ${found.error}`);
        continue;
      }
      const code = await p.rt.until(d.containerWait(found.value), p.signal);
      if (code === 'aborted') {
        p.out('^C');
        return 130;
      }
      p.out(`${code}\n`);
    }
    if (errors.length) {
      p.err(errors.map((e) => `${e}\n`).join(''));
      return 1;
    }
    return 0;
  },
});
