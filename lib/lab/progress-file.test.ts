import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { exercisesPassed, lessonStatus, type Progress } from './progress';
import {
  PROGRESS_FILE_MAX_BYTES,
  countProgress,
  keepKnown,
  mergeProgress,
  parseProgressFile,
  progressFileName,
  progressToFile,
  type CourseCatalogue,
} from './progress-file';

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

describe('importing keeps only lessons and exercises the course has (issue 13, finding 5)', () => {
  const course: CourseCatalogue = [
    { slug: '01-containers-and-cli', exercises: [] },
    { slug: '04-user-defined-bridges', exercises: ['my-bridge'] },
  ];

  it('a 0.9 MB file of 13,500 made-up completed lessons adds none of them', () => {
    const lessons: Record<string, { visitedAt: number; completedAt: number | null }> = {};
    for (let i = 0; i < 13_500; i++) lessons[`fake-lesson-${i}`] = { visitedAt: 1_764_000_000_000 + i, completedAt: 1_764_000_500_000 + i };
    lessons['04-user-defined-bridges'] = { visitedAt: 1, completedAt: null };
    const exercises = { '04-user-defined-bridges#my-bridge': 5, '04-user-defined-bridges#made-up': 6, 'fake-lesson-1#x': 7 };
    const text = fileText({ lessons, exercises, lastLesson: 'fake-lesson-9' });
    expect(text.length).toBeGreaterThan(900_000);
    expect(text.length).toBeLessThan(PROGRESS_FILE_MAX_BYTES);
    const parsed = parseProgressFile(text);
    if (!parsed.ok) throw new Error(parsed.error);
    // What the import used to merge: every made-up lesson counted as completed.
    expect(countProgress(parsed.progress).completed).toBe(13_500);
    const known = keepKnown(parsed.progress, course);
    expect(known.dropped).toEqual({ lessons: 13_500, exercises: 2 });
    expect(known.progress).toEqual({
      lessons: { '04-user-defined-bridges': { visitedAt: 1, completedAt: null } },
      lastLesson: null,
      exercises: { '04-user-defined-bridges#my-bridge': 5 },
    });
    const empty: Progress = { lessons: {}, lastLesson: null, exercises: {} };
    expect(countProgress(mergeProgress(empty, known.progress))).toEqual({ visited: 1, completed: 0, exercises: 1 });
  });

  it('keeps a file that is all known as it is', () => {
    expect(keepKnown(progress, course)).toEqual({ progress, dropped: { lessons: 0, exercises: 0 } });
  });
});

describe('names that are Object.prototype members are names like any other (issue 13, finding 2)', () => {
  const SPECIAL = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', 'isPrototypeOf', '__defineGetter__'];
  const empty = (): Progress => ({ lessons: {}, lastLesson: null, exercises: {} });

  it('a file with a lesson named "constructor" stores its times, not null', () => {
    const parsed = parseProgressFile(fileText({ lessons: { constructor: { visitedAt: 10, completedAt: 20 } }, exercises: { 'constructor#valueof': 30 } }));
    if (!parsed.ok) throw new Error(parsed.error);
    const course: CourseCatalogue = [{ slug: 'constructor', exercises: ['valueof'] }];
    const merged = mergeProgress(empty(), keepKnown(parsed.progress, course).progress);
    expect(JSON.parse(JSON.stringify(merged))).toEqual({
      lessons: { constructor: { visitedAt: 10, completedAt: 20 } },
      lastLesson: null,
      exercises: { 'constructor#valueof': 30 },
    });
    expect(lessonStatus(merged, 'constructor')).toBe('completed');
  });

  it('a browser with no progress has not started "constructor" or "toString"', () => {
    for (const name of SPECIAL) {
      expect(lessonStatus(empty(), name), name).toBe('not-started');
      expect(exercisesPassed(empty(), name, SPECIAL), name).toBe(0);
    }
  });

  // A model of progress in Maps: what merge, status and counts must answer for any names at all.
  const name = fc.oneof(fc.constantFrom(...SPECIAL, 'a-lesson', 'b'), fc.string({ maxLength: 12 }));
  const time = fc.integer({ min: 0, max: 1e12 });
  const drawn = fc.record({
    lessons: fc.array(fc.tuple(name, time, fc.option(time, { nil: null })), { maxLength: 8 }),
    exercises: fc.array(fc.tuple(name, name, time), { maxLength: 8 }),
  });
  type Drawn = { lessons: [string, number, number | null][]; exercises: [string, string, number][] };
  // JSON is how stored progress arrives: a "__proto__" entry is an own key, as in a real file.
  const asJson = (entries: [string, unknown][]) =>
    JSON.parse(`{${entries.map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`).join(',')}}`) as Record<string, never>;
  const toProgress = (d: Drawn): Progress => ({
    lessons: asJson(d.lessons.map(([n, v, c]) => [n, { visitedAt: v, completedAt: c }])),
    lastLesson: null,
    exercises: asJson(d.exercises.map(([l, x, at]) => [`${l}#${x}`, at])),
  });
  const model = (d: Drawn) => ({
    lessons: new Map(d.lessons.map(([n, v, c]) => [n, { visitedAt: v, completedAt: c }])),
    exercises: new Map(d.exercises.map(([l, x, at]) => [`${l}#${x}`, at])),
  });
  const earliest = (a: number | null, b: number | null) => (a === null ? b : b === null ? a : Math.min(a, b));

  it('merge, status and counts agree with a Map model for any names', () => {
    fc.assert(
      fc.property(drawn, drawn, (a, b) => {
        const merged = mergeProgress(toProgress(a), toProgress(b));
        const ma = model(a);
        const mb = model(b);
        const lessons = new Set([...ma.lessons.keys(), ...mb.lessons.keys()]);
        for (const n of new Set([...lessons, ...SPECIAL])) {
          const x = ma.lessons.get(n);
          const y = mb.lessons.get(n);
          const completedAt = x && y ? earliest(x.completedAt, y.completedAt) : (x ?? y)?.completedAt;
          const expected = completedAt === undefined ? 'not-started' : completedAt !== null ? 'completed' : 'in-progress';
          expect(lessonStatus(merged, n), n).toBe(expected);
        }
        const exercises = new Set([...ma.exercises.keys(), ...mb.exercises.keys()]);
        expect(countProgress(merged)).toEqual({
          visited: lessons.size,
          completed: [...lessons].filter((n) => lessonStatus(merged, n) === 'completed').length,
          exercises: exercises.size,
        });
        for (const key of exercises) {
          const at = key.indexOf('#');
          expect(exercisesPassed(merged, key.slice(0, at), [key.slice(at + 1)]), key).toBe(1);
        }
        // Nothing leaked onto the prototype every object shares.
        expect(Object.keys(Object.prototype)).toEqual([]);
        expect(({} as Record<string, unknown>).visitedAt).toBeUndefined();
      }),
      { numRuns: 300 },
    );
  });
});
