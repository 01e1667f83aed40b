/**
 * Lessons on several hosts, in Chromium, with the fixture lessons of e2e/fixtures/multi-host/
 * (never in content/ nor out/): no second `next build` for them.
 * - The course index: the real page (out/) puts each lesson in its group with its host chips; the
 *   same page component, rendered from the fixture lessons and shown with the site's CSS, has both
 *   groups ("On one host", "Across hosts").
 * - Run blocks and exercises: the fixture lessons opened as a zip in the studio, whose preview is
 *   the lesson with the real Run, Terminal and Exercise components and lab pane. A ```sh run
 *   host=host2 block and <Run host="host2"> type into host2's tab; the exercise without hosts of
 *   its own gets the lesson's world (its camera resolves there, and nowhere else).
 */
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import CoursePage from '../app/page';
import { loadCourse } from '../lib/content/content-files';
import type { LessonDraft } from '../lib/studio/lesson-draft';
import { zipLessons } from '../lib/studio/zip';
import {
  WAIT,
  launchBrowser,
  openPage,
  outputOf,
  screenshot,
  terminalText,
  typeCommand,
  waitForCommandsDone,
  waitForTerminalReady,
  waitForTerminalText,
  type Browser,
} from './helpers';

const FIXTURES = path.resolve('e2e/fixtures/multi-host');

/** The course index page component, rendered (as at build time) from another content folder. */
async function renderCourseIndex(contentDir: string): Promise<string> {
  const before = process.env.DOCKNET_CONTENT_DIR;
  process.env.DOCKNET_CONTENT_DIR = contentDir;
  try {
    // The page is an async Server Component: await its tree, then render the client parts as SSR does.
    return renderToStaticMarkup(await CoursePage());
  } finally {
    if (before === undefined) delete process.env.DOCKNET_CONTENT_DIR;
    else process.env.DOCKNET_CONTENT_DIR = before;
  }
}

/** Each lesson card of the index: its group, slug and host chips. */
async function indexCards(page: Page): Promise<{ group: string; slug: string; hosts: string[] }[]> {
  return page.locator('[data-group] li[data-lesson]').evaluateAll((items) =>
    items.map((li) => ({
      group: li.closest('[data-group]')?.getAttribute('data-group') ?? '',
      slug: li.getAttribute('data-lesson') ?? '',
      hosts: [...li.querySelectorAll('.host-chip')].map((chip) => chip.firstChild?.textContent ?? ''),
    })),
  );
}

