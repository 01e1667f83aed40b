import { describe, expect, it } from 'vitest';
import { createLab, restoreLab, type Session } from '../index';

/** The container runtime in the daemon: main processes run on lab time, without a terminal. */

async function lines(s: Session, cmd: string): Promise<string[]> {
  return (await s.run(cmd)).output.trim().split('\n');
}

describe('the container runtime', () => {
  it('keeps a detached ping running on lab time: docker logs grows as time passes, and stops with the container', async () => {
    const s = createLab().openSession();
    await s.run('docker run -d --name pinger alpine ping 8.8.8.8');
    const early = await lines(s, 'docker logs pinger');
    expect(early[0]).toBe('PING 8.8.8.8 (8.8.8.8): 56 data bytes');
    await s.run('sleep 10');
    const later = await lines(s, 'docker logs pinger');
    expect(later.length).toBeGreaterThan(early.length + 9);
    expect(later[later.length - 1]).toMatch(/^64 bytes from 8\.8\.8\.8: seq=\d+ ttl=118 time=/);
    await s.run('docker stop pinger');
    const stopped = await lines(s, 'docker logs pinger');
    await s.run('sleep 5');
    expect(await lines(s, 'docker logs pinger')).toEqual(stopped);
    // busybox ping as PID 1 ignores SIGTERM: docker stop kills it after the grace period.
    expect((await s.run("docker inspect -f '{{.State.ExitCode}}' pinger")).output).toBe('137\n');
  });

  it('plays a detached script out on lab time: each sleep is the container being Up', async () => {
    const s = createLab().openSession();
    await s.run('docker run -d --name bg alpine sh -c "echo one; sleep 5; echo two"');
    expect((await s.run('docker logs bg')).output).toBe('one\n');
    expect((await s.run("docker ps --format '{{.Names}} {{.State}}'")).output).toBe('bg running\n');
    await s.run('sleep 5');
    expect((await s.run('docker logs bg')).output).toBe('one\ntwo\n');
    expect((await s.run("docker ps -a --format '{{.Names}} {{.Status}}'")).output).toMatch(/^bg Exited \(0\) \d+ seconds? ago\n$/);
  });

  it('an attached command streams its output and holds the terminal until it exits', async () => {
    const lab = createLab();
    const s = lab.openSession();
    await s.run('docker pull alpine');
    const before = JSON.stringify((lab.snapshot().state as { clock: number }).clock);
    const r = await s.run('docker run --name att alpine sh -c "echo x; sleep 2; echo y; exit 3"');
    expect(r.output).toBe('x\ny\n');
    expect(r.exitCode).toBe(3);
    const after = (lab.snapshot().state as { clock: number }).clock;
    expect(after - Number(before)).toBeGreaterThanOrEqual(3000);
  });

  it('Ctrl-C on an attached ping passes SIGINT to the container (sig-proxy) and leaves it Exited (130)', async () => {
    const s = createLab({ pacing: 'realtime' }).openSession();
    await s.run('docker pull alpine');
    const ctl = new AbortController();
    setTimeout(() => ctl.abort(), 1500);
    const r = await s.run('docker run --name fg alpine ping 8.8.8.8', { signal: ctl.signal });
    expect(r.output).toMatch(/^PING 8\.8\.8\.8 \(8\.8\.8\.8\): 56 data bytes\n64 bytes from 8\.8\.8\.8: seq=0 /);
    expect((await s.run("docker ps -a --format '{{.Names}} {{.Status}}'")).output).toMatch(/^fg Exited \(130\) /);
  });

  it('a restored lab starts the processes of running containers again', async () => {
    const lab = createLab();
    const s = lab.openSession();
    await s.run('docker run -d --name pinger alpine ping 8.8.8.8');
    await s.run('sleep 2');
    const restored = await restoreLab(lab.snapshot());
    if (!restored.ok) throw new Error(restored.error);
    const t = restored.lab.openSession();
    const before = (await lines(t, 'docker logs pinger')).length;
    await t.run('sleep 3');
    expect((await lines(t, 'docker logs pinger')).length).toBeGreaterThan(before + 2);
  });

  it('docker exec -d runs a command in the background without holding the terminal', async () => {
    const s = createLab().openSession();
    await s.run('docker run -dit --name box alpine');
    const r = await s.run('docker exec -d box sh -c "sleep 3; echo done > /tmp/flag"');
    expect(r.output).toBe('');
    expect((await s.run('docker exec box cat /tmp/flag')).output).toBe("cat: can't open '/tmp/flag': No such file or directory\n");
    await s.run('sleep 3');
    expect((await s.run('docker exec box cat /tmp/flag')).output).toBe('done\n');
  });
});
