/**
 * The multi-host lessons (08-swarm-services, 09-macvlan, 10-ipvlan) tell the learner what each Run block prints. This
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

interface LessonLab {
  /** `lab.world`, or the default LAN with `lab.hosts`. */
  world: WorldSpecInput;
  setup: string[];
}

function lessonBlocks(slug: string): LessonLab & { blocks: Block[] } {
  const src = readFileSync(new URL(`../content/${slug}/lesson.mdx`, import.meta.url), 'utf8');
  const [, front = '', body = ''] = src.split(/^---$/m);
  const lab = (parse(front) as { lab: { world?: WorldSpecInput; hosts?: string[]; setup?: string[] } }).lab;
  const world = lab.world ?? { hosts: lab.hosts ?? ['host1'] };
  const setup = lab.setup ?? [];
  const blocks: Block[] = [];
  const fence = /^```(\S*)([^\n]*)\n([\s\S]*?)^```$/gm;
  for (const m of body.matchAll(fence)) {
    const meta = m[2] ?? '';
    if (m[1] === 'sh' && /(^|\s)run(\s|$)/.test(meta)) blocks.push({ kind: 'run', host: runMetaHost(meta), body: m[3] ?? '' });
    else if (m[1] === 'text') blocks.push({ kind: 'text', host: null, body: m[3] ?? '' });
  }
  return { world, setup, blocks };
}

/**
 * The screen a terminal shows for output that redraws lines in place (docker service create's
 * progress moves the cursor up and down, clears lines, returns to column 0).
 */
