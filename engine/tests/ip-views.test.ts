import { describe, expect, it } from 'vitest';
import { lines, newTerm } from './helpers';

/**
 * iproute2 6.15 views of the host (fidelity-plan B6, B7, B9, B10; findings 17, 23, 24, 30).
 * Expected shapes are the real tool's: /work/team/fidelity-evidence/real-B1-ip-views.txt,
 * real-B5-bridge-mtu.txt; iproute2 v6.15.0 ip/ipaddress.c (print_stats64, size_columns).
 */

const LL = /^ {4}inet6 fe80::[0-9a-f:]+\/64 scope link proto kernel_ll $/;

describe('bridge and veth MTU (finding 17; moby v28.5.2 libnetwork/drivers/bridge/bridge_linux.go setupMTU, CreateEndpoint)', () => {
  it('com.docker.network.driver.mtu=1400: the bridge at once, then the host veth and the container eth0', async () => {
    const t = newTerm();
    await t.setup('docker network create -o com.docker.network.driver.mtu=1400 mtunet');
    const br = 'br-' + (await t.run(`docker network inspect -f '{{.Id}}' mtunet`)).out.slice(0, 12);
    expect(lines((await t.run(`ip link show ${br}`)).out)[0]).toMatch(/ mtu 1400 qdisc noqueue state DOWN /);
    await t.setup('docker run -dit --name m1 --network mtunet alpine');
    const veth = lines((await t.run(`ip -br link show master ${br}`)).out)[0]!.split('@')[0]!;
    expect(lines((await t.run(`ip link show ${veth}`)).out)[0]).toMatch(new RegExp(`^\\d+: ${veth}@if\\d+: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1400 qdisc noqueue master ${br} state UP `));
    expect((await t.run('bridge link')).out).toMatch(new RegExp(`${veth}@if\\d+: .* mtu 1400 master ${br} state forwarding`));
    expect((await t.run('docker exec m1 ip link show eth0')).out).toMatch(/ mtu 1400 /);
  });
});

describe('IPv6 link-local addresses on the host (finding 23; real-B1-ip-views.txt)', () => {
  it('docker0 and each host veth get fe80::EUI-64 once the bridge has carrier; the container eth0 none; lo proto kernel_lo', async () => {
    const t = newTerm();
    expect((await t.run('ip addr show docker0')).out).not.toContain('inet6');
    await t.setup('docker run -dit --name c1 alpine');
    const mac = (await t.run(`ip -br link show docker0`)).out.split(/\s+/)[2]!;
    const b = mac.split(':').map((x) => parseInt(x, 16));
    const eui = `fe80::${((b[0]! ^ 2) * 256 + b[1]!).toString(16)}:${(b[2]! * 256 + 0xff).toString(16)}:${(0xfe00 + b[3]!).toString(16)}:${(b[4]! * 256 + b[5]!).toString(16)}/64`;
    const docker0 = lines((await t.run('ip addr show docker0')).out);
    expect(docker0.slice(4)).toEqual([`    inet6 ${eui} scope link proto kernel_ll `, '       valid_lft forever preferred_lft forever']);
    const veth = lines((await t.run('ip -br addr show type veth')).out);
    expect(veth[0]).toMatch(/^veth[0-9a-f]{7}@if\d+ +UP +fe80::[0-9a-f:]+\/64 $/);
    expect(lines((await t.run('ip addr show lo')).out)[4]).toBe('    inet6 ::1/128 scope host proto kernel_lo ');
    expect((await t.run('docker exec c1 ip addr show eth0')).out).not.toContain('inet6');
    // The bridge keeps its address after its last container leaves.
    await t.setup('docker rm -f c1');
    expect(lines((await t.run('ip addr show docker0')).out)[4]).toMatch(LL);
  });
});

describe('ip -o, ip -s (fidelity-plan B9; finding 24)', () => {
  it('ip -o addr: one address per line, "N: name" without @ifN, continuation after a backslash', async () => {
    const t = newTerm();
    await t.setup('docker run -dit --name c1 alpine');
    const l = lines((await t.run('ip -o addr')).out);
    expect(l[0]).toBe('1: lo    inet 127.0.0.1/8 scope host lo\\       valid_lft forever preferred_lft forever');
    expect(l[1]).toBe('1: lo    inet6 ::1/128 scope host proto kernel_lo \\       valid_lft forever preferred_lft forever');
    expect(l.filter((x) => x.startsWith('3: docker0    inet '))).toEqual(['3: docker0    inet 172.17.0.1/16 brd 172.17.255.255 scope global docker0\\       valid_lft forever preferred_lft forever']);
    expect(l.at(-1)).toMatch(/^\d+: veth[0-9a-f]{7}    inet6 fe80::[0-9a-f:]+\/64 scope link proto kernel_ll \\       valid_lft forever preferred_lft forever$/);
  });

  it('ip -o link: the two lines joined by a backslash', async () => {
    const t = newTerm();
    expect((await t.run('ip -o link show lo')).out).toBe(
      '1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN mode DEFAULT group default qlen 1000\\    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00\n',
    );
  });

  it('ip -s link counts the frames the walks moved: a container pinging the LAN twice (ARP + 2 echoes each way)', async () => {
    const t = newTerm();
    await t.setup('docker run -dit --name c1 alpine', 'docker exec c1 ping -c 2 192.168.1.1');
    const eth0 = lines((await t.run('ip -s link show eth0')).out);
    expect(eth0.slice(2)).toEqual([
      '    RX:  bytes packets errors dropped  missed   mcast           ',
      // An ARP reply (42 bytes) and two echo replies (14 + 84) each way.
      '           238       3      0       0       0       0 ',
      '    TX:  bytes packets errors dropped carrier collsns           ',
      '           238       3      0       0       0       0 ',
    ]);
    const ss = lines((await t.run('ip -s -s link show eth0')).out);
    expect(ss.slice(4, 6)).toEqual(['    RX errors:  length    crc   frame    fifo overrun', '                     0      0       0       0       0 ']);
    expect(ss.slice(8)).toEqual(['    TX errors: aborted   fifo  window heartbt transns', '                     0      0       0       0       1 ']);
    // ip -s addr puts the counters after the addresses.
    const addr = lines((await t.run('ip -s addr show docker0')).out);
    expect(addr[4]).toMatch(LL);
    expect(addr[6]).toBe('    RX:  bytes packets errors dropped  missed   mcast           ');
  });

  it('busybox ip has no -s: its usage, exit 1', async () => {
    const t = newTerm();
    await t.setup('docker run -dit --name c1 alpine');
    const r = await t.run('docker exec c1 ip -s link');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^BusyBox v1\.37\.0 multi-call binary\./);
  });
});

describe('ip netns (finding 30; iproute2 ip/ipnetns.c, captured in the Debian 13 chroot)', () => {
  it('the list is empty on a Docker host (its namespaces live in /var/run/docker/netns); exec into an unknown one fails', async () => {
    const t = newTerm();
    await t.setup('docker run -dit --name c1 alpine');
    expect(await t.run('ip netns')).toMatchObject({ out: '', err: '', code: 0 });
    expect(await t.run('ip netns list')).toMatchObject({ out: '', code: 0 });
    expect(await t.run('ip netns exec foo ip a')).toMatchObject({ err: 'Cannot open network namespace "foo": No such file or directory\n', code: 255 });
    expect(await t.run('ip netns foo')).toMatchObject({ err: 'Command "foo" is unknown, try "ip netns help".\n', code: 255 });
  });
});
