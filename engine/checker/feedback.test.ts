import { describe, expect, it } from 'vitest';
import { checkGoal, createLab, type CheckReport, type GoalInput, type Lab } from '../index';

/** Feedback that leads with the cause: the failed command, then failures folded under their first cause. */

function report(l: Lab, goal: GoalInput): CheckReport {
  const r = checkGoal(l, goal);
  if (!r.ok) throw new Error(r.error);
  return r.report;
}

const GOAL: GoalInput = {
  networks: [{ name: 'front', driver: 'bridge' }],
  containers: [{ name: 'web', state: 'running', networks: [{ network: 'front', aliases: ['site'] }] }],
  probes: [{ id: 'web-reaches-internet', reach: { from: 'web', to: '8.8.8.8', expect: 'reachable' } }],
};

describe('the report leads with the last failed command', () => {
  it('a docker run that failed comes first, named as the learner typed it', async () => {
    const lab = createLab({ seed: 4 });
    const s = lab.openSession();
    await s.run('docker network create front');
    const failed = await s.run('docker run -dit --name web --network front --alias site alpine');
    expect(failed.exitCode).toBe(125);
    const r = report(lab, GOAL);
    expect(r.failedCommand).toEqual({ sessionId: s.id, host: 'host1', container: null, line: 'docker run -dit --name web --network front --alias site alpine', command: 'docker run', exitCode: 125, error: 'unknown flag: --alias' });
    expect(lab.lastFailure(s.id)).toEqual(r.failedCommand);
    // Looking around afterwards does not hide it; a look that fails is not a cause.
    await s.run('docker ps');
    await s.run('ping -c 1 nosuchname');
    await s.run('docker inspect nosuchthing');
    expect(report(lab, GOAL).failedCommand?.command).toBe('docker run');
    // The dependent failures fold under the first cause: web does not exist.
    expect(r.criteria.filter((c) => !c.pass).map((c) => [c.id, c.dependsOn])).toEqual([
      ['containers.web', undefined],
      ['containers.web.state', 'containers.web'],
      ['containers.web.networks.front', 'containers.web'],
      ['containers.web.networks.front.aliases.site', 'containers.web'],
      ['probes.web-reaches-internet', 'containers.web'],
    ]);
  });

  it('other work keeps it; the same command on the same object succeeding settles it', async () => {
    const lab = createLab({ seed: 4 });
    const s = lab.openSession();
    await s.run('docker network create --subnet 10.0.0.0/33 front');
    expect(lab.lastFailure()).toMatchObject({ command: 'docker network create', error: 'invalid network config: invalid subnet 10.0.0.0/33: invalid CIDR block notation' });
    await s.run('docker run -dit --name other alpine');
    await s.run('docker network create back');
    expect(lab.lastFailure()).toMatchObject({ command: 'docker network create', line: 'docker network create --subnet 10.0.0.0/33 front' });
    await s.run('docker network create --subnet 10.0.0.0/24 front');
    expect(lab.lastFailure()).toBeNull();
    await s.run('docker run -dit --name web --network front --network-alias site alpine');
    expect(report(lab, GOAL).pass).toBe(true);
  });

  it('the latest failure over every terminal; a passing goal has no lead', async () => {
    const lab = createLab({ hosts: ['host1', 'host2'], seed: 4 });
    const one = lab.openSession('host1');
    const two = lab.openSession('host2');
    await one.run('docker network create front');
    await one.run('docker run -dit --name web --network front --network-alias site alpine');
    await two.run('docker run -d --name x -p 99999:80 nginx');
    await one.run('docker pause nosuch');
    expect(lab.lastFailure()).toMatchObject({ sessionId: one.id, command: 'docker pause', error: 'No such container: nosuch' });
    expect(lab.lastFailure(two.id)).toMatchObject({ host: 'host2', command: 'docker run', exitCode: 125 });
    expect(report(lab, GOAL).failedCommand).toBeUndefined();
  });

  it('a failure inside a container shell says where it ran', async () => {
    const lab = createLab({ seed: 4 });
    const s = lab.openSession();
    await s.run('docker run -it --name box alpine');
    expect(s.container()).toBe('box');
    await s.run('ip link add dummy0 type dummy');
    expect(lab.lastFailure()).toMatchObject({ host: 'host1', container: 'box', command: 'ip link' });
  });
});

describe('terminal goals', () => {
  const PROMPT_BACK: GoalInput = { containers: [{ name: 'c1', image: 'alpine', state: 'running' }], terminals: [{ at: 'host' }] };

  it('“your prompt comes back to the host”: an attached docker run -it leaves the terminal inside', async () => {
    const lab = createLab({ seed: 4 });
    const s = lab.openSession();
    await s.run('docker run -it --name c1 alpine');
    let r = report(lab, PROMPT_BACK);
    expect(r.criteria.map((c) => [c.id, c.pass])).toEqual([
      ['containers.c1', true],
      ['containers.c1.image', true],
      ['containers.c1.state', true],
      ['terminals.host1', false],
    ]);
    expect(r.criteria[3]!.label).toBe("the host1 terminal is back at host1's prompt");
    expect(r.criteria[3]!.message).toBe('the host1 terminal is inside c1 (prompt / #)');
    // Ctrl-P Ctrl-Q leaves the container running and the prompt at the host.
    expect(s.detach()).toBe('read escape sequence\n');
    r = report(lab, PROMPT_BACK);
    expect(r.pass).toBe(true);
    expect(r.criteria[3]!.message).toBe("the host1 terminal is at host1's prompt (prompt root@host1:~#)");
  });

  it('the terminal typed in last counts; ssh elsewhere is not the host’s prompt; at: a container', async () => {
    const lab = createLab({ hosts: ['host1', 'host2'], seed: 4 });
    const a = lab.openSession('host1');
    const b = lab.openSession('host1');
    await a.run('docker run -dit --name c1 alpine');
    await a.run('docker exec -it c1 sh');
    await b.run('ssh laptop');
    const goal: GoalInput = { terminals: [{ at: 'host' }, { host: 'host2', at: 'host' }] };
    let r = report(lab, goal);
    expect(r.criteria.map((c) => [c.id, c.pass, c.message])).toEqual([
      ['terminals.host1', false, 'the host1 terminal is on laptop (over ssh) (prompt root@laptop:~#)'],
      ['terminals.host2', true, "the host2 terminal is at host2's prompt (prompt root@host2:~#)"],
    ]);
    await a.run('ls');
    r = report(lab, { terminals: [{ at: 'c1' }] });
    expect(r.pass).toBe(true);
    expect(r.criteria[0]!.label).toBe('the host1 terminal is inside c1');
  });
});
