import type { Scheduler } from '../../kernel/scheduler';
import {
  err,
  ok,
  type AttachHandle,
  type AttachIO,
  type ConnectSpec,
  type ContainerCreateSpec,
  type DaemonApi,
  type DiskUsage,
  type DResult,
  type ExecHandle,
  type ExecUser,
  type LogLine,
  type NetworkCreateSpec,
  type ProcessHost,
  type PruneFilters,
  type PruneReport,
  type ProcessRow,
  type PullResult,
  type RegistryApi,
  type StatsSample,
  type TopResult,
} from '../api';
import type { DockerCtx } from '../context';
import type { ContainerRec, DockerEvent, LocalImage, NetworkRec } from '../types';
import type { DockerWorld } from '../world';
import { createContainer, removeContainer, renameContainer } from './containers';
import { execProblem, execProblemExitCode, handledSignalExit, isImageDirectory } from './process';
import { connectContainer, disconnectContainer } from './connect';
import { etcHosts, resolvConf } from './etc-files';
import { linkEnv } from './link-env';
import { findLocalImage, pullImage, removeImage } from './image-store';
import { findRegistryImage, imageById, IMAGES, parseImageRef, registryTags } from './images';
import { containerJson, imageJson, networkJson } from './inspect';
import { finishContainer, killContainer, pauseContainer, startContainer, stopContainer, unpauseContainer } from './lifecycle';
import { containerEvent, eventLog } from './events';
import { findContainer, findNetwork, isRunning, noSuchContainer } from './lookup';
import { createNetwork, removeNetwork } from './networks';
import { allocatePid, containerProcesses, containerStats, containerTop, hostProcesses } from './processes';
import { containerSizeRw, diskUsage, pruneContainers, pruneImages, pruneNetworks } from './prune';
import { ContainerRuntime } from './runtime';
import { resolveUser } from './users';

const REGISTRY: RegistryApi = {
  parse: parseImageRef,
  find: findRegistryImage,
  tags: registryTags,
  all: () => IMAGES,
  byId: imageById,
};

/** One host's daemon: the Engine API over the host's state, with its container runtime. */
export class Daemon implements DaemonApi {
  readonly registry = REGISTRY;
  /** The host's state as every operation sees it (the Engine adds the swarm's provider). */
  protected readonly ctx: DockerCtx;
  private readonly runtime: ContainerRuntime;

  constructor(
    world: DockerWorld,
    readonly hostName: string,
    private readonly sched: Scheduler,
    processes: ProcessHost,
  ) {
    const ctx: DockerCtx = { world, host: world.hosts[hostName]! };
    this.runtime = new ContainerRuntime(ctx, sched, processes);
    ctx.hooks = this.runtime;
    this.ctx = ctx;
  }

  /** After a restore: running containers get their processes back. */
  resume(): void {
    this.runtime.resume();
  }

  now(): number {
    return this.ctx.world.clock;
  }

  settle(): Promise<void> {
    return this.sched.idle();
  }

  containers(): ContainerRec[] {
    return Object.values(this.ctx.host.docker.containers);
  }

  container(ref: string): DResult<ContainerRec> {
    const c = findContainer(this.ctx, ref);
    if (c === 'ambiguous') return err(`multiple IDs found with provided prefix: ${ref}`);
    return c ? ok(c) : err(noSuchContainer(ref));
  }

  containerCreate(spec: ContainerCreateSpec): DResult<ContainerRec> {
    return createContainer(this.ctx, spec);
  }

  containerStart(c: ContainerRec): DResult<null> {
    return startContainer(this.ctx, c);
  }

  containerStop(c: ContainerRec, timeoutSec = 10, signal?: string): DResult<null> {
    return stopContainer(this.ctx, c, timeoutSec, signal);
  }

  containerRestart(c: ContainerRec, timeoutSec = 10, signal?: string): DResult<null> {
    const stopped = stopContainer(this.ctx, c, timeoutSec, signal);
    if (!stopped.ok) return stopped;
    const started = startContainer(this.ctx, c);
    if (started.ok) containerEvent(this.ctx, c, 'restart');
    return started;
  }

