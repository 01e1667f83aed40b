import { describe, expect, it } from 'vitest';
import { restoreLab } from '../index';
import { newTerm, type Term } from './helpers';

/**
 * Published ranges are stored as ranges (issue 13, finding 6): `-p 1-65535:1-65535` must not make
 * 65,535 records, while every view (docker port/ps/inspect, iptables, ss, ps) lists port by port
 * exactly as for the same ports published one -p at a time.
 */

const VIEWS = [
  'docker ps --format "{{.Ports}}"',
  'docker port web',
  'docker port web 81',
  'docker inspect -f "{{json .HostConfig.PortBindings}} {{json .NetworkSettings.Ports}} {{json .Config.ExposedPorts}}" web',
  'iptables -t nat -S',
  'iptables -S',
  'iptables -t raw -S',
  'iptables -t nat -L DOCKER -n -v --line-numbers',
  'ss -tulnp',
  'ps -ef',
  'curl -s -o /dev/null -w "%{http_code}\\n" localhost:8000',
  // Through the host's LAN address the DNAT rules count the packets (loopback goes through docker-proxy).
  'curl -s -o /dev/null -w "%{http_code}\\n" 192.168.1.11:8000',
  'curl -s -o /dev/null -w "%{http_code}\\n" 192.168.1.11:8001',
  'iptables -t nat -L DOCKER -n -v --line-numbers',
];

async function views(t: Term): Promise<string> {
  let out = '';
  for (const line of VIEWS) out += `$ ${line}\n${(await t.run(line)).output}`;
  return out;
}

