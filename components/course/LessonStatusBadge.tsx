'use client';

import { exercisesPassed, lessonStatus } from '@/lib/lab/progress';
import { useProgress } from './useProgress';

/** "Completed" / "In progress" next to a lesson; nothing for lessons not started. */
export function LessonStatusBadge({ slug }: { slug: string }) {
  const progress = useProgress();
  if (!progress) return null;
  const status = lessonStatus(progress, slug);
  if (status === 'not-started') return <span className="sr-only">Not started</span>;
  return status === 'completed' ? (
    <span className="pill badge-completed" data-status="completed">
      <span aria-hidden="true">✓</span> Completed
    </span>
  ) : (
    <span className="pill badge-in-progress" data-status="in-progress">
      In progress
    </span>
  );
}

/** "2 of 3 exercises passed" under a lesson on the course index. */
export function ExerciseCount({ slug, ids }: { slug: string; ids: string[] }) {
  const progress = useProgress();
  if (ids.length === 0) return null;
  const passed = progress ? exercisesPassed(progress, slug, ids) : 0;
  return (
    <span className="pill" data-testid={`exercises-${slug}`}>
      {passed > 0 ? `${passed} of ${ids.length} exercises passed` : `${ids.length} ${ids.length === 1 ? 'exercise' : 'exercises'}`}
    </span>
  );
}
