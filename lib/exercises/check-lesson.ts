/**
 * Every problem of one parsed lesson beyond its parse: MDX that does not compile and exercises
 * whose proofs fail, each at its file and line. Shared by `content:check` and the studio.
 */
import type { LessonSource } from '../content/lesson-folder';
import { compileLessonMdx } from '../content/mdx-compile';
import { fieldName, type Problem } from '../content/problems';
import { proveExercise } from './prove';

export async function checkLesson(lesson: LessonSource): Promise<Problem[]> {
  const problems: Problem[] = [];
  const compiled = await compileLessonMdx(lesson.body, lesson.bodyLine);
  if (!compiled.ok) problems.push({ file: lesson.file, line: compiled.error.line, column: compiled.error.column, message: `MDX: ${compiled.error.message}` });
  for (const source of lesson.exercises) {
    const proof = await proveExercise(source.exercise, source.exercise.hosts ?? lesson.frontmatter.lab.hosts);
    for (const p of proof.problems) problems.push({ file: source.file, ...source.locate(p.field), field: fieldName(p.field), message: p.message });
  }
  return problems;
}
