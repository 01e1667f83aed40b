/**
 * The lab as a learner uses it: typing commands, the topology following along, the lab surviving
 * a reload, Reset lab, damaged saved state, tab completion, Ctrl-C, pasting, progress.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  WAIT,
  baseUrl,
  focusTerminal,
  launchBrowser,
  lessonSlugs,
  openPage,
  outputOf,
  screenshot,
  terminalLines,
  typeCommand,
  waitForCommandsDone,
  waitForTerminalReady,
  waitForTerminalText,
  type Browser,
} from './helpers';

const PLAYGROUND_KEY = 'docknet:lab:v1:playground:1';
const PROMPT = /^root@host1:~# $/;

async function lastLine(page: Page): Promise<string> {
  return (await terminalLines(page)).at(-1) ?? '';
}

describe('the lab in the browser', () => {
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

  it('runs commands typed on the keyboard and shows their output', async () => {
    await typeCommand(page, 'docker run -d --name web nginx');
    expect(await outputOf(page, 'docker run -d --name web nginx')).toMatch(/^[0-9a-f]{64}$/m);
    await typeCommand(page, 'docker ps');
    const ps = await outputOf(page, 'docker ps');
    expect(ps).toMatch(/CONTAINER ID\s+IMAGE\s+COMMAND/);
    expect(ps).toMatch(/nginx.*\bweb$/m);
    expect(await lastLine(page)).toMatch(PROMPT);
  });

  it('draws the new container in the topology picture and its text twin', async () => {
    await page.locator('svg.topology-svg text', { hasText: /^web$/ }).first().waitFor(WAIT);
    const twin = await page.getByTestId('topology-text').first().textContent();
    expect(twin).toMatch(/Container web \(image nginx, running\)/);
    await screenshot(page, 'playground');
  });

  it('edits the line: Home, End, arrows, Backspace, Ctrl-U', async () => {
    await focusTerminal(page);
    await page.keyboard.type('ocker ps -x');
    await page.keyboard.press('Home');
    await page.keyboard.type('d');
    await page.keyboard.press('End');
    await page.keyboard.press('Backspace');
    await page.keyboard.type('a');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    expect(await lastLine(page)).toBe('root@host1:~# docker ps -a');
    await page.keyboard.press('Control+U');
    expect(await lastLine(page)).toMatch(PROMPT);
  });

  it('completes with Tab: one candidate completes, several are listed', async () => {
    await focusTerminal(page);
    await page.keyboard.type('docker netw');
    await page.keyboard.press('Tab');
    await waitForTerminalText(page, /# docker network $/m);
    await page.keyboard.press('Tab');
    await waitForTerminalText(page, /^connect\s+create\s+disconnect[\s\S]*\bls\b[\s\S]*\n\S+# docker network $/m);
    await page.keyboard.type('l');
    await page.keyboard.press('Tab');
    await waitForTerminalText(page, /# docker network ls $/m);
    const before = Number(await page.locator('[data-commands-done]').getAttribute('data-commands-done'));
    await page.keyboard.press('Enter');
    await waitForCommandsDone(page, before + 1);
    expect(await outputOf(page, 'docker network ls')).toMatch(/NETWORK ID\s+NAME\s+DRIVER\s+SCOPE[\s\S]*\bbridge\b/);
  });

  it('stops a running ping with Ctrl-C', async () => {
    await focusTerminal(page);
    const before = Number(await page.locator('[data-commands-done]').getAttribute('data-commands-done'));
    await page.keyboard.type('ping 8.8.8.8');
    await page.keyboard.press('Enter');
    await waitForTerminalText(page, /bytes from 8\.8\.8\.8/);
    await page.keyboard.press('Control+C');
    await waitForCommandsDone(page, before + 1);
    const lines = await terminalLines(page);
    expect(lines.join('\n')).toMatch(/\^C/);
    expect(lines.at(-1)).toMatch(PROMPT);
  });

  it('types a for loop over two lines: "> " asks for the rest, then it runs once', async () => {
    await focusTerminal(page);
    const before = Number(await page.locator('[data-commands-done]').getAttribute('data-commands-done'));
    await page.keyboard.type('for i in 1 2; do');
    await page.keyboard.press('Enter');
    await waitForTerminalText(page, /# for i in 1 2; do\n> ?$/m);
    await page.keyboard.type('echo n$i; done');
    await page.keyboard.press('Enter');
    await waitForCommandsDone(page, before + 1);
    const lines = await terminalLines(page);
    expect(lines.slice(-4)).toEqual(['> echo n$i; done', 'n1', 'n2', 'root@host1:~# ']);
    // The history holds it as one line.
    await page.keyboard.press('ArrowUp');
    await waitForTerminalText(page, /^root@host1:~# for i in 1 2; do echo n\$i; done$/m);
    await page.keyboard.press('Control+U');
  });

  it('stops while true; do :; done with Ctrl-C, and the page answers meanwhile', async () => {
    await focusTerminal(page);
    const before = Number(await page.locator('[data-commands-done]').getAttribute('data-commands-done'));
    await page.keyboard.type('while true; do :; done');
    await page.keyboard.press('Enter');
    // The loop runs, yet the page still runs its own code promptly.
    const turn = await page.evaluate(() => new Promise<number>((resolve) => {
      const t0 = performance.now();
      setTimeout(() => resolve(performance.now() - t0), 0);
    }));
    expect(turn).toBeLessThan(1000);
    expect(await page.locator('[data-commands-done]').getAttribute('data-commands-done')).toBe(String(before));
    await page.keyboard.press('Control+C');
    await waitForCommandsDone(page, before + 1);
    expect((await terminalLines(page)).at(-1)).toMatch(PROMPT);
    await typeCommand(page, 'echo $?');
    expect(await outputOf(page, 'echo $?')).toBe('130');
  });

  it('runs pasted lines one after the other', async () => {
    await focusTerminal(page);
    const before = Number(await page.locator('[data-commands-done]').getAttribute('data-commands-done'));
    await page.evaluate(() => {
      const data = new DataTransfer();
      data.setData('text/plain', 'docker network create pasted\ndocker network ls\n');
      document.querySelector('.xterm-helper-textarea')?.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    });
    await waitForCommandsDone(page, before + 2);
    expect(await outputOf(page, 'docker network ls')).toMatch(/\bpasted\b/);
  });

  it('searches the history with Ctrl-R', async () => {
    await focusTerminal(page);
    await page.keyboard.press('Control+R');
    await page.keyboard.type('create pas');
    await waitForTerminalText(page, /^\(reverse-i-search\)`create pas': docker network create pasted$/m);
    await page.keyboard.press('Escape');
    await waitForTerminalText(page, /^root@host1:~# docker network create pasted$/m);
    expect(await page.evaluate(() => document.activeElement?.classList.contains('xterm-helper-textarea'))).toBe(true);
    await page.keyboard.press('Control+U');
  });

  it('restores the lab and the history after a reload', async () => {
    await page.reload();
    await waitForTerminalReady(page);
    await waitForTerminalText(page, /Lab restored/);
    await typeCommand(page, 'docker ps');
    expect(await outputOf(page, 'docker ps')).toMatch(/\bweb$/m);
    await focusTerminal(page);
    await page.keyboard.press('ArrowUp');
    expect(await lastLine(page)).toBe('root@host1:~# docker ps');
    await page.keyboard.press('Control+C');
  });

  it('resets the lab after confirmation', async () => {
    await page.getByRole('button', { name: 'Reset lab' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'Reset the lab?' });
    await dialog.waitFor(WAIT);
    await screenshot(page, 'reset-dialog');
    await dialog.getByRole('button', { name: 'Reset lab' }).click();
    await waitForTerminalText(page, /Lab reset/);
    await typeCommand(page, 'docker ps');
    expect(await outputOf(page, 'docker ps')).not.toMatch(/\bweb$/m);
    await page.locator('svg.topology-svg text', { hasText: /^web$/ }).waitFor({ state: 'detached', ...WAIT });
  });

  /** Damages the saved lab from another page, so the playground's save-on-leave cannot undo it. */
  async function damageSavedLab(change: (raw: string | null) => string): Promise<void> {
    await page.goto(new URL('/', baseUrl()).toString());
    const raw = await page.evaluate((key) => window.localStorage.getItem(key), PLAYGROUND_KEY);
    await page.evaluate(([key, value]) => window.localStorage.setItem(key, value), [PLAYGROUND_KEY, change(raw)] as const);
    await page.goto(new URL('/playground/', baseUrl()).toString());
  }

  it('discards a corrupt saved lab with a visible notice', async () => {
    await damageSavedLab(() => '{"version":1,"spec":');
    const notice = page.getByTestId('lab-notice');
    await notice.waitFor(WAIT);
    expect(await notice.textContent()).toMatch(/saved lab was discarded/);
    await waitForTerminalReady(page);
    await screenshot(page, 'corrupt-notice');
    await typeCommand(page, 'docker ps');
    expect(await outputOf(page, 'docker ps')).toMatch(/CONTAINER ID/);
  });

  it('discards a snapshot the engine cannot restore, with a visible notice', async () => {
    await damageSavedLab((raw) => {
      const saved = JSON.parse(raw ?? '{}') as Record<string, unknown>;
      saved.snapshot = { format: 'docknet-lab', version: 999999, state: null };
      return JSON.stringify(saved);
    });
    const notice = page.getByTestId('lab-notice');
    await notice.waitFor(WAIT);
    expect(await notice.textContent()).toMatch(/could not be restored|was discarded/);
    await waitForTerminalReady(page);
  });

  it('has no errors in the page', () => {
    expect(errors).toEqual([]);
  });
});

