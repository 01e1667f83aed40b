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
import { parseSetupLines } from '../lib/content/lab-setup';

interface Block {
  kind: 'run' | 'text';
  host: string | null;
  body: string;
}

/** A lesson's lab: a whole `world`, or `hosts` on the default LAN; `setup` runs before the blocks. */
interface LessonLab {
  world?: WorldSpecInput;
  hosts?: string[];
  setup?: string[];
}

function lessonBlocks(slug: string): { world: LessonLab; blocks: Block[] } {
  const src = readFileSync(new URL(`../content/${slug}/lesson.mdx`, import.meta.url), 'utf8');
  const [, front = '', body = ''] = src.split(/^---$/m);
  const world = (parse(front) as { lab: LessonLab }).lab;
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
    .replace(/[ \t]+$/gm, '');
}

class Replay {
  readonly lab: Lab;
  private readonly sessions = new Map<string, Session>();
  constructor(spec: LessonLab) {
    this.lab = createLab(spec.world ? { world: spec.world, seed: 7 } : { hosts: spec.hosts ?? ['host1'], seed: 7 });
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
  for (const step of parseSetupLines(world.setup ?? [], r.lab.hosts)) {
    expect(await r.run(step.host, [step.command]), `setup ${step.command}`).not.toMatch(/Error|error:/);
  }
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

describe('11-choosing-a-driver: every Run block as the lesson tells it', () => {
  it('prints what the text blocks show, and the Try this promises hold', async () => {
    const r = await replayLesson('11-choosing-a-driver');
    // §3: the overlays' VXLAN ids.
    expect(await r.run('host1', ["docker network inspect -f '{{json .Options}}' app data"])).toBe(
      '{"com.docker.network.driver.overlay.vxlanid_list":"4097"}\n{"com.docker.network.driver.overlay.vxlanid_list":"4098"}\n',
    );
    // Try this 1: with a shim on host3, host3's web task reaches legacy.
    await r.run('host3', [
      'ip link add mac0 link eth0 type macvlan mode bridge',
      'ip addr add 192.168.1.250/32 dev mac0',
      'ip link set mac0 up',
      'ip route add 192.168.1.200/29 dev mac0',
    ]);
    expect(await r.run('host3', ['docker exec $W3 curl -sS -m 3 http://192.168.1.200/ | grep title'])).toBe('<title>Welcome to nginx!</title>\n');
    // Try this 2: host2 drained, its address still answers through the mesh.
    await r.run('host1', ['docker node update --availability drain host2']);
    expect(await r.run('host1', ["docker service ps -f desired-state=running --format '{{.Node}}' web"])).not.toContain('host2');
    expect(await r.run('host1', ['ssh laptop curl -s http://192.168.1.12:8080/ | grep title'])).toBe('<title>Welcome to nginx!</title>\n');
    // Try this 3: host mode keeps the laptop's address.
    await r.run('host1', ['docker service update -d --publish-add published=8081,target=80,mode=host api']);
    const nodes = await r.run('host1', ["docker service ps -f desired-state=running --format '{{.Node}}' api"]);
    const node = nodes.trim().split('\n')[0]!;
    const ip = `192.168.1.1${node.slice(-1)}`;
    expect(await r.run('host1', [`ssh laptop curl -s http://${ip}:8081/ | grep RemoteAddr`])).toMatch(/^RemoteAddr: 192\.168\.1\.100:\d+\n$/);
  });
});
