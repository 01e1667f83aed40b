/**
 * The LAN-driver lessons (09-macvlan, 10-ipvlan) tell the learner what each Run block prints. This
 * replays every Run block in the lesson's own world, on the host its fence names, and holds each
 * ```text block to what the block just above it really printed (IDs, MACs and timings, which
 * differ from lab to lab, compared as shapes). It also runs the commands the prose only mentions
 * ("try `ping` in host2's tab", Try this) and checks the outcome the prose promises.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { createLab, type Lab, type Session, type WorldSpecInput } from '../engine/index';
import { parseRunCommands } from '../lib/content/run-commands';
import { runMetaHost } from '../lib/content/run-blocks';

interface Block {
  kind: 'run' | 'text';
  host: string | null;
  body: string;
}

function lessonBlocks(slug: string): { world: WorldSpecInput; blocks: Block[] } {
  const src = readFileSync(new URL(`../content/${slug}/lesson.mdx`, import.meta.url), 'utf8');
  const [, front = '', body = ''] = src.split(/^---$/m);
  const lab = (parse(front) as { lab: { world?: WorldSpecInput; hosts?: string[] } }).lab;
  // A lesson on the default LAN names only its hosts (07-overlay-networks).
  const world: WorldSpecInput = lab.world ?? { hosts: lab.hosts ?? ['host1'] };
  const blocks: Block[] = [];
  const fence = /^```(\S*)([^\n]*)\n([\s\S]*?)^```$/gm;
  for (const m of body.matchAll(fence)) {
    const meta = m[2] ?? '';
    if (m[1] === 'sh' && /(^|\s)run(\s|$)/.test(meta)) blocks.push({ kind: 'run', host: runMetaHost(meta), body: m[3] ?? '' });
    else if (m[1] === 'text') blocks.push({ kind: 'text', host: null, body: m[3] ?? '' });
  }
  return { world, blocks };
}

/** What differs from one lab to the next: IDs, MACs, round-trip times. */
function shape(text: string): string {
  return text
    .replace(/\b([0-9a-f]{2}:){5}[0-9a-f]{2}\b/g, 'MAC')
    .replace(/\b[0-9a-f]{64}\b/g, 'ID64')
    .replace(/\b[0-9a-f]{12}\b/g, 'ID12')
    .replace(/time=[\d.]+ ms/g, 'time=T ms')
    // Swarm join tokens and IDs (25 base36), swarm network IDs cut to 12 (at least one digit, so words stay).
    .replace(/SWMTKN-1-[0-9a-z]{50}-[0-9a-z]{25}/g, 'TOKEN')
    .replace(/\b(?=[a-z]*\d)[0-9a-z]{25}\b/g, 'ID25')
    .replace(/\b(?=[a-z]*\d)[0-9a-z]{12}\b/g, 'ID12')
    .replace(/\b(1-|lb_)(?=[a-z]*\d)[0-9a-z]{9,10}\b/g, '$1IDNS')
    .replace(/round-trip min\/avg\/max = [\d./]+ ms/g, 'round-trip min/avg/max = T ms')
    // tcpdump: clock, ICMP id, the outer UDP source port (a hash of the inner flow).
    .replace(/^\d\d:\d\d:\d\d\.\d{6} /gm, 'TS ')
    .replace(/ id \d+, seq/g, ' id N, seq')
    .replace(/(\d+\.\d+\.\d+\.\d+)\.\d+ > /g, '$1.PORT > ')
    .replace(/[ \t]+$/gm, '');
}

class Replay {
  readonly lab: Lab;
  private readonly sessions = new Map<string, Session>();
  constructor(world: WorldSpecInput) {
    this.lab = createLab({ world, seed: 7 });
  }
  session(host: string): Session {
    let s = this.sessions.get(host);
    if (!s) this.sessions.set(host, (s = this.lab.openSession(host)));
    return s;
  }
  /** Runs the lines on a host's tab; returns everything the tab showed after the prompts. */
  async run(host: string, lines: string[]): Promise<string> {
    let out = '';
    for (const line of lines) await this.session(host).run(line, { onOutput: (c) => (out += c) });
    return out;
  }
}

async function replayLesson(slug: string): Promise<Replay> {
  const { world, blocks } = lessonBlocks(slug);
  const r = new Replay(world);
  let last: { out: string; at: number } | null = null;
  for (const [i, b] of blocks.entries()) {
    if (b.kind === 'run') {
      last = { out: await r.run(b.host ?? r.lab.hosts[0]!, parseRunCommands(b.body)), at: i };
    } else {
      // A text block shows (part of) what the Run block above it printed.
      expect(last, `text block ${i} of ${slug} follows no Run block`).not.toBeNull();
      expect(shape(last!.out), `text block ${i} of ${slug}`).toContain(shape(b.body).trimEnd());
    }
  }
  return r;
}

