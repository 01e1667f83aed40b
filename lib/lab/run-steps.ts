/**
 * Which Run blocks of a lab the learner ran (the ✓ beside a Run button), kept in localStorage
 * per lab so they survive a reload. Reset of that lab forgets them. Components read them through
 * useSyncExternalStore (see useRunSteps).
 */
import { readStorage, removeStorage, writeStorage } from './storage';
import { isStringArray } from './storage-validate';

const PREFIX = 'docknet:runs:v1:';
const listeners = new Set<() => void>();
const cache = new Map<string, { raw: string | null; value: ReadonlySet<string> }>();
const EMPTY: ReadonlySet<string> = new Set();

export function runStepsKey(labKey: string): string {
  return `${PREFIX}${labKey}`;
}

export function readRunSteps(labKey: string): ReadonlySet<string> {
  const raw = readStorage(runStepsKey(labKey));
  const hit = cache.get(labKey);
  if (hit && hit.raw === raw) return hit.value;
  let value = EMPTY;
  if (raw !== null) {
    try {
      const parsed: unknown = JSON.parse(raw);
      if (isStringArray(parsed)) value = new Set(parsed.slice(0, 2000));
    } catch {
      // Unreadable: no steps marked; rewritten on the next run.
    }
  }
  cache.set(labKey, { raw, value });
  return value;
}

function notify(): void {
  for (const listener of listeners) listener();
}

export function markRunStep(labKey: string, stepId: string): void {
  const steps = readRunSteps(labKey);
  if (steps.has(stepId)) return;
  writeStorage(runStepsKey(labKey), JSON.stringify([...steps, stepId]));
  notify();
}

export function forgetRunSteps(labKey: string): void {
  removeStorage(runStepsKey(labKey));
  notify();
}

export function subscribeRunSteps(listener: () => void): () => void {
  listeners.add(listener);
  const onStorage = (event: StorageEvent) => {
    if (event.key === null || event.key.startsWith(PREFIX)) listener();
  };
  window.addEventListener('storage', onStorage);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('storage', onStorage);
  };
}