  containerKill(c: ContainerRec, signal: string): DResult<null> {
    // Servers shut down cleanly on the signals they handle (nginx: INT, TERM, QUIT...).
    const code = handledSignalExit(c.process, signal);
    if (code !== null && isRunning(c)) {
      const n = /^\d+$/.test(signal) ? signal : String({ INT: 2, QUIT: 3, TERM: 15, WINCH: 28 }[signal.toUpperCase().replace(/^SIG/, '') as 'INT' | 'QUIT' | 'TERM' | 'WINCH'] ?? signal);
      containerEvent(this.ctx, c, 'kill', { signal: n });
      this.containerExited(c, code);
      return ok(null);
    }
    return killContainer(this.ctx, c, signal);
  }

  containerRemove(c: ContainerRec, force: boolean): DResult<null> {
    return removeContainer(this.ctx, c, force);
  }

  containerRename(c: ContainerRec, name: string): DResult<null> {
    return renameContainer(this.ctx, c, name);
  }

  containerPause(c: ContainerRec): DResult<null> {
    return pauseContainer(this.ctx, c);
  }

  containerUnpause(c: ContainerRec): DResult<null> {
    return unpauseContainer(this.ctx, c);
  }

  containerAttach(c: ContainerRec, io: AttachIO): AttachHandle {
    return this.runtime.attach(c, io);
  }

  containerFollow(c: ContainerRec, io: AttachIO): AttachHandle {
    return this.runtime.attach(c, io, false);
  }

  containerWait(c: ContainerRec): Promise<number> {
    return this.runtime.wait(c);
  }

  execStart(c: ContainerRec, argv: string[]): ExecHandle {
    return this.runtime.execStart(c, argv);
  }

  execDetached(c: ContainerRec, argv: string[]): void {
    this.runtime.execDetached(c, argv);
  }

  containerLogs(c: ContainerRec): LogLine[] {
    const times = Array.isArray(c.logTimes) && c.logTimes.length === c.logs.length ? c.logTimes : null;
    const out: LogLine[] = [];
    let prev = -1;
    let nano = 0;
    c.logs.forEach((text, i) => {
      const time = times?.[i] ?? c.startedAt ?? c.created;
      // Lines written in one millisecond still get distinct, increasing timestamps.
      nano = time === prev ? Math.min(999_999, nano + 41_117) : (i * 7919 + 104_729) % 500_000;
      prev = time;
      out.push({ text, time, nano });
    });
    return out;
  }

  containerTop(c: ContainerRec, psArgs: string[]): DResult<TopResult> {
    const r = containerTop(this.ctx, c, this.runtime.execProcesses(c), psArgs);
    if (r.ok) containerEvent(this.ctx, c, 'top');
    return r;
  }

  containerStats(c: ContainerRec): StatsSample {
    return containerStats(this.ctx, c, this.runtime.execProcesses(c), { rx: 0, tx: 0 });
  }

  containerPrune(filters?: PruneFilters): DResult<PruneReport> {
    return pruneContainers(this.ctx, filters);
  }

  containerSizeRw(c: ContainerRec): number {
    return containerSizeRw(c);
  }

  containerUser(c: ContainerRec, spec: string): ExecUser | string {
    return resolveUser(imageById(c.imageId), spec);
  }

  containerExited(c: ContainerRec, exitCode: number): void {
    finishContainer(this.ctx, c, exitCode);
  }

  execCheck(c: ContainerRec, program: string, opts: { user?: string; workdir?: string } = {}): DResult<null> & { notFound?: boolean; exitCode?: number } {
    if (c.status === 'paused') return err(`Container ${c.id} is paused, unpause the container before exec`);
    if (!isRunning(c)) return err(`container ${c.id} is not running`);
    const image = imageById(c.imageId);
    // What fails once the exec starts is written to the client's stream (moby api/server/router/container/exec.go:147-152).
    if (opts.user) {
      const u = resolveUser(image, opts.user);
      if (typeof u === 'string') return { ...err(u), notFound: true, exitCode: 126 };
    }
    if (opts.workdir && !isImageDirectory(image, c, opts.workdir)) {
      return { ...err(`OCI runtime exec failed: exec failed: unable to start container process: chdir to cwd ("${opts.workdir}") set in config.json failed: no such file or directory: unknown`), notFound: true, exitCode: 127 };
    }
    const problem = execProblem(image, program);
    if (problem) {
      return { ...err(`OCI runtime exec failed: exec failed: unable to start container process: exec: "${program}": ${problem}: unknown`), notFound: true, exitCode: execProblemExitCode(problem) };
    }
    return ok(null);
  }

  containerInspect(c: ContainerRec): Record<string, unknown> {
    return containerJson(this.ctx, c);
  }

