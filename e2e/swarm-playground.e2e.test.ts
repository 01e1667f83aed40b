/**
 * Issue 9, done when: a three-host swarm built from the playground's terminal tabs, as a learner
 * would type it: `docker swarm init` on host1, `join` on host2 and host3 with the token host1
 * printed, a service published on 8080 placed on host2 only, then `curl` from the laptop to host3,
 * which runs no task: the routing mesh (ingress) answers there anyway.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BROKEN_OUTPUT, WAIT, launchBrowser, openPage, screenshot, terminalLines, waitForTerminalReady, waitForTerminalText, type Browser } from './helpers';

const active = '[data-terminal-active="true"]';

async function doneInActive(page: Page): Promise<number> {
  return Number(await page.locator(`${active}[data-commands-done]`).first().getAttribute('data-commands-done'));
}

/** Types into the selected tab's terminal and waits for that terminal's prompt to come back. */
async function typeInTab(page: Page, line: string): Promise<string> {
  const before = await doneInActive(page);
  await page.locator(`${active} .xterm-helper-textarea`).first().focus();
  await page.keyboard.type(line);
  await page.keyboard.press('Enter');
  await page.waitForFunction(
    ([sel, n]) => Number(document.querySelector(sel as string)?.getAttribute('data-commands-done')) > (n as number),
    [`${active}[data-commands-done]`, before] as const,
    WAIT,
  );
  await page.evaluate(() => new Promise<void>((resolve) => (window.__docknetTerminal ? window.__docknetTerminal.write('', resolve) : resolve())));
  const lines = await terminalLines(page);
  let start = -1;
  lines.forEach((l, i) => {
    if (l.trimEnd().endsWith(`# ${line}`)) start = i;
  });
  const rest = start < 0 ? [] : lines.slice(start + 1);
  const end = rest.findIndex((l) => /^\S+@\S+:.*[#$]\s?/.test(l));
  return (end < 0 ? rest : rest.slice(0, end)).join('\n');
}

async function selectTab(page: Page, host: string): Promise<void> {
  await page.getByRole('tab', { name: host }).click();
  await page.locator(`${active}[data-terminal-ready="true"]`).waitFor(WAIT);
  await waitForTerminalText(page, new RegExp(`root@${host}:~# $`, 'm'));
}

describe('a three-host swarm from the playground tabs (issue 9)', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser({ width: 1440, height: 900 });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('init, join, a published service, and curl from the laptop to a node without a task', async () => {
    const { page, errors } = await openPage(browser, '/');
    await page.evaluate(() => {
      window.localStorage.setItem('docknet:playground:hosts', '3');
      window.localStorage.removeItem('docknet:lab:v1:playground:3');
    });
    await page.goto(new URL('/playground/?seed=5', page.url()).toString());
    await waitForTerminalReady(page);
    expect(await page.getByRole('tablist', { name: 'Terminals' }).getByRole('tab').allTextContents()).toEqual(['host1', 'host2', 'host3']);

    await selectTab(page, 'host1');
    const init = await typeInTab(page, 'docker swarm init --advertise-addr 192.168.1.11');
    expect(init).toMatch(/^Swarm initialized: current node \([0-9a-z]{25}\) is now a manager\./);
    const token = (await typeInTab(page, 'docker swarm join-token -q worker')).trim();
    expect(token).toMatch(/^SWMTKN-1-[0-9a-z]{50}-[0-9a-z]{25}$/);

    for (const host of ['host2', 'host3']) {
      await selectTab(page, host);
      const joined = await typeInTab(page, `docker swarm join --token ${token} 192.168.1.11:2377`);
      expect(joined.trim()).toBe('This node joined a swarm as a worker.');
    }

    await selectTab(page, 'host1');
    const nodes = await typeInTab(page, 'docker node ls --format "{{.Hostname}} {{.Status}} {{.ManagerStatus}}"');
    expect(nodes.split('\n').map((l) => l.trim()).sort()).toEqual(['host1 Ready Leader', 'host2 Ready', 'host3 Ready']);
    const created = await typeInTab(page, 'docker service create --name web --replicas 1 --constraint node.hostname==host2 -p 8080:80 nginx');
    expect(created).toMatch(/verify: Service [0-9a-z]{25} converged/);
    const ps = await typeInTab(page, 'docker service ps web --format "{{.Node}} {{.CurrentState}}"');
    expect(ps.trim()).toMatch(/^host2 Running /);

    // host3 runs no task of web, yet its port 8080 answers through the ingress network.
    const curl = await typeInTab(page, 'ssh laptop curl -s http://192.168.1.13:8080/');
    expect(curl).toContain('<title>Welcome to nginx!</title>');
    await screenshot(page, 'swarm-playground-curl');
    expect(await page.locator('.playground-topology svg.topology-svg g[data-node-name="service web"]').count()).toBe(1);
    expect((await terminalLines(page)).join('\n')).not.toMatch(BROKEN_OUTPUT);
    expect(errors).toEqual([]);
    await page.close();
  });
});
