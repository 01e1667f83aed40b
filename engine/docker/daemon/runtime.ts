import type { Scheduler } from '../../kernel/scheduler';
import type { AttachHandle, AttachIO, ProcessHost } from '../api';
import type { DockerCtx, LifecycleHooks } from '../context';
import type { ContainerRec } from '../types';
import { nginxBindFailure, nginxStartupLog } from '../../apps/nginx-log';
import { appendLog } from './app-env';
import { imageById } from './images';
import { finishContainer, startContainer } from './lifecycle';
import { isRunning } from './lookup';
import { mainArgv } from './process';

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
    const now = this.sched.now();
    // A server resumed after a restore is the same process as before: it does not greet again.
    if (proc.kind === 'daemon' && proc.app === 'nginx' && !resumed) this.emit(c, 'out', nginxStartupLog(now));
    if (proc.kind === 'failed') {
      // The only way a process fails at once today: nginx finds port 80 taken (host network).
      this.emit(c, 'err', nginxBindFailure(now));
      this.sched.spawn(async () => {
        await Promise.resolve();
        if (isRunning(c)) finishContainer(this.ctx, c, proc.exitCode);
      });
      return;
    }
    if (proc.kind !== 'script') return;
    const argv = mainArgv(c, imageById(c.imageId));
    const program = argv[0] === '/docker-entrypoint.sh' && argv.length > 1 ? argv.slice(1) : argv;
    this.spawn(c, program, true);
  }

  /** Output of the main process: into the logs and to every attached client. */
  private emit(c: ContainerRec, stream: 'out' | 'err', lines: string[]): void {
    for (const line of lines) appendLog(c, line);
    const text = lines.map((l) => `${l}\n`).join('');
    for (const a of this.attached.get(c.id) ?? []) a.io[stream](text);
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
