import { args, defineVerb, flag } from '../../cli/verb';
import { startAndAttach } from '../../lib/attach';
import { daemonError, isRunning } from '../../lib/common';
import { lookup } from '../../lib/each';

/** docker/cli@v28.5.2 cli/command/container/start.go */
export const start = defineVerb({
  path: 'container start',
  shortcut: 'start',
  use: '[OPTIONS] CONTAINER [CONTAINER...]',
  short: 'Start one or more stopped containers',
  flags: {
    attach: flag.bool('attach', 'Attach STDOUT/STDERR and forward signals', { short: 'a' }),
    // experimental: hidden while the daemon is not (cmd/docker/docker.go hideUnsupportedFeatures).
    checkpoint: flag.string('checkpoint', 'Restore from this checkpoint', { hidden: true }),
    checkpointDir: flag.string('checkpoint-dir', 'Use a custom checkpoint storage directory', { hidden: true }),
    detachKeys: flag.string('detach-keys', 'Override the key sequence for detaching a container'),
    interactive: flag.bool('interactive', "Attach container's STDIN", { short: 'i' }),
  },
  args: args.atLeast(1),
  completes: ['container'],
  async run({ p, d, opts, args: refs }) {
    const failed: string[] = [];
    const attach = opts.attach || opts.interactive;
    for (const ref of refs) {
      const c = lookup(p, d, ref);
      if (!c) {
        failed.push(ref);
        continue;
      }
      if (isRunning(c)) {
        if (!attach) p.out(`${ref}\n`);
        continue;
      }
      if (attach && refs.length === 1) {
        // Without -i the terminal's input is not connected: an interactive shell just runs.
        if (!opts.interactive) c.config.openStdin = false;
        return startAndAttach(p, d, c, 'attached', (e) => {
          daemonError(p, e);
          p.err(`Error: failed to start containers: ${ref}\n`);
          return 1;
        });
      }
      const s = d.containerStart(c);
      p.rt.changed();
      if (!s.ok) {
        daemonError(p, s.error);
        failed.push(ref);
        continue;
      }
      await d.settle();
      p.out(`${ref}\n`);
    }
    if (failed.length) {
      p.err(`Error: failed to start containers: ${failed.join(', ')}\n`);
      return 1;
    }
    return 0;
  },
});
