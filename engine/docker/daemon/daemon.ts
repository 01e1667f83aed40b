import type { Scheduler } from '../../kernel/scheduler';
import {
  err,
  ok,
  type AttachHandle,
  type AttachIO,
  type ConnectSpec,
  type ContainerCreateSpec,
  type DaemonApi,
  type DResult,
  type NetworkCreateSpec,
  type ProcessHost,
  type ProcessRow,
  type PullResult,
  type RegistryApi,
} from '../api';
import type { DockerCtx } from '../context';
import type { ContainerRec, LocalImage, NetworkRec } from '../types';
import type { DockerWorld } from '../world';
import { createContainer, removeContainer, renameContainer } from './containers';
import { handledSignalExit, imageHasProgram } from './process';
import { connectContainer, disconnectContainer } from './endpoints';
import { etcHosts, resolvConf } from './etc-files';
import { linkEnv } from './link-env';
import { findLocalImage, pullImage, removeImage } from './image-store';
import { findRegistryImage, imageById, IMAGES, parseImageRef, registryTags } from './images';
import { containerJson, imageJson, networkJson } from './inspect';
import { finishContainer, killContainer, pauseContainer, startContainer, stopContainer, unpauseContainer } from './lifecycle';
import { findContainer, findNetwork, isRunning, noSuchContainer } from './lookup';
import { createNetwork, removeNetwork } from './networks';
import { allocatePid, containerProcesses, hostProcesses } from './processes';
import { ContainerRuntime } from './runtime';

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
  private readonly ctx: DockerCtx;
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

  containerStop(c: ContainerRec, timeoutSec = 10): void {
    stopContainer(this.ctx, c, timeoutSec);
  }

  containerRestart(c: ContainerRec, timeoutSec = 10): DResult<null> {
    stopContainer(this.ctx, c, timeoutSec);
    return startContainer(this.ctx, c);
  }

  containerKill(c: ContainerRec, signal: string): DResult<null> {
    // Servers shut down cleanly on the signals they handle (nginx: INT, TERM, QUIT...).
    const code = handledSignalExit(c.process, signal);
    if (code !== null) {
      if (!isRunning(c)) return killContainer(this.ctx, c, signal);
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

  execDetached(c: ContainerRec, argv: string[]): void {
    this.runtime.execDetached(c, argv);
  }

  containerLogs(c: ContainerRec): string[] {
    return c.logs;
  }

  containerExited(c: ContainerRec, exitCode: number): void {
    finishContainer(this.ctx, c, exitCode);
  }

  execCheck(c: ContainerRec, program: string): DResult<null> & { notFound?: boolean } {
    if (c.status === 'paused') return err(`Container ${c.id} is paused, unpause the container before exec`);
    if (!isRunning(c)) return err(`container ${c.id} is not running`);
    if (!imageHasProgram(imageById(c.imageId), program)) {
      return { ...err(`OCI runtime exec failed: exec failed: unable to start container process: exec: "${program}": executable file not found in $PATH: unknown`), notFound: true };
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
    return containerProcesses(this.ctx, c);
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

  networkPrune(): string[] {
    const used = (n: NetworkRec) => this.containers().some((c) => isRunning(c) && c.endpoints.some((e) => e.networkId === n.id && e.live));
    const deleted: string[] = [];
    for (const n of this.networks().sort((a, b) => a.created - b.created)) {
      if (n.predefined || used(n)) continue;
      if (removeNetwork(this.ctx, n).ok) deleted.push(n.name);
    }
    return deleted;
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

  info(): { daemonId: string; containers: number; running: number; paused: number; stopped: number; images: number } {
    const cs = this.containers();
    return {
      daemonId: this.ctx.host.docker.daemonId,
      containers: cs.length,
      running: cs.filter((c) => c.status === 'running').length,
      paused: cs.filter((c) => c.status === 'paused').length,
      stopped: cs.filter((c) => !isRunning(c)).length,
      images: Object.keys(this.ctx.host.docker.images).length,
    };
  }
}
