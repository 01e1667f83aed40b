/**
 * Issue 10 items 2 and 3, issue 9 item 5, issue 8 item 7, at 1440×900, 1280×720 and 390×844:
 * "Why can't A reach B?" (picked on the picture or in the lists, drawn on the picture and listed
 * as text, ending at the rule that dropped it; Explain on a failed probe of a check; the last
 * ping typed in the terminal), an exercise's goal drawn as ghosts that turn solid as they are met,
 * and the picture across three hosts of a swarm (overlay, VXLAN tunnels, service tasks, one
 * terminal tab per host) with a macvlan network on the LAN segment. Expectations come from the
 * engine run in Node on the same commands, or from the page's own terminal (iptables -S).
 */
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkGoal } from '../engine/index';
import { openExerciseLab, replay } from '../lib/exercises/run-exercise';
import { probeRequest } from '../lib/exercises/probe-request';
import { buildDiagram } from '../lib/topology/diagram';
import { withGoal } from '../lib/topology/goal-diagram';
import { seriousViolations } from './axe';
import { findExercise, typeableCommands } from './exercise-data';
import { WAIT, launchBrowser, openPage, outputOf, screenshot, typeCommand, waitForTerminalReady, waitForTerminalText, type Browser } from './helpers';
import { pane, reveal, showPicture, showTerminal } from './lab-pane';
import { SWARM_HOSTS, swarmLab } from './swarm-lab';

const VIEWPORTS = [
  { name: '1440', width: 1440, height: 900 },
  { name: '1280', width: 1280, height: 720 },
  { name: '390', width: 390, height: 844 },
] as const;

const LESSON4 = '04-user-defined-bridges';


async function openLesson(browser: Browser, slug: string, seed: number): Promise<{ page: Page; errors: string[] }> {
  const opened = await openPage(browser, `/lessons/${slug}/?seed=${seed}`);
  await waitForTerminalReady(opened.page);
  if (((await opened.page.getByTestId('lab-name').textContent()) ?? '').includes('Exercise:')) {
    await pane(opened.page).getByRole('button', { name: /Lesson lab/ }).click();
    await opened.page.getByTestId('lab-name').filter({ hasText: /^Lesson lab/ }).waitFor(WAIT);
    await waitForTerminalReady(opened.page);
  }
  return opened;
}


async function openExplain(page: Page): Promise<Locator> {
  const toggle = page.getByRole('button', { name: 'Explain a path' });
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
  const panel = page.getByTestId('explain-panel');
  await panel.waitFor(WAIT);
  return panel;
}

/**
 * Clicks a box of the picture as a learner picks it: its middle (`on: 'box'`), which may land on
 * its rectangle or on one of its lines of text, or squarely on its first line (`on: 'text'`).
 */
async function clickBox(svg: Locator, name: string, on: 'box' | 'text' = 'box'): Promise<string> {
  const box = svg.locator(`g[data-pickable="true"][data-node-name="${name}"]`);
  await box.waitFor(WAIT);
  // Read before the click: picking the second box ends picking, and the boxes stop being pickable.
  const id = (await box.getAttribute('data-node-id')) ?? '';
  await (on === 'text' ? box.locator('text').first() : box).click();
  return id;
}

async function startExercise(page: Page, id: string, title: string): Promise<Locator> {
  const exercise = page.locator(`[data-exercise="${id}"]`);
  const start = exercise.getByRole('button', { name: /^(Start this exercise|Continue exercise)$/ });
  // On a phone the lab sheet covers the lower part of the lesson.
  await reveal(start);
  await start.click();
  await page.locator('.lab-pane h2', { hasText: `Exercise: ${title}` }).waitFor(WAIT);
  await waitForTerminalText(page, /a fresh lab, set up for it|Continue exercise:/);
  await waitForTerminalReady(page);
  return exercise;
}

const NETS = [
  'docker network create front',
  'docker network create back',
  'docker run -d --name web --net front nginx',
  'docker run -dit --name db --net back alpine',
  'docker run -dit --name app --net front alpine',
];