describe('course progress', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('marks a visited lesson in progress and a completed one completed', async () => {
    const [first] = await lessonSlugs();
    const { page } = await openPage(browser, '/');
    await page.getByTestId('course-progress').waitFor(WAIT);
    await screenshot(page, 'index');
    await page.getByRole('link', { name: /Start the course/ }).click();
    await page.waitForURL(`**/lessons/${first}/`);
    await waitForTerminalReady(page);
    await page.getByRole('button', { name: 'Mark lesson as complete' }).click();
    await page.getByRole('button', { name: 'Completed' }).waitFor(WAIT);
    await page.getByRole('link', { name: 'Course', exact: true }).first().click();
    await page.waitForURL((url) => url.pathname === '/');
    await page.getByText('Completed', { exact: false }).first().waitFor(WAIT);
    expect(await page.getByTestId('course-progress').textContent()).toMatch(/^1 of \d+ completed$/);
    await page.getByRole('link', { name: /Continue where you left off:/ }).waitFor(WAIT);
  });
});

describe('exercises', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('starts an exercise lab, fails the check untouched, passes after the solution', async () => {
    let found: { slug: string; page: Page } | null = null;
    for (const slug of await lessonSlugs()) {
      const { page } = await openPage(browser, `/lessons/${slug}/`);
      await waitForTerminalReady(page);
      if ((await page.locator('[data-exercise]').count()) > 0) {
        found = { slug, page };
        break;
      }
      await page.close();
    }
    expect(found, 'some lesson has an exercise').not.toBeNull();
    const page = (found as { page: Page }).page;
    const exercise = page.locator('[data-exercise]').first();
    await exercise.getByRole('button', { name: 'Start this exercise' }).click();
    await page.locator('.lab-pane h2', { hasText: 'Exercise:' }).waitFor(WAIT);
    await waitForTerminalText(page, /a fresh lab, set up for it/);
    // Keyboard focus follows the swap from "Start this exercise" to "Check".
    await page.waitForFunction(() => document.activeElement?.textContent === 'Check', undefined, WAIT);
    await page.keyboard.press('Enter');
    const result = exercise.getByTestId('exercise-result');
    await result.waitFor(WAIT);
    expect(await result.textContent()).toMatch(/checks do not pass yet/);
    await screenshot(page, 'exercise-failing');
    await exercise.getByText('Show a solution').click();
    await exercise.locator('button[data-run-state]').click();
    await exercise.locator('button[data-run-state="ran"]').waitFor(WAIT);
    await exercise.getByRole('button', { name: 'Check' }).click();
    await page.waitForFunction(() => /All checks pass/.test(document.querySelector('[data-testid="exercise-result"]')?.textContent ?? ''), undefined, WAIT);
    await exercise.getByText('Passed').waitFor(WAIT);
    await screenshot(page, 'exercise-passed');
    await page.locator('.lab-pane').getByRole('button', { name: 'Lesson lab' }).click();
    await page.locator('.lab-pane h2', { hasText: /^Lesson lab/ }).waitFor(WAIT);
  });
});
