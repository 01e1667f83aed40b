import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCourse } from '../lib/content/content-files';
import { formatProblem } from '../lib/content/problems';
import { checkLesson } from '../lib/exercises/check-lesson';

const run = promisify(execFile);
let dir = '';

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'docknet-content-new-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** `npm run content:new -- …` (the same command line, without npm's banner). */
async function contentNew(...args: string[]) {
  try {
    const r = await run(process.execPath, ['--import', 'tsx', 'scripts/content-new.ts', ...args], { env: { ...process.env, DOCKNET_CONTENT_DIR: dir } });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('npm run content:new', () => {
  it('scaffolds a lesson folder that content:check accepts as it stands', async () => {
    const r = await contentNew('07-overlay-intro', '--driver', 'overlay', '--hosts', 'host1,host2');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const course = await loadCourse(dir);
    expect(course.problems.map(formatProblem)).toEqual([]);
    const [lesson] = course.lessons;
    expect(lesson?.frontmatter).toMatchObject({ title: 'Overlay intro', driver: 'overlay', order: 1, lab: { hosts: ['host1', 'host2'] } });
    expect(lesson?.exercises.map((e) => e.exercise.id)).toEqual(['first-network']);
    expect((await checkLesson(lesson!)).map(formatProblem)).toEqual([]);
    // A second lesson comes after the first.
    expect((await contentNew('08-next')).code).toBe(0);
    expect((await loadCourse(dir)).lessons.map((l) => [l.slug, l.frontmatter.order])).toEqual([
      ['07-overlay-intro', 1],
      ['08-next', 2],
    ]);
  }, 60_000);

  it('refuses an existing lesson, a bad slug, an unknown driver or host name, and leaves files alone', async () => {
    const before = await readFile(path.join(dir, '07-overlay-intro', 'lesson.mdx'), 'utf8').catch(() => null);
    const existing = await contentNew('07-overlay-intro');
    expect(existing.code).toBe(2);
    expect(existing.stderr).toMatch(/07-overlay-intro already exists/);
    expect(await readFile(path.join(dir, '07-overlay-intro', 'lesson.mdx'), 'utf8').catch(() => null)).toBe(before);
    expect((await contentNew('../escape')).stderr).toMatch(/"\.\.\/escape" is not a lesson slug/);
    expect((await contentNew('09-x', '--driver', 'token-ring')).stderr).toMatch(/--driver must be one of cli, host, bridge/);
    expect((await contentNew('09-x', '--hosts', 'Host_1')).stderr).toMatch(/"Host_1" is not a host name/);
    expect((await loadCourse(dir)).folders.map((f) => path.basename(f.dir))).not.toContain('09-x');
  }, 60_000);
});
