'use client';

/** Inside an <Exercise>: the exercise's own lab, which its Run buttons and Check act on. */
import { createContext, useContext } from 'react';
import type { LabConfig } from '@/components/lab/LabProvider';

export const ExerciseScope = createContext<LabConfig | null>(null);

export function useExerciseScope(): LabConfig | null {
  return useContext(ExerciseScope);
}
