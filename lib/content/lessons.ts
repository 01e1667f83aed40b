/**
 * Server-side (build-time) lesson loading: reads `content/*.mdx`, validates the frontmatter with
 * the shared schema, and compiles each lesson with mdx-bundler. A lesson with bad frontmatter
 * fails the build with its file, the field and the reason.
 *
 * The content folder is `content/` unless DOCKNET_CONTENT_DIR points elsewhere (used to preview
 * or test another set of lessons).
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { cache } from 'react';
import { bundleMDX } from 'mdx-bundler';
import rehypePrettyCode from 'rehype-pretty-code';
import { lessonFrontmatterSchema, type LessonFrontmatter } from './lesson-schema';
import { setupHostProblems } from './lab-setup';
import { preprocessRunTags, remarkRunBlocks } from './run-blocks';

export interface LessonMeta extends LessonFrontmatter {
  slug: string;
  /** Path relative to the project, for error messages. */
  file: string;
}

export interface CompiledLesson {
  meta: LessonMeta;
  /** mdx-bundler's function body; evaluated on the server at build time only. */
  code: string;
}

const SLUG = /^[a-z0-9][a-z0-9-]*$/;

export function contentDir(): string {
  return path.resolve(process.cwd(), process.env.DOCKNET_CONTENT_DIR ?? 'content');
}

export class LessonError extends Error {
  override name = 'LessonError';
}

async function lessonFiles(): Promise<string[]> {
  const dir = contentDir();
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return [];
  }
  return names.filter((name) => name.endsWith('.mdx')).sort();
}

function describeIssuePath(segments: readonly PropertyKey[]): string {
  return segments.length === 0 ? '(frontmatter)' : segments.map((s) => (typeof s === 'number' ? `[${s}]` : String(s))).join('.').replace(/\.\[/g, '[');
}

export function validateFrontmatter(file: string, data: unknown): LessonFrontmatter {
  const parsed = lessonFrontmatterSchema.safeParse(data ?? {});
  if (!parsed.success) {
    const reasons = parsed.error.issues.map((issue) => `  - field "${describeIssuePath(issue.path)}": ${issue.message}`);
    throw new LessonError(`${file}: invalid lesson frontmatter\n${reasons.join('\n')}`);
  }
  const problems = setupHostProblems(parsed.data.lab.setup, parsed.data.lab.hosts);
  if (problems.length > 0) {
    throw new LessonError(`${file}: invalid lesson frontmatter\n${problems.map((p) => `  - field "${p}`).join('\n')}`);
  }
  return parsed.data;
}

// Module-level memo keyed by mtime: the build renders many pages in one process and each needs
// the whole course (for ordering and prev/next); `next dev` still sees edits.
const compiled = new Map<string, { mtimeMs: number; lesson: Promise<CompiledLesson> }>();

async function compileFile(name: string): Promise<CompiledLesson> {
  const absolute = path.join(contentDir(), name);
  const { mtimeMs } = await stat(absolute);
  const hit = compiled.get(absolute);
  if (hit && hit.mtimeMs === mtimeMs) return hit.lesson;
  const lesson = compileUncached(name, absolute);
  compiled.set(absolute, { mtimeMs, lesson });
  lesson.catch(() => compiled.delete(absolute));
  return lesson;
}

async function compileUncached(name: string, absolute: string): Promise<CompiledLesson> {
  const file = path.relative(process.cwd(), absolute);
  const slug = name.replace(/\.mdx$/, '');
  if (!SLUG.test(slug)) {
    throw new LessonError(`${file}: the file name must be lower-case letters, digits and dashes (it becomes the URL /lessons/${slug}/)`);
  }
  const source = preprocessRunTags(await readFile(absolute, 'utf8'));
  let result: Awaited<ReturnType<typeof bundleMDX>>;
  try {
    result = await bundleMDX({
      source,
      cwd: path.dirname(absolute),
      mdxOptions(options) {
        options.remarkPlugins = [...(options.remarkPlugins ?? []), remarkRunBlocks];
        options.rehypePlugins = [
          ...(options.rehypePlugins ?? []),
          [rehypePrettyCode, { theme: 'github-dark', keepBackground: false, defaultLang: { block: 'text' } }],
        ];
        return options;
      },
    });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new LessonError(`${file}: the MDX does not compile\n  ${reason}`);
  }
  const frontmatter = validateFrontmatter(file, result.frontmatter);
  return { meta: { ...frontmatter, slug, file }, code: result.code };
}

/** Every lesson, compiled, in course order (frontmatter `order`). */
export const getAllLessons = cache(async (): Promise<CompiledLesson[]> => {
  const lessons = await Promise.all((await lessonFiles()).map(compileFile));
  lessons.sort((a, b) => a.meta.order - b.meta.order || a.meta.slug.localeCompare(b.meta.slug));
  for (let i = 1; i < lessons.length; i++) {
    const previous = lessons[i - 1];
    const current = lessons[i];
    if (previous && current && previous.meta.order === current.meta.order) {
      throw new LessonError(`${current.meta.file}: field "order": ${current.meta.order} is also the order of ${previous.meta.file}`);
    }
  }
  return lessons;
});

export const getLesson = cache(async (slug: string): Promise<CompiledLesson | null> => {
  return (await getAllLessons()).find((lesson) => lesson.meta.slug === slug) ?? null;
});

export async function getLessonSlugs(): Promise<string[]> {
  return (await getAllLessons()).map((lesson) => lesson.meta.slug);
}
