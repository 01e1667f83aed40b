/**
 * The authoring studio in Chromium: create a lesson, type MDX and exercise YAML into Monaco, see
 * the preview follow and the schema flag a wrong field, prove the exercise, record a goal from the
 * preview's lab, try it as a learner, and save through the dev route and as a zip. Also: Monaco
 * never loads outside /studio/.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { parseLessonFolder } from '../lib/content/lesson-folder';
import { draftFiles } from '../lib/studio/lesson-draft';
import { unzipLessons } from '../lib/studio/zip';
import { WAIT, launchBrowser, openPage, screenshot, typeCommand, waitForTerminalReady, waitForTerminalText, type Browser } from './helpers';

const SLUG = '07-studio-e2e';

async function modelText(page: Page, file: string): Promise<string> {
  return page.evaluate((f) => window.__docknetStudio?.monaco.editor.getModel(window.__docknetStudio.monaco.Uri.parse(`file:///content/${f}`))?.getValue() ?? '', file);
}

async function markers(page: Page, owner: string): Promise<string[]> {
  return page.evaluate((o) => window.__docknetStudio?.monaco.editor.getModelMarkers({ owner: o }).map((m) => `${m.resource.path}:${m.startLineNumber}: ${m.message}`) ?? [], owner);
}

/** Undoes with Ctrl+Z until the file is back to `text` (typing makes several undo stops). */
async function undoBackTo(page: Page, file: string, text: string): Promise<void> {
  for (let i = 0; i < 20 && (await modelText(page, file)) !== text; i++) await page.keyboard.press('Control+z');
  expect(await modelText(page, file)).toBe(text);
}

async function openFile(page: Page, file: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Lessons and files' }).getByRole('button', { name: file, exact: true }).click();
  await page.waitForFunction((f) => window.__docknetStudio?.editor?.getModel()?.uri.path === f, `/content/${SLUG}/${file}`, WAIT);
  // Monaco 0.57 takes keys through an EditContext element, not a textarea: focus the editor itself.
  await page.evaluate(() => window.__docknetStudio?.editor?.focus());
}

/**
 * At the test's 1440×900: every Run button of the preview lies inside the preview's article pane
 * (none cut off at its right edge), and neither the article nor the lab pane is wider than the
 * preview's column. Returns what was clipped, for the failure message.
 */
async function clippedInPreview(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const column = document.querySelector('.studio-preview-col')!.getBoundingClientRect();
    const article = document.querySelector('.studio-preview-article')!;
    const pane = article.getBoundingClientRect();
    // The visible part of the article: its client box (without a scrollbar), within the viewport.
    const right = Math.min(pane.left + article.clientWidth, window.innerWidth, column.right);
    const found: string[] = [];
    for (const [name, el] of [['article', article], ['lab', document.querySelector('.studio-lab')]] as const) {
      const box = el?.getBoundingClientRect();
      if (box && (box.right > column.right + 0.5 || box.right > window.innerWidth + 0.5)) found.push(`${name} right ${box.right} > column ${column.right}`);
    }
    for (const button of article.querySelectorAll('button[data-run-state]')) {
      const box = button.getBoundingClientRect();
      if (box.width === 0) continue; // inside a closed disclosure
      if (box.left < pane.left - 0.5 || box.right > right + 0.5) found.push(`${button.getAttribute('aria-label')}: ${box.left}–${box.right} outside ${pane.left}–${right}`);
    }
    return found;
  });
}