  containerLinkEnv(c: ContainerRec): string[] {
    return linkEnv(this.ctx, c);
  }

  containerProcesses(c: ContainerRec): ProcessRow[] {
    return containerProcesses(this.ctx, c, this.runtime.execProcesses(c));
  }

  hostProcesses(): ProcessRow[] {
    return hostProcesses(this.ctx);
  }

  allocatePid(c: ContainerRec): number {
    return allocatePid(c);
  }

  containerFile(c: ContainerRec, path: string): string | null {
    if (path === '/etc/hosts') return etcHosts(this.ctx, c);
    if (path === '/etc/resolv.conf') return resolvConf(this.ctx, c);
    if (path === '/etc/hostname') return `${c.config.hostname}\n`;
    const image = imageById(c.imageId);
    if (path === '/etc/os-release') return image?.osRelease || null;
    return image && Object.hasOwn(image.files, path) ? image.files[path]! : null;
  }

  networks(): NetworkRec[] {
    return Object.values(this.ctx.host.docker.networks);
  }

  network(ref: string): DResult<NetworkRec> {
    const n = findNetwork(this.ctx, ref);
    return 'net' in n ? ok(n.net) : err(n.error);
  }

  networkToConnect(ref: string): DResult<NetworkRec> {
    const n = findNetwork(this.ctx, ref);
    if ('net' in n) return ok(n.net);
    const remote = n.error.endsWith('not found') ? this.ctx.cluster?.findNetwork(ref) : null;
    return remote ? ok(remote) : err(n.error);
  }

  networkById(id: string): NetworkRec | undefined {
    return Object.hasOwn(this.ctx.host.docker.networks, id) ? this.ctx.host.docker.networks[id] : undefined;
  }

  networkCreate(spec: NetworkCreateSpec): DResult<NetworkRec> {
    return createNetwork(this.ctx, spec);
  }

  networkRemove(net: NetworkRec): DResult<null> {
    return removeNetwork(this.ctx, net);
  }

  networkConnect(net: NetworkRec, c: ContainerRec, spec: ConnectSpec): DResult<null> {
    return connectContainer(this.ctx, net, c, spec);
  }

  networkDisconnect(net: NetworkRec, c: ContainerRec): DResult<null> {
    return disconnectContainer(this.ctx, net, c);
  }

  networkPrune(filters?: PruneFilters): DResult<string[]> {
    return pruneNetworks(this.ctx, filters);
  }

  networkInspect(net: NetworkRec): Record<string, unknown> {
    return networkJson(this.ctx, net);
  }

  images(): LocalImage[] {
    return Object.values(this.ctx.host.docker.images);
  }

  image(ref: string): LocalImage | undefined {
    return findLocalImage(this.ctx, ref);
  }

  imagePull(ref: string, progress: (text: string) => void): PullResult {
    return pullImage(this.ctx, ref, progress);
  }

  imageRemove(ref: string, force: boolean): DResult<string[]> {
    return removeImage(this.ctx, ref, force);
  }

  imageInspect(img: LocalImage): Record<string, unknown> {
    return imageJson(this.ctx, img);
  }

  imagePrune(all: boolean, filters?: PruneFilters): DResult<PruneReport> {
    return pruneImages(this.ctx, all, filters);
  }

  events(): readonly DockerEvent[] {
    return eventLog(this.ctx);
  }

  diskUsage(): DiskUsage {
    return diskUsage(this.ctx);
  }

  info(): { daemonId: string; containers: number; running: number; paused: number; stopped: number; images: number } {
    const cs = this.containers();
    return {
      daemonId: uuidOf(this.ctx.host.docker.daemonId),
      containers: cs.length,
      running: cs.filter((c) => c.status === 'running').length,
      paused: cs.filter((c) => c.status === 'paused').length,
      stopped: cs.filter((c) => !isRunning(c)).length,
      images: Object.keys(this.ctx.host.docker.images).length,
    };
  }
}

/**
 * The daemon ID as Docker 23+ prints it: a v4 UUID (moby@v28.5.2 daemon/id.go: uuid.New()),
 * made from the host's stored random hex so it stays the same for the life of the lab.
 */
export function uuidOf(hex: string): string {
  const h = hex.replace(/[^0-9a-f]/g, '').padEnd(32, '0').slice(0, 32).split('');
  h[12] = '4';
  h[16] = '89ab'[parseInt(h[16]!, 16) % 4]!;
  const s = h.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20, 32)}`;
}
