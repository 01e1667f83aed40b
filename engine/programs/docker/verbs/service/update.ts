import type { ServicePort, ServiceSpec } from '../../../../docker/types';
import { args, defineVerb, flag } from '../../cli/verb';
import { daemonError } from '../../lib/common';
import { checkEnv, checkLabel, checkNetwork, checkPort, digestWarning, kvMap, parsePortOpt, taggedImage } from '../../lib/service-opts';
import { findSwarmNetworkRef } from '../../lib/service-networks';
import { parseNetworkOpt, type NetworkAttachment } from '../../lib/network-opt';
import { finishWait, unmodeledNote } from '../../lib/service-run';
import { shellWords } from '../../lib/shell-words';
import { sharedFlags } from './flags';

/** What `update` acts on; the other flags get one `sim:` line. */
const MODELED = ['image', 'args', 'rollback', 'force', 'replicas', 'envAdd', 'envRm', 'labelAdd', 'labelRm', 'containerLabelAdd', 'containerLabelRm', 'constraintAdd', 'constraintRm', 'networkAdd', 'networkRm', 'publishAdd', 'publishRm', 'endpointMode'];

const portKey = (p: ServicePort) => `${p.published}:${p.target}/${p.protocol}/${p.mode}`;

/**
 * docker/cli@v28.5.2 cli/command/service/update.go: the CLI reads the spec, applies the flags
 * (updateService: labels, image, args, env, constraints, networks, replicas, ports, force) and
 * sends it back; the managers replace tasks only if their template changed. `--rollback` asks
 * the managers for the previous spec and allows only -d and -q beside it.
 */
