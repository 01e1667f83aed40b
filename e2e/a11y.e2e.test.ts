/**
 * Accessibility: axe-core finds no serious or critical violations on the course index, a lesson
 * and the playground, and the lab works from the keyboard alone.
 */
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WAIT, launchBrowser, lessonSlugs, openPage, screenshot, terminalText, waitForTerminalReady, type Browser } from './helpers';

const axeSource = (createRequire(import.meta.url)('axe-core') as { source: string }).source;

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

async function seriousViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: axeSource });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: unknown[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations;
  });
  return (violations as AxeViolation[])
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help}\n${v.nodes.map((n) => `  ${n.target.join(' ')} ${n.failureSummary ?? ''}`).join('\n')}`);
}

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
