/**
 * The swarm data plane as a learner probes it: VIPs and IPVS round robin (traefik/whoami names the
 * task that answered), dnsrr, tasks.<svc>, the routing mesh and host-mode ports, encrypted overlays
 * on the wire, the overlay's namespace, and the underlay's firewall breaking gossip (7946) and
 * data (4789). Facts: /work/shared/reference/docker-multihost.md §2.8, §3.3, §3.4 (moby v28.5.2
 * libnetwork/service_linux.go, drivers/overlay/ov_network.go, encryption.go).
 */
import { describe, expect, it } from 'vitest';
import { lines } from './helpers';
import { swarmLab } from './swarm-helpers';

const hostnames = (out: string) => lines(out).filter((l) => l.startsWith('Hostname: ')).map((l) => l.slice(10));
const addrs = (out: string) => lines(out).filter((l) => l.startsWith('Address: ')).map((l) => l.slice(9));

describe('services on an overlay: VIP, IPVS round robin, DNS (libnetwork service_common.go, service_linux.go)', () => {
  it('the service name is the VIP, tasks.<svc> the tasks; each request goes to the next task', async () => {
    const s = swarmLab();
    const t = s.term('host1');
    await t.setup('docker network create -d overlay --attachable app', 'docker service create -q --name who --network app --replicas 3 traefik/whoami', 'docker pull -q alpine');
    const svc = JSON.parse((await t.run('docker service inspect who')).out)[0];
    const vip = (svc.Endpoint.VirtualIPs as { Addr: string }[])[0]!.Addr.split('/')[0]!;
    expect(addrs((await t.run('docker run --rm --network app alpine nslookup who')).out)).toEqual([vip]);
    const tasks = addrs((await t.run('docker run --rm --network app alpine nslookup tasks.who')).out);
    expect(tasks).toHaveLength(3);
    const got = hostnames((await t.run('docker run --rm --network app alpine sh -c "wget -qO- who; wget -qO- who; wget -qO- who; wget -qO- who"')).out);
    expect(got).toHaveLength(4);
    expect(new Set(got.slice(0, 3)).size).toBe(3);
    expect(got[3]).toBe(got[0]);
    // The task's own addresses, as whoami lists them, are the ones tasks.who names.
    const ips = lines((await t.run('docker run --rm --network app alpine sh -c "wget -qO- who; wget -qO- who; wget -qO- who"')).out)
      .filter((l) => l.startsWith('IP: 10.0.1.'))
      .map((l) => l.slice(4));
    expect(ips.sort()).toEqual([...tasks].sort());
  });

  it('--endpoint-mode dnsrr: the name answers with the tasks themselves, and there is no VIP', async () => {
    const s = swarmLab();
    const t = s.term('host1');
    await t.setup('docker network create -d overlay --attachable app', 'docker service create -q --name rr --endpoint-mode dnsrr --network app --replicas 2 nginx', 'docker pull -q alpine');
    const byName = addrs((await t.run('docker run --rm --network app alpine nslookup rr')).out);
    const byTasks = addrs((await t.run('docker run --rm --network app alpine nslookup tasks.rr')).out);
    expect(byName).toHaveLength(2);
    expect([...byName].sort()).toEqual([...byTasks].sort());
    expect(JSON.parse((await t.run('docker service inspect rr')).out)[0].Endpoint).not.toHaveProperty('VirtualIPs');
  });
});

describe('the routing mesh (docs engine/swarm/ingress.md; libnetwork service_linux.go programIngress)', () => {
  it('a published port answers on every node, from the ingress-sbox; dockerd holds the port (plumbProxy)', async () => {
    const s = swarmLab();
    const t1 = s.term('host1');
    await t1.setup('docker service create -q --name who --replicas 1 --constraint node.hostname==host1 -p 8080:80 traefik/whoami');
    const t3 = s.term('host3');
    // host3 runs no task; its ingress-sbox forwards over VXLAN 4096 and SNATs to its ingress address.
    const r = await t3.run('curl -s localhost:8080');
    expect(r.out).toMatch(/^Hostname: [0-9a-f]{12}\n/);
    expect(r.out).toMatch(/\nRemoteAddr: 10\.0\.0\.\d+:\d+\n/);
    const fromOther = await s.term('host2').run('curl -s 192.168.1.13:8080');
    expect(hostnames(fromOther.out)).toEqual(hostnames(r.out));
    expect((await t3.run('ss -lnt')).out).toMatch(/\n\S+\s+0\s+4096\s+\*:8080\s+\*:\*/);
    const nat = (await t3.run('iptables -t nat -S DOCKER-INGRESS')).out;
    expect(nat).toBe('-N DOCKER-INGRESS\n-A DOCKER-INGRESS -p tcp -m tcp --dport 8080 -j DNAT --to-destination 172.18.0.2:8080\n-A DOCKER-INGRESS -j RETURN\n');
    // The sandbox marks the port and IPVS balances the mark (fwmark 0x100 and up).
    const mangle = (await t3.run('nsenter --net=/var/run/docker/netns/ingress_sbox iptables -t mangle -S PREROUTING')).out;
    expect(mangle).toMatch(/-A PREROUTING -p tcp -m tcp --dport 8080 -j MARK --set-xmark 0x10\d\/0xffffffff/);
  });

  it('mode=host publishes only where a task runs', async () => {
    const s = swarmLab();
    await s.term('host1').setup('docker service create -q --name hp --publish published=9090,target=80,mode=host --constraint node.hostname==host2 nginx');
    expect((await s.term('host2').run('curl -s -o /dev/null -w "%{http_code}" localhost:9090')).out).toBe('200');
    const miss = await s.term('host3').run('curl -sS localhost:9090');
    expect([miss.code, miss.err]).toEqual([7, 'curl: (7) Failed to connect to localhost port 9090 after 0 ms: Could not connect to server\n']);
    // service ls shows ingress ports only (§3.2).
    expect(lines((await s.term('host1').run('docker service ls --format "{{.Name}}|{{.Ports}}"')).out)).toEqual(['hp|']);
  });
});

