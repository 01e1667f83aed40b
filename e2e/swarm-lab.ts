/**
 * A three-host swarm lab for the browser tests of the multi-host picture, built in Node by typing
 * what a learner types in each host's terminal (swarm init and join, an overlay, a published
 * service, a macvlan network), then handed to the page as a saved playground lab.
 */
import { createLab, type Lab, type Session } from '../engine/index';

export const SWARM_HOSTS = ['host1', 'host2', 'host3'];

async function run(session: Session, line: string): Promise<string> {
  const result = await session.run(line);
  if (result.exitCode !== 0) throw new Error(`${session.host()}: ${line} exited ${result.exitCode}: ${result.output}`);
  return result.output;
}

/** `macvlan`: also a macvlan network on VLAN 50 of host1's eth0 (docker creates the eth0.50 sub-interface). */
export async function swarmLab(seed = 5, options: { macvlan?: boolean } = {}): Promise<Lab> {
  const lab = createLab({ hosts: SWARM_HOSTS, seed, pacing: 'instant' });
  const [host1, ...workers] = SWARM_HOSTS.map((h) => lab.openSession(h));
  await run(host1!, 'docker swarm init --advertise-addr 192.168.1.11');
  const token = (await run(host1!, 'docker swarm join-token -q worker')).trim();
  for (const worker of workers) await run(worker, `docker swarm join --token ${token} 192.168.1.11:2377`);
  await run(host1!, 'docker network create -d overlay --attachable appnet');
  await run(host1!, 'docker service create --name web --replicas 2 --network appnet -p 8080:80 --constraint node.hostname!=host1 nginx');
  if (options.macvlan) {
    await run(host1!, 'docker network create -d macvlan --subnet 192.168.50.0/24 --gateway 192.168.50.1 -o parent=eth0.50 lan50');
  }
  return lab;
}
