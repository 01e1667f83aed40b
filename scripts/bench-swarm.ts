/**
 * `npm run bench`, swarm part: `docker service create --replicas 50` on a three-node swarm, from
 * the command to "verify: Service … converged", in lab time (the CLI's 200 ms polls and its 5 s
 * stability window) and wall time.
 */
import { performance } from 'node:perf_hooks';
import { createLab } from '../engine/lab/lab';

type Figures = Record<string, number | string>;

const INIT = { advertiseAddr: null, availability: 'active' as const, defaultAddrPool: '10.0.0.0/8', subnetSize: 24, dataPathPort: 4789 };

export async function runSwarmBench(): Promise<Figures> {
  const lab = createLab({ hosts: ['host1', 'host2', 'host3'], seed: 3 });
  const e = (h: string) => lab.rt.daemon(h)!;
  e('host1').swarmInit(INIT);
  const token = e('host1').swarmJoinToken('worker', false);
  if (!token.ok) throw new Error(token.error);
  for (const h of ['host2', 'host3']) e(h).swarmJoin(token.value.token, token.value.managerAddr, null);
  const s = lab.openSession('host1');
  await s.run('docker pull nginx');
  const clock0 = lab.world.clock;
  const t0 = performance.now();
  const r = await s.run('docker service create --name web --replicas 50 nginx');
  const wall = performance.now() - t0;
  if (r.exitCode !== 0 || !r.output.includes('converged')) throw new Error(`service create failed: ${r.output.slice(-400)}`);
  const running = await s.run("docker service ls --format '{{.Replicas}}'");
  if (running.output.trim() !== '50/50') throw new Error(`expected 50/50, got ${running.output}`);
  return {
    service_create_50_lab_ms: lab.world.clock - clock0,
    service_create_50_wall_ms: +wall.toFixed(1),
  };
}
