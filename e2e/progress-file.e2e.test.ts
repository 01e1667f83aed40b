/**
 * Progress as a file, from the course index: export it, lose the browser's storage, import the
 * file back and see the same index; a garbage or foreign file is refused with a visible message
 * and changes nothing. The progress itself is made through the UI first (a lesson completed, an
 * exercise passed).
 */
import { readFile } from 'node:fs/promises';
import type { FileChooser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lessonExercises } from './exercise-data';
import { WAIT, launchBrowser, lessonSlugs, openPage, screenshot, waitForTerminalReady, waitForTerminalText, type Browser } from './helpers';

/** What the index shows about progress: the bar, the call to action, each lesson's badge and count. */
interface IndexState {
  summary: string;
  next: string;
  lessons: { badge: string | null; exercises: string }[];
}

async function waitForIndex(page: Page): Promise<void> {
  // The Export button is enabled once the page has read the browser's progress.
  await page.locator('button:enabled', { hasText: 'Export progress' }).waitFor(WAIT);
}

async function indexState(page: Page): Promise<IndexState> {
  await waitForIndex(page);
  const items = page.getByTestId('lesson-list').locator('li[data-lesson]');
  const lessons: IndexState['lessons'] = [];
  for (let i = 0; i < (await items.count()); i++) {
    const item = items.nth(i);
    const badge = item.locator('[data-status]');
    const exercises = item.locator('[data-testid^="exercises-"]');
    lessons.push({
      badge: (await badge.count()) > 0 ? ((await badge.textContent())?.trim() ?? null) : null,
      exercises: (await exercises.count()) > 0 ? ((await exercises.textContent()) ?? '') : '',
    });
  }
  return {
    summary: (await page.getByTestId('course-progress').textContent()) ?? '',
    next: (await page.locator('a.btn-primary').first().textContent()) ?? '',
    lessons,
  };
}

async function statusText(page: Page, kind: 'done' | 'error', pattern: RegExp): Promise<string> {
  const status = page.getByTestId('progress-file-status');
  await page.waitForFunction(
    ({ kind: k, source }) => {
      const el = document.querySelector('[data-testid="progress-file-status"]');
      return el?.getAttribute('data-kind') === k && new RegExp(source).test(el.textContent ?? '');
    },
    { kind, source: pattern.source },
    WAIT,
  );
  return (await status.textContent()) ?? '';
}

/**
 * Playwright intercepts file pickers only once a 'filechooser' listener is attached, and turning
 * that on races a key press sent straight after (the native picker then opens and is lost). So a
 * listener is attached when the page opens, long before the first Enter, and hands pickers over.
 */
function interceptFileChoosers(page: Page): () => Promise<FileChooser> {
  const waiting: ((chooser: FileChooser) => void)[] = [];
  page.on('filechooser', (chooser) => waiting.shift()?.(chooser));
  return () => new Promise((resolve) => waiting.push(resolve));
}

let nextFileChooser: (() => Promise<FileChooser>) | null = null;

/** Chooses a file with the keyboard: the labelled input takes focus, Enter opens the picker. */
async function importWithKeyboard(page: Page, file: { name: string; mimeType: string; buffer: Buffer }): Promise<void> {
  if (!nextFileChooser) throw new Error('interceptFileChoosers was not set up');
  const input = page.getByLabel('Import progress');
  await input.focus();
  const chooser = nextFileChooser();
  await page.keyboard.press('Enter');
  await (await chooser).setFiles(file);
}

