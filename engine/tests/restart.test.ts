import { describe, expect, it } from 'vitest';
import { createLab } from '../index';

describe('restart policies', () => {
  it('on-failure:3 retries a failing command three times, then leaves it Exited', async () => {
    const s = createLab().openSession();
    // Right after the first exit the container waits out its first back-off (100 ms).
    const first = await s.run(`docker run -d --name cr --restart on-failure:3 alpine sh -c "echo boom; exit 1" >/dev/null 2>&1; docker ps --format '{{.Names}} {{.Status}}'`);
    expect(first.output).toMatch(/^cr Restarting \(1\) Less than a second ago\n$/);
    await s.run('sleep 10');
    expect((await s.run("docker ps -a --format '{{.Status}}'")).output).toMatch(/^Exited \(1\) /);
    expect((await s.run('docker logs cr')).output).toBe('boom\nboom\nboom\nboom\n');
    expect((await s.run("docker inspect -f '{{.RestartCount}}' cr")).output).toBe('3\n');
  });

  it('always brings a killed server back, but not a stopped one', async () => {
    const s = createLab().openSession();
    await s.run('docker run -d --name web --restart always nginx');
    await s.run('docker kill web');
    await s.run('sleep 1');
    expect((await s.run("docker ps --format '{{.Names}} {{.State}}'")).output).toBe('web running\n');
    await s.run('docker stop web');
    await s.run('sleep 5');
    expect((await s.run("docker ps -a --format '{{.Names}} {{.State}}'")).output).toBe('web exited\n');
  });

  it('no policy, or on-failure with exit 0, leaves the container Exited', async () => {
    const s = createLab().openSession();
    await s.run('docker run -d --name ok --restart on-failure alpine true');
    await s.run('sleep 2');
    expect((await s.run("docker ps -a --format '{{.Status}}'")).output).toMatch(/^Exited \(0\) /);
  });

  it('refuses --rm with --restart, and unknown policies', async () => {
    const s = createLab().openSession();
    const both = await s.run('docker run --rm --restart always alpine');
    expect(both.output).toBe("docker: Conflicting options: --restart and --rm\n\nRun 'docker run --help' for more information\n");
    expect(both.exitCode).toBe(125);
    const bad = await s.run('docker run --restart sometimes alpine');
    expect(bad.output).toContain("invalid restart policy: unknown policy 'sometimes'");
  });
});
