import { describe, expect, it } from 'vitest';
import { createLab, type LabImpl } from '../../lab/lab';
import type { EngineApi } from '../api';
import type { ServiceSpec } from '../types';

/** The swarm's control plane through the Engine API (the CLI on top of it is tested in engine/tests). */

function lab3(): { lab: LabImpl; e: (h: string) => EngineApi } {
  const lab = createLab({ hosts: ['host1', 'host2', 'host3'] });
  return { lab, e: (h) => lab.rt.daemon(h)! };
}

const INIT = { advertiseAddr: null, availability: 'active' as const, defaultAddrPool: '10.0.0.0/8', subnetSize: 24, dataPathPort: 4789 };

function spec(name: string, replicas: number, extra: Partial<ServiceSpec> = {}): ServiceSpec {
  return { name, image: 'nginx', mode: { replicas }, networks: [], ports: [], endpointMode: 'vip', constraints: [], labels: {}, env: [], args: null, ...extra };
}

function joinAll(e: (h: string) => EngineApi): void {
  const token = e('host1').swarmJoinToken('worker', false);
  if (!token.ok) throw new Error(token.error);
  for (const h of ['host2', 'host3']) {
    const r = e(h).swarmJoin(token.value.token, token.value.managerAddr, null);
    if (!r.ok) throw new Error(r.error);
  }
}

describe('swarm control plane', () => {
  it('init makes a leader with an 85-character token whose middle part both roles share', () => {
    const { e } = lab3();
    const r = e('host1').swarmInit(INIT);
    expect(r.ok && r.value.nodeId).toMatch(/^[0-9a-z]{25}$/);
    const w = e('host1').swarmJoinToken('worker', false);
    const m = e('host1').swarmJoinToken('manager', false);
    if (!w.ok || !m.ok) throw new Error('no tokens');
    expect(w.value.token).toMatch(/^SWMTKN-1-[0-9a-z]{50}-[0-9a-z]{25}$/);
    expect(w.value.token.length).toBe(85);
    expect(w.value.token.split('-')[2]).toBe(m.value.token.split('-')[2]);
    expect(w.value.managerAddr).toBe('192.168.1.11:2377');
    expect(e('host1').swarmInit(INIT)).toEqual({ ok: false, error: 'This node is already part of a swarm. Use "docker swarm leave" to leave this swarm and join another one.' });
  });

  it('workers join over 2377; a firewall dropping it makes the join time out; a wrong token is refused', () => {
    const { lab, e } = lab3();
    e('host1').swarmInit(INIT);
    const t = e('host1').swarmJoinToken('worker', false);
    if (!t.ok) throw new Error(t.error);
    expect(e('host2').swarmJoin(t.value.token.slice(0, -1) + 'x', '192.168.1.11:2377', null)).toEqual({
      ok: false,
      error: 'rpc error: code = InvalidArgument desc = A valid join token is necessary to join this cluster',
    });
    expect(e('host2').swarmJoin('nonsense', '192.168.1.11:2377', null)).toEqual({ ok: false, error: 'invalid join token' });
    const input = lab.world.netns[lab.world.hosts['host1']!.nsId]!.nf.filter.find((c) => c.name === 'INPUT')!;
    input.rules = [{ match: { proto: 'tcp', dport: 2377 }, target: 'DROP' }];
    expect(e('host3').swarmJoin(t.value.token, '192.168.1.11:2377', null)).toEqual({ ok: true, value: { timedOut: true }, warnings: [] });
    input.rules = [];
    expect(e('host2').swarmJoin(t.value.token, '192.168.1.11:2377', null)).toEqual({ ok: true, value: { role: 'worker' }, warnings: [] });
    const nodes = e('host1').nodes();
    if (!nodes.ok) throw new Error(nodes.error);
    expect(nodes.value.map((n) => [n.node.host, n.status, n.managerStatus, n.self])).toEqual([
      ['host1', 'Ready', 'Leader', true],
      ['host2', 'Ready', '', false],
    ]);
    expect(e('host2').nodes()).toEqual({ ok: false, error: expect.stringContaining("Worker nodes can't be used to view or modify cluster state") });
    expect(e('host3').nodes()).toEqual({ ok: false, error: expect.stringContaining('Use "docker swarm init" or "docker swarm join"') });
  });

  it('a node whose heartbeats cannot reach the leader is Down; a manager cannot leave without --force', () => {
    const { lab, e } = lab3();
    e('host1').swarmInit(INIT);
    joinAll(e);
    const input = lab.world.netns[lab.world.hosts['host1']!.nsId]!.nf.filter.find((c) => c.name === 'INPUT')!;
    input.rules = [{ match: { src: '192.168.1.13', proto: 'tcp', dport: 2377 }, target: 'DROP' }];
    const nodes = e('host1').nodes();
    if (!nodes.ok) throw new Error(nodes.error);
    expect(nodes.value.find((n) => n.node.host === 'host3')!.status).toBe('Down');
    const leave = e('host1').swarmLeave(false);
    expect(leave.ok ? '' : leave.error).toBe(
      'You are attempting to leave the swarm on a node that is participating as a manager. Removing the last manager erases all current state of the swarm. Use `--force` to ignore this message. ',
    );
    expect(e('host2').swarmLeave(false).ok).toBe(true);
    const after = e('host1').nodes();
    expect(after.ok && after.value.find((n) => n.node.host === 'host2')!.status).toBe('Down');
  });

  it('spreads replicas over the nodes, scales, drains a node and rolls an update one task at a time', async () => {
    const { e } = lab3();
    e('host1').swarmInit(INIT);
    joinAll(e);
    const created = e('host1').serviceCreate(spec('web', 3), []);
    if (!created.ok) throw new Error(created.error);
    await e('host1').reconcile();
    const where = () => e('host1').serviceTasks(created.value).filter((t) => t.task.desired === 'running').map((t) => `${t.name}@${t.nodeHost}:${t.task.state}`).sort();
    expect(where()).toEqual(['web.1@host1:running', 'web.2@host2:running', 'web.3@host3:running']);
    expect(e('host2').containers().map((c) => c.name)).toEqual([expect.stringMatching(/^web\.2\.[0-9a-z]{25}$/)]);
    expect(e('host1').nodeUpdate('host2', { availability: 'drain' }).ok).toBe(true);
    await e('host1').reconcile();
    expect(where()).toEqual(['web.1@host1:running', 'web.2@host1:running', 'web.3@host3:running'].sort());
    expect(e('host2').containers().filter((c) => c.status === 'running')).toEqual([]);
    const updated = e('host1').serviceUpdate('web', (s) => ({ ...s, image: 'nginx:1.29' }));
    if (!updated.ok) throw new Error(updated.error);
    await e('host1').reconcile();
    expect(e('host1').serviceConverged(updated.value).converged).toBe(false);
    for (let i = 0; i < 3; i++) await e('host1').reconcile();
    expect(e('host1').serviceConverged(updated.value)).toEqual({ running: 3, desired: 3, converged: true });
  });
});