async function fixtureDrafts(): Promise<LessonDraft[]> {
  const drafts: LessonDraft[] = [];
  for (const slug of (await readdir(FIXTURES, { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name)) {
    const files = Object.create(null) as Record<string, string>;
    files['lesson.mdx'] = await readFile(path.join(FIXTURES, slug, 'lesson.mdx'), 'utf8');
    const exercises = await readdir(path.join(FIXTURES, slug, 'exercises')).catch(() => [] as string[]);
    for (const name of exercises) files[`exercises/${name}`] = await readFile(path.join(FIXTURES, slug, 'exercises', name), 'utf8');
    drafts.push({ slug, files });
  }
  return drafts;
}

const preview = (page: Page) => page.locator('.studio-preview');
const terminals = (page: Page) => preview(page).getByRole('tablist', { name: 'Terminals' });

async function selectedTab(page: Page): Promise<string> {
  return (await terminals(page).getByRole('tab', { selected: true }).textContent()) ?? '';
}

async function openLesson(page: Page, slug: string, title: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Lessons and files' }).getByRole('button', { name: slug }).click();
  await preview(page).getByRole('heading', { name: title, level: 1 }).waitFor(WAIT);
}

/** Presses a Run button and waits until its lines ran (the button says so). */
async function pressRun(run: Locator): Promise<void> {
  await run.click();
  await run.and(run.page().locator('[data-run-state="ran"]')).waitFor(WAIT);
}

describe('lessons on several hosts', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('the course index groups lessons (one host, across hosts), each with its host chips', async () => {
    // The real index: every lesson of content/ in the group its hosts call for, with one chip per host.
    const { page, errors } = await openPage(browser, '/');
    await page.getByTestId('lesson-list').waitFor(WAIT);
    const course = await loadCourse(path.resolve('content'));
    expect(await indexCards(page)).toEqual(
      course.lessons.map((l) => ({ group: l.frontmatter.lab.hosts.length > 1 ? 'across-hosts' : 'one-host', slug: l.slug, hosts: l.frontmatter.lab.hosts })),
    );

    // The fixture lessons through the same page component, shown with the site's own stylesheets.
    const markup = await renderCourseIndex(FIXTURES);
    const styles = await page.locator('head link[rel="stylesheet"]').evaluateAll((links) => links.map((l) => l.outerHTML).join(''));
    const htmlClass = (await page.locator('html').getAttribute('class')) ?? '';
    const bodyClass = (await page.locator('body').getAttribute('class')) ?? '';
    await page.setContent(`<!doctype html><html lang="en" class="${htmlClass}"><head>${styles}</head><body class="${bodyClass}">${markup}</body></html>`);
    expect(await indexCards(page)).toEqual([
      { group: 'one-host', slug: '01-one-host', hosts: ['host1'] },
      { group: 'across-hosts', slug: '02-two-hosts', hosts: ['host1', 'host2'] },
      { group: 'across-hosts', slug: '03-vlan-world', hosts: ['host1', 'host2'] },
    ]);
    const across = page.getByRole('region', { name: 'Across hosts' });
    expect((await across.getByRole('listitem').first().innerText()).replace(/\s+/g, ' ')).toMatch(/Two hosts \(fixture\) .* Driver: swarm services 2 hosts: host1 , host2$/);
    expect(await page.getByRole('region', { name: 'On one host' }).getByRole('listitem').count()).toBe(1);
    // The chips are styled as chips: the site's CSS reached this page.
    expect(await across.locator('.host-chip').first().evaluate((el) => getComputedStyle(el).borderRadius)).not.toBe('0px');
    await page.getByRole('heading', { name: 'Lessons', level: 2 }).scrollIntoViewIfNeeded();
    await screenshot(page, 'multi-host-course-index');
    expect(errors).toEqual([]);
    await page.close();
  });

  describe('in the studio preview', () => {
    let page: Page;
    let errors: string[];
    let zipDir = '';
    beforeAll(async () => {
      ({ page, errors } = await openPage(browser, '/studio/'));
      await page.locator('.studio-monaco .monaco-editor').first().waitFor(WAIT);
      zipDir = await mkdtemp(path.join(os.tmpdir(), 'docknet-multi-host-'));
      const zip = path.join(zipDir, 'multi-host.zip');
      await writeFile(zip, zipLessons(await fixtureDrafts()));
      await page.locator('input[type="file"][accept*=".zip"]').setInputFiles(zip);
      await page.getByRole('status').filter({ hasText: 'Opened 01-one-host, 02-two-hosts, 03-vlan-world' }).waitFor(WAIT);
    });
    afterAll(async () => {
      if (zipDir) await rm(zipDir, { recursive: true, force: true });
    });

    it('a Run block with host=host2 types into host2’s tab; one without, into host1’s', async () => {
      await openLesson(page, '02-two-hosts', 'Two hosts (fixture)');
      await terminals(page).getByRole('tab', { name: 'host2' }).waitFor(WAIT);
      expect(await terminals(page).getByRole('tab').allTextContents()).toEqual(['host1', 'host2']);
      await waitForTerminalReady(page);

      // The plain block runs on the first host: the swarm that setup made (host2 joined over ssh).
      await pressRun(preview(page).getByRole('button', { name: 'Run: docker node ls' }));
      expect(await selectedTab(page)).toBe('host1');
      expect(await outputOf(page, 'docker node ls')).toMatch(/host1\s+Ready\s+Active\s+Leader[\s\S]*host2\s+Ready\s+Active/);

      const worker = preview(page).getByRole('button', { name: /^Run: docker info --format .*; hostname$/ });
      await pressRun(worker);
      expect(await selectedTab(page)).toBe('host2');
      await waitForTerminalText(page, /^root@host2:~# hostname\nhost2$/m);
      expect(await outputOf(page, "docker info --format '{{.Swarm.LocalNodeState}} {{.Swarm.NodeAddr}}'")).toBe('active 192.168.1.12');
      // host2's terminal holds only what ran there.
      expect(await terminalText(page)).not.toContain('docker node ls');
      await screenshot(page, 'multi-host-run-on-host2');

      // <Run> without host goes back to host1's tab; <Run host="host2"> inline to host2's again.
      await pressRun(preview(page).getByRole('button', { name: "Run: docker node inspect -f '{{.Status.Addr}}' host2" }));
      expect(await selectedTab(page)).toBe('host1');
      expect(await outputOf(page, "docker node inspect -f '{{.Status.Addr}}' host2")).toBe('192.168.1.12');
      await pressRun(preview(page).getByRole('button', { name: 'Run: docker network ls' }));
      expect(await selectedTab(page)).toBe('host2');
      // At host2's prompt, and host2 is a swarm node (it has docker_gwbridge).
      await waitForTerminalText(page, /^root@host2:~# docker network ls$/m);
      expect(await outputOf(page, 'docker network ls')).toMatch(/docker_gwbridge\s+bridge\s+local/);
      expect(errors).toEqual([]);
    });

    it('a lesson’s world is its lab’s and its exercises’ (the camera on VLAN 20 resolves)', async () => {
      await openLesson(page, '03-vlan-world', 'A world with VLANs (fixture)');
      await terminals(page).getByRole('tab', { name: 'host2' }).waitFor(WAIT);
      await pressRun(preview(page).getByRole('button', { name: 'Run: getent hosts camera' }));
      expect(await selectedTab(page)).toBe('host2');
      expect(await outputOf(page, 'getent hosts camera')).toMatch(/^192\.168\.20\.100\s+camera$/);

      // The proofs run in the world: the solution passes, and each near miss fails where it says.
      await page.getByRole('tab', { name: 'Prove' }).click();
      const proof = page.locator('[data-prove-exercise="find-camera"]');
      await proof.getByRole('button', { name: 'Prove', exact: true }).click();
      await page.locator('[data-prove-exercise="find-camera"][data-verdict="holds"]').waitFor(WAIT);

      // As a learner: a fresh lab of the same world, with a tab per host of it.
      await proof.getByRole('button', { name: 'Try as a learner' }).click();
      const exercise = preview(page).locator('[data-exercise="find-camera"][data-active="true"]');
      await exercise.waitFor(WAIT);
      await page.locator('.lab-pane').getByRole('heading', { name: /Exercise: A viewer on host2 that finds the camera/ }).waitFor(WAIT);
      expect(await terminals(page).getByRole('tab').allTextContents()).toEqual(['host1', 'host2']);
      await terminals(page).getByRole('tab', { name: 'host2' }).click();
      await waitForTerminalReady(page);
      await waitForTerminalText(page, /root@host2:~# $/m);
      await typeCommand(page, 'docker run -dit --name viewer alpine');
      await typeCommand(page, 'docker exec viewer getent hosts camera');
      expect(await outputOf(page, 'docker exec viewer getent hosts camera')).toMatch(/^192\.168\.20\.100\s+camera$/);
      const check = exercise.locator('button:enabled', { hasText: /^Check$/ });
      await check.click();
      const result = exercise.getByTestId('exercise-result');
      await result.getByText('All checks pass').waitFor(WAIT);
      expect(await result.innerText()).toMatch(/viewer@host2|viewer on host2/);
      await waitForCommandsDone(page, 2);
      await screenshot(page, 'multi-host-exercise-world');
      expect(errors).toEqual([]);
    });
  });
});
