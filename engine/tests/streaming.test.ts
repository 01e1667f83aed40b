import { describe, expect, it } from 'vitest';
import { createLab, restoreLab } from '../index';

describe('long-running commands stream and stop on Ctrl-C', () => {
  it('ping without -c streams replies until the signal aborts it, then prints the statistics', async () => {
    const s = createLab().openSession();
    const ac = new AbortController();
    const chunks: string[] = [];
    const r = await s.run('ping 8.8.8.8', {
      signal: ac.signal,
      onOutput: (chunk) => {
        chunks.push(chunk);
        if (chunks.filter((c) => c.includes('icmp_seq')).length === 3) ac.abort();
      },
    });
    expect(chunks[0]).toBe('PING 8.8.8.8 (8.8.8.8) 56(84) bytes of data.\n');
    expect(r.output).toMatch(/icmp_seq=3 ttl=\d+ time=/);
    expect(r.output).not.toContain('icmp_seq=4');
    expect(r.output).toContain('^C\n\n--- 8.8.8.8 ping statistics ---\n3 packets transmitted, 3 received, 0% packet loss');
    expect(r.exitCode).toBe(0);
    // The terminal is usable right after.
    expect((await s.run('echo ok')).output).toBe('ok\n');
  });

  it('an attached nginx prints its log and stops with Ctrl-C; the container exits', async () => {
    const s = createLab().openSession();
    await s.run('docker pull nginx');
    const ac = new AbortController();
    const r = await s.run('docker run --name fg nginx', {
      signal: ac.signal,
      onOutput: (chunk) => {
        if (chunk.includes('start worker process')) ac.abort();
      },
    });
    expect(r.output).toContain('Configuration complete; ready for start up');
    expect(r.output).toContain('^C');
    const ps = await s.run("docker ps -a --format '{{.Names}} {{.State}}'");
    expect(ps.output).toBe('fg exited\n');
  });

  it('in realtime pacing a ping waits about a second between replies', async () => {
    const s = createLab({ pacing: 'realtime' }).openSession();
    const t0 = Date.now();
    await s.run('ping -c 2 -i 0.2 8.8.8.8');
    const elapsed = Date.now() - t0;
    // Only a lower bound: the machine may be slow, never faster than the interval.
    expect(elapsed).toBeGreaterThanOrEqual(150);
  });

  it('a script that would never end is interrupted after ten virtual minutes', async () => {
    const s = createLab().openSession();
    const r = await s.run('ping 8.8.8.8');
    expect(r.output).toContain('^C');
    expect(r.output).toMatch(/(599|600|601) packets transmitted/);
  });
});

describe('Docker detach keys', () => {
  it('detach leaves the container running and returns to the host', async () => {
    const s = createLab().openSession();
    await s.run('docker run -it --name c1 alpine sh');
    expect(s.container()).toBe('c1');
    expect(s.detach()).toBe('read escape sequence\n');
    expect(s.container()).toBeNull();
    expect((await s.run("docker ps --format '{{.Names}} {{.State}}'")).output).toBe('c1 running\n');
    expect(s.detach()).toBeNull();
  });
});

describe('a session reopens where it was', () => {
  it('inside a container shell, after a snapshot and restore', async () => {
    const lab = createLab({ hosts: ['host1', 'host2'] });
    const s = lab.openSession();
    await s.run('docker run -dit --name c1 alpine');
    await s.run('docker exec -it c1 sh');
    await s.run('cd /tmp');
    const place = s.place();
    const restored = await restoreLab(JSON.stringify(lab.snapshot()));
    if (!restored.ok) throw new Error(restored.error);
    const s2 = restored.lab.openSession(undefined, { place: JSON.parse(JSON.stringify(place)) });
    expect(s2.container()).toBe('c1');
    expect(s2.prompt()).toBe('/tmp # ');
  });

  it('a place that no longer exists falls back to the host', async () => {
    const lab = createLab();
    const s = lab.openSession();
    await s.run('docker run -dit --name c1 alpine');
    await s.run('docker exec -it c1 sh');
    const place = s.place();
    await lab.openSession().run('docker rm -f c1');
    const s2 = lab.openSession(undefined, { place });
    expect(s2.container()).toBeNull();
    expect(s2.prompt()).toBe('root@host1:~# ');
    expect(lab.openSession(undefined, { place: { version: 1, stack: 'junk' } }).prompt()).toBe('root@host1:~# ');
  });
});