describe('09-macvlan: every Run block as the lesson tells it', () => {
  it('prints what the text blocks show, and the prose promises hold', async () => {
    const r = await replayLesson('09-macvlan');
    // §3: host2 sees the printer as a machine of the LAN.
    expect(await r.run('host2', ['ping -c 2 192.168.1.200'])).toContain('2 received, 0% packet loss');
    // §4: after the shim, the two paths of `ip route get`, and the containers reach the shim.
    expect(await r.run('host1', ['ip route get 192.168.1.200'])).toContain('192.168.1.200 dev mac0 src 192.168.1.250');
    expect(await r.run('host1', ['ip route get 192.168.1.100'])).toContain('192.168.1.100 dev eth0 src 192.168.1.11');
    expect(await r.run('host1', ['docker exec lan1 ping -c 2 192.168.1.250'])).toContain('0% packet loss');
    // §7: after promisc on, web3 answers the laptop.
    expect(await r.run('host1', ['ssh laptop ping -c 2 192.168.1.233'])).toContain('2 received, 0% packet loss');
    // Try this 1 (libnetwork/drivers/macvlan/macvlan_setup.go).
    expect(await r.run('host1', ['docker network create -d macvlan -o parent=eth9 x9'])).toBe(
      'Error response from daemon: invalid subinterface vlan name eth9, example formatting is eth0.10\n',
    );
    expect(await r.run('host1', ['docker network create -d macvlan -o parent=eth9.10 x9'])).toBe(
      'Error response from daemon: -o parent interface was not found on the host: eth9\n',
    );
    // Try this 3: private children on VLAN 10 do not reach each other.
    const priv = await r.run('host1', [
      'docker network create -d macvlan -o macvlan_mode=private -o parent=eth0.10 --subnet 192.168.10.0/24 priv',
      'docker run -dit --name p1 --network priv alpine',
      'docker run -dit --name p2 --network priv alpine',
      'docker exec p1 ping -c 2 192.168.10.3',
    ]);
    expect(priv).toContain('2 packets transmitted, 0 packets received, 100% packet loss');
    // Try this 4: eth0.20 stays while cams still uses it.
    await r.run('host2', ['docker network create -d macvlan --internal --subnet 192.168.21.0/24 -o parent=eth0.20 cams2', 'docker network rm cams2']);
    expect(await r.run('host2', ['ip link show eth0.20'])).toMatch(/^\d+: eth0\.20@eth0: /);
  });
});

describe('10-ipvlan: every Run block as the lesson tells it', () => {
  it('prints what the text blocks show, and the prose promises hold', async () => {
    const r = await replayLesson('10-ipvlan');
    // Try this 1: the router is a hop, host2 is not (an l3 parent delivers without forwarding).
    const hops = await r.run('host1', ['docker exec tools1 traceroute -n 10.50.2.20']);
    expect(hops).toMatch(/\n 1 {2}192\.168\.1\.1 .*\n 2 {2}10\.50\.2\.20 /);
    expect(await r.run('host1', ['ssh router traceroute -n 10.50.2.20'])).toMatch(/\n 1 {2}10\.50\.2\.20 [^\n]*\n$/);
    // Try this 2 (libnetwork/drivers/ipvlan/ipvlan_network.go).
    expect(await r.run('host1', ['docker network create -d ipvlan -o parent=eth0.30 -o ipvlan_mode=l4 --subnet 10.70.0.0/24 bad'])).toBe(
      "Error response from daemon: requested ipvlan mode 'l4' is not valid, 'l2' mode is the ipvlan driver default\n",
    );
    // Try this 3: without the route back to host1, the answer is lost.
    await r.run('host1', ['ssh router ip route del 10.50.1.0/24']);
    expect(await r.run('host1', ['docker exec tools1 ping -c 2 10.50.2.20'])).toContain('100% packet loss');
  });

  it('L2: the host cannot reach its own child, host2 can, and sees host1\'s MAC for it', async () => {
    const { world } = lessonBlocks('10-ipvlan');
    const r = new Replay(world);
    await r.run('host1', [
      'docker network create -d ipvlan --subnet 192.168.1.0/24 --gateway 192.168.1.1 --ip-range 192.168.1.192/27 -o parent=eth0 flat',
      'docker run -d --name kiosk --network flat --ip 192.168.1.201 nginx',
    ]);
    expect(await r.run('host1', ['ping -c 2 192.168.1.201'])).toContain('100% packet loss');
    expect(await r.run('host2', ['ping -c 2 192.168.1.201'])).toContain('0% packet loss');
    const mac = /link\/ether (\S+)/.exec(await r.run('host1', ['ip link show eth0']))![1]!;
    expect(await r.run('host2', ['ip neigh'])).toContain(`192.168.1.201 dev eth0 lladdr ${mac} REACHABLE`);
  });
});

