/**
 * Each macvlan mode's reachability matrix (`-o macvlan_mode=`, moby@v28.5.2
 * libnetwork/drivers/macvlan/macvlan_setup.go setMacVlanMode; the kernel's drivers/net/macvlan.c):
 * two containers on host1, host1 itself, host2 and the laptop, on a switch that does or does not
 * hairpin (the WorldSpec segment's `hairpin`, a VEPA-capable "reflective relay").
 */
import { describe, expect, it } from 'vitest';
import { createLab } from '../index';
import { Term } from './helpers';

type Who = 'c1' | 'c2' | 'host1' | 'host2' | 'laptop';
const ADDR: Record<Who, string> = { c1: '192.168.1.201', c2: '192.168.1.202', host1: '192.168.1.11', host2: '192.168.1.12', laptop: '192.168.1.100' };

async function matrix(mode: string, hairpin: boolean, pairs: [Who, Who][]): Promise<string[]> {
  const lab = createLab({ seed: 3, world: { hosts: ['host1', 'host2'], segments: [{ name: 'lan', subnet: '192.168.1.0/24', hairpin }] } });
  const h1 = new Term(lab, lab.openSession('host1'));
  await h1.setup(
    `docker network create -d macvlan --subnet 192.168.1.0/24 --gateway 192.168.1.1 -o parent=eth0 -o macvlan_mode=${mode} lan`,
    'docker run -dit --name c1 --network lan --ip 192.168.1.201 alpine',
    'docker run -dit --name c2 --network lan --ip 192.168.1.202 alpine',
  );
  const out: string[] = [];
  for (const [from, to] of pairs) {
    const cmd = from === 'c1' || from === 'c2' ? `docker exec ${from} ping -c 1 -W 1 ${ADDR[to]}` : from === 'host1' ? `ping -c 1 -W 1 ${ADDR[to]}` : `ssh ${from} ping -c 1 -W 1 ${ADDR[to]}`;
    const r = await h1.run(cmd);
    out.push(`${from}->${to} ${/\b1 (packets )?received/.test(r.out) ? 'yes' : 'no'}`);
  }
  return out;
}

const PAIRS: [Who, Who][] = [
  ['c1', 'c2'],
  ['c1', 'laptop'],
  ['laptop', 'c2'],
  ['host2', 'c1'],
  ['host1', 'c1'],
  ['c2', 'host1'],
];

describe('macvlan modes: who reaches whom', () => {
  it('bridge (the default): children talk inside the kernel; the LAN reaches them; their host does not', async () => {
    expect(await matrix('bridge', false, PAIRS)).toEqual(['c1->c2 yes', 'c1->laptop yes', 'laptop->c2 yes', 'host2->c1 yes', 'host1->c1 no', 'c2->host1 no']);
  });

  it('private: children never talk to each other, even through a hairpinning switch', async () => {
    for (const hairpin of [false, true]) {
      expect((await matrix('private', hairpin, PAIRS.slice(0, 4))).join(', '), `hairpin ${hairpin}`).toBe('c1->c2 no, c1->laptop yes, laptop->c2 yes, host2->c1 yes');
    }
  });

  it('vepa: children talk only through a switch that sends frames back out of their port', async () => {
    expect(await matrix('vepa', false, PAIRS.slice(0, 3))).toEqual(['c1->c2 no', 'c1->laptop yes', 'laptop->c2 yes']);
    expect(await matrix('vepa', true, PAIRS.slice(0, 3))).toEqual(['c1->c2 yes', 'c1->laptop yes', 'laptop->c2 yes']);
  });

  it('a hairpinning switch also reflects the host\'s own frames back to its children (macvlan_handle_frame takes any frame for a child MAC)', async () => {
    expect(await matrix('bridge', true, [['host1', 'c1'], ['c1', 'host1']])).toEqual(['host1->c1 yes', 'c1->host1 yes']);
  });

  it('passthru: one child owns the parent; a second container cannot join, and the host loses eth0 to it', async () => {
    const lab = createLab({ seed: 3, world: { hosts: ['host1', 'host2'] } });
    const h1 = new Term(lab, lab.openSession('host1'));
    await h1.setup('docker network create -d macvlan --subnet 192.168.1.0/24 --gateway 192.168.1.1 -o parent=eth0 -o macvlan_mode=passthru lan', 'docker run -dit --name c1 --network lan --ip 192.168.1.201 alpine');
    expect((await h1.run('ip -d link show eth0')).out).toContain(' promiscuity 1 ');
    const second = await h1.run('docker run -dit --name c2 --network lan --ip 192.168.1.202 alpine');
    expect(second.code).toBe(125);
    expect(second.err).toBe("docker: Error response from daemon: failed to set up container networking: failed to create the macvlan port: invalid argument\n\nRun 'docker run --help' for more information\n");
    const laptop = new Term(lab, lab.openSession('laptop'));
    expect((await laptop.run('ping -c 1 -W 1 192.168.1.201')).out).toContain('1 received');
    // Every frame arriving on eth0 is the child's now, answers to host1 included.
    expect((await h1.run('ping -c 1 -W 1 192.168.1.100')).out).toContain('0 received');
    await h1.setup('docker rm -f c1');
    expect((await h1.run('ping -c 1 -W 1 192.168.1.100')).out).toContain('1 received');
  });
});
