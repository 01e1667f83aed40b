/**
 * Lesson folders as zip files (the static build's "Download" and "Open a zip"), with fflate.
 * A zip holds `<slug>/lesson.mdx` and `<slug>/exercises/<id>.yaml`; on opening, anything else
 * (other files, paths that climb out, oversized entries) is left out and reported. Client-safe.
 */
import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from 'fflate';
import { draftPaths, isLessonFilePath, isLessonSlug, type LessonDraft } from './lesson-draft';

const MAX_ENTRY_BYTES = 512 * 1024;

export function zipLessons(drafts: readonly LessonDraft[]): Uint8Array {
  const tree: Zippable = {};
  for (const draft of drafts) {
    for (const file of draftPaths(draft)) tree[`${draft.slug}/${file}`] = strToU8(draft.files[file] ?? '');
  }
  return zipSync(tree, { level: 6 });
}

export interface OpenedZip {
  drafts: LessonDraft[];
  /** Entries left out, with why. */
  skipped: string[];
}

export function unzipLessons(bytes: Uint8Array): OpenedZip {
  const skipped: string[] = [];
  const bySlug = new Map<string, LessonDraft>();
  const entries = unzipSync(bytes, {
    filter: (file) => {
      if (file.name.endsWith('/')) return false;
      if (file.originalSize > MAX_ENTRY_BYTES) {
        skipped.push(`${file.name}: larger than ${MAX_ENTRY_BYTES} bytes`);
        return false;
      }
      return true;
    },
  });
  for (const [name, data] of Object.entries(entries)) {
    // A zip made by zipping the content folder itself has one more level: content/<slug>/...
    const parts = name.split('/').filter((p) => p !== '');
    const lessonAt = parts.findIndex((_p, i) => i + 1 < parts.length && isLessonFilePath(parts.slice(i + 1).join('/')));
    const slug = lessonAt >= 0 ? parts[lessonAt] : undefined;
    const file = lessonAt >= 0 ? parts.slice(lessonAt + 1).join('/') : '';
    if (slug === undefined || !isLessonSlug(slug) || !isLessonFilePath(file) || parts.includes('..')) {
      skipped.push(`${name}: not a lesson file (<slug>/lesson.mdx or <slug>/exercises/<id>.yaml)`);
      continue;
    }
    let draft = bySlug.get(slug);
    if (!draft) {
      draft = { slug, files: Object.create(null) as Record<string, string> };
      bySlug.set(slug, draft);
    }
    draft.files[file] = strFromU8(data);
  }
  return { drafts: [...bySlug.values()].sort((a, b) => a.slug.localeCompare(b.slug)), skipped };
}
