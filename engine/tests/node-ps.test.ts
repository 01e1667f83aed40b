/**
 * `docker node ps` on a three-node swarm, as docker/cli@v28.5.2 cli/command/node/ps.go asks the
 * daemon (TaskList with the learner's filters plus node=<id>) and cli/command/task/print.go prints.
 */
import { describe, expect, it } from 'vitest';
import { lines } from './helpers';
import { swarmLab } from './swarm-helpers';

const cells = (out: string) => lines(out).map((l) => l.trim().split(/\s{2,}/));

describe('docker node ps (cli/command/node/ps.go)', () => {
  it('lists the tasks on this node by default, and on the named nodes', async () => {
    const s = swarmLab();
    const t = s.term('host1');
    await t.setup('docker service create -d --name web --replicas 3 nginx');
    const self = await t.run('docker node ps');
    expect(self.code).toBe(0);
    const rows = cells(self.out);
    expect(rows[0]).toEqual(['ID', 'NAME', 'IMAGE', 'NODE', 'DESIRED STATE', 'CURRENT STATE', 'ERROR', 'PORTS']);
    expect(rows.length).toBeGreaterThan(1);
    for (const row of rows.slice(1)) expect(row[3]).toBe('host1');

    const all = await t.run('docker node ps host1 host2 host3');
    const names = cells(all.out).slice(1).map((r) => r[1]);
    expect(names.sort()).toEqual(['web.1', 'web.2', 'web.3']);
    // Each task on the node that `service ps` says it runs on.
    const svc = cells((await t.run('docker service ps web')).out).slice(1);
    for (const row of svc) {
      const onNode = cells((await t.run(`docker node ps ${row[3]}`)).out).slice(1);
      expect(onNode.map((r) => r[0])).toContain(row[0]);
    }
  });

  it('-q prints the task ids, still truncated (node ps does not turn off truncation as service ps does)', async () => {
    const s = swarmLab();
    const t = s.term('host1');
    await t.setup('docker service create -d --name web --replicas 3 nginx');
    const q = await t.run('docker node ps -q host1 host2 host3');
    expect(lines(q.out).length).toBe(3);
    for (const id of lines(q.out)) expect(id).toMatch(/^[0-9a-z]{12}$/);
    const full = await t.run('docker node ps -q --no-trunc host1 host2 host3');
    for (const id of lines(full.out)) expect(id).toMatch(/^[0-9a-z]{25}$/);
  });

  it('prints what it found, then each missing node as the daemon says it', async () => {
    const s = swarmLab();
    const t = s.term('host1');
    await t.setup('docker service create -d --name web --replicas 3 nginx');
    const r = await t.run('docker node ps nosuch host1');
    expect(r.code).toBe(1);
    expect(lines(r.out)[0]).toMatch(/^ID\s+NAME/);
    expect(r.err).toBe('Error response from daemon: node nosuch not found\n');
    const none = await t.run('docker node ps nosuch');
    expect(none.out).toBe('');
    expect(none.code).toBe(1);
  });

  it('takes the task filters, and refuses others as the daemon does', async () => {
    const s = swarmLab();
    const t = s.term('host1');
    await t.setup('docker service create -d --name web --replicas 3 nginx', 'docker service create -d --name api --replicas 3 nginx:alpine');
    const r = await t.run('docker node ps -f name=api host1 host2 host3 --format "{{.Name}}"');
    expect(lines(r.out).sort()).toEqual(['api.1', 'api.2', 'api.3']);
    const bad = await t.run('docker node ps -f color=red');
    expect(bad.err).toBe("Error response from daemon: invalid filter 'color'\n");
    expect(bad.code).toBe(1);
  });

  it('on a worker: the manager-only refusal', async () => {
    const s = swarmLab();
    const r = await s.term('host2').run('docker node ps');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^Error response from daemon: This node is not a swarm manager\./);
  });
});
