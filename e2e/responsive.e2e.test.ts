/**
 * Narrow screens: the lab docks to the bottom of a lesson, Run buttons still reach it, and it can
 * be minimised and switched to the topology.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WAIT, launchBrowser, lessonSlugs, openPage, screenshot, terminalText, waitForTerminalReady, type Browser } from './helpers';

describe('on a phone-sized screen', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser({ width: 390, height: 844 });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('docks the lab at the bottom of a lesson and runs Run blocks in it', async () => {
    const [slug] = await lessonSlugs();
    const { page, errors } = await openPage(browser, `/lessons/${slug}/`);
    await waitForTerminalReady(page);
    await screenshot(page, 'mobile-lesson');
    const pane = page.getByRole('complementary', { name: /Lab/ });
    await pane.getByRole('button', { name: 'Minimise' }).click();
    await pane.getByRole('button', { name: 'Open lab' }).waitFor(WAIT);
    await screenshot(page, 'mobile-lesson-minimised');
    const run = page.locator('button[data-run-state]').first();
    await run.scrollIntoViewIfNeeded();
    const label = (await run.getAttribute('aria-label')) ?? '';
    await run.click();
    await page.locator('button[data-run-state="ran"]').first().waitFor(WAIT);
    // Running a command opens the lab again.
    await pane.getByRole('button', { name: 'Minimise' }).waitFor(WAIT);
    expect(await terminalText(page)).toContain(label.replace(/^Run: /, '').split('; ')[0]);
    await screenshot(page, 'mobile-lesson-ran');
    await pane.getByRole('button', { name: 'Topology' }).click();
    await pane.locator('svg.topology-svg').waitFor(WAIT);
    await screenshot(page, 'mobile-lesson-topology');
    expect(errors).toEqual([]);
  });

  it('shows the playground terminal and topology stacked', async () => {
    const { page, errors } = await openPage(browser, '/playground/');
    await waitForTerminalReady(page);
    await page.locator('svg.topology-svg').waitFor(WAIT);
    await screenshot(page, 'mobile-playground');
    expect(errors).toEqual([]);
  });

  it('shows the course index', async () => {
    const { page } = await openPage(browser, '/');
    await page.getByTestId('course-progress').waitFor(WAIT);
    await screenshot(page, 'mobile-index');
  });
});
