import type { Scheduler } from '../../kernel/scheduler';
import type { AttachHandle, AttachIO, ProcessHost } from '../api';
import type { DockerCtx, LifecycleHooks } from '../context';
import type { ContainerRec } from '../types';
import type { LogLine } from '../../apps/servers/types';
import { appendLog } from './app-env';
import { imageById } from './images';
import { finishContainer, startContainer } from './lifecycle';
import { isRunning } from './lookup';
import { mainArgv, programArgv } from './process';
import { moduleOf, serverFor, serverStartLog } from './servers';

interface Attacher {
  io: AttachIO;
  settle: (result: number | 'detached') => void;
}

/**
 * The container runtime of one daemon (containerd + runc, in Docker): it runs each container's
 * main process on lab time, feeds its output to the logs and to attached clients, ends the
 * container when the process exits, and carries out restart policies after their back-off.
 * Nothing here needs a CLI: `docker run`, a restart policy or a swarm task start containers alike.
 */
export class ContainerRuntime implements LifecycleHooks {
  private readonly procs = new Map<string, AbortController>();
  private readonly attached = new Map<string, Set<Attacher>>();

  constructor(
    private readonly ctx: DockerCtx,
    private readonly sched: Scheduler,
    private readonly host: ProcessHost,
  ) {}

  started(c: ContainerRec): void {
    this.launch(c);
  }

  exited(c: ContainerRec): void {
    this.procs.get(c.id)?.abort();
    this.procs.delete(c.id);
    const list = this.attached.get(c.id);
    this.attached.delete(c.id);
    for (const a of list ?? []) a.settle(c.exitCode);
    if (c.status === 'restarting') this.scheduleRestart(c);
  }

  private launch(c: ContainerRec, resumed = false): void {
    const proc = c.process;
    const image = imageById(c.imageId);
    const argv = mainArgv(c, image);
    const args = programArgv(argv);
    const server = serverFor(image, args);
    // A server resumed after a restore is the same process as before: it does not greet again.
    if (server && !resumed && (proc.kind === 'daemon' || proc.kind === 'failed')) this.emit(c, serverStartLog(this.ctx, c, server, args));
    if (proc.kind === 'failed') {
      this.sched.spawn(async () => {
        await Promise.resolve();
        if (isRunning(c)) finishContainer(this.ctx, c, proc.exitCode);
      });
      return;
    }
    if (proc.kind !== 'script') return;
    // The image's entrypoint script may speak before it execs the command (nginx's always does for `nginx ...`).
    const entry = image?.server && args !== argv && !resumed ? moduleOf(image.server.app)?.entrypointLog?.(args) : undefined;
    if (entry?.length) this.emit(c, entry);
    this.spawn(c, args, true);
  }

  /** Output of the main process: into the logs and to every attached client. */
  private emit(c: ContainerRec, lines: LogLine[]): void {
    for (const { stream, text } of lines) {
      appendLog(c, text);
      for (const a of this.attached.get(c.id) ?? []) a.io[stream](`${text}\n`);
    }
  }

  /** Runs argv in the container; the main process ends the container when it exits. */
  private spawn(c: ContainerRec, argv: string[], main: boolean): void {
    const ctl = new AbortController();
    if (main) this.procs.set(c.id, ctl);
    const sink = (stream: 'out' | 'err') => (text: string) => {
      if (!main || ctl.signal.aborted) return;
      for (const line of text.replace(/\n$/, '').split('\n')) appendLog(c, line);
      for (const a of this.attached.get(c.id) ?? []) a.io[stream](text);
    };
    this.sched.spawn(async () => {
      const code = await this.host.run(this.ctx.host.name, c, argv, {
        out: sink('out'),
        err: sink('err'),
        signal: ctl.signal,
        sleep: (ms, signal) => this.sched.sleep(ms, signal ?? ctl.signal),
      });
      if (!main || ctl.signal.aborted || this.procs.get(c.id) !== ctl) return;
      this.procs.delete(c.id);
      if (isRunning(c)) finishContainer(this.ctx, c, code);
    });
  }

  attach(c: ContainerRec, io: AttachIO): AttachHandle {
    let settle: (r: number | 'detached') => void = () => undefined;
    const done = new Promise<number | 'detached'>((resolve) => (settle = resolve));
    const me: Attacher = { io, settle };
    let list = this.attached.get(c.id);
    if (!list) this.attached.set(c.id, (list = new Set()));
    list.add(me);
    return {
      done,
      close: () => {
        this.attached.get(c.id)?.delete(me);
        settle('detached');
      },
    };
  }

  execDetached(c: ContainerRec, argv: string[]): void {
    this.spawn(c, argv, false);
  }

  private scheduleRestart(c: ContainerRec): void {
    const at = c.restartAt ?? this.sched.now();
    this.sched.spawn(async () => {
      const fired = await this.sched.sleep(Math.max(0, at - this.sched.now()));
      if (!fired || c.status !== 'restarting' || c.restartAt !== at) return;
      if (this.ctx.host.docker.containers[c.id] !== c) return;
      c.status = 'exited';
      c.restartCount++;
      const r = startContainer(this.ctx, c);
      if (!r.ok) c.error = r.error;
    });
  }

  /** After a restore: processes do not survive a snapshot, so running scripts start again and restarts are re-planned. */
  resume(): void {
    for (const c of Object.values(this.ctx.host.docker.containers)) {
      if (c.status === 'restarting') this.scheduleRestart(c);
      else if (isRunning(c)) this.launch(c, true);
    }
  }
}
