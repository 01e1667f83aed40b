/**
 * `npm run content:check`: reads every lesson folder (content/<slug>/lesson.mdx and
 * exercises/<id>.yaml), validates front matter and exercises against the zod schemas, compiles the
 * MDX, and proves every exercise (lib/exercises/prove.ts, the same proofs as the studio's Prove
 * panel). Prints a line per lesson; exits 1 with `file:line:col: field "x": reason` problems.
 *   --write-schema  regenerates the JSON Schemas in docs/ (checked for staleness otherwise)
 */
import { readFile, writeFile } from 'node:fs/promises';
import { loadCourse } from '../lib/content/content-files';
import { jsonSchemaText, SCHEMA_DOCS } from '../lib/content/json-schemas';
import { formatProblem, sortProblems, type Problem } from '../lib/content/problems';
import { checkLesson } from '../lib/exercises/check-lesson';

async function main(): Promise<void> {
  const problems: Problem[] = [];
  const write = process.argv.includes('--write-schema');
  for (const doc of SCHEMA_DOCS) {
    const text = jsonSchemaText(doc);
    if (write) {
      await writeFile(doc.file, text);
      console.log(`wrote ${doc.file}`);
    } else if ((await readFile(doc.file, 'utf8').catch(() => '')) !== text) {
      problems.push({ file: doc.file, line: 1, column: 1, message: 'out of date with the zod schemas in lib/content/ (run `npm run content:check -- --write-schema`)' });
    }
  }
  const course = await loadCourse();
  let exercises = 0;
  for (const folder of course.folders) {
    const found = [...folder.problems, ...(folder.lesson ? await checkLesson(folder.lesson) : [])];
    problems.push(...found);
    const n = folder.lesson?.exercises.length ?? 0;
    exercises += n;
    const counts = folder.lesson ? `: ${n} exercise${n === 1 ? '' : 's'}` : '';
    console.log(`${found.length ? '✗' : '✓'} ${folder.dir}${counts}${found.length ? `, ${found.length} problem${found.length === 1 ? '' : 's'}` : ''}`);
  }
  if (problems.length) {
    console.error(`\n${problems.length} problem${problems.length === 1 ? '' : 's'}:`);
    for (const p of sortProblems(problems)) console.error(`  ${formatProblem(p)}`);
    process.exit(1);
  }
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  console.log(`content check: ${plural(course.lessons.length, 'lesson')}, ${plural(exercises, 'exercise')}, all good`);
}

void main();
