/**
 * The progress file a learner exports from the course index and imports in another browser: the
 * same data lib/lab/progress.ts keeps in localStorage, tagged with a format name and a version so
 * that a foreign JSON file is told apart from ours and a future format can be read on purpose.
 *
 * Validation is hand-written and strict (zod would add ≈30 KiB to the index page): a file with
 * one malformed entry is refused as a whole, with a message that names the field, rather than
 * half-imported.
 */
// Types only: progress.ts imports this module (mergeProgress), so values must not flow back.
import type { Progress } from './progress-types';
import { dict, isFiniteNumber, isRecord, own } from './storage-validate';

export const PROGRESS_FILE_FORMAT = 'docknet-progress';
export const PROGRESS_FILE_VERSION = 1;
/** Real progress files are a few KiB; anything this big is not one (and is not worth parsing). */
export const PROGRESS_FILE_MAX_BYTES = 1024 * 1024;

export interface ProgressFile extends Progress {
  format: typeof PROGRESS_FILE_FORMAT;
  version: typeof PROGRESS_FILE_VERSION;
  /** For the learner reading the file; ignored on import. */
  exportedAt: string;
}

export type ProgressFileResult = { ok: true; progress: Progress } | { ok: false; error: string };

// Slugs and exercise ids are lower-case words with dashes (see lesson-schema and exercise-schema).
// The records built are dict()s all the same: "constructor" passes this test and is a key like any other.
const SLUG = /^[a-z0-9][a-z0-9-]{0,99}$/;
const EXERCISE_KEY = /^[a-z0-9][a-z0-9-]{0,99}#[a-z0-9][a-z0-9-]{0,99}$/;

export function progressToFile(progress: Progress, now: Date): ProgressFile {
  return {
    format: PROGRESS_FILE_FORMAT,
    version: PROGRESS_FILE_VERSION,
    exportedAt: now.toISOString(),
    lessons: progress.lessons,
    lastLesson: progress.lastLesson,
    exercises: progress.exercises,
  };
}

/** "docknet-progress-2026-11-27.json", dated in the learner's own time zone. */
export function progressFileName(now: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `docknet-progress-${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}.json`;
}

function emptyProgress(): Progress {
  return { lessons: dict(), lastLesson: null, exercises: dict() };
}

function isTime(value: unknown): value is number {
  return isFiniteNumber(value) && value >= 0;
}

/** Reads a progress file's text; never throws. */
export function parseProgressFile(text: string): ProgressFileResult {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { ok: false, error: 'This is not a Docknet progress file: it is not JSON.' };
  }
  if (!isRecord(data) || data.format !== PROGRESS_FILE_FORMAT) {
    return { ok: false, error: `This is not a Docknet progress file: it has no "format": "${PROGRESS_FILE_FORMAT}".` };
  }
  if (data.version !== PROGRESS_FILE_VERSION) {
    return isFiniteNumber(data.version) && data.version > PROGRESS_FILE_VERSION
      ? { ok: false, error: `This progress file was made by a newer Docknet (format version ${data.version}); this one reads version ${PROGRESS_FILE_VERSION}.` }
      : { ok: false, error: `This progress file has an unknown format version (${JSON.stringify(data.version) ?? 'none'}).` };
  }
  const damaged = (field: string, why: string): ProgressFileResult => ({
    ok: false,
    error: `This progress file is damaged: ${field} ${why}.`,
  });

  const progress = emptyProgress();
  if (!isRecord(data.lessons)) return damaged('"lessons"', 'is not an object');
  for (const [slug, entry] of Object.entries(data.lessons)) {
    const field = `lessons["${slug}"]`;
    if (!SLUG.test(slug)) return damaged(field, 'is not a lesson name');
    if (!isRecord(entry)) return damaged(field, 'is not an object');
    const { visitedAt, completedAt } = entry;
    if (!isTime(visitedAt)) return damaged(`${field}.visitedAt`, 'is not a time');
    if (completedAt !== null && !isTime(completedAt)) return damaged(`${field}.completedAt`, 'is neither a time nor null');
    progress.lessons[slug] = { visitedAt, completedAt };
  }
  const { lastLesson } = data;
  if (lastLesson !== null && (typeof lastLesson !== 'string' || !SLUG.test(lastLesson))) {
    return damaged('"lastLesson"', 'is neither a lesson name nor null');
  }
  progress.lastLesson = lastLesson;
  if (!isRecord(data.exercises)) return damaged('"exercises"', 'is not an object');
  for (const [key, at] of Object.entries(data.exercises)) {
    const field = `exercises["${key}"]`;
    if (!EXERCISE_KEY.test(key)) return damaged(field, 'is not a "lesson#exercise" name');
    if (!isTime(at)) return damaged(field, 'is not a time');
    progress.exercises[key] = at;
  }
  return { ok: true, progress };
}