describe('07-overlay-networks: every Run block as the lesson tells it', () => {
  it('prints what the text blocks show, and the prose promises hold', async () => {
    const r = await replayLesson('07-overlay-networks');
    // §10: host2 left; host1 shows it Down and refuses to leave without --force.
    const after = await r.run('host1', ['docker node ls', 'docker swarm leave']);
    expect(after).toMatch(/host2 +Down +Active/);
    expect(after).toContain('You are attempting to leave the swarm on a node that is participating as a manager. Removing the last manager erases all current state of the swarm. Use `--force` to ignore this message.');
    // Try this 2: two containers on host1 talk through br0 alone; vxlan0 carries none of the echoes.
    const tx = async () => {
      const out = await r.run('host1', ["nsenter --net=/var/run/docker/netns/1-$(docker network inspect -f '{{slice .Id 0 10}}' test-net) ip -s link show vxlan0"]);
      return Number(/TX: [^\n]*\n\s+\d+\s+(\d+)/.exec(out)![1]);
    };
    const before = await tx();
    expect(await r.run('host1', ['docker run -dit --name alpine3 --network test-net alpine', 'docker exec alpine3 ping -c 3 alpine1'])).toContain('3 packets transmitted, 3 packets received');
    expect((await tx()) - before).toBeLessThan(3);
  });

  it('before any container, the worker has no test-net; with one, Peers lists both nodes', async () => {
    const r = new Replay({ hosts: ['host1', 'host2'] });
    await r.run('host1', ['docker swarm init --advertise-addr 192.168.1.11', 'docker network create -d overlay --attachable test-net']);
    await r.run('host2', ['docker swarm join --token $(ssh host1 docker swarm join-token -q worker) 192.168.1.11:2377']);
    expect(await r.run('host2', ['docker network ls'])).not.toContain('test-net');
    await r.run('host1', ['docker run -dit --name alpine1 --network test-net alpine']);
    await r.run('host2', ['docker run -dit --name alpine2 --network test-net alpine']);
    // §1: only managers show the cluster.
    expect(await r.run('host2', ['docker node ls'])).toContain("Error response from daemon: This node is not a swarm manager. Worker nodes can't be used to view or modify cluster state.");
    // §7: with the DROP on host2, names resolve, both nodes stay Ready, every ping is lost.
    await r.run('host2', ['iptables -I INPUT -p udp --dport 4789 -j DROP']);
    const lost = await r.run('host1', ['docker node ls', 'docker exec alpine1 ping -c 2 alpine2', 'docker run --rm --network test-net alpine ping -c 2 alpine2']);
    expect(lost).not.toContain('Down');
    expect(lost).toMatch(/PING alpine2 \(10\.0\.1\.\d+\)/);
    expect(lost).toContain('2 packets transmitted, 0 packets received, 100% packet loss');
    await r.run('host2', ['iptables -D INPUT -p udp --dport 4789 -j DROP']);
    const peers = JSON.parse(await r.run('host1', ["docker network inspect -f '{{json .Peers}}' test-net"])) as { Name: string; IP: string }[];
    expect(peers.map((p) => p.IP).sort()).toEqual(['192.168.1.11', '192.168.1.12']);
    // §9: with a peer on host2, an encrypted overlay shows ESP and no VXLAN.
    await r.run('host1', ['docker network create -d overlay --attachable --opt encrypted secret-net', 'docker run -dit --name s1 --network secret-net alpine']);
    await r.run('host2', ['docker run -dit --name s2 --network secret-net alpine']);
    const esp = await r.run('host1', ['docker exec -d s1 ping -c 5 s2', 'tcpdump -n -i eth0 -c 2 esp']);
    expect(esp).toMatch(/IP 192\.168\.1\.11 > 192\.168\.1\.12: ESP\(spi=0x[0-9a-f]+,seq=0x[0-9a-f]+\)/);
  });
});