describe('the topology view of a swarm', () => {
  it('shows node roles, services with their tasks on their hosts', async () => {
    const { lab, e } = lab3();
    e('host1').swarmInit(INIT);
    joinAll(e);
    const svc = e('host1').serviceCreate(spec('web', 2, { ports: [{ protocol: 'tcp', target: 80, published: 8080, mode: 'ingress' }] }), []);
    if (!svc.ok) throw new Error(svc.error);
    await e('host1').reconcile();
    const t = lab.topology();
    expect(t.hosts.map((h) => h.swarm)).toEqual(['manager', 'worker', 'worker']);
    expect(t.swarms).toHaveLength(1);
    expect(t.swarms[0]!.nodes.map((n) => `${n.host}:${n.role}${n.leader ? '*' : ''}`)).toEqual(['host1:manager*', 'host2:worker', 'host3:worker']);
    expect(t.swarms[0]!.services[0]).toMatchObject({ name: 'web', mode: 'replicated', replicas: 2, ports: [{ published: 8080, target: 80, protocol: 'tcp', mode: 'ingress' }] });
    expect(t.swarms[0]!.services[0]!.tasks.map((x) => `${x.name}@${x.host}:${x.state}`).sort()).toEqual(['web.1@host1:running', 'web.2@host2:running']);
  });
});

describe('updates as swarmkit makes them (controlapi/service.go UpdateService, orchestrator/update/updater.go)', () => {
  async function settle(e: EngineApi, lab: LabImpl, seconds: number): Promise<void> {
    for (let i = 0; i < seconds; i++) {
      await lab.scheduler.advanceTo(lab.world.clock + 1000);
      await e.reconcile();
    }
  }

  it('only a changed task template replaces tasks; the status completes a monitoring period after the last one runs', async () => {
    const { lab, e } = lab3();
    e('host1').swarmInit(INIT);
    joinAll(e);
    const created = e('host1').serviceCreate(spec('web', 2), []);
    if (!created.ok) throw new Error(created.error);
    await e('host1').reconcile();
    const ids = () => e('host1').serviceTasks(created.value).filter((t) => t.task.desired === 'running').map((t) => t.task.id).sort();
    const first = ids();
    const index = created.value.index!;
    // Scaling and relabelling touch no task and start no update.
    e('host1').serviceUpdate('web', (s) => ({ ...s, mode: { replicas: 3 }, labels: { team: 'a' } }));
    await e('host1').reconcile();
    expect(ids().filter((id) => first.includes(id))).toEqual(first);
    expect(created.value.updateStatus).toBeNull();
    expect(created.value.index).toBeGreaterThan(index);
    e('host1').serviceUpdate('web', (s) => ({ ...s, env: ['A=1'] }));
    expect(created.value.updateStatus).toMatchObject({ state: 'updating', message: 'update in progress' });
    await settle(e('host1'), lab, 3);
    expect(ids().some((id) => first.includes(id))).toBe(false);
    expect(created.value.updateStatus?.state).toBe('updating');
    await settle(e('host1'), lab, 5);
    expect(created.value.updateStatus).toMatchObject({ state: 'completed', message: 'update completed' });
  });

  it('rollback swaps the spec with the previous one; with none it is refused', async () => {
    const { e } = lab3();
    e('host1').swarmInit(INIT);
    const created = e('host1').serviceCreate(spec('web', 1), []);
    if (!created.ok) throw new Error(created.error);
    expect(e('host1').serviceRollback('web')).toEqual({ ok: false, error: `rpc error: code = FailedPrecondition desc = service ${created.value.id} does not have a previous spec` });
    e('host1').serviceUpdate('web', (s) => ({ ...s, image: 'nginx:1.29' }));
    const r = e('host1').serviceRollback('web');
    expect(r.ok && [r.value.spec.image, r.value.previous?.image, r.value.updateStatus?.state]).toEqual(['nginx', 'nginx:1.29', 'rollback_started']);
    expect(e('host1').service('nope')).toEqual({ ok: false, error: 'service nope not found' });
  });
});
