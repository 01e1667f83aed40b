import type { Listener } from '../../kernel/types';
import { matchesCidr } from '../../util/ipv4';
import { nextFloat, randomId } from '../../util/rng';
import { err, ok, touch, hostNs, type DockerCtx, type DResult } from '../context';
import { syncFirewall } from './firewall';
import { imageById, type ImageSpec } from './images';
import { findContainer, findNetwork, isRunning, noSuchContainer } from './lookup';
import { generateName, isValidContainerName } from './names';
import { allocatePorts } from './ports';
import { basename, decideProcess, mainArgv, stopExitCode } from './process';
import {
  attachBridgeEndpoint,
  createSandbox,
  destroySandbox,
  detachEndpoint,
  updateDefaultRoute,
} from './sandbox';
import type { ContainerRec, EndpointConfig, NetworkRec, PortBinding } from '../types';
import { parseLink } from './etc-files';
import { nginxBindFailure, nginxStartupLog } from '../../apps/nginx-log';

export interface NetworkAttachSpec {
  network: string;
  aliases: string[];
  ip: string | null;
  links: string[];
  mac: string | null;
  gwPriority: number;
}

export interface ContainerCreateSpec {
  name: string | null;
  image: ImageSpec;
  imageRef: string;
  cmd: string[] | null;
  entrypoint: string[] | null;
  hostname: string | null;
  domainname: string;
  tty: boolean;
  openStdin: boolean;
  env: string[];
  labels: Record<string, string>;
  expose: string[];
  workdir: string | null;
  user: string;
  /** --network values in order (empty: the default bridge). */
  networks: NetworkAttachSpec[];
  portBindings: Record<string, PortBinding[]>;
  publishAll: boolean;
  autoRemove: boolean;
  links: string[];
  dns: string[];
  extraHosts: string[];
  restart: string;
  privileged: boolean;
  capAdd: string[];
}

const NET_ONLY_USER = 'user specified IP address is supported on user defined networks only';

function endpointSettingsError(net: NetworkRec, s: NetworkAttachSpec): string | null {
  const errs: string[] = [];
  if (s.ip) {
    if (net.predefined) errs.push(NET_ONLY_USER);
    else if (!net.userSubnet) errs.push('user specified IP address is supported only when connecting to networks with user configured subnets');
    else {
      const sub = net.ipam[0]?.Subnet;
      const inside = sub ? ipInCidr(s.ip, sub) : false;
      if (!inside) errs.push(`no configured subnet or ip-range contain the IP address ${s.ip}`);
    }
  }
  if (s.aliases.length > 0 && net.predefined) errs.push('network-scoped alias is supported only for containers in user defined networks');
  return errs.length ? `invalid endpoint settings:\n${errs.join('\n')}` : null;
}

function ipInCidr(ip: string, cidr: string): boolean {
  return matchesCidr(ip, cidr);
}

