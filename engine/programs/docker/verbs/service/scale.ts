import { args, defineVerb, flag } from '../../cli/verb';
import { waitOnService } from '../../lib/service-progress';

/**
 * docker/cli@v28.5.2 cli/command/service/scale.go: every SERVICE=REPLICAS is checked before
 * anything runs (scaleArgs); each service scaled prints "web scaled to 5", then the CLI waits for
 * each in turn (the verify line names the service as typed); errors, prefixed with the service,
 * come last.
 */
export const scale = defineVerb({
  path: 'service scale',
  use: 'SERVICE=REPLICAS [SERVICE=REPLICAS...]',
  short: 'Scale one or multiple replicated services',
  flags: {
    detach: flag.bool('detach', 'Exit immediately instead of waiting for the service to converge', { short: 'd' }),
  },
  args: args.atLeast(1),
  async run({ p, d, opts, args: specs, cmd }) {
    for (const arg of specs) {
      const eq = arg.indexOf('=');
      if (eq <= 0 || eq === arg.length - 1) {
        p.err(`invalid scale specifier '${arg}'.\nSee '${cmd} --help'.\n\nUsage:  ${cmd} SERVICE=REPLICAS [SERVICE=REPLICAS...]\n\nScale one or multiple replicated services\n`);
        return 1;
      }
    }
    const errors: string[] = [];
    const scaled: string[] = [];
    for (const arg of specs) {
      const eq = arg.indexOf('=');
      const ref = arg.slice(0, eq);
      const value = arg.slice(eq + 1);
      if (!/^\d+$/.test(value) || BigInt(value) > 18446744073709551615n) {
        errors.push(`${ref}: invalid replicas value ${value}: strconv.ParseUint: parsing ${JSON.stringify(value)}: ${/^\d+$/.test(value) ? 'value out of range' : 'invalid syntax'}`);
        continue;
      }
      const n = Number(value);
      const svc = d.service(ref);
      if (!svc.ok) {
        errors.push(`${ref}: Error response from daemon: ${svc.error}`);
        continue;
      }
      if (svc.value.spec.mode === 'global') {
        errors.push(`${ref}: scale can only be used with replicated or replicated-job mode`);
        continue;
      }
      const r = d.serviceUpdate(svc.value.id, (s) => ({ ...s, mode: { replicas: n } }));
      if (!r.ok) {
        errors.push(`${ref}: Error response from daemon: ${r.error}`);
        continue;
      }
      p.out(`${ref} scaled to ${n}\n`);
      scaled.push(ref);
    }
    if (scaled.length > 0) {
      await d.reconcile();
      p.rt.changed();
      if (!opts.detach) {
        for (const ref of scaled) {
          const w = await waitOnService(p, d, ref, false);
          if ('aborted' in w) return 130;
          if (!w.ok) errors.push(`${ref}: ${w.error}`);
        }
      }
    }
    if (errors.length === 0) return 0;
    p.err(`${errors.join('\n')}\n`);
    return 1;
  },
});
