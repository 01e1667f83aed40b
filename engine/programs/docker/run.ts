import { createContainer, finishContainer, startContainer, type ContainerCreateSpec, type NetworkAttachSpec } from '../../docker/daemon/containers';
import type { DockerCtx } from '../../docker/context';
import { imageById, parseImageRef, type ImageSpec } from '../../docker/daemon/images';
import { parsePortSpec, toPortBindings, type PortSpec } from '../../docker/daemon/ports';
import { mainArgv } from '../../docker/daemon/process';
import type { ContainerRec } from '../../docker/types';
import { parseCommandLine, type ParsedFlags } from './cli/flags';
import { SPECS } from './cli/specs';
import { isIPv4 } from '../../util/ipv4';
import type { ExecContext, Proc, Runtime } from '../../shell/types';
import { execArgv as runInBackground } from '../../shell/exec';
import { showHelpOrError } from './help';
import { findLocalImage, pullImage } from './images';

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

/** nginx's entrypoint script runs its configuration steps, then execs the command it was given. */
/** How far ahead a detached script is played out (lab time), and how many log lines it may leave. */
const DETACHED_HORIZON_MS = 6 * 3600 * 1000;
const DETACHED_MAX_LINES = 2000;

/**
 * A detached container's command runs in the background: the terminal must not wait for it.
 * The script is played out at once on a private clock; its sleeps become the container's
 * lifetime (`Up 10 seconds`, then `Exited (0)`), and its output reaches `docker logs` as the lab's
 * clock catches up. A script that never ends keeps the container running.
 */
async function runDetachedScript(p: Proc, ctx: DockerCtx, c: ContainerRec, argv: string[]): Promise<void> {
  const start = ctx.world.clock;
  let elapsed = 0;
  let lines = 0;
  const stop = new AbortController();
  const rt: Runtime = {
    world: ctx.world,
    apps: p.rt.apps,
    pacing: 'instant',
    sleep: async (ms) => {
      if (stop.signal.aborted) return false;
      if (elapsed + ms > DETACHED_HORIZON_MS || lines > DETACHED_MAX_LINES) {
        stop.abort();
        return false;
      }
      elapsed += ms;
      return true;
    },
    changed: p.rt.changed,
  };
  const future: { at: number; line: string }[] = [];
  const sink = (t: string) => {
    // What a never-ending command prints when the horizon cuts it off did not really happen.
    if (stop.signal.aborted) return;
    for (const line of t.replace(/\n$/, '').split('\n')) {
      lines++;
      if (elapsed === 0) c.logs.push(line);
      else future.push({ at: start + elapsed, line });
    }
  };
  const code = await runInBackground({ rt, session: p.session, lastExit: 0, nested: true }, shellContext(ctx.host.name, c, false), argv, {
    out: sink,
    err: sink,
    signal: stop.signal,
  });
  if (c.status !== 'running') return;
  c.futureLogs = future;
  if (stop.signal.aborted) c.process = { kind: 'daemon', app: 'idle' };
  else if (elapsed > 0) c.process = { kind: 'timed', endsAt: start + elapsed, exitCode: code };
  else finishContainer(ctx, c, code);
  p.rt.changed();
}

function execArgv(argv: string[]): string[] {
  return argv[0] === '/docker-entrypoint.sh' && argv.length > 1 ? argv.slice(1) : argv;
}

/** The shell a program name starts in an image: `sh` is dash on Debian and Ubuntu, busybox ash on alpine. */
export function shellFor(image: ImageSpec | undefined, program?: string): ExecContext['shell'] {
  const prog = (program ?? '').split('/').pop();
  const base = image?.shell ?? 'busybox';
  if (prog === 'bash') return 'bash';
  if (prog === 'zsh') return 'zsh';
  if (prog === 'sh' || prog === 'ash') return base === 'bash' ? 'dash' : 'busybox';
  return base;
}

