/**
 * Saving and opening lesson folders from the studio: the dev server's route (`npm run dev`), a
 * folder through the File System Access API where the browser has it, or a zip download.
 */
import { downloadFile } from '@/lib/browser/download-file';
import { STUDIO_CONTENT_ROUTE, STUDIO_HEADER } from '@/lib/studio/content-route';
import { draftPaths, isLessonFilePath, isLessonSlug, type LessonDraft } from '@/lib/studio/lesson-draft';
import { unzipLessons, zipLessons } from '@/lib/studio/zip';

/** Is the dev save route there (only under `npm run dev`, or the browser tests' server)? */
export async function devRouteAvailable(): Promise<boolean> {
  try {
    const r = await fetch(STUDIO_CONTENT_ROUTE, { headers: { [STUDIO_HEADER]: '1' } });
    if (!r.ok || !(r.headers.get('content-type') ?? '').includes('json')) return false;
    return ((await r.json()) as { writable?: unknown }).writable === true;
  } catch {
    return false;
  }
}

export async function saveToDevRoute(draft: LessonDraft): Promise<string> {
  const r = await fetch(STUDIO_CONTENT_ROUTE, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [STUDIO_HEADER]: '1' },
    body: JSON.stringify({ slug: draft.slug, files: draft.files }),
  });
  const body = (await r.json().catch(() => ({}))) as { written?: string[]; error?: string };
  if (!r.ok) throw new Error(body.error ?? `the dev server answered ${r.status}`);
  return `Saved ${body.written?.length ?? 0} files: ${(body.written ?? []).join(', ')}`;
}

export function downloadZip(draft: LessonDraft): string {
  downloadFile(`${draft.slug}.zip`, zipLessons([draft]) as Uint8Array<ArrayBuffer>, 'application/zip');
  return `Downloaded ${draft.slug}.zip (unzip it into content/)`;
}

// The File System Access API is not in TypeScript's DOM library yet: the few members used here.
interface DirHandle {
  name: string;
  getDirectoryHandle(name: string, options?: { create?: boolean }): Promise<DirHandle>;
  getFileHandle(name: string, options?: { create?: boolean }): Promise<{ createWritable(): Promise<{ write(data: string): Promise<void>; close(): Promise<void> }>; getFile(): Promise<File> }>;
  entries(): AsyncIterable<[string, { kind: 'file' | 'directory' }]>;
}
type PickerWindow = Window & { showDirectoryPicker?: (options?: { mode?: 'read' | 'readwrite' }) => Promise<DirHandle> };

export function canUseFolders(): boolean {
  return typeof (window as PickerWindow).showDirectoryPicker === 'function';
}

/** Asks for the content folder and writes `<slug>/…` into it. */
export async function saveToFolder(draft: LessonDraft): Promise<string> {
  const picker = (window as PickerWindow).showDirectoryPicker;
  if (!picker) throw new Error('this browser cannot write to folders: download a zip instead');
  const root = await picker({ mode: 'readwrite' });
  // Picking the lesson folder itself works too.
  const lessonDir = root.name === draft.slug ? root : await root.getDirectoryHandle(draft.slug, { create: true });
  for (const file of draftPaths(draft)) {
    let dir = lessonDir;
    const parts = file.split('/');
    for (const part of parts.slice(0, -1)) dir = await dir.getDirectoryHandle(part, { create: true });
    const handle = await dir.getFileHandle(parts[parts.length - 1] as string, { create: true });
    const writable = await handle.createWritable();
    await writable.write(draft.files[file] ?? '');
    await writable.close();
  }
  return `Saved ${draft.slug}/ into the folder ${root.name}`;
}

async function readLessonDir(dir: DirHandle, slug: string): Promise<LessonDraft | null> {
  const files = Object.create(null) as Record<string, string>;
  for await (const [name, entry] of dir.entries()) {
    if (entry.kind === 'file' && name === 'lesson.mdx') files[name] = await (await (await dir.getFileHandle(name)).getFile()).text();
    if (entry.kind === 'directory' && name === 'exercises') {
      const ex = await dir.getDirectoryHandle('exercises');
      for await (const [exName, exEntry] of ex.entries()) {
        const path = `exercises/${exName}`;
        if (exEntry.kind === 'file' && isLessonFilePath(path)) files[path] = await (await (await ex.getFileHandle(exName)).getFile()).text();
      }
    }
  }
  return Object.hasOwn(files, 'lesson.mdx') && isLessonSlug(slug) ? { slug, files } : null;
}

/** A lesson folder, or a content folder of several. */
export async function openFolder(): Promise<LessonDraft[]> {
  const picker = (window as PickerWindow).showDirectoryPicker;
  if (!picker) return [];
  const root = await picker({ mode: 'read' });
  const own = await readLessonDir(root, root.name);
  if (own) return [own];
  const drafts: LessonDraft[] = [];
  for await (const [name, entry] of root.entries()) {
    if (entry.kind !== 'directory') continue;
    const draft = await readLessonDir(await root.getDirectoryHandle(name), name);
    if (draft) drafts.push(draft);
  }
  return drafts;
}

export async function openZip(file: File): Promise<{ drafts: LessonDraft[]; skipped: string[] }> {
  return unzipLessons(new Uint8Array(await file.arrayBuffer()));
}
