/**
 * A graded exercise as a learner works it: typing a solution at the keyboard and passing every
 * criterion, a near miss failing with the checker's own words, hints one at a time, and the
 * solution with its Run button. Commands, hints and messages come from the lesson frontmatter and
 * the engine's checker (see exercise-data.ts), not from copies in this file.
 */
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CheckReport } from '../engine/index';
import { expectedReport, findExercise, hintText, lessonExercises, typeableCommands, type LessonExercise } from './exercise-data';
import { reportView } from '../lib/exercises/report-groups';
import {
  BROKEN_OUTPUT,
  WAIT,
  openPage,
  launchBrowser,
  outputOf,
  screenshot,
  terminalText,
  typeCommand,
  waitForTerminalReady,
  waitForTerminalText,
  type Browser,
} from './helpers';

const SLUG = '04-user-defined-bridges';
const EXERCISE = 'my-bridge';

/**
 * Opens the lesson, starts the exercise and waits until its own lab is ready at a prompt. A page
 * reopens in the exercise lab the learner was last in ("Continue exercise"), as a later test here is.
 */
async function startExercise(browser: Browser, x: LessonExercise): Promise<{ page: Page; exercise: Locator; errors: string[] }> {
  const { page, errors } = await openPage(browser, `/lessons/${x.slug}/`);
  await waitForTerminalReady(page);
  const exercise = page.locator(`[data-exercise="${x.exercise.id}"]`);
  const continued = (await page.locator('.lab-pane h2', { hasText: `Exercise: ${x.exercise.title}` }).count()) > 0;
  if (!continued) await exercise.getByRole('button', { name: /^(Start this exercise|Continue exercise)$/ }).click();
  await page.locator('.lab-pane h2', { hasText: `Exercise: ${x.exercise.title}` }).waitFor(WAIT);
  await waitForTerminalText(page, continued ? /Continue exercise:/ : /a fresh lab, set up for it|Continue exercise:/);
  await waitForTerminalReady(page);
  return { page, exercise, errors };
}

async function typeAll(page: Page, commands: readonly string[]): Promise<void> {
  for (const command of commands) {
    await typeCommand(page, command);
    expect(await outputOf(page, command), command).not.toMatch(BROKEN_OUTPUT);
  }
}

/** Presses Check from the keyboard (on a page that has no report yet) and waits for the report. */
async function pressCheck(page: Page, exercise: Locator): Promise<Locator> {
  // Check is disabled while the lab is busy; focus() would not wait for that.
  const check = exercise.locator('button:enabled', { hasText: /^Check$/ });
  await check.waitFor(WAIT);
  await check.focus();
  await page.keyboard.press('Enter');
  const result = exercise.getByTestId('exercise-result');
  await result.waitFor(WAIT);
  return result;
}

/** The criteria list as the learner reads it, one line per item (screen-reader prefix included; a row's buttons, such as Explain, left out). */
async function shownCriteria(result: Locator): Promise<string[]> {
  const texts = await result.locator('li[data-criterion]').evaluateAll((rows) =>
    rows.map((row) => {
      const copy = row.cloneNode(true) as HTMLElement;
      for (const action of copy.querySelectorAll('button, [data-testid="probe-explain"]')) action.remove();
      return copy.textContent ?? '';
    }),
  );
  return texts.map((text) => text.replace(/\s+/g, ' ').trim());
}

/** Scrolls an element to the middle of the viewport, for a screenshot that shows it whole. */
async function centre(locator: Locator): Promise<void> {
  await locator.evaluate((el) => el.scrollIntoView({ block: 'center' }));
}

function criterionLine(criterion: CheckReport['criteria'][number]): string {
  return criterion.pass ? `✓Passes: ${criterion.label}` : `✗Does not pass: ${criterion.label}${criterion.message}`;
}

