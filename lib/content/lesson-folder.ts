/**
 * A lesson folder, read from its files' text: `lesson.mdx` (front matter + MDX body) and
 * `exercises/<id>.yaml`. Pure and client-safe: `content:check`, the build, the lab console and the
 * studio all parse lessons here, so they agree on every rule and every error position.
 *
 * Exercise order: the order of the `<Exercise id="…">` tags in the body (outside code fences).
 * Every exercise file must be placed exactly once, and every tag must name an exercise file.
 */
import { exerciseFileSchema, type Exercise } from './exercise-schema';
import { EXERCISE_ID, EXERCISES_DIR, LESSON_FILE, LESSON_SLUG } from './names';
import { splitFrontMatter } from './front-matter';
import { setupHostProblems } from './lab-setup';
import { runBlockHosts } from './run-blocks';
import { lessonFrontmatterSchema, type LessonFrontmatter } from './lesson-schema';
import type { Problem } from './problems';
import { parseYamlSource, validateYaml, type SourcePosition } from './yaml-source';

export { EXERCISES_DIR, LESSON_FILE, LESSON_SLUG } from './names';

export interface LessonFiles {
  slug: string;
  /** The folder as shown in messages: "content/04-user-defined-bridges". */
  dir: string;
  /** lesson.mdx's text, or null when the folder has none. */
  lesson: string | null;
  /** exercises/*.yaml, by file name without ".yaml". */
  exercises: { name: string; text: string }[];
}

export interface ExerciseSource {
  exercise: Exercise;
  file: string;
  /** Where a field of the exercise file is (for proof problems such as "nearMisses[1].fails"). */
  locate(path: readonly (string | number)[]): SourcePosition;
}

export interface LessonSource {
  slug: string;
  dir: string;
  file: string;
  frontmatter: LessonFrontmatter;
  /** The MDX after the front matter. */
  body: string;
  /** 1-based line of lesson.mdx where the body starts. */
  bodyLine: number;
  /** Valid exercises in reading order. */
  exercises: ExerciseSource[];
  /** Where a front matter field is in lesson.mdx. */
  locate(path: readonly (string | number)[]): SourcePosition;
}

export interface Placement {
  id: string;
  line: number;
  column: number;
}

