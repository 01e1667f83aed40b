import { err, isManaged, ok, touch, type DockerCtx, type DResult } from '../context';
import { driverFor } from '../drivers/registry';
import type { ContainerRec, EndpointConfig } from '../types';
import { addProxies, joinNetwork, leaveNetwork, removeProxies } from './endpoints';
import { containerEvent, networkEvent } from './events';
import { parseLink } from './etc-files';
import { syncFirewall } from './firewall';
import { syncGateway } from './gateway';
import { imageById } from './images';
import { findContainer, isRunning, noSuchContainer } from './lookup';
import { indexRemoved } from './container-index';
import { allocatePorts } from './ports';
import { bindingCount } from '../port-map';
import { decideProcess, execProblem, execProblemExitCode, mainArgv, programArgv, stopExitCode } from './process';
import { closeSockets, serverFor, startServer } from './servers';
import { createSandbox, destroySandbox, releaseNs, updateDefaultRoute } from './sandbox';

/**
 * Container lifecycle in the daemon: start builds the sandbox, endpoints and published ports;
 * every way a main process ends (exit, stop, kill) goes through finishContainer, which undoes
 * them and applies the restart policy. The runtime (runtime.ts) runs the processes themselves.
 */

export function startContainer(ctx: DockerCtx, c: ContainerRec): DResult<null> {
  if (isRunning(c)) return ok(null);
  if (c.status === 'restarting') c.status = 'exited';
  const image = imageById(c.imageId);
  const argv = mainArgv(c, image);
  const mode = c.hostConfig.networkMode;
  // Validate links and the shared namespace before building anything.
  if (mode.startsWith('container:')) {
    // moby@v28.5.2 daemon/container_operations.go getNetworkedContainer (not wrapped: daemon/start.go:134).
    const ref = mode.slice('container:'.length);
    const target = findContainer(ctx, ref);
    if (!target || target === 'ambiguous') return err(`joining network namespace of container: ${target === 'ambiguous' ? `multiple IDs found with provided prefix: ${ref}` : noSuchContainer(ref)}`);
    if (target === c) return err('cannot join own network namespace');
    if (target.status === 'restarting') return err(`cannot join network namespace of container: Container ${target.id} is restarting, wait until the container is running`);
    if (!isRunning(target)) return err(`cannot join network namespace of a non running container: container ${target.name} is ${target.startedAt === null ? 'created' : target.status}`);
  }
  for (const link of c.hostConfig.links) {
    const [target] = parseLink(link);
    const t = findContainer(ctx, target);
    if (!t || t === 'ambiguous') return err(`could not get container for ${target}: No such container: ${target}`);
    const alias = link.split(':')[1] ?? '';
    if (!isRunning(t)) return err(`Cannot link to a non running container: /${t.name} AS ${alias}`);
    const onDefault = t.endpoints.some((e) => ctx.host.docker.networks[e.networkId]?.name === 'bridge' && e.live);
    const meOnDefault = c.endpoints.some((e) => ctx.host.docker.networks[e.networkId]?.name === 'bridge');
    // addLegacyLinks runs inside allocateNetwork, whose errors start wraps (moby@v28.5.2 daemon/start_linux.go:38, container_operations_unix.go:87).
    if (meOnDefault && !onDefault) return err(`failed to set up container networking: Cannot link to /${t.name}, as it does not belong to the default network`);
  }
  // Swarm networks: a standalone container attaches through the managers (moby
  // daemon/container_operations.go findAndAttachNetwork), which may refuse.
  const attached: EndpointConfig[] = [];
  const release = () => {
    for (const ep of attached) ctx.cluster?.detach(c, ep);
  };
  for (const ep of c.endpoints) {
    const local = ctx.host.docker.networks[ep.networkId];
    const swarmNet = local ? local.scope === 'swarm' : !!ctx.cluster?.findNetwork(ep.networkId);
    if (swarmNet && ctx.cluster && !isManaged(c)) {
      const r = ctx.cluster.attach(c, ep);
      if (!r.ok) {
        release();
        return err(`failed to set up container networking: ${r.error}`);
      }
      attached.push(ep);
      continue;
    }
    if (!local) {
      release();
      return err(`failed to set up container networking: network ${ep.networkName ?? ep.networkId} not found`);
    }
  }
  const prog = programArgv(argv)[0] ?? '';
  const problem = execProblem(image, prog);
  if (problem) {
    release();
    c.exitCode = execProblemExitCode(problem);
    // Go 1.20+ reports EISDIR; moby appends EACCES's text so the CLI still exits 126 (daemon/errors.go).
    c.error = `failed to create task for container: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: exec: "${prog}": ${problem}: unknown${problem === 'is a directory' ? ': permission denied' : ''}`;
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
  for (const [i, ep] of order.entries()) {
    const net = ctx.host.docker.networks[ep.networkId]!;
    // `--network web --network <web's id>` names one network twice; the CLI only compares the
    // words, so the daemon's second CreateEndpoint refuses (moby@v28.5.2 libnetwork/network.go:1189).
    const twice = order.slice(0, i).some((e) => e.networkId === ep.networkId);
    const r = twice ? `endpoint with name ${c.name} already exists in network ${net.name}` : joinNetwork(ctx, c, ep, net);
    if (r) {
      teardown(ctx, c);
      // Docker 28 wraps every failure of network setup at start in this prefix.
      return err(r.startsWith('sim:') ? r : `failed to set up container networking: ${r}`);
    }
    networkEvent(ctx, net, 'connect', { container: c.id });
    // An overlay alone gives no way out: the gateway endpoint on docker_gwbridge comes next (eth1).
    const gw = syncGateway(ctx, c);
    if (gw) {
      teardown(ctx, c);
      return err(`failed to set up container networking: ${gw}`);
    }
  }
  updateDefaultRoute(ctx, c);
  // Published ports, through the first endpoint that has an address.
  const firstEp = c.endpoints.find((e) => e.live?.ip && driverFor(ctx.host.docker.networks[e.networkId]?.driver ?? '')?.publishesPorts);
  if (firstEp && (Object.keys(c.hostConfig.portBindings).length > 0 || c.hostConfig.publishAllPorts)) {
    const r = allocatePorts(ctx, c, firstEp.live!.endpointId);
    if (!r.ok) {
      teardown(ctx, c);
      return err(r.error);
    }
    c.ports = r.ports;
    addProxies(ctx, c, firstEp.live!.ip!);
  } else c.ports = {};
  c.process = decideProcess(c, argv, image);
  const server = c.process.kind === 'daemon' ? serverFor(image, programArgv(argv)) : null;
  // The image's server opens its sockets, or gives up (its port taken on the host network).
  if (server) c.process = startServer(ctx, c, server, programArgv(argv));
  c.restartAt = null;
  c.manuallyStopped = false;
  c.status = 'running';
  // Its docker-proxy processes take the pids just below the container's (processes.ts); a long
  // run of them pushes the container up so that they never reach the previous container's pids.
  const proxyRoom = Math.max(0, bindingCount(c.ports) - 20);
  c.pid = ctx.host.docker.nextPid + proxyRoom;
  ctx.host.docker.nextPid += 37 + proxyRoom;
  c.startedAt = ctx.world.clock;
  c.finishedAt = null;
  c.exitCode = 0;
  c.error = '';
  syncFirewall(ctx);
  touch(ctx);
  containerEvent(ctx, c, 'start');
  ctx.hooks?.started(c);
  return ok(null);
}


/** Undo everything start built: endpoints, proxies, listeners, the namespace. */
function teardown(ctx: DockerCtx, c: ContainerRec): void {
  removeProxies(ctx, c);
  for (const ep of c.endpoints) {
    const net = ctx.host.docker.networks[ep.networkId];
    const wasLive = ep.live !== null;
    leaveNetwork(ctx, c, ep, net);
    // releaseNetwork logs the disconnect before the exit handler logs "die" (moby@v28.5.2 daemon/monitor.go:104-130).
    if (wasLive && net && !ep.sandboxGateway) networkEvent(ctx, net, 'disconnect', { container: c.id });
    if (net?.scope === 'swarm' || ep.swarmAddr) ctx.cluster?.detach(c, ep);
  }
  // The gateway endpoint lives only as long as the sandbox.
  c.endpoints = c.endpoints.filter((e) => !e.sandboxGateway);
  closeSockets(ctx, c);
  if (c.hostConfig.networkMode === 'host') c.nsId = null;
  else if (c.hostConfig.networkMode.startsWith('container:')) {
    // A sidecar may be the last one in a namespace its target has already left.
    const id = c.nsId;
    c.nsId = null;
    if (id) releaseNs(ctx, id);
  } else destroySandbox(ctx, c);
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
  const ranSeconds = Math.trunc((ctx.world.clock - (c.startedAt ?? ctx.world.clock)) / 1000);
  containerEvent(ctx, c, 'die', { exitCode: String(exitCode), execDuration: String(ranSeconds) });
  if (c.hostConfig.autoRemove && ctx.host.docker.containers[c.id] === c) {
    delete ctx.host.docker.containers[c.id];
    indexRemoved(ctx.host.docker.containers, c);
    containerEvent(ctx, c, 'destroy');
  }
  ctx.hooks?.exited(c);
}

const SIGNALS: Record<string, number> = {
  HUP: 1, INT: 2, QUIT: 3, ILL: 4, TRAP: 5, ABRT: 6, IOT: 6, BUS: 7, FPE: 8, KILL: 9, USR1: 10, SEGV: 11, USR2: 12, PIPE: 13,
  ALRM: 14, TERM: 15, STKFLT: 16, CHLD: 17, CONT: 18, STOP: 19, TSTP: 20, TTIN: 21, TTOU: 22, URG: 23, XCPU: 24, XFSZ: 25,
  VTALRM: 26, PROF: 27, WINCH: 28, IO: 29, POLL: 29, PWR: 30, SYS: 31,
};

/** moby/sys/signal ParseSignal: a name (with or without SIG) or a number; Docker's text when unknown. */
export function parseSignal(signal: string): number | string {
  if (/^\d+$/.test(signal)) {
    const n = Number(signal);
    return n >= 1 && n <= 64 ? n : `Invalid signal: ${signal}`;
  }
  const n = SIGNALS[signal.toUpperCase().replace(/^SIG/, '')];
  return n ?? `Invalid signal: ${signal}`;
}

/** `docker stop`: the stop signal (the image's, or SIGTERM), then SIGKILL after the grace period if the process ignores it. */
export function stopContainer(ctx: DockerCtx, c: ContainerRec, timeoutSec = 10, signal?: string): DResult<null> {
  const sig = parseSignal(signal ?? imageById(c.imageId)?.stopSignal ?? 'SIGTERM');
  if (typeof sig === 'string') return err(sig);
  if (c.status === 'restarting') {
    c.status = 'exited';
    c.restartAt = null;
    c.manuallyStopped = true;
    touch(ctx);
    ctx.hooks?.exited(c);
    containerEvent(ctx, c, 'stop');
    return ok(null);
  }
  if (!isRunning(c)) return ok(null);
  c.manuallyStopped = true;
  containerEvent(ctx, c, 'kill', { signal: String(sig) });
  const { code, graceful } = sig === 9 ? { code: 137, graceful: true } : stopExitCode(c.process);
  if (!graceful) {
    ctx.world.clock += timeoutSec * 1000;
    containerEvent(ctx, c, 'kill', { signal: '9' });
  }
  finishContainer(ctx, c, code);
  containerEvent(ctx, c, 'stop');
  return ok(null);
}

/** The exit status a signal leaves: 128 + its number. */
export function signalExitCode(signal: string): number {
  const n = parseSignal(signal);
  return typeof n === 'number' ? 128 + n : 137;
}

export function killContainer(ctx: DockerCtx, c: ContainerRec, signal: string): DResult<null> {
  const n = parseSignal(signal);
  if (typeof n === 'string') return err(n);
  if (!isRunning(c)) return err(`cannot kill container: ${c.name}: container ${c.id} is not running`);
  containerEvent(ctx, c, 'kill', { signal: String(n) });
  finishContainer(ctx, c, 128 + n);
  return ok(null);
}

export function pauseContainer(ctx: DockerCtx, c: ContainerRec): DResult<null> {
  if (c.status === 'paused') return err(`container ${c.id} is already paused`);
  if (c.status !== 'running') return err(`container ${c.id} is not running`);
  c.status = 'paused';
  touch(ctx);
  containerEvent(ctx, c, 'pause');
  return ok(null);
}

export function unpauseContainer(ctx: DockerCtx, c: ContainerRec): DResult<null> {
  if (c.status !== 'paused') return err(`container ${c.id} is not paused`);
  c.status = 'running';
  touch(ctx);
  containerEvent(ctx, c, 'unpause');
  return ok(null);
}
