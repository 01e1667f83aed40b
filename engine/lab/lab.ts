import type { CommandFailure, ExplainRequest, Lab, LabEvent, LabOptions, LabSnapshot, PathExplanation, ProbeCommand, Session, SessionOptions, Stream, Topology } from '../api';
import { explainPath } from '../checker/explain-path';
import type { TerminalState } from '../checker/index';
import { dockerAppEnv } from '../docker/daemon/app-env';
import { Engine } from '../docker/swarm/engine';
import { syncDataPlane } from '../docker/swarm/dataplane';
import { reconcileAll, type SwarmHostAccess } from '../docker/swarm/orchestrator';
import { flushFirewalls } from '../docker/daemon/firewall';
import { onBeforeWalk } from '../kernel/deliver';
import { Scheduler } from '../kernel/scheduler';
import { PROGRAM_TABLE } from '../programs/registry';
import { ShellSession } from '../shell/session';
import type { Runtime } from '../shell/types';
import { createWorld } from '../world/build';
import { parseWorldSpec } from '../world/spec';
import { STATE_VERSION, type WorldState } from '../world/state';
import { macrotask } from '../util/macrotask';
import { backgroundRuntime, spawnOn } from './background';
import { shellProcessHost } from './process-host';
import { buildTopology } from './topology';
import { classify, errorOf } from './failures';
import { probeInLine } from './last-probe';
import { TrackedSession, type LineDone, type SessionRecord } from './tracked-session';
import type { Signal } from '../util/signal';

/** In instant pacing, a command that would run forever is interrupted after this much virtual time. */
const INSTANT_BUDGET_MS = 10 * 60 * 1000;
/** In instant pacing, how much wall time may pass between two real event-loop turns. */
const TURN_EVERY_MS = 8;
/** Every command line takes a moment of virtual time, so `Up N seconds` moves as a learner works. */
const TICK_PER_LINE_MS = 1000;
/** A client waiting on a container moves the clock by at most this much at a time. */
const WAIT_STEP_MS = 1000;
/** How often the swarm's control loop looks at tasks and nodes. */
const SWARM_TICK_MS = 1000;

export class LabImpl implements Lab {
  readonly hosts: readonly string[];
  readonly world: WorldState;
  private readonly listeners = new Set<(e: LabEvent) => void>();
  private sessionSeq = 0;
  private lastRevision: number;
  private lineStartClock = 0;
  /** Set when a line ran out of its virtual-time budget in instant pacing (a script cannot press Ctrl-C). */
  budgetHit = false;
  /** Wall time of the last real event-loop turn given in instant pacing (see sleep). */
  private lastTurn = 0;
  readonly rt: Runtime;
  readonly scheduler: Scheduler;
  private readonly daemons = new Map<string, Engine>();
  private readonly sessions = new Map<string, { shell: ShellSession; record: SessionRecord }>();
  /** Lines run in the lab so far, over all sessions (orders failures and terminals). */
  private lines = 0;
  /** The last probe (ping, curl, ...) typed in each session, with the line it ran on. */
  private readonly probes = new Map<string, { probe: ProbeCommand; line: number }>();

  /**
   * `swarmTurns`: how many seconds the swarm's control loop runs for. A lab runs it as long as lab
   * time passes; restore's trial run on a throwaway copy gives it one turn, since the trial asks
   * only whether the saved state answers and every further second would re-probe gossip and walk
   * every task again for each of its many lines.
   */
  constructor(world: WorldState, private readonly pacing: 'instant' | 'realtime', swarmTurns = Infinity) {
    this.world = world;
    this.hosts = [...world.hostOrder];
    this.lastRevision = world.revision;
    this.scheduler = new Scheduler(world);
    // Derived state catches up before packets move: the swarm's data plane, then iptables.
    onBeforeWalk(world, () => {
      syncDataPlane(world);
      flushFirewalls(world);
    });
    const base = {
      world,
      apps: dockerAppEnv(world),
      programs: PROGRAM_TABLE,
      changed: () => this.notifyIfChanged(),
      daemon: (host: string) => this.daemons.get(host) ?? null,
    };
    const processes = shellProcessHost(base, this.scheduler);
    const access: SwarmHostAccess = { world, sched: this.scheduler, daemon: (h) => this.daemons.get(h) };
    for (const name of world.hostOrder) this.daemons.set(name, new Engine(world, name, this.scheduler, processes, access));
    // The swarm's control loop runs on lab time, like the managers' orchestrator and the nodes' agents.
    this.scheduler.spawn(async () => {
      for (let turn = 0; turn < swarmTurns && (await this.scheduler.sleep(SWARM_TICK_MS)); turn++) reconcileAll(access);
    });
    this.rt = {
      ...base,
      pacing,
      sleep: (ms, signal) => this.sleep(ms, signal),
      until: (p, signal) => this.until(p, signal),
      // A terminal's shell yields a real event-loop turn: keys and Ctrl-C get in while a loop runs.
      yieldTurn: () => macrotask(),
      spawn: (task) => spawnOn(this.scheduler, () => task(backgroundRuntime(base, this.scheduler))),
    };
  }

