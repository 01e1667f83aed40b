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
