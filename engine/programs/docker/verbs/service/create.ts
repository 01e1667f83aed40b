import type { ServicePort, ServiceSpec } from '../../../../docker/types';
import { args, defineVerb, flag } from '../../cli/verb';
import { daemonError } from '../../lib/common';
import { checkEnv, checkLabel, checkNetwork, checkPort, digestWarning, kvMap, parsePortOpt, serviceEnv, taggedImage } from '../../lib/service-opts';
import { resolveNetworks } from '../../lib/service-networks';
import { finishWait, unmodeledNote } from '../../lib/service-run';
import { sharedFlags } from './flags';

/**
 * docker/cli@v28.5.2 cli/command/service/create.go: builds the spec (opts.go ToService), the
 * client tags the image and tries to pin its digest (client/service_create.go; the lab's registry
 * answers no distribution lookups, so the CLI warns), prints the new ID, then waits for the
 * service to converge unless -d.
 */
export const create = defineVerb({
  path: 'service create',
  use: '[OPTIONS] IMAGE [COMMAND] [ARG...]',
  short: 'Create a new service',
  flags: {
    ...sharedFlags(true),
    mode: flag.string('mode', 'Service mode ("replicated", "global", "replicated-job", "global-job")', { default: 'replicated' }),
    name: flag.string('name', 'Service name'),
    label: flag.list('label', 'Service labels', { short: 'l', validate: checkLabel }),
    containerLabel: flag.list('container-label', 'Container labels', { validate: checkLabel }),
    env: flag.list('env', 'Set environment variables', { short: 'e', validate: checkEnv }),
    envFile: flag.list('env-file', 'Read in a file of environment variables'),
    mount: flag.list('mount', 'Attach a filesystem mount to the service', { valueName: 'mount' }),
    constraint: flag.list('constraint', 'Placement constraints'),
    placementPref: flag.list('placement-pref', 'Add a placement preference', { valueName: 'pref' }),
    network: flag.list('network', 'Network attachments', { valueName: 'network', validate: checkNetwork, completes: 'network' }),
    secret: flag.list('secret', 'Specify secrets to expose to the service', { valueName: 'secret' }),
    config: flag.list('config', 'Specify configurations to expose to the service', { valueName: 'config' }),
    publish: flag.list('publish', 'Publish a port as a node port', { short: 'p', valueName: 'port', validate: checkPort }),
    group: flag.list('group', 'Set one or more supplementary user groups for the container'),
    dns: flag.list('dns', 'Set custom DNS servers'),
    dnsOption: flag.list('dns-option', 'Set DNS options'),
    dnsSearch: flag.list('dns-search', 'Set custom DNS search domains'),
    host: flag.list('host', 'Set one or more custom host-to-IP mappings (host:ip)'),
    sysctl: flag.list('sysctl', 'Sysctl options'),
    ulimit: flag.list('ulimit', 'Ulimit options', { valueName: 'ulimit', defaultText: '[]' }),
    genericResource: flag.list('generic-resource', 'User defined resources'),
  },
  args: args.atLeast(1),
  interspersed: false,
  completes: ['image'],
  async run({ p, d, opts, args: [image, ...command], changed }) {
    // ToServiceMode (opts.go): the CLI's own checks, before anything reaches the daemon.
    const given = changed('replicas');
    let mode: ServiceSpec['mode'];
    if (opts.mode === 'global') {
      if (given) return fail(p, 'replicas can only be used with replicated or replicated-job mode');
      if (opts.replicasMaxPerNode > 0) return fail(p, 'replicas-max-per-node can only be used with replicated or replicated-job mode');
      if (changed('maxConcurrent')) return fail(p, 'max-concurrent can only be used with replicated-job mode');
      mode = 'global';
    } else if (opts.mode === 'replicated') {
      if (changed('maxConcurrent')) return fail(p, 'max-concurrent can only be used with replicated-job mode');
      // Replicas left out: swarmkit's default of one task.
      mode = { replicas: given ? opts.replicas : 1 };
    } else if (opts.mode === 'replicated-job' || opts.mode === 'global-job') {
      p.err(`sim: job services (--mode ${opts.mode}) are not part of this lab\n`);
      return 1;
    } else return fail(p, `Unknown mode: ${opts.mode}, only replicated and global supported`);
    const ports: ServicePort[] = [];
    for (const value of opts.publish) {
      const r = parsePortOpt(value);
      if (typeof r === 'string') return fail(p, r);
      ports.push(...r);
    }
    const nets = resolveNetworks(d, opts.network);
    if ('error' in nets) return daemonError(p, nets.error);
    const endpointMode = opts.endpointMode.toLowerCase();
    if (endpointMode !== 'vip' && endpointMode !== 'dnsrr') return daemonError(p, `invalid resolution mode: ${JSON.stringify(endpointMode)}`);
    const note = unmodeledNote(create.flags, (k) => changed(k as keyof typeof opts & string), 'service', ['mode', 'name', 'label', 'containerLabel', 'env', 'constraint', 'network', 'publish', 'replicas', 'endpointMode']);
    if (note) p.err(note);
    const spec: ServiceSpec = {
      name: opts.name,
      image: taggedImage(image!),
      mode,
      networks: nets.ids,
      ports,
      endpointMode,
      constraints: [...opts.constraint],
      labels: kvMap(opts.label),
      env: serviceEnv(opts.env, p.ctx.vars),
      args: command.length > 0 ? command : null,
      containerLabels: kvMap(opts.containerLabel),
    };
    if (Object.keys(nets.aliases).length > 0) spec.aliases = nets.aliases;
    const res = d.serviceCreate(spec, nets.ids);
    if (!res.ok) return daemonError(p, res.error);
    if (!opts.noResolveImage) p.err(`${digestWarning(spec.image)}\n`);
    p.out(`${res.value.id}\n`);
    await d.reconcile();
    p.rt.changed();
    if (opts.detach) return 0;
    return finishWait(p, d, res.value.id, opts.quiet);
  },
});

/** A CLI-side error: printed as it is, exit 1. */
function fail(p: { err(t: string): void }, msg: string): number {
  p.err(`${msg}\n`);
  return 1;
}