function earliest(a: number | null | undefined, b: number | null | undefined): number | null {
  if (a === null || a === undefined) return b ?? null;
  if (b === null || b === undefined) return a;
  return Math.min(a, b);
}

/**
 * Import ADDS to what the browser has: a lesson or exercise done in either counts as done, with
 * the earlier time. So importing can never lose progress, and importing twice changes nothing.
 */
export function mergeProgress(current: Progress, incoming: Progress): Progress {
  const lessons = dict(Object.entries(current.lessons));
  for (const [slug, entry] of Object.entries(incoming.lessons)) {
    const mine = own(lessons, slug);
    lessons[slug] = mine
      ? { visitedAt: Math.min(mine.visitedAt, entry.visitedAt), completedAt: earliest(mine.completedAt, entry.completedAt) }
      : entry;
  }
  const exercises = dict(Object.entries(current.exercises));
  for (const [key, at] of Object.entries(incoming.exercises)) exercises[key] = earliest(own(exercises, key), at) ?? at;
  // "Continue" should lead to whichever of the two last lessons was opened more recently.
  const visited = (p: Progress) => (p.lastLesson ? (own(p.lessons, p.lastLesson)?.visitedAt ?? 0) : -1);
  const lastLesson = visited(incoming) > visited(current) ? incoming.lastLesson : current.lastLesson;
  return { lessons, lastLesson, exercises };
}

/** The lessons of this course and the ids of their exercises: what an imported file may name. */
export type CourseCatalogue = readonly { slug: string; exercises: readonly string[] }[];

export interface KnownProgress {
  progress: Progress;
  /** How many entries named a lesson or exercise this course does not have, and were left out. */
  dropped: { lessons: number; exercises: number };
}

/**
 * Keeps only the lessons and exercises this course has (issue 13, finding 5: a file could add
 * thousands of made-up lessons that nothing ever removed). A `lastLesson` that is not a lesson
 * here is forgotten.
 */
export function keepKnown(progress: Progress, course: CourseCatalogue): KnownProgress {
  const lessons = new Set(course.map((lesson) => lesson.slug));
  const exercises = new Set(course.flatMap((lesson) => lesson.exercises.map((id) => `${lesson.slug}#${id}`)));
  const kept = emptyProgress();
  const dropped = { lessons: 0, exercises: 0 };
  for (const [slug, entry] of Object.entries(progress.lessons)) {
    if (lessons.has(slug)) kept.lessons[slug] = entry;
    else dropped.lessons++;
  }
  for (const [key, at] of Object.entries(progress.exercises)) {
    if (exercises.has(key)) kept.exercises[key] = at;
    else dropped.exercises++;
  }
  kept.lastLesson = progress.lastLesson !== null && lessons.has(progress.lastLesson) ? progress.lastLesson : null;
  return { progress: kept, dropped };
}

export interface ProgressCounts {
  visited: number;
  completed: number;
  exercises: number;
}

export function countProgress(progress: Progress): ProgressCounts {
  const entries = Object.values(progress.lessons);
  return {
    visited: entries.length,
    completed: entries.filter((entry) => entry.completedAt !== null).length,
    exercises: Object.keys(progress.exercises).length,
  };
}
