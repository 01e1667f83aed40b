/**
 * Progress kept in localStorage, through the functions the lesson page and the index call, with
 * names that are members of Object.prototype (issue 13, finding 2), on a Map-backed localStorage
 * (the browser's own is exercised by e2e/progress-file).
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { installMemoryStorage } from './memory-storage';
import { exercisesPassed, lessonStatus, markExercisePassed, markVisited, readProgress, setCompleted } from './progress';

const storage = installMemoryStorage();

describe('progress in the browser, for names like any other', () => {
  beforeEach(() => storage.clear());

  for (const name of ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', 'a-lesson']) {
    it(`a lesson and an exercise called "${name}"`, () => {
      expect(lessonStatus(readProgress(), name)).toBe('not-started');
      markVisited(name);
      expect(lessonStatus(readProgress(), name)).toBe('in-progress');
      expect(readProgress().lastLesson).toBe(name);
      setCompleted(name, true);
      expect(lessonStatus(readProgress(), name)).toBe('completed');
      expect(exercisesPassed(readProgress(), name, [name, 'other'])).toBe(0);
      markExercisePassed(name, name);
      expect(exercisesPassed(readProgress(), name, [name, 'other'])).toBe(1);
      setCompleted(name, false);
      expect(lessonStatus(readProgress(), name)).toBe('in-progress');
      // What is stored is plain JSON with the name as a key, readable again after a reload.
      const stored = JSON.parse(storage.getItem('docknet:progress:v1') ?? 'null') as { lessons: object; exercises: object };
      expect(Object.keys(stored.lessons)).toEqual([name]);
      expect(Object.keys(stored.exercises)).toEqual([`${name}#${name}`]);
      expect(lessonStatus(readProgress(), 'another-lesson')).toBe('not-started');
      expect(({} as Record<string, unknown>).visitedAt).toBeUndefined();
    });
  }
});
