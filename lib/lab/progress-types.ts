/** The learner's progress as stored in the browser and carried in a progress file. */
export interface Progress {
  lessons: Record<string, { visitedAt: number; completedAt: number | null }>;
  lastLesson: string | null;
  /** Exercises passed, keyed "lesson-slug#exercise-id", with the time of the first pass. */
  exercises: Record<string, number>;
}
