/**
 * Browser-test helpers: launch Debian's Chromium, read the terminal back, type into it, and wait
 * (with generous timeouts, never fixed sleeps) for what a learner would see.
 */
import { mkdtemp, mkdir, rm } from 'node:fs/promises';
import { loadCourse } from '../lib/content/content-files';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { inject } from 'vitest';

export const WAIT = { timeout: 60_000 };

export function baseUrl(): string {
  return inject('baseUrl');
}

export interface Browser {
  context: BrowserContext;
  close(): Promise<void>;
}

/** A fresh Chromium profile per test file, so saved labs never leak between files. */
export async function launchBrowser(viewport = { width: 1440, height: 900 }): Promise<Browser> {
  const profile = await mkdtemp(path.join(os.tmpdir(), 'docknet-e2e-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    viewport,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-dev-shm-usage'],
  });
  return {
    context,
    close: async () => {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/** Opens a page and fails the test on any uncaught error or console error in it. */
export async function openPage(browser: Browser, urlPath: string): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  await page.goto(new URL(urlPath, baseUrl()).toString());
  return { page, errors };
}

export async function waitForTerminalReady(page: Page): Promise<void> {
  await page.locator('[data-terminal-ready="true"]').first().waitFor(WAIT);
}

/** The terminal's lines, with soft-wrapped rows joined back into the lines the program wrote. */
export async function terminalLines(page: Page): Promise<string[]> {
  await flushTerminal(page);
  return page.evaluate(() => {
    const term = window.__docknetTerminal;
    if (!term) return [];
    const buffer = term.buffer.active;
    const lines: string[] = [];
    for (let i = 0; i < buffer.length; i++) {
      const line = buffer.getLine(i);
      if (!line) continue;
      const text = line.translateToString(true);
      if (line.isWrapped && lines.length > 0) lines[lines.length - 1] += text;
      else lines.push(text);
    }
    while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
    return lines;
  });
}

export async function terminalText(page: Page): Promise<string> {
  return (await terminalLines(page)).join('\n');
}

/** Waits until the terminal shows text matching `pattern`. */
export async function waitForTerminalText(page: Page, pattern: RegExp, timeout = WAIT.timeout): Promise<void> {
  await page.waitForFunction(
    ({ source, flags }) => {
      const term = window.__docknetTerminal;
      if (!term) return false;
      const buffer = term.buffer.active;
      let text = '';
      for (let i = 0; i < buffer.length; i++) {
        const line = buffer.getLine(i);
        if (line) text += (line.isWrapped ? '' : '\n') + line.translateToString(true);
      }
      return new RegExp(source, flags).test(text);
    },
    { source: pattern.source, flags: pattern.flags },
    { timeout },
  );
}

export async function commandsDone(page: Page): Promise<number> {
  return Number(await page.locator('[data-commands-done]').first().getAttribute('data-commands-done'));
}

/** xterm parses writes asynchronously: resolves once everything written so far is on screen. */
export async function flushTerminal(page: Page): Promise<void> {
  await page.evaluate(() => new Promise<void>((resolve) => (window.__docknetTerminal ? window.__docknetTerminal.write('', resolve) : resolve())));
}

/** Waits until `count` commands have finished in the terminal and their output is on screen. */
export async function waitForCommandsDone(page: Page, count: number): Promise<void> {
  await page.waitForFunction(
    (target) => Number(document.querySelector('[data-commands-done]')?.getAttribute('data-commands-done')) >= target,
    count,
    WAIT,
  );
  await flushTerminal(page);
}

/** Focuses the terminal of the selected tab (a lab has one tab per host, and maybe more). */
export async function focusTerminal(page: Page): Promise<void> {
  await page.locator('[data-terminal-active="true"] .xterm-helper-textarea').first().focus();
}

/** Types a command with the keyboard, presses Enter and waits for it to finish. */
export async function typeCommand(page: Page, command: string): Promise<void> {
  const before = await commandsDone(page);
  await focusTerminal(page);
  await page.keyboard.type(command);
  await page.keyboard.press('Enter');
  await waitForCommandsDone(page, before + 1);
}

/** The output printed after the last time `command` was entered at a prompt. */
export async function outputOf(page: Page, command: string): Promise<string> {
  const lines = await terminalLines(page);
  let start = -1;
  const typed = command.trimEnd();
  lines.forEach((line, index) => {
    const shown = line.trimEnd();
    if (shown.endsWith(`# ${typed}`) || shown.endsWith(`$ ${typed}`)) start = index;
  });
  if (start < 0) throw new Error(`"${command}" was not found in the terminal:\n${lines.join('\n')}`);
  const rest = lines.slice(start + 1);
  const end = rest.findIndex((line) => /^(\S+@\S+:.*[#$]|\/ #)\s?/.test(line));
  return (end < 0 ? rest : rest.slice(0, end)).join('\n');
}

/** Lesson slugs in course order, straight from content/ (the front matter `order` field). */
export async function lessonSlugs(): Promise<string[]> {
  return (await loadCourse(path.resolve('content'))).lessons.map((l) => l.slug);
}

export async function screenshot(page: Page, name: string): Promise<void> {
  const dir = path.resolve('e2e/screenshots');
  await mkdir(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: false });
}

/** Errors a learner would read as "this lesson is broken". */
export const BROKEN_OUTPUT = /command not found|: not found\b|^sim: |docknet: internal error|Unhandled|TypeError|undefined is not/m;
