/**
 * The learner's workspace (issue 10), at 1440×900, 1280×720 and 390×844: the topology picture
 * (fit, zoom, what changed, stopped containers, the LAN machine, inline pictures), the split,
 * Maximize terminal and terminal tabs, exercise labs, Run blocks that know where they run,
 * progress, the phone sheet, the keyboard path to the terminal, and per-lab random seeds.
 * Labs are seeded with `?seed=N` (see lib/lab/seed.ts) so runs are repeatable.
 */
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  WAIT,
  baseUrl,
  commandsDone,
  focusTerminal,
  launchBrowser,
  openPage,
  outputOf,
  screenshot,
  terminalLines,
  terminalText,
  typeCommand,
  waitForCommandsDone,
  waitForTerminalReady,
  waitForTerminalText,
  type Browser,
} from './helpers';
import { pane, reveal, showPicture, showTerminal } from './lab-pane';

const VIEWPORTS = [
  { name: '1440', width: 1440, height: 900 },
  { name: '1280', width: 1280, height: 720 },
  { name: '390', width: 390, height: 844 },
] as const;

const LESSON1 = '01-containers-and-cli';
const LESSON4 = '04-user-defined-bridges';

/** Opens a lesson in its own lab (a page reopens in the exercise lab it was left in: leave it). */
async function openLesson(browser: Browser, slug: string, seed = 1): Promise<{ page: Page; errors: string[] }> {
  const opened = await openPage(browser, `/lessons/${slug}/?seed=${seed}`);
  await waitForTerminalReady(opened.page);
  if (((await opened.page.getByTestId('lab-name').textContent()) ?? '').includes('Exercise:')) {
    await opened.page.locator('.lab-pane').getByRole('button', { name: /Lesson lab/ }).click();
    await opened.page.getByTestId('lab-name').filter({ hasText: /^Lesson lab/ }).waitFor(WAIT);
    await waitForTerminalReady(opened.page);
  }
  return opened;
}




interface Fit {
  scale: number;
  width: number;
  height: number;
  box: { left: number; top: number; right: number; bottom: number; width: number; height: number };
}

async function fitOf(svg: Locator): Promise<Fit> {
  return svg.evaluate((el) => {
    const data = (el as SVGSVGElement).dataset;
    const r = (el.parentElement as HTMLElement).getBoundingClientRect();
    return {
      scale: Number(data.scale),
      width: Number(data.contentWidth),
      height: Number(data.contentHeight),
      box: { left: r.left, top: r.top, right: r.right, bottom: r.bottom, width: r.width, height: r.height },
    };
  });
}

/** Every container box drawn inside the visible picture box (and the box inside the window). */
async function containersInView(svg: Locator): Promise<string[]> {
  return svg.evaluate((el) => {
    const box = (el.parentElement as HTMLElement).getBoundingClientRect();
    const outside: string[] = [];
    if (box.top < 0 || box.bottom > window.innerHeight + 1 || box.width === 0) outside.push(`picture box ${JSON.stringify(box)}`);
    for (const g of el.querySelectorAll('g[data-node-kind="container"]:not([data-change="removed"])')) {
      const r = (g.querySelector('rect') as SVGRectElement).getBoundingClientRect();
      if (r.left < box.left - 1 || r.right > box.right + 1 || r.top < box.top - 1 || r.bottom > box.bottom + 1) {
        outside.push(g.getAttribute('data-node-name') ?? '?');
      }
    }
    return outside;
  });
}

