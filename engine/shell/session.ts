import type { Completion, RunIO, RunResult, Session, Stream } from '../api';
import { isRunning } from '../docker/daemon/lookup';
import { completeLine } from './complete';
import { execLine } from './exec';
import { needsMoreInput } from './interp/index';
import { dict, own } from '../util/own';
import type { ExecContext, Runtime, SessionControl } from './types';

/** Lines kept in a session's history, and the longest line kept (the tty's own line limit, N_TTY_BUF_SIZE). */
const HISTORY_LIMIT = 1000;
export const HISTORY_LINE_LIMIT = 4096;
/** The most output one run() keeps in RunResult.output: the newest part (onOutput sees it all). */
export const RUN_OUTPUT_LIMIT = 1 << 20;

/** A terminal session: a stack of contexts (host, ssh hops, container shells), history and $?. */
export class ShellSession implements Session {
  readonly id: string;
  private stack: ExecContext[];
  private lines: string[] = [];
  private lastExit = 0;
  private clearRequested = false;

  constructor(
    id: string,
    host: string,
    kind: 'host' | 'machine',
    private readonly rt: Runtime,
    private readonly hooks: { beforeLine(): Promise<void>; afterLine(): string | null; output(sessionId: string, chunk: string, stream: Stream): void },
  ) {
    this.id = id;
    this.stack = [{ kind, host, containerId: null, endsContainer: false, shell: 'bash', vars: dict() }];
  }

  private top(): ExecContext {
    return this.stack[this.stack.length - 1]!;
  }

  /** Drops container shells whose container has stopped meanwhile (from another session, or on its own). */
  private settle(): void {
    while (this.stack.length > 1) {
      const t = this.top();
      if (t.kind !== 'container') break;
      const c = this.rt.world.hosts[t.host]?.docker.containers[t.containerId!];
      if (c && isRunning(c)) break;
      this.stack.pop();
    }
  }

  prompt(): string {
    this.settle();
    const t = this.top();
    const home = (dir: string) => (dir === '/root' ? '~' : dir.startsWith('/root/') ? `~${dir.slice(5)}` : dir);
    if (t.kind !== 'container') return `root@${t.host}:${home(t.cwd ?? '/root')}# `;
    const c = this.rt.world.hosts[t.host]?.docker.containers[t.containerId!];
    const hostname = c?.config.hostname ?? '';
    const cwd = t.cwd ?? c?.config.workingDir ?? '/';
    if (t.shell === 'busybox') return `${home(cwd)} # `;
    if (t.shell === 'dash') return '# ';
    if (t.shell === 'zsh') return `${hostname}:${home(cwd)}# `;
    return `root@${hostname}:${home(cwd)}# `;
  }

  host(): string {
    return this.top().host;
  }

  container(): string | null {
    this.settle();
    const t = this.top();
    if (t.kind !== 'container') return null;
    return this.rt.world.hosts[t.host]?.docker.containers[t.containerId!]?.name ?? null;
  }

  history(): readonly string[] {
    return this.lines;
  }

  place(): unknown {
    this.settle();
    return { version: 1, stack: JSON.parse(JSON.stringify(this.stack)) as unknown };
  }

  /**
   * Reopens a saved place: each level must still exist (a host of this lab, a running container)
   * and the first must be where this session starts; a level that no longer exists ends the climb.
   */
  restorePlace(place: unknown): void {
    if (typeof place !== 'object' || place === null) return;
    const stack = (place as { version?: unknown; stack?: unknown }).stack;
    if ((place as { version?: unknown }).version !== 1 || !Array.isArray(stack) || stack.length === 0) return;
    const base = this.stack[0]!;
    const first = stack[0] as Partial<ExecContext> | undefined;
    if (!first || first.kind !== base.kind || first.host !== base.host) return;
    const restored: ExecContext[] = [];
    for (const raw of stack) {
      const ctx = this.validContext(raw);
      if (!ctx) break;
      restored.push(ctx);
    }
    if (restored.length > 0) this.stack = restored;
  }

  private validContext(raw: unknown): ExecContext | null {
    if (typeof raw !== 'object' || raw === null) return null;
    const c = raw as Record<string, unknown>;
    const w = this.rt.world;
    if (c['kind'] !== 'host' && c['kind'] !== 'machine' && c['kind'] !== 'container') return null;
    if (typeof c['host'] !== 'string') return null;
    if (!['bash', 'busybox', 'zsh', 'dash'].includes(String(c['shell']))) return null;
    const vars = typeof c['vars'] === 'object' && c['vars'] !== null ? (c['vars'] as Record<string, unknown>) : {};
    const ctx: ExecContext = {
      kind: c['kind'],
      host: c['host'],
      containerId: typeof c['containerId'] === 'string' ? c['containerId'] : null,
      endsContainer: c['endsContainer'] === true,
      shell: c['shell'] as ExecContext['shell'],
      vars: dict(Object.entries(vars).filter((e): e is [string, string] => typeof e[1] === 'string')),
      ...(Array.isArray(c['exported']) ? { exported: (c['exported'] as unknown[]).filter((n): n is string => typeof n === 'string') } : {}),
      ...(typeof c['cwd'] === 'string' ? { cwd: c['cwd'] } : {}),
    };
    if (ctx.kind === 'machine') return own(w.machines, ctx.host) ? ctx : null;
    const host = own(w.hosts, ctx.host);
    if (!host) return null;
    if (ctx.kind === 'host') return ctx;
    const ctr = ctx.containerId ? own(host.docker.containers, ctx.containerId) : undefined;
    return ctr && isRunning(ctr) ? ctx : null;
  }

