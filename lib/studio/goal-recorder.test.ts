import { describe, expect, it } from 'vitest';
import { checkGoal, createLab } from '../../engine/index';
import { goalFromCandidates, recordGoal } from './goal-recorder';

async function labAfter(lines: string[]) {
  const lab = createLab({ hosts: ['host1'], pacing: 'instant' });
  const s = lab.openSession();
  for (const line of lines) expect((await s.run(line)).exitCode, line).toBe(0);
  return { lab, s };
}

describe('recording a goal from the lab', () => {
  it('proposes networks with options, containers with attachments, and probes that hold on the lab', async () => {
    const { lab, s } = await labAfter([
      'docker network create --subnet 10.0.0.0/24 -o com.docker.network.bridge.name=br0 my_bridge',
      'docker run -dit --name c1 alpine',
      'docker run -dit --name c2 --net my_bridge busybox sh',
      'docker run -dit --name c3 --net my_bridge --ip 10.0.0.254 busybox sh',
      'docker run -d --name web -p 8080:80 nginx',
    ]);
    const historyBefore = s.history().length;
    const candidates = await recordGoal(lab);
    const labels = candidates.map((c) => c.label);
    expect(labels).toContain('Network my_bridge (bridge, 10.0.0.0/24, 1 option(s))');
    expect(labels).toContain('Container c3 (busybox, running, on my_bridge)');
    expect(labels).toContain('c3 has the address 10.0.0.254 on my_bridge');
    expect(labels).toContain('c2 reaches c3 (ping by name)');
    expect(labels).toContain('c1 cannot reach c3 (ping by address)');
    expect(labels).toContain('c1 cannot resolve c3');
    expect(labels).toContain('host1 gets http://localhost:8080/ (web)');
    const network = candidates.find((c) => c.kind === 'network');
    expect(network?.kind === 'network' && network.network.options).toEqual({ 'com.docker.network.bridge.name': 'br0' });

    // Every candidate, selected or not, passes on the lab it was recorded from...
    const all = goalFromCandidates(candidates.map((c) => ({ ...c, selected: true })));
    const here = checkGoal(lab, all);
    expect(here.ok && here.report.criteria.filter((c) => !c.pass)).toEqual([]);
    expect(all.containers?.find((c) => c.name === 'c3')?.networks).toEqual([{ network: 'my_bridge', ip: '10.0.0.254' }]);
    // ...fails on an empty lab, and recording left the author's lab as it was.
    const empty = checkGoal(createLab(), goalFromCandidates(candidates));
    expect(empty.ok && empty.report.pass).toBe(false);
    expect(s.history().length).toBe(historyBefore);
    expect((await s.run('docker network ls --format "{{.Name}}"')).output.split('\n').filter(Boolean).sort()).toEqual(['bridge', 'host', 'my_bridge', 'none']);
  });

  it('records nothing but the default networks on a fresh lab', async () => {
    const { lab } = await labAfter([]);
    expect(await recordGoal(lab)).toEqual([]);
  });
});
