import { describe, expect, it } from 'vitest';
import type { Progress } from './progress';
import { countProgress, mergeProgress, parseProgressFile, progressFileName, progressToFile } from './progress-file';

const progress: Progress = {
  lessons: {
    '01-containers-and-cli': { visitedAt: 1000, completedAt: 2000 },
    '04-user-defined-bridges': { visitedAt: 3000, completedAt: null },
  },
  lastLesson: '04-user-defined-bridges',
  exercises: { '04-user-defined-bridges#my-bridge': 3500 },
};

function fileText(overrides: Record<string, unknown> = {}): string {
  return JSON.stringify({ ...progressToFile(progress, new Date(Date.UTC(2026, 10, 27, 12))), ...overrides });
}

function errorOf(text: string): string {
  const result = parseProgressFile(text);
  if (result.ok) throw new Error('expected the file to be refused');
  return result.error;
}

describe('progress files', () => {
  it('round-trips what progress.ts stores, tagged with format and version', () => {
    const file = progressToFile(progress, new Date(Date.UTC(2026, 10, 27, 12)));
    expect(file).toMatchObject({ format: 'docknet-progress', version: 1, exportedAt: '2026-11-27T12:00:00.000Z' });
    expect(parseProgressFile(JSON.stringify(file))).toEqual({ ok: true, progress });
  });

  it('names the file after the local date', () => {
    expect(progressFileName(new Date(2026, 10, 7, 23, 59))).toBe('docknet-progress-2026-11-07.json');
  });

  it('refuses what is not JSON, and JSON that is not ours', () => {
    expect(errorOf('\u0000\u0001PNG garbage')).toBe('This is not a Docknet progress file: it is not JSON.');
    expect(errorOf('{"name":"docknet","version":"0.1.0"}')).toMatch(/not a Docknet progress file: it has no "format"/);
    expect(errorOf('[1,2,3]')).toMatch(/not a Docknet progress file/);
    expect(errorOf('null')).toMatch(/not a Docknet progress file/);
  });

  it('refuses a newer or unknown version by name', () => {
    expect(errorOf(fileText({ version: 2 }))).toMatch(/newer Docknet \(format version 2\); this one reads version 1/);
    expect(errorOf(fileText({ version: '1' }))).toMatch(/unknown format version \("1"\)/);
  });

  it('refuses a damaged file as a whole, naming the field', () => {
    expect(errorOf(fileText({ lessons: [] }))).toBe('This progress file is damaged: "lessons" is not an object.');
    expect(errorOf(fileText({ lessons: { 'a-lesson': { visitedAt: 'yesterday', completedAt: null } } }))).toBe(
      'This progress file is damaged: lessons["a-lesson"].visitedAt is not a time.',
    );
    expect(errorOf(fileText({ lessons: { 'a-lesson': { visitedAt: 1 } } }))).toMatch(/completedAt is neither a time nor null/);
    expect(errorOf(fileText({ exercises: { 'no-hash': 1 } }))).toMatch(/exercises\["no-hash"\] is not a "lesson#exercise" name/);
    expect(errorOf(fileText({ exercises: { 'a#b': -5 } }))).toMatch(/exercises\["a#b"\] is not a time/);
    expect(errorOf(fileText({ lastLesson: 7 }))).toMatch(/"lastLesson" is neither/);
  });

  it('refuses keys that could reach Object.prototype', () => {
    const text = `{"format":"docknet-progress","version":1,"lessons":{"__proto__":{"visitedAt":1,"completedAt":null}},"lastLesson":null,"exercises":{}}`;
    expect(errorOf(text)).toMatch(/lessons\["__proto__"\] is not a lesson name/);
    expect(({} as Record<string, unknown>).visitedAt).toBeUndefined();
  });
});

describe('merging imported progress', () => {
  const empty: Progress = { lessons: {}, lastLesson: null, exercises: {} };

  it('into an empty browser gives the imported progress', () => {
    expect(mergeProgress(empty, progress)).toEqual(progress);
  });

  it('keeps everything done on either side, with the earlier times', () => {
    const here: Progress = {
      lessons: {
        '01-containers-and-cli': { visitedAt: 500, completedAt: null },
        '02-host-network': { visitedAt: 9000, completedAt: 9500 },
      },
      lastLesson: '02-host-network',
      exercises: { '04-user-defined-bridges#my-bridge': 4000, '02-host-network#host-nginx': 9400 },
    };
    expect(mergeProgress(here, progress)).toEqual({
      lessons: {
        '01-containers-and-cli': { visitedAt: 500, completedAt: 2000 },
        '02-host-network': { visitedAt: 9000, completedAt: 9500 },
        '04-user-defined-bridges': { visitedAt: 3000, completedAt: null },
      },
      lastLesson: '02-host-network',
      exercises: { '04-user-defined-bridges#my-bridge': 3500, '02-host-network#host-nginx': 9400 },
    });
  });

  it('is idempotent, and counts what it holds', () => {
    const once = mergeProgress(empty, progress);
    expect(mergeProgress(once, progress)).toEqual(once);
    expect(countProgress(once)).toEqual({ visited: 2, completed: 1, exercises: 1 });
  });
});
