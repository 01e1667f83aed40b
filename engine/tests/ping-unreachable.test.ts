/**
 * ping to a neighbour that never answers ARP. The kernel holds the probes while it asks (three
 * requests a second apart), then fails them; iputils reads each failure from the socket's error
 * queue and prints it (iputils ping/ping_output.c: "From %s icmp_seq=%u ", then the ICMP text;
 * ping_print_finish: "+N errors" and "pipe N", the most probes in flight when an answer came;
 * ping_common.c __schedule_exit: with no reply it waits up to 10 s for the rest). BusyBox ping
 * reads no error queue: it just loses them.
 */
import { describe, expect, it } from 'vitest';
import { newTerm } from './helpers';

describe('ping: Destination Host Unreachable when ARP gets no answer', () => {
  it('iputils on the host, to a free address on docker0: one error per probe, from the host\'s address', async () => {
    const t = newTerm();
    const r = await t.run('ping -c 3 172.17.0.99');
    expect(r.code).toBe(1);
    expect(r.out).toBe(
      'PING 172.17.0.99 (172.17.0.99) 56(84) bytes of data.\n' +
        'From 172.17.0.1 icmp_seq=1 Destination Host Unreachable\n' +
        'From 172.17.0.1 icmp_seq=2 Destination Host Unreachable\n' +
        'From 172.17.0.1 icmp_seq=3 Destination Host Unreachable\n' +
        '\n--- 172.17.0.99 ping statistics ---\n' +
        '3 packets transmitted, 0 received, +3 errors, 100% packet loss, time 2002ms\n' +
        'pipe 3\n',
    );
  });

  it('a fourth probe starts a new round of asking; ping waits for its error before the summary', async () => {
    const t = newTerm();
    const before = await t.run('date +%s');
    const r = await t.run('ping -c 4 172.17.0.99');
    const after = await t.run('date +%s');
    expect(r.out).toContain('From 172.17.0.1 icmp_seq=4 Destination Host Unreachable\n');
    expect(r.out).toContain('4 packets transmitted, 0 received, +4 errors, 100% packet loss, time 3003ms\npipe 3\n');
    // Three seconds of asking, twice: the line took six seconds of lab time (plus each line's tick).
    expect(Number(after.out) - Number(before.out)).toBeGreaterThanOrEqual(6);
  });

  it('-q keeps the errors out of the output but counts them', async () => {
    const t = newTerm();
    const r = await t.run('ping -q -c 2 172.17.0.99');
    expect(r.out).not.toContain('Unreachable');
    expect(r.out).toContain('2 packets transmitted, 0 received, +2 errors, 100% packet loss, time 1001ms\npipe 2\n');
  });

  it('busybox ping in a container just loses them (it reads no error queue)', async () => {
    const t = newTerm();
    await t.setup('docker run -d --name b1 busybox sleep 1000');
    const r = await t.run('docker exec b1 ping -c 2 172.17.0.99');
    expect(r.out).toBe('PING 172.17.0.99 (172.17.0.99): 56 data bytes\n\n--- 172.17.0.99 ping statistics ---\n2 packets transmitted, 0 packets received, 100% packet loss\n');
    expect(r.code).toBe(1);
  });

  it('a neighbour that answers gets no error count', async () => {
    const t = newTerm();
    await t.setup('docker run -d --name b1 busybox sleep 1000');
    const ok = await t.run('ping -c 1 172.17.0.2');
    expect(ok.out).toContain('1 packets transmitted, 1 received, 0% packet loss');
    expect(ok.out).not.toContain('errors');
  });
});
