import type { ContainerCreateSpec, DaemonApi, NetworkAttachSpec } from '../../docker/api';
import type { ContainerRec, ImageSpec } from '../../docker/types';
import { shellContext } from '../../shell/contexts';
import type { Proc } from '../../shell/types';
import { isIPv4 } from '../../util/ipv4';
import { parseCommandLine, type ParsedFlags } from './cli/flags';
import { parsePortSpec, toPortBindings, type PortSpec } from './cli/ports';
import { SPECS } from './cli/specs';
import { showHelpOrError } from './help';

/** docker run / docker create, and running a container's main process. */

function arr(flags: ParsedFlags, name: string): string[] {
  const v = flags[name];
  return Array.isArray(v) ? v : [];
}

function str(flags: ParsedFlags, name: string): string | null {
  const v = flags[name];
  return typeof v === 'string' ? v : null;
}

function runError(p: Proc, cmd: 'run' | 'create', msg: string, code = 125): number {
  p.err(`docker: ${msg}\n\nRun 'docker ${cmd} --help' for more information\n`);
  return code;
}

function daemonRunError(p: Proc, cmd: 'run' | 'create', msg: string): number {
  if (msg.startsWith('sim:')) {
    p.err(`${msg}\n`);
    return 125;
  }
  const code = /executable file not found|no such file or directory/.test(msg) ? 127 : /permission denied|is a directory/.test(msg) ? 126 : 125;
  return runError(p, cmd, `Error response from daemon: ${msg}`, code);
}

/** The create spec from flags (the image is resolved afterwards); an error text for client-side validation failures. */
function buildSpec(p: Proc, flags: ParsedFlags, imageRef: string, cmd: string[]): Omit<ContainerCreateSpec, 'image'> | string {
  const networks = arr(flags, 'network');
  const aliases = arr(flags, 'network-alias');
  const ip = str(flags, 'ip');
  const first = networks[0] ?? 'default';
  const builtin = ['default', 'bridge', 'host', 'none'].includes(first) || first.startsWith('container:');
  if (aliases.length > 0 && builtin) return 'network-scoped aliases are only supported for user-defined networks';
  if (ip && !isIPv4(ip)) return `invalid IPv4 address: ${ip}`;
  const ports: PortSpec[] = [];
  for (const raw of arr(flags, 'publish')) {
    const ps = parsePortSpec(raw);
    if ('error' in ps) return ps.error;
    ports.push(ps);
  }
  const attach: NetworkAttachSpec[] = [];
  for (const [i, n] of networks.entries()) {
    // The advanced form: --network name=net1,alias=web,ip=10.0.0.5,gw-priority=1
    if (n.includes('=')) {
      const spec: NetworkAttachSpec = { network: '', aliases: [], ip: null, links: [], mac: null, gwPriority: 0 };
      for (const part of n.split(',')) {
        const eq = part.indexOf('=');
        const [k, val] = [part.slice(0, eq), part.slice(eq + 1)];
        if (k === 'name') spec.network = val;
        else if (k === 'alias') spec.aliases.push(val);
        else if (k === 'ip') spec.ip = val;
        else if (k === 'mac-address') spec.mac = val;
        else if (k === 'gw-priority') spec.gwPriority = Number(val);
        else if (k === 'link') spec.links.push(val);
        else if (!['ip6', 'link-local-ip', 'driver-opt'].includes(k)) return `invalid field key ${k}`;
      }
      if (!spec.network) return 'invalid network: name is required';
      if (spec.aliases.length > 0 && ['default', 'bridge', 'host', 'none'].includes(spec.network)) {
        return 'network-scoped aliases are only supported for user-defined networks';
      }
      if (spec.ip && !isIPv4(spec.ip)) return `invalid IPv4 address: ${spec.ip}`;
      attach.push(spec);
      continue;
    }
    attach.push({
      network: n === 'default' ? 'bridge' : n,
      aliases: i === 0 ? aliases : [],
      ip: i === 0 ? ip : null,
      links: i === 0 && !builtin ? arr(flags, 'link') : [],
      mac: i === 0 ? str(flags, 'mac-address') : null,
      gwPriority: i === 0 ? Number(flags['gw-priority'] ?? 0) : 0,
    });
  }
  if (attach.length === 0 && (ip || str(flags, 'mac-address'))) {
    attach.push({ network: 'bridge', aliases: [], ip, links: [], mac: str(flags, 'mac-address'), gwPriority: 0 });
  }
  const labels: Record<string, string> = {};
  for (const l of arr(flags, 'label')) {
    const eq = l.indexOf('=');
    labels[eq < 0 ? l : l.slice(0, eq)] = eq < 0 ? '' : l.slice(eq + 1);
  }
  for (const h of arr(flags, 'add-host')) {
    if (!/^[^:=]+[:=]\d+\.\d+\.\d+\.\d+$/.test(h) && !/^[^:=]+[:=]host-gateway$/.test(h)) return `invalid argument "${h}" for "--add-host" flag: invalid IP address in add-host: "${h.split(/[:=]/)[1] ?? ''}"`;
  }
  const restart = str(flags, 'restart') ?? 'no';
  const policy = restart.split(':')[0]!;
  if (!['no', 'always', 'on-failure', 'unless-stopped'].includes(policy)) {
    return `invalid restart policy: unknown policy '${policy}'; use one of 'no', 'always', 'on-failure', or 'unless-stopped'`;
  }
  if (flags['rm'] === true && policy !== 'no') return 'Conflicting options: --restart and --rm';
  const entry = str(flags, 'entrypoint');
  return {
    name: str(flags, 'name'),
    imageRef,
    cmd: cmd.length > 0 ? cmd : null,
    entrypoint: entry !== null ? (entry === '' ? [] : [entry]) : null,
    hostname: str(flags, 'hostname'),
    domainname: str(flags, 'domainname') ?? '',
    tty: flags['tty'] === true,
    openStdin: flags['interactive'] === true,
    env: arr(flags, 'env').map((e) => (e.includes('=') ? e : `${e}=${p.ctx.vars[e] ?? ''}`)),
    labels,
    expose: arr(flags, 'expose').map((e) => (e.includes('/') ? e : `${e}/tcp`)),
    workdir: str(flags, 'workdir'),
    user: str(flags, 'user') ?? '',
    networks: attach,
    portBindings: toPortBindings(ports),
    publishAll: flags['publish-all'] === true,
    autoRemove: flags['rm'] === true,
    links: builtin ? arr(flags, 'link') : [],
    dns: arr(flags, 'dns'),
    extraHosts: arr(flags, 'add-host'),
    restart: str(flags, 'restart') ?? 'no',
    privileged: flags['privileged'] === true,
    capAdd: arr(flags, 'cap-add'),
  };
}

