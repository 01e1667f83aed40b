/**
 * The dev server's save route for the studio (`npm run dev` only): writes a lesson's files under
 * content/ and nowhere else. Every path is checked twice: by shape (a lesson slug, then
 * "lesson.mdx" or "exercises/<id>.yaml") and, after resolving, by staying inside the content
 * folder (no "..", no absolute paths, no symlinked escape). Node-only.
 */
import { lstat, mkdir, realpath, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { STUDIO_HEADER } from './content-route';
import { isLessonFilePath, isLessonSlug } from './lesson-draft';

export { STUDIO_CONTENT_ROUTE, STUDIO_HEADER } from './content-route';
const MAX_FILE_BYTES = 512 * 1024;
const MAX_FILES = 60;

export class SaveRefused extends Error {
  override name = 'SaveRefused';
}

function inside(root: string, target: string): boolean {
  const relative = path.relative(root, target);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}

/** Writes the files of one lesson folder; returns the paths written, relative to the project. */
export async function writeLessonFiles(root: string, slug: unknown, files: unknown): Promise<string[]> {
  if (typeof slug !== 'string' || !isLessonSlug(slug)) throw new SaveRefused(`"${String(slug)}" is not a lesson slug`);
  if (typeof files !== 'object' || files === null || Array.isArray(files)) throw new SaveRefused('files must be an object of path → text');
  const entries = Object.entries(files as Record<string, unknown>);
  if (entries.length === 0 || entries.length > MAX_FILES) throw new SaveRefused(`a lesson has 1 to ${MAX_FILES} files`);
  for (const [file, text] of entries) {
    if (!isLessonFilePath(file)) throw new SaveRefused(`"${file}" is not a lesson file (lesson.mdx or exercises/<id>.yaml)`);
    if (typeof text !== 'string' || Buffer.byteLength(text) > MAX_FILE_BYTES) throw new SaveRefused(`"${file}" must be text of at most ${MAX_FILE_BYTES} bytes`);
  }
  await mkdir(root, { recursive: true });
  const realRoot = await realpath(root);
  const folder = path.join(realRoot, slug);
  if (!inside(realRoot, folder)) throw new SaveRefused(`"${slug}" is outside the content folder`);
  const written: string[] = [];
  for (const [file, text] of entries) {
    const target = path.join(folder, file);
    if (!inside(folder, target)) throw new SaveRefused(`"${file}" is outside the lesson folder`);
    await mkdir(path.dirname(target), { recursive: true });
    // A symlink planted inside content/ must not carry the write elsewhere.
    const realDir = await realpath(path.dirname(target));
    if (!inside(realRoot, realDir) && realDir !== realRoot) throw new SaveRefused(`"${file}" resolves outside the content folder`);
    const existing = await lstat(target).catch(() => null);
    if (existing?.isSymbolicLink()) throw new SaveRefused(`"${file}" is a symbolic link`);
    await writeFile(target, text as string);
    written.push(path.relative(process.cwd(), target).split(path.sep).join('/'));
  }
  return written;
}

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', 'cache-control': 'no-store' } });
}

/** Only pages of this dev server may save: same-origin, with the studio's header. */
function refusedOrigin(request: Request): string | null {
  if (request.headers.get(STUDIO_HEADER) !== '1') return `missing ${STUDIO_HEADER} header`;
  const origin = request.headers.get('origin');
  const host = request.headers.get('host');
  if (origin !== null && host !== null && new URL(origin).host !== host) return 'cross-origin request';
  return null;
}

/**
 * GET: `{ writable: true }` (the studio offers "Save to content/"); POST `{ slug, files }`: writes.
 * Shared by app/api/studio/content/route.dev.ts and the browser tests' server.
 */
export async function handleStudioContentRequest(request: Request, root: string): Promise<Response> {
  if (request.method === 'GET') return json(200, { writable: true, root: path.relative(process.cwd(), root) || '.' });
  if (request.method !== 'POST') return json(405, { error: 'GET or POST' });
  const refused = refusedOrigin(request);
  if (refused) return json(403, { error: refused });
  let body: { slug?: unknown; files?: unknown };
  try {
    body = (await request.json()) as { slug?: unknown; files?: unknown };
  } catch {
    return json(400, { error: 'the body must be JSON' });
  }
  try {
    return json(200, { written: await writeLessonFiles(root, body.slug, body.files) });
  } catch (error) {
    if (error instanceof SaveRefused) return json(400, { error: error.message });
    return json(500, { error: error instanceof Error ? error.message : String(error) });
  }
}
