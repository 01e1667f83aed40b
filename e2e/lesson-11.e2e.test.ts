/**
 * The capstone, 11-choosing-a-driver, in a real browser (issue 11): a three-node swarm built by the
 * lesson's setup, every Run block run in the tab of the host its fence names (host1 and host3),
 * and the debugging exercise half-the-cluster solved by typing on host1 and passing Check; its
 * near miss, typed in host3's tab, fails with the checker's own messages. Commands and messages
 * come from the content and the engine (exercise-data.ts), not from copies here. The helpers
 * below follow e2e/lessons-lan.e2e.test.ts.
 */
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectedReport, findExercise, type LessonExercise } from './exercise-data';
import {
  BROKEN_OUTPUT,
  WAIT,
  flushTerminal,
  launchBrowser,
  openPage,
  outputOf,
  screenshot,
  terminalText,
  waitForTerminalReady,
  waitForTerminalText,
  type Browser,
} from './helpers';

const SLUG = '11-choosing-a-driver';
const RUNS = '[data-run-block] button[data-run-state]';

const tabs = (page: Page): Locator => page.getByRole('tablist', { name: 'Terminals' });

async function selectedTab(page: Page): Promise<string> {
  return ((await tabs(page).getByRole('tab', { selected: true }).textContent()) ?? '').trim();
}

async function selectHost(page: Page, host: string): Promise<void> {
  await tabs(page).getByRole('tab', { name: host, exact: true }).click();
  await tabs(page).getByRole('tab', { name: host, exact: true, selected: true }).waitFor(WAIT);
  await page.locator('[data-terminal-active="true"][data-terminal-ready="true"]').first().waitFor(WAIT);
}

async function doneInActiveTab(page: Page): Promise<number> {
  return Number(await page.locator('[data-terminal-active="true"][data-commands-done]').first().getAttribute('data-commands-done'));
}