describe('progress as a file', () => {
  let browser: Browser;
  let page: Page;
  let errors: string[];
  let exported: { name: string; text: string } | null = null;
  let before: IndexState | null = null;

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('exports the index’s progress as a versioned JSON file', async () => {
    // Some progress, made the way a learner makes it: one lesson completed, one exercise passed.
    const [first] = await lessonSlugs();
    const x = (await lessonExercises()).find((e) => e.slug !== first);
    if (!first || !x) throw new Error('content/ has no lessons or no exercises');
    ({ page, errors } = await openPage(browser, `/lessons/${first}/`));
    nextFileChooser = interceptFileChoosers(page);
    await waitForTerminalReady(page);
    await page.getByRole('button', { name: 'Mark lesson as complete' }).click();
    await page.getByRole('button', { name: 'Completed' }).waitFor(WAIT);
    await page.goto(new URL(`/lessons/${x.slug}/`, page.url()).toString());
    await waitForTerminalReady(page);
    const exercise = page.locator(`[data-exercise="${x.exercise.id}"]`);
    await exercise.getByRole('button', { name: 'Start this exercise' }).click();
    await waitForTerminalText(page, /a fresh lab, set up for it/);
    await exercise.getByText('Show a solution').click();
    await exercise.locator('.exercise-solution').getByRole('button', { name: /^Run: / }).click();
    await exercise.locator('button[data-run-state="ran"]').waitFor(WAIT);
    await exercise.locator('button:enabled', { hasText: /^Check$/ }).click();
    await exercise.locator('.badge-completed', { hasText: 'Passed' }).waitFor(WAIT);

    await page.getByRole('link', { name: 'Course', exact: true }).first().click();
    await page.waitForURL((url) => url.pathname === '/');
    before = await indexState(page);
    expect(before.summary).toMatch(/^1 of \d+ completed$/);
    expect(before.lessons.some((l) => /^1 of \d+ exercises passed$/.test(l.exercises))).toBe(true);
    await page.getByRole('heading', { name: 'Your progress' }).scrollIntoViewIfNeeded();
    await screenshot(page, 'index-progress-controls');

    const [download] = await Promise.all([
      page.waitForEvent('download', WAIT),
      page.getByRole('button', { name: 'Export progress' }).click(),
    ]);
    const name = download.suggestedFilename();
    expect(name).toMatch(/^docknet-progress-\d{4}-\d{2}-\d{2}\.json$/);
    const file = await download.path();
    const text = await readFile(file, 'utf8');
    exported = { name, text };
    const data: unknown = JSON.parse(text);
    expect(data).toMatchObject({
      format: 'docknet-progress',
      version: 1,
      lastLesson: x.slug,
      lessons: { [first]: { completedAt: expect.any(Number) }, [x.slug]: { completedAt: null } },
      exercises: { [`${x.slug}#${x.exercise.id}`]: expect.any(Number) },
    });
    expect(await statusText(page, 'done', /^✓Downloaded docknet-progress-/)).toContain(
      `Downloaded ${name}: 2 lessons opened, 1 completed, 1 exercise passed.`,
    );
    await screenshot(page, 'index-progress-exported');
  });

  it('after the browser forgets everything, importing the file brings the same index back', async () => {
    if (!exported || !before) throw new Error('the export test did not run');
    await page.evaluate(() => window.localStorage.clear());
    await page.reload();
    const empty = await indexState(page);
    expect(empty.summary).toMatch(/^0 of \d+ completed$/);
    expect(empty.next).toMatch(/Start the course/);
    expect(empty.lessons.every((l) => l.badge === null && !/passed/.test(l.exercises))).toBe(true);

    await importWithKeyboard(page, { name: exported.name, mimeType: 'application/json', buffer: Buffer.from(exported.text) });
    expect(await statusText(page, 'done', /Imported/)).toBe(
      `✓Imported ${exported.name}. New here: 2 lessons opened, 1 lesson completed, 1 exercise passed.`,
    );
    // At once, without a reload…
    expect(await indexState(page)).toEqual(before);
    await page.getByRole('heading', { name: 'Your progress' }).scrollIntoViewIfNeeded();
    await screenshot(page, 'index-progress-imported');
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'index-after-import');
    // …and for good.
    await page.reload();
    expect(await indexState(page)).toEqual(before);

    // The same file again adds nothing, and says so.
    await importWithKeyboard(page, { name: exported.name, mimeType: 'application/json', buffer: Buffer.from(exported.text) });
    expect(await statusText(page, 'done', /already had/)).toBe(`✓Imported ${exported.name}. This browser already had all of its progress.`);
  });

  it('refuses a garbage file and a foreign JSON file with a visible message, and keeps the progress', async () => {
    if (!before) throw new Error('the export test did not run');
    await importWithKeyboard(page, { name: 'holiday.png', mimeType: 'application/json', buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2]) });
    expect(await statusText(page, 'error', /holiday\.png/)).toBe(
      '✗Nothing was imported from holiday.png. This is not a Docknet progress file: it is not JSON.',
    );
    await page.getByRole('heading', { name: 'Your progress' }).scrollIntoViewIfNeeded();
    await screenshot(page, 'index-progress-refused');
    expect(await indexState(page)).toEqual(before);

    const foreign = await readFile('package.json');
    await importWithKeyboard(page, { name: 'package.json', mimeType: 'application/json', buffer: foreign });
    expect(await statusText(page, 'error', /package\.json/)).toBe(
      '✗Nothing was imported from package.json. This is not a Docknet progress file: it has no "format": "docknet-progress".',
    );
    expect(await indexState(page)).toEqual(before);
  });

  it('keeps only lessons and exercises this course has; "constructor" is a name like any other (issue 13, findings 2 and 5)', async () => {
    if (!exported || !before) throw new Error('the export test did not run');
    // The same progress, plus what no lesson here is called: 300 made-up completed lessons,
    // Object.prototype's names, an exercise the lesson does not have.
    const made = JSON.parse(exported.text) as Record<string, unknown> & { lessons: Record<string, unknown>; exercises: Record<string, unknown> };
    for (let i = 0; i < 300; i++) made.lessons[`made-up-${i}`] = { visitedAt: 1, completedAt: 2 };
    made.lessons['constructor'] = { visitedAt: 1, completedAt: 2 };
    made.lessons['valueof'] = { visitedAt: 1, completedAt: null };
    const [firstExercise] = Object.keys(made.exercises);
    made.exercises[`${firstExercise!.split('#')[0]}#no-such-exercise`] = 5;
    made.lastLesson = 'made-up-7';
    await importWithKeyboard(page, { name: 'padded.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(made)) });
    expect(await statusText(page, 'done', /padded\.json/)).toBe(
      '✓Imported padded.json. This browser already had all of its progress. Left out 302 lessons and 1 exercise this course does not have.',
    );
    expect(await indexState(page)).toEqual(before);
    const stored = JSON.parse((await page.evaluate(() => window.localStorage.getItem('docknet:progress:v1'))) ?? '{}') as { lessons: object };
    expect(Object.keys(stored.lessons)).not.toContain('constructor');
    expect(Object.keys(stored.lessons).some((slug) => slug.startsWith('made-up-'))).toBe(false);

    const onlyMadeUp = { ...made, lessons: { constructor: { visitedAt: 1, completedAt: 2 }, 'made-up-1': { visitedAt: 1, completedAt: 2 } }, exercises: {} };
    await importWithKeyboard(page, { name: 'made-up.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(onlyMadeUp)) });
    expect(await statusText(page, 'error', /made-up\.json/)).toBe(
      '✗Nothing was imported from made-up.json. It names only lessons and exercises this course does not have (2 lessons).',
    );
    expect(await indexState(page)).toEqual(before);
    expect(errors).toEqual([]);
  });
});
