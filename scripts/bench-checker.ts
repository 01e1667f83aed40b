/** Checker figure for `npm run bench`: a 20-criterion goal graded on a lab of 50 containers. */
import { performance } from 'node:perf_hooks';
import { checkGoal, createLab, type GoalInput } from '../engine/index';

export async function runCheckerBench(): Promise<Record<string, number>> {
  const lab = createLab({ seed: 21 });
  const s = lab.openSession();
  await s.run('docker network create --subnet 10.0.0.0/24 front');
  await s.run('docker network create --subnet 10.0.1.0/24 back');
  for (let i = 0; i < 48; i++) await s.run(`docker run -dit --name c${i} --network ${i % 2 ? 'front' : 'back'} alpine`);
  await s.run('docker run -d --name web --network front -p 5000:80 nginx');
  await s.run('docker run -dit --name gw --network front alpine');
  await s.run('docker network connect back gw');
  const goal: GoalInput = {
    networks: [
      { name: 'front', driver: 'bridge', subnet: '10.0.0.0/24' },
      { name: 'back', driver: 'bridge', subnet: '10.0.1.0/24', internal: false },
    ],
    containers: [
      { name: 'web', state: 'running', image: 'nginx', networks: [{ network: 'front' }], ports: [{ containerPort: 80, hostPort: 5000 }] },
      { name: 'gw', state: 'running', networks: [{ network: 'front' }, { network: 'back' }] },
      { name: 'c1', state: 'running', networks: [{ network: 'front' }] },
    ],
    probes: [
      { reach: { from: 'gw', to: 'c1', expect: 'reachable' } },
      { reach: { from: 'gw', to: 'c2', expect: 'reachable' } },
      { reach: { from: 'c1', to: 'c2', by: 'address', expect: 'blocked' } },
      { reach: { from: 'c1', to: 'web', via: 'tcp', port: 80, expect: 'reachable' } },
      { resolve: { from: 'c1', name: 'web', expect: 'resolves' } },
      { resolve: { from: 'c2', name: 'web', expect: 'fails' } },
      { http: { from: 'host1', url: 'http://localhost:5000/', status: 200, contains: 'Welcome to nginx' } },
      { http: { from: 'laptop', url: 'http://192.168.1.11:5000/', status: 200 } },
    ],
  };
  const first = checkGoal(lab, goal);
  if (!first.ok) throw new Error(first.error);
  const n = first.report.criteria.length;
  const times: number[] = [];
  for (let i = 0; i < 20; i++) {
    const t0 = performance.now();
    checkGoal(lab, goal);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)]!;
  console.log(`checker: ${n}-criterion goal on 50 containers: median ${median.toFixed(2)} ms (all pass: ${first.report.pass})`);
  return { checker_criteria: n, checker_50_containers_ms: +median.toFixed(2) };
}

if (import.meta.url === `file://${process.argv[1]}`) void runCheckerBench();