describe('the authoring studio', () => {
  let browser: Browser;
  let page: Page;
  let errors: string[];
  beforeAll(async () => {
    browser = await launchBrowser();
    ({ page, errors } = await openPage(browser, '/studio/'));
    await page.locator('.studio-monaco .monaco-editor').first().waitFor(WAIT);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('creates a lesson and previews MDX as it is typed', async () => {
    await page.getByLabel('New lesson (slug)').fill(SLUG);
    await page.getByRole('button', { name: 'Create' }).click();
    await page.locator(`[data-studio-slug="${SLUG}"]`).waitFor(WAIT);
    await page.getByRole('heading', { name: 'Studio e2e', level: 1 }).waitFor(WAIT);
    await openFile(page, 'lesson.mdx');
    await page.keyboard.press('Control+End');
    await page.keyboard.type('\nA network of our own:\n\n<Run>docker network create typednet</Run>\n');
    const run = page.locator('.studio-preview').getByRole('button', { name: 'Run: docker network create typednet' });
    await run.waitFor(WAIT);
    expect(await modelText(page, `${SLUG}/lesson.mdx`)).toContain('<Run>docker network create typednet</Run>');
    await run.scrollIntoViewIfNeeded();
    expect(await clippedInPreview(page)).toEqual([]);
    await screenshot(page, 'studio-preview');
    // An MDX syntax error is named by its line, and the preview keeps the last good version.
    const good = await modelText(page, `${SLUG}/lesson.mdx`);
    await page.keyboard.type('<Note>never closed\n');
    await page.getByRole('status').filter({ hasText: /^Line \d+: .*Note/ }).waitFor(WAIT);
    expect(await run.isVisible()).toBe(true);
    await undoBackTo(page, `${SLUG}/lesson.mdx`, good);
    await page.locator('[data-problems="0"]').waitFor(WAIT);
  });

  it('flags a wrong field in the exercise YAML from the schema, in the editor and the problems list', async () => {
    await openFile(page, 'exercises/first-network.yaml');
    const good = await modelText(page, `${SLUG}/exercises/first-network.yaml`);
    await page.keyboard.press('Control+Home');
    await page.keyboard.type('colour: red\n');
    await page.waitForFunction(() => (window.__docknetStudio?.monaco.editor.getModelMarkers({ owner: 'yaml' }) ?? []).some((m) => /colour/.test(m.message)), null, WAIT);
    expect((await markers(page, 'yaml')).join('\n')).toMatch(/first-network\.yaml:1: Property colour is not allowed/);
    await page.getByRole('tab', { name: /Problems \(1\)/ }).waitFor(WAIT);
    expect(await page.locator('.studio-problem-list').innerText()).toContain('exercises/first-network.yaml:1:1 colour unknown field "colour"');
    await screenshot(page, 'studio-schema-error');
    await undoBackTo(page, `${SLUG}/exercises/first-network.yaml`, good);
    await page.locator('[data-problems="0"]').waitFor(WAIT);
  });

  it('proves the exercise with per-criterion results', async () => {
    await page.getByRole('tab', { name: 'Prove' }).click();
    const section = page.locator('[data-prove-exercise="first-network"]');
    await section.getByRole('button', { name: 'Prove', exact: true }).click();
    await page.locator('[data-prove-exercise="first-network"][data-verdict="holds"]').waitFor(WAIT);
    expect(await section.locator('[data-proof-ok="true"]').count()).toBe(4);
    await section.getByText('Solution passes').click();
    expect(await section.innerText()).toMatch(/pass probes\.client-gets-web/);
    await screenshot(page, 'studio-prove');
  });

  it('records a goal from the preview lab, and the Prove panel jumps to what no longer holds', async () => {
    await waitForTerminalReady(page);
    await page.locator('.studio-preview').getByRole('button', { name: 'Run: docker network create typednet' }).click();
    await waitForTerminalText(page, /^[0-9a-f]{64}$/m);
    await typeCommand(page, 'docker run -dit --name rec1 --network typednet alpine');
    await typeCommand(page, 'docker run -dit --name rec2 alpine');
    await page.getByRole('tab', { name: 'Record goal' }).click();
    await page.getByRole('button', { name: 'Record from the lab' }).click();
    await page.locator('[data-candidate="network:host1:typednet"]').waitFor(WAIT);
    const labels = await page.locator('.studio-candidates').innerText();
    expect(labels).toMatch(/Container rec1 \(alpine, running, on typednet\)/);
    expect(labels).toMatch(/rec2 cannot reach rec1 \(ping by address\)/);
    // Prune: the address of rec1 is not what the exercise is about.
    expect(await page.locator('[data-candidate="address:host1:rec1:typednet"] input').isChecked()).toBe(false);
    await page.locator('[data-candidate="container:host1:rec2"] input').uncheck();
    await screenshot(page, 'studio-record-goal');
    await page.getByRole('button', { name: 'Use as the goal' }).click();
    await page.waitForFunction((s) => window.__docknetStudio?.editor?.getModel()?.uri.path === `/content/${s}/exercises/first-network.yaml`, SLUG, WAIT);
    const yaml = await modelText(page, `${SLUG}/exercises/first-network.yaml`);
    expect(yaml).toMatch(/- name: typednet\n\s+driver: bridge/);
    expect(yaml).toMatch(/name: rec1/);
    expect(yaml).not.toMatch(/name: rec2\n/);
    expect(yaml).toMatch(/id: rec2-cannot-reach-rec1/);

    // The scaffold's solution does not build typednet: the proof says where.
    await page.getByRole('tab', { name: 'Prove' }).click();
    const section = page.locator('[data-prove-exercise="first-network"]');
    await section.getByRole('button', { name: 'Prove', exact: true }).click();
    await page.locator('[data-prove-exercise="first-network"][data-verdict="fails"]').waitFor(WAIT);
    const jump = section.locator('.studio-jump').first();
    const line = Number((await jump.innerText()).split(':').pop());
    await jump.click();
    await page.waitForFunction((l) => window.__docknetStudio?.editor?.getPosition()?.lineNumber === l, line, WAIT);
    expect(await section.innerText()).toMatch(/field "?solution|solution/);
  });

  it('tries the exercise as a learner in a fresh lab', async () => {
    await page.locator('[data-prove-exercise="first-network"]').getByRole('button', { name: 'Try as a learner' }).click();
    await page.locator('.lab-pane').getByRole('heading', { name: /Exercise: Two containers on a network of your own/ }).waitFor(WAIT);
    await page.locator('.studio-preview [data-exercise="first-network"][data-active="true"]').waitFor(WAIT);
    // The exercise lab's longer name and tabs must not widen the preview past its column.
    const runs = page.locator('.studio-preview-article button[data-run-state]:visible');
    expect(await runs.count()).toBeGreaterThan(0);
    await runs.last().scrollIntoViewIfNeeded();
    expect(await clippedInPreview(page)).toEqual([]);
    await screenshot(page, 'studio-try-as-learner');
  });

  it('saves through the dev route and as a zip', async () => {
    await page.getByRole('button', { name: 'Save to content/' }).click();
    await page.getByRole('status').filter({ hasText: /^Saved 2 files/ }).waitFor(WAIT);
    const root = inject('studioContentRoot');
    const saved = await readFile(path.join(root, SLUG, 'lesson.mdx'), 'utf8');
    expect(saved).toContain('<Run>docker network create typednet</Run>');
    const exercise = await readFile(path.join(root, SLUG, 'exercises', 'first-network.yaml'), 'utf8');
    expect(parseLessonFolder({ slug: SLUG, dir: SLUG, lesson: saved, exercises: [{ name: 'first-network', text: exercise }] }).problems).toEqual([]);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download .zip' }).click()]);
    expect(download.suggestedFilename()).toBe(`${SLUG}.zip`);
    const zipped = unzipLessons(new Uint8Array(await readFile((await download.path()) as string)));
    expect(zipped.drafts.map((d) => draftFiles(d).lesson)).toEqual([saved]);
    expect(zipped.drafts[0]?.files['exercises/first-network.yaml']).toBe(exercise);
    await screenshot(page, 'studio-saved');

    // Saved elsewhere: the studio's own copy can go.
    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: 'Discard changes' }).click();
    await page.getByRole('status').filter({ hasText: `${SLUG} was discarded.` }).waitFor(WAIT);
    expect(await page.getByRole('navigation', { name: 'Lessons and files' }).getByRole('button', { name: SLUG }).count()).toBe(0);
    await page.locator('.studio-monaco .monaco-editor').first().waitFor(WAIT);
    expect(errors).toEqual([]);
  });

  it('loads Monaco on /studio/ only', async () => {
    const scripts = async (url: string) => {
      const p = await browser.context.newPage();
      const bodies: string[] = [];
      p.on('response', (r) => {
        if (r.url().endsWith('.js')) bodies.push(r.url());
      });
      await p.goto(new URL(url, inject('baseUrl')).toString());
      await p.waitForLoadState('networkidle');
      const texts = await Promise.all(bodies.map((u) => p.evaluate((x) => fetch(x).then((r) => r.text()), u)));
      await p.close();
      return texts;
    };
    const hasMonaco = (texts: string[]) => texts.some((t) => t.includes('MonacoEnvironment'));
    expect(hasMonaco(await scripts('/studio/'))).toBe(true);
    for (const url of ['/', '/lessons/01-containers-and-cli/']) expect(hasMonaco(await scripts(url)), url).toBe(false);
  });
});
