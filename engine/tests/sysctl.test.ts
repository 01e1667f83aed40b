import { describe, expect, it } from 'vitest';
import { newTerm } from './helpers';

/**
 * `sysctl` (fidelity-plan B11, finding 15): procps-ng 4.0.4 on hosts, captured in the Debian 13
 * chroot (/work/team/fidelity-evidence/real-B2-netns-sysctl-versions.txt); the busybox 1.37 applet in
 * alpine (bb-musl-applets.txt; busybox procps/sysctl.c sysctl_act_on_setting for the error texts).
 * /proc/sys is read-only in an unprivileged container (moby v28.5.2 oci/defaults.go ReadonlyPaths).
 */

describe('sysctl on the host (procps-ng 4.0.4, real-B2-netns-sysctl-versions.txt)', () => {
  it('reads, -n, unknown keys, -w echoes what it set', async () => {
    const t = newTerm();
    expect(await t.run('sysctl net.ipv4.ip_forward')).toMatchObject({ out: 'net.ipv4.ip_forward = 1\n', code: 0 });
    expect(await t.run('sysctl net.ipv4.conf.all.forwarding')).toMatchObject({ out: 'net.ipv4.conf.all.forwarding = 1\n' });
    expect(await t.run('sysctl -n net.ipv4.ip_forward')).toMatchObject({ out: '1\n', code: 0 });
    expect(await t.run('sysctl net.ipv6.conf.all.disable_ipv6')).toMatchObject({ out: 'net.ipv6.conf.all.disable_ipv6 = 0\n' });
    expect(await t.run('sysctl net.ipv4.nosuch')).toMatchObject({ out: '', err: 'sysctl: cannot stat /proc/sys/net/ipv4/nosuch: No such file or directory\n', code: 1 });
    expect(await t.run('sysctl -e net.ipv4.nosuch')).toMatchObject({ err: '', code: 0 });
    expect(await t.run('sysctl -w net.ipv4.ip_forward=1')).toMatchObject({ out: 'net.ipv4.ip_forward = 1\n', err: '', code: 0 });
    expect(await t.run('sysctl')).toMatchObject({ err: "sysctl: no variables specified\nTry `sysctl --help' for more information.\n", code: 1 });
    expect(await t.run('sysctl --version')).toMatchObject({ out: 'sysctl from procps-ng 4.0.4\n', code: 0 });
  });

  it('net.bridge.* exists only once br_netfilter is loaded (a network with ICC off)', async () => {
    const t = newTerm();
    expect((await t.run('sysctl net.bridge.bridge-nf-call-iptables')).err).toBe('sysctl: cannot stat /proc/sys/net/bridge/bridge-nf-call-iptables: No such file or directory\n');
    await t.setup('docker network create -o com.docker.network.bridge.enable_icc=false noicc');
    expect(await t.run('sysctl net.bridge.bridge-nf-call-iptables')).toMatchObject({ out: 'net.bridge.bridge-nf-call-iptables = 1\n', code: 0 });
  });

  it('-a lists the modelled keys sorted, the per-device ones for every interface', async () => {
    const t = newTerm();
    await t.setup('docker run -dit --name c1 alpine');
    const r = await t.run('sysctl -a');
    const keys = r.out.trim().split('\n').map((l) => l.split(' = ')[0]!);
    expect(keys).toEqual([...keys].sort());
    expect(keys).toContain('net.ipv4.conf.docker0.forwarding');
    expect(keys.some((k) => /^net\.ipv4\.conf\.veth[0-9a-f]{7}\.forwarding$/.test(k))).toBe(true);
    expect(r.err).toMatch(/^sim: /);
    expect((await t.run('sysctl -N net.ipv4.ip_forward')).out).toBe('net.ipv4.ip_forward\n');
  });

  it('ip_forward=0 stops container egress; setting it back (KEY=VALUE writes even without -w) restores it', async () => {
    const t = newTerm();
    await t.setup('docker run -dit --name c1 alpine', 'docker exec c1 ping -c 1 -W 1 192.168.1.1');
    expect((await t.run('sysctl -w net.ipv4.ip_forward=0')).out).toBe('net.ipv4.ip_forward = 0\n');
    expect((await t.run('cat /proc/sys/net/ipv4/ip_forward')).out).toBe('0\n');
    expect((await t.run('docker exec c1 ping -c 1 -W 1 192.168.1.1')).code).toBe(1);
    expect((await t.run('sysctl net.ipv4.ip_forward=1')).out).toBe('net.ipv4.ip_forward = 1\n');
    expect((await t.run('docker exec c1 ping -c 1 -W 1 192.168.1.1')).code).toBe(0);
  });

  it('bad values and the -w form: the kernel refuses text, -w needs KEY=VALUE', async () => {
    const t = newTerm();
    expect(await t.run('sysctl -w net.ipv4.ip_forward=yes')).toMatchObject({ err: 'sysctl: setting key "net.ipv4.ip_forward": Invalid argument\n', code: 1 });
    expect(await t.run('sysctl -w net.ipv4.ip_forward')).toMatchObject({ err: 'sysctl: "net.ipv4.ip_forward" must be of the form name=value\n', code: 1 });
    expect((await t.run('sysctl -n net.ipv4.ip_forward')).out).toBe('1\n');
  });
});

