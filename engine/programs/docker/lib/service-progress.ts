import type { EngineApi, TaskView } from '../../../docker/api';
import type { SwarmService, TaskState } from '../../../docker/types';
import type { Proc } from '../../../shell/types';
import { JsonProgressDisplay, type ProgressMsg } from './json-progress';

/**
 * `docker service create/update/scale/rollback` waiting for the service to converge
 * (docker/cli@v28.5.2 cli/command/service/progress/progress.go ServiceProgress, helpers.go
 * WaitOnService): every 200 ms the CLI reads the service and its up-to-date tasks, redraws
 * "overall progress" and one bar per replica (or node), and once every task runs it waits out
 * the 5 s monitoring period ("verify: Waiting N seconds…") before "verify: Service … converged".
 * Here the polls are on lab time.
 */

const POLL_MS = 200;
/** UpdateConfig.Monitor's default (swarmkit api/defaults/service.go). */
const MONITOR_MS = 5000;
const MAX_PROGRESS = 9;
const MAX_PROGRESS_BARS = 20;

const NUMBERED: Record<TaskState, number> = {
  new: 1,
  pending: 3,
  assigned: 4,
  preparing: 6,
  starting: 8,
  running: 9,
  complete: 10,
  shutdown: 11,
  failed: 12,
  rejected: 13,
};
/** The longest state a bar shows ("allocated", "preparing"): states are padded to it. */
const LONGEST_STATE = 9;

const terminal = (state: TaskState | 'remove') => state !== 'remove' && NUMBERED[state] > NUMBERED.running;


/** progress.go truncError: one line, at most 75 characters. */
function truncError(msg: string): string {
  const one = msg.replaceAll('\n', ' ');
  return one.length > 75 ? `${one.slice(0, 74)}…` : one;
}

type Write = (m: ProgressMsg) => void;

function overall(write: Write, n: number, of: number, rollback: boolean): void {
  write({ id: 'overall progress', action: rollback ? `rolling back update: ${n} out of ${of} tasks` : `${n} out of ${of} tasks` });
}

function taskLine(write: Write, id: string, t: TaskView['task']): void {
  if (t.error) write({ id, action: truncError(t.error) });
  else if (!terminal(t.desired) && !terminal(t.state)) write({ id, action: t.state.padEnd(LONGEST_STATE), current: NUMBERED[t.state], total: MAX_PROGRESS });
}

/** Of several tasks for one slot (or node), the one with the lowest desired state, then the lowest state. */
function pick(map: Map<string | number, TaskView['task']>, key: string | number, t: TaskView['task']): void {
  const cur = map.get(key);
  // progress.go:358: a desired state without a number (REMOVE: a slot scaled away) is left out.
  if (t.desired === 'remove') return;
  if (cur && cur.desired !== 'remove') {
    if (NUMBERED[cur.desired] < NUMBERED[t.desired]) return;
    if (NUMBERED[cur.desired] === NUMBERED[t.desired] && NUMBERED[cur.state] <= NUMBERED[t.state]) return;
  }
  map.set(key, t);
}

interface Updater {
  update(svc: SwarmService, tasks: TaskView[], active: Set<string>, rollback: boolean): boolean;
}

class ReplicatedUpdater implements Updater {
  private initialized = false;
  private done = false;
  private slotMap = new Map<number, number>();
  constructor(private readonly write: Write) {}

  update(svc: SwarmService, tasks: TaskView[], active: Set<string>, rollback: boolean): boolean {
    const replicas = svc.spec.mode === 'global' ? 0 : svc.spec.mode.replicas;
    if (!this.initialized) {
      overall(this.write, 0, replicas, rollback);
      if (replicas <= MAX_PROGRESS_BARS) for (let i = 1; i <= replicas; i++) this.write({ id: `${i}/${replicas}`, action: ' ' });
      this.initialized = true;
    }
    const bySlot = new Map<string | number, TaskView['task']>();
    for (const { task: t } of tasks) {
      if (t.nodeId && !active.has(t.nodeId)) continue;
      pick(bySlot, t.slot ?? 0, t);
    }
    const chosen = [...bySlot.entries()].sort((a, b) => Number(a[0]) - Number(b[0])).map(([, t]) => t);
    if (this.done && chosen.some((t) => t.state !== 'running')) this.done = false;
    let running = 0;
    for (const t of chosen) {
      let mapped = this.slotMap.get(t.slot ?? 0);
      if (mapped === undefined) this.slotMap.set(t.slot ?? 0, (mapped = this.slotMap.size + 1));
      if (!terminal(t.desired) && t.state === 'running') running++;
      if (!this.done && replicas <= MAX_PROGRESS_BARS && mapped <= replicas) taskLine(this.write, `${mapped}/${replicas}`, t);
    }
    if (!this.done) {
      overall(this.write, running, replicas, rollback);
      if (running === replicas) this.done = true;
    }
    return running === replicas;
  }
}

class GlobalUpdater implements Updater {
  private initialized = false;
  private done = false;
  constructor(private readonly write: Write) {}

