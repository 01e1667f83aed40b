import type { SwarmTask } from '../types';

/**
 * The replicated orchestrator's view of a service's slots (swarmkit manager/orchestrator/
 * replicated/slot.go, services.go). A slot is updatable while it has a task wanted running, or
 * while its last task stopped by itself and waits out the restart delay (swarmkit has already made
 * the replacement, desired READY: restart/restart.go:156-172); every other slot with tasks is dead
 * and only holds history.
 */

export interface Slot {
  slot: number;
  /** Its tasks with desired state RUNNING (none while a restart waits out its delay). */
  tasks: SwarmTask[];
}

/** The restart supervisor's case: the slot's newest task ended by itself and its slot was not scaled away. */
function waitsForRestart(history: SwarmTask[]): boolean {
  const newest = [...history].sort((a, b) => (b.created ?? 0) - (a.created ?? 0) || b.since - a.since)[0];
  return !!newest && newest.desired === 'shutdown' && !newest.slotRemoved && ['failed', 'rejected', 'complete'].includes(newest.state);
}

/** slot.go updatableAndDeadSlots. */
export function updatableAndDeadSlots(tasks: SwarmTask[]): { updatable: Map<number, Slot>; dead: Map<number, SwarmTask[]> } {
  const bySlot = new Map<number, SwarmTask[]>();
  for (const t of tasks) {
    if (t.slot === null) continue;
    const list = bySlot.get(t.slot);
    if (list) list.push(t);
    else bySlot.set(t.slot, [t]);
  }
  const updatable = new Map<number, Slot>();
  const dead = new Map<number, SwarmTask[]>();
  for (const [slot, history] of bySlot) {
    const wanted = history.filter((t) => t.desired === 'running');
    if (wanted.length > 0 || waitsForRestart(history)) updatable.set(slot, { slot, tasks: wanted });
    else dead.set(slot, history);
  }
  return { updatable, dead };
}

/**
 * services.go:126-170 (scale down): which slots go. Running slots are kept before the others, lower
 * slot numbers first (slotsByRunningState); then each slot counts as the nth copy on its node and
 * the first copies on every node are kept before the second ones (slotsByIndex), so the tasks left
 * stay spread over the nodes. Returns the slots to remove.
 */
export function slotsToRemove(slots: Slot[], replicas: number): Slot[] {
  const running = (s: Slot) => s.tasks.some((t) => t.state === 'running');
  const byRunning = [...slots].sort((a, b) => Number(running(b)) - Number(running(a)) || a.slot - b.slot);
  const perNode = new Map<string, number>();
  const indexed = byRunning.map((s) => {
    const only = s.tasks.length === 1 ? s.tasks[0]! : null;
    if (!only || only.nodeId === '') return { s, index: -1 };
    const index = (perNode.get(only.nodeId) ?? 0) + 1;
    perNode.set(only.nodeId, index);
    return { s, index };
  });
  // slotsByIndex.Less: slots without a single placed task sort last.
  indexed.sort((a, b) => (a.index < 0 ? Infinity : a.index) - (b.index < 0 ? Infinity : b.index));
  return indexed.slice(replicas).map((x) => x.s);
}
