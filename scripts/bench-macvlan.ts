/**
 * macvlan figure for `npm run bench`: all-pairs reachability among 200 macvlan containers on two
 * hosts (100 each, bridge mode on eth0, one LAN): every pair is a round trip through the walk,
 * same-host pairs switched inside the kernel, cross-host ones over the LAN's switch.
 */
import { performance } from 'node:perf_hooks';
import { createLab } from '../engine/index';
import { LabImpl } from '../engine/lab/lab';
import { roundTrip } from '../engine/kernel/deliver';

export async function runMacvlanBench(): Promise<Record<string, number>> {
  const lab = createLab({ seed: 13, world: { hosts: ['host1', 'host2'], segments: [{ name: 'lan', subnet: '10.20.0.0/16' }] } }) as LabImpl;
  for (const [n, host] of ['host1', 'host2'].entries()) {
    const s = lab.openSession(host);
    await s.run('docker pull alpine');
    await s.run(`docker network create -d macvlan --subnet 10.20.0.0/16 --gateway 10.20.0.1 --ip-range 10.20.${n + 1}.0/24 -o parent=eth0 lan`);
    for (let i = 0; i < 100; i++) await s.run(`docker run -dit --name m${i} --network lan alpine`);
  }
  const world = lab.world;
  const targets = ['host1', 'host2'].flatMap((h) =>
    Object.values(world.hosts[h]!.docker.containers).map((c) => ({ ns: world.netns[c.nsId!]!, ip: c.endpoints[0]!.live!.ip! })),
  );
  if (targets.length !== 200) throw new Error(`expected 200 macvlan containers, got ${targets.length}`);
  const walkAll = (): { ms: number; reachable: number } => {
    const t0 = performance.now();
    let reachable = 0;
    for (const a of targets) for (const b of targets) if (a !== b && roundTrip(world, a.ns, { proto: 'icmp', dst: b.ip, dport: null }).ok) reachable++;
    return { ms: performance.now() - t0, reachable };
  };
  const first = walkAll();
  // Bridge mode on one LAN: everyone reaches everyone, across the switch or inside the kernel.
  if (first.reachable !== 200 * 199) throw new Error(`expected ${200 * 199} reachable pairs, got ${first.reachable}`);
  let best = first.ms;
  for (let round = 0; round < 2; round++) best = Math.min(best, walkAll().ms);
  return { macvlan_all_pairs_200_ms: +first.ms.toFixed(1), macvlan_all_pairs_200_best_ms: +best.toFixed(1), macvlan_all_pairs_200_reachable: first.reachable };
}