/** Finds the image locally or pulls it (progress on stderr, as docker run shows it). */
export function ensureImage(p: Proc, d: DaemonApi, ref: string, quiet: boolean): ImageSpec | { error: string; sim?: boolean } {
  const local = d.image(ref);
  if (local) return d.registry.byId(local.id)!;
  const { repository, tag } = d.registry.parse(ref);
  p.err(`Unable to find image '${repository}:${tag}' locally\n`);
  let progress = '';
  const r = d.imagePull(ref, (t) => (progress += t));
  if (!r.ok) return { error: r.error, sim: r.sim };
  if (!quiet) p.err(progress);
  return r.value;
}

export async function runOrCreate(p: Proc, d: DaemonApi, argv: string[], cmd: 'run' | 'create'): Promise<number> {
  const spec = SPECS[cmd]!;
  const r = parseCommandLine(spec, argv);
  if (!r.ok || r.help) return showHelpOrError(p, spec, r);
  const [imageRef, ...rest] = r.args as [string, ...string[]];
  const pre = buildSpec(p, r.flags, imageRef, rest);
  if (typeof pre === 'string') return runError(p, cmd, pre);
  const image = ensureImage(p, d, imageRef, r.flags['quiet'] === true);
  if ('error' in image) {
    if (image.error.startsWith('sim:')) {
      p.err(`${image.error}\n`);
      return 125;
    }
    return daemonRunError(p, cmd, image.error);
  }
  const created = d.containerCreate({ ...pre, image });
  if (!created.ok) return daemonRunError(p, cmd, created.error);
  for (const w of created.warnings) p.err(`WARNING: ${w}\n`);
  const c = created.value;
  p.rt.changed();
  if (cmd === 'create') {
    p.out(`${c.id}\n`);
    return 0;
  }
  const detach = r.flags['detach'] === true;
  if (detach) p.out(`${c.id}\n`);
  return startAndAttach(p, d, c, detach ? 'detached' : 'attached', (e) => {
    if (c.hostConfig.autoRemove) d.containerRemove(c, true);
    p.rt.changed();
    return daemonRunError(p, 'run', e);
  });
}

/**
 * Starts a container, then either returns (detached) or stays attached: an interactive shell
 * becomes the session's new context; anything else streams its output until it exits, or until
 * Ctrl-C, which the CLI passes on as SIGINT (sig-proxy).
 */
export async function startAndAttach(p: Proc, d: DaemonApi, c: ContainerRec, mode: 'detached' | 'attached', onError: (error: string) => number): Promise<number> {
  // Attach before the start, so the first line the process prints is not missed.
  const handle = mode === 'attached' ? d.containerAttach(c, { out: p.out, err: p.err }) : null;
  const started = d.containerStart(c);
  if (!started.ok) {
    handle?.close();
    return onError(started.error);
  }
  p.rt.changed();
  await d.settle();
  if (!handle) return 0;
  if (c.process.kind === 'shell' && c.config.openStdin && (c.status === 'running' || c.status === 'paused')) {
    handle.close();
    p.session.push(shellContext(d.hostName, c, true));
    return 0;
  }
  return waitAttached(p, d, c, handle);
}

/** An attached client waits for the container; Ctrl-C sends SIGINT (nginx exits 0, a shell script 130). */
export async function waitAttached(p: Proc, d: DaemonApi, c: ContainerRec, handle: ReturnType<DaemonApi['containerAttach']>): Promise<number> {
  const res = await p.rt.until(handle.done, p.signal);
  if (res !== 'aborted') {
    p.rt.changed();
    return res === 'detached' ? 0 : res;
  }
  handle.close();
  p.out('^C');
  if (c.status === 'running' || c.status === 'paused') d.containerKill(c, 'INT');
  p.rt.changed();
  return c.exitCode;
}
