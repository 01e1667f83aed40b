import { describe, expect, it } from 'vitest';
import { checkGoal, createLab, type GoalInput } from '../../engine/index';
import { failedCommandText, reportView } from './report-groups';

describe('reportView', () => {
  it('leads with the failed command and folds what follows from the first cause', async () => {
    const lab = createLab({ seed: 9 });
    const s = lab.openSession();
    await s.run('docker network create front');
    await s.run('docker run -dit --name app --network front --alias x alpine');
    await s.run('docker run -dit --name db alpine');
    const goal: GoalInput = {
      containers: [
        { name: 'app', state: 'running', networks: [{ network: 'front' }] },
        { name: 'db', state: 'running', networks: [{ network: 'front' }] },
      ],
      probes: [{ id: 'app-reaches-db', reach: { from: 'app', to: 'db', expect: 'reachable' } }],
    };
    const r = checkGoal(lab, goal);
    if (!r.ok) throw new Error(r.error);
    const view = reportView(r.report);
    expect(failedCommandText(view.failedCommand!, 'host1')).toBe('`docker run` failed: unknown flag: --alias');
    expect(view.failingCount).toBe(5);
    expect(view.failing.map((g) => [g.cause.id, g.follows.map((c) => c.id)])).toEqual([
      ['containers.app', ['containers.app.state', 'containers.app.networks.front', 'probes.app-reaches-db']],
      ['containers.db.networks.front', []],
    ]);
    expect(view.failing[1]!.cause.message).toBe('db is on bridge, not on front');
    expect(view.passing.map((c) => c.id)).toEqual(['containers.db', 'containers.db.state']);
  });

  it('a passing report has no lead and nothing failing', async () => {
    const lab = createLab({ seed: 9 });
    const s = lab.openSession();
    await s.run('docker run -dit --name app --alias x alpine');
    await s.run('docker run -dit --name other alpine');
    const r = checkGoal(lab, { containers: [{ name: 'other', state: 'running' }] });
    if (!r.ok) throw new Error(r.error);
    expect(reportView(r.report)).toMatchObject({ failedCommand: null, failing: [], failingCount: 0 });
  });
});
