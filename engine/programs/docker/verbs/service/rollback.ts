import { args, defineVerb, flag } from '../../cli/verb';
import { daemonError } from '../../lib/common';
import { finishWait } from '../../lib/service-run';

/**
 * docker/cli@v28.5.2 cli/command/service/rollback.go: the managers put the previous spec back
 * (UpdateService with Rollback "previous"); the CLI prints the service as typed, then waits.
 */
export const rollback = defineVerb({
  path: 'service rollback',
  use: '[OPTIONS] SERVICE',
  short: "Revert changes to a service's configuration",
  flags: {
    detach: flag.bool('detach', 'Exit immediately instead of waiting for the service to converge', { short: 'd' }),
    quiet: flag.bool('quiet', 'Suppress progress output', { short: 'q' }),
  },
  args: args.exactly(1),
  async run({ p, d, opts, args: [ref] }) {
    const svc = d.service(ref!);
    if (!svc.ok) return daemonError(p, svc.error);
    const r = d.serviceRollback(svc.value.id);
    if (!r.ok) return daemonError(p, r.error);
    p.out(`${ref}\n`);
    await d.reconcile();
    p.rt.changed();
    if (opts.detach) return 0;
    return finishWait(p, d, ref!, opts.quiet);
  },
});
