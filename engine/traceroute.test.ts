import { describe, expect, it } from 'vitest';
import { createLab } from './index';

describe('traceroute follows the packet walk', () => {
  it('from a container: docker0, the LAN router, then the destination', async () => {
    const s = createLab().openSession();
    const r = await s.run('docker run --rm alpine traceroute 8.8.8.8');
    const lines = r.output.split('\n').filter((l) => /^ ?\d+ /.test(l));
    expect(r.output).toContain('traceroute to 8.8.8.8 (8.8.8.8), 30 hops max, 46 byte packets');
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
