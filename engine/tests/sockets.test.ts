import { describe, expect, it } from 'vitest';
import { createLab } from '../index';

describe('ss and netstat show the sockets listening in a namespace', () => {
  it('a published port is a docker-proxy listening on the host', async () => {
    const s = createLab().openSession();
    await s.run('docker run -d --name web -p 8080:80 nginx');
    const out = (await s.run('ss -tlnp')).output;
    // iproute2 ss (real-B6-ss.txt): address right-aligned against the colon, the header padded to the Process column.
    expect(out.split('\n')[0]).toMatch(/^State  Recv-Q Send-Q Local Address:Port Peer Address:PortProcess +$/);
    expect(out).toMatch(/LISTEN 0 +4096 +0\.0\.0\.0:8080 +0\.0\.0\.0:\* +users:\(\("docker-proxy",pid=\d+,fd=\d+\)\)/);
    expect(out).toMatch(/\[::\]:8080 +\[::\]:\* +users:\(\("docker-proxy"/);
    expect(out).toContain('0.0.0.0:22');
    // The container's nginx listens in the container's namespace, not on the host.
    expect(out).not.toMatch(/:80 /);
  });

  it('a host-network nginx listens on the host itself', async () => {
    const s = createLab().openSession();
    await s.run('docker run -d --name hw --network host nginx');
    expect((await s.run('ss -tln')).output).toMatch(/0\.0\.0\.0:80 +0\.0\.0\.0:\*/);
  });

  it('inside a container on a user network, busybox netstat shows the embedded DNS and nginx', async () => {
    const s = createLab().openSession();
    await s.run('docker network create n1');
    const r = await s.run('docker run --rm --network n1 alpine netstat -tuln');
    expect(r.output).toContain('Active Internet connections (only servers)');
    expect(r.output).toMatch(/tcp +0 +0 127\.0\.0\.11:\d+ +0\.0\.0\.0:\* +LISTEN/);
    expect(r.output).toMatch(/udp +0 +0 127\.0\.0\.11:\d+ +0\.0\.0\.0:\*/);
  });

  it('nginx and ubuntu have neither tool', async () => {
    const s = createLab().openSession();
    await s.run('docker run -d --name web nginx');
    expect((await s.run('docker exec web ss -tln')).exitCode).toBe(127);
  });
});

describe('a host port range for one container port', () => {
  it('takes the first free port of the range, then fails when the range is used up', async () => {
    const s = createLab().openSession();
    await s.run('docker run -d --name w1 -p 5000-5001:80 nginx');
    await s.run('docker run -d --name w2 -p 5000-5001:80 nginx');
    const third = await s.run('docker run -d --name w3 -p 5000-5001:80 nginx');
    expect(third.exitCode).toBe(125);
    expect(third.output).toContain('port is already allocated');
    expect((await s.run("docker ps --format '{{.Names}} {{.Ports}}'")).output).toBe(
      'w2 0.0.0.0:5001->80/tcp, [::]:5001->80/tcp\nw1 0.0.0.0:5000->80/tcp, [::]:5000->80/tcp\n',
    );
  });
});

describe('sudo', () => {
  it('runs its command, as tutorials type it (the lab shell is root already)', async () => {
    const s = createLab().openSession();
    await s.run('docker run -d --network host --name my_nginx nginx');
    const r = await s.run('sudo netstat -tulpn | grep :80');
    expect(r.output).toMatch(/^tcp +0 +0 0\.0\.0\.0:80 +0\.0\.0\.0:\* +LISTEN +\d+\/nginx$/m);
    expect((await s.run('sudo')).exitCode).toBe(1);
  });
});