/** Types a line into the selected tab, presses Enter and waits until it has run. */
async function typeInActiveTab(page: Page, command: string): Promise<void> {
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

/** "host3$ cmd" lines typed in host3's tab; the rest in the first host's. */
async function typeAttempt(page: Page, lines: readonly string[], firstHost: string): Promise<void> {
  for (const line of lines) {
    const m = /^([a-z][a-z0-9-]*)\$\s+(.*)$/.exec(line);
    const host = m ? m[1]! : firstHost;
    if ((await selectedTab(page)) !== host) await selectHost(page, host);
    await typeInActiveTab(page, m ? m[2]! : line);
  }
}

async function runEveryBlock(page: Page): Promise<Map<string, number>> {
  const buttons = page.locator(RUNS);
  const count = await buttons.count();
  const perHost = new Map<string, number>();
  for (let i = 0; i < count; i++) {
    const button = buttons.nth(i);
    const host = (await button.locator('xpath=ancestor::*[@data-run-block][1]').getAttribute('data-run-host')) ?? 'host1';
    await button.scrollIntoViewIfNeeded();
    await button.click();
    await page.waitForFunction(
      ({ index, selector }) => document.querySelectorAll(selector)[index]?.getAttribute('data-run-state') === 'ran',
      { index: i, selector: RUNS },
      WAIT,
    );
    expect(await selectedTab(page), `Run block ${i} runs on ${host}`).toBe(host);
    perHost.set(host, (perHost.get(host) ?? 0) + 1);
  }
  return perHost;
}

async function startExercise(page: Page, x: LessonExercise): Promise<Locator> {
  const exercise = page.locator(`[data-exercise="${x.exercise.id}"]`);
  await exercise.getByRole('button', { name: /^(Start this exercise|Continue exercise)$/ }).click();
  await page.locator('.lab-pane h2', { hasText: `Exercise: ${x.exercise.title}` }).waitFor(WAIT);
  await waitForTerminalText(page, /a fresh lab, set up for it|Continue exercise:/);
  await waitForTerminalReady(page);
  return exercise;
}

async function pressCheck(exercise: Locator): Promise<Locator> {
  const check = exercise.locator('button:enabled', { hasText: /^Check$/ });
  await check.waitFor(WAIT);
  await check.click();
  const result = exercise.getByTestId('exercise-result');
  await result.waitFor(WAIT);
  await result.evaluate((el) => el.scrollIntoView({ block: 'center' }));
  return result;
}

describe('11-choosing-a-driver in the browser', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('runs every Run block in its host tab on the three-node swarm, with the outputs the lesson describes', async () => {
    const { page, errors } = await openPage(browser, `/lessons/${SLUG}/`);
    await waitForTerminalReady(page);
    expect(await tabs(page).getByRole('tab').allTextContents()).toEqual(['host1', 'host2', 'host3']);
    const perHost = await runEveryBlock(page);
    expect(Object.fromEntries(perHost)).toEqual({ host1: 7, host3: 2 });

    await selectHost(page, 'host1');
    const h1 = await terminalText(page);
    // The empty PORTS column leaves a trailing space, as the real template does.
    expect((await outputOf(page, "docker service ls --format '{{.Name}} {{.Mode}} {{.Replicas}} {{.Ports}}'")).replace(/ +$/gm, '')).toBe(
      'api replicated 2/2\ndb replicated 1/1\nweb replicated 3/3 *:8080->80/tcp',
    );
    expect(await outputOf(page, 'ssh laptop curl -s http://192.168.1.13:8080/ | grep title')).toBe('<title>Welcome to nginx!</title>');
    expect(await outputOf(page, 'docker exec $W curl -sS http://db:6379/')).toBe('curl: (6) Could not resolve host: db');
    expect(await outputOf(page, 'docker exec $C ping -c 1 8.8.8.8')).toBe('PING 8.8.8.8 (8.8.8.8): 56 data bytes\nping: sendto: Network unreachable');
    expect(await outputOf(page, 'docker exec $W curl -s http://192.168.1.200/ | grep title')).toBe('<title>Welcome to nginx!</title>');
    expect(h1.match(BROKEN_OUTPUT)?.[0] ?? null).toBeNull();
    await screenshot(page, 'lesson-11-host1-tab');

    await selectHost(page, 'host3');
    expect(await outputOf(page, 'docker exec $W3 curl -sS -m 3 http://192.168.1.200/')).toBe(
      'curl: (28) Failed to connect to 192.168.1.200 port 80 after 3000 ms: Timeout was reached',
    );
    await screenshot(page, 'lesson-11-host3-tab');

    const picture = page.locator('.topology-slot svg.topology-svg').first();
    await picture.waitFor(WAIT);
    await picture.screenshot({ path: 'e2e/screenshots/lesson-11-topology.png' });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('half-the-cluster solved by typing on host1 passes Check; the near miss typed in host3’s tab fails with its messages', async () => {
    const { page, errors } = await openPage(browser, `/lessons/${SLUG}/`);
    await waitForTerminalReady(page);
    const x = await findExercise(SLUG, 'half-the-cluster');

    // The near miss first: "the rule is on host1, so deleting it on host3 fails and changes nothing".
    const miss = x.exercise.nearMisses[0]!;
    const expectedMiss = await expectedReport(x, miss.commands);
    const failing = expectedMiss.criteria.filter((c) => !c.pass);
    expect(failing.map((c) => c.id)).toEqual(miss.fails);
    let exercise = await startExercise(page, x);
    await typeAttempt(page, miss.commands, x.lab.hosts[0]!);
    expect(await selectedTab(page)).toBe('host3');
    let result = await pressCheck(exercise);
    await result.getByText(`${failing.length} of ${expectedMiss.criteria.length} checks ${failing.length === 1 ? 'does' : 'do'} not pass yet.`).waitFor(WAIT);
    const row = result.locator('li[data-criterion="probes.web-calls-api"]');
    await row.getByText(/on host3: /).first().waitFor(WAIT);
    expect(await exercise.locator('.badge-completed').count()).toBe(0);
    await screenshot(page, 'lesson-11-near-miss');

    // Then the fix, typed in host1's tab of the same lab: the check passes.
    const expected = await expectedReport(x, [...miss.commands, ...x.exercise.solution]);
    expect(expected.pass, 'the solution passes in the engine after the near miss').toBe(true);
    await typeAttempt(page, x.exercise.solution, x.lab.hosts[0]!);
    expect(await selectedTab(page)).toBe('host1');
    exercise = page.locator(`[data-exercise="${x.exercise.id}"]`);
    result = await pressCheck(exercise);
    await result.getByText('All checks pass').waitFor(WAIT);
    expect(await result.locator('li[data-criterion]').count()).toBe(expected.criteria.length);
    await exercise.locator('.badge-completed', { hasText: 'Passed' }).waitFor(WAIT);
    await screenshot(page, 'lesson-11-half-the-cluster-pass');
    expect(errors).toEqual([]);
    await page.close();
  });
});
