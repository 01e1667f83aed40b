/**
 * Server-side (build-time) lesson loading: reads every `content/<slug>/` folder (content-files.ts),
 * fails with every problem at its file and line, and compiles each lesson's MDX with syntax
 * highlighting. Used by the lesson pages and the course index.
 */
import { cache } from 'react';
import rehypePrettyCode from 'rehype-pretty-code';
import { loadCourse } from './content-files';
import type { LessonData } from './lesson-schema';
import { compileLessonMdx } from './mdx-compile';
import { formatProblem, sortProblems } from './problems';

export { contentDir } from './content-files';

export interface LessonMeta extends LessonData {
  slug: string;
  /** Path of lesson.mdx relative to the project, for error messages. */
  file: string;
}

export interface CompiledLesson {
  meta: LessonMeta;
  /** The compiled MDX's function body; evaluated on the server at build time only. */
  code: string;
}

export class LessonError extends Error {
  override name = 'LessonError';
}

const HIGHLIGHT: NonNullable<Parameters<typeof compileLessonMdx>[2]>['rehypePlugins'] = [
  [rehypePrettyCode, { theme: 'github-dark', keepBackground: false, defaultLang: { block: 'text' } }],
];

// The build renders many pages in one process and each needs the whole course (ordering,
// prev/next): compile each lesson once per distinct text (so `next dev` still sees edits).
const compiled = new Map<string, ReturnType<typeof compileLessonMdx>>();

function compileOnce(body: string, bodyLine: number): ReturnType<typeof compileLessonMdx> {
  const key = `${bodyLine}\n${body}`;
  let result = compiled.get(key);
  if (!result) {
    if (compiled.size > 200) compiled.clear();
    result = compileLessonMdx(body, bodyLine, { rehypePlugins: HIGHLIGHT });
    compiled.set(key, result);
  }
  return result;
}

/** Every lesson, compiled, in course order (front matter `order`). */
export const getAllLessons = cache(async (): Promise<CompiledLesson[]> => {
  const course = await loadCourse();
  if (course.problems.length > 0) {
    throw new LessonError(`the course has ${course.problems.length} problem(s):\n${sortProblems(course.problems).map((p) => `  ${formatProblem(p)}`).join('\n')}`);
  }
  return Promise.all(
    course.lessons.map(async (lesson) => {
      const compiled = await compileOnce(lesson.body, lesson.bodyLine);
      if (!compiled.ok) {
        const { line, column, message } = compiled.error;
        throw new LessonError(`${lesson.file}:${line}:${column}: the MDX does not compile: ${message}`);
      }
      const meta: LessonMeta = { ...lesson.frontmatter, exercises: lesson.exercises.map((e) => e.exercise), slug: lesson.slug, file: lesson.file };
      return { meta, code: compiled.code };
    }),
  );
});

export const getLesson = cache(async (slug: string): Promise<CompiledLesson | null> => {
  return (await getAllLessons()).find((lesson) => lesson.meta.slug === slug) ?? null;
});

export async function getLessonSlugs(): Promise<string[]> {
  return (await getAllLessons()).map((lesson) => lesson.meta.slug);
}