describe('overlay plumbing (drivers/overlay/ov_network.go, encryption.go)', () => {
  it('the network namespace 1-<id> holds br0 with the gateway and vxlan0 with the VNI', async () => {
    const s = swarmLab(['host1', 'host2']);
    const t = s.term('host1');
    const id = lines((await t.run('docker network create -d overlay --attachable app')).out)[0]!;
    await t.setup('docker run -d --network app alpine sleep 1000');
    const ns = `nsenter --net=/var/run/docker/netns/1-${id.slice(0, 10)}`;
    expect((await t.run(`${ns} ip -br addr show br0`)).out).toMatch(/^br0\s+UP\s+10\.0\.1\.1\/24 $/m);
    const vx = (await t.run(`${ns} ip -d link show vxlan0`)).out;
    expect(vx).toMatch(/vxlan0: <[^>]+> mtu 1450 qdisc noqueue master br0 state UP/);
    expect(vx).toContain('vxlan id 4097 ');
    expect(vx).toContain('dstport 4789 ');
    expect(vx).toContain('proxy l2miss l3miss');
    // The device was made in the host as vx-001001-<id[:5]> and moved: the host keeps none.
    expect((await t.run('ip -br link')).out).not.toMatch(/vx-|vxlan0/);
    const bad = await t.run('nsenter --net=/var/run/docker/netns/1-nope ip a');
    expect([bad.code, bad.err]).toEqual([1, 'nsenter: cannot open /var/run/docker/netns/1-nope: No such file or directory\n']);
  });

  it('--opt encrypted: MTU 1424 and ESP on the wire, where a clear overlay shows VXLAN', async () => {
    const s = swarmLab(['host1', 'host2']);
    const h1 = s.term('host1');
    const h2 = s.term('host2');
    await h1.setup('docker network create -d overlay --attachable plain', 'docker network create -d overlay --opt encrypted --attachable sec');
    await h2.setup('docker run -d --name b1 --network plain alpine sleep 1000', 'docker run -d --name b2 --network sec alpine sleep 1000');
    expect((await h2.run('docker exec b2 ip -o link show eth0')).out).toMatch(/ mtu 1424 /);
    expect((await h2.run('docker exec b1 ip -o link show eth0')).out).toMatch(/ mtu 1450 /);
    expect(JSON.parse((await h1.run('docker network inspect sec')).out)[0].Options).toEqual({
      'com.docker.network.driver.overlay.vxlanid_list': '4098',
      encrypted: '',
    });

    await h1.setup('docker run -d --name a1 --network plain alpine ping b1');
    const clear = await h1.run('tcpdump -c 2 -ni eth0 udp port 4789');
    expect(clear.err.split('\n').slice(0, 2)).toEqual([
      'tcpdump: verbose output suppressed, use -v[v]... for full protocol decode',
      'listening on eth0, link-type EN10MB (Ethernet), snapshot length 262144 bytes',
    ]);
    const c = lines(clear.out);
    expect(c[0]).toMatch(/^\d\d:\d\d:\d\d\.\d{6} IP 192\.168\.1\.11\.\d+ > 192\.168\.1\.12\.4789: VXLAN, flags \[I\] \(0x08\), vni 4097$/);
    expect(c[1]).toMatch(/^IP 10\.0\.1\.\d+ > 10\.0\.1\.\d+: ICMP echo request, id \d+, seq \d+, length 64$/);
    expect(c[3]).toMatch(/^IP 10\.0\.1\.\d+ > 10\.0\.1\.\d+: ICMP echo reply, id \d+, seq \d+, length 64$/);
    expect(clear.err).toMatch(/\n2 packets captured\n\d+ packets received by filter\n0 packets dropped by kernel\n$/);
    await h1.setup('docker rm -f a1', 'docker run -d --name a2 --network sec alpine ping b2');
    const esp = lines((await h1.run('tcpdump -c 2 -ni eth0 esp')).out);
    expect(esp[0]).toMatch(/^\S+ IP 192\.168\.1\.11 > 192\.168\.1\.12: ESP\(spi=0x[0-9a-f]{8},seq=0x[0-9a-f]+\), length \d+$/);
    expect(esp[1]).toMatch(/^\S+ IP 192\.168\.1\.12 > 192\.168\.1\.11: ESP\(spi=0x[0-9a-f]{8},seq=0x[0-9a-f]+\), length \d+$/);
    expect((await h1.run('tcpdump -c 1 -ni eth0 udp port 4789 and host 192.168.1.12')).out).toBe('');
  });
});

