import type { Completion, RunIO, RunResult, Session, Stream } from '../api';
import { isRunning } from '../docker/daemon/lookup';
import { completeLine } from './complete';
import { execLine } from './exec';
import type { ExecContext, Runtime, SessionControl } from './types';

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
    this.stack = [{ kind, host, containerId: null, endsContainer: false, shell: 'bash', vars: {} }];
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
      vars: Object.fromEntries(Object.entries(vars).filter(([, v]) => typeof v === 'string')) as Record<string, string>,
      ...(typeof c['cwd'] === 'string' ? { cwd: c['cwd'] } : {}),
    };
    if (ctx.kind === 'machine') return w.machines[ctx.host] ? ctx : null;
    const host = w.hosts[ctx.host];
    if (!host) return null;
    if (ctx.kind === 'host') return ctx;
    const ctr = ctx.containerId ? host.docker.containers[ctx.containerId] : undefined;
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
    this.lines = lines.filter((l) => typeof l === 'string' && l.trim() !== '').slice(-1000);
  }

  complete(line: string, cursor = line.length): Completion {
    this.settle();
    return completeLine(this.rt, this.top(), line, cursor);
  }

  private control(): SessionControl {
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
    await this.hooks.beforeLine();
    this.settle();
    this.clearRequested = false;
    const trimmed = line.trim();
    if (trimmed && !line.startsWith(' ')) this.lines.push(trimmed);
    if (this.lines.length > 1000) this.lines.splice(0, this.lines.length - 1000);
    let output = '';
    const emit = (stream: Stream) => (chunk: string) => {
      if (!chunk) return;
      output += chunk;
      io.onOutput?.(chunk, stream);
      this.hooks.output(this.id, chunk, stream);
    };
    let exitCode: number;
    try {
      exitCode = trimmed
        ? await execLine({ rt: this.rt, session: this.control(), lastExit: this.lastExit }, this.top(), trimmed, {
            out: emit('stdout'),
            err: emit('stderr'),
            tty: true,
            signal: io.signal,
            readLine: io.readLine,
          })
        : this.lastExit;
    } catch (e) {
      // The interpreter catches program errors; this is the last line of defence for the terminal.
      emit('stderr')(`sim: internal error: ${e instanceof Error ? e.message : String(e)}\n`);
      exitCode = 70;
    }
    this.lastExit = exitCode;
    const note = this.hooks.afterLine();
    if (note) emit('stderr')(note);
    return { exitCode, output, clear: this.clearRequested };
  }
}