for (const viewport of VIEWPORTS) {
  const phone = viewport.width < 1024;
  const shot = (page: Page, name: string) => screenshot(page, `workspace-${viewport.name}-${name}`);

  describe(`the workspace at ${viewport.width}×${viewport.height}`, () => {
    let browser: Browser;
    beforeAll(async () => {
      browser = await launchBrowser({ width: viewport.width, height: viewport.height });
    });
    afterAll(async () => {
      await browser?.close();
    });

    it('1 · the picture fits the pane in both directions, zooms, pans, and shows what a command changed', async () => {
      const { page, errors } = await openLesson(browser, LESSON4);
      const svg = await showPicture(page, phone);
      const fit = await fitOf(svg);
      expect(fit.width * fit.scale).toBeLessThanOrEqual(fit.box.width + 1);
      expect(fit.height * fit.scale).toBeLessThanOrEqual(fit.box.height + 1);
      expect(await containersInView(svg)).toEqual([]);
      expect(await svg.locator('g[data-node-kind="container"]').count()).toBeGreaterThan(0);
      expect(await svg.locator('g[data-node-kind="machine"][data-node-name="laptop"]').count()).toBe(1);
      await shot(page, 'fit');

      await pane(page).getByRole('button', { name: 'Actual size' }).click();
      await page.waitForFunction(() => document.querySelector('.lab-topology svg.topology-svg')?.getAttribute('data-scale') === '1.000');
      // "Fit" and "Actual size" differ: the fitted picture was scaled by a visibly different factor.
      expect(Math.abs(fit.scale - 1)).toBeGreaterThan(0.1);
      await shot(page, 'actual-size');
      await pane(page).getByRole('button', { name: 'Zoom in' }).click();
      expect(Number(await svg.getAttribute('data-scale'))).toBeCloseTo(1.25, 2);
      const before = (await svg.getAttribute('viewBox')) ?? '';
      const box = fit.box;
      await page.mouse.move(box.left + box.width / 2, box.top + box.height / 2);
      await page.mouse.down();
      await page.mouse.move(box.left + box.width / 2 - 60, box.top + box.height / 2 - 30, { steps: 4 });
      await page.mouse.up();
      expect(await svg.getAttribute('viewBox')).not.toBe(before);
      await pane(page).getByRole('button', { name: 'Fit' }).click();
      expect(Number(await svg.getAttribute('data-scale'))).toBeCloseTo(fit.scale, 2);

      await showTerminal(page, phone);
      await typeCommand(page, 'docker run -d --name web -p 8080:80 nginx');
      await showPicture(page, phone);
      const added = page.locator('.lab-topology g[data-change="added"][data-node-name="web"]');
      await added.waitFor(WAIT);
      expect(await page.locator('.lab-topology').getByTestId('topology-changes').textContent()).toMatch(/Added: web\./);
      await shot(page, 'changed');
      // The highlight is for a moment only.
      await added.waitFor({ state: 'detached', ...WAIT });

      await showTerminal(page, phone);
      await typeCommand(page, 'docker stop web');
      await showPicture(page, phone);
      const web = page.locator('.lab-topology g[data-node-name="web"]:not([data-change="removed"])');
      await page.locator('.lab-topology g[data-node-name="web"][data-detached="true"]').waitFor(WAIT);
      const webId = (await web.getAttribute('data-node-id')) ?? '';
      expect(await page.locator(`.lab-topology g[data-edge-id^="${webId}/"]`).count(), 'a stopped container has no links').toBe(0);
      expect(await containersInView(svg)).toEqual([]);
      await shot(page, 'stopped');

      await showTerminal(page, phone);
      await typeCommand(page, 'docker rm web');
      await showPicture(page, phone);
      await page.locator('.lab-topology g[data-change="removed"][data-node-name="web"]').waitFor(WAIT);

      // The inline picture in the lesson text: text at least 11px, nothing cut off at the right.
      const inline = page.locator('.topology-slot .topology-inline');
      await inline.scrollIntoViewIfNeeded();
      const inlineSvg = inline.locator('svg.topology-svg');
      await inlineSvg.waitFor(WAIT);
      const sizes = await inline.evaluate((el) => {
        const svg = el.querySelector('svg') as SVGSVGElement;
        const scale = Number(svg.dataset.scale);
        const fonts = [...svg.querySelectorAll('text')].map((t) => Number(t.getAttribute('font-size')) * scale);
        return {
          smallest: Math.min(...fonts),
          scrolls: el.scrollWidth > el.clientWidth + 1,
          overflowX: getComputedStyle(el).overflowX,
          focusable: el.getAttribute('tabindex') === '0',
          svgRight: svg.getBoundingClientRect().right,
          right: el.getBoundingClientRect().right,
        };
      });
      expect(sizes.smallest).toBeGreaterThanOrEqual(11);
      if (sizes.scrolls) {
        // Wider than the column: it scrolls (and takes keyboard focus to do so), never clipped.
        expect(sizes.overflowX).toBe('auto');
        expect(sizes.focusable).toBe(true);
      } else {
        expect(sizes.svgRight).toBeLessThanOrEqual(sizes.right + 1);
      }
      await inline.screenshot({ path: `e2e/screenshots/workspace-${viewport.name}-inline-topology.png` });
      expect(errors).toEqual([]);
      await page.close();
    });

    it('4 · the split resizes, Maximize terminal gives it the pane, and tabs open shells per host', async () => {
      const { page, errors } = await openLesson(browser, LESSON4, 2);
      if (!phone) {
        const separator = page.getByRole('separator', { name: 'Resize the lesson and the lab' });
        const width = () => page.locator('.lesson-panel').evaluate((el) => el.getBoundingClientRect().width);
        const before = await width();
        await separator.focus();
        await page.keyboard.press('ArrowRight');
        await page.keyboard.press('ArrowRight');
        expect(Number(await separator.getAttribute('aria-valuenow'))).toBe(56);
        expect(await width()).toBeGreaterThan(before + 100);
        await page.keyboard.press('ArrowLeft');
        await page.keyboard.press('ArrowLeft');
      }
      await pane(page).getByRole('button', { name: 'Maximize terminal' }).click();
      await pane(page).getByRole('button', { name: 'Restore terminal' }).waitFor(WAIT);
      expect(await page.locator('.lab-topology').isVisible()).toBe(false);
      const terminalBox = await page.locator('.lab-terminal').boundingBox();
      expect(terminalBox?.width ?? 0).toBeGreaterThan(viewport.width * 0.9);
      await typeCommand(page, 'docker run -d --name two -p 8080:80 -p 8443:443 nginx');
      await typeCommand(page, 'docker ps');
      expect(await outputOf(page, 'docker ps')).toMatch(/0\.0\.0\.0:8443->443\/tcp.*\btwo$/m);
      if (viewport.width === 1440) {
        const row = await page.evaluate(() => {
          const buffer = (window.__docknetTerminal as NonNullable<typeof window.__docknetTerminal>).buffer.active;
          for (let i = buffer.length - 1; i >= 0; i--) {
            const text = buffer.getLine(i)?.translateToString(true) ?? '';
            if (text.includes('nginx') && text.includes('"/docker-entrypoint')) return { text, wrapped: buffer.getLine(i + 1)?.isWrapped ?? false };
          }
          return null;
        });
        // Two published ports and the name, on one line.
        expect(row?.text).toMatch(/0\.0\.0\.0:8443->443\/tcp.*\btwo$/);
        expect(row?.wrapped).toBe(false);
      }
      await shot(page, 'maximized');
      await pane(page).getByRole('button', { name: 'Restore terminal' }).click();
      await pane(page).getByRole('button', { name: 'Maximize terminal' }).waitFor(WAIT);

      const tabs = pane(page).getByRole('tablist', { name: 'Terminals' });
      expect(await tabs.getByRole('tab', { selected: true }).textContent()).toBe('host1');
      await pane(page).getByRole('button', { name: /^New tab/ }).click();
      await tabs.getByRole('tab', { name: 'host1 (2)', selected: true }).waitFor(WAIT);
      await waitForTerminalReady(page);
      await waitForTerminalText(page, /Another shell on host1/);
      await typeCommand(page, 'ssh laptop');
      await waitForTerminalText(page, /@laptop/);
      await shot(page, 'second-tab');
      await tabs.getByRole('tab', { name: 'host1', exact: true }).click();
      await waitForTerminalText(page, /docker ps/);
      // The first tab's session stayed where it was.
      expect((await terminalLines(page)).at(-1)).toBe('root@host1:~# ');
      await tabs.getByRole('tab', { name: 'host1 (2)' }).click();
      expect((await terminalText(page)).includes('docker ps')).toBe(false);
      await pane(page).getByRole('button', { name: 'Close tab host1 (2)' }).click();
      expect(await tabs.getByRole('tab').count()).toBe(1);
      expect(errors).toEqual([]);
      await page.close();

      // A lab with two hosts has a tab for each.
      const playground = await openPage(browser, '/');
      await playground.page.evaluate(() => window.localStorage.setItem('docknet:playground:hosts', '2'));
      await playground.page.goto(new URL('/playground/?seed=3', baseUrl()).toString());
      await waitForTerminalReady(playground.page);
      const hostTabs = playground.page.getByRole('tablist', { name: 'Terminals' });
      await hostTabs.getByRole('tab', { name: 'host2' }).click();
      await waitForTerminalReady(playground.page);
      await waitForTerminalText(playground.page, /root@host2:~# $/m);
      await screenshot(playground.page, `workspace-${viewport.name}-playground-host-tabs`);
      await playground.page.evaluate(() => window.localStorage.setItem('docknet:playground:hosts', '1'));
      expect(playground.errors).toEqual([]);
      await playground.page.close();
    });

    it('5 · exercise labs say which lab they are; Run and Check act on their own lab; reload continues; resets are separate', async () => {
      const { page, errors } = await openLesson(browser, LESSON1, 3);
      expect(await page.getByTestId('lab-name').textContent()).toMatch(/^Lesson lab/);
      expect(await pane(page).locator('.terminal-lab-name').textContent()).toBe('Lesson lab');

      // Typing in the lesson lab while reading an exercise set up in a lab of its own.
      const tidy = page.locator('[data-exercise="tidy-up"]');
      await reveal(tidy);
      await typeCommand(page, 'docker ps -a');
      const offer = page.getByTestId('lab-notice');
      await offer.getByRole('button', { name: 'Switch to the exercise lab' }).waitFor(WAIT);
      await shot(page, 'switch-offer');
      await offer.getByRole('button', { name: 'Switch to the exercise lab' }).click();
      await page.getByTestId('lab-name').filter({ hasText: 'Exercise: Tidy up and bring c1 back' }).waitFor(WAIT);
      await waitForTerminalText(page, /a fresh lab, set up for it/);
      await pane(page).getByRole('button', { name: /Lesson lab/ }).click();
      await page.getByTestId('lab-name').filter({ hasText: /^Lesson lab/ }).waitFor(WAIT);
      await waitForTerminalReady(page);

      // A solution's Run button starts its exercise's lab and runs there, not in the lesson lab.
      const keep = page.locator('[data-exercise="keep-it-running"]');
      await reveal(keep.getByText('Show a solution'));
      await keep.getByText('Show a solution').click();
      await reveal(keep.locator('button[data-run-state]'));
      await keep.locator('button[data-run-state]').click();
      await page.getByTestId('lab-name').filter({ hasText: 'Exercise: A shell container that stays up' }).waitFor(WAIT);
      await keep.locator('button[data-run-state="ran"]').waitFor(WAIT);
      expect(await pane(page).locator('.terminal-lab-name').textContent()).toBe('Exercise: A shell container that stays up');
      await shot(page, 'exercise-lab');

      // Reload: back in the exercise's lab, labelled so.
      await page.reload();
      await waitForTerminalReady(page);
      await page.getByTestId('lab-name').filter({ hasText: 'Continue exercise' }).waitFor(WAIT);
      expect(await page.getByTestId('lab-name').textContent()).toContain('Exercise: A shell container that stays up');
      await waitForTerminalText(page, /Continue exercise: A shell container that stays up/);
      await shot(page, 'continue-exercise');
      const check = keep.locator('button:enabled', { hasText: /^Check$/ });
      await reveal(check);
      await check.click();
      await keep.getByTestId('exercise-result').filter({ hasText: 'All checks pass' }).waitFor(WAIT);

      await pane(page).getByRole('button', { name: 'Reset lab' }).click();
      const dialog = page.getByRole('dialog', { name: 'Reset which lab?' });
      await dialog.waitFor(WAIT);
      await dialog.getByRole('button', { name: 'Reset this exercise' }).waitFor(WAIT);
      await shot(page, 'reset-choice');
      await dialog.getByRole('button', { name: 'Reset lesson lab' }).click();
      await page.getByTestId('lab-notice').filter({ hasText: 'The lesson lab was reset' }).waitFor(WAIT);
      expect(await page.getByTestId('lab-name').textContent()).toContain('Exercise: A shell container that stays up');
      expect(errors).toEqual([]);
      await page.close();
    });

    it('6 · Run blocks name their place, offer to leave a container shell, and queue visibly without claiming a run', async () => {
      const { page, errors } = await openLesson(browser, LESSON1, 4);
      const inside = page.locator('[data-run-block][data-run-place="the alpine container on host1"]').first();
      expect(await inside.getByTestId('run-place').textContent()).toBe(' · in the alpine container on host1');
      expect(await page.locator('[data-run-block][data-run-place="host1"]').first().getByTestId('run-place').textContent()).toBe(' · on host1');

      await typeCommand(page, 'docker run -dit --name box alpine');
      await typeCommand(page, 'docker exec -it box sh');
      await waitForTerminalText(page, /^\/ # $/m);
      const blockOf = (step: string) => page.locator('[data-run-block]', { has: page.locator(`button[data-step-id="${step}"]`) });
      // run-5 is `docker ps`, run-6 `docker ps -a` (lesson 1's sixth and seventh Run blocks).
      const block = blockOf('run-5');
      await reveal(block);
      const run = block.locator('button[data-run-state]');
      const stepId = (await run.getAttribute('data-step-id')) ?? '';
      await run.click();
      const message = block.getByTestId('run-message');
      await message.filter({ hasText: /inside the container shell of box/ }).waitFor(WAIT);
      await block.getByRole('button', { name: 'Run in a new host1 tab' }).waitFor(WAIT);
      await shot(page, 'run-in-container');
      expect(await run.getAttribute('data-run-state')).toBe('idle');
      await block.getByRole('button', { name: 'Exit first, then run' }).click();
      await block.locator('button[data-run-state="ran"]').waitFor(WAIT);
      const commands = ((await run.getAttribute('aria-label')) ?? '').replace(/^Run: /, '').split('; ');
      expect(await outputOf(page, commands[0] ?? '')).not.toMatch(/not found/);
      expect(await terminalText(page)).toMatch(/\/ # exit\nroot@host1:~# /);

      // A Run pressed while a command runs waits in line, visibly; Ctrl-C drops it, unrun.
      await focusTerminal(page);
      const done = await commandsDone(page);
      await page.keyboard.type('ping 8.8.8.8');
      await page.keyboard.press('Enter');
      await waitForTerminalText(page, /bytes from 8\.8\.8\.8/);
      const other = blockOf('run-6');
      await reveal(other);
      await other.locator('button[data-run-state]').click();
      await other.locator('button[data-run-state="queued"]').waitFor(WAIT);
      expect(await other.getByTestId('run-message').textContent()).toMatch(/Queued: runs when the command in the terminal ends/);
      await shot(page, 'run-queued');
      await focusTerminal(page);
      await page.keyboard.press('Control+C');
      await waitForCommandsDone(page, done + 1);
      await other.locator('button[data-run-state="not-run"]').waitFor(WAIT);
      expect(await other.locator('button[data-run-state]').getAttribute('data-run-done')).toBe('false');
      expect(await other.getByTestId('run-message').textContent()).toMatch(/Not run/);

      // 9 · a Run's ✓ survives a reload.
      await page.reload();
      await waitForTerminalReady(page);
      await page.locator(`button[data-step-id="${stepId}"][data-run-done="true"]`).waitFor(WAIT);
      expect(errors).toEqual([]);
      await page.close();
    });

    it('9 · table of contents, continue where you left off, lesson complete by its exercises, two tabs notice each other', async () => {
      const { page, errors } = await openLesson(browser, LESSON1, 5);
      const toc = page.getByRole('navigation', { name: 'On this page' });
      const links = toc.getByRole('link');
      expect(await links.count()).toBeGreaterThan(5);
      const target = links.nth(3);
      const href = (await target.getAttribute('href')) ?? '';
      await reveal(target);
      await target.click();
      await page.waitForFunction(
        (id) => {
          const top = document.getElementById(id)?.getBoundingClientRect().top ?? -1;
          return top >= 0 && top < 200;
        },
        href.slice(1),
        WAIT,
      );
      await shot(page, 'toc-jump');
      // The index offers to continue at that section.
      await page.waitForTimeout(300);
      await page.goto(new URL('/', baseUrl()).toString());
      const resume = page.getByTestId('continue-link');
      await resume.waitFor(WAIT);
      expect(await resume.textContent()).toMatch(/Continue where you left off: /);
      expect(await resume.getAttribute('href')).toMatch(new RegExp(`^/lessons/${LESSON1}/#\\S+`));
      await shot(page, 'continue');
      await resume.click();
      await waitForTerminalReady(page);

      // Both exercises pass: the lesson is complete without pressing "Mark lesson as complete".
      for (const id of ['keep-it-running', 'tidy-up']) {
        const exercise = page.locator(`[data-exercise="${id}"]`);
        await reveal(exercise.getByText('Show a solution'));
        await exercise.getByText('Show a solution').click();
        await reveal(exercise.locator('button[data-run-state]'));
        await exercise.locator('button[data-run-state]').click();
        await exercise.locator('button[data-run-state="ran"]').waitFor(WAIT);
        const check = exercise.locator('button:enabled', { hasText: /^Check$/ });
        await check.waitFor(WAIT);
        await reveal(check);
        await check.click();
        const result = exercise.getByTestId('exercise-result').filter({ hasText: 'All checks pass' });
        await result.waitFor(WAIT);
        if (phone) {
          // 10 · the result is never under the lab sheet.
          const resultBox = await result.boundingBox();
          const sheet = await pane(page).boundingBox();
          expect((resultBox?.y ?? 0) + (resultBox?.height ?? 0)).toBeLessThanOrEqual((sheet?.y ?? 0) + 1);
          expect(resultBox?.y ?? -1).toBeGreaterThanOrEqual(0);
          await shot(page, `check-result-${id}`);
        }
      }
      await page.getByRole('button', { name: 'Completed' }).waitFor(WAIT);
      // Both tabs in the lesson's own lab.
      await pane(page).getByRole('button', { name: /Lesson lab/ }).click();
      await page.getByTestId('lab-name').filter({ hasText: /^Lesson lab/ }).waitFor(WAIT);
      await waitForTerminalReady(page);

      // Two tabs on one lesson.
      const second = await openLesson(browser, LESSON1, 5);
      await page.getByTestId('lab-notice').filter({ hasText: 'also open in another browser tab' }).waitFor(WAIT);
      await typeCommand(second.page, 'docker network create from-second-tab');
      const saved = page.getByTestId('lab-notice').filter({ hasText: 'Another browser tab just saved this lab' });
      await saved.waitFor(WAIT);
      await saved.getByRole('button', { name: "Load the other tab's lab" }).waitFor(WAIT);
      await shot(page, 'two-tabs');
      await saved.getByRole('button', { name: "Load the other tab's lab" }).click();
      await saved.waitFor({ state: 'detached', ...WAIT });
      await waitForTerminalReady(page);
      await typeCommand(page, 'docker network ls');
      expect(await outputOf(page, 'docker network ls')).toMatch(/from-second-tab/);
      await second.page.close();

      // Complete: the index says so, and continuing moves on to the next lesson.
      await page.goto(new URL('/', baseUrl()).toString());
      await page.locator(`a[href="/lessons/${LESSON1}/"] [data-status="completed"]`).waitFor(WAIT);
      expect(await page.getByTestId('continue-link').getAttribute('href')).not.toContain(LESSON1);
      await shot(page, 'index');
      expect(errors).toEqual([]);
      await page.close();
    });

    if (phone) {
      it('10 · the phone sheet collapses and opens full screen', async () => {
        const { page, errors } = await openLesson(browser, LESSON4, 6);
        const sheet = pane(page);
        await sheet.getByRole('button', { name: 'Minimise' }).click();
        await sheet.getByRole('button', { name: 'Open lab' }).waitFor(WAIT);
        expect((await sheet.boundingBox())?.height ?? 999).toBeLessThan(80);
        await shot(page, 'sheet-collapsed');
        await sheet.getByRole('button', { name: 'Full screen' }).click();
        await sheet.getByRole('button', { name: 'Exit full screen' }).waitFor(WAIT);
        expect((await sheet.boundingBox())?.height ?? 0).toBeGreaterThan(viewport.height - 80);
        await shot(page, 'sheet-full');
        const svg = await showPicture(page, phone);
        expect(await containersInView(svg)).toEqual([]);
        await shot(page, 'sheet-full-topology');
        expect(errors).toEqual([]);
        await page.close();
      });
    }

    it('11 · keyboard: the skip link puts the keys in the terminal within 5 Tab presses; code blocks are tab stops only with a Run', async () => {
      const { page, errors } = await openLesson(browser, LESSON1, 7);
      // From the top of a fresh page: leaving an exercise lab in openLesson put the focus in the pane.
      await page.reload();
      await waitForTerminalReady(page);
      let presses = 0;
      for (; presses < 5; presses++) {
        const text = await page.evaluate(() => document.activeElement?.textContent ?? '');
        if (text === 'Skip to the lab terminal') break;
        await page.keyboard.press('Tab');
      }
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to the lab terminal');
      await shot(page, 'skip-to-lab');
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => document.activeElement?.classList.contains('xterm-helper-textarea') ?? false, undefined, WAIT);
      expect(presses).toBeLessThanOrEqual(5);
      await page.keyboard.type('echo the keys reach the terminal');
      await page.keyboard.press('Enter');
      await waitForCommandsDone(page, 1);
      expect(await outputOf(page, 'echo the keys reach the terminal')).toBe('the keys reach the terminal');
      const stops = await page.evaluate(() =>
        [...document.querySelectorAll('.prose pre')].map((pre) => ({
          tabbable: pre.hasAttribute('tabindex') && pre.getAttribute('tabindex') !== '-1',
          scrolls: pre.scrollWidth > pre.clientWidth + 1,
          run: pre.closest('.run-block')?.querySelector('button[data-run-state]') !== null && pre.closest('.run-block') !== null,
        })),
      );
      expect(stops.length).toBeGreaterThan(3);
      expect(stops.filter((s) => s.tabbable)).toEqual([]);
      expect(stops.filter((s) => s.scrolls)).toEqual([]);
      expect(stops.some((s) => s.run)).toBe(true);
      expect(errors).toEqual([]);
      await page.close();
    });

    it('12 · container IDs differ from lab to lab, repeat under a fixed seed; the copy says where the terminal is', async () => {
      const idAfterReset = async (page: Page): Promise<string> => {
        await pane(page).getByRole('button', { name: 'Reset lab' }).click();
        await page.getByRole('dialog', { name: 'Reset the lab?' }).getByRole('button', { name: 'Reset lab' }).click();
        await waitForTerminalText(page, /Lab reset/);
        await waitForTerminalReady(page);
        await typeCommand(page, 'docker run -dit --name idc alpine');
        return (await outputOf(page, 'docker run -dit --name idc alpine')).split('\n').at(-1) ?? '';
      };
      const seeded = await openLesson(browser, '06-none-network', 42);
      const a = await idAfterReset(seeded.page);
      const b = await idAfterReset(seeded.page);
      expect(a).toMatch(/^[0-9a-f]{64}$/);
      expect(b).toBe(a);
      await seeded.page.goto(new URL('/lessons/06-none-network/', baseUrl()).toString());
      await waitForTerminalReady(seeded.page);
      const c = await idAfterReset(seeded.page);
      const d = await idAfterReset(seeded.page);
      expect(new Set([a, c, d]).size).toBe(3);
      expect(seeded.errors).toEqual([]);
      await seeded.page.close();

      const { page } = await openLesson(browser, LESSON1, 8);
      const slot = page.locator('.terminal-slot');
      expect(await page.locator('.prose').textContent()).not.toMatch(/The terminal below/);
      const where = await slot.evaluate((el) => (el as HTMLElement).innerText);
      expect(where).toMatch(phone ? /lab pane\s+at the bottom of the screen/ : /lab pane\s+on the right/);
      await page.close();
    });
  });
}
