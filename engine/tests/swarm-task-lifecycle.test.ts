/**
 * What happens to a service's tasks when it is scaled down, removed, updated or its node drained,
 * checked against swarmkit as vendored by moby v28.5.2 (manager/orchestrator/…) and
 * docker/cli@v28.5.2 cli/command/task/formatter.go (DesiredState printed capitalised).
 */
import { describe, expect, it } from 'vitest';
import { lines } from './helpers';
import { swarmLab } from './swarm-helpers';

const cells = (out: string) => lines(out).map((l) => l.trim().split(/\s{2,}/));
/** NAME, NODE, DESIRED STATE, CURRENT STATE's first word of each `service ps` row. */
const rows = (out: string) => cells(out).slice(1).map((r) => [r[1], r[3], r[4], r[5]!.split(' ')[0]].join(' '));
const CUT = 'iptables -I OUTPUT -p tcp --dport 2377 -j DROP';

describe('swarm task lifecycle (swarmkit replicated/services.go, taskreaper/task_reaper.go)', () => {
  it('scale down: the removed slots get desired state REMOVE and the reaper deletes them with their containers (services.go:163-170, task_reaper.go:178-183)', async () => {
    const s = swarmLab();
    const t = s.term('host1');
    await t.setup('docker service create -d --name web --replicas 3 nginx');
    expect(rows((await t.run('docker service ps web')).out)).toEqual(['web.1 host1 Running Running', 'web.2 host2 Running Running', 'web.3 host3 Running Running']);
    await t.setup('docker service scale web=1');
    expect(rows((await t.run('docker service ps web')).out)).toEqual(['web.1 host1 Running Running']);
    expect((await t.run('docker service ls --format "{{.Replicas}}"')).out).toBe('1/1\n');
    for (const h of ['host2', 'host3']) expect((await s.term(h).run('docker ps -aq')).out, h).toBe('');
    expect(lines((await t.run('docker ps -aq')).out)).toHaveLength(1);
  });

  it('scale down keeps the tasks spread over the nodes, lowest slots first (slot.go slotsByRunningState, slotsByIndex)', async () => {
    const s = swarmLab();
    const t = s.term('host1');
    await t.setup('docker service create -d --name web --replicas 6 nginx');
    await t.setup('docker service scale -d web=3');
    expect(rows((await t.run('docker service ps web')).out)).toEqual(['web.1 host1 Running Running', 'web.2 host2 Running Running', 'web.3 host3 Running Running']);
    // Scaling up again fills the lowest free slots (services.go addTasks).
    await t.setup('docker service scale -d web=4');
    expect(cells((await t.run('docker service ps -f desired-state=running web')).out).slice(1).map((r) => r[1])).toEqual(['web.1', 'web.2', 'web.3', 'web.4']);
  });

  it('a node cut off from the managers keeps running its removed task: "Remove  Running" until it is back (task_reaper.go:181)', async () => {
    const s = swarmLab();
    const t = s.term('host1');
    await t.setup('docker service create -d --name web --replicas 3 nginx');
    await s.term('host3').setup(CUT);
    await t.setup('docker service scale -d web=2');
    expect(rows((await t.run('docker service ps web')).out)).toEqual(['web.1 host1 Running Running', 'web.2 host2 Running Running', 'web.3 host3 Remove Running']);
    expect(cells((await t.run('docker service ps -f desired-state=remove web')).out).slice(1).map((r) => r[1])).toEqual(['web.3']);
    expect(lines((await s.term('host3').run('docker ps -q')).out)).toHaveLength(1);
    await s.term('host3').setup('iptables -D OUTPUT -p tcp --dport 2377 -j DROP');
    await t.run('true');
    expect(rows((await t.run('docker service ps web')).out)).toEqual(['web.1 host1 Running Running', 'web.2 host2 Running Running']);
    expect((await s.term('host3').run('docker ps -aq')).out).toBe('');
  });

  it('tasks replaced by an update stay as history; a removed slot keeps its older history until the next service update (services.go:163-186)', async () => {
    const s = swarmLab();
    const t = s.term('host1');
    await t.setup('docker service create -d --name web --replicas 2 nginx', 'docker service update -d --image nginx:1.29 web');
    for (let i = 0; i < 3; i++) await t.run('true');
    await t.setup('docker service scale -d web=1');
    expect(rows((await t.run('docker service ps web')).out)).toEqual(['web.1 host1 Running Running', '\\_ web.1 host1 Shutdown Shutdown', 'web.2 host2 Shutdown Shutdown']);
    // Its exited container stays on host2 while the task does.
    expect(lines((await s.term('host2').run('docker ps -aq')).out)).toHaveLength(1);
    // Any service update reconciles it: the dead slot's tasks are deleted (deleteTasksMap(deadSlots)).
    await t.setup('docker service update -d --label-add tier=front web');
    expect(rows((await t.run('docker service ps web')).out)).toEqual(['web.1 host1 Running Running', '\\_ web.1 host1 Shutdown Shutdown']);
    expect((await s.term('host2').run('docker ps -aq')).out).toBe('');
  });

  it('drain: the task is shut down (desired Shutdown, kept as history) and replaced at once on another node (replicated/tasks.go, restart/restart.go:142-187)', async () => {
    const s = swarmLab();
    const t = s.term('host1');
    await t.setup('docker service create -d --name web --replicas 3 nginx', 'docker node update --availability drain host2');
    const ps = rows((await t.run('docker service ps web')).out);
    expect(ps).toHaveLength(4);
    expect(ps[1]).toMatch(/^web\.2 host[13] Running Running$/);
    expect(ps[2]).toBe('\\_ web.2 host2 Shutdown Shutdown');
    expect(lines((await s.term('host2').run('docker ps -aq')).out)).toHaveLength(1);
    expect((await s.term('host2').run('docker ps -q')).out).toBe('');
  });

  it('service rm: every task gets desired state REMOVE; a cut-off node keeps its container until it is back (orchestrator/service.go SetServiceTasksRemove)', async () => {
    const s = swarmLab();
    const t = s.term('host1');
    await t.setup('docker service create -d --name web --replicas 3 nginx', 'docker service update -d --image nginx:1.29 web');
    for (let i = 0; i < 3; i++) await t.run('true');
    await s.term('host3').setup(CUT);
    await t.setup('docker service rm web');
    expect(await t.run('docker service ps web')).toMatchObject({ err: 'no such service: web\n', code: 1 });
    for (const h of ['host1', 'host2']) expect((await s.term(h).run('docker ps -aq')).out, h).toBe('');
    expect(lines((await s.term('host3').run('docker ps -q')).out)).toHaveLength(1);
    await s.term('host3').setup('iptables -D OUTPUT -p tcp --dport 2377 -j DROP');
    await t.run('true');
    expect((await s.term('host3').run('docker ps -aq')).out).toBe('');
  });
});
