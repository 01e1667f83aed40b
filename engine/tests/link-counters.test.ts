import { describe, expect, it } from 'vitest';
import { lines, newTerm, type Term } from './helpers';

/**
 * Interface counters as files (fidelity-plan B9): /proc/net/dev (Linux net/core/net-procfs.c
 * dev_seq_show / dev_seq_printf_stats: "%6s: %7llu %7llu %4llu ...") and
 * /sys/class/net/DEV/statistics/* (net/core/net-sysfs.c NETSTAT_ENTRY). The numbers are the
 * frames the walks moved, the same as `ip -s link` (iproute2 6.15 print_stats64).
 */

const HEAD = [
  'Inter-|   Receive                                                |  Transmit',
  ' face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed',
];

async function stat(t: Term, where: string, dev: string, name: string): Promise<number> {
  return Number((await t.run(`${where}cat /sys/class/net/${dev}/statistics/${name}`)).out);
}

describe('/proc/net/dev and /sys/class/net/*/statistics (net-procfs.c, net-sysfs.c)', () => {
  it('a container pinging the LAN twice: ARP + 2 echoes each way on its eth0, in /proc/net/dev format', async () => {
    const t = newTerm();
    await t.setup('docker run -dit --name c1 alpine');
    expect(lines((await t.run('docker exec c1 cat /proc/net/dev')).out)).toEqual([
      ...HEAD,
      '    lo:       0       0    0    0    0     0          0         0        0       0    0    0    0     0       0          0',
      '  eth0:       0       0    0    0    0     0          0         0        0       0    0    0    0     0       0          0',
    ]);
    await t.setup('docker exec c1 ping -c 2 192.168.1.1');
    // 42 (ARP) + 2 x 98 (ICMP echo, 84-byte IP packets) = 238 bytes each way.
    expect(lines((await t.run('docker exec c1 cat /proc/net/dev')).out)[3]).toBe(
      '  eth0:     238       3    0    0    0     0          0         0      238       3    0    0    0     0       0          0',
    );
    // The host: docker0 took the container's ARP broadcast up (multicast 1); eth0 carried the NATed pings.
    const host = lines((await t.run('cat /proc/net/dev')).out);
    expect(host.slice(0, 2)).toEqual(HEAD);
    expect(host.find((l) => l.startsWith('docker0:'))).toBe(
      'docker0:     238       3    0    0    0     0          0         1      238       3    0    0    0     0       0          0',
    );
    expect(host.map((l) => l.split(':')[0]!.trim()).slice(2, 5)).toEqual(['lo', 'eth0', 'docker0']);
    expect(await stat(t, 'docker exec c1 ', 'eth0', 'tx_bytes')).toBe(238);
    expect(await stat(t, '', 'docker0', 'multicast')).toBe(1);
  });

  it('the counters move as traffic crosses: a second ping adds only the echo pair, lo counts both directions', async () => {
    const t = newTerm();
    await t.setup('docker run -dit --name c1 alpine', 'docker exec c1 ping -c 1 192.168.1.1');
    const before = await stat(t, 'docker exec c1 ', 'eth0', 'rx_packets');
    await t.setup('docker exec c1 ping -c 1 192.168.1.1');
    expect(await stat(t, 'docker exec c1 ', 'eth0', 'rx_packets')).toBe(before + 1);
    expect(await stat(t, '', 'lo', 'tx_packets')).toBe(0);
    await t.setup('ping -c 1 127.0.0.1');
    // Request and reply both leave and enter lo.
    expect(await stat(t, '', 'lo', 'tx_packets')).toBe(2);
    expect(await stat(t, '', 'lo', 'rx_bytes')).toBe(196);
  });

  it('a third container on the bridge receives the ARP broadcast between two others', async () => {
    const t = newTerm();
    await t.setup('docker run -dit --name c1 alpine', 'docker run -dit --name c2 alpine', 'docker run -dit --name c3 alpine');
    const c3 = await stat(t, 'docker exec c3 ', 'eth0', 'rx_packets');
    await t.setup('docker exec c1 ping -c 1 172.17.0.3');
    expect(await stat(t, 'docker exec c3 ', 'eth0', 'multicast')).toBe(1);
    expect(await stat(t, 'docker exec c3 ', 'eth0', 'rx_packets')).toBeGreaterThan(c3);
  });

  it('the statistics directory, and errors for what is not there', async () => {
    const t = newTerm();
    const ls = (await t.run('ls /sys/class/net/eth0/statistics')).out.split(/\s+/).filter(Boolean);
    expect(ls).toHaveLength(24);
    expect(ls).toContain('rx_nohandler');
    expect((await t.run('ls /sys/class/net/eth0')).out).toContain('statistics');
    expect(await stat(t, '', 'eth0', 'collisions')).toBe(0);
    expect((await t.run('cat /sys/class/net/eth0/statistics/nope')).code).toBe(1);
  });
});
