'use client';

import { useCallback, useSyncExternalStore } from 'react';
import { readRunSteps, subscribeRunSteps } from '@/lib/lab/run-steps';

const NONE: ReadonlySet<string> = new Set();

/** The Run blocks already run in a lab (✓), kept across reloads; empty while hydrating. */
export function useRunSteps(labKey: string | null): ReadonlySet<string> {
  const read = useCallback(() => (labKey ? readRunSteps(labKey) : NONE), [labKey]);
  return useSyncExternalStore(subscribeRunSteps, read, () => NONE);
}
