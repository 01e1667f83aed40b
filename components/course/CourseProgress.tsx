'use client';

/** The course's progress bar and the "start" / "continue" call to action on the index. */
import Link from 'next/link';
import { useEffect, useState } from 'react';
import { readLastPlace, type LastPlace } from '@/lib/lab/last-place';
import { lessonStatus } from '@/lib/lab/progress';
import { useProgress } from './useProgress';

export interface CourseLesson {
  slug: string;
  title: string;
}

export function CourseProgress({ lessons }: { lessons: CourseLesson[] }) {
  const progress = useProgress();
  const [lastPlace, setLastPlace] = useState<LastPlace | null>(null);
  useEffect(() => setLastPlace(readLastPlace()), []);
  const first = lessons[0];
  if (!first) return null;
  const completed = progress ? lessons.filter((l) => lessonStatus(progress, l.slug) === 'completed').length : 0;
  const started = progress ? lessons.some((l) => lessonStatus(progress, l.slug) !== 'not-started') : false;
  // Continue with the last lesson opened, unless it is done: then the first one not completed.
  const last = progress?.lastLesson ? lessons.find((l) => l.slug === progress.lastLesson) : undefined;
  const nextUp =
    (last && progress && lessonStatus(progress, last.slug) !== 'completed' ? last : undefined) ??
    lessons.find((l) => !progress || lessonStatus(progress, l.slug) !== 'completed') ??
    first;
  const percent = Math.round((completed / lessons.length) * 100);
  // Where the learner left off: the section they last had on screen in that lesson.
  const resume = lastPlace && last && lastPlace.slug === last.slug && nextUp.slug === last.slug && lastPlace.section ? lastPlace : null;
  const href = `/lessons/${nextUp.slug}/${resume ? `#${resume.section}` : ''}`;
  return (
    <div className="mt-8 flex flex-col gap-5 sm:flex-row sm:items-center">
      <div className="flex flex-wrap gap-3">
        <Link href={href} className="btn btn-primary px-4 py-2 text-sm" data-testid="continue-link">
          {started ? `Continue where you left off: ${nextUp.title}` : 'Start the course'} <span aria-hidden="true">→</span>
        </Link>
        {resume?.sectionTitle ? (
          <span className="self-center text-sm text-slate-400" data-testid="continue-section">
            at “{resume.sectionTitle}”
          </span>
        ) : null}
        <Link href="/playground/" className="btn btn-quiet px-4 py-2 text-sm">
          Open the playground
        </Link>
      </div>
      <div className="flex min-w-48 flex-1 items-center gap-3 sm:justify-end">
        <div
          className="h-2 w-40 overflow-hidden rounded-full bg-slate-800"
          role="progressbar"
          aria-label="Course progress"
          aria-valuemin={0}
          aria-valuemax={lessons.length}
          aria-valuenow={completed}
          aria-valuetext={`${completed} of ${lessons.length} lessons completed`}
        >
          <div className="h-full rounded-full bg-emerald-400 transition-[width]" style={{ width: `${percent}%` }} />
        </div>
        <span className="text-sm text-slate-400" data-testid="course-progress">
          {completed} of {lessons.length} completed
        </span>
      </div>
    </div>
  );
}
