/**
 * Files learners read (fidelity plan C9, finding 34): the image's own files, the kernel's
 * generated ones, and directory listings.
 */
import { describe, expect, it } from 'vitest';
import { lines, newTerm } from './helpers';

describe('image files', () => {
  it('alpine: /etc/alpine-release, alpine-baselayout users (aports main/alpine-baselayout)', async () => {
    const t = newTerm();
    await t.setup('docker pull alpine', 'docker pull alpine:3.20');
    expect((await t.run('docker run --rm alpine cat /etc/alpine-release')).out).toBe('3.22.2\n');
    expect((await t.run('docker run --rm alpine:3.20 cat /etc/alpine-release')).out).toBe('3.20.8\n');
    const passwd = lines((await t.run('docker run --rm alpine cat /etc/passwd')).out);
    expect(passwd[0]).toBe('root:x:0:0:root:/root:/bin/sh');
    expect(passwd.at(-1)).toBe('nobody:x:65534:65534:nobody:/:/sbin/nologin');
  });

  it('busybox\'s /bin has one link per applet (the real image\'s 407 names); alpine\'s /bin its busybox links', async () => {
    const t = newTerm();
    await t.setup('docker pull busybox', 'docker pull alpine');
    const bb = lines((await t.run('docker run --rm busybox ls /bin')).out);
    expect(bb).toHaveLength(407);
    for (const applet of ['httpd', 'nc', 'ifconfig', 'route', 'arp', 'ps', 'busybox', 'nslookup']) expect(bb).toContain(applet);
    expect(bb).not.toContain('getent');
    const alp = lines((await t.run('docker run --rm alpine ls /bin')).out);
    expect(alp.slice(0, 6)).toEqual(['arch', 'ash', 'base64', 'bbconfig', 'busybox', 'cat']);
    expect(alp).not.toContain('httpd');
  });

  it('Debian-based images: base-passwd plus the image\'s user; the host has the same base users', async () => {
    const t = newTerm();
    await t.setup('docker run -d --name web nginx');
    const passwd = lines((await t.run('docker exec web cat /etc/passwd')).out);
    expect(passwd[0]).toBe('root:x:0:0:root:/root:/bin/bash');
    expect(passwd).toContain('_apt:x:42:65534::/nonexistent:/usr/sbin/nologin');
    expect(passwd.at(-1)).toBe('nginx:x:101:101:nginx user:/nonexistent:/bin/false');
    expect(lines((await t.run('cat /etc/passwd')).out)).toHaveLength(18);
    expect(await t.run('docker exec web ls /nope')).toMatchObject({ err: "ls: cannot access '/nope': No such file or directory\n", code: 2 });
  });
});

describe('kernel-generated files (finding 34)', () => {
  it('/sys/class/net/eth0/iflink is the host veth\'s ifindex: the iflink trick finds it', async () => {
    const t = newTerm();
    await t.setup('docker run -d --name b1 busybox sleep 1000');
    const iflink = (await t.run('docker exec b1 cat /sys/class/net/eth0/iflink')).out.trim();
    const hostSide = (await t.run(`ip -o link | grep "^${iflink}: "`)).out;
    expect(hostSide).toMatch(new RegExp(`^${iflink}: veth[0-9a-f]{7}@if\\d+: `));
    expect((await t.run('docker exec b1 cat /sys/class/net/eth0/ifindex')).out).toMatch(/^\d+\n$/);
    expect((await t.run('docker exec b1 ls /sys/class/net')).out).toBe('eth0\nlo\n');
  });

  it('/proc/net/route: little-endian hex, the main table in key order, lines padded to 127 (net/ipv4/fib_trie.c)', async () => {
    const t = newTerm();
    await t.setup('docker run -d --name b1 busybox sleep 1000');
    const rows = lines((await t.run('docker exec b1 cat /proc/net/route')).out);
    expect(rows.map((r) => r.trimEnd())).toEqual([
      'Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT',
      'eth0\t00000000\t010011AC\t0003\t0\t0\t0\t00000000\t0\t0\t0',
      'eth0\t000011AC\t00000000\t0001\t0\t0\t0\t0000FFFF\t0\t0\t0',
    ]);
    for (const r of rows) expect(r).toHaveLength(127);
  });
});
