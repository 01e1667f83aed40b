/**
 * The capstone, 11-choosing-a-driver, in a real browser (issue 11): a three-node swarm built by the
 * lesson's setup, every Run block run in the tab of the host its fence names (host1 and host3),
 * and the debugging exercise half-the-cluster solved by typing on host1 and passing Check; its
 * near miss, typed in host3's tab, fails with the checker's own messages. Commands and messages
 * come from the content and the engine (exercise-data.ts), not from copies here. The helpers
 * below follow e2e/lessons-lan.e2e.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectedReport, findExercise } from './exercise-data';
import { BROKEN_OUTPUT, WAIT, launchBrowser, openPage, outputOf, screenshot, terminalText, waitForTerminalReady, type Browser } from './helpers';
import { tabs, selectedTab, selectHost, typeAttempt, runEveryBlock, startExercise, pressCheck } from './lesson-tabs';

const SLUG = '11-choosing-a-driver';
describe('11-choosing-a-driver in the browser', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('runs every Run block in its host tab on the three-node swarm, with the outputs the lesson describes', async () => {
    const { page, errors } = await openPage(browser, `/lessons/${SLUG}/`);
    await waitForTerminalReady(page);
    expect(await tabs(page).getByRole('tab').allTextContents()).toEqual(['host1', 'host2', 'host3']);
    const perHost = await runEveryBlock(page);
    expect(Object.fromEntries(perHost)).toEqual({ host1: 7, host3: 2 });

    await selectHost(page, 'host1');
    const h1 = await terminalText(page);
    // The empty PORTS column leaves a trailing space, as the real template does.
    expect((await outputOf(page, "docker service ls --format '{{.Name}} {{.Mode}} {{.Replicas}} {{.Ports}}'")).replace(/ +$/gm, '')).toBe(
      'api replicated 2/2\ndb replicated 1/1\nweb replicated 3/3 *:8080->80/tcp',
    );
    expect(await outputOf(page, 'ssh laptop curl -s http://192.168.1.13:8080/ | grep title')).toBe('<title>Welcome to nginx!</title>');
    expect(await outputOf(page, 'docker exec $W curl -sS http://db:6379/')).toBe('curl: (6) Could not resolve host: db');
    expect(await outputOf(page, 'docker exec $C ping -c 1 8.8.8.8')).toBe('PING 8.8.8.8 (8.8.8.8): 56 data bytes\nping: sendto: Network unreachable');
    expect(await outputOf(page, 'docker exec $W curl -s http://192.168.1.200/ | grep title')).toBe('<title>Welcome to nginx!</title>');
    expect(h1.match(BROKEN_OUTPUT)?.[0] ?? null).toBeNull();
    await screenshot(page, 'lesson-11-host1-tab');

    await selectHost(page, 'host3');
    expect(await outputOf(page, 'docker exec $W3 curl -sS -m 3 http://192.168.1.200/')).toBe(
      'curl: (28) Failed to connect to 192.168.1.200 port 80 after 3000 ms: Timeout was reached',
    );
    await screenshot(page, 'lesson-11-host3-tab');

    const picture = page.locator('.topology-slot svg.topology-svg').first();
    await picture.waitFor(WAIT);
    await picture.screenshot({ path: 'e2e/screenshots/lesson-11-topology.png' });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('half-the-cluster solved by typing on host1 passes Check; the near miss typed in host3’s tab fails with its messages', async () => {
    const { page, errors } = await openPage(browser, `/lessons/${SLUG}/`);
    await waitForTerminalReady(page);
    const x = await findExercise(SLUG, 'half-the-cluster');

    // The near miss first: "the rule is on host1, so deleting it on host3 fails and changes nothing".
    const miss = x.exercise.nearMisses[0]!;
    const expectedMiss = await expectedReport(x, miss.commands);
    const failing = expectedMiss.criteria.filter((c) => !c.pass);
    expect(failing.map((c) => c.id)).toEqual(miss.fails);
    let exercise = await startExercise(page, x);
    await typeAttempt(page, miss.commands, x.lab.hosts[0]!);
    expect(await selectedTab(page)).toBe('host3');
    let result = await pressCheck(exercise);
    await result.getByText(`${failing.length} of ${expectedMiss.criteria.length} checks ${failing.length === 1 ? 'does' : 'do'} not pass yet.`).waitFor(WAIT);
    const row = result.locator('li[data-criterion="probes.web-calls-api"]');
    await row.getByText(/on host3: /).first().waitFor(WAIT);
    expect(await exercise.locator('.badge-completed').count()).toBe(0);
    await screenshot(page, 'lesson-11-near-miss');

    // Then the fix, typed in host1's tab of the same lab: the check passes.
    const expected = await expectedReport(x, [...miss.commands, ...x.exercise.solution]);
    expect(expected.pass, 'the solution passes in the engine after the near miss').toBe(true);
    await typeAttempt(page, x.exercise.solution, x.lab.hosts[0]!);
    expect(await selectedTab(page)).toBe('host1');
    exercise = page.locator(`[data-exercise="${x.exercise.id}"]`);
    result = await pressCheck(exercise);
    await result.getByText('All checks pass').waitFor(WAIT);
    expect(await result.locator('li[data-criterion]').count()).toBe(expected.criteria.length);
    await exercise.locator('.badge-completed', { hasText: 'Passed' }).waitFor(WAIT);
    await screenshot(page, 'lesson-11-half-the-cluster-pass');
    expect(errors).toEqual([]);
    await page.close();
  });
});