describe('solving an exercise at the keyboard', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('types the solution into the terminal, presses Check, and every criterion passes', async () => {
    const x = await findExercise(SLUG, EXERCISE);
    const solution = typeableCommands(x.exercise.solution);
    const expected = await expectedReport(x, solution);
    expect(expected.pass, 'the solution passes in the engine').toBe(true);

    const { page, exercise, errors } = await startExercise(browser, x);
    await typeAll(page, solution);
    const result = await pressCheck(page, exercise);
    await result.getByText('All checks pass').waitFor(WAIT);

    const lines = await shownCriteria(result);
    expect(lines).toEqual(expected.criteria.map((c) => criterionLine(c).replace(/\s+/g, ' ')));
    expect(lines.every((line) => line.startsWith('✓Passes: '))).toBe(true);
    await exercise.locator('.badge-completed', { hasText: 'Passed' }).waitFor(WAIT);
    await centre(result);
    await screenshot(page, 'exercise-typed-pass');

    // The course index counts it under the lesson.
    const inLesson = (await lessonExercises()).filter((e) => e.slug === SLUG).length;
    await page.getByRole('link', { name: 'Course', exact: true }).first().click();
    await page.waitForURL((url) => url.pathname === '/');
    const count = page.getByTestId(`exercises-${SLUG}`);
    await page.waitForFunction(
      (testId) => /^1 of \d+ exercises passed$/.test(document.querySelector(`[data-testid="${testId}"]`)?.textContent ?? ''),
      `exercises-${SLUG}`,
      WAIT,
    );
    expect(await count.textContent()).toBe(`1 of ${inLesson} exercises passed`);
    expect(errors).toEqual([]);
  });
});

