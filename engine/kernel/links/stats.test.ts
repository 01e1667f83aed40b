import { describe, expect, it } from 'vitest';
import { attach, bridge, ns, ping, testWorld } from '../testkit';
import { frameBytes, statsOf } from './stats';
import type { Frame, Pkt } from '../walk-types';

/** Interface counters as the walks move frames (what `ip -s link` and /proc/net/dev print). */

function lab() {
  const w = testWorld();
  const host = ns(w, 'host', 'host', { forward: true });
  const br = bridge(w, host, 'docker0', '172.17.0.1/16');
  const c1 = ns(w, 'c1', 'container');
  const c2 = ns(w, 'c2', 'container');
  const c3 = ns(w, 'c3', 'container');
  const a1 = attach(w, host, br, c1, '172.17.0.2/16', '172.17.0.1');
  const a2 = attach(w, host, br, c2, '172.17.0.3/16', '172.17.0.1');
  const a3 = attach(w, host, br, c3, '172.17.0.4/16', '172.17.0.1');
  return { w, host, br, c1, c2, c3, a1, a2, a3 };
}

const ARP = 14 + 28;
const ECHO = 14 + 84;

describe('link statistics', () => {
  it('frame bytes: Ethernet header, a 802.1q tag, then the ARP body or the IP packet (no FCS)', () => {
    const f = (vlan: number | null, arp: Frame['arp'], len: number) => ({ vlan, arp, pkt: { len } as Pkt }) as Frame;
    expect(frameBytes(f(null, 'request', 0))).toBe(42);
    expect(frameBytes(f(null, null, 84))).toBe(98);
    expect(frameBytes(f(10, null, 84))).toBe(102);
  });

  it('a ping between two containers: both veth ends count each frame once, the bridge only the broadcast it took up', () => {
    const { w, br, c1, a1, a2, a3 } = lab();
    expect(ping(w, c1, '172.17.0.3').ok).toBe(true);
    // c1: ARP request out, reply in; echo request out, reply in.
    expect(statsOf(a1.eth0)).toEqual({ txPackets: 2, txBytes: ARP + ECHO, rxPackets: 2, rxBytes: ARP + ECHO, rxMcast: 0 });
    // The host end sees the same frames the other way round; the broadcast counts as multicast received.
    expect(statsOf(a1.port)).toEqual({ rxPackets: 2, rxBytes: ARP + ECHO, rxMcast: 1, txPackets: 2, txBytes: ARP + ECHO });
    expect(statsOf(a2.eth0)).toMatchObject({ rxPackets: 2, rxMcast: 1, txPackets: 2 });
    // Bridged unicast never touches docker0's own counters; the ARP broadcast goes up its stack.
    expect(statsOf(br)).toEqual({ rxPackets: 1, rxBytes: ARP, rxMcast: 1, txPackets: 0, txBytes: 0 });
    // c3 is on the same bridge: it receives the flooded broadcast (and the first, unlearnt echo request leaves its port).
    expect(statsOf(a3.eth0)).toMatchObject({ rxMcast: 1, txPackets: 0 });
    expect(statsOf(a3.port).txPackets).toBeGreaterThanOrEqual(1);
  });

  it('the host itself: frames to and from the bridge address count on docker0 as sent and received', () => {
    const { w, br, c1, a1 } = lab();
    expect(ping(w, c1, '172.17.0.1').ok).toBe(true);
    expect(statsOf(br)).toEqual({ rxPackets: 2, rxBytes: ARP + ECHO, rxMcast: 1, txPackets: 2, txBytes: ARP + ECHO });
    expect(statsOf(a1.eth0)).toMatchObject({ txPackets: 2, rxPackets: 2 });
  });

  it('a second ping needs no ARP: only the echo pair is added', () => {
    const { w, c1, a1 } = lab();
    ping(w, c1, '172.17.0.3');
    const before = statsOf(a1.eth0).txBytes;
    ping(w, c1, '172.17.0.3');
    expect(statsOf(a1.eth0).txBytes - before).toBe(ECHO);
  });
});
