/**
 * Accessibility: axe-core finds no serious or critical violations on the course index, a lesson
 * and the playground, and the lab works from the keyboard alone.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from './axe';
import { WAIT, launchBrowser, lessonSlugs, openPage, screenshot, terminalText, waitForTerminalReady, type Browser } from './helpers';

describe('accessibility', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('the course index has no serious or critical axe violations', async () => {
    const { page } = await openPage(browser, '/');
    await page.getByTestId('course-progress').waitFor(WAIT);
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('a lesson has no serious or critical axe violations', async () => {
    const [slug] = await lessonSlugs();
    const { page } = await openPage(browser, `/lessons/${slug}/`);
    await waitForTerminalReady(page);
    await page.locator('svg.topology-svg').first().waitFor(WAIT);
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('the playground has no serious or critical axe violations', async () => {
    const { page } = await openPage(browser, '/playground/');
    await waitForTerminalReady(page);
    await page.locator('svg.topology-svg').first().waitFor(WAIT);
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('works from the keyboard: skip link, Run button, terminal in and out', async () => {
    const [slug] = await lessonSlugs();
    const { page } = await openPage(browser, `/lessons/${slug}/`);
    await waitForTerminalReady(page);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to content');
    await screenshot(page, 'skip-link');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
    // Tab forward to the first Run button and press it.
    for (let i = 0; i < 60; i++) {
      await page.keyboard.press('Tab');
      const isRun = await page.evaluate(() => document.activeElement?.hasAttribute('data-run-state') ?? false);
      if (isRun) break;
    }
    const label = await page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? '');
    expect(label).toMatch(/^Run: /);
    await screenshot(page, 'keyboard-focus-run');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.activeElement?.getAttribute('data-run-state') === 'ran', undefined, WAIT);
    const firstCommand = label.replace(/^Run: /, '').split('; ')[0] ?? '';
    expect(await terminalText(page)).toContain(firstCommand);
    // Into the terminal with the "Focus terminal" control, out again with Escape then Tab.
    await page.locator('.xterm-helper-textarea').focus();
    await page.keyboard.press('Escape');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.classList.contains('xterm-helper-textarea'))).toBe(false);
  });
});
