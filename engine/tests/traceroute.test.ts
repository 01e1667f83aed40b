import { describe, expect, it } from 'vitest';
import { createLab } from '../index';

describe('traceroute follows the packet walk', () => {
  it('from a container: docker0, the LAN router, then the destination', async () => {
    const s = createLab().openSession();
    const r = await s.run('docker run --rm alpine traceroute 8.8.8.8');
    const lines = r.output.split('\n').filter((l) => /^ ?\d+ /.test(l));
    expect(r.output).toContain('traceroute to 8.8.8.8 (8.8.8.8), 30 hops max, 46 byte packets');
    // Without -n each hop is named by a PTR lookup (real-D1: ` 2  lan2.lan (192.168.1.12)`).
    expect(lines.map((l) => l.trim().split(/\s+/).slice(1, 3).join(' '))).toEqual(['172.17.0.1 (172.17.0.1)', 'gateway.lan (192.168.1.1)', 'dns.google (8.8.8.8)']);
  });

  it('-n prints bare addresses (busybox and Linux traceroute, real-D1/real-D7; finding 24)', async () => {
    const s = createLab().openSession();
    const r = await s.run('docker run --rm alpine traceroute -n 8.8.8.8');
    const lines = r.output.split('\n').filter((l) => /^ ?\d+ /.test(l));
    expect(lines[0]).toMatch(/^ 1 {2}172\.17\.0\.1 {2}\d+\.\d{3} ms {2}\d+\.\d{3} ms {2}\d+\.\d{3} ms$/);
    expect(lines.map((l) => l.trim().split(/\s+/)[1])).toEqual(['172.17.0.1', '192.168.1.1', '8.8.8.8']);
  });

  it('into another bridge network: Docker 28 drops it before routing, so no hop answers', async () => {
    const s = createLab().openSession();
    await s.run('docker network create n1');
    await s.run('docker run -dit --name a1 --network n1 alpine');
    const r = await s.run('docker run --rm alpine traceroute -m 3 172.18.0.2');
    expect(r.output).toContain(' 1  * * *\n 2  * * *\n 3  * * *\n');
  });

  it('an unknown name is a bad address', async () => {
    const s = createLab().openSession();
    const r = await s.run('docker run --rm alpine traceroute nowhere.invalid');
    expect(r.output).toContain("traceroute: bad address 'nowhere.invalid'");
  });
});

describe('ip neigh: the ARP cache fills as packets move', () => {
  it('a ping teaches both ends each other\'s MAC; a removed container goes STALE', async () => {
    const s = createLab().openSession();
    await s.run('docker run -dit --name c1 alpine');
    await s.run('docker run -dit --name c2 alpine');
    expect((await s.run('docker exec c1 ip neigh')).output).toBe('');
    await s.run('docker exec c1 ping -c 1 172.17.0.3');
    const mac2 = (await s.run("docker inspect -f '{{.NetworkSettings.MacAddress}}' c2")).output.trim();
    expect((await s.run('docker exec c1 ip neigh')).output).toBe(`172.17.0.3 dev eth0 lladdr ${mac2} ref 1 used 0/0/0 probes 1 REACHABLE\n`);
    expect((await s.run('docker exec c2 ip neigh')).output).toContain('172.17.0.2 dev eth0 lladdr');
    await s.run('curl -s 172.17.0.2');
    expect((await s.run('ip neigh')).output).toMatch(/^172\.17\.0\.2 dev docker0 lladdr \S+ REACHABLE$/m);
    await s.run('docker rm -f c1');
    expect((await s.run('ip neigh')).output).toMatch(/^172\.17\.0\.2 dev docker0 lladdr \S+ STALE$/m);
  });
});
