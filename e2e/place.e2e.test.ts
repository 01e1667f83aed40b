/**
 * A reload puts the learner back where they were: inside the container shell they had entered,
 * with the container's prompt; Ctrl-P Ctrl-Q then leaves it running.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { focusTerminal, launchBrowser, openPage, outputOf, terminalLines, typeCommand, waitForTerminalReady, waitForTerminalText, type Browser } from './helpers';

describe('the terminal reopens where the learner was', () => {
  let browser: Browser;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    browser = await launchBrowser();
    ({ page, errors } = await openPage(browser, '/playground/'));
    await waitForTerminalReady(page);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('a reload inside a container comes back to the container prompt', async () => {
    await typeCommand(page, 'docker run -dit --name keep alpine');
    await typeCommand(page, 'docker exec -it keep sh');
    await waitForTerminalText(page, /^\/ # $/m);
    await typeCommand(page, 'hostname');
    await page.reload();
    await waitForTerminalReady(page);
    await waitForTerminalText(page, /Lab restored/);
    expect((await terminalLines(page)).at(-1)).toBe('/ # ');
  });

  it('Ctrl-P Ctrl-Q leaves the container running and returns to the host', async () => {
    await focusTerminal(page);
    await page.keyboard.press('Control+P');
    await page.keyboard.press('Control+Q');
    await waitForTerminalText(page, /read escape sequence/);
    await waitForTerminalText(page, /^root@host1:~# $/m);
    await typeCommand(page, "docker ps --format '{{.Names}} {{.State}}'");
    expect(await outputOf(page, "docker ps --format '{{.Names}} {{.State}}'")).toContain('keep running');
    expect(errors).toEqual([]);
  });
});