export const update = defineVerb({
  path: 'service update',
  use: '[OPTIONS] SERVICE',
  short: 'Update a service',
  flags: {
    ...sharedFlags(false),
    image: flag.string('image', 'Service image tag', { completes: 'image' }),
    args: flag.string('args', 'Service command args', { valueName: 'command' }),
    rollback: flag.bool('rollback', 'Rollback to previous specification'),
    force: flag.bool('force', 'Force update even if no changes require it'),
    envRm: flag.list('env-rm', 'Remove an environment variable'),
    groupRm: flag.list('group-rm', 'Remove a previously added supplementary user group from the container'),
    labelRm: flag.list('label-rm', 'Remove a label by its key'),
    containerLabelRm: flag.list('container-label-rm', 'Remove a container label by its key'),
    mountRm: flag.list('mount-rm', 'Remove a mount by its target path'),
    publishRm: flag.list('publish-rm', 'Remove a published port by its target port', { valueName: 'port', validate: checkPort }),
    constraintRm: flag.list('constraint-rm', 'Remove a constraint'),
    dnsRm: flag.list('dns-rm', 'Remove a custom DNS server'),
    dnsOptionRm: flag.list('dns-option-rm', 'Remove a DNS option'),
    dnsSearchRm: flag.list('dns-search-rm', 'Remove a DNS search domain'),
    hostRm: flag.list('host-rm', 'Remove a custom host-to-IP mapping ("host:ip")'),
    labelAdd: flag.list('label-add', 'Add or update a service label', { validate: checkLabel }),
    containerLabelAdd: flag.list('container-label-add', 'Add or update a container label', { validate: checkLabel }),
    envAdd: flag.list('env-add', 'Add or update an environment variable', { validate: checkEnv }),
    secretRm: flag.list('secret-rm', 'Remove a secret'),
    secretAdd: flag.list('secret-add', 'Add or update a secret on a service', { valueName: 'secret' }),
    configRm: flag.list('config-rm', 'Remove a configuration file'),
    configAdd: flag.list('config-add', 'Add or update a config file on a service', { valueName: 'config' }),
    mountAdd: flag.list('mount-add', 'Add or update a mount on a service', { valueName: 'mount' }),
    constraintAdd: flag.list('constraint-add', 'Add or update a placement constraint'),
    placementPrefAdd: flag.list('placement-pref-add', 'Add a placement preference', { valueName: 'pref' }),
    placementPrefRm: flag.list('placement-pref-rm', 'Remove a placement preference', { valueName: 'pref' }),
    networkAdd: flag.list('network-add', 'Add a network', { valueName: 'network', validate: checkNetwork, completes: 'network' }),
    networkRm: flag.list('network-rm', 'Remove a network', { completes: 'network' }),
    publishAdd: flag.list('publish-add', 'Add or update a published port', { valueName: 'port', validate: checkPort }),
    groupAdd: flag.list('group-add', 'Add an additional supplementary user group to the container'),
    dnsAdd: flag.list('dns-add', 'Add or update a custom DNS server'),
    dnsOptionAdd: flag.list('dns-option-add', 'Add or update a DNS option'),
    dnsSearchAdd: flag.list('dns-search-add', 'Add or update a custom DNS search domain'),
    hostAdd: flag.list('host-add', 'Add a custom host-to-IP mapping ("host:ip")'),
    sysctlAdd: flag.list('sysctl-add', 'Add or update a Sysctl option'),
    sysctlRm: flag.list('sysctl-rm', 'Remove a Sysctl option'),
    ulimitAdd: flag.list('ulimit-add', 'Add or update a ulimit option', { valueName: 'ulimit', defaultText: '[]' }),
    ulimitRm: flag.list('ulimit-rm', 'Remove a ulimit option'),
    genericResourceRm: flag.list('generic-resource-rm', 'Remove a Generic resource'),
    genericResourceAdd: flag.list('generic-resource-add', 'Add a Generic resource'),
  },
  args: args.exactly(1),
  async run({ p, d, opts, args: [ref], changed }) {
    const given = (k: string) => changed(k as keyof typeof opts & string);
    const found = d.service(ref!);
    if (!found.ok) return daemonError(p, found.error);
    const svc = found.value;
    if (opts.rollback) {
      if (Object.keys(update.flags).some((k) => !['rollback', 'detach', 'quiet'].includes(k) && given(k))) {
        p.err('other flags may not be combined with --rollback\n');
        return 1;
      }
      const r = d.serviceRollback(svc.id);
      if (!r.ok) return daemonError(p, r.error);
      return done(ref!);
    }
    const next = structuredClone(svc.spec);
    const problem = applyFlags(next);
    if (problem) {
      if (problem.daemon) return daemonError(p, problem.text);
      p.err(`${problem.text}\n`);
      return 1;
    }
    const note = unmodeledNote(update.flags, given, 'service', MODELED);
    if (note) p.err(note);
    const r = d.serviceUpdate(svc.id, () => next);
    if (!r.ok) return daemonError(p, r.error);
    if (given('image') && !opts.noResolveImage) p.err(`${digestWarning(next.image)}\n`);
    return done(ref!);

    async function done(name: string): Promise<number> {
      p.out(`${name}\n`);
      await d.reconcile();
      p.rt.changed();
      return opts.detach ? 0 : finishWait(p, d, name, opts.quiet);
    }

    /** updateService (update.go), in its order; a problem is the CLI's text or the daemon's. */
    function applyFlags(s: ServiceSpec): { text: string; daemon?: boolean } | null {
      for (const k of opts.labelRm) delete s.labels[k];
      Object.assign(s.labels, kvMap(opts.labelAdd));
      const containerLabels = { ...(s.containerLabels ?? {}) };
      for (const k of opts.containerLabelRm) delete containerLabels[k];
      s.containerLabels = { ...containerLabels, ...kvMap(opts.containerLabelAdd) };
      if (given('image')) s.image = taggedImage(opts.image);
      if (given('args')) {
        const words = shellWords(opts.args);
        if (typeof words === 'string') return { text: words };
        s.args = words.length ? words : null;
      }
      const envKey = (e: string) => e.split('=')[0]!;
      const env = s.env.filter((e) => !opts.envRm.includes(envKey(e)));
      for (const e of opts.envAdd) {
        const at = env.findIndex((x) => envKey(x) === envKey(e));
        if (at >= 0) env[at] = e;
        else env.push(e);
      }
      s.env = env;
      if (given('constraintAdd') || given('constraintRm')) {
        s.constraints = [...s.constraints, ...opts.constraintAdd].filter((c) => !opts.constraintRm.includes(c)).sort();
      }
      if (given('networkAdd') || given('networkRm')) {
        const remove = new Set<string>();
        for (const name of opts.networkRm) {
          const net = findSwarmNetworkRef(d, name);
          if (typeof net === 'string') return { text: net, daemon: true };
          remove.add(net.id);
        }
        const aliases = { ...(s.aliases ?? {}) };
        const ids = s.networks.filter((id) => !remove.has(id));
        for (const id of remove) delete aliases[id];
        for (const value of opts.networkAdd) {
          const opt = parseNetworkOpt(value) as NetworkAttachment;
          const net = findSwarmNetworkRef(d, opt.target);
          if (typeof net === 'string') return { text: net, daemon: true };
          if (ids.includes(net.id)) return { text: `service is already attached to network ${opt.target}` };
          ids.push(net.id);
          if (opt.aliases.length) aliases[net.id] = [...opt.aliases];
        }
        s.networks = ids.sort();
        s.aliases = aliases;
      }
      if (given('replicas')) {
        if (s.mode === 'global') return { text: 'replicas can only be used with replicated mode' };
        s.mode = { replicas: opts.replicas };
      }
      if (given('endpointMode')) {
        const mode = opts.endpointMode.toLowerCase();
        if (mode !== 'vip' && mode !== 'dnsrr') return { text: `invalid resolution mode: ${JSON.stringify(opts.endpointMode)}`, daemon: true };
        s.endpointMode = mode;
      }
      if (given('publishAdd') || given('publishRm')) {
        const remove: ServicePort[] = [];
        for (const v of opts.publishRm) {
          const r = parsePortOpt(v);
          if (typeof r === 'string') return { text: r };
          remove.push(...r);
        }
        const current = new Map<string, ServicePort>();
        for (const port of s.ports) if (!current.has(portKey(port))) current.set(portKey(port), port);
        const ports = [...current.values()].filter((port) => !remove.some((r) => r.protocol === port.protocol && r.target === port.target && r.mode === port.mode));
        for (const v of opts.publishAdd) {
          const r = parsePortOpt(v);
          if (typeof r === 'string') return { text: r };
          for (const port of r) if (!current.has(portKey(port))) ports.push(port);
        }
        s.ports = ports.sort((a, b) => (portKey(a) < portKey(b) ? -1 : portKey(a) > portKey(b) ? 1 : 0));
      }
      if (opts.force) s.forceUpdate = (s.forceUpdate ?? 0) + 1;
      return null;
    }
  },
});
