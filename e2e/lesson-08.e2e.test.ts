/**
 * Lesson 08, swarm services and the routing mesh, in a real browser (issue 11): a swarm of three
 * hosts built by the lesson's setup (host2 and host3 join through `ssh host1`), every Run block in
 * the terminal tab of the host its fence names, with the outputs the lesson describes; the
 * debugging exercise one-node-drops solved by typing its fix into host2's tab and passing Check;
 * a near miss of mesh-shop (host-mode publishing) failing with the checker's own messages.
 * Commands and messages come from the content and the engine (exercise-data.ts), not from copies.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectedReport, findExercise } from './exercise-data';
import { BROKEN_OUTPUT, WAIT, launchBrowser, openPage, outputOf, screenshot, terminalText, waitForTerminalReady, type Browser } from './helpers';
import { tabs, selectedTab, selectHost, typeAttempt, runEveryBlock, startExercise, pressCheck } from './lesson-tabs';

const SLUG = '08-swarm-services';
describe('08-swarm-services in the browser', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('runs every Run block in its host tab (host1, host2, host3) with the outputs the lesson describes', async () => {
    const { page, errors } = await openPage(browser, `/lessons/${SLUG}/`);
    await waitForTerminalReady(page);
    expect(await tabs(page).getByRole('tab').allTextContents()).toEqual(['host1', 'host2', 'host3']);
    const perHost = await runEveryBlock(page);
    expect(Object.fromEntries(perHost)).toEqual({ host1: 17, host2: 1, host3: 2 });

    await selectHost(page, 'host1');
    const h1 = await terminalText(page);
    // The progress display as the terminal shows it once redrawn, and the mesh after scale-down.
    expect(h1).toMatch(/overall progress: 3 out of 3 tasks\s*\n1\/3: running +\[=+>\]\s*\n2\/3: running[^\n]*\n3\/3: running[^\n]*\nverify: Service [0-9a-z]{25} converged/);
    expect(h1).toMatch(/web scaled to 1\n[^]*verify: Service web converged/);
    expect(h1).toMatch(/[0-9a-z]{12} +web +replicated +3\/3 +nginx:latest +\*:8080->80\/tcp/);
    expect(await outputOf(page, 'ssh laptop curl -s http://192.168.1.13:8080/ | grep title')).toBe('<title>Welcome to nginx!</title>');
    // Round robin: three different tasks answered whoami's three requests.
    const hostnames = h1.match(/^Hostname: [0-9a-f]{12}$/gm) ?? [];
    expect(new Set(hostnames.slice(0, 3)).size).toBe(3);
    expect(await outputOf(page, 'docker exec probe nslookup tasks.api')).toMatch(/(Name:\s+tasks\.api\nAddress: 10\.0\.1\.\d+\n?){3}/);
    expect(await outputOf(page, "docker service inspect -f '{{json .Endpoint.VirtualIPs}}' api")).toMatch(/^\[\{"NetworkID":"[0-9a-z]{25}","Addr":"10\.0\.1\.2\/24"\}\]$/);
    expect(await outputOf(page, 'ssh laptop curl -s http://192.168.1.13:8000/ | grep Hostname')).toMatch(/^Hostname: [0-9a-f]{12}$/);
    expect(h1).toMatch(/host3 +Ready +Drain/);
    expect(await outputOf(page, 'docker rm -f probe')).toBe('probe');
    expect(h1.match(BROKEN_OUTPUT)?.[0] ?? null).toBeNull();
    await screenshot(page, 'lesson-08-host1-tab');

    await selectHost(page, 'host2');
    expect(await outputOf(page, 'docker ps')).toMatch(/nginx:latest .* web\.2\.[0-9a-z]{25}$/);

    await selectHost(page, 'host3');
    const h3 = await terminalText(page);
    expect(h3).toContain('-A DOCKER-INGRESS -p tcp -m tcp --dport 8080 -j DNAT --to-destination 172.18.0.2:8080');
    expect(h3).toContain('-A PREROUTING -p tcp -m tcp --dport 8080 -j MARK --set-xmark 0x100/0xffffffff');
    expect(h3).toMatch(/-A POSTROUTING -d 10\.0\.0\.0\/24 -m ipvs --ipvs -j SNAT --to-source 10\.0\.0\.\d+/);
    await screenshot(page, 'lesson-08-host3-tab');

    const picture = page.locator('.topology-slot svg.topology-svg').first();
    await picture.waitFor(WAIT);
    await picture.screenshot({ path: 'e2e/screenshots/lesson-08-topology.png' });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('one-node-drops fixed by typing in host2’s tab passes Check; a host-mode near miss of mesh-shop fails with its messages', async () => {
    const { page, errors } = await openPage(browser, `/lessons/${SLUG}/`);
    await waitForTerminalReady(page);

    const fix = await findExercise(SLUG, 'one-node-drops');
    const expected = await expectedReport(fix, fix.exercise.solution);
    expect(expected.pass, 'the solution passes in the engine').toBe(true);
    let exercise = await startExercise(page, fix);
    // The broken lab first: Check fails on the mesh probe, naming host2.
    let result = await pressCheck(exercise);
    await result.locator('li[data-criterion="probes.every-node-serves-shop"]').getByText(/\(host2\)/).first().waitFor(WAIT);
    await typeAttempt(page, fix.exercise.solution, fix.lab.hosts[0]!);
    expect(await selectedTab(page)).toBe('host2');
    result = await pressCheck(exercise);
    await result.getByText('All checks pass').waitFor(WAIT);
    expect(await result.locator('li[data-criterion]').count()).toBe(expected.criteria.length);
    await exercise.locator('.badge-completed', { hasText: 'Passed' }).waitFor(WAIT);
    await screenshot(page, 'lesson-08-one-node-drops-pass');

    const shop = await findExercise(SLUG, 'mesh-shop');
    const miss = shop.exercise.nearMisses[0]!;
    const missed = await expectedReport(shop, miss.commands);
    const failing = missed.criteria.filter((c) => !c.pass);
    expect(failing.map((c) => c.id)).toEqual(miss.fails);
    exercise = await startExercise(page, shop);
    await typeAttempt(page, miss.commands, shop.lab.hosts[0]!);
    result = await pressCheck(exercise);
    const verb = failing.length === 1 ? 'does' : 'do';
    await result.getByText(`${failing.length} of ${missed.criteria.length} checks ${verb} not pass yet.`).waitFor(WAIT);
    for (const c of failing) await result.locator(`li[data-criterion="${c.id}"]`).getByText(c.message, { exact: true }).first().waitFor(WAIT);
    expect(await exercise.locator('.badge-completed').count()).toBe(0);
    await screenshot(page, 'lesson-08-mesh-shop-near-miss');
    expect(errors).toEqual([]);
    await page.close();
  });
});
