/** The learner's progress as stored in the browser and carried in a progress file. */

export interface LessonProgress {
  visitedAt: number;
  completedAt: number | null;
}

/**
 * Both records are keyed by names from outside (slugs, a progress file): they are built with
 * dict() and read with own(), so a lesson called "constructor" is a lesson like any other.
 */
export interface Progress {
  lessons: Record<string, LessonProgress>;
  lastLesson: string | null;
  /** Exercises passed, keyed "lesson-slug#exercise-id", with the time of the first pass. */
  exercises: Record<string, number>;
}