describe('sysctl in an alpine container (busybox 1.37 procps/sysctl.c, bb-musl-applets.txt)', () => {
  it('reads the container namespace: forwarding is off', async () => {
    const t = newTerm();
    await t.setup('docker run -dit --name c1 alpine');
    expect(await t.run('docker exec c1 sysctl net.ipv4.ip_forward')).toMatchObject({ out: 'net.ipv4.ip_forward = 0\n', code: 0 });
    expect(await t.run('docker exec c1 cat /proc/sys/net/ipv4/ip_forward')).toMatchObject({ out: '0\n' });
    expect(await t.run('docker exec c1 sysctl -n net.ipv6.conf.eth0.disable_ipv6')).toMatchObject({ out: '1\n' });
    expect(await t.run('docker exec c1 sysctl net.ipv4.nosuch')).toMatchObject({ err: "sysctl: error: 'net.ipv4.nosuch' is an unknown key\n", code: 1 });
    // -e only silences the message.
    expect(await t.run('docker exec c1 sysctl -e net.ipv4.nosuch')).toMatchObject({ err: '', code: 1 });
    expect(await t.run('docker exec c1 sysctl')).toMatchObject({ out: '', err: '', code: 0 });
  });

  it('writes fail on the read-only /proc/sys unless the container is privileged', async () => {
    const t = newTerm();
    await t.setup('docker run -dit --name c1 alpine', 'docker run -dit --privileged --name p1 alpine');
    expect(await t.run('docker exec c1 sysctl -w net.ipv4.ip_forward=1')).toMatchObject({ err: "sysctl: error setting key 'net.ipv4.ip_forward': Read-only file system\n", code: 1 });
    expect(await t.run('docker exec c1 sysctl -w net.ipv4.ip_forward')).toMatchObject({ err: "sysctl: error: 'net.ipv4.ip_forward' must be of the form name=value\n", code: 1 });
    expect(await t.run('docker exec p1 sysctl -w net.ipv4.ip_forward=1')).toMatchObject({ out: 'net.ipv4.ip_forward = 1\n', code: 0 });
    expect((await t.run('docker exec p1 sysctl net.ipv4.ip_forward')).out).toBe('net.ipv4.ip_forward = 1\n');
    // Its own namespace only: the host and the other container keep theirs.
    expect((await t.run('docker exec c1 sysctl -n net.ipv4.ip_forward')).out).toBe('0\n');
  });

  it('an unknown option: musl getopt text and the applet usage, exit 1', async () => {
    const t = newTerm();
    await t.setup('docker run -dit --name c1 alpine');
    const r = await t.run('docker exec c1 sysctl -z');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^sysctl: unrecognized option: z\nBusyBox v1\.37\.0 \(2024-09-26 21:31:42 UTC\) multi-call binary\.\n\nUsage: sysctl \[-enq\]/);
  });
});