function screen(out: string): string {
  const lines: string[] = [''];
  let row = 0;
  let col = 0;
  for (const m of out.matchAll(/\x1b\[(\d*)([ABK])|\r|\n|[^\x1b\r\n]+/g)) {
    const [tok, n, op] = m;
    if (op === 'A') row = Math.max(0, row - Number(n || 1));
    else if (op === 'B') row += Number(n || 1);
    else if (op === 'K') lines[row] = '';
    else if (tok === '\r') col = 0;
    else if (tok === '\n') {
      row++;
      col = 0;
    } else {
      const line = (lines[row] ?? '').padEnd(col);
      lines[row] = line.slice(0, col) + tok + line.slice(col + tok.length);
      col += tok.length;
    }
    while (lines.length <= row) lines.push('');
  }
  return lines.join('\n');
}

/**
 * What differs from one lab to the next: IDs (hex, and swarm's base36 ones), MACs, round-trip
 * times, ephemeral ports, ages, and the column padding that follows from them.
 */
function shape(text: string): string {
  return text
    .replace(/SWMTKN-1-[0-9a-z]{50}-[0-9a-z]{25}/g, 'TOKEN')
    .replace(/\b([0-9a-f]{2}:){5}[0-9a-f]{2}\b/g, 'MAC')
    .replace(/\b[0-9a-f]{64}\b/g, 'ID64')
    .replace(/\b[0-9a-f]{12}\b/g, 'ID12')
    .replace(/\b(?=[a-z]*\d)(?=\d*[a-z])[0-9a-z]{25}\b/g, 'ID25')
    .replace(/\b(?=[a-z]*\d)(?=\d*[a-z])[0-9a-z]{12}\b/g, 'ID12')
    .replace(/time=[\d.]+ ms/g, 'time=T ms')
    // Swarm join tokens and namespace names; swarm IDs are masked above.
    .replace(/\b(1-|lb_)(?=[a-z]*\d)[0-9a-z]{9,10}\b/g, '$1IDNS')
    .replace(/round-trip min\/avg\/max = [\d./]+ ms/g, 'round-trip min/avg/max = T ms')
    // tcpdump: clock, ICMP id, the outer UDP source port (a hash of the inner flow).
    .replace(/^\d\d:\d\d:\d\d\.\d{6} /gm, 'TS ')
    .replace(/ id \d+, seq/g, ' id N, seq')
    .replace(/(\d+\.\d+\.\d+\.\d+)\.\d+ > /g, '$1.PORT > ')
    .replace(/\b((?:\d{1,3}\.){3}\d{1,3}):[1-9]\d{4}\b/g, '$1:EPHEMERAL')
    .replace(/\b(\d+|About an?) (second|minute|hour)s? ago\b/g, 'AGO')
    .replace(/[ \t]+$/gm, '')
    .replace(/ {2,}/g, '  ');
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

/** The lesson's lab with its setup lines run, as the browser starts it. */
async function lessonLab(slug: string): Promise<Replay> {
  const { world, setup } = lessonBlocks(slug);
  const r = new Replay(world);
  for (const step of parseSetupLines(setup, r.lab.hosts)) await r.run(step.host, [step.command]);
  return r;
}

/** After each Run block: what it printed, its first command, and the lab (to check what the prose promises then). */
type AfterRun = (out: string, first: string, r: Replay) => Promise<void>;

async function replayLesson(slug: string, after?: AfterRun): Promise<Replay> {
  const { blocks } = lessonBlocks(slug);
  const r = await lessonLab(slug);
  let last: { out: string; at: number } | null = null;
  for (const [i, b] of blocks.entries()) {
    if (b.kind === 'run') {
      const lines = parseRunCommands(b.body);
      last = { out: await r.run(b.host ?? r.lab.hosts[0]!, lines), at: i };
      await after?.(last.out, lines[0] ?? '', r);
    } else {
      // A text block shows (part of) what the Run block above it printed.
      expect(last, `text block ${i} of ${slug} follows no Run block`).not.toBeNull();
      expect(shape(screen(last!.out)), `text block ${i} of ${slug}`).toContain(shape(b.body).trimEnd());
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

describe('08-swarm-services: every Run block as the lesson tells it', () => {
  it('prints what the text blocks show, and the prose promises hold', async () => {
    const seen = new Set<string>();
    let firstName = '';
    await replayLesson('08-swarm-services', async (out, first, r) => {
      if (first.startsWith('docker ps') && !seen.has('ps')) {
        // §1: a task is a container named service.slot.taskID.
        seen.add('ps');
        expect(out).toMatch(/ web\.2\.[0-9a-z]{25}\n/);
      } else if (first === 'ss -lnt') {
        // §2: dockerd holds the published port on a node without a task (libnetwork ingress port proxy).
        seen.add('ss');
        expect(await r.run('host3', ['ss -lntp'])).toMatch(/\*:8080 +\*:\* +users:\(\("dockerd"/);
      } else if (first.startsWith('docker service create -d --name whoami')) {
        // §3: three different tasks answer, round robin brings the first back.
        seen.add('rr');
        const names = out.split('\n').filter((l) => l.startsWith('Hostname: '));
        expect(new Set(names).size).toBe(3);
        firstName = names[0]!;
        // RemoteAddr (§3) is host2's sandbox on ingress.
        expect(await r.run('host2', ['nsenter --net=/var/run/docker/netns/ingress_sbox ip -4 addr show eth0'])).toContain('inet 10.0.0.3/24 ');
      } else if (first === 'ssh laptop curl -s http://192.168.1.12:8000/') {
        // §3: the fourth request, round robin brings the first task back.
        seen.add('rr4');
        expect(out.split('\n')[0]).toBe(firstName);
      } else if (first.startsWith('docker network create -d overlay --attachable backend')) {
        // §4: the load-balancer endpoint on the overlay.
        seen.add('lb');
        expect(await r.run('host1', ['docker network inspect backend'])).toMatch(/"lb-backend": \{\n\s+"Name": "backend-endpoint",/);
      } else if (first.startsWith('docker service create -d --name api-rr')) {
        // §4: dnsrr cannot publish through the mesh (swarmkit manager/controlapi/service.go).
        seen.add('dnsrr');
        expect(await r.run('host1', ['docker service create -d --name api-rr2 --endpoint-mode dnsrr -p 8081:80 --network backend traefik/whoami'])).toBe(
          "Error response from daemon: rpc error: code = InvalidArgument desc = EndpointSpec: port published with ingress mode can't be used with dnsrr mode\n",
        );
      } else if (first.startsWith('ssh laptop curl -s http://192.168.1.11:9000/')) {
        // §5: only the task's node (host2) answers on 9000; docker-proxy holds it; nginx saw the laptop.
        seen.add('host-mode');
        expect(out).toBe('<title>Welcome to nginx!</title>\n');
        expect(await r.run('host1', ['docker service ps --format "{{.Node}}" edge'])).toBe('host2\n');
        expect(await r.run('host2', ['ss -lntp'])).toMatch(/0\.0\.0\.0:9000 +0\.0\.0\.0:\* +users:\(\("docker-proxy"/);
        expect(await r.run('host1', ['docker service logs edge'])).toContain('192.168.1.100 - -');
      } else if (first.startsWith('docker node update --availability drain')) {
        // §6: six tasks still run, none on host3.
        seen.add('drain');
        const running = (await r.run('host1', ['docker service ps -f desired-state=running --format "{{.Node}}" whoami'])).trim().split('\n');
        expect(running).toHaveLength(6);
        expect(running).not.toContain('host3');
      }
    });
    expect([...seen].sort()).toEqual(['dnsrr', 'drain', 'host-mode', 'lb', 'ps', 'rr', 'rr4', 'ss']);
  });

  it('Try this: a removed task is replaced, ingress-sbox is ingress-endpoint, no publish means bridge, no scale for global', async () => {
    const r = await lessonLab('08-swarm-services');
    await r.run('host1', ['docker service create -d --name web --replicas 3 nginx', 'sleep 2']);
    const name = (await r.run('host2', ['docker ps --format "{{.Names}}"'])).trim();
    await r.run('host2', [`docker rm -f ${name}`, 'sleep 10']);
    const ps = await r.run('host1', ['docker service ps web']);
    expect(ps.split('\n').filter((l) => / Running +Running /.test(l))).toHaveLength(3);
    expect(ps).toMatch(/ \\_ web\.\d .* (Failed|Shutdown) /);
    expect(await r.run('host1', ['docker network inspect -f "{{json .Containers}}" ingress'])).toContain('"ingress-sbox":{"Name":"ingress-endpoint"');
    // Try this 3: without a publish or a network, a task is on the node's bridge (daemon/cluster/executor/container/container.go).
    expect(await r.run('host1', ['docker inspect -f "{{json .NetworkSettings.Networks}}" $(docker ps -q)'])).toMatch(/^\{"bridge":/);
    await r.run('host1', ['docker service create -d --name g --mode global nginx']);
    expect(await r.run('host1', ['docker service scale g=2'])).toBe('g: scale can only be used with replicated or replicated-job mode\n');
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
