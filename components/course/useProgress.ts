'use client';

import { useSyncExternalStore } from 'react';
import { readProgress, subscribeProgress, type Progress } from '@/lib/lab/progress';

/** The learner's progress; null during server rendering and hydration (it lives in the browser). */
export function useProgress(): Progress | null {
  return useSyncExternalStore(subscribeProgress, readProgress, () => null);
}
