/**
 * Every lesson in content/ opens, and every one of its Run buttons runs in the terminal without
 * the kind of error a learner would read as "this lesson is broken".
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BROKEN_OUTPUT,
  WAIT,
  launchBrowser,
  lessonSlugs,
  openPage,
  screenshot,
  terminalText,
  waitForTerminalReady,
  type Browser,
} from './helpers';
import { clickRunButton } from './lesson-tabs';

const slugs = await lessonSlugs();

describe('lessons', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('finds the lessons in content/', () => {
    expect(slugs.length).toBeGreaterThan(0);
  });

  for (const slug of slugs) {
    it(`${slug}: every Run button runs its commands in the terminal`, async () => {
      const { page, errors } = await openPage(browser, `/lessons/${slug}/`);
      await page.getByRole('heading', { level: 1 }).waitFor(WAIT);
      await waitForTerminalReady(page);
      await screenshot(page, `lesson-${slug}-start`);

      // The lesson's own Run buttons (a solution's, inside its closed disclosure, is the exercises' test).
      const RUNS = '[data-run-block] button[data-run-state], .run-inline button[data-run-state]';
      const buttons = page.locator(RUNS);
      const count = await buttons.count();
      expect(count, 'a lesson has runnable commands').toBeGreaterThan(0);
      for (let i = 0; i < count; i++) await clickRunButton(page, RUNS, i);
      const text = await terminalText(page);
      expect(text, 'the terminal shows the commands and their output').toMatch(/docker|ip |brctl/);
      expect(text.match(BROKEN_OUTPUT)?.[0] ?? null, `broken output in ${slug}:\n${text}`).toBeNull();
      const picture = page.locator('.lab-topology svg.topology-svg');
      await picture.waitFor(WAIT);
      await screenshot(page, `lesson-${slug}-after-run`);
      // The inline <Topology /> (if the lesson has one) shows the whole picture, unclipped.
      const inline = page.locator('.topology-slot svg.topology-svg');
      if ((await inline.count()) > 0) await inline.first().screenshot({ path: `e2e/screenshots/lesson-${slug}-topology.png` });
      expect(errors).toEqual([]);
      await page.close();
    });
  }
});
