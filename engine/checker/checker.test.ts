import { describe, expect, it } from 'vitest';
import { checkGoal, createLab, type GoalInput, type Lab } from '../index';

async function lab(lines: string[]): Promise<Lab> {
  const l = createLab({ seed: 2 });
  const s = l.openSession();
  for (const line of lines) await s.run(line);
  return l;
}

function report(l: Lab, goal: GoalInput) {
  const r = checkGoal(l, goal);
  if (!r.ok) throw new Error(r.error);
  return r.report;
}

const MY_BRIDGE: GoalInput = {
  networks: [{ name: 'my_bridge', driver: 'bridge', subnet: '10.0.0.0/24' }],
  containers: [
    { name: 'c2', state: 'running', networks: [{ network: 'my_bridge' }] },
    { name: 'c3', state: 'running', networks: [{ network: 'my_bridge', ip: '10.0.0.254' }] },
  ],
  probes: [
    { reach: { from: 'c2', to: 'c3', expect: 'reachable' } },
    { reach: { from: 'c1', to: 'c3', by: 'address', expect: 'blocked' } },
    { reach: { from: 'c1', to: 'c2', by: 'address', expect: 'blocked' } },
  ],
};

const SOLUTION = [
  'docker run -itd --name c1 busybox sh',
  'docker network create -d bridge --subnet 10.0.0.0/24 my_bridge',
  'docker run -itd --name c2 --net my_bridge busybox sh',
  'docker run -itd --name c3 --net my_bridge --ip 10.0.0.254 busybox sh',
];

