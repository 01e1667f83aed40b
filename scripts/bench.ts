/**
 * `npm run bench`: speed and memory figures of the engine (and of the web app when `out/` exists).
 * Prints a line per figure, then one line of JSON with every figure.
 */
import { existsSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { createLab } from '../engine/index';
import { LabImpl } from '../engine/lab/lab';
import { roundTrip } from '../engine/kernel/deliver';
import { openTap } from '../engine/kernel/taps';

type Figures = Record<string, number | string>;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

const MIXED = [
  'docker network create benchnet',
  'docker run -dit --name b1 --network benchnet alpine',
  'docker run -dit --name b2 --network benchnet alpine',
  'docker run -d --name bweb -p 8080:80 nginx',
  'docker ps',
  'docker ps -a --format "table {{.Names}}\\t{{.Status}}"',
  'docker network ls',
  'docker network inspect benchnet',
  'docker inspect b1',
  'docker exec b1 ping -c 1 b2',
  'docker exec b1 nslookup b2',
  'docker exec b1 ip a',
  'ip a',
  'ip route',
  'brctl show',
  'iptables -S',
  'iptables -t nat -L -n',
  'curl -s localhost:8080',
  'docker images',
  'docker network connect bridge b2',
  'docker network disconnect bridge b2',
  'echo hello | grep h',
  'docker port bweb',
  'docker logs bweb',
];

async function commandTimes(figs: Figures): Promise<void> {
  const lab = createLab({ seed: 11 });
  const s = lab.openSession();
  // Warm up: pull images and JIT the paths once.
  for (const l of MIXED) await s.run(l);
  for (const l of ['docker rm -f b1 b2 bweb', 'docker network rm benchnet']) await s.run(l);
  const times: number[] = [];
  for (let round = 0; round < 30; round++) {
    for (const l of MIXED) {
      const t0 = performance.now();
      await s.run(l);
      times.push(performance.now() - t0);
    }
    await s.run('docker rm -f b1 b2 bweb');
    await s.run('docker network rm benchnet');
  }
  times.sort((a, b) => a - b);
  figs['command_median_ms'] = +percentile(times, 50).toFixed(4);
  figs['command_p99_ms'] = +percentile(times, 99).toFixed(4);
  figs['command_samples'] = times.length;
}

async function thousandContainers(figs: Figures): Promise<void> {
  global.gc?.();
  const heap0 = process.memoryUsage().heapUsed;
  const t0 = performance.now();
  const lab = createLab({ seed: 5 });
  const s = lab.openSession();
  await s.run('docker pull alpine');
  for (let n = 0; n < 100; n++) {
    const subnet = `10.${Math.floor(n / 10)}.${n % 10}.0/24`;
    await s.run(`docker network create --subnet ${subnet} net${n}`);
  }
  for (let i = 0; i < 1000; i++) await s.run(`docker run -dit --name c${i} --network net${i % 100} alpine`);
  const ms = performance.now() - t0;
  global.gc?.();
  const heap = process.memoryUsage().heapUsed - heap0;
  const running = (await s.run('docker ps -q')).output.trim().split('\n').length;
  if (running !== 1000) throw new Error(`expected 1000 running containers, got ${running}`);
  figs['create_1000_containers_ms'] = +ms.toFixed(1);
  figs['create_1000_containers_heap_mb'] = +(heap / 1024 / 1024).toFixed(1);
}

async function allPairs(figs: Figures): Promise<void> {
  const lab = createLab({ seed: 9 }) as LabImpl;
  const s = lab.openSession();
  await s.run('docker pull alpine');
  for (let n = 0; n < 10; n++) await s.run(`docker network create net${n}`);
  for (let i = 0; i < 200; i++) await s.run(`docker run -dit --name c${i} --network net${i % 10} alpine`);
  const world = lab.world;
  const ctrs = Object.values(world.hosts['host1']!.docker.containers);
  const targets = ctrs.map((c) => ({ ns: world.netns[c.nsId!]!, ip: c.endpoints[0]!.live!.ip! }));
  const t0 = performance.now();
  let reachable = 0;
  for (const a of targets) for (const b of targets) if (a !== b && roundTrip(world, a.ns, { proto: 'icmp', dst: b.ip, dport: null }).ok) reachable++;
  const ms = performance.now() - t0;
  // 10 networks of 20: each container reaches the 19 others on its own network only.
  if (reachable !== 200 * 19) throw new Error(`expected ${200 * 19} reachable pairs, got ${reachable}`);
  figs['all_pairs_200_ms'] = +ms.toFixed(1);
  figs['all_pairs_200_reachable'] = reachable;
  // The same walks while a capture runs on every interface of the host (tcpdump -i any on a busy
  // host): each frame crossing a host device is reported. Best of 5 each way, alternating, because
  // the machine is shared.
  const host = world.netns[world.hosts['host1']!.nsId]!;
  const walkAll = () => {
    const t = performance.now();
    for (const a of targets) for (const b of targets) if (a !== b) roundTrip(world, a.ns, { proto: 'icmp', dst: b.ip, dport: null });
    return performance.now() - t;
  };
  const bridgeName = host.links.find((l) => l.kind === 'bridge' && l.name.startsWith('br-'))!.name;
  let plain = Infinity;
  let onBridge = Infinity;
  let onAny = Infinity;
  let bridgeFrames = 0;
  let anyFrames = 0;
  for (let round = 0; round < 5; round++) {
    plain = Math.min(plain, walkAll());
    const closeBridge = openTap(world, { ns: host.id, dev: bridgeName }, () => bridgeFrames++);
    onBridge = Math.min(onBridge, walkAll());
    closeBridge();
    const closeAny = openTap(world, { ns: host.id, dev: 'any' }, () => anyFrames++);
    onAny = Math.min(onAny, walkAll());
    closeAny();
  }
  const pct = (x: number) => +(((x - plain) / plain) * 100).toFixed(1);
  figs['all_pairs_200_plain_ms'] = +plain.toFixed(1);
  figs['all_pairs_200_tap_bridge_ms'] = +onBridge.toFixed(1);
  figs['all_pairs_200_tap_any_ms'] = +onAny.toFixed(1);
  figs['tap_bridge_slowdown_pct'] = pct(onBridge);
  figs['tap_any_slowdown_pct'] = pct(onAny);
  figs['tap_bridge_frames_per_round'] = Math.round(bridgeFrames / 5);
  figs['tap_any_frames_per_round'] = Math.round(anyFrames / 5);
}

async function main(): Promise<void> {
  const figs: Figures = {};
  await commandTimes(figs);
  console.log(`per command over a mixed script: median ${figs['command_median_ms']} ms, p99 ${figs['command_p99_ms']} ms (${figs['command_samples']} runs)`);
  await thousandContainers(figs);
  console.log(`1,000 containers on 100 networks: ${figs['create_1000_containers_ms']} ms, heap +${figs['create_1000_containers_heap_mb']} MB`);
  await allPairs(figs);
  console.log(`all-pairs reachability among 200 containers: ${figs['all_pairs_200_ms']} ms (${figs['all_pairs_200_reachable']} reachable pairs)`);
  console.log(
    `all-pairs again, best of 5: ${figs['all_pairs_200_plain_ms']} ms; capturing on one bridge: ${figs['all_pairs_200_tap_bridge_ms']} ms (${figs['tap_bridge_slowdown_pct']}%, ${figs['tap_bridge_frames_per_round']} frames); on every host interface (-i any): ${figs['all_pairs_200_tap_any_ms']} ms (${figs['tap_any_slowdown_pct']}%, ${figs['tap_any_frames_per_round']} frames)`,
  );
  const swarm = (await import(new URL('./bench-swarm.ts', import.meta.url).href)) as { runSwarmBench(): Promise<Figures> };
  Object.assign(figs, await swarm.runSwarmBench());
  console.log(`docker service create --replicas 50 on 3 nodes, to "converged": ${figs['service_create_50_lab_ms']} ms of lab time, ${figs['service_create_50_wall_ms']} ms wall`);
  console.log(
    `100 replicas on an overlay, published through the mesh, to "converged": ${figs['service_100_mesh_converge_wall_ms']} ms wall; routing-mesh curl from a node without a task: median ${figs['mesh_curl_median_ms']} ms per command line, ${figs['mesh_request_median_ms']} ms for the request's walks; snapshot of that lab: ${figs['swarm_snapshot_ms']} ms (${figs['swarm_snapshot_kb']} KB), restore: ${figs['swarm_restore_ms']} ms`,
  );
  const extra = new URL('./bench-checker.ts', import.meta.url);
  if (existsSync(extra)) {
    const mod = (await import(extra.href)) as { runCheckerBench(): Promise<Figures> };
    Object.assign(figs, await mod.runCheckerBench());
  }
  const web = new URL('./bench-web.ts', import.meta.url);
  if (existsSync(new URL('../out/index.html', import.meta.url)) && existsSync(web)) {
    const mod = (await import(web.href)) as { runWebBench(): Promise<Figures> };
    const w = await mod.runWebBench();
    for (const [k, v] of Object.entries(w)) console.log(`web ${k}: ${v}`);
    Object.assign(figs, w);
  } else console.log('web figures skipped: run `npm run build` first to measure the static export');
  console.log(JSON.stringify(figs));
}

void main();
