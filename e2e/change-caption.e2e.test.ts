/**
 * The "what changed" caption of the lab pane's picture, after a command that adds many boxes at
 * once (nine containers from one shell loop, as a swarm service with many replicas would): the
 * caption stays one line ("Added web1, web2 and 7 more"), sits under the picture and covers none
 * of its boxes, and the full list is still there (its tooltip, and the text screen readers hear).
 * At 1440×900 (pane beside the lesson) and 390×844 (phone, picture toggled in the sheet).
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WAIT, launchBrowser, openPage, screenshot, typeCommand, waitForTerminalReady, type Browser } from './helpers';
import { showPicture, showTerminal } from './lab-pane';

const VIEWPORTS = [
  { name: '1440', width: 1440, height: 900 },
  { name: '390', width: 390, height: 844 },
] as const;

const LESSON4 = '04-user-defined-bridges';
const NAMES = ['web1', 'web2', 'web3', 'web4', 'web5', 'web6', 'web7', 'web8', 'web9'];
const LOOP = `for i in ${NAMES.map((n) => n.slice(3)).join(' ')}; do docker run -dit --name web$i alpine; done`;

interface Rect {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

interface Measured {
  headline: string;
  title: string;
  spoken: string;
  caption: Rect & { height: number; lineHeight: number; lines: number };
  picture: Rect;
  boxes: { name: string; rect: Rect }[];
}

/** Everything measured in one go, while the caption is up (it fades after a few seconds). */
async function measure(page: Page): Promise<Measured> {
  return page.evaluate(() => {
    const pane = document.querySelector('.lab-topology') as HTMLElement;
    const caption = pane.querySelector('[data-testid="topology-changes"]') as HTMLElement;
    // Both absent while nothing has changed.
    const shown = caption.querySelector('[aria-hidden="true"]');
    const spoken = caption.querySelector('.sr-only');
    const svg = pane.querySelector('svg.topology-svg') as SVGSVGElement;
    const plain = (r: DOMRect) => ({ left: r.left, top: r.top, right: r.right, bottom: r.bottom });
    const c = caption.getBoundingClientRect();
    return {
      headline: shown?.textContent ?? '',
      title: caption.title,
      spoken: spoken?.textContent ?? '',
      caption: { ...plain(c), height: c.height, lineHeight: parseFloat(getComputedStyle(caption).lineHeight), lines: shown ? shown.getClientRects().length : 0 },
      picture: plain((svg.parentElement as HTMLElement).getBoundingClientRect()),
      // Every box drawn: hosts, NICs, bridges, containers, and any fading out.
      boxes: [...svg.querySelectorAll('g[data-node-id]')].map((g) => ({
        name: g.getAttribute('data-node-name') ?? g.getAttribute('data-node-id') ?? '?',
        rect: plain((g.querySelector('rect') as SVGRectElement).getBoundingClientRect()),
      })),
    };
  });
}

function overlaps(a: Rect, b: Rect): boolean {
  return Math.min(a.right, b.right) - Math.max(a.left, b.left) > 0.5 && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 0.5;
}

for (const viewport of VIEWPORTS) {
  const phone = viewport.width < 1024;

  describe(`the change caption at ${viewport.width}×${viewport.height}`, () => {
    let browser: Browser;
    beforeAll(async () => {
      browser = await launchBrowser({ width: viewport.width, height: viewport.height });
    });
    afterAll(async () => {
      await browser?.close();
    });

    it('after a command that adds nine containers: one line, under the picture, over no box, full list kept', async () => {
      const { page, errors } = await openPage(browser, `/lessons/${LESSON4}/?seed=3`);
      await waitForTerminalReady(page);
      if (((await page.getByTestId('lab-name').textContent()) ?? '').includes('Exercise:')) {
        await page.locator('.lab-pane').getByRole('button', { name: /Lesson lab/ }).click();
        await page.getByTestId('lab-name').filter({ hasText: /^Lesson lab/ }).waitFor(WAIT);
        await waitForTerminalReady(page);
      }
      await showPicture(page, phone);
      const idle = await measure(page);

      await showTerminal(page, phone);
      await typeCommand(page, LOOP);
      await showPicture(page, phone);
      const caption = page.locator('.lab-topology').getByTestId('topology-changes');
      await caption.filter({ hasText: /and \d+ more/ }).waitFor(WAIT);
      const seen = await measure(page);
      await screenshot(page, `change-caption-${viewport.name}`);

      // The short line names a few and counts the rest; the full list is its tooltip and its spoken text.
      expect(seen.headline).toMatch(/^Added web1, web2 and \d+ more\b/);
      for (const name of NAMES) {
        expect(seen.title).toContain(name);
        expect(seen.spoken).toContain(name);
      }
      expect(seen.spoken).toBe(seen.title);
      // One line high.
      expect(seen.caption.lines).toBe(1);
      expect(seen.caption.height).toBeLessThanOrEqual(seen.caption.lineHeight + 1);
      // Under the picture, not over it, and over none of its boxes.
      expect(seen.caption.top).toBeGreaterThanOrEqual(seen.picture.bottom - 0.5);
      expect(seen.caption.bottom).toBeLessThanOrEqual(viewport.height);
      expect(seen.boxes.filter((b) => /^web\d$/.test(b.name)).length).toBeGreaterThanOrEqual(NAMES.length);
      expect(seen.boxes.filter((b) => overlaps(b.rect, seen.caption)).map((b) => b.name)).toEqual([]);
      // The picture box is the same size with or without a caption: it is not refitted as changes come and go.
      expect(seen.picture.bottom - seen.picture.top).toBeCloseTo(idle.picture.bottom - idle.picture.top, 0);
      expect(errors).toEqual([]);
    });
  });
}
