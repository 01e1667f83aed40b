/**
 * Lesson 07 (overlay networks across hosts) in a real browser: every Run block runs in the
 * terminal tab of the host its fence names (a swarm built by typing, an attachable overlay, a
 * ping across hosts, VXLAN in tcpdump, the firewall on 4789 and its repair); attach-across-hosts is
 * solved by typing into host1's and host2's tabs and passes Check; a near miss of the debugging
 * exercise (cart started again on a non-attachable overlay) fails with the checker's own messages. The helpers are those of
 * lessons-lan.e2e.test.ts; commands and messages come from the content and the engine.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BROKEN_OUTPUT, WAIT, launchBrowser, openPage, outputOf, screenshot, terminalText, waitForTerminalReady, type Browser } from './helpers';
import { tabs, selectedTab, selectHost, runEveryBlock, solveByTyping, nearMissByTyping } from './lesson-tabs';

describe('07-overlay-networks in the browser', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('runs every Run block in its host tab (host1, host2) with the outputs the lesson describes', async () => {
    const { page, errors } = await openPage(browser, '/lessons/07-overlay-networks/');
    await waitForTerminalReady(page);
    expect(await tabs(page).getByRole('tab').allTextContents()).toEqual(['host1', 'host2']);
    const perHost = await runEveryBlock(page);
    expect(Object.fromEntries(perHost)).toEqual({ host1: 16, host2: 6 });

    await selectHost(page, 'host1');
    const h1 = await terminalText(page);
    expect(h1).toMatch(/host1 +Ready +Active +Leader +28\.5\.2\n[0-9a-z]{25} +host2 +Ready +Active +28\.5\.2/);
    expect(h1).toContain('10.0.0.0/24 VNI 4096');
    expect(h1).toContain('10.0.1.0/24 VNI 4097');
    // Across the hosts by name; under the DROP every ping lost; after the repair, back.
    expect(h1).toMatch(/PING alpine2 \(10\.0\.1\.\d+\)[^]*?2 packets transmitted, 2 packets received, 0% packet loss/);
    expect(h1).toMatch(/2 packets transmitted, 0 packets received, 100% packet loss[^]*?2 packets transmitted, 2 packets received, 0% packet loss/);
    expect(h1).toMatch(/mtu 1450 [^]*vxlan id 4097 [^]*dstport 4789 [^]*proxy l2miss l3miss/);
    expect(h1).toMatch(/IP 192\.168\.1\.11\.\d+ > 192\.168\.1\.12\.4789: VXLAN, flags \[I\] \(0x08\), vni 4097\nIP 10\.0\.1\.\d+ > 10\.0\.1\.\d+: ICMP echo request/);
    expect(await outputOf(page, 'docker exec s1 ip link show eth0')).toMatch(/mtu 1424 /);
    expect(h1.match(BROKEN_OUTPUT)?.[0] ?? null).toBeNull();
    await screenshot(page, 'lesson-07-host1-tab');

    await selectHost(page, 'host2');
    const h2 = await terminalText(page);
    expect(h2).toContain('This node joined a swarm as a worker.');
    expect(h2).toMatch(/test-net +overlay +swarm/);
    expect(h2).toContain('Node left the swarm.');
    await screenshot(page, 'lesson-07-host2-tab');

    const picture = page.locator('.topology-slot svg.topology-svg').first();
    await picture.waitFor(WAIT);
    await picture.screenshot({ path: 'e2e/screenshots/lesson-07-topology.png' });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('attach-across-hosts solved by typing passes Check; in the debugging exercise, starting cart again fails with its messages', async () => {
    const { page, errors } = await openPage(browser, '/lessons/07-overlay-networks/');
    await waitForTerminalReady(page);
    await solveByTyping(page, '07-overlay-networks', 'attach-across-hosts', 'lesson-07-attach-pass');
    // "starting cart again changes nothing": typed in host2's tab of the broken lab.
    await nearMissByTyping(page, '07-overlay-networks', 'not-attachable', 0, 'lesson-07-not-attachable-near-miss', false);
    expect(await selectedTab(page)).toBe('host2');
    expect(errors).toEqual([]);
    await page.close();
  });
});
