import type { Lab, LabEvent, LabOptions, LabSnapshot, RestoreResult, Session, SessionOptions, Stream, Topology } from './api';
import { reapTimedContainers } from './docker/containers';
import { flushFirewalls } from './docker/firewall';
import { trialRun } from './restore-guard';
import { ShellSession } from './shell/session';
import type { Runtime } from './shell/types';
import { buildTopology } from './topology';
import { createWorld } from './world/build';
import { STATE_VERSION, type WorldState } from './world/state';

/** In instant pacing, a command that would run forever is interrupted after this much virtual time. */
const INSTANT_BUDGET_MS = 10 * 60 * 1000;
/** Every command line takes a moment of virtual time, so `Up N seconds` moves as a learner works. */
const TICK_PER_LINE_MS = 1000;

export class LabImpl implements Lab {
  readonly hosts: readonly string[];
  readonly world: WorldState;
  private readonly listeners = new Set<(e: LabEvent) => void>();
  private sessionSeq = 0;
  private lastRevision: number;
  private lineStartClock = 0;
  /** Set when a line ran out of its virtual-time budget in instant pacing (a script cannot press Ctrl-C). */
  budgetHit = false;
  readonly rt: Runtime;

  constructor(world: WorldState, private readonly pacing: 'instant' | 'realtime') {
    this.world = world;
    this.hosts = [...world.hostOrder];
    this.lastRevision = world.revision;
    this.rt = {
      world,
      pacing,
      sleep: (ms, signal) => this.sleep(ms, signal),
      changed: () => this.notifyIfChanged(),
    };
  }

  private async sleep(ms: number, signal?: AbortSignal): Promise<boolean> {
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
      // Yield to the event loop so a long virtual wait never starves the caller.
      await Promise.resolve();
    }
    this.world.clock += ms;
    this.reap();
    return true;
  }

  private reap(): void {
    for (const host of Object.values(this.world.hosts)) reapTimedContainers({ world: this.world, host });
    this.notifyIfChanged();
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
    const kind = this.world.hosts[name] ? 'host' : this.world.machines[name] ? 'machine' : null;
    if (!kind) throw new Error(`no such host in this lab: ${name}`);
    const id = `s${++this.sessionSeq}`;
    const session = new ShellSession(id, name, kind, this.rt, {
      beforeLine: () => {
        this.budgetHit = false;
        this.world.clock += TICK_PER_LINE_MS;
        this.lineStartClock = this.world.clock;
        this.reap();
      },
      afterLine: () => {
        this.notifyIfChanged();
        return this.budgetHit ? 'sim: stopped after 10 minutes of lab time, as if you had pressed Ctrl-C (a script cannot)\n' : null;
      },
      output: (sessionId: string, chunk: string, stream: Stream) => this.emit({ type: 'output', sessionId, chunk, stream }),
    });
    if (options.history) session.seedHistory(options.history);
    if (options.place !== undefined) session.restorePlace(options.place);
    return session;
  }

  subscribe(listener: (event: LabEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  snapshot(): LabSnapshot {
    flushFirewalls(this.world);
    return { format: 'docknet-lab', version: STATE_VERSION, state: JSON.parse(JSON.stringify(this.world)) as unknown };
  }

  topology(): Topology {
    return buildTopology(this.world);
  }
}

export function createLab(options: LabOptions = {}): LabImpl {
  const hosts = options.hosts && options.hosts.length > 0 ? options.hosts : ['host1'];
  for (const h of hosts) {
    if (!/^[a-z][a-z0-9-]{0,30}$/.test(h)) throw new Error(`invalid host name: ${h}`);
  }
  if (new Set(hosts).size !== hosts.length) throw new Error('host names must be unique');
  const world = createWorld({ hosts, seed: options.seed ?? 1 });
  return new LabImpl(world, options.pacing ?? 'instant');
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** Restores a snapshot; an old or damaged one is refused with a reason, never half-loaded. */
export async function restoreLab(snapshot: unknown, options: LabOptions = {}): Promise<RestoreResult> {
  let snap: unknown = snapshot;
  if (typeof snap === 'string') {
    try {
      snap = JSON.parse(snap);
    } catch {
      return { ok: false, error: 'the saved lab is not valid JSON' };
    }
  }
  if (!isRecord(snap) || snap['format'] !== 'docknet-lab') return { ok: false, error: 'this is not a Docknet lab snapshot' };
  if (snap['version'] !== STATE_VERSION) return { ok: false, error: `the saved lab is from an older version of Docknet (format ${String(snap['version'])})` };
  const state = snap['state'];
  if (!isRecord(state)) return { ok: false, error: 'the saved lab has no state' };
  const problem = checkWorld(state) ?? (await trialRun(state, (world) => new LabImpl(world, 'instant')));
  if (problem) return { ok: false, error: `the saved lab is damaged: ${problem}` };
  const world = JSON.parse(JSON.stringify(state)) as WorldState;
  return { ok: true, lab: new LabImpl(world, options.pacing ?? 'instant') };
}

function checkWorld(s: Record<string, unknown>): string | null {
  const netns = s['netns'];
  const hosts = s['hosts'];
  const order = s['hostOrder'];
  if (!isRecord(netns) || !isRecord(hosts) || !Array.isArray(order) || order.length === 0) return 'missing hosts or namespaces';
  if (typeof s['clock'] !== 'number' || !isRecord(s['rng']) || typeof s['netVersion'] !== 'number') return 'missing clock or random state';
  if (!isRecord(s['machines']) || !isRecord(s['lan'])) return 'missing LAN';
  for (const name of order) {
    const h = hosts[String(name)];
    if (!isRecord(h)) return `host ${String(name)} is missing`;
    if (!isRecord(netns[String(h['nsId'])])) return `host ${String(name)} has no namespace`;
    const d = h['docker'];
    if (!isRecord(d) || !isRecord(d['containers']) || !isRecord(d['networks']) || !isRecord(d['images'])) return `host ${String(name)} has no Docker state`;
    for (const c of Object.values(d['containers'])) {
      if (!isRecord(c) || typeof c['id'] !== 'string' || !Array.isArray(c['endpoints'])) return 'a container record is malformed';
      if (c['nsId'] !== null && typeof c['nsId'] === 'string' && !isRecord(netns[c['nsId']])) return `container ${String(c['name'])} lost its namespace`;
    }
  }
  for (const ns of Object.values(netns)) {
    if (!isRecord(ns) || !Array.isArray(ns['links']) || !Array.isArray(ns['routes']) || !isRecord(ns['nf'])) return 'a network namespace is malformed';
  }
  return null;
}
