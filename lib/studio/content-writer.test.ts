import { mkdtemp, mkdir, readFile, readdir, rm, symlink } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { handleStudioContentRequest, STUDIO_HEADER } from './content-writer';

let base = '';
let root = '';
beforeEach(async () => {
  base = await mkdtemp(path.join(os.tmpdir(), 'docknet-writer-'));
  root = path.join(base, 'content');
  await mkdir(root);
});
afterEach(async () => {
  await rm(base, { recursive: true, force: true });
});

function post(body: unknown, headers: Record<string, string> = { [STUDIO_HEADER]: '1' }) {
  return handleStudioContentRequest(
    new Request('http://localhost:3000/api/studio/content/', { method: 'POST', headers: { 'content-type': 'application/json', host: 'localhost:3000', ...headers }, body: JSON.stringify(body) }),
    root,
  );
}

async function allFiles(dir: string): Promise<string[]> {
  return (await readdir(dir, { recursive: true, withFileTypes: true })).filter((d) => d.isFile()).map((d) => path.relative(dir, path.join(d.parentPath, d.name))).sort();
}

describe('the studio save route (dev only)', () => {
  it('writes a lesson folder under content/', async () => {
    const r = await post({ slug: '07-new', files: { 'lesson.mdx': '---\ntitle: x\n---\n', 'exercises/first-one.yaml': 'title: y\n' } });
    expect(r.status).toBe(200);
    expect(await readFile(path.join(root, '07-new', 'exercises', 'first-one.yaml'), 'utf8')).toBe('title: y\n');
    expect(await allFiles(base)).toEqual(['content/07-new/exercises/first-one.yaml', 'content/07-new/lesson.mdx']);
  });

  it.each([
    ['a slug with ..', { slug: '..', files: { 'lesson.mdx': 'x' } }, /not a lesson slug/],
    ['a slug with a slash', { slug: 'a/../../b', files: { 'lesson.mdx': 'x' } }, /not a lesson slug/],
    ['an absolute slug', { slug: '/etc', files: { 'lesson.mdx': 'x' } }, /not a lesson slug/],
    ['a file climbing out', { slug: 'ok', files: { '../../package.json': '{}' } }, /not a lesson file/],
    ['an absolute file', { slug: 'ok', files: { '/tmp/x.yaml': 'x' } }, /not a lesson file/],
    ['another kind of file', { slug: 'ok', files: { 'page.tsx': 'x' } }, /not a lesson file/],
    ['a nested exercise path', { slug: 'ok', files: { 'exercises/../../x.yaml': 'x' } }, /not a lesson file/],
    ['a file that is not text', { slug: 'ok', files: { 'lesson.mdx': 42 } }, /must be text/],
    ['no files', { slug: 'ok', files: {} }, /1 to 60 files/],
  ])('refuses %s and writes nothing', async (_name, body, message) => {
    const r = await post(body);
    expect(r.status).toBe(400);
    expect(((await r.json()) as { error: string }).error).toMatch(message);
    expect(await allFiles(base)).toEqual([]);
  });

  it('refuses a request without the studio header or from another origin', async () => {
    const body = { slug: 'ok', files: { 'lesson.mdx': 'x' } };
    expect((await post(body, {})).status).toBe(403);
    expect((await post(body, { [STUDIO_HEADER]: '1', origin: 'http://evil.example' })).status).toBe(403);
    expect(await allFiles(base)).toEqual([]);
  });

  it('does not follow a symbolic link out of content/', async () => {
    const outside = path.join(base, 'outside');
    await mkdir(outside);
    await symlink(outside, path.join(root, 'linked'));
    const r = await post({ slug: 'linked', files: { 'lesson.mdx': 'x' } });
    expect(r.status).toBe(400);
    expect(await readdir(outside)).toEqual([]);
  });
});
