/**
 * `npm run content:check`: compiles every lesson, validates its frontmatter and exercises, and
 * replays each exercise: the goal must FAIL right after setup (an exercise that passes untouched
 * is a bug), PASS after the solution and after each alternative, and each near miss must fail on
 * the criteria it names. Prints a line per lesson; exits 1 with file-and-field errors.
 *   --write-schema  regenerates docs/lesson-frontmatter.schema.json (checked for staleness otherwise)
 */
import { readFile, writeFile } from 'node:fs/promises';
import { z } from 'zod';
import { loadLessonSources, type LessonSource } from '../lib/content/frontmatter';
import { lessonFrontmatterSchema } from '../lib/content/lesson-schema';
import { getAllLessons } from '../lib/content/lessons';
import type { Exercise } from '../lib/content/exercise-schema';
import { grade, openExerciseLab, replay } from '../lib/exercises/run-exercise';

const SCHEMA_FILE = 'docs/lesson-frontmatter.schema.json';

function schemaJson(): string {
  const schema = z.toJSONSchema(lessonFrontmatterSchema, { io: 'input', unrepresentable: 'any' });
  return JSON.stringify({ title: 'Docknet lesson frontmatter', ...schema }, null, 2) + '\n';
}

async function checkExercise(lesson: LessonSource, ex: Exercise): Promise<string[]> {
  const where = `${lesson.file}: exercises[${ex.id}]`;
  const hosts = ex.hosts ?? lesson.frontmatter.lab.hosts;
  const errors: string[] = [];
  const fresh = async (extra: readonly string[]) => {
    const x = openExerciseLab(hosts);
    const setupSteps = await replay(x, ex.setup);
    const failed = setupSteps.find((s) => s.exitCode !== 0);
    if (failed) errors.push(`${where}: field "setup": \`${failed.command}\` exits ${failed.exitCode}: ${failed.output.trim().split('\n').pop()}`);
    const steps = await replay(x, extra);
    return { x, steps };
  };
  {
    const { x } = await fresh([]);
    const r = grade(x, ex.goal);
    if (r.pass) errors.push(`${where}: field "goal": the goal already passes right after setup (the exercise would be solved untouched)`);
  }
  {
    const { x, steps } = await fresh(ex.solution);
    const r = grade(x, ex.goal);
    if (!r.pass) {
      const bad = r.criteria.filter((c) => !c.pass).map((c) => `${c.id} (${c.message})`);
      errors.push(`${where}: field "solution": the goal fails after the solution: ${bad.join('; ')}`);
      const failedCmd = steps.find((s) => s.exitCode !== 0);
      if (failedCmd) errors.push(`${where}: field "solution": \`${failedCmd.command}\` exits ${failedCmd.exitCode}: ${failedCmd.output.trim().split('\n').pop()}`);
    }
  }
  for (const [i, alt] of ex.alternatives.entries()) {
    const { x } = await fresh(alt.commands);
    const r = grade(x, ex.goal);
    if (!r.pass) {
      errors.push(`${where}: field "alternatives[${i}]": should pass (${alt.why}) but fails: ${r.criteria.filter((c) => !c.pass).map((c) => `${c.id} (${c.message})`).join('; ')}`);
    }
  }
  for (const [i, miss] of ex.nearMisses.entries()) {
    const { x } = await fresh(miss.commands);
    const r = grade(x, ex.goal);
    const failing = new Set(r.criteria.filter((c) => !c.pass).map((c) => c.id));
    if (r.pass) errors.push(`${where}: field "nearMisses[${i}]": should fail (${miss.why}) but the goal passes`);
    for (const id of miss.fails) {
      if (!r.criteria.some((c) => c.id === id)) errors.push(`${where}: field "nearMisses[${i}].fails": no criterion "${id}" in this goal (ids: ${r.criteria.map((c) => c.id).join(', ')})`);
      else if (!failing.has(id)) errors.push(`${where}: field "nearMisses[${i}].fails": "${id}" passes, expected it to fail (${miss.why})`);
    }
  }
  return errors;
}

function placementErrors(lesson: LessonSource): string[] {
  const placed = [...lesson.body.matchAll(/<Exercise\s+id=["']([^"']+)["']/g)].map((m) => m[1]!);
  const ids = lesson.frontmatter.exercises.map((e) => e.id);
  const errors: string[] = [];
  for (const id of ids) {
    const n = placed.filter((p) => p === id).length;
    if (n === 0) errors.push(`${lesson.file}: exercises[${id}]: no <Exercise id="${id}"> in the lesson body places it`);
    if (n > 1) errors.push(`${lesson.file}: exercises[${id}]: <Exercise id="${id}"> appears ${n} times`);
  }
  for (const p of placed) if (!ids.includes(p)) errors.push(`${lesson.file}: <Exercise id="${p}"> names no exercise of the frontmatter`);
  return errors;
}

async function main(): Promise<void> {
  const errors: string[] = [];
  if (process.argv.includes('--write-schema')) {
    await writeFile(SCHEMA_FILE, schemaJson());
    console.log(`wrote ${SCHEMA_FILE}`);
  } else {
    const current = await readFile(SCHEMA_FILE, 'utf8').catch(() => '');
    if (current !== schemaJson()) errors.push(`${SCHEMA_FILE}: out of date with lib/content/lesson-schema.ts (run \`npm run content:check -- --write-schema\`)`);
  }
  try {
    await getAllLessons();
  } catch (e) {
    errors.push(e instanceof Error ? e.message : String(e));
  }
  const sources = await loadLessonSources();
  let exercises = 0;
  for (const s of sources) {
    if (!s.ok) {
      for (const e of s.errors) errors.push(`${s.file}: ${e}`);
      console.log(`✗ ${s.file}`);
      continue;
    }
    const lesson = s.lesson;
    const lessonErrors = [...placementErrors(lesson)];
    for (const ex of lesson.frontmatter.exercises) lessonErrors.push(...(await checkExercise(lesson, ex)));
    exercises += lesson.frontmatter.exercises.length;
    const n = lesson.frontmatter.exercises.length;
    console.log(`${lessonErrors.length ? '✗' : '✓'} ${lesson.file}: ${n} exercise${n === 1 ? '' : 's'}${lessonErrors.length ? `, ${lessonErrors.length} problem${lessonErrors.length === 1 ? '' : 's'}` : ''}`);
    errors.push(...lessonErrors);
  }
  if (errors.length) {
    console.error(`\n${errors.length} problem${errors.length === 1 ? '' : 's'}:`);
    for (const e of errors) console.error(`  ${e}`);
    process.exit(1);
  }
  console.log(`content check: ${sources.length} lessons, ${exercises} exercises, all good`);
}

void main();