const FENCE = /^[ \t]*(`{3,}|~{3,})/;
const EXERCISE_TAG = /<Exercise\s+id=(?:"([^"]*)"|'([^']*)')/g;

/** `<Exercise id="…">` tags of an MDX body, outside fenced code, with their lines in the file. */
export function exercisePlacements(body: string, bodyLine = 1): Placement[] {
  const placements: Placement[] = [];
  let fence: string | null = null;
  body.split('\n').forEach((line, index) => {
    const match = FENCE.exec(line);
    if (fence !== null) {
      if (match?.[1] && match[1][0] === fence[0] && match[1].length >= fence.length && line.trim() === match[1]) fence = null;
      return;
    }
    if (match?.[1]) {
      fence = match[1];
      return;
    }
    for (const tag of line.matchAll(EXERCISE_TAG)) {
      placements.push({ id: tag[1] ?? tag[2] ?? '', line: bodyLine + index, column: (tag.index ?? 0) + 1 });
    }
  });
  return placements;
}

export function lessonFilePath(dir: string): string {
  return `${dir}/${LESSON_FILE}`;
}

export function exerciseFilePath(dir: string, name: string): string {
  return `${dir}/${EXERCISES_DIR}/${name}.yaml`;
}

export function parseLessonFolder(files: LessonFiles): { lesson: LessonSource | null; problems: Problem[] } {
  const file = lessonFilePath(files.dir);
  const problems: Problem[] = [];
  const top = (message: string, at = file): void => void problems.push({ file: at, line: 1, column: 1, message });
  if (!LESSON_SLUG.test(files.slug)) {
    top(`the folder name "${files.slug}" must be lower-case letters, digits and dashes (it becomes the URL /lessons/${files.slug}/)`, files.dir);
  }
  if (files.lesson === null) {
    top(`no ${LESSON_FILE} in ${files.dir}/`, files.dir);
    return { lesson: null, problems };
  }
  const split = splitFrontMatter(files.lesson);
  if (split.error) top(split.error);
  if (split.yaml === null) {
    if (!split.error) top('lesson.mdx must start with YAML front matter between "---" lines (title, summary, order, driver, minutes, lab)');
    return { lesson: null, problems };
  }
  const origin = { file, line: split.yamlLine };
  const parsed = parseYamlSource(split.yaml, origin);
  const checked = validateYaml(parsed, lessonFrontmatterSchema, origin);
  if (!checked.ok) return { lesson: null, problems: [...problems, ...checked.problems] };
  const frontmatter = checked.value;
  for (const p of setupHostProblems(frontmatter.lab.setup, frontmatter.lab.hosts)) {
    problems.push({ file, ...parsed.locate(['lab', 'setup', p.index]), field: `lab.setup[${p.index}]`, message: p.message });
  }

  const byName = new Map<string, ExerciseSource>();
  for (const { name, text } of [...files.exercises].sort((a, b) => a.name.localeCompare(b.name))) {
    const exFile = exerciseFilePath(files.dir, name);
    if (!EXERCISE_ID.test(name)) {
      top(`the file name "${name}" is the exercise's id: lower-case letters, digits and dashes, 2 to 41 characters`, exFile);
      continue;
    }
    const exOrigin = { file: exFile };
    const exParsed = parseYamlSource(text, exOrigin);
    const exChecked = validateYaml(exParsed, exerciseFileSchema, exOrigin);
    if (!exChecked.ok) {
      problems.push(...exChecked.problems);
      continue;
    }
    const exercise: Exercise = { id: name, ...exChecked.value };
    const hosts = exercise.hosts ?? frontmatter.lab.hosts;
    for (const p of setupHostProblems(exercise.setup, hosts)) {
      problems.push({ file: exFile, ...exParsed.locate(['setup', p.index]), field: `setup[${p.index}]`, message: p.message });
    }
    byName.set(name, { exercise, file: exFile, locate: exParsed.locate });
  }

  // A Run block types into the terminal tab of the host it names: that host must be in its lab.
  for (const use of runBlockHosts(split.body, split.bodyLine)) {
    const source = use.exercise === null ? undefined : byName.get(use.exercise);
    const hosts = source?.exercise.hosts ?? frontmatter.lab.hosts;
    if (hosts.includes(use.host)) continue;
    const lab = source ? `the hosts of exercise "${use.exercise}"'s lab` : "the lab's hosts";
    problems.push({ file, line: use.line, column: use.column, message: `Run block: host "${use.host}" is not one of ${lab} (${hosts.join(', ')})` });
  }

  const known = new Set(files.exercises.map((e) => e.name));
  const placed = new Map<string, Placement>();
  const ordered: ExerciseSource[] = [];
  for (const placement of exercisePlacements(split.body, split.bodyLine)) {
    const where = { file, line: placement.line, column: placement.column };
    if (placed.has(placement.id)) {
      problems.push({ ...where, message: `<Exercise id="${placement.id}"> appears again (first on line ${placed.get(placement.id)?.line})` });
      continue;
    }
    placed.set(placement.id, placement);
    if (!known.has(placement.id)) {
      problems.push({ ...where, message: `<Exercise id="${placement.id}"> names no exercise: there is no ${EXERCISES_DIR}/${placement.id}.yaml` });
      continue;
    }
    const source = byName.get(placement.id);
    if (source) ordered.push(source);
  }
  for (const [name, source] of byName) {
    if (!placed.has(name)) {
      problems.push({ file: source.file, line: 1, column: 1, message: `no <Exercise id="${name}"> in ${LESSON_FILE} places this exercise` });
    }
  }
  return {
    lesson: { slug: files.slug, dir: files.dir, file, frontmatter, body: split.body, bodyLine: split.bodyLine, exercises: ordered, locate: parsed.locate },
    problems,
  };
}

/** Problems between lessons: two lessons with the same `order`. */
export function courseProblems(lessons: readonly LessonSource[]): Problem[] {
  const problems: Problem[] = [];
  const byOrder = new Map<number, LessonSource>();
  for (const lesson of [...lessons].sort((a, b) => a.slug.localeCompare(b.slug))) {
    const other = byOrder.get(lesson.frontmatter.order);
    if (other) {
      const { line, column } = lesson.locate(['order']);
      problems.push({ file: lesson.file, line, column, field: 'order', message: `${lesson.frontmatter.order} is also the order of ${other.file}` });
    } else byOrder.set(lesson.frontmatter.order, lesson);
  }
  return problems;
}
