import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { unzipLessons, zipLessons } from './zip';

describe('lesson zips', () => {
  it('round-trips a lesson folder', () => {
    const draft = { slug: '07-x', files: { 'lesson.mdx': '---\ntitle: X\n---\nHi', 'exercises/one-1.yaml': 'title: One\n' } };
    expect(unzipLessons(zipLessons([draft]))).toEqual({ drafts: [draft], skipped: [] });
  });

  it('opens a zip of the content folder and leaves out what is not a lesson file', () => {
    const zip = zipSync({
      'content/07-x/lesson.mdx': strToU8('a'),
      'content/07-x/exercises/e1.yaml': strToU8('b'),
      'content/07-x/notes.txt': strToU8('c'),
      '../evil/lesson.mdx': strToU8('d'),
      'README.md': strToU8('e'),
    });
    const opened = unzipLessons(zip);
    expect(opened.drafts).toEqual([{ slug: '07-x', files: { 'lesson.mdx': 'a', 'exercises/e1.yaml': 'b' } }]);
    expect(opened.skipped.map((s) => s.split(':')[0]).sort()).toEqual(['../evil/lesson.mdx', 'README.md', 'content/07-x/notes.txt']);
  });
});
