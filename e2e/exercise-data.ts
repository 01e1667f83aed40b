/**
 * Exercises as the lesson frontmatter defines them, and what the engine's checker says about an
 * attempt, computed in Node with the same engine the browser runs. Browser tests compare the page
 * against these, so they follow the content instead of hard-coding commands and messages.
 */
import type { CheckReport } from '../engine/index';
import { loadCourse } from '../lib/content/content-files';
import { formatProblem } from '../lib/content/problems';
import type { Exercise } from '../lib/content/exercise-schema';
import { exerciseLabWorld, type LabWorld } from '../lib/content/lab-world';
import { grade, openExerciseLab, replay } from '../lib/exercises/run-exercise';

export interface LessonExercise {
  slug: string;
  /** The exercise's lab: its own hosts, or the lesson's lab (hosts or world). */
  lab: LabWorld;
  exercise: Exercise;
}

export async function lessonExercises(): Promise<LessonExercise[]> {
  const found: LessonExercise[] = [];
  const course = await loadCourse();
  if (course.problems.length > 0) throw new Error(course.problems.map(formatProblem).join('\n'));
  for (const { slug, frontmatter, exercises } of course.lessons) {
    for (const { exercise } of exercises) {
      found.push({ slug, lab: exerciseLabWorld(frontmatter.lab, exercise), exercise });
    }
  }
  return found;
}

export async function findExercise(slug: string, id: string): Promise<LessonExercise> {
  const found = (await lessonExercises()).find((x) => x.slug === slug && x.exercise.id === id);
  if (!found) throw new Error(`no exercise ${slug}/${id} in content/`);
  return found;
}

/** The checker's report after the exercise's setup and then `attempt`, on a fresh lab. */
export async function expectedReport({ lab: def, exercise }: LessonExercise, attempt: readonly string[]): Promise<CheckReport> {
  const lab = openExerciseLab(def);
  await replay(lab, exercise.setup);
  await replay(lab, attempt);
  return grade(lab, exercise.goal);
}

/** The text a hint shows: the frontmatter's `code` spans lose their backticks on the page. */
export function hintText(hint: string): string {
  return hint.replace(/`([^`]+)`/g, '$1');
}

/** Lines typed at the first host's prompt; "host2$ cmd" lines would need another terminal. */
export function typeableCommands(lines: readonly string[]): string[] {
  for (const line of lines) {
    if (/^[a-z][a-z0-9-]*\$\s/.test(line)) throw new Error(`"${line}" runs on another host; pick an exercise typed on one host`);
  }
  return [...lines];
}
