/**
 * Every problem of one parsed lesson beyond its parse: a lesson lab that cannot be built or whose
 * setup fails, MDX that does not compile, and exercises whose proofs fail, each at its file and
 * line. Shared by `content:check` and the studio.
 */
import type { LessonSource } from '../content/lesson-folder';
import { exerciseLabWorld } from '../content/lab-world';
import { compileLessonMdx } from '../content/mdx-compile';
import { fieldName, type Problem } from '../content/problems';
import { proveExercise } from './prove';
import { openExerciseLab, replay } from './run-exercise';

/** An error's first line says what went wrong (usage text follows it). */
const firstLine = (output: string) => output.trim().split('\n')[0] ?? '';

/** Builds the lesson's lab (its hosts or world) and runs `lab.setup` as the browser does. */
export async function checkLessonLab(lesson: LessonSource): Promise<Problem[]> {
  const spec = lesson.frontmatter.lab;
  const at = (path: (string | number)[], message: string): Problem => ({ file: lesson.file, ...lesson.locate(path), field: fieldName(path), message });
  let lab: ReturnType<typeof openExerciseLab>;
  try {
    lab = openExerciseLab(spec);
  } catch (error) {
    return [at(['lab', spec.world ? 'world' : 'hosts'], `the lab cannot be built: ${error instanceof Error ? error.message : String(error)}`)];
  }
  const steps = await replay(lab, spec.setup);
  return steps.flatMap((step, index) =>
    step.exitCode === 0 ? [] : [at(['lab', 'setup', index], `\`${step.command}\` on ${step.host} exits ${step.exitCode}: ${firstLine(step.output)}`)],
  );
}

export async function checkLesson(lesson: LessonSource): Promise<Problem[]> {
  const problems: Problem[] = [...(await checkLessonLab(lesson))];
  const compiled = await compileLessonMdx(lesson.body, lesson.bodyLine);
  if (!compiled.ok) problems.push({ file: lesson.file, line: compiled.error.line, column: compiled.error.column, message: `MDX: ${compiled.error.message}` });
  for (const source of lesson.exercises) {
    const proof = await proveExercise(source.exercise, exerciseLabWorld(lesson.frontmatter.lab, source.exercise));
    for (const p of proof.problems) problems.push({ file: source.file, ...source.locate(p.field), field: fieldName(p.field), message: p.message });
  }
  return problems;
}