  /** After a restore: processes do not survive a snapshot; daemons start them again. */
  resume(): void {
    for (const d of this.daemons.values()) d.resume();
  }

  private async sleep(ms: number, signal?: Signal): Promise<boolean> {
    if (signal?.aborted) return false;
    if (this.pacing === 'realtime') {
      const ok = await new Promise<boolean>((resolve) => {
        const t = setTimeout(() => {
          signal?.removeEventListener('abort', onAbort);
          resolve(true);
        }, ms);
        const onAbort = () => {
          clearTimeout(t);
          resolve(false);
        };
        signal?.addEventListener('abort', onAbort, { once: true });
      });
      if (!ok) return false;
    } else {
      if (this.world.clock - this.lineStartClock + ms > INSTANT_BUDGET_MS) {
        this.budgetHit = true;
        return false;
      }
      // A real turn of the event loop every few milliseconds of work, so Ctrl-C (a key, a timer)
      // lands while a long virtual wait runs (`ping 8.8.8.8` in instant pacing walks 600 probes
      // before its budget ends it); lab time is unaffected, so runs stay deterministic.
      if (performance.now() - this.lastTurn > TURN_EVERY_MS) {
        await macrotask();
        this.lastTurn = performance.now();
        if (signal?.aborted) return false;
      } else await Promise.resolve();
    }
    await this.scheduler.advanceTo(this.world.clock + ms);
    this.notifyIfChanged();
    return true;
  }

  private async until<T>(p: Promise<T>, signal?: Signal): Promise<T | 'aborted'> {
    let settled = false;
    let value: T | undefined;
    void p.then((v) => {
      settled = true;
      value = v;
    });
    for (;;) {
      await this.scheduler.idle();
      // Let the promise's own continuation run before deciding it has not settled.
      await Promise.resolve();
      if (settled) return value as T;
      if (signal?.aborted) return 'aborted';
      const next = this.scheduler.nextAt();
      const step = next === null ? WAIT_STEP_MS : Math.min(WAIT_STEP_MS, Math.max(0, next - this.world.clock));
      if (!(await this.sleep(step, signal))) return settled ? (value as T) : 'aborted';
    }
  }

  private notifyIfChanged(): void {
    if (this.world.revision === this.lastRevision) return;
    this.lastRevision = this.world.revision;
    this.emit({ type: 'changed' });
  }

  private emit(e: LabEvent): void {
    for (const l of this.listeners) {
      try {
        l(e);
      } catch {
        // A listener's failure must not break the lab.
      }
    }
  }

  openSession(host?: string, options: SessionOptions = {}): Session {
    const name = host ?? this.hosts[0]!;
    const kind = Object.hasOwn(this.world.hosts, name) ? 'host' : Object.hasOwn(this.world.machines, name) ? 'machine' : null;
    if (!kind) throw new Error(`no such host in this lab: ${name}`);
    const id = `s${++this.sessionSeq}`;
    const record: SessionRecord = { id, base: name, lastLine: 0, failure: null, failureLine: 0, stderr: '' };
    const session = new ShellSession(id, name, kind, this.rt, {
      beforeLine: async () => {
        this.budgetHit = false;
        await this.scheduler.advanceTo(this.world.clock + TICK_PER_LINE_MS);
        this.lineStartClock = this.world.clock;
        this.notifyIfChanged();
        record.stderr = '';
      },
      afterLine: () => {
        this.notifyIfChanged();
        return this.budgetHit ? 'sim: stopped after 10 minutes of lab time, as if you had pressed Ctrl-C (a script cannot)\n' : null;
      },
      output: (sessionId: string, chunk: string, stream: Stream) => {
        // Only the start of an error matters; a streaming command must not grow this without end.
        if (stream === 'stderr' && record.stderr.length < 4096) record.stderr += chunk;
        this.emit({ type: 'output', sessionId, chunk, stream });
      },
    });
    if (options.history) session.seedHistory(options.history);
    if (options.place !== undefined) session.restorePlace(options.place);
    this.sessions.set(id, { shell: session, record });
    return new TrackedSession(session, record, (r, line) => this.lineDone(r, line));
  }

