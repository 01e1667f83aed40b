/** The lab pane in browser tests: its locator, and the phone's terminal/picture toggle. */
import type { Locator, Page } from 'playwright-core';
import { WAIT } from './helpers';

export const pane = (page: Page): Locator => page.locator('.lab-pane');

/** On a phone the pane shows the terminal or the picture: bring the picture up. */
export async function showPicture(page: Page, phone: boolean): Promise<Locator> {
  if (phone && (await pane(page).getByRole('button', { name: 'Topology', pressed: false }).count()) > 0) {
    await pane(page).getByRole('button', { name: 'Topology' }).click();
  }
  const svg = page.locator('.lab-topology svg.topology-svg');
  await svg.waitFor(WAIT);
  return svg;
}

/** On a phone, back to the terminal from the picture. */
export async function showTerminal(page: Page, phone: boolean): Promise<void> {
  if (phone && (await pane(page).getByRole('button', { name: 'Topology', pressed: true }).count()) > 0) {
    await pane(page).getByRole('button', { name: 'Topology' }).click();
  }
}

/**
 * Scrolls an element near the top of its scroller, clear of the sticky header and of the phone's
 * lab sheet, and waits until nothing covers it: on a slow machine the page may still scroll itself
 * (a hash jump after the lesson mounts), so the scroll is repeated until the element stays clear.
 */
export async function reveal(locator: Locator): Promise<void> {
  for (let attempt = 0; attempt < 30; attempt++) {
    await locator.evaluate((el) => {
      el.scrollIntoView({ block: 'start' });
      const panel = el.closest('.lesson-panel');
      const scroller = panel && panel.scrollHeight > panel.clientHeight + 1 && getComputedStyle(panel).overflowY === 'auto' ? panel : null;
      if (scroller) scroller.scrollBy(0, -120);
      else window.scrollBy(0, -120);
    });
    await locator.page().waitForTimeout(100);
    const clear = await locator.evaluate((el) => {
      const r = el.getBoundingClientRect();
      const hit = document.elementFromPoint(r.left + Math.min(r.width / 2, 20), r.top + r.height / 2);
      return hit !== null && (hit === el || el.contains(hit));
    });
    if (clear) return;
  }
}
