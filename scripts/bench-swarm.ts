/**
 * `npm run bench`, swarm part: `docker service create --replicas 50` on a three-node swarm, from
 * the command to "verify: Service … converged", in lab time (the CLI's 200 ms polls and its 5 s
 * stability window) and wall time.
 */
import { performance } from 'node:perf_hooks';
import { createLab, type LabImpl } from '../engine/lab/lab';
import { restoreLab } from '../engine/lab/restore';
import { httpGet } from '../engine/apps/http';

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
    ...(await runMeshBench()),
  };
}

function swarmOf3(seed: number): LabImpl {
  const lab = createLab({ hosts: ['host1', 'host2', 'host3'], seed });
  const e = (h: string) => lab.rt.daemon(h)!;
  e('host1').swarmInit(INIT);
  const token = e('host1').swarmJoinToken('worker', false);
  if (!token.ok) throw new Error(token.error);
  for (const h of ['host2', 'host3']) e(h).swarmJoin(token.value.token, token.value.managerAddr, null);
  return lab;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/**
 * The data plane at scale: a 100-replica service published through the mesh on an overlay
 * converging (wall time of the command, progress included), a routing-mesh curl from a node
 * without a task, and snapshot/restore of that lab.
 */
async function runMeshBench(): Promise<Figures> {
  const lab = swarmOf3(4);
  const s = lab.openSession('host1');
  await s.run('docker pull nginx');
  await s.run('docker network create -d overlay app');
  const t0 = performance.now();
  // Tasks only on host1 and host2, so host3 answers through the mesh alone.
  const r = await s.run('docker service create --name web --replicas 100 --network app -p 8080:80 --constraint node.hostname!=host3 nginx');
  const converge = performance.now() - t0;
  if (r.exitCode !== 0 || !r.output.includes('converged')) throw new Error(`service create failed: ${r.output.slice(-400)}`);
  const h3 = lab.openSession('host3');
  const curls: number[] = [];
  for (let i = 0; i < 21; i++) {
    const c0 = performance.now();
    const c = await h3.run('curl -s -o /dev/null -w "%{http_code}" localhost:8080');
    curls.push(performance.now() - c0);
    if (c.output !== '200') throw new Error(`mesh curl: ${c.output}`);
  }
  // The request alone (the packet walks of the mesh: DNAT, ingress_sbox, IPVS, VXLAN and back),
  // without the command line's second of lab time (the control loop, gossip probes).
  const ns = lab.world.netns[lab.world.hosts['host3']!.nsId]!;
  const req = { method: 'GET', path: '/', host: '192.168.1.13:8080', userAgent: 'curl/8.14.1' };
  const walks: number[] = [];
  for (let i = 0; i < 201; i++) {
    const w0 = performance.now();
    const res = httpGet(lab.rt.apps, ns, '192.168.1.13', 8080, req);
    walks.push(performance.now() - w0);
    if (!res.ok) throw new Error(`mesh request failed: ${JSON.stringify(res).slice(0, 200)}`);
  }
  const snaps: number[] = [];
  const restores: number[] = [];
  let bytes = 0;
  for (let i = 0; i < 5; i++) {
    const a = performance.now();
    const snap = lab.snapshot();
    const json = JSON.stringify(snap);
    snaps.push(performance.now() - a);
    bytes = json.length;
    const b = performance.now();
    const back = await restoreLab(JSON.parse(json) as unknown);
    restores.push(performance.now() - b);
    if (!back.ok) throw new Error(`restore refused: ${JSON.stringify(back).slice(0, 300)}`);
  }
  return {
    service_100_mesh_converge_wall_ms: +converge.toFixed(1),
    mesh_curl_median_ms: +median(curls).toFixed(2),
    mesh_request_median_ms: +median(walks).toFixed(3),
    swarm_snapshot_ms: +median(snaps).toFixed(1),
    swarm_restore_ms: +median(restores).toFixed(1),
    swarm_snapshot_kb: Math.round(bytes / 1024),
  };
}