  /**
   * Remembers a failed line meant to change the lab. The same command on the same object
   * succeeding later (in any terminal) settles it: `docker run --name web …` again, `docker
   * network create front` again.
   */
  private lineDone(record: SessionRecord, done: LineDone): void {
    record.lastLine = ++this.lines;
    const trimmed = done.line.trim();
    if (!trimmed) return;
    const probe = probeInLine(trimmed, done, this.hosts[0]!);
    if (probe) this.probes.set(record.id, { probe: { ...probe, sessionId: record.id, line: trimmed }, line: this.lines });
    if (done.exitCode === 0) {
      // A success settles earlier failures; with none remembered there is nothing to read.
      if (![...this.sessions.values()].some((s) => s.record.failure)) return;
      const { command, changes, subject } = classify(trimmed);
      if (!changes) return;
      for (const s of this.sessions.values()) {
        const f = s.record.failure;
        if (f && f.command === command && classify(f.line).subject === subject) s.record.failure = null;
      }
      return;
    }
    // 130: interrupted with Ctrl-C, which is the learner's choice, not an error.
    if (done.exitCode === 130) return;
    const { command, changes } = classify(trimmed);
    if (!changes) return;
    const error = errorOf(record.stderr);
    if (!error) return;
    record.failure = { sessionId: record.id, host: done.host, container: done.container, line: trimmed, command, exitCode: done.exitCode, error };
    record.failureLine = record.lastLine;
  }

  lastFailure(sessionId?: string): CommandFailure | null {
    if (sessionId !== undefined) {
      const f = this.sessions.get(sessionId)?.record.failure;
      return f ? { ...f } : null;
    }
    let latest: SessionRecord | null = null;
    for (const { record } of this.sessions.values()) {
      if (record.failure && (!latest || record.failureLine > latest.failureLine)) latest = record;
    }
    return latest?.failure ? { ...latest.failure } : null;
  }

  /** Where each terminal is, for goals about the terminal (the checker never sees a shell). */
  terminalStates(): TerminalState[] {
    return [...this.sessions.values()].map(({ shell, record }) => ({
      host: record.base,
      lastLine: record.lastLine,
      at: { host: shell.host(), container: shell.container() },
      prompt: shell.prompt(),
    }));
  }

  subscribe(listener: (event: LabEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  snapshot(): LabSnapshot {
    syncDataPlane(this.world);
    flushFirewalls(this.world);
    return { format: 'docknet-lab', version: STATE_VERSION, state: JSON.parse(JSON.stringify(this.world)) as unknown };
  }

  topology(): Topology {
    return buildTopology(this.world);
  }

  explainPath(request: ExplainRequest): PathExplanation {
    return explainPath(this.world, request);
  }

  lastProbe(sessionId?: string): ProbeCommand | null {
    let latest: { probe: ProbeCommand; line: number } | undefined;
    if (sessionId !== undefined) latest = this.probes.get(sessionId);
    else for (const p of this.probes.values()) if (!latest || p.line > latest.line) latest = p;
    return latest ? { ...latest.probe } : null;
  }
}

/**
 * A lab from `world` (a WorldSpec) or its shorthand `hosts`. A bad spec is refused with one line
 * per problem, naming the field ("hosts[1].address: ...").
 */
export function createLab(options: LabOptions = {}): LabImpl {
  if (options.world !== undefined && options.hosts !== undefined) throw new Error('invalid world: give hosts or world, not both (world.hosts lists the hosts)');
  const input = options.world ?? (options.hosts && options.hosts.length > 0 ? { hosts: options.hosts } : {});
  const parsed = parseWorldSpec(input);
  if (!parsed.ok) throw new Error(`invalid world: ${parsed.error}`);
  const world = createWorld(parsed.spec, options.seed ?? 1);
  return new LabImpl(world, options.pacing ?? 'instant');
}