describe('checker', () => {
  it('fails every criterion on an empty lab, naming what is missing', async () => {
    const r = report(await lab([]), MY_BRIDGE);
    expect(r.pass).toBe(false);
    expect(r.criteria.find((c) => c.id === 'networks.my_bridge')!.message).toBe('there is no network named my_bridge');
    expect(r.criteria.find((c) => c.id === 'containers.c3')!.message).toBe('there is no container named c3');
  });

  it('passes the solution, criterion by criterion', async () => {
    const r = report(await lab(SOLUTION), MY_BRIDGE);
    expect(r.criteria.filter((c) => !c.pass)).toEqual([]);
    expect(r.pass).toBe(true);
  });

  it('explains a near miss on the right criterion', async () => {
    const r = report(
      await lab([
        'docker run -itd --name c1 busybox sh',
        'docker network create -d bridge --subnet 10.0.0.0/24 my_bridge',
        'docker run -itd --name c2 --net my_bridge busybox sh',
        'docker run -itd --name c3 busybox sh',
      ]),
      MY_BRIDGE,
    );
    const failing = r.criteria.filter((c) => !c.pass);
    expect(failing.map((c) => c.id)).toContain('containers.c3.networks.my_bridge');
    expect(failing.find((c) => c.id === 'containers.c3.networks.my_bridge')!.message).toBe('c3 is on bridge, not on my_bridge');
    // c3 sits on the default bridge with c1 now: c1 reaches it, which the goal forbids.
    expect(failing.map((c) => c.id)).toContain('probes.1');
  });

  it('accepts another way to the same topology (create, then connect)', async () => {
    const r = report(
      await lab([
        'docker run -itd --name c1 busybox sh',
        'docker network create --subnet=10.0.0.0/24 my_bridge',
        'docker create -it --name c3 --network none busybox sh',
        'docker rm c3',
        'docker run -itd --name c3 --network my_bridge --ip=10.0.0.254 busybox',
        'docker run -itd --name c2 busybox',
        'docker network connect my_bridge c2',
        'docker network disconnect bridge c2',
      ]),
      MY_BRIDGE,
    );
    expect(r.criteria.filter((c) => !c.pass)).toEqual([]);
  });

  it('never changes the lab it grades', async () => {
    const l = await lab([...SOLUTION, 'docker run -d --name web -p 5000:80 nginx']);
    const before = JSON.stringify(l.snapshot());
    report(l, { ...MY_BRIDGE, probes: [...(MY_BRIDGE.probes ?? []), { http: { from: 'host1', url: 'http://localhost:5000/', status: 200 } }] });
    expect(JSON.stringify(l.snapshot())).toBe(before);
    const logs = await l.openSession().run('docker logs web');
    expect(logs.output).not.toContain('GET /');
  });

  it('grades published ports and HTTP from the host and from the LAN', async () => {
    const goal: GoalInput = {
      containers: [{ name: 'web', ports: [{ containerPort: 80, hostPort: 5000 }] }],
      probes: [
        { http: { from: 'host1', url: 'http://localhost:5000/', status: 200, contains: 'Welcome to nginx!' } },
        { http: { from: 'laptop', url: 'http://192.168.1.11:5000/', status: 200 } },
      ],
    };
    expect(report(await lab(['docker run -d --name web -p 5000:80 nginx']), goal).pass).toBe(true);
    const wrong = report(await lab(['docker run -d --name web -p 8080:80 nginx']), goal);
    expect(wrong.criteria.find((c) => c.id === 'containers.web.ports.80/tcp')!.message).toBe(
      'web publishes 80/tcp on 0.0.0.0:8080, not on 5000',
    );
    expect(wrong.criteria.find((c) => c.id === 'probes.0')!.message).toBe('http://localhost:5000/ from host1: connection refused');
  });

  it('resolve probes follow each container’s resolver', async () => {
    const l = await lab(SOLUTION);
    const r = report(l, {
      probes: [
        { resolve: { from: 'c2', name: 'c3', expect: 'resolves', address: '10.0.0.254' } },
        { resolve: { from: 'c1', name: 'c3', expect: 'fails' } },
      ],
    });
    expect(r.criteria.map((c) => c.pass)).toEqual([true, true]);
  });

  it('rejects a malformed goal with a reason instead of grading it', () => {
    const r = checkGoal(createLab(), { networks: [{ name: 'x', subnet: 'nope' }] } as GoalInput);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toContain('networks.0.subnet');
  });

  it('resolvesTo checks that a name points at the right container, whatever its address', async () => {
    const goal: GoalInput = { probes: [{ resolve: { from: 'alpine3', name: 'db', expect: 'resolves', resolvesTo: 'alpine1' } }] };
    const right = await lab(['docker run -dit --name alpine1 alpine', 'docker run -dit --name alpine3 --link alpine1:db alpine']);
    expect(report(right, goal).pass).toBe(true);
    const wrong = await lab(['docker run -dit --name alpine1 alpine', 'docker run -dit --name alpine3 --add-host db:172.17.0.1 alpine']);
    const r = report(wrong, goal);
    expect(r.pass).toBe(false);
    expect(r.criteria[0]!.message).toBe('db resolves to 172.17.0.1, not to alpine1 (alpine1 has 172.17.0.2)');
  });

  it('a swapped -p names what is published instead', async () => {
    const r = report(await lab(['docker run -d --name web -p 80:5000 nginx']), { containers: [{ name: 'web', ports: [{ containerPort: 80, hostPort: 5000 }] }] });
    expect(r.criteria.find((c) => c.id === 'containers.web.ports.80/tcp')!.message).toBe('web does not publish 80/tcp; it publishes 5000/tcp on 0.0.0.0:80');
  });
});

describe('names that are also Object.prototype members', () => {
  it('are just names: there is no such host or container, and docker start says so', async () => {
    const l = await lab(['docker run -dit --name c1 alpine']);
    for (const n of ['__proto__', 'constructor', 'toString']) {
      const r = report(l, {
        networks: [{ name: n, host: n }],
        containers: [{ name: n }],
        terminals: [{ host: n, at: 'host' }],
        probes: [{ reach: { from: n, to: 'c1', expect: 'reachable' } }, { reach: { from: 'c1', to: `${n}@${n}`, by: 'address', expect: 'blocked' } }],
      });
      expect(r.criteria.map((c) => c.message)).toEqual([
        `there is no host ${n} in this lab`,
        `there is no container named ${n}`,
        `there is no container named ${n}`,
        `there is no host ${n}`,
        `there is no host ${n} in this lab`,
      ]);
      expect((await l.openSession().run(`docker start ${n}`)).output).toBe(`Error response from daemon: No such container: ${n}\nError: failed to start containers: ${n}\n`);
    }
  });
});
