'use client';

import { lessonStatus, setCompleted } from '@/lib/lab/progress';
import { useProgress } from '@/components/course/useProgress';

/** "Mark lesson as complete" at the end of a lesson (a toggle: it can be undone). */
export function CompleteToggle({ slug }: { slug: string }) {
  const progress = useProgress();
  const done = progress !== null && lessonStatus(progress, slug) === 'completed';
  return (
    <button
      type="button"
      className={`btn ${done ? 'btn-quiet' : 'btn-primary'} px-4 py-2`}
      aria-pressed={done}
      disabled={progress === null}
      onClick={() => setCompleted(slug, !done)}
    >
      {done ? (
        <>
          <span aria-hidden="true" className="text-emerald-300">
            ✓
          </span>
          Completed
        </>
      ) : (
        'Mark lesson as complete'
      )}
    </button>
  );
}
