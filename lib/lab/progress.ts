/**
 * The learner's progress through the course, kept in the browser: which lessons they opened and
 * which they marked complete. Components read it through useSyncExternalStore, so every view of
 * it (course index, lesson footer) stays in step.
 */
import { mergeProgress } from './progress-file';
import type { LessonProgress, Progress } from './progress-types';

export type { LessonProgress, Progress } from './progress-types';
import { readStorage, writeStorage } from './storage';
import { dict, isFiniteNumber, isRecord, own } from './storage-validate';

const PROGRESS_KEY = 'docknet:progress:v1';



export function emptyProgress(): Progress {
  return { lessons: dict(), lastLesson: null, exercises: dict() };
}

export function lessonProgress(progress: Progress, slug: string): LessonProgress | undefined {
  return own(progress.lessons, slug);
}

/** When the exercise was first passed, or undefined. */
export function exercisePassedAt(progress: Progress, slug: string, id: string): number | undefined {
  return own(progress.exercises, exerciseKey(slug, id));
}

/** Keeps what is well-formed in stored progress and drops the rest (never throws). */
function asProgress(data: unknown): Progress {
  const progress = emptyProgress();
  if (!isRecord(data)) return progress;
  if (isRecord(data.lessons)) {
    for (const [slug, entry] of Object.entries(data.lessons)) {
      if (isRecord(entry) && isFiniteNumber(entry.visitedAt)) {
        progress.lessons[slug] = { visitedAt: entry.visitedAt, completedAt: isFiniteNumber(entry.completedAt) ? entry.completedAt : null };
      }
    }
  }
  if (typeof data.lastLesson === 'string') progress.lastLesson = data.lastLesson;
  if (isRecord(data.exercises)) {
    for (const [key, at] of Object.entries(data.exercises)) if (isFiniteNumber(at)) progress.exercises[key] = at;
  }
  return progress;
}
export type LessonStatus = 'not-started' | 'in-progress' | 'completed';

const EMPTY: Progress = emptyProgress();
let cached: { raw: string | null; value: Progress } | null = null;
const listeners = new Set<() => void>();

export function readProgress(): Progress {
  const raw = readStorage(PROGRESS_KEY);
  if (cached && cached.raw === raw) return cached.value;
  let value = EMPTY;
  if (raw !== null) {
    try {
      value = asProgress(JSON.parse(raw));
    } catch {
      // Unreadable progress is treated as none; it is rewritten on the next visit.
    }
  }
  cached = { raw, value };
  return value;
}

/** Returns false when the browser refused to save (storage full or disabled). */
function update(change: (progress: Progress) => Progress): boolean {
  const saved = writeStorage(PROGRESS_KEY, JSON.stringify(change(readProgress())));
  for (const listener of listeners) listener();
  return saved;
}

export function subscribeProgress(listener: () => void): () => void {
  listeners.add(listener);
  const onStorage = (event: StorageEvent) => {
    if (event.key === PROGRESS_KEY) listener();
  };
  window.addEventListener('storage', onStorage);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('storage', onStorage);
  };
}

/** A copy of `record` with `key` set: a dict() again, so the key is never a prototype member. */
function withEntry<T>(record: Record<string, T>, key: string, value: T): Record<string, T> {
  return dict([...Object.entries(record), [key, value] as const]);
}

export function markVisited(slug: string): void {
  update((progress) => ({
    ...progress,
    lastLesson: slug,
    lessons: withEntry(progress.lessons, slug, { visitedAt: Date.now(), completedAt: lessonProgress(progress, slug)?.completedAt ?? null }),
  }));
}

export function setCompleted(slug: string, completed: boolean): void {
  update((progress) => ({
    ...progress,
    lessons: withEntry(progress.lessons, slug, {
      visitedAt: lessonProgress(progress, slug)?.visitedAt ?? Date.now(),
      completedAt: completed ? Date.now() : null,
    }),
  }));
}

export function lessonStatus(progress: Progress, slug: string): LessonStatus {
  const entry = lessonProgress(progress, slug);
  if (!entry) return 'not-started';
  return entry.completedAt !== null ? 'completed' : 'in-progress';
}

export function exerciseKey(slug: string, id: string): string {
  return `${slug}#${id}`;
}

export function markExercisePassed(slug: string, id: string): void {
  update((progress) =>
    exercisePassedAt(progress, slug, id) !== undefined
      ? progress
      : { ...progress, exercises: withEntry(progress.exercises, exerciseKey(slug, id), Date.now()) },
  );
}

export function exercisesPassed(progress: Progress, slug: string, ids: readonly string[]): number {
  return ids.filter((id) => exercisePassedAt(progress, slug, id) !== undefined).length;
}

/** Adds imported progress to this browser's (see mergeProgress); false if it could not be saved. */
export function importProgress(incoming: Progress): boolean {
  return update((progress) => mergeProgress(progress, incoming));
}
