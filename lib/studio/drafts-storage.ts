/**
 * The studio keeps the author's unsaved lessons in localStorage, so a reload or a closed tab loses
 * nothing. Read defensively: a damaged entry is dropped, never trusted.
 */
import { readStorage, writeStorage } from '../lab/storage';
import { isLessonFilePath, isLessonSlug, type LessonDraft } from './lesson-draft';

const KEY = 'docknet:studio:drafts:v1';

export function loadDrafts(): LessonDraft[] {
  const raw = readStorage(KEY);
  if (raw === null) return [];
  try {
    const data: unknown = JSON.parse(raw);
    if (!Array.isArray(data)) return [];
    const drafts: LessonDraft[] = [];
    for (const entry of data as { slug?: unknown; files?: unknown }[]) {
      if (typeof entry?.slug !== 'string' || !isLessonSlug(entry.slug) || typeof entry.files !== 'object' || entry.files === null) continue;
      const files = Object.create(null) as Record<string, string>;
      for (const [path, text] of Object.entries(entry.files as Record<string, unknown>)) if (isLessonFilePath(path) && typeof text === 'string') files[path] = text;
      drafts.push({ slug: entry.slug, files });
    }
    return drafts;
  } catch {
    return [];
  }
}

/** Returns false when the browser refused (storage full or disabled). */
export function saveDrafts(drafts: readonly LessonDraft[]): boolean {
  return writeStorage(KEY, JSON.stringify(drafts.map((d) => ({ slug: d.slug, files: { ...d.files } }))));
}
