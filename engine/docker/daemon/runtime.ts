import { Cancel } from '../../util/signal';
import type { Scheduler } from '../../kernel/scheduler';
import type { AttachHandle, AttachIO, ExecHandle, ProcessHost } from '../api';
import type { DockerCtx, LifecycleHooks } from '../context';
import type { ContainerRec } from '../types';
import type { LogLine } from '../../apps/servers/types';
import { appendLog, watchServerLogs } from './app-env';
import { containerEvent } from './events';
import { hexDigest } from './layers';
import { allocatePid, type ExecProcess } from './processes';

export type { ExecProcess } from './processes';
import { imageById } from './images';
import { finishContainer, startContainer } from './lifecycle';
import { isRunning } from './lookup';
import { mainArgv, programArgv } from './process';
import { moduleOf, serverFor, serverStartLog } from './servers';

interface Attacher {
  io: AttachIO;
  settle: (result: number | 'detached') => void;
}

/** A process started by `docker exec`, while it runs (`docker top`, `docker stats` count it). */

/**
 * The container runtime of one daemon (containerd + runc, in Docker): it runs each container's
 * main process on lab time, feeds its output to the logs and to attached clients, ends the
 * container when the process exits, and carries out restart policies after their back-off.
 * Nothing here needs a CLI: `docker run`, a restart policy or a swarm task start containers alike.
 */
export class ContainerRuntime implements LifecycleHooks {
  private readonly procs = new Map<string, Cancel>();
  private readonly attached = new Map<string, Set<Attacher>>();
  private readonly waiters = new Map<string, Set<(code: number) => void>>();
  private readonly execs = new Map<string, Map<string, ExecProcess>>();

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
    // Exec'd processes die with the container (their namespace goes).
    this.execs.delete(c.id);
    const list = this.attached.get(c.id);
    this.attached.delete(c.id);
    for (const a of list ?? []) a.settle(c.exitCode);
    const waiting = this.waiters.get(c.id);
    this.waiters.delete(c.id);
    for (const w of waiting ?? []) w(c.exitCode);
    if (c.status === 'restarting') this.scheduleRestart(c);
  }

  /** `docker wait`: the exit code once the container is not running. */
  wait(c: ContainerRec): Promise<number> {
    if (!isRunning(c)) return Promise.resolve(c.exitCode);
    return new Promise((resolve) => {
      let set = this.waiters.get(c.id);
      if (!set) this.waiters.set(c.id, (set = new Set()));
      set.add(resolve);
    });
  }

  /** The exec'd processes running in the container. */
  execProcesses(c: ContainerRec): ExecProcess[] {
    return [...(this.execs.get(c.id)?.values() ?? [])];
  }

  /** Registers an exec instance (events exec_create and exec_start); `exited` ends it (exec_die). */
  execStart(c: ContainerRec, argv: string[]): ExecHandle {
    const d = this.ctx.host.docker;
    const pid = d.nextPid++;
    // Exec ids do not come from the world's random stream, so an exec changes no later id.
    const id = hexDigest(`${c.id}/exec/${pid}`);
    const proc: ExecProcess = { id, pid, nsPid: allocatePid(c), argv, start: this.sched.now() };
    let table = this.execs.get(c.id);
    if (!table) this.execs.set(c.id, (table = new Map()));
    table.set(id, proc);
    // moby@v28.5.2 daemon/exec.go:152,187: the action names the command ("exec_create: id ").
    const what = `${argv[0] ?? ''} ${argv.slice(1).join(' ')}`;
    containerEvent(this.ctx, c, `exec_create: ${what}`, { execID: id });
    containerEvent(this.ctx, c, `exec_start: ${what}`, { execID: id });
    let done = false;
    return {
      id,
      exited: (code: number) => {
        if (done) return;
        done = true;
        this.execs.get(c.id)?.delete(id);
        if (this.ctx.host.docker.containers[c.id] === c) containerEvent(this.ctx, c, 'exec_die', { execID: id, exitCode: String(code) });
      },
    };
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
      appendLog(c, text, this.sched.now());
      for (const a of this.attached.get(c.id) ?? []) a.io[stream](`${text}\n`);
    }
  }

  /** Runs argv in the container; the main process ends the container when it exits. */
  private spawn(c: ContainerRec, argv: string[], main: boolean): void {
    const ctl = new Cancel();
    if (main) this.procs.set(c.id, ctl);
    const exec = main ? null : this.execStart(c, argv);
    const sink = (stream: 'out' | 'err') => (text: string) => {
      if (!main || ctl.signal.aborted) return;
      for (const line of text.replace(/\n$/, '').split('\n')) appendLog(c, line, this.sched.now());
      for (const a of this.attached.get(c.id) ?? []) a.io[stream](text);
    };
    this.sched.spawn(async () => {
      const code = await this.host.run(this.ctx.host.name, c, argv, {
        out: sink('out'),
        err: sink('err'),
        signal: ctl.signal,
        sleep: (ms, signal) => this.sched.sleep(ms, signal ?? ctl.signal),
      });
      exec?.exited(code);
      if (!main || ctl.signal.aborted || this.procs.get(c.id) !== ctl) return;
      this.procs.delete(c.id);
      if (isRunning(c)) finishContainer(this.ctx, c, code);
    });
  }

  /** An attached client; `event` logs "container attach" (a `docker logs -f` follower does not). */
  attach(c: ContainerRec, io: AttachIO, event = true): AttachHandle {
    if (event) containerEvent(this.ctx, c, 'attach');
    let settle: (r: number | 'detached') => void = () => undefined;
    const done = new Promise<number | 'detached'>((resolve) => (settle = resolve));
    // Servers (nginx's access log) write through the apps' log, not the process's stdout.
    const unwatch = watchServerLogs(this.ctx.world, c.id, (line) => io.out(`${line}\n`));
    const me: Attacher = {
      io,
      settle: (r) => {
        unwatch();
        settle(r);
      },
    };
    let list = this.attached.get(c.id);
    if (!list) this.attached.set(c.id, (list = new Set()));
    list.add(me);
    return {
      done,
      close: () => {
        this.attached.get(c.id)?.delete(me);
        me.settle('detached');
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