  detach(): string | null {
    this.settle();
    if (this.top().kind !== 'container') return null;
    // Leaving with the detach keys keeps the container (and an exec'd shell) running.
    this.stack.pop();
    return 'read escape sequence\n';
  }

  seedHistory(lines: readonly string[]): void {
    this.lines = lines.filter((l) => typeof l === 'string' && l.trim() !== '' && l.length <= HISTORY_LINE_LIMIT).slice(-HISTORY_LIMIT);
  }

  complete(line: string, cursor = line.length): Completion {
    this.settle();
    return completeLine(this.rt, this.top(), line, cursor);
  }

  private controlCache: SessionControl | null = null;

  /** What programs get to move the session (one object: the shell's host is kept per session). */
  private control(): SessionControl {
    this.controlCache ??= this.makeControl();
    return this.controlCache;
  }

  private makeControl(): SessionControl {
    return {
      push: (ctx) => {
        this.stack.push(ctx);
      },
      pop: (exitCode = 0) => {
        if (this.stack.length <= 1) return null;
        const ctx = this.stack.pop()!;
        if (ctx.kind === 'container' && ctx.endsContainer && ctx.containerId) {
          const daemon = this.rt.daemon(ctx.host);
          const c = daemon?.container(ctx.containerId);
          if (daemon && c?.ok) {
            daemon.containerExited(c.value, exitCode);
            this.rt.changed();
          }
        }
        return ctx;
      },
      depth: () => this.stack.length,
      history: () => this.lines,
      requestClear: () => {
        this.clearRequested = true;
      },
    };
  }

  async run(line: string, io: RunIO = {}): Promise<RunResult> {
    this.settle();
    const trimmed = line.trim();
    if (io.continuation && trimmed) {
      // Only syntax is looked at: incomplete input touches nothing (history, clock, $?).
      if (needsMoreInput(line, this.top().shell)) return { exitCode: this.lastExit, output: '', clear: false, incomplete: true };
    }
    await this.hooks.beforeLine();
    this.settle();
    this.clearRequested = false;
    if (trimmed && !line.startsWith(' ') && line.length <= HISTORY_LINE_LIMIT) this.lines.push(trimmed);
    if (this.lines.length > HISTORY_LIMIT) this.lines.splice(0, this.lines.length - HISTORY_LIMIT);
    let output = '';
    const emit = (stream: Stream) => (chunk: string) => {
      if (!chunk) return;
      output += chunk;
      // Keep the newest part: an endless `while :; do echo; done` must not grow the result without bound.
      if (output.length > RUN_OUTPUT_LIMIT * 2) output = output.slice(-RUN_OUTPUT_LIMIT);
      io.onOutput?.(chunk, stream);
      this.hooks.output(this.id, chunk, stream);
    };
    let exitCode: number;
    try {
      exitCode = trimmed ? await this.runLine(line, emit, io) : this.lastExit;
    } catch (e) {
      // The interpreter catches program errors; this is the last line of defence for the terminal.
      emit('stderr')(`sim: internal error: ${e instanceof Error ? e.message : String(e)}\n`);
      exitCode = 70;
    }
    this.lastExit = exitCode;
    const note = this.hooks.afterLine();
    if (note) emit('stderr')(note);
    if (output.length > RUN_OUTPUT_LIMIT) output = output.slice(-RUN_OUTPUT_LIMIT);
    return { exitCode, output, clear: this.clearRequested };
  }


  private async runLine(line: string, emit: (stream: Stream) => (chunk: string) => void, io: RunIO): Promise<number> {
    const ctx = this.top();
    const err = emit('stderr');
    const r = await execLine({ rt: this.rt, session: this.control(), lastExit: this.lastExit }, ctx, line, { out: emit('stdout'), err, tty: true, signal: io.signal, readLine: io.readLine });
    if (r.kind !== 'exit') return r.kind === 'done' ? r.status : this.lastExit;
    // `exit` ended this terminal's shell: leave the container or ssh hop (the login shell stays).
    if (this.stack.length <= 1) {
      err(`sim: this is the lab's login shell on ${ctx.host}; there is nothing to exit to.\n`);
      return 1;
    }
    if (this.top() !== ctx) return r.status;
    this.control().pop(r.status);
    if (ctx.kind === 'host' || ctx.kind === 'machine') emit('stdout')(`logout\nConnection to ${ctx.host} closed.\n`);
    else if (ctx.shell === 'bash' || ctx.shell === 'zsh') emit('stdout')('exit\n');
    return r.status;
  }
}