export function shellContext(host: string, c: ContainerRec, endsContainer: boolean, program?: string): ExecContext {
  const image = imageById(c.imageId);
  return {
    kind: 'container',
    host,
    containerId: c.id,
    endsContainer,
    shell: shellFor(image, program ?? mainArgv(c, image)[0]),
    vars: {},
  };
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
export function ensureImage(p: Proc, ctx: DockerCtx, ref: string, quiet: boolean): ImageSpec | { error: string; sim?: boolean } {
  const local = findLocalImage(ctx, ref);
  if (local) return imageById(local.id)!;
  const { repository, tag } = parseImageRef(ref);
  p.err(`Unable to find image '${repository}:${tag}' locally\n`);
  let progress = '';
  const r = pullImage(ctx, ref, (t) => (progress += t));
  if ('error' in r) return r;
  if (!quiet) p.err(progress);
  return r.image;
}

export async function runOrCreate(p: Proc, ctx: DockerCtx, argv: string[], cmd: 'run' | 'create'): Promise<number> {
  const spec = SPECS[cmd]!;
  const r = parseCommandLine(spec, argv);
  if (!r.ok || r.help) return showHelpOrError(p, spec, r);
  const [imageRef, ...rest] = r.args as [string, ...string[]];
  const pre = buildSpec(p, r.flags, imageRef, rest);
  if (typeof pre === 'string') return runError(p, cmd, pre);
  const image = ensureImage(p, ctx, imageRef, r.flags['quiet'] === true);
  if ('error' in image) {
    if (image.error.startsWith('sim:')) {
      p.err(`${image.error}\n`);
      return 125;
    }
    return daemonRunError(p, cmd, image.error);
  }
  const created = createContainer(ctx, { ...pre, image });
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
  const started = startContainer(ctx, c);
  if (!started.ok) {
    if (c.hostConfig.autoRemove) delete ctx.host.docker.containers[c.id];
    p.rt.changed();
    return daemonRunError(p, 'run', started.error);
  }
  p.rt.changed();
  return runMainProcess(p, ctx, c, detach ? 'detached' : 'attached');
}

/**
 * What the container's main process does once started. Detached one-shot commands run now and
 * leave their output in the logs; attached ones stream it. Interactive shells become the
 * session's new context; servers run until Ctrl-C (or stay up when detached).
 */
export async function runMainProcess(p: Proc, ctx: DockerCtx, c: ContainerRec, mode: 'detached' | 'attached'): Promise<number> {
  const proc = c.process;
  const image = imageById(c.imageId);
  if (mode === 'detached') {
    if (proc.kind === 'oneshot') await runDetachedScript(p, ctx, c, execArgv(mainArgv(c, image)));
    return 0;
  }
  // Attached.
  if (proc.kind === 'shell' && (c.config.openStdin || c.config.tty) && c.config.openStdin) {
    p.session.push(shellContext(ctx.host.name, c, true));
    return 0;
  }
  if (proc.kind === 'oneshot') {
    const argv = execArgv(mainArgv(c, image));
    const out = (t: string) => {
      p.out(t);
      c.logs.push(...t.replace(/\n$/, '').split('\n'));
    };
    const err = (t: string) => {
      p.err(t);
      c.logs.push(...t.replace(/\n$/, '').split('\n'));
    };
    const code = await p.runArgv(argv, shellContext(ctx.host.name, c, false), { out, err });
    finishContainer(ctx, c, code);
    p.rt.changed();
    return code;
  }
  // Servers, sleeps and detached-less shells: print what they print and wait for Ctrl-C or their end.
  if (proc.kind === 'daemon' && proc.app === 'nginx') p.out(c.logs.join('\n') + '\n');
  const endsAt = proc.kind === 'timed' ? proc.endsAt : Infinity;
  while (ctx.world.clock < endsAt) {
    const step = Math.min(1000, endsAt - ctx.world.clock);
    const done = await p.rt.sleep(step, p.signal);
    if (!done) {
      p.out('^C');
      const code = proc.kind === 'daemon' && proc.app === 'nginx' ? 0 : 130;
      if (c.status === 'running') finishContainer(ctx, c, code);
      p.rt.changed();
      return code;
    }
    if (c.status !== 'running') return c.exitCode;
  }
  const code = proc.kind === 'timed' ? proc.exitCode : 0;
  if (c.status === 'running') finishContainer(ctx, c, code);
  p.rt.changed();
  return code;
}
