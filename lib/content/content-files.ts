/**
 * Node-side reading of the course: every `content/<slug>/` folder, parsed by lesson-folder.ts.
 * Used by the build, `content:check`, the lab console and tests. The folder is `content/` unless
 * DOCKNET_CONTENT_DIR points elsewhere (tests, previewing another set of lessons).
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { courseProblems, EXERCISES_DIR, LESSON_FILE, parseLessonFolder, type LessonFiles, type LessonSource } from './lesson-folder';
import type { Problem } from './problems';

export function contentDir(): string {
  return path.resolve(process.cwd(), process.env.DOCKNET_CONTENT_DIR ?? 'content');
}

function shown(absolute: string): string {
  return path.relative(process.cwd(), absolute).split(path.sep).join('/');
}

async function readOrNull(file: string): Promise<string | null> {
  try {
    return await readFile(file, 'utf8');
  } catch {
    return null;
  }
}

export async function readLessonFiles(root: string, slug: string): Promise<LessonFiles> {
  const dir = path.join(root, slug);
  let names: string[] = [];
  try {
    names = (await readdir(path.join(dir, EXERCISES_DIR))).filter((n) => n.endsWith('.yaml')).sort();
  } catch {
    // No exercises folder: a lesson without exercises.
  }
  const exercises = await Promise.all(
    names.map(async (n) => ({ name: n.slice(0, -'.yaml'.length), text: (await readOrNull(path.join(dir, EXERCISES_DIR, n))) ?? '' })),
  );
  return { slug, dir: shown(dir), lesson: await readOrNull(path.join(dir, LESSON_FILE)), exercises };
}

export interface LessonFolder {
  dir: string;
  lesson: LessonSource | null;
  problems: Problem[];
}

export interface Course {
  /** Lessons whose front matter is valid, in course order. */
  lessons: LessonSource[];
  /** Every folder (and stray file) of content/, in name order, with its own problems. */
  folders: LessonFolder[];
  /** All problems, including those between lessons (two with the same order). */
  problems: Problem[];
}

export async function loadCourse(root = contentDir()): Promise<Course> {
  let entries: import('node:fs').Dirent[];
  try {
    entries = await readdir(root, { withFileTypes: true });
  } catch {
    return { lessons: [], folders: [], problems: [] };
  }
  const folders: LessonFolder[] = [];
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.name.startsWith('.')) continue;
    if (!entry.isDirectory()) {
      if (entry.name.endsWith('.mdx')) {
        const slug = entry.name.slice(0, -'.mdx'.length);
        const file = shown(path.join(root, entry.name));
        folders.push({ dir: file, lesson: null, problems: [{ file, line: 1, column: 1, message: `a lesson is a folder: move this file to ${shown(path.join(root, slug, LESSON_FILE))}` }] });
      }
      continue;
    }
    const files = await readLessonFiles(root, entry.name);
    const parsed = parseLessonFolder(files);
    folders.push({ dir: files.dir, lesson: parsed.lesson, problems: parsed.problems });
  }
  const lessons = folders.flatMap((f) => (f.lesson ? [f.lesson] : []));
  for (const p of courseProblems(lessons)) folders.find((f) => f.lesson?.file === p.file)?.problems.push(p);
  lessons.sort((a, b) => a.frontmatter.order - b.frontmatter.order || a.slug.localeCompare(b.slug));
  return { lessons, folders, problems: folders.flatMap((f) => f.problems) };
}