describe('the underlay firewall: data on 4789/udp, gossip on 7946 (swarm-tutorial ports)', () => {
  it('dropping 4789 on the far host loses the pings; dropping 7946 makes the node forget the other\'s names and peers', async () => {
    const s = swarmLab(['host1', 'host2']);
    const h1 = s.term('host1');
    const h2 = s.term('host2');
    await h1.setup('docker network create -d overlay --attachable test-net', 'docker run -d --name alpine1 --network test-net alpine sleep 1000');
    await h2.setup('docker run -d --name alpine2 --network test-net alpine sleep 1000');
    const ok = '1 packets transmitted, 1 packets received, 0% packet loss';
    expect((await h1.run('docker exec alpine1 ping -c 1 -W 1 alpine2')).out).toContain(ok);

    await h2.setup('iptables -I INPUT -p udp --dport 4789 -j DROP');
    expect((await h1.run('docker exec alpine1 ping -c 1 -W 1 alpine2')).out).toContain('1 packets transmitted, 0 packets received, 100% packet loss');
    expect((await h2.run('iptables -L INPUT -v -n')).out).toMatch(/\n\s+[1-9]\d*\s+\d+\s+DROP\s+udp\s+--\s+\*\s+\*\s+0\.0\.0\.0\/0\s+0\.0\.0\.0\/0\s+udp dpt:4789/);
    await h2.setup('iptables -D INPUT -p udp --dport 4789 -j DROP');
    expect((await h1.run('docker exec alpine1 ping -c 1 -W 1 alpine2')).out).toContain(ok);

    await h2.setup('iptables -I INPUT -p udp --dport 7946 -j DROP', 'sleep 2');
    const lost = await h1.run('docker exec alpine1 ping -c 1 -W 1 alpine2');
    expect([lost.code, lost.err]).toEqual([1, "ping: bad address 'alpine2'\n"]);
    const peers = JSON.parse((await h1.run('docker network inspect test-net -f "{{json .Peers}}"')).out);
    expect(peers.map((p: { IP: string }) => p.IP)).toEqual(['192.168.1.11']);
    await h2.setup('iptables -D INPUT -p udp --dport 7946 -j DROP', 'sleep 2');
    expect((await h1.run('docker exec alpine1 ping -c 1 -W 1 alpine2')).out).toContain(ok);
  });
});

describe('/var/run/docker/netns on a host (libnetwork/osl/namespace_linux.go, drivers/overlay/ov_network.go)', () => {
  it('lists the files nsenter opens: overlays 1-<id[:10]>, lb_<id[:9]>, ingress_sbox, a container\'s sandbox key', async () => {
    const s = swarmLab(['host1', 'host2']);
    const t = s.term('host1');
    await t.setup('docker network create -d overlay --attachable test-net', 'docker run -dit --name a1 --network test-net alpine');
    const id = (await t.run("docker network inspect -f '{{.Id}}' test-net")).out.trim();
    const ingress = (await t.run("docker network inspect -f '{{.Id}}' ingress")).out.trim();
    const sandbox = (await t.run("docker inspect -f '{{.NetworkSettings.SandboxKey}}' a1")).out.trim().split('/').pop()!;
    const names = (await t.run('ls /var/run/docker/netns')).out.trim().split(/\s+/);
    expect(names).toEqual([`1-${id.slice(0, 10)}`, `1-${ingress.slice(0, 10)}`, sandbox, 'ingress_sbox', `lb_${id.slice(0, 9)}`].sort());
    for (const n of names) expect((await t.run(`nsenter --net=/var/run/docker/netns/${n} ip link show lo`)).code, n).toBe(0);
  });
});
