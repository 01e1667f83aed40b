/**
 * Browser-test helpers for lessons with several hosts: the terminal tabs, Run blocks that switch to
 * their host's tab, typing an exercise's `host2$ …` lines into the right tab, Check and its report.
 */
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import type { CheckReport } from '../engine/index';
import { expectedReport, findExercise, type LessonExercise } from './exercise-data';
import { BROKEN_OUTPUT, WAIT, flushTerminal, outputOf, screenshot, waitForTerminalReady, waitForTerminalText } from './helpers';

export const RUNS = '[data-run-block] button[data-run-state]';

export function tabs(page: Page): Locator {
  return page.getByRole('tablist', { name: 'Terminals' });
}

export async function selectedTab(page: Page): Promise<string> {
  return ((await tabs(page).getByRole('tab', { selected: true }).textContent()) ?? '').trim();
}

export async function selectHost(page: Page, host: string): Promise<void> {
  await tabs(page).getByRole('tab', { name: host, exact: true }).click();
  await tabs(page).getByRole('tab', { name: host, exact: true, selected: true }).waitFor(WAIT);
  await page.locator('[data-terminal-active="true"][data-terminal-ready="true"]').first().waitFor(WAIT);
}

/** Commands finished in the selected tab's terminal (helpers' commandsDone reads the first tab). */
export async function doneInActiveTab(page: Page): Promise<number> {
  return Number(await page.locator('[data-terminal-active="true"][data-commands-done]').first().getAttribute('data-commands-done'));
}

/** Types a line into the selected tab, presses Enter and waits until it has run. */
export async function typeInActiveTab(page: Page, command: string): Promise<void> {
  const before = await doneInActiveTab(page);
  await page.locator('[data-terminal-active="true"] .xterm-helper-textarea').first().focus();
  await page.keyboard.type(command);
  await page.keyboard.press('Enter');
  await page.waitForFunction(
    (target) => Number(document.querySelector('[data-terminal-active="true"][data-commands-done]')?.getAttribute('data-commands-done')) >= target,
    before + 1,
    WAIT,
  );
  await flushTerminal(page);
  expect(await outputOf(page, command), command).not.toMatch(BROKEN_OUTPUT);
}

/** "host2$ cmd" lines of an exercise file, typed in host2's tab; the rest in the first host's. */
export async function typeAttempt(page: Page, lines: readonly string[], firstHost: string): Promise<void> {
  for (const line of lines) {
    const m = /^([a-z][a-z0-9-]*)\$\s+(.*)$/.exec(line);
    const host = m ? m[1]! : firstHost;
    if ((await selectedTab(page)) !== host) await selectHost(page, host);
    await typeInActiveTab(page, m ? m[2]! : line);
  }
}

/** Clicks the i-th Run button matched by `selector` and waits until its block says it ran. */
export async function clickRunButton(page: Page, selector: string, i: number): Promise<void> {
  const button = page.locator(selector).nth(i);
  await button.scrollIntoViewIfNeeded();
  await button.click();
  await page.waitForFunction(
    ({ index, selector: sel }) => document.querySelectorAll(sel)[index]?.getAttribute('data-run-state') === 'ran',
    { index: i, selector },
    WAIT,
  );
}

/** Clicks every Run button of the lesson in order; each must switch to its host's tab and finish there. */
export async function runEveryBlock(page: Page): Promise<Map<string, number>> {
  const buttons = page.locator(RUNS);
  const count = await buttons.count();
  const perHost = new Map<string, number>();
  for (let i = 0; i < count; i++) {
    const button = buttons.nth(i);
    const host = (await button.locator('xpath=ancestor::*[@data-run-block][1]').getAttribute('data-run-host')) ?? 'host1';
    await clickRunButton(page, RUNS, i);
    expect(await selectedTab(page), `Run block ${i} runs on ${host}`).toBe(host);
    perHost.set(host, (perHost.get(host) ?? 0) + 1);
  }
  return perHost;
}

export async function startExercise(page: Page, x: LessonExercise): Promise<Locator> {
  const exercise = page.locator(`[data-exercise="${x.exercise.id}"]`);
  await exercise.getByRole('button', { name: /^(Start this exercise|Continue exercise)$/ }).click();
  await page.locator('.lab-pane h2', { hasText: `Exercise: ${x.exercise.title}` }).waitFor(WAIT);
  await waitForTerminalText(page, /a fresh lab, set up for it|Continue exercise:/);
  await waitForTerminalReady(page);
  return exercise;
}

export async function pressCheck(exercise: Locator): Promise<Locator> {
  const check = exercise.locator('button:enabled', { hasText: /^Check$/ });
  await check.waitFor(WAIT);
  await check.click();
  const result = exercise.getByTestId('exercise-result');
  await result.waitFor(WAIT);
  await result.evaluate((el) => el.scrollIntoView({ block: 'center' }));
  return result;
}

export async function solveByTyping(page: Page, slug: string, id: string, shot: string): Promise<void> {
  const x = await findExercise(slug, id);
  const expected = await expectedReport(x, x.exercise.solution);
  expect(expected.pass, 'the solution passes in the engine').toBe(true);
  const exercise = await startExercise(page, x);
  await typeAttempt(page, x.exercise.solution, x.lab.hosts[0]!);
  const result = await pressCheck(exercise);
  await result.getByText('All checks pass').waitFor(WAIT);
  expect(await result.locator('li[data-criterion]').count()).toBe(expected.criteria.length);
  await exercise.locator('.badge-completed', { hasText: 'Passed' }).waitFor(WAIT);
  await screenshot(page, shot);
}

/** `visible: false` when a failed command leads the report and folds the criteria under it (attached, not shown). */
export async function nearMissByTyping(page: Page, slug: string, id: string, index: number, shot: string, visible = true): Promise<CheckReport> {
  const x = await findExercise(slug, id);
  const miss = x.exercise.nearMisses[index];
  if (!miss) throw new Error(`${slug}/${id} has no near miss ${index}`);
  const expected = await expectedReport(x, miss.commands);
  const failing = expected.criteria.filter((c) => !c.pass);
  expect(failing.map((c) => c.id)).toEqual(miss.fails);
  const exercise = await startExercise(page, x);
  await typeAttempt(page, miss.commands, x.lab.hosts[0]!);
  const result = await pressCheck(exercise);
  const verb = failing.length === 1 ? 'does' : 'do';
  await result.getByText(`${failing.length} of ${expected.criteria.length} checks ${verb} not pass yet.`).waitFor(WAIT);
  for (const c of failing) {
    const row = result.locator(`li[data-criterion="${c.id}"]`);
    await row.getByText(c.message, { exact: true }).first().waitFor(visible ? WAIT : { ...WAIT, state: 'attached' });
  }
  expect(await exercise.locator('.badge-completed').count()).toBe(0);
  await screenshot(page, shot);
  return expected;
}
