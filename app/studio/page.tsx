import type { Metadata } from 'next';
import path from 'node:path';
import { StudioLoader } from '@/components/studio/StudioLoader';
import { contentDir, loadCourse, readLessonFiles } from '@/lib/content/content-files';
import { jsonSchemaOf, SCHEMA_DOCS } from '@/lib/content/json-schemas';
import type { LessonDraft } from '@/lib/studio/lesson-draft';

export const metadata: Metadata = {
  title: 'Studio',
  description: 'Write, preview, prove and save a Docknet lesson in the browser.',
  robots: { index: false },
};

/** The course's lesson folders as text, read at build time (under `npm run dev`, on each load). */
async function courseDrafts(): Promise<LessonDraft[]> {
  const root = contentDir();
  const course = await loadCourse(root);
  const drafts: LessonDraft[] = [];
  for (const folder of course.folders) {
    const slug = path.basename(folder.dir);
    const files = await readLessonFiles(root, slug);
    if (files.lesson === null) continue;
    drafts.push({
      slug,
      files: { 'lesson.mdx': files.lesson, ...Object.fromEntries(files.exercises.map((e) => [`exercises/${e.name}.yaml`, e.text])) },
    });
  }
  return drafts;
}

function schemas() {
  const of = (end: string) => {
    const doc = SCHEMA_DOCS.find((d) => d.file.endsWith(end));
    if (!doc) throw new Error(`no schema ${end}`);
    return jsonSchemaOf(doc);
  };
  return { lesson: of('lesson-frontmatter.schema.json'), exercise: of('exercise.schema.json') };
}

export default async function StudioPage() {
  return (
    <main id="main" tabIndex={-1} className="studio-main">
      <h1 className="sr-only">Docknet studio</h1>
      <StudioLoader course={await courseDrafts()} schemas={schemas()} />
    </main>
  );
}
