/**
 * A lesson as the studio holds it: its folder's files as text, keyed by their path inside the
 * folder ("lesson.mdx", "exercises/<id>.yaml"). Client-safe.
 */
import type { LessonFiles } from '../content/lesson-folder';
import { EXERCISE_ID, EXERCISES_DIR, LESSON_FILE, LESSON_SLUG } from '../content/names';

export interface LessonDraft {
  slug: string;
  /** Path inside the lesson folder → text. */
  files: Record<string, string>;
}

export const EXERCISE_PATH = new RegExp(`^${EXERCISES_DIR}/(${EXERCISE_ID.source.slice(1, -1)})\\.yaml$`);

/** Is `path` a file a lesson folder may hold ("lesson.mdx" or "exercises/<id>.yaml")? */
export function isLessonFilePath(path: string): boolean {
  return path === LESSON_FILE || EXERCISE_PATH.test(path);
}

export function isLessonSlug(slug: string): boolean {
  return LESSON_SLUG.test(slug) && slug.length <= 80;
}

export function draftFiles(draft: LessonDraft, dir = `content/${draft.slug}`): LessonFiles {
  const exercises: LessonFiles['exercises'] = [];
  for (const [path, text] of Object.entries(draft.files)) {
    const match = EXERCISE_PATH.exec(path);
    if (match?.[1]) exercises.push({ name: match[1], text });
  }
  return { slug: draft.slug, dir, lesson: Object.hasOwn(draft.files, LESSON_FILE) ? (draft.files[LESSON_FILE] ?? null) : null, exercises };
}

/** Files sorted for display: lesson.mdx first, then exercises by name. */
export function draftPaths(draft: LessonDraft): string[] {
  return Object.keys(draft.files).sort((a, b) => (a === LESSON_FILE ? -1 : b === LESSON_FILE ? 1 : a.localeCompare(b)));
}
