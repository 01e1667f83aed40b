import { describe, expect, it } from 'vitest';
import { CT_MAX, ctConfirm, ctEntries, ctTimeLeft } from './conntrack';
import { roundTrip, sendFrom } from './deliver';
import { addRoute } from './netns';
import { addr, attach, bridge, nic, ns, ping, testWorld } from './testkit';
import type { Pkt } from './walk-types';

/** A host with a bridge and a container behind it, MASQUERADE to the LAN, and a peer on the LAN. */
function natWorld() {
  const w = testWorld();
  const host = ns(w, 'host', 'host', { forward: true });
  nic(w, host, 'eth0', 'lan', '192.168.1.11/24');
  const br = bridge(w, host, 'docker0', '172.17.0.1/16');
  const c = ns(w, 'c1', 'container');
  attach(w, host, br, c, '172.17.0.2/16', '172.17.0.1');
  const peer = ns(w, 'peer', 'host');
  nic(w, peer, 'eth0', 'lan', '192.168.1.12/24');
  host.nf.nat[3]!.rules.push({ match: { src: '172.17.0.0/16', out: 'docker0', notOut: true }, target: 'MASQUERADE', pkts: 0, bytes: 0 });
  return { w, host, c, peer, br };
}

describe('kernel conntrack: entries from the walk (nf_conntrack_core.c, nf_conntrack_proto_*.c)', () => {
  it('a masqueraded ping records the original tuple and the reply tuple after SNAT', () => {
    const { w, host, c, peer } = natWorld();
    expect(roundTrip(w, c, { proto: 'icmp', dst: '192.168.1.12', dport: null, icmpId: 7 }).ok).toBe(true);
    const [e, ...rest] = ctEntries(w, host);
    expect(rest).toEqual([]);
    expect([e!.orig, e!.reply, e!.replied, e!.assured]).toEqual([
      { src: '172.17.0.2', dst: '192.168.1.12', sport: null, dport: null },
      { src: '192.168.1.12', dst: '192.168.1.11', sport: null, dport: null },
      true,
      false,
    ]);
    expect(ctTimeLeft(w, e!)).toBe(30);
    // The container's namespace does not track; the far host does, with the address it saw.
    expect(ctEntries(w, c)).toEqual([]);
    expect(ctEntries(w, peer).map((x) => [x.orig.src, x.reply.dst, x.replied])).toEqual([['192.168.1.11', '192.168.1.11', true]]);
    w.clock += 30_000;
    expect(ctEntries(w, host)).toEqual([]);
  });

  it('the same echo id refreshes one entry; a new id is a new flow', () => {
    const { w, host, c } = natWorld();
    roundTrip(w, c, { proto: 'icmp', dst: '192.168.1.12', dport: null, icmpId: 7 });
    w.clock += 10_000;
    roundTrip(w, c, { proto: 'icmp', dst: '192.168.1.12', dport: null, icmpId: 7 });
    expect(ctEntries(w, host).map((e) => ctTimeLeft(w, e))).toEqual([30]);
    roundTrip(w, c, { proto: 'icmp', dst: '192.168.1.12', dport: null, icmpId: 8 });
    expect(ctEntries(w, host)).toHaveLength(2);
  });

  it('tcp: unanswered SYN_SENT 120 s; answered TIME_WAIT and ASSURED; udp unreplied 30 s, a stream after 2 s 120 s ASSURED', () => {
    const { w, host, c } = natWorld();
    sendFrom(w, c, { proto: 'tcp', dst: '192.168.1.12', dport: 80, sport: 40000 });
    roundTrip(w, c, { proto: 'tcp', dst: '192.168.1.12', dport: 81, sport: 40001 });
    sendFrom(w, c, { proto: 'udp', dst: '192.168.1.12', dport: 53, sport: 40002 });
    const [syn, done, udp] = ctEntries(w, host);
    expect([syn!.state, syn!.replied, ctTimeLeft(w, syn!)]).toEqual(['SYN_SENT', false, 120]);
    expect([done!.state, done!.assured, ctTimeLeft(w, done!)]).toEqual(['TIME_WAIT', true, 120]);
    expect([udp!.replied, udp!.assured, ctTimeLeft(w, udp!)]).toEqual([false, false, 30]);
    roundTrip(w, c, { proto: 'udp', dst: '192.168.1.12', dport: 53, sport: 40002 });
    expect([udp!.replied, udp!.assured, ctTimeLeft(w, udp!)]).toEqual([true, false, 30]);
    w.clock += 3000;
    roundTrip(w, c, { proto: 'udp', dst: '192.168.1.12', dport: 53, sport: 40002 });
    expect([udp!.assured, ctTimeLeft(w, udp!)]).toEqual([true, 120]);
  });

  it('a packet dropped before it leaves the host creates no entry', () => {
    const { w, host, c } = natWorld();
    host.nf.filter[1]!.policy = 'DROP';
    expect(ping(w, c, '192.168.1.12').ok).toBe(false);
    expect(ctEntries(w, host)).toEqual([]);
  });

  it('the table is bounded: past CT_MAX the oldest entry gives way', () => {
    const { w, host } = natWorld();
    const pkt = (sport: number) => ({ proto: 'udp', src: '10.0.0.1', dst: '10.0.0.2', sport, dport: 53, reply: false, count: true, ctStart: { ns: host, src: '10.0.0.1', dst: '10.0.0.2', sport, dport: 53 } }) as unknown as Pkt;
    for (let i = 0; i <= CT_MAX; i++) ctConfirm(w, host, pkt(i));
    const all = ctEntries(w, host);
    expect(all).toHaveLength(CT_MAX);
    expect(all[0]!.orig.sport).toBe(1);
  });

  it('a LAN host that only forwards without NAT still tracks what it routes', () => {
    const w = testWorld();
    const a = ns(w, 'a', 'machine');
    nic(w, a, 'eth0', 's1', '10.1.0.2/24');
    addRoute(w, a, { dst: 'default', via: '10.1.0.1', dev: 'eth0' });
    const r = ns(w, 'r', 'host', { forward: true });
    nic(w, r, 'eth0', 's1', '10.1.0.1/24');
    const e1 = nic(w, r, 'eth1', 's2');
    addr(w, r, e1, '10.2.0.1/24');
    const b = ns(w, 'b', 'machine');
    nic(w, b, 'eth0', 's2', '10.2.0.2/24');
    addRoute(w, b, { dst: 'default', via: '10.2.0.1', dev: 'eth0' });
    expect(ping(w, a, '10.2.0.2').ok).toBe(true);
    expect(ctEntries(w, r).map((e) => [e.orig.src, e.reply.src, e.reply.dst])).toEqual([['10.1.0.2', '10.2.0.2', '10.1.0.2']]);
  });
});