for (const viewport of VIEWPORTS) {
  const phone = viewport.width < 1024;
  const shot = (page: Page, name: string) => screenshot(page, `explain-${viewport.name}-${name}`);

  describe(`explain, goal and hosts at ${viewport.width}×${viewport.height}`, () => {
    let browser: Browser;
    beforeAll(async () => {
      browser = await launchBrowser({ width: viewport.width, height: viewport.height });
    });
    afterAll(async () => {
      await browser?.close();
    });

    it("2 · why can't A reach B: two boxes picked on the picture, the path drawn and listed, ending at the rule that dropped it", async () => {
      const { page, errors } = await openLesson(browser, LESSON4, 21);
      for (const line of NETS) await typeCommand(page, line);
      await typeCommand(page, 'iptables -t raw -S PREROUTING');
      const printed = (await outputOf(page, 'iptables -t raw -S PREROUTING')).split('\n');

      const svg = await showPicture(page, phone);
      const panel = await openExplain(page);
      await panel.getByLabel('Reach it by').selectOption('address');
      await panel.getByRole('button', { name: 'Pick on the picture' }).click();
      const webBox = await clickBox(svg, 'web');
      // A box's text is part of the box: clicking its name picks it too.
      await clickBox(svg, 'db', 'text');
      const result = panel.getByTestId('explain-result');
      await result.waitFor(WAIT);
      expect(await result.getAttribute('data-verdict')).toBe('dropped');
      expect(await panel.getByLabel('From').inputValue()).toBe('web');
      expect(await panel.getByLabel('To').inputValue()).toBe('db');
      // The last hop names the rule exactly as iptables -S printed it in this terminal.
      const rule = (await result.locator('li[data-end="true"] code').textContent()) ?? '';
      expect(rule).toMatch(/^-A PREROUTING -d [\d.]+\/32 ! -i br-[0-9a-f]{12} -j DROP$/);
      expect(printed).toContain(rule);
      expect(await result.locator('.explain-reason').textContent()).toContain(rule);
      // On the picture: numbered from web, ending (✗) where the rule dropped it.
      expect(await svg.locator('g[data-path-step="1"]').getAttribute('data-path-node')).toBe(webBox);
      const end = svg.locator('g[data-path-end="true"]');
      expect(await end.count()).toBe(1);
      expect(await end.getAttribute('data-path-node')).toMatch(/^host1\/net\//);
      expect(await svg.locator('[data-path-edge]').count()).toBeGreaterThan(0);
      await shot(page, 'picked-dropped');

      // The same question in the lists, by name and with a port: app reaches web's nginx.
      await panel.getByLabel('From').selectOption('app');
      await panel.getByLabel('To').selectOption('web');
      await panel.getByLabel('Reach it by').selectOption('name');
      await panel.getByLabel('Port (empty: ping)').fill('80');
      await panel.getByRole('button', { name: 'Explain', exact: true }).click();
      await panel.locator('[data-testid="explain-result"][data-verdict="delivered"]').waitFor(WAIT);
      const hops = await result.locator('ol > li').allTextContents();
      expect(hops[0]).toMatch(/^app: web resolves to 172\.\d+\.0\.\d+ \(answered by Docker's embedded DNS \(127\.0\.0\.11\)\)$/);
      expect(await svg.locator('g[data-path-end="true"]').count()).toBe(0);
      expect(await svg.locator('g[data-path-step]').count()).toBeGreaterThanOrEqual(3);

      // The last ping typed in the terminal.
      await showTerminal(page, phone);
      await typeCommand(page, `docker exec app ping -c 1 -W 1 db`);
      const svg2 = await showPicture(page, phone);
      await page.getByTestId('explain-panel').getByRole('button', { name: 'Explain my last ping' }).click();
      await page.locator('[data-testid="explain-result"][data-verdict="no-name"]').waitFor(WAIT);
      expect(await page.getByTestId('explain-result').locator('.explain-reason').textContent()).toBe(
        "app cannot resolve the name db: Docker's embedded DNS (127.0.0.11) has no record for it.",
      );
      expect(await svg2.locator('g[data-path-end="true"]').count()).toBe(1);
      await shot(page, 'last-ping');
      expect(await seriousViolations(page)).toEqual([]);
      expect(errors).toEqual([]);
      await page.close();
    });

    it('2 · Explain on a failed probe of a check: the packet the checker sent, explained under the check and on the picture', async () => {
      const x = await findExercise(LESSON4, 'go-between');
      const miss = x.exercise.nearMisses.find((m) => m.fails.includes('probes.web-cannot-reach-db'))!;
      const attempt = typeableCommands(miss.commands);
      // In Node, the same attempt: what the checker says and what explainPath says about the probe.
      const node = openExerciseLab(x.lab);
      await replay(node, [...x.exercise.setup, ...attempt]);
      const request = probeRequest(x.exercise.goal, 'probes.web-cannot-reach-db')!;
      const expected = node.lab.explainPath(request);
      expect(expected.verdict).toBe('delivered');

      const { page, errors } = await openLesson(browser, LESSON4, 22);
      const exercise = await startExercise(page, 'go-between', x.exercise.title);
      for (const line of attempt) await typeCommand(page, line);
      await exercise.getByRole('button', { name: 'Check', exact: true }).click();
      const report = exercise.getByTestId('exercise-result');
      await report.waitFor(WAIT);
      for (const folded of await report.locator('details.exercise-follows:not([open]) > summary').all()) await folded.click();
      const row = report.locator('li[data-criterion="probes.web-cannot-reach-db"]');
      await row.getByRole('button', { name: /^Explain why: / }).click();
      const shown = row.getByTestId('probe-explain');
      await shown.waitFor(WAIT);
      expect(await shown.getByTestId('explain-result').getAttribute('data-verdict')).toBe(expected.verdict);
      // Device names come from each lab's random seed; the rest is the same walk.
      const anon = (t: string) => t.replace(/^the answer: /, '').replace(/veth[0-9a-f]+/g, 'veth*').replace(/br-[0-9a-f]{12}/g, 'br-*');
      expect((await shown.locator('ol > li').allTextContents()).map(anon)).toEqual(expected.hops.map((h) => anon(h.text)));
      await shown.scrollIntoViewIfNeeded();
      await shot(page, 'check-explain');
      if (!phone) {
        // Wide screens draw it on the picture beside the text.
        const svg = page.locator('.lab-topology svg.topology-svg');
        await svg.locator('g[data-path-step="1"]').waitFor(WAIT);
        expect(await page.getByTestId('explain-panel').getByTestId('explain-result').getAttribute('data-verdict')).toBe('delivered');
        await shot(page, 'check-explain-picture');
      }
      expect(await seriousViolations(page)).toEqual([]);
      expect(errors).toEqual([]);
      await page.close();
    });

    it('3 · the goal as ghosts over the lab, turning solid as its parts are met', async () => {
      const x = await findExercise(LESSON4, 'go-between');
      const steps = ['docker run -dit --name app --net front alpine', 'docker network connect back app'];
      // In Node: the goal's parts, met or not, after the setup and after each step.
      const node = openExerciseLab(x.lab);
      await replay(node, x.exercise.setup);
      const summaries = [];
      for (let i = 0; i <= steps.length; i++) {
        if (i > 0) await replay(node, [steps[i - 1]!]);
        const report = checkGoal(node.lab, x.exercise.goal);
        if (!report.ok) throw new Error(report.error);
        const topology = node.lab.topology();
        summaries.push(withGoal(buildDiagram(topology), topology, x.exercise.goal, report.report.criteria).summary);
      }
      expect(summaries.map((s) => s.met)).toEqual([4, 6, 7]);

      // A fresh exercise lab: the test before this one left its attempt at go-between saved.
      const blank = await openPage(browser, '/');
      await blank.page.evaluate(() => {
        for (const key of Object.keys(window.localStorage)) if (key.startsWith('docknet:lab:v1:')) window.localStorage.removeItem(key);
      });
      await blank.page.close();
      const { page, errors } = await openLesson(browser, LESSON4, 23);
      await startExercise(page, 'go-between', x.exercise.title);
      await waitForTerminalText(page, /a fresh lab, set up for it/);
      const legend = page.locator('.lab-topology').getByTestId('goal-legend');
      for (let i = 0; i <= steps.length; i++) {
        if (i > 0) {
          await showTerminal(page, phone);
          await typeCommand(page, steps[i - 1]!);
        }
        const svg = await showPicture(page, phone);
        const want = summaries[i]!;
        await expect.poll(() => legend.textContent(), WAIT).toBe(`Goal: ${want.met} of ${want.total} parts met · dashed yellow = still to do`);
        // The legend follows the lab at once; the picture follows when its layout (a worker) is done.
        const unmetLinks = want.parts.filter((p) => p.label.includes(' attached to ') && p.mark === 'unmet').length;
        await expect.poll(() => svg.locator('g[data-ghost="true"][data-node-kind="container"]').count(), WAIT).toBe(i === 0 ? 1 : 0);
        await expect.poll(() => svg.locator('g[data-ghost="true"][data-edge-id]').count(), WAIT).toBe(unmetLinks);
        if (i > 0) expect(await svg.locator('g[data-node-name="app"]:not([data-ghost])').getAttribute('data-goal')).toBe('met');
        await shot(page, `goal-${i}`);
      }
      expect(await legend.textContent()).toBe('Goal: 7 of 7 parts met · dashed yellow = still to do');
      // The Goal button hides it.
      await page.getByRole('button', { name: 'Goal', exact: true }).click();
      await legend.waitFor({ state: 'detached', ...WAIT });
      expect(await seriousViolations(page)).toEqual([]);
      expect(errors).toEqual([]);
      await page.close();
    });

    it('issue 9.5 and 8.7 · the picture spans three swarm hosts (overlay, VXLAN tunnel, service tasks), a tab per host, macvlan on the LAN', async () => {
      const lab = await swarmLab(9, { macvlan: true });
      const topology = lab.topology();
      const saved = { version: 1, spec: JSON.stringify({ hosts: SWARM_HOSTS, setup: [] }), savedAt: Date.now(), snapshot: lab.snapshot(), history: [], transcript: '' };
      const { page, errors } = await openPage(browser, '/');
      await page.evaluate((s) => {
        window.localStorage.setItem('docknet:playground:hosts', '3');
        window.localStorage.setItem('docknet:lab:v1:playground:3', s);
      }, JSON.stringify(saved));
      await page.goto(new URL('/playground/', page.url()).toString());
      await waitForTerminalReady(page);
      // The playground offers one to three hosts, with a terminal tab for each.
      expect(await page.getByLabel('Hosts').locator('option').allTextContents()).toEqual(['1 host', '2 hosts', '3 hosts']);
      expect(await page.getByRole('tablist', { name: 'Terminals' }).getByRole('tab').allTextContents()).toEqual(SWARM_HOSTS);
      await page.getByRole('tab', { name: 'host3' }).click();
      await waitForTerminalText(page, /root@host3:~# $/m);

      const svg = page.locator('.playground-topology svg.topology-svg');
      await svg.waitFor(WAIT);
      const swarm = topology.swarms[0]!;
      const appnet = swarm.overlays.find((o) => o.name === 'appnet')!;
      expect(await svg.locator('g[data-node-kind="host"]').evaluateAll((gs) => gs.map((g) => g.getAttribute('data-node-name')))).toEqual([
        'host1 · swarm manager (leader)',
        'host2 · swarm worker',
        'host3 · swarm worker',
      ]);
      await svg.locator(`g[data-node-name="overlay appnet"]`).waitFor(WAIT);
      const vteps = await svg.locator(`g[data-edge-id^="swarm/${swarm.id}/overlay/${appnet.id}/"]`).count();
      expect(vteps).toBe(appnet.hosts.length);
      // The swarm's ingress overlay has its own tunnels (between all three hosts): appnet's only.
      const tunnels = svg.locator(`g[data-tunnel-id^="swarm/${swarm.id}/overlay/${appnet.id}/tunnel/"]`);
      expect(await tunnels.count()).toBe(appnet.tunnels.length);
      const t = appnet.tunnels[0]!;
      expect(await tunnels.first().locator('text').textContent()).toBe(`VXLAN ${appnet.vni}`);
      expect(await tunnels.first().getAttribute('data-detail')).toBe(`VXLAN ${appnet.vni} tunnel of appnet: ${t.a} (${t.aAddr}) ⇄ ${t.b} (${t.bAddr})`);
      const web = swarm.services.find((s) => s.name === 'web')!;
      await svg.locator('g[data-node-name="service web"]').waitFor(WAIT);
      expect(await svg.locator('g[data-edge-style="task"]').count()).toBe(web.tasks.length);
      for (const task of web.tasks) {
        expect(await svg.locator(`g[data-edge-style="task"][data-edge-id$="/task/${task.name}"]`).count(), task.name).toBe(1);
      }
      // A macvlan network: on the LAN segment with its VLAN, not behind the host's NAT.
      const lan = svg.locator('g[data-node-kind="lan-net"]');
      expect(await lan.getAttribute('data-node-name')).toBe('macvlan lan50');
      const lanId = (await lan.getAttribute('data-node-id')) ?? '';
      expect(await svg.locator(`g[data-edge-id="${lanId}/lan"]`).textContent()).toBe('VLAN 50');
      expect(await svg.locator(`g[data-edge-id="${lanId}/uplink"]`).count()).toBe(0);
      await page.locator('.playground-topology').evaluate((el) => el.scrollIntoView({ block: 'start' }));
      await screenshot(page, `explain-${viewport.name}-three-hosts`);
      // Zoomed to 1:1 for a readable look at the tunnel and the tasks.
      await page.getByRole('button', { name: 'Actual size' }).click();
      await screenshot(page, `explain-${viewport.name}-three-hosts-actual`);
      const words = page.getByTestId('topology-text');
      await page.getByText('Describe this network in words').click();
      expect(await words.textContent()).toContain(`Overlay appnet: subnet ${appnet.subnet}, VNI ${appnet.vni}, present on ${appnet.hosts.join(', ')}`);
      expect(await seriousViolations(page)).toEqual([]);
      expect(errors).toEqual([]);
      await page.evaluate(() => window.localStorage.setItem('docknet:playground:hosts', '1'));
      await page.close();
    });
  });
}