export function createContainer(ctx: DockerCtx, spec: ContainerCreateSpec): DResult<ContainerRec> {
  const d = ctx.host.docker;
  const warnings: string[] = [];
  let name = spec.name;
  if (name !== null) {
    if (!isValidContainerName(name)) {
      return err(`Invalid container name (${name}), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed`);
    }
    name = name.replace(/^\//, '');
    const clash = Object.values(d.containers).find((c) => c.name === name);
    if (clash) {
      return err(
        `Conflict. The container name "/${name}" is already in use by container "${clash.id}". You have to remove (or rename) that container to be able to reuse that name.`,
      );
    }
  }
  const first = spec.networks[0];
  const mode = first ? first.network : 'bridge';
  let portBindings = spec.portBindings;
  let publishAll = spec.publishAll;
  if (mode === 'host') {
    if (spec.links.length > 0) {
      return err("conflicting options: host type networking can't be used with links. This would result in undefined behavior");
    }
    if (Object.keys(portBindings).length > 0 || publishAll) {
      warnings.push('Published ports are discarded when using host network mode');
      portBindings = {};
      publishAll = false;
    }
  }
  if (mode.startsWith('container:')) {
    if (spec.links.length > 0) return err("conflicting options: container type network can't be used with links. This would result in undefined behavior");
    if (Object.keys(portBindings).length > 0 || publishAll) return err('conflicting options: port publishing and the container type network mode');
    if (spec.hostname) return err('conflicting options: hostname and the network mode');
    if (spec.dns.length > 0) return err('conflicting options: dns and the network mode');
    if (spec.extraHosts.length > 0) return err('conflicting options: custom host-to-IP mapping and the network mode');
    const target = findContainer(ctx, mode.slice('container:'.length));
    if (!target || target === 'ambiguous') return err(noSuchContainer(mode.slice('container:'.length)));
  }
  // Endpoints: resolve networks now, as the daemon validates them at create time (API >= 1.44).
  const endpoints: EndpointConfig[] = [];
  const specs: NetworkAttachSpec[] = first ? spec.networks : [{ network: 'bridge', aliases: [], ip: null, links: [], mac: null, gwPriority: 0 }];
  if (!mode.startsWith('container:')) {
    for (const s of specs) {
      const found = findNetwork(ctx, s.network);
      if ('error' in found) return err(found.error);
      const net = found.net;
      if (specs.length > 1 && (net.name === 'host' || net.name === 'none')) {
        return err('conflicting options: cannot attach both user-defined and non-user-defined network-modes');
      }
      const e = endpointSettingsError(net, s);
      if (e) return err(e);
      if (net.driver === 'null') continue;
      endpoints.push({
        networkId: net.id,
        networkName: net.name,
        aliases: s.aliases,
        ipv4Requested: s.ip,
        links: s.links,
        macRequested: s.mac,
        gwPriority: s.gwPriority,
        live: null,
      });
    }
  }
  const id = randomId(ctx.world.rng);
  if (name === null) {
    for (let retry = 0; retry < 6 && name === null; retry++) {
      const candidate = generateName((n) => Math.floor(nextRand(ctx) * n), retry);
      if (!Object.values(d.containers).some((c) => c.name === candidate)) name = candidate;
    }
    name ??= id.slice(0, 12);
  }
  const image = spec.image;
  let hostname = spec.hostname ?? id.slice(0, 12);
  if (mode === 'host' && !spec.hostname) hostname = hostNs(ctx).hostname;
  const exposed = [...new Set([...image.exposedPorts, ...spec.expose, ...Object.keys(portBindings)])];
  const c: ContainerRec = {
    id,
    name,
    created: ctx.world.clock,
    image: spec.imageRef,
    imageId: image.id,
    path: '',
    args: [],
    entrypointOverride: spec.entrypoint,
    cmdOverride: spec.cmd,
    config: {
      hostname,
      domainname: spec.domainname,
      tty: spec.tty,
      openStdin: spec.openStdin,
      env: [...image.env, ...spec.env],
      labels: { ...image.labels, ...spec.labels },
      exposedPorts: exposed,
      workingDir: spec.workdir ?? image.workingDir,
      user: spec.user,
    },
    hostConfig: {
      networkMode: mode,
      portBindings,
      publishAllPorts: publishAll,
      autoRemove: spec.autoRemove,
      links: spec.links.map((l) => {
        const [t, a] = parseLink(l);
        return `/${t}:/${name}/${a}`;
      }),
      dns: spec.dns,
      extraHosts: spec.extraHosts,
      restartPolicy: spec.restart,
      privileged: spec.privileged,
      capAdd: spec.capAdd,
    },
    status: 'created',
    pid: 0,
    exitCode: 0,
    startedAt: null,
    finishedAt: null,
    restartCount: 0,
    error: '',
    nsId: null,
    sandboxId: null,
    endpoints,
    ports: {},
    logs: [],
    process: { kind: 'oneshot' },
    files: {},
  };
  const argv = mainArgv(c, image);
  c.path = argv[0] ?? '';
  c.args = argv.slice(1);
  d.containers[id] = c;
  touch(ctx);
  return ok(c, warnings);
}

function nextRand(ctx: DockerCtx): number {
  return nextFloat(ctx.world.rng);
}

/** Whether the image has the program (an absolute path is checked by its basename). */
export function imageHasProgram(image: ImageSpec | undefined, prog: string): boolean {
  if (!image) return false;
  const b = basename(prog);
  if (prog === '/docker-entrypoint.sh') return image.entrypoint?.[0] === prog;
  return image.programs.includes(b);
}

export function startContainer(ctx: DockerCtx, c: ContainerRec): DResult<null> {
  if (isRunning(c)) return ok(null);
  if (c.status === 'restarting') c.status = 'exited';
  const image = imageById(c.imageId);
  const argv = mainArgv(c, image);
  const mode = c.hostConfig.networkMode;
  // Validate links and the shared namespace before building anything.
  if (mode.startsWith('container:')) {
    const target = findContainer(ctx, mode.slice('container:'.length));
    if (!target || target === 'ambiguous') return err(noSuchContainer(mode.slice('container:'.length)));
    if (!isRunning(target)) return err(`cannot join network namespace of a non running container: ${target.id}`);
  }
  for (const link of c.hostConfig.links) {
    const [target] = parseLink(link);
    const t = findContainer(ctx, target);
    if (!t || t === 'ambiguous') return err(`could not get container for ${target}: No such container: ${target}`);
    const alias = link.split(':')[1] ?? '';
    if (!isRunning(t)) return err(`Cannot link to a non running container: /${t.name} AS ${alias}`);
    const onDefault = t.endpoints.some((e) => ctx.host.docker.networks[e.networkId]?.name === 'bridge' && e.live);
    const meOnDefault = c.endpoints.some((e) => ctx.host.docker.networks[e.networkId]?.name === 'bridge');
    if (meOnDefault && !onDefault) return err(`Cannot link to /${t.name}, as it does not belong to the default network`);
  }
  for (const ep of c.endpoints) {
    if (!ctx.host.docker.networks[ep.networkId]) {
      return err(`failed to set up container networking: network ${ep.networkName ?? ep.networkId} not found`);
    }
  }
  const prog = (argv[0] === '/docker-entrypoint.sh' && argv.length > 1 ? argv[1] : argv[0]) ?? '';
  if (!imageHasProgram(image, prog)) {
    c.exitCode = 127;
    c.error = `failed to create task for container: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: exec: "${prog}": executable file not found in $PATH: unknown`;
    touch(ctx);
    return err(c.error);
  }
  // Network namespace.
  if (mode === 'host') c.nsId = ctx.host.nsId;
  else if (mode.startsWith('container:')) {
    const target = findContainer(ctx, mode.slice('container:'.length)) as ContainerRec;
    c.nsId = target.nsId;
    c.config.hostname = target.config.hostname;
  } else createSandbox(ctx, c);
  // Docker always connects the default bridge first (links are set up on the sandbox's first network).
  const order = [...c.endpoints].sort(
    (a, b) => Number(ctx.host.docker.networks[b.networkId]?.name === 'bridge') - Number(ctx.host.docker.networks[a.networkId]?.name === 'bridge'),
  );
  for (const ep of order) {
    const net = ctx.host.docker.networks[ep.networkId]!;
    const r = attachEndpoint(ctx, c, ep, net);
    if (r) {
      teardown(ctx, c);
      // Docker 28 wraps every failure of network setup at start in this prefix.
      return err(r.startsWith('sim:') ? r : `failed to set up container networking: ${r}`);
    }
  }
  updateDefaultRoute(ctx, c);
  // Published ports, through the first endpoint that has an address.
  const firstEp = c.endpoints.find((e) => e.live?.ip && ctx.host.docker.networks[e.networkId]?.driver === 'bridge');
  if (firstEp && (Object.keys(c.hostConfig.portBindings).length > 0 || c.hostConfig.publishAllPorts)) {
    const r = allocatePorts(ctx, c, firstEp.live!.endpointId);
    if (!r.ok) {
      teardown(ctx, c);
      return err(r.error);
    }
    c.ports = r.ports;
    addProxies(ctx, c, firstEp.live!.ip!);
  } else c.ports = {};
  c.process = decideProcess(c, argv, ctx.world.clock);
  if (c.process.kind === 'daemon' && c.process.app === 'nginx') {
    const ns = ctx.world.netns[c.nsId!];
    if (ns && ns.listeners.some((l) => l.proto === 'tcp' && l.port === 80)) {
      // Port 80 is taken in this namespace (another nginx on the host network): nginx gives up.
      c.logs.push(...nginxBindFailure(ctx.world.clock));
      c.process = { kind: 'timed', endsAt: ctx.world.clock, exitCode: 1 };
    } else if (ns) ns.listeners.push({ proto: 'tcp', ip: '0.0.0.0', port: 80, app: { kind: 'nginx', containerId: c.id } });
  }
  if (c.process.kind === 'daemon' && c.process.app === 'nginx') c.logs.push(...nginxStartupLog(ctx.world.clock));
  c.logMark = c.logs.length;
  c.restartAt = null;
  c.manuallyStopped = false;
  c.status = 'running';
  c.pid = ctx.host.docker.nextPid;
  ctx.host.docker.nextPid += 37;
  c.startedAt = ctx.world.clock;
  c.finishedAt = null;
  c.exitCode = 0;
  c.error = '';
  syncFirewall(ctx);
  touch(ctx);
  return ok(null);
}

function attachEndpoint(ctx: DockerCtx, c: ContainerRec, ep: EndpointConfig, net: NetworkRec): string | null {
  if (net.driver === 'host') {
    ep.live = { endpointId: randomId(ctx.world.rng), ip: null, prefix: 0, gateway: '', mac: '', ifname: '', hostVeth: null };
    return null;
  }
  if (net.driver !== 'bridge') return `sim: the ${net.driver} driver is not part of this lab yet`;
  const r = attachBridgeEndpoint(ctx, c, ep, net);
  if (r === 'address-in-use') return 'Address already in use';
  if (r === 'address-outside') return `no configured subnet or ip-range contain the IP address ${ep.ipv4Requested}`;
  if (r === 'pool-exhausted') return `no available IPv4 addresses on this network's address pools: ${net.name} (${net.id})`;
  ep.live = r;
  return null;
}

function addProxies(ctx: DockerCtx, c: ContainerRec, targetIp: string): void {
  const ns = hostNs(ctx);
  for (const [key, bs] of Object.entries(c.ports)) {
    const [port, proto] = key.split('/') as [string, 'tcp' | 'udp'];
    for (const b of bs) {
      if (b.HostIp.includes(':')) continue;
      const l: Listener = {
        proto,
        ip: b.HostIp,
        port: Number(b.HostPort),
        app: { kind: 'docker-proxy', proto, targetIp, targetPort: Number(port) },
      };
      ns.listeners.push(l);
    }
  }
}

function removeProxies(ctx: DockerCtx, c: ContainerRec): void {
  const ns = hostNs(ctx);
  const mine = new Set<string>();
  for (const [key, bs] of Object.entries(c.ports)) for (const b of bs) mine.add(`${key.split('/')[1]}:${b.HostIp}:${b.HostPort}`);
  ns.listeners = ns.listeners.filter((l) => !(l.app.kind === 'docker-proxy' && mine.has(`${l.proto}:${l.ip}:${l.port}`)));
}

/** Undo everything start built: endpoints, proxies, listeners, the namespace. */
function teardown(ctx: DockerCtx, c: ContainerRec): void {
  removeProxies(ctx, c);
  for (const ep of c.endpoints) detachEndpoint(ctx, c, ep, ctx.host.docker.networks[ep.networkId]);
  if (c.nsId) {
    const ns = ctx.world.netns[c.nsId];
    if (ns) ns.listeners = ns.listeners.filter((l) => !(l.app.kind === 'nginx' && l.app.containerId === c.id));
  }
  if (c.hostConfig.networkMode === 'host' || c.hostConfig.networkMode.startsWith('container:')) c.nsId = null;
  else destroySandbox(ctx, c);
  c.ports = {};
  syncFirewall(ctx);
}

/** Whether the restart policy brings the container back after this exit. */
function restarts(c: ContainerRec, exitCode: number): boolean {
  if (c.manuallyStopped || c.hostConfig.autoRemove) return false;
  const policy = c.hostConfig.restartPolicy;
  if (policy === 'always' || policy === 'unless-stopped') return true;
  const m = /^on-failure(?::(\d+))?$/.exec(policy);
  if (!m || exitCode === 0) return false;
  return m[1] === undefined || c.restartCount < Number(m[1]);
}

/** Docker's back-off: 100 ms, doubling, at most a minute; a run of 10 s or more resets it. */
function restartDelay(c: ContainerRec, ranMs: number): number {
  if (ranMs >= 10_000) return 100;
  return Math.min(60_000, 100 * 2 ** Math.min(c.restartCount, 10));
}

/** The main process ended (exit, stop, kill). */
export function finishContainer(ctx: DockerCtx, c: ContainerRec, exitCode: number): void {
  if (!isRunning(c)) return;
  c.runLogs = c.logs.slice(c.logMark ?? c.logs.length);
  // Lines a script would have written after this moment never get written.
  flushLogs(c, ctx.world.clock);
  c.futureLogs = [];
  teardown(ctx, c);
  c.status = 'exited';
  c.exitCode = exitCode;
  c.finishedAt = ctx.world.clock;
  c.pid = 0;
  if (restarts(c, exitCode)) {
    c.status = 'restarting';
    c.restartAt = ctx.world.clock + restartDelay(c, ctx.world.clock - (c.startedAt ?? ctx.world.clock));
  }
  touch(ctx);
  if (c.hostConfig.autoRemove) delete ctx.host.docker.containers[c.id];
  // Containers sharing this one's namespace lose their network with it.
  for (const other of Object.values(ctx.host.docker.containers)) {
    if (other.hostConfig.networkMode === `container:${c.name}` || other.hostConfig.networkMode === `container:${c.id}`) {
      if (isRunning(other)) other.nsId = null;
    }
  }
}

/** `docker stop`: SIGTERM, then SIGKILL after the grace period if the process ignores it. */
export function stopContainer(ctx: DockerCtx, c: ContainerRec, timeoutSec = 10): void {
  if (c.status === 'restarting') {
    c.status = 'exited';
    c.restartAt = null;
    c.manuallyStopped = true;
    touch(ctx);
    return;
  }
  if (!isRunning(c)) return;
  c.manuallyStopped = true;
  const { code, graceful } = stopExitCode(c.process);
  if (!graceful) ctx.world.clock += timeoutSec * 1000;
  finishContainer(ctx, c, code);
}

export function killContainer(ctx: DockerCtx, c: ContainerRec, signal: string): DResult<null> {
  if (!isRunning(c)) return err(`cannot kill container: ${c.name}: container ${c.id} is not running`);
  const sig = signal.toUpperCase().replace(/^SIG/, '');
  const code = sig === 'KILL' || sig === '9' ? 137 : sig === 'TERM' || sig === '15' ? 143 : sig === 'INT' || sig === '2' ? 130 : sig === 'HUP' || sig === '1' ? 129 : 137;
  finishContainer(ctx, c, code);
  return ok(null);
}

export function removeContainer(ctx: DockerCtx, c: ContainerRec, force: boolean): DResult<null> {
  if (c.status === 'restarting') {
    if (!force) return err(`cannot remove container "/${c.name}": container is restarting: stop the container before removing or force remove`);
    c.status = 'exited';
  }
  if (isRunning(c)) {
    if (!force) {
      return err(`cannot remove container "/${c.name}": container is running: stop the container before removing or force remove`);
    }
    finishContainer(ctx, c, 137);
  }
  delete ctx.host.docker.containers[c.id];
  touch(ctx);
  return ok(null);
}

export function renameContainer(ctx: DockerCtx, c: ContainerRec, newName: string): DResult<null> {
  const name = newName.replace(/^\//, '');
  if (!isValidContainerName(name)) return err(`Invalid container name (${newName}), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed`);
  if (c.name === name) return err(`Renaming a container with the same name as its current name`);
  const clash = Object.values(ctx.host.docker.containers).find((o) => o.name === name);
  if (clash) {
    return err(`Error when allocating new name: Conflict. The container name "/${name}" is already in use by container "${clash.id}". You have to remove (or rename) that container to be able to reuse that name.`);
  }
  c.name = name;
  touch(ctx);
  return ok(null);
}

export interface ConnectSpec {
  aliases: string[];
  ip: string | null;
  links: string[];
  gwPriority: number;
}

export function connectContainer(ctx: DockerCtx, net: NetworkRec, c: ContainerRec, s: ConnectSpec): DResult<null> {
  const mode = c.hostConfig.networkMode;
  if (mode === 'host' || mode.startsWith('container:')) {
    if (net.driver === 'host' && mode === 'host') return err(`endpoint with name ${c.name} already exists in network host`);
    return err('container sharing network namespace with another container or host cannot be connected to any other network');
  }
  if (net.driver === 'host') return err('cannot connect container to host network - container must be created in host network mode');
  if (mode === 'none' || net.driver === 'null') {
    return err('container cannot be connected to multiple networks with one of the networks in private (none) mode');
  }
  const e = endpointSettingsError(net, { network: net.name, aliases: s.aliases, ip: s.ip, links: s.links, mac: null, gwPriority: s.gwPriority });
  if (e) return err(e);
  if (c.endpoints.some((x) => x.networkId === net.id)) {
    return err(`endpoint with name ${c.name} already exists in network ${net.name}`);
  }
  const ep: EndpointConfig = { networkId: net.id, networkName: net.name, aliases: s.aliases, ipv4Requested: s.ip, links: s.links, macRequested: null, gwPriority: s.gwPriority, live: null };
  if (isRunning(c)) {
    const r = attachEndpoint(ctx, c, ep, net);
    if (r) return err(r);
    c.endpoints.push(ep);
    updateDefaultRoute(ctx, c);
    syncFirewall(ctx);
  } else c.endpoints.push(ep);
  touch(ctx);
  return ok(null);
}

export function disconnectContainer(ctx: DockerCtx, net: NetworkRec, c: ContainerRec): DResult<null> {
  if (net.driver === 'host' && c.hostConfig.networkMode === 'host') {
    return err('cannot disconnect container from host network - container was created in host network mode');
  }
  const ep = c.endpoints.find((x) => x.networkId === net.id);
  if (!ep) {
    return err(isRunning(c) ? `container ${c.id} is not connected to network ${net.name}` : `container ${c.id} is not connected to the network ${net.name}`);
  }
  detachEndpoint(ctx, c, ep, net);
  c.endpoints = c.endpoints.filter((x) => x !== ep);
  if (isRunning(c)) {
    updateDefaultRoute(ctx, c);
    // Published ports follow the endpoint that carried them.
    if (Object.keys(c.ports).length > 0 && !c.endpoints.some((x) => x.live?.ip)) {
      removeProxies(ctx, c);
      c.ports = {};
    }
  }
  syncFirewall(ctx);
  touch(ctx);
  return ok(null);
}

/**
 * A restart policy's turn: start the container again. A one-shot command is taken to do what it
 * did last time (its output is repeated and it exits with the same code); servers come back up.
 */
function restartNow(ctx: DockerCtx, c: ContainerRec): void {
  const code = c.exitCode;
  const replay = c.runLogs ?? [];
  c.status = 'exited';
  c.restartCount++;
  const r = startContainer(ctx, c);
  if (!r.ok) {
    c.error = r.error;
    return;
  }
  if (c.process.kind === 'oneshot') {
    c.logs.push(...replay);
    finishContainer(ctx, c, code);
  }
}

/** Moves the log lines whose time has come from `futureLogs` into `logs`. */
export function flushLogs(c: ContainerRec, now: number): void {
  if (!c.futureLogs || c.futureLogs.length === 0) return;
  let k = 0;
  while (k < c.futureLogs.length && c.futureLogs[k]!.at <= now) c.logs.push(c.futureLogs[k++]!.line);
  c.futureLogs = c.futureLogs.slice(k);
}

/** Ends `sleep N` containers whose time has come, as the clock moves. */
export function reapTimedContainers(ctx: DockerCtx): void {
  for (const id in ctx.host.docker.containers) {
    const c = ctx.host.docker.containers[id]!;
    if (c.futureLogs?.length) flushLogs(c, ctx.world.clock);
    if (c.status === 'restarting' && c.restartAt != null && c.restartAt <= ctx.world.clock) restartNow(ctx, c);
    if (c.status === 'running' && c.process.kind === 'timed' && c.process.endsAt <= ctx.world.clock) {
      const code = c.process.exitCode;
      const at = c.process.endsAt;
      finishContainer(ctx, c, code);
      c.finishedAt = at;
    }
  }
}
