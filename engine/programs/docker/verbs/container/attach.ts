import { shellContext } from '../../../../shell/contexts';
import { args, defineVerb, flag } from '../../cli/verb';
import { waitAttached } from '../../lib/attach';
import { daemonError, isRunning } from '../../lib/common';

/** docker/cli@v28.5.2 cli/command/container/attach.go: streams only what the container prints from now on (Stream, no Logs). */
export const attach = defineVerb({
  path: 'container attach',
  shortcut: 'attach',
  use: '[OPTIONS] CONTAINER',
  short: 'Attach local standard input, output, and error streams to a running container',
  flags: {
    detachKeys: flag.string('detach-keys', 'Override the key sequence for detaching a container'),
    noStdin: flag.bool('no-stdin', 'Do not attach STDIN'),
    sigProxy: flag.bool('sig-proxy', 'Proxy all received signals to the process', { default: true }),
  },
  args: args.exactly(1),
  completes: ['container'],
  async run({ p, d, args: [ref] }) {
    const found = d.container(ref!);
    if (!found.ok) return daemonError(p, found.error);
    const c = found.value;
    if (!isRunning(c)) {
      p.err('You cannot attach to a stopped container, start it first\n');
      return 1;
    }
    if (c.status === 'paused') {
      p.err('You cannot attach to a paused container, unpause it first\n');
      return 1;
    }
    if (c.process.kind === 'shell') {
      if (!c.config.openStdin) {
        p.err('sim: this shell has no stdin (the container was started without -i); nothing to type into\n');
        return 1;
      }
      p.session.push(shellContext(d.hostName, c, true));
      return 0;
    }
    return waitAttached(p, d, c, d.containerAttach(c, { out: p.out, err: p.err }));
  },
});
