/**
 * Docker's overlay networking tutorial (docs: content/manuals/engine/network/tutorials/overlay.md),
 * replayed through terminals on a multi-host lab, with the outputs of
 * /work/shared/reference/docker-multihost.md §2, §3 and §5.1 (moby v28.5.2). The swarm itself is
 * made through the Engine API (swarm-helpers.ts): the `docker swarm init/join` verbs are another
 * branch's; every step after it is typed as a learner types it.
 */
import { describe, expect, it } from 'vitest';
import { lines } from './helpers';
import { swarmLab } from './swarm-helpers';

const cells = (out: string) => lines(out).map((l) => l.trim().split(/\s{2,}/));
const names = (out: string) => cells(out).slice(1).map((r) => `${r[1]} ${r[2]} ${r[3]}`);

describe('A. services on the default overlay (manager, worker-1, worker-2)', () => {
  it('creates nginx-net, runs 5 replicas, moves them to nginx-net-2, cleans up', async () => {
    const s = swarmLab(['manager', 'worker-1', 'worker-2']);
    const [m, w1, w2] = ['manager', 'worker-1', 'worker-2'].map((h) => s.term(h)) as [ReturnType<typeof s.term>, ReturnType<typeof s.term>, ReturnType<typeof s.term>];

    // Step 4: every node has docker_gwbridge and ingress (libnetwork default_gateway_linux.go).
    for (const t of [m, w1, w2]) {
      expect(names((await t.run('docker network ls')).out)).toEqual([
        'bridge bridge local',
        'docker_gwbridge bridge local',
        'host host local',
        'ingress overlay swarm',
        'none null local',
      ]);
    }
    // Step 5: on the manager only (daemon/network.go: driver overlay && !IsManager()).
    const netId = lines((await m.run('docker network create -d overlay nginx-net')).out)[0]!;
    expect(netId).toMatch(/^[0-9a-z]{25}$/);
    const onWorker = await w1.run('docker network create -d overlay nope');
    expect(onWorker.err).toBe(
      'Error response from daemon: This node is not a swarm manager. Use "docker swarm init" or "docker swarm join" to connect this node to swarm and try again.\n',
    );
    // A manager sees it at once, allocated, before any task: 10.0.1.0/24, VNI 4097, Containers null.
    const cluster = JSON.parse((await m.run('docker network inspect nginx-net')).out)[0];
    expect(cluster.IPAM).toEqual({ Driver: 'default', Options: null, Config: [{ Subnet: '10.0.1.0/24', Gateway: '10.0.1.1' }] });
    expect(cluster.Containers).toBeNull();
    expect(cluster.Options).toEqual({ 'com.docker.network.driver.overlay.vxlanid_list': '4097' });
    expect(cluster).not.toHaveProperty('Peers');
    expect((await m.run('docker network inspect nginx-net -f "{{json .Peers}}"')).out).toBe('null\n');
    // A worker has no copy yet (§2.6).
    expect(names((await w1.run('docker network ls')).out)).not.toContain('nginx-net overlay swarm');

    // Step 6-7.
    const create = await m.run('docker service create --name my-nginx --publish target=80,published=80 --replicas=5 --network nginx-net nginx');
    expect(create.code).toBe(0);
    expect(create.out).toMatch(/verify: Service [0-9a-z]{25} converged/);
    expect(cells((await m.run('docker service ls')).out)[1]!.slice(1)).toEqual(['my-nginx', 'replicated', '5/5', 'nginx:latest', '*:80->80/tcp']);

    // Step 8: each node's copy holds its local tasks and its lb-nginx-net, and the Peers that have it.
    const peersSeen = new Set<string>();
    for (const t of [m, w1, w2]) {
      const net = JSON.parse((await t.run('docker network inspect nginx-net')).out)[0];
      const entries = Object.entries(net.Containers as Record<string, { Name: string; IPv4Address: string; MacAddress: string }>);
      const tasks = entries.filter(([, c]) => c.Name.startsWith('my-nginx.'));
      expect(tasks.length).toBeGreaterThan(0);
      expect(net.Containers['lb-nginx-net'].Name).toBe('nginx-net-endpoint');
      for (const [, c] of entries) {
        expect(c.IPv4Address).toMatch(/^10\.0\.1\.\d+\/24$/);
        // Overlay MACs are 02:42 and the address (drivers/overlay/ov_endpoint.go).
        const ip = c.IPv4Address.split('/')[0]!.split('.').map((b) => Number(b).toString(16).padStart(2, '0'));
        expect(c.MacAddress).toBe(`02:42:${ip.join(':')}`);
      }
      expect(net.Peers.map((p: { IP: string }) => p.IP).sort()).toEqual(['192.168.1.11', '192.168.1.12', '192.168.1.13']);
      for (const p of net.Peers as { Name: string }[]) {
        expect(p.Name).toMatch(/^[0-9a-f]{12}$/);
        peersSeen.add(p.Name);
      }
    }
    expect(peersSeen.size).toBe(3);

    // Step 9: a VIP on ingress and one on nginx-net.
    const svc = JSON.parse((await m.run('docker service inspect my-nginx')).out)[0];
    const vips = svc.Endpoint.VirtualIPs as { NetworkID: string; Addr: string }[];
    expect(vips.map((v) => v.Addr.replace(/\.\d+\//, '.x/'))).toEqual(['10.0.0.x/24', '10.0.1.x/24']);
    expect(vips[1]!.NetworkID).toBe(netId);

    // The published port answers on every node.
    for (const t of [m, w1, w2]) expect((await t.run('curl -s localhost:80')).out).toContain('<title>Welcome to nginx!</title>');

    // Step 10-11: nginx-net-2 is the next subnet and VNI; the tasks move over, one at a time.
    await m.setup('docker network create -d overlay nginx-net-2');
    const up = await m.run('docker service update --network-add nginx-net-2 --network-rm nginx-net my-nginx');
    expect(up.out).toMatch(/^my-nginx\n/);
    expect(up.out).toMatch(/verify: Service my-nginx converged/);
    expect(cells((await m.run('docker service ls')).out)[1]![3]).toBe('5/5');
    const net2 = JSON.parse((await w1.run('docker network inspect nginx-net-2')).out)[0];
    expect(net2.IPAM.Config).toEqual([{ Subnet: '10.0.2.0/24', Gateway: '10.0.2.1' }]);
    expect(net2.Options['com.docker.network.driver.overlay.vxlanid_list']).toBe('4098');
    // No task uses nginx-net any more: the workers drop their copy, the manager keeps the cluster's view.
    const gone = await w1.run('docker network inspect nginx-net');
    expect([gone.out, gone.err, gone.code]).toEqual(['[]\n', 'Error response from daemon: network nginx-net not found\n', 1]);
    expect(JSON.parse((await m.run('docker network inspect nginx-net')).out)[0].Containers).toBeNull();

    // Step 12.
    expect((await m.run('docker service rm my-nginx')).out).toBe('my-nginx\n');
    expect((await m.run('docker network rm nginx-net nginx-net-2')).out).toBe('nginx-net\nnginx-net-2\n');
    for (const t of [m, w1, w2]) {
      expect(names((await t.run('docker network ls')).out)).toEqual([
        'bridge bridge local',
        'docker_gwbridge bridge local',
        'host host local',
        'ingress overlay swarm',
        'none null local',
      ]);
      expect(lines((await t.run('docker ps -aq')).out)).toEqual([]);
    }
  });
});

describe('B. a user-defined overlay', () => {
  it('my-overlay holds the task; port 8080 answers on every node, also one without a task', async () => {
    const s = swarmLab(['host1', 'host2', 'host3']);
    const t1 = s.term('host1');
    await t1.setup('docker network create -d overlay my-overlay');
    await t1.setup('docker service create --name my-nginx --network my-overlay --replicas 1 --publish published=8080,target=80 nginx:latest');
    const net = JSON.parse((await t1.run('docker network inspect my-overlay')).out)[0];
    const names = Object.values(net.Containers as Record<string, { Name: string }>).map((c) => c.Name);
    expect(names).toContainEqual(expect.stringMatching(/^my-nginx\.1\.[0-9a-z]{25}$/));
    // Single task, user overlay (§3.3): gateway .1, VIP .2, the task .3, the node's lb-my-overlay .4.
    expect(net.Containers['lb-my-overlay'].IPv4Address).toBe('10.0.1.4/24');
    const task = Object.values(net.Containers as Record<string, { Name: string; IPv4Address: string }>).find((c) => c.Name.startsWith('my-nginx.1.'))!;
    expect(task.IPv4Address).toBe('10.0.1.3/24');
    // Two nodes have no task: the mesh still answers there (ingress-sbox forwards over VXLAN 4096).
    for (const h of ['host1', 'host2', 'host3']) {
      const r = await s.term(h).run('curl -s -o /dev/null -w "%{http_code}\\n" localhost:8080');
      expect(r.out, h).toBe('200\n');
    }
    const fromLaptop = await s.term('host2').run('curl -s 192.168.1.13:8080');
    expect(fromLaptop.out).toContain('Welcome to nginx!');
    expect((await t1.run('docker service rm my-nginx')).out).toBe('my-nginx\n');
    expect((await t1.run('docker network rm my-overlay')).out).toBe('my-overlay\n');
  });
});

describe('C. standalone containers on an attachable overlay (host1 manager, host2 worker)', () => {
  it('test-net appears on host2 with alpine2, alpine1 pings it by name, and it goes away with it', async () => {
    const s = swarmLab(['host1', 'host2']);
    const h1 = s.term('host1');
    const h2 = s.term('host2');
    const id = lines((await h1.run('docker network create --driver=overlay --attachable test-net')).out)[0]!;
    expect(id).toMatch(/^[0-9a-z]{25}$/);
    // Step 3: the learner's own shell in alpine1 (docker run -it pushes the context).
    const a1 = await h1.run('docker run -it --name alpine1 --network test-net alpine');
    expect(a1.code).toBe(0);
    expect(h1.prompt()).toBe('/ # ');
    // Step 4-5.
    expect(names((await h2.run('docker network ls')).out)).not.toContain('test-net overlay swarm');
    const run2 = await h2.run('docker run -dit --name alpine2 --network test-net alpine');
    expect(lines(run2.out).pop()).toMatch(/^[0-9a-f]{64}$/);
    const ls2 = cells((await h2.run('docker network ls')).out).find((r) => r[1] === 'test-net');
    expect(ls2).toEqual([id.slice(0, 12), 'test-net', 'overlay', 'swarm']);
    // Step 6: on Docker 28 the address is in 10.0.1.0/24 (§5.1 6).
    const ping = await h1.run('ping -c 2 alpine2');
    const out = lines(ping.out);
    expect(out[0]).toMatch(/^PING alpine2 \(10\.0\.1\.\d+\): 56 data bytes$/);
    expect(out.filter((l) => /^64 bytes from 10\.0\.1\.\d+: seq=\d ttl=64 time=/.test(l))).toHaveLength(2);
    expect(out).toContain('2 packets transmitted, 2 packets received, 0% packet loss');
    // eth0 on the overlay at MTU 1450, eth1 on docker_gwbridge, default route there (§2.8).
    const link = await h1.run('ip -o link show');
    expect(link.out).toMatch(/eth0@if\d+: <[^>]+> mtu 1450 /);
    expect(link.out).toMatch(/eth1@if\d+: <[^>]+> mtu 1500 /);
    expect((await h1.run('ip route')).out).toMatch(/^default via 172\.18\.0\.1 dev eth1/);
    // Step 7: a third container finds alpine1 by name.
    const a3 = await h2.run('docker run --rm --name alpine3 --network test-net alpine ping -c 2 alpine1');
    expect(a3.out).toContain('2 packets transmitted, 2 packets received, 0% packet loss');
    // Step 8.
    await h2.setup('docker container stop alpine2');
    expect(names((await h2.run('docker network ls')).out)).not.toContain('test-net overlay swarm');
    expect((await h2.run('docker container rm alpine2')).out).toBe('alpine2\n');
    await h1.run('exit');
    expect((await h1.run('docker container rm alpine1')).out).toBe('alpine1\n');
    expect((await h1.run('docker network rm test-net')).out).toBe('test-net\n');
  });

  it('a non-attachable overlay: the container is created, the start fails with swarmkit\'s text (resourceapi/allocator.go)', async () => {
    const s = swarmLab(['host1', 'host2']);
    const h2 = s.term('host2');
    await s.term('host1').setup('docker network create -d overlay my-overlay');
    await h2.setup('docker pull -q alpine');
    const r = await h2.run('docker run -d --name c1 --network my-overlay alpine sleep 100');
    expect(r.code).toBe(125);
    expect(lines(r.out).pop()).toMatch(/^[0-9a-f]{64}$/);
    expect(r.err).toBe(
      'docker: Error response from daemon: failed to set up container networking: Could not attach to network my-overlay: rpc error: code = PermissionDenied desc = network my-overlay not manually attachable\n\nRun \'docker run --help\' for more information\n',
    );
    expect((await h2.run('docker ps -a --format "{{.Names}} {{.State}}"')).out).toBe('c1 created\n');
  });

  it('network connect on a worker attaches a running container to an attachable overlay the node has no copy of yet (daemon/container_operations.go findAndAttachNetwork)', async () => {
    const s = swarmLab(['host1', 'host2']);
    const [h1, h2] = [s.term('host1'), s.term('host2')];
    await h1.setup('docker network create -d overlay --attachable app-net');
    await h1.setup('docker network create -d overlay closed-net');
    await h1.setup('docker run -dit --name client --network app-net alpine');
    await h2.setup('docker run -dit --name api alpine');
    expect(names((await h2.run('docker network ls')).out)).not.toContain('app-net overlay swarm');
    const r = await h2.run('docker network connect app-net api');
    expect([r.code, r.out, r.err]).toEqual([0, '', '']);
    expect(names((await h2.run('docker network ls')).out)).toContain('app-net overlay swarm');
    expect((await h2.run('docker exec api ping -c 2 client')).out).toContain('2 packets transmitted, 2 packets received, 0% packet loss');
    // A non-attachable overlay: the message without the start prefix (reference §2.7).
    const closed = await h2.run('docker network connect closed-net api');
    expect([closed.code, closed.err]).toEqual([1, 'Error response from daemon: Could not attach to network closed-net: rpc error: code = PermissionDenied desc = network closed-net not manually attachable\n']);
    // A name that no node knows stays a local lookup error.
    expect((await h2.run('docker network connect nosuch api')).err).toBe('Error response from daemon: network nosuch not found\n');
  });
});

describe('D. container-to-host traffic', () => {
  it('leaves through eth1 and docker_gwbridge, masqueraded as the node', async () => {
    const s = swarmLab(['host1', 'host2']);
    const h1 = s.term('host1');
    await h1.setup('docker network create -d overlay --attachable app');
    await h1.setup('docker run -d --name web --network app nginx');
    // Reaching its own host, the other host and the internet; the far side sees the node's address.
    for (const dst of ['192.168.1.11', '192.168.1.12', '8.8.8.8']) {
      const r = await h1.run(`docker run --rm --network app alpine ping -c 1 ${dst}`);
      expect(r.out, dst).toContain('1 packets transmitted, 1 packets received, 0% packet loss');
    }
    const rules = (await h1.run('iptables -t nat -S POSTROUTING')).out;
    expect(rules).toContain('-A POSTROUTING -s 172.18.0.0/16 ! -o docker_gwbridge -j MASQUERADE');
    // The host reaches a container on the overlay only through a published port, not its 10.0.1.x.
    const web = JSON.parse((await h1.run('docker network inspect app')).out)[0].Containers;
    const webIp = (Object.values(web) as { Name: string; IPv4Address: string }[]).find((c) => c.Name === 'web')!.IPv4Address.split('/')[0];
    expect((await h1.run(`docker run --rm --network app alpine wget -qO- ${webIp}`)).out).toContain('Welcome to nginx!');
    const direct = await h1.run(`curl -sS -m 2 ${webIp}`);
    expect([direct.code, direct.err]).toEqual([28, 'curl: (28) Failed to connect to 10.0.1.3 port 80 after 2000 ms: Timeout was reached\n']);
  });
});