  update(_svc: SwarmService, tasks: TaskView[], active: Set<string>, rollback: boolean): boolean {
    const byNode = new Map<string | number, TaskView['task']>();
    for (const { task: t } of tasks) pick(byNode, t.nodeId, t);
    const count = byNode.size;
    if (!this.initialized) {
      if (count === 0) {
        this.write({ id: 'overall progress', action: 'waiting for new tasks' });
        return false;
      }
      overall(this.write, 0, count, rollback);
      this.initialized = true;
    }
    const chosen = [...byNode.values()].sort((a, b) => (a.nodeId < b.nodeId ? -1 : 1));
    if (this.done && chosen.some((t) => t.state !== 'running')) this.done = false;
    let running = 0;
    for (const t of chosen) {
      if (!active.has(t.nodeId)) continue;
      if (!terminal(t.desired) && t.state === 'running') running++;
      if (!this.done && count <= MAX_PROGRESS_BARS) taskLine(this.write, t.nodeId.slice(0, 12), t);
    }
    if (!this.done) {
      overall(this.write, running, count, rollback);
      if (running === count) this.done = true;
    }
    return running === count;
  }
}

/** Docker's answer when waiting fails: the daemon's refusal, or the update's pause message. */
export type WaitResult = { ok: true } | { ok: false; error: string } | { ok: false; aborted: true };

/**
 * WaitOnService: `ref` is what the user typed for scale/update/rollback, the new ID for create;
 * it names the service in the verify line. `quiet` waits without printing.
 */
export async function waitOnService(p: Proc, d: EngineApi, ref: string, quiet: boolean): Promise<WaitResult> {
  const display = new JsonProgressDisplay(quiet ? () => undefined : (t) => p.out(t), p.tty === true);
  const r = await poll(p, d, ref, (m) => display.write(m));
  display.close();
  // The terminal echoes Ctrl-C where the cursor is; a pipe never sees it.
  const echo = () => p.tty && p.out('^C\n');
  if (r === 'converged' || r === 'interrupted') {
    if (r === 'interrupted') echo();
    return r === 'converged' ? { ok: true } : { ok: false, aborted: true };
  }
  if (r === 'interrupted-early') {
    // The CLI catches SIGINT while tasks are still starting (progress.go) and says so.
    echo();
    display.write({ id: '', message: 'Operation continuing in background.' });
    display.write({ id: '', message: `Use \`docker service ps ${ref}\` to check progress.` });
    return { ok: false, aborted: true };
  }
  return r;
}

type PollEnd = 'converged' | 'interrupted' | 'interrupted-early' | { ok: false; error: string };

async function poll(p: Proc, d: EngineApi, ref: string, write: Write): Promise<PollEnd> {
  let updater: Updater | null = null;
  let converged = false;
  let convergedAt: number | null = null;
  let rollback = false;
  let message: ProgressMsg | null = null;
  for (;;) {
    const found = d.service(ref);
    if (!found.ok) return { ok: false, error: `Error response from daemon: ${found.error}` };
    const svc = found.value;
    updater ??= svc.spec.mode === 'global' ? new GlobalUpdater(write) : new ReplicatedUpdater(write);
    const status = svc.updateStatus;
    if (status) {
      switch (status.state) {
        case 'updating':
          rollback = false;
          break;
        case 'completed':
          if (!converged) return 'converged';
          break;
        case 'paused':
          return { ok: false, error: `service update paused: ${status.message}` };
        case 'rollback_started':
          if (!rollback && status.message) write({ id: 'rollback', action: status.message });
          rollback = true;
          break;
        case 'rollback_paused':
          return { ok: false, error: `service rollback paused: ${status.message}` };
        case 'rollback_completed':
          if (!converged) message = { id: 'rollback', message: status.message };
          rollback = true;
          break;
      }
    }
    if (converged && convergedAt !== null && d.now() - convergedAt >= MONITOR_MS) {
      write({ id: 'verify', action: `Service ${ref} converged` });
      if (message) write(message);
      return 'converged';
    }
    // The _up-to-date filter: tasks made from the current spec.
    const tasks = d.serviceTasks(svc).filter((v) => v.task.specVersion === svc.version);
    const nodes = d.nodes();
    const active = new Set(nodes.ok ? nodes.value.filter((n) => n.status !== 'Down').map((n) => n.node.id) : []);
    converged = updater.update(svc, tasks, active, rollback);
    if (converged) {
      convergedAt ??= d.now();
      const wait = MONITOR_MS - (d.now() - convergedAt);
      // Go divides a duration a moment short of whole seconds: 5 s left reads "5 seconds".
      if (wait >= 0) write({ id: 'verify', action: `Waiting ${Math.floor(Math.max(0, wait - 1) / 1000) + 1} seconds to verify that tasks are stable...` });
    } else {
      if (convergedAt !== null) write({ id: 'verify', action: 'Detected task failure' });
      convergedAt = null;
    }
    if (!(await p.rt.sleep(POLL_MS, p.signal))) return converged ? 'interrupted' : 'interrupted-early';
  }
}
