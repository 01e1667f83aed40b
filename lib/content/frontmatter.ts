/**
 * Node-side reading of lesson frontmatter only (no MDX compile): fast enough for the lab console
 * and the content check's first pass. Errors name the file, the field and the reason.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import matter from 'gray-matter';
import { lessonFrontmatterSchema, type LessonFrontmatter } from './lesson-schema';

export interface LessonSource {
  slug: string;
  file: string;
  frontmatter: LessonFrontmatter;
  body: string;
}

export type LoadResult = { ok: true; lesson: LessonSource } | { ok: false; file: string; errors: string[] };

function fieldPath(segments: readonly PropertyKey[]): string {
  return segments.length === 0 ? '(frontmatter)' : segments.map((s) => (typeof s === 'number' ? `[${s}]` : String(s))).join('.').replace(/\.\[/g, '[');
}

export async function loadLessonSources(dir = path.resolve(process.cwd(), 'content')): Promise<LoadResult[]> {
  const names = (await readdir(dir)).filter((n) => n.endsWith('.mdx')).sort();
  const out: LoadResult[] = [];
  for (const name of names) {
    const file = path.relative(process.cwd(), path.join(dir, name));
    const raw = await readFile(path.join(dir, name), 'utf8');
    let parsed: matter.GrayMatterFile<string>;
    try {
      parsed = matter(raw);
    } catch (e) {
      out.push({ ok: false, file, errors: [`the YAML frontmatter does not parse: ${e instanceof Error ? e.message : String(e)}`] });
      continue;
    }
    const r = lessonFrontmatterSchema.safeParse(parsed.data);
    if (!r.success) {
      out.push({ ok: false, file, errors: r.error.issues.map((i) => `field "${fieldPath(i.path)}": ${i.message}`) });
      continue;
    }
    out.push({ ok: true, lesson: { slug: name.replace(/\.mdx$/, ''), file, frontmatter: r.data, body: parsed.content } });
  }
  return out;
}
