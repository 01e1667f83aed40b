/**
 * The names in a lesson folder, with no dependencies: the studio's first load needs them before
 * the schemas (and the engine they pull in) arrive.
 */

/** Lesson slugs are URLs (/lessons/<slug>/) and keys of learners' progress. */
export const LESSON_SLUG = /^[a-z0-9][a-z0-9-]*$/;
/** Exercise ids (file names) are part of learners' saved progress: never rename one that has shipped. */
export const EXERCISE_ID = /^[a-z0-9][a-z0-9-]{1,40}$/;
export const LESSON_FILE = 'lesson.mdx';
export const EXERCISES_DIR = 'exercises';
/** Docker host names in a lab (the world's own rule: engine/world/spec.ts). */
export const HOST_NAME = /^[a-z][a-z0-9-]{0,30}$/;