describe('published port ranges', () => {
  it('a range prints exactly as the same ports published one by one', async () => {
    const ranged = newTerm();
    await ranged.setup('docker pull nginx', 'docker run -d --name web -p 8000-8002:80-82 -p 127.0.0.1:9000-9001:90-91/udp nginx');
    const single = newTerm();
    await single.setup('docker pull nginx', 'docker run -d --name web -p 8000:80 -p 8001:81 -p 8002:82 -p 127.0.0.1:9000:90/udp -p 127.0.0.1:9001:91/udp nginx');
    const a = await views(ranged);
    // docker/cli@v28.5.2 formatter/container.go DisplayablePorts groups only same-number mappings.
    expect(a).toContain(
      '0.0.0.0:8000->80/tcp, [::]:8000->80/tcp, 0.0.0.0:8001->81/tcp, [::]:8001->81/tcp, 0.0.0.0:8002->82/tcp, [::]:8002->82/tcp, 127.0.0.1:9000->90/udp, 127.0.0.1:9001->91/udp\n',
    );
    expect(a).toContain('-A DOCKER ! -i docker0 -p tcp -m tcp --dport 8001 -j DNAT --to-destination 172.17.0.2:81\n');
    // Each curl is counted on its own port's line.
    expect(a).toMatch(/\n2 +1 +60 DNAT +tcp .* tcp dpt:8000 to:172\.17\.0\.2:80\n3 +1 +60 DNAT +tcp .* tcp dpt:8001 to:172\.17\.0\.2:81\n4 +0 +0 DNAT/);
    expect(a).toBe(await views(single));
  });

  it('-p 10000-60000:20-50020 is one record: the save stays small and a port in the middle works', async () => {
    const t = newTerm();
    await t.setup('docker pull nginx', 'docker run -d --name web -p 10000-60000:20-50020 nginx');
    expect(JSON.stringify(t.lab.snapshot()).length).toBeLessThan(100_000);
    // Docker lists each of these 100,002 mappings on its own (their host ports differ from the container's).
    const ps = (await t.run('docker ps --format "{{.Ports}}"')).out.split(', ');
    expect(ps).toHaveLength(100_002);
    expect(ps.slice(0, 3)).toEqual(['0.0.0.0:10000->20/tcp', '[::]:10000->20/tcp', '0.0.0.0:10001->21/tcp']);
    expect(ps.at(-1)).toBe('[::]:60000->50020/tcp\n');
    expect((await t.run('docker port web 80')).out).toBe('0.0.0.0:10060\n[::]:10060\n');
    expect((await t.run('docker port web 19')).err).toBe("Error: No public port '19' published for web\n");
    expect((await t.run('curl -s localhost:10060')).out).toContain('Welcome to nginx!');
    expect((await t.run('curl -s localhost:10061')).code).toBe(56);
    expect((await t.run('iptables -t nat -S DOCKER')).out.split('\n')).toHaveLength(50_001 + 3);
    // Another container cannot take a port inside the range; the error names the first one taken.
    expect((await t.run('docker run -d --name other -p 9000-20000:9000-20000 nginx')).err).toMatch(/Bind for 0\.0\.0\.0:10000 failed: port is already allocated\n/);
    await t.setup('docker rm -f web');
    expect(JSON.stringify(t.lab.snapshot()).length).toBeLessThan(100_000);
    expect((await t.run('iptables -t nat -S DOCKER')).out).toBe('-N DOCKER\n-A DOCKER -i docker0 -j RETURN\n');
  });

  it('-p 1-65535:1-65535 is refused at the first port the host already uses (sshd on 22)', async () => {
    const t = newTerm();
    await t.setup('docker pull nginx');
    const r = await t.run('docker run -d --name all -p 1-65535:1-65535 nginx');
    expect(r.code).toBe(125);
    expect(r.err).toMatch(/failed to bind host port 0\.0\.0\.0:22\/tcp: address already in use\n/);
  });

  it('-p 1-65535:1-65535/udp runs as one record; PORTS groups it since every port keeps its number', async () => {
    const t = newTerm();
    await t.setup('docker pull nginx');
    const before = JSON.stringify(t.lab.snapshot()).length;
    await t.setup('docker run -d --name all -p 1-65535:1-65535/udp nginx');
    expect(JSON.stringify(t.lab.snapshot()).length - before).toBeLessThan(20_000);
    expect((await t.run('docker ps --format "{{.Ports}}"')).out).toBe('0.0.0.0:1-65535->1-65535/udp, [::]:1-65535->1-65535/udp, 80/tcp\n');
    expect((await t.run('docker port all 65535/udp')).out).toBe('0.0.0.0:65535\n[::]:65535\n');
    expect((await t.run('iptables -t nat -S DOCKER | wc -l')).out.trim()).toBe(String(65_535 + 2));
  });

  it('ephemeral ports run out with portallocator.go\'s "all ports are allocated" (32768-60999 holds 28,232)', async () => {
    const t = newTerm();
    await t.setup('docker pull nginx');
    const r = await t.run('docker run -d --name many -p 1-30000 nginx');
    expect(r.code).toBe(125);
    expect(r.err).toMatch(/driver failed programming external connectivity on endpoint many \([0-9a-f]{64}\): all ports are allocated\n/);
    await t.setup('docker rm many', 'docker run -d --name fits -p 1-28232 nginx');
    expect((await t.run('docker port fits 28232')).out).toMatch(/^0\.0\.0\.0:\d+\n\[::\]:\d+\n$/);
  });

  it('a range survives a save: restored, it prints and answers as before, and the topology draws it in one entry', async () => {
    const t = newTerm();
    await t.setup('docker pull nginx', 'docker run -d --name web -p 10000-60000:20-50020 nginx');
    const ps = (await t.run('docker ps --format "{{.Ports}}"')).out;
    expect(t.lab.topology().hosts[0]!.containers[0]!.ports).toEqual([{ hostIp: '0.0.0.0', hostPort: 10000, containerPort: 20, protocol: 'tcp', count: 50_001 }]);
    const r = await restoreLab(JSON.stringify(t.lab.snapshot()));
    if (!r.ok) throw new Error(r.error);
    const s = r.lab.openSession();
    // RunResult.output keeps only the newest 1 MiB; the terminal (onOutput) sees every chunk.
    let restored = '';
    await s.run('docker ps --format "{{.Ports}}"', { onOutput: (chunk, stream) => (restored += stream === 'stdout' ? chunk : '') });
    expect(restored).toBe(ps);
    expect((await s.run('curl -s localhost:10060')).output).toContain('Welcome to nginx!');
  });

  it('-P with an exposed range publishes each port of it on its own ephemeral port (docker/cli opts.go: nat.ParsePortSpecs)', async () => {
    const t = newTerm();
    await t.setup('docker pull nginx', 'docker run -d --name web -P --expose 5000-5002 --expose 5001 nginx');
    expect((await t.run('docker port web')).out).toBe(
      [
        '80/tcp -> 0.0.0.0:32768',
        '80/tcp -> [::]:32768',
        '5000/tcp -> 0.0.0.0:32769',
        '5000/tcp -> [::]:32769',
        '5001/tcp -> 0.0.0.0:32770',
        '5001/tcp -> [::]:32770',
        '5002/tcp -> 0.0.0.0:32771',
        '5002/tcp -> [::]:32771',
        '',
      ].join('\n'),
    );
    expect((await t.run('docker inspect -f "{{json .Config.ExposedPorts}}" web')).out).toBe('{"80/tcp":{},"5000/tcp":{},"5001/tcp":{},"5002/tcp":{}}\n');
  });
});
