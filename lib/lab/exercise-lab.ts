/** An exercise's own lab: its storage key, hosts (or world) and setup (server and client alike). */
import type { GoalInput } from '@/engine';
import type { Exercise } from '@/lib/content/exercise-schema';
import { exerciseLabWorld, type LabWorld } from '@/lib/content/lab-world';

export interface ExerciseLabConfig extends LabWorld {
  labKey: string;
  setup: string[];
  label: string;
  goal: GoalInput;
}

export function exerciseLabConfig(lesson: { slug: string } & LabWorld, exercise: Exercise): ExerciseLabConfig {
  return {
    labKey: `lesson:${lesson.slug}:exercise:${exercise.id}`,
    ...exerciseLabWorld(lesson, exercise),
    setup: exercise.setup,
    label: `Exercise: ${exercise.title}`,
    goal: exercise.goal,
  };
}

/** The commands of a RunBlock, as the build baked them into the page (a JSON array). */
export function parseCommands(commands: string): string[] {
  try {
    const parsed: unknown = JSON.parse(commands);
    return Array.isArray(parsed) ? parsed.filter((c): c is string => typeof c === 'string') : [];
  } catch {
    return [];
  }
}
