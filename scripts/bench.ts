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
import { Transcript } from '../lib/terminal/transcript';

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
  explainOn(lab, figs);
}

/** "Why can't A reach B?" on the same 200-container lab: a name resolved and pinged, and a drop by the isolation rules. */
function explainOn(lab: LabImpl, figs: Figures): void {
  const asks = [
    { from: 'c0', to: 'c10' },
    { from: 'c0', to: 'c1', by: 'address' as const },
    { from: 'c3', to: 'c13', port: 80 },
  ];
  const verdicts = asks.map((a) => lab.explainPath(a).verdict).join(',');
  if (verdicts !== 'delivered,dropped,refused') throw new Error(`explainPath on the 200-container lab: ${verdicts}`);
  const times: number[] = [];
  for (let i = 0; i < 60; i++) {
    const t0 = performance.now();
    lab.explainPath(asks[i % asks.length]!);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  figs['explain_path_200_median_ms'] = +percentile(times, 50).toFixed(3);
  figs['explain_path_200_p90_ms'] = +percentile(times, 90).toFixed(3);
}

/** The shell interpreter: a 1,000-turn while loop with $((…)) and the `[` builtin (target < 50 ms). */
async function shellLoop(figs: Figures): Promise<void> {
  const s = createLab({ seed: 3 }).openSession();
  const loop = 'i=0; while [ $i -lt 1000 ]; do i=$((i+1)); done; echo $i';
  for (let k = 0; k < 3; k++) await s.run(loop);
  const times: number[] = [];
  for (let k = 0; k < 15; k++) {
    const t0 = performance.now();
    const r = await s.run(loop);
    times.push(performance.now() - t0);
    if (r.output !== '1000\n') throw new Error(`the loop printed ${JSON.stringify(r.output)}`);
  }
  times.sort((a, b) => a - b);
  figs['while_1000_median_ms'] = +percentile(times, 50).toFixed(2);
  figs['while_1000_min_ms'] = +times[0]!.toFixed(2);
}

/** `docker rm -f $(docker ps -aq)` over 5,000 running containers (issue 13: 35.7 s before removal was indexed). */
async function removeFiveThousand(figs: Figures): Promise<void> {
  const lab = createLab({ seed: 13 });
  const s = lab.openSession();
  await s.run('docker pull alpine');
  for (let i = 0; i < 5000; i++) await s.run(`docker run -dit --name r${i} alpine`);
  const t0 = performance.now();
  const r = await s.run('docker rm -f $(docker ps -aq)');
  const ms = performance.now() - t0;
  const removed = r.output.trim().split('\n').length;
  if (removed !== 5000 || (await s.run('docker ps -aq')).output !== '') throw new Error(`rm -f removed ${removed} of 5000 containers`);
  figs['rm_f_5000_containers_ms'] = +ms.toFixed(1);
}

/**
 * What a lesson's save weighs after 2,000 commands: the record lib/lab/saved-lab.ts writes (engine
 * snapshot, history, the terminal's capped transcript), measured as UTF-8 JSON against its 1 MB cap.
 */
async function lessonSave(figs: Figures): Promise<void> {
  const lab = createLab({ seed: 17 });
  const s = lab.openSession();
  const history: string[] = [];
  const transcript = new Transcript();
  const script = [...MIXED, 'docker rm -f b1 b2 bweb', 'docker network rm benchnet'];
  for (let n = 0; n < 2000; n++) {
    const line = script[n % script.length]!;
    const r = await s.run(line);
    history.push(line);
    transcript.append(`$ ${line}\r\n${r.output.replace(/\n/g, '\r\n')}`);
  }
  const record = { version: 1, spec: 'bench', savedAt: Date.now(), snapshot: lab.snapshot(), history, transcript: transcript.toString(), place: s.place() };
  figs['lesson_save_2000_commands_kb'] = +(new TextEncoder().encode(JSON.stringify(record)).byteLength / 1024).toFixed(1);
  figs['lesson_save_2000_commands_snapshot_kb'] = +(new TextEncoder().encode(JSON.stringify(record.snapshot)).byteLength / 1024).toFixed(1);
}

/**
 * `docker run -p 1-65535:1-65535` (issue 13: 1-3 s and a 4.3 MB snapshot when each port was a
 * record). On the lab's host sshd holds 22, so Docker refuses it there, as it would; the same
 * range over UDP runs. Time of the command and what it adds to the snapshot, each way.
 */
async function publishEveryPort(figs: Figures): Promise<void> {
  for (const [name, line] of [
    ['tcp', 'docker run -d --name all -p 1-65535:1-65535 nginx'],
    ['udp', 'docker run -d --name all -p 1-65535:1-65535/udp nginx'],
  ] as const) {
    const lab = createLab({ seed: 19 });
    const s = lab.openSession();
    await s.run('docker pull nginx');
    const before = JSON.stringify(lab.snapshot()).length;
    const t0 = performance.now();
    const r = await s.run(line);
    figs[`publish_1_65535_${name}_ms`] = +(performance.now() - t0).toFixed(1);
    figs[`publish_1_65535_${name}_exit`] = r.exitCode;
    figs[`publish_1_65535_${name}_snapshot_added_kb`] = +((JSON.stringify(lab.snapshot()).length - before) / 1024).toFixed(1);
  }
}

async function main(): Promise<void> {
  const figs: Figures = {};
  await commandTimes(figs);
  console.log(`per command over a mixed script: median ${figs['command_median_ms']} ms, p99 ${figs['command_p99_ms']} ms (${figs['command_samples']} runs)`);
  await thousandContainers(figs);
  console.log(`1,000 containers on 100 networks: ${figs['create_1000_containers_ms']} ms, heap +${figs['create_1000_containers_heap_mb']} MB`);
  await allPairs(figs);
  console.log(`all-pairs reachability among 200 containers: ${figs['all_pairs_200_ms']} ms (${figs['all_pairs_200_reachable']} reachable pairs)`);
  console.log(`explainPath on the 200-container lab: median ${figs['explain_path_200_median_ms']} ms, p90 ${figs['explain_path_200_p90_ms']} ms (target < 5 ms)`);
  console.log(
    `all-pairs again, best of 5: ${figs['all_pairs_200_plain_ms']} ms; capturing on one bridge: ${figs['all_pairs_200_tap_bridge_ms']} ms (${figs['tap_bridge_slowdown_pct']}%, ${figs['tap_bridge_frames_per_round']} frames); on every host interface (-i any): ${figs['all_pairs_200_tap_any_ms']} ms (${figs['tap_any_slowdown_pct']}%, ${figs['tap_any_frames_per_round']} frames)`,
  );
  const swarm = (await import(new URL('./bench-swarm.ts', import.meta.url).href)) as { runSwarmBench(): Promise<Figures> };
  Object.assign(figs, await swarm.runSwarmBench());
  console.log(`docker service create --replicas 50 on 3 nodes, to "converged": ${figs['service_create_50_lab_ms']} ms of lab time, ${figs['service_create_50_wall_ms']} ms wall`);
  await shellLoop(figs);
  console.log(`shell: 1,000-turn while loop with $((i+1)) and [: median ${figs['while_1000_median_ms']} ms, min ${figs['while_1000_min_ms']} ms (15 runs)`);
  const macvlan = new URL('./bench-macvlan.ts', import.meta.url);
  if (existsSync(macvlan)) {
    const mod = (await import(macvlan.href)) as { runMacvlanBench(): Promise<Figures> };
    const m = await mod.runMacvlanBench();
    Object.assign(figs, m);
    console.log(`all-pairs reachability among 200 macvlan containers on 2 hosts: ${m['macvlan_all_pairs_200_ms']} ms, best of 3 ${m['macvlan_all_pairs_200_best_ms']} ms (${m['macvlan_all_pairs_200_reachable']} reachable pairs)`);
  }
  await removeFiveThousand(figs);
  console.log(`docker rm -f of 5,000 running containers: ${figs['rm_f_5000_containers_ms']} ms`);
  await lessonSave(figs);
  console.log(`a lesson save after 2,000 commands: ${figs['lesson_save_2000_commands_kb']} KB (engine snapshot ${figs['lesson_save_2000_commands_snapshot_kb']} KB; cap 1024 KB)`);
  await publishEveryPort(figs);
  console.log(
    `docker run -p 1-65535:1-65535: ${figs['publish_1_65535_tcp_ms']} ms (exit ${figs['publish_1_65535_tcp_exit']}: sshd holds 22), snapshot +${figs['publish_1_65535_tcp_snapshot_added_kb']} KB; /udp: ${figs['publish_1_65535_udp_ms']} ms (exit ${figs['publish_1_65535_udp_exit']}), snapshot +${figs['publish_1_65535_udp_snapshot_added_kb']} KB`,
  );
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