describe('a near miss, hints and the solution', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('a near miss from the frontmatter fails on its criterion, with the checker’s message', async () => {
    const x = await findExercise(SLUG, EXERCISE);
    const nearMiss = x.exercise.nearMisses[0];
    if (!nearMiss) throw new Error(`${SLUG}/${EXERCISE} lists no near misses`);
    const attempt = typeableCommands(nearMiss.commands);
    const expected = await expectedReport(x, attempt);
    const failing = expected.criteria.filter((c) => !c.pass);
    expect(failing.map((c) => c.id)).toEqual(nearMiss.fails);

    const { page, exercise, errors } = await startExercise(browser, x);
    await typeAll(page, attempt);
    const result = await pressCheck(page, exercise);
    const verb = failing.length === 1 ? 'does' : 'do';
    await result.getByText(`${failing.length} of ${expected.criteria.length} checks ${verb} not pass yet.`).waitFor(WAIT);

    // What fails comes first, each with what the checker found, e.g.
    // "✗Does not pass: c3 has the address 10.0.0.254 on my_bridge" / "c3 has 10.0.0.3 on my_bridge, expected 10.0.0.254".
    const lines = await shownCriteria(result);
    expect(lines.slice(0, failing.length)).toEqual(failing.map((c) => criterionLine(c).replace(/\s+/g, ' ')));
    for (const criterion of failing) await result.getByText(criterion.message, { exact: true }).waitFor(WAIT);
    expect(lines.slice(failing.length).every((line) => line.startsWith('✓Passes: '))).toBe(true);
    expect(lines).toHaveLength(expected.criteria.length);
    expect(await exercise.locator('.badge-completed').count()).toBe(0);
    await centre(result);
    await screenshot(page, 'exercise-near-miss');
    expect(errors).toEqual([]);
  });

  it('a near miss whose command fails: the report starts with that error, and what follows from the first cause is folded under it', async () => {
    const x = await findExercise(SLUG, EXERCISE);
    // The first near miss of the content where a command fails and checks fold under a cause.
    let picked: { attempt: string[]; expected: CheckReport } | null = null;
    for (const miss of x.exercise.nearMisses) {
      const attempt = typeableCommands(miss.commands);
      const expected = await expectedReport(x, attempt);
      const view = reportView(expected);
      if (view.failedCommand && view.failing.some((g) => g.follows.length > 0)) {
        picked = { attempt, expected };
        break;
      }
    }
    if (!picked) throw new Error(`${SLUG}/${EXERCISE} has no near miss with a failing command and folded checks`);
    const view = reportView(picked.expected);
    const { page, exercise, errors } = await startExercise(browser, x);
    await page.locator('.lab-pane').getByRole('button', { name: 'Reset lab' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Reset this exercise' }).click();
    await waitForTerminalText(page, /Lab reset: the starting lab of Exercise:/);
    await waitForTerminalReady(page);
    await typeAll(page, picked.attempt);
    const result = await pressCheck(page, exercise);

    // First the cause: "docker run failed: …", before the count of failing checks.
    const cause = result.getByTestId('failed-command');
    const text = (await cause.textContent())!.replace(/\s+/g, ' ');
    expect(text.startsWith(`${view.failedCommand!.command} failed: ${view.failedCommand!.error}`)).toBe(true);
    const order = await result.evaluate((el) => [...el.children].map((c) => c.getAttribute('data-testid') ?? c.tagName));
    expect(order.slice(0, 2)).toEqual(['failed-command', 'P']);
    await result.getByText(`${view.failingCount} of ${picked.expected.criteria.length} checks do not pass yet.`).waitFor(WAIT);

    // Each cause is a top-level row; what fails because of it is folded until opened.
    const top = result.locator(':scope > ul > li');
    const causes = view.failing.map((g) => g.cause.id);
    expect((await top.evaluateAll((els) => els.map((e) => e.getAttribute('data-criterion')))).slice(0, causes.length)).toEqual(causes);
    for (const group of view.failing.filter((g) => g.follows.length > 0)) {
      const row = result.locator(`:scope > ul > li[data-criterion="${group.cause.id}"]`);
      await row.locator(':scope > div').getByText(group.cause.message, { exact: true }).waitFor(WAIT);
      const folded = row.getByTestId('follows');
      const summary = `${group.follows.length} more ${group.follows.length === 1 ? 'check fails' : 'checks fail'} because of this`;
      expect((await folded.locator('summary').textContent())?.trim()).toBe(summary);
      expect(await folded.locator('li').first().isVisible()).toBe(false);
      await folded.locator('summary').click();
      expect(await folded.locator('li').evaluateAll((els) => els.map((e) => e.getAttribute('data-criterion')))).toEqual(group.follows.map((c) => c.id));
      for (const c of group.follows) await folded.locator(`li[data-criterion="${c.id}"]`).getByText(c.message, { exact: true }).waitFor(WAIT);
    }
    await centre(result);
    await screenshot(page, 'exercise-cause-first');
    expect(errors).toEqual([]);
  });

  it('reveals hints one at a time; Show a solution lists the commands with a Run button that runs them', async () => {
    const x = await findExercise(SLUG, EXERCISE);
    const { hints, solution } = x.exercise;
    const { page, exercise, errors } = await startExercise(browser, x);
    // A clean start: the near miss above left this exercise's lab saved in the browser.
    await page.locator('.lab-pane').getByRole('button', { name: 'Reset lab' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Reset this exercise' }).click();
    await waitForTerminalText(page, /Lab reset: the starting lab of Exercise:/);
    await waitForTerminalReady(page);

    const shownHints = exercise.locator('.exercise-hints li');
    expect(await shownHints.count()).toBe(0);
    for (let shown = 0; shown < hints.length; shown++) {
      const label = `${shown === 0 ? 'Show a hint' : 'Another hint'} (${shown + 1} of ${hints.length})`;
      const button = exercise.getByRole('button', { name: label });
      await button.focus();
      await page.keyboard.press('Enter');
      await page.waitForFunction(
        ({ id, n }) => document.querySelectorAll(`[data-exercise="${id}"] .exercise-hints li`).length === n,
        { id: x.exercise.id, n: shown + 1 },
        WAIT,
      );
      expect((await shownHints.allTextContents()).map((t) => t.trim())).toEqual(hints.slice(0, shown + 1).map(hintText));
      if (shown === 0) {
        await centre(shownHints.first());
        await screenshot(page, 'exercise-first-hint');
      }
    }
    expect(await exercise.getByRole('button', { name: /hint/ }).count()).toBe(0);

    await exercise.getByText('Show a solution').click();
    const code = exercise.locator('.exercise-solution-code');
    await code.waitFor({ state: 'visible', ...WAIT });
    expect((await code.textContent())?.split('\n')).toEqual(solution);
    const run = exercise.getByRole('button', { name: `Run: ${solution.join('; ')}` });
    await run.waitFor({ state: 'visible', ...WAIT });
    await centre(exercise.locator('.exercise-solution'));
    // A long solution line scrolls inside its block: the block stays within the exercise card.
    const [card, block] = await Promise.all([exercise.boundingBox(), exercise.locator('.exercise-solution .run-block').boundingBox()]);
    expect(block && card && block.x + block.width <= card.x + card.width).toBe(true);
    await screenshot(page, 'exercise-solution');

    await run.click();
    await exercise.locator('button[data-run-state="ran"]').waitFor(WAIT);
    const text = await terminalText(page);
    for (const command of solution) expect(text).toContain(command);
    expect(text).not.toMatch(BROKEN_OUTPUT);
    const result = await pressCheck(page, exercise);
    await result.getByText('All checks pass').waitFor(WAIT);
    expect(errors).toEqual([]);
  });
});
