/**
 * nsenter -t PID -n CMD (util-linux) with a container's host PID, against
 * /work/team/fidelity-evidence/real-B4-nsenter.txt: the PID comes from `docker inspect -f
 * '{{.State.Pid}}'` (moby daemon/inspect.go State.Pid), the namespace is the container's.
 */
import { describe, expect, it } from 'vitest';
import { lines, newTerm } from './helpers';

describe('nsenter -t PID -n (util-linux sys-utils/nsenter.c)', () => {
  it("runs the command in the container's network namespace, by -t/-n and by --target/--net", async () => {
    const t = newTerm();
    await t.setup('docker run -d --name web httpd');
    const pid = (await t.run("docker inspect -f '{{.State.Pid}}' web")).out.trim();
    const r = await t.run(`nsenter -t ${pid} -n ip addr`);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^\d+: eth0@if\d+: <BROADCAST,MULTICAST,UP,LOWER_UP>/m);
    expect(r.out).toContain('    inet 172.17.0.2/16 ');
    const ss = await t.run(`nsenter --target ${pid} --net ss -tlnp`);
    expect(lines(ss.out)[1]).toMatch(/^LISTEN 0 +\d+ +\*:80 +\*:\* +users:\(\("httpd",pid=\d+,fd=3\)\)/);
    // PID 1 is the host's init: its namespace is the host's own.
    expect((await t.run('nsenter -t 1 -n ip -br addr')).out).toMatch(/^eth0 +UP +192\.168\.1\.11\/24/m);
  });

  it("the capture's errors: no such PID, no target, no namespace, no such command (127)", async () => {
    const t = newTerm();
    await t.setup('docker run -d --name web httpd');
    const pid = (await t.run("docker inspect -f '{{.State.Pid}}' web")).out.trim();
    expect(await t.run('nsenter -t 4242 -n ip addr')).toMatchObject({ err: 'nsenter: cannot open /proc/4242/ns/net: No such file or directory\n', code: 1 });
    expect(await t.run('nsenter -n ip addr')).toMatchObject({ err: 'nsenter: no target PID specified\n', code: 1 });
    expect(await t.run('nsenter')).toMatchObject({ err: 'nsenter: no namespace specified\n', code: 1 });
    expect(await t.run(`nsenter -t ${pid} -n nosuchcmd`)).toMatchObject({ err: 'nsenter: failed to execute nosuchcmd: No such file or directory\n', code: 127 });
    // A stopped container's PID is gone with it.
    await t.setup('docker stop -t 0 web');
    expect((await t.run(`nsenter -t ${pid} -n ip addr`)).err).toBe(`nsenter: cannot open /proc/${pid}/ns/net: No such file or directory\n`);
  });

  it("conntrack through nsenter reads that namespace's table: the host's has the flows, a container's none", async () => {
    const t = newTerm();
    await t.setup('docker run -d --name c1 alpine sleep 1000', 'docker exec c1 ping -c 1 192.168.1.1');
    const pid = (await t.run("docker inspect -f '{{.State.Pid}}' c1")).out.trim();
    expect((await t.run('nsenter -t 1 -n conntrack -C')).out).not.toBe('0\n');
    expect((await t.run(`nsenter -t ${pid} -n conntrack -L`)).err).toBe('conntrack v1.4.8 (conntrack-tools): 0 flow entries have been shown.\n');
  });
});
