/**
 * The two LAN-driver lessons in a real browser (issue 11): 09-macvlan (three hosts, VLANs, a NIC
 * that filters unknown MACs) and 10-ipvlan (two hosts and a router you can ssh into). For each:
 * every Run block runs in the terminal tab of the host its fence names; one exercise is solved by
 * typing at the keyboard and passes Check; a near miss from the exercise file, typed in the tab of
 * the host it names, fails with the checker's own messages. Commands and messages come from the
 * content and the engine (exercise-data.ts), not from copies here.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectedReport, findExercise } from './exercise-data';
import { BROKEN_OUTPUT, WAIT, launchBrowser, openPage, outputOf, screenshot, terminalText, waitForTerminalReady, type Browser } from './helpers';
import { tabs, selectedTab, selectHost, typeInActiveTab, runEveryBlock, startExercise, pressCheck, solveByTyping, nearMissByTyping } from './lesson-tabs';

describe('09-macvlan in the browser', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('runs every Run block in its host tab (host1, host2, host3) with the outputs the lesson describes', async () => {
    const { page, errors } = await openPage(browser, '/lessons/09-macvlan/');
    await waitForTerminalReady(page);
    expect(await tabs(page).getByRole('tab').allTextContents()).toEqual(['host1', 'host2', 'host3']);
    const perHost = await runEveryBlock(page);
    expect(Object.fromEntries(perHost)).toEqual({ host1: 11, host2: 1, host3: 2 });

    await selectHost(page, 'host1');
    const h1 = await terminalText(page);
    expect(h1).toContain('macvlan local {"parent":"eth0"}');
    expect(await outputOf(page, 'docker exec lan1 ip route')).toBe('default via 192.168.1.1 dev eth0\n192.168.1.0/24 dev eth0 scope link  src 192.168.1.192');
    expect(await outputOf(page, 'ssh laptop curl -s http://192.168.1.200/ | grep title')).toBe('<title>Welcome to nginx!</title>');
    // The host cannot reach its child before the shim, and can after it (the same command twice).
    expect(h1).toMatch(/root@host1:~# ping -c 2 192\.168\.1\.200\nPING 192\.168\.1\.200 \(192\.168\.1\.200\) 56\(84\) bytes of data\.\nFrom 192\.168\.1\.11 icmp_seq=1 Destination Host Unreachable\n[^]*?2 packets transmitted, 0 received, \+2 errors, 100% packet loss[^]*?ip route add 192\.168\.1\.192\/27 dev mac0\n[^]*?2 received, 0% packet loss/);
    expect(await outputOf(page, 'ip link show eth0.10')).toBe('Device "eth0.10" does not exist.');
    expect(await outputOf(page, 'ssh laptop ping -c 2 192.168.1.233')).toContain('100% packet loss');
    expect(h1.match(BROKEN_OUTPUT)?.[0] ?? null).toBeNull();

    await selectHost(page, 'host2');
    expect(await outputOf(page, 'docker exec recorder ip route')).toBe('192.168.20.0/24 dev eth0 scope link  src 192.168.20.192');
    expect(await outputOf(page, 'docker exec recorder ping -c 2 192.168.20.100')).toContain('2 packets received, 0% packet loss');
    await screenshot(page, 'lan-09-host2-tab');

    await selectHost(page, 'host3');
    const h3 = await terminalText(page);
    expect(h3).toMatch(/promiscuity 0[^]*ip link set eth0 promisc on[^]*PROMISC[^]*promiscuity 1/);
    await screenshot(page, 'lan-09-host3-tab');
    // After promisc on, the laptop reaches web3 (typed, in host1's tab).
    await selectHost(page, 'host1');
    await typeInActiveTab(page, 'ssh laptop ping -c 1 192.168.1.233');
    expect(await outputOf(page, 'ssh laptop ping -c 1 192.168.1.233')).toContain('1 received, 0% packet loss');

    const picture = page.locator('.topology-slot svg.topology-svg').first();
    await picture.waitFor(WAIT);
    await picture.screenshot({ path: 'e2e/screenshots/lan-09-topology.png' });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('printer-on-lan solved by typing passes Check; a wrong-vlan near miss typed in host2’s tab fails with its messages', async () => {
    const { page, errors } = await openPage(browser, '/lessons/09-macvlan/');
    await waitForTerminalReady(page);
    await solveByTyping(page, '09-macvlan', 'printer-on-lan', 'lan-09-printer-pass');
    // "making eth0.20 by hand does not move cams": both lines typed on host2.
    await nearMissByTyping(page, '09-macvlan', 'wrong-vlan', 1, 'lan-09-wrong-vlan-near-miss');
    expect(await selectedTab(page)).toBe('host2');
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('10-ipvlan in the browser', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('runs every Run block in its host tab (host1, host2), ssh router included, with the outputs the lesson describes', async () => {
    const { page, errors } = await openPage(browser, '/lessons/10-ipvlan/');
    await waitForTerminalReady(page);
    expect(await tabs(page).getByRole('tab').allTextContents()).toEqual(['host1', 'host2']);
    const perHost = await runEveryBlock(page);
    expect(Object.fromEntries(perHost)).toEqual({ host1: 10, host2: 1 });

    await selectHost(page, 'host1');
    const h1 = await terminalText(page);
    expect(h1).toMatch(/Error response from daemon: network di-[0-9a-f]{12} is already using parent interface eth0/);
    expect(await outputOf(page, 'docker exec tools1 ip route')).toBe('default dev eth0 scope link\n10.50.1.0/24 dev eth0 scope link  src 10.50.1.20');
    // One MAC for all: the laptop's neighbour entries for host1 and the kiosk are the same.
    const neigh = /192\.168\.1\.11 dev eth0 lladdr (\S+) REACHABLE\n192\.168\.1\.201 dev eth0 lladdr (\S+) REACHABLE/.exec(h1);
    expect(neigh?.[1]).toBeDefined();
    expect(neigh?.[2]).toBe(neigh?.[1]);
    // The interactive ssh into the router, and back.
    expect(h1).toMatch(/root@router:~# ip route\n[^]*10\.50\.1\.0\/24 via 192\.168\.1\.11 dev eth0\n[^]*root@router:~# exit\nlogout\nConnection to router closed\.\nroot@host1:~# /);
    expect(await outputOf(page, 'ssh laptop curl -s http://10.50.1.10/ | grep title')).toBe('<title>Welcome to nginx!</title>');
    expect(await outputOf(page, 'docker exec tools1 ping -c 2 10.50.2.20')).toContain('2 packets received, 0% packet loss');
    expect(h1.match(BROKEN_OUTPUT)?.[0] ?? null).toBeNull();
    await screenshot(page, 'lan-10-host1-tab');

    await selectHost(page, 'host2');
    expect(await terminalText(page)).toMatch(/docker run -dit --name tools2 --network apps --ip 10\.50\.2\.20 alpine\n[^]*[0-9a-f]{64}/);

    const picture = page.locator('.topology-slot svg.topology-svg').first();
    await picture.waitFor(WAIT);
    await picture.screenshot({ path: 'e2e/screenshots/lan-10-topology.png' });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('one-mac solved by typing passes Check; a same-subnet-twice near miss fails with its messages', async () => {
    const { page, errors } = await openPage(browser, '/lessons/10-ipvlan/');
    await waitForTerminalReady(page);
    await solveByTyping(page, '10-ipvlan', 'one-mac', 'lan-10-one-mac-pass');
    // "pointing the route at host2 instead just moves the problem to api1".
    await nearMissByTyping(page, '10-ipvlan', 'same-subnet-twice', 2, 'lan-10-same-subnet-near-miss');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('routed-l3 solved with Show a solution: each host2$ line runs in host2’s tab, shown without its prefix, then Check passes', async () => {
    const x = await findExercise('10-ipvlan', 'routed-l3');
    const expected = await expectedReport(x, x.exercise.solution);
    expect(expected.pass, 'the solution passes in the engine').toBe(true);
    const firstHost = x.lab.hosts[0]!;
    // The runs of lines per host, as the exercise file writes them ("host2$ cmd" on host2).
    const runs: { host: string; commands: string[] }[] = [];
    for (const line of x.exercise.solution) {
      const m = /^([a-z][a-z0-9-]*)\$\s+(.*)$/.exec(line);
      const host = m ? m[1]! : firstHost;
      const command = m ? m[2]! : line;
      if (runs.at(-1)?.host === host) runs.at(-1)!.commands.push(command);
      else runs.push({ host, commands: [command] });
    }
    expect(runs.map((r) => r.host)).toEqual(['host1', 'host2', 'host1']);

    const { page, errors } = await openPage(browser, '/lessons/10-ipvlan/');
    await waitForTerminalReady(page);
    const exercise = await startExercise(page, x);
    await exercise.getByText('Show a solution').click();
    const blocks = exercise.locator('.exercise-solution [data-solution-run]');
    await blocks.first().waitFor({ state: 'visible', ...WAIT });
    expect(await blocks.count()).toBe(runs.length);
    for (const [i, run] of runs.entries()) {
      const block = blocks.nth(i);
      expect(await block.getAttribute('data-run-host')).toBe(run.host);
      expect(await block.getByTestId('run-place').textContent()).toContain(`on ${run.host}`);
      expect((await block.locator('.exercise-solution-code').textContent())?.split('\n')).toEqual(run.commands);
    }
    expect(await exercise.locator('.exercise-solution').innerText()).not.toContain('host2$');
    await blocks.nth(1).scrollIntoViewIfNeeded();
    await screenshot(page, 'lan-10-routed-l3-solution');

    for (const [i, run] of runs.entries()) {
      const button = blocks.nth(i).getByRole('button', { name: `Run: ${run.commands.join('; ')}` });
      await button.scrollIntoViewIfNeeded();
      await button.click();
      await blocks.nth(i).locator('button[data-run-state="ran"]').waitFor(WAIT);
      expect(await selectedTab(page), `solution run ${i} runs on ${run.host}`).toBe(run.host);
      const text = await terminalText(page);
      for (const command of run.commands) expect(text).toContain(`root@${run.host}:~# ${command}`);
      expect(text).not.toContain('host2$');
      expect(text.match(BROKEN_OUTPUT)?.[0] ?? null).toBeNull();
    }
    await selectHost(page, 'host2');
    expect(await outputOf(page, 'docker run -d --name api2 --network apps --ip 10.60.2.10 nginx')).toMatch(/^[0-9a-f]{64}$/m);

    const result = await pressCheck(exercise);
    await result.getByText('All checks pass').waitFor(WAIT);
    expect(await result.locator('li[data-criterion]').count()).toBe(expected.criteria.length);
    await screenshot(page, 'lan-10-routed-l3-solution-pass');
    expect(errors).toEqual([]);
    await page.close();
  });
});
