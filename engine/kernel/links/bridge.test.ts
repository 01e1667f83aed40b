import { describe, expect, it } from 'vitest';
import { addr, attach, bridge, link, ns, ping, testWorld } from '../testkit';
import { addVethPair, deleteLink } from '../netns';
import { fdbDump, fdbLineText } from './fdb-show';
import { openTap, type CapturedFrame } from '../taps';
import { roundTrip } from '../deliver';

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

describe('veth', () => {
  it('what one end transmits, the peer receives; a down end loses it', () => {
    const w = testWorld();
    const a = ns(w, 'a');
    const b = ns(w, 'b');
    const { eth0 } = attach(w, a, bridge(w, a, 'br0', '10.0.0.1/24'), b, '10.0.0.2/24');
    expect(ping(w, a, '10.0.0.2').ok).toBe(true);
    eth0.up = false;
    w.netVersion++;
    const r = ping(w, a, '10.0.0.2');
    expect(r.ok).toBe(false);
    expect(r.there.ok ? null : r.there.reason).toBe('host-unreachable');
  });
});

describe('bridge: a learning switch with an FDB', () => {
  it('learns the MACs that cross it, and `bridge fdb show` prints them as iproute2 does', () => {
    const { w, host, br, c1, a1, a2 } = lab();
    expect(fdbDump(w, host).filter((l) => l.master && l.state === '')).toEqual([]);
    expect(ping(w, c1, '172.17.0.3').ok).toBe(true);
    const lines = fdbDump(w, host).map((l) => fdbLineText(l));
    const tail = (m: string) => m.slice(9);
    // As iproute2 6.15 prints it on Linux 6.18 (one device after the other, the ports after the bridge).
    expect(lines.slice(0, 10)).toEqual([
      '33:33:00:00:00:01 dev docker0 self permanent',
      '01:00:5e:00:00:6a dev docker0 self permanent',
      '33:33:00:00:00:6a dev docker0 self permanent',
      '01:00:5e:00:00:01 dev docker0 self permanent',
      `33:33:ff:${tail(br.mac)} dev docker0 self permanent`,
      `${a1.eth0.mac} dev veth-c1 master docker0 `,
      `${a1.port.mac} dev veth-c1 master docker0 permanent`,
      '33:33:00:00:00:01 dev veth-c1 self permanent',
      '01:00:5e:00:00:01 dev veth-c1 self permanent',
      `33:33:ff:${tail(a1.port.mac)} dev veth-c1 self permanent`,
    ]);
    expect(lines).toContain(`${a2.eth0.mac} dev veth-c2 master docker0 `);
  });

  it('floods unknown unicast to every other port (captures see it leave them), then forwards by the FDB', () => {
    const { w, host, c1, c2, a2 } = lab();
    // A static neighbour entry: no ARP exchange teaches the bridge where c2 is before the first frame.
    c1.neigh = { '172.17.0.3': { dev: 'eth0', mac: a2.eth0.mac, permanent: true } };
    const seen: CapturedFrame[] = [];
    const close = openTap(w, { ns: host.id, dev: 'any' }, (f) => seen.push(f));
    const first = ping(w, c1, '172.17.0.3');
    expect(first.ok).toBe(true);
    // Copies nobody took leave no hop behind.
    expect(first.there.path.map((h) => `${h.step} ${h.dev}${h.to ? `>${h.to}` : ''}`)).toEqual(['out eth0', 'bridge veth-c1>veth-c2', 'in eth0']);
    const icmp = seen.filter((f) => f.ethertype === 'ipv4').map((f) => `${f.dev} ${f.pktType} ${f.ip!.src}>${f.ip!.dst}${f.ip!.reply ? ' reply' : ''}`);
    // The first request floods (veth-c3 sees it leave too); the reply goes straight back by the FDB.
    expect(icmp).toEqual([
      'veth-c1 otherhost 172.17.0.2>172.17.0.3',
      'veth-c3 outgoing 172.17.0.2>172.17.0.3',
      'veth-c2 outgoing 172.17.0.2>172.17.0.3',
      'veth-c2 otherhost 172.17.0.3>172.17.0.2 reply',
      'veth-c1 outgoing 172.17.0.3>172.17.0.2 reply',
    ]);
    seen.length = 0;
    expect(ping(w, c2, '172.17.0.2').ok).toBe(true);
    expect(seen.filter((f) => f.dev === 'veth-c3')).toEqual([]);
    close();
  });

  it('the ARP exchange crosses it once per neighbour: request broadcast, reply unicast', () => {
    const { w, host, c1 } = lab();
    const seen: CapturedFrame[] = [];
    openTap(w, { ns: host.id, dev: 'any' }, (f) => seen.push(f));
    ping(w, c1, '172.17.0.3');
    ping(w, c1, '172.17.0.3');
    const arp = seen.filter((f) => f.arp).map((f) => `${f.dev} ${f.pktType} ${f.arp!.op} ${f.arp!.senderIp}>${f.arp!.targetIp}`);
    expect(arp).toEqual([
      'veth-c1 broadcast request 172.17.0.2>172.17.0.3',
      // A broadcast also goes up the bridge's own stack (br_handle_frame_finish: local_rcv), where -i any sees it.
      'docker0 broadcast request 172.17.0.2>172.17.0.3',
      'veth-c3 outgoing request 172.17.0.2>172.17.0.3',
      'veth-c2 outgoing request 172.17.0.2>172.17.0.3',
      'veth-c2 otherhost reply 172.17.0.3>172.17.0.2',
      'veth-c1 outgoing reply 172.17.0.3>172.17.0.2',
    ]);
  });

  it('bridged IPv4 meets the bridge namespace FORWARD chain only with br_netfilter on; the drop names the rule', () => {
    const { w, host, c1 } = lab();
    host.nf.filter.find((c) => c.name === 'FORWARD')!.rules = [{ match: { in: 'docker0', out: 'docker0' }, target: 'DROP' }];
    expect(ping(w, c1, '172.17.0.3').ok).toBe(true);
    host.bridgeNfCall = true;
    const r = ping(w, c1, '172.17.0.3');
    expect(r.ok).toBe(false);
    expect(r.there.ok).toBe(false);
    if (r.there.ok) return;
    expect(r.there.reason).toBe('dropped');
    expect(r.there.where).toBe('host: filter FORWARD DROP');
    expect(r.there.at).toMatchObject({ step: 'drop', ns: 'host', dev: 'veth-c1', verdict: { table: 'filter', hook: 'FORWARD', chain: 'FORWARD', index: 1 } });
    // Routed traffic to the bridge's own address is not bridged: it goes up to the host.
    expect(ping(w, c1, '172.17.0.1').ok).toBe(true);
  });

  it('a port that leaves takes its learned entries with it', () => {
    const { w, host, c1, a2 } = lab();
    ping(w, c1, '172.17.0.3');
    expect(fdbDump(w, host).some((l) => l.mac === a2.eth0.mac)).toBe(true);
    deleteLink(w, host, a2.port);
    expect(fdbDump(w, host).some((l) => l.mac === a2.eth0.mac)).toBe(false);
    expect(ping(w, c1, '172.17.0.3').ok).toBe(false);
  });

  it('a loop (two ports of one bridge joined by a veth) does not recurse for ever', () => {
    const { w, host, c1, a2 } = lab();
    const [a, b] = addVethPair(w, host, { name: 'loopA', mac: '02:aa:00:00:00:01' }, host, { name: 'loopB', mac: '02:aa:00:00:00:02' });
    for (const l of [a, b]) {
      l.master = link(host, 'docker0').ifindex;
      l.up = true;
    }
    w.netVersion++;
    // No ARP first: the bridge does not know c2 and floods, into the loop among other ports.
    c1.neigh = { '172.17.0.3': { dev: 'eth0', mac: a2.eth0.mac, permanent: true } };
    expect(() => ping(w, c1, '172.17.0.3')).not.toThrow();
  });

  it('a bridge that is down drops what its ports bring', () => {
    const { w, c1, br } = lab();
    br.up = false;
    w.netVersion++;
    expect(ping(w, c1, '172.17.0.3').ok).toBe(false);
  });

  it('the walk names every hop: namespace, device, route', () => {
    const { w, c1 } = lab();
    const r = ping(w, c1, '172.17.0.3');
    expect(r.there.path.map((h) => `${h.step} ${h.ns} ${h.dev}${h.to ? `>${h.to}` : ''}`)).toEqual(['out c1 eth0', 'bridge host veth-c1>veth-c2', 'in c2 eth0']);
    expect(r.there.path[0]!.route).toMatchObject({ dst: '172.17.0.0/16', dev: 'eth0' });
    expect(r.there.trail).toEqual(['c1: out eth0', 'c2: in eth0']);
  });
});

describe('taps', () => {
  it('report ports (an ephemeral one for the client) and ICMP ids as the frame had them there', () => {
    const { w, host, c1 } = lab();
    const seen: CapturedFrame[] = [];
    openTap(w, { ns: host.id, dev: 'veth-c2' }, (f) => seen.push(f));
    roundTrip(w, c1, { proto: 'tcp', dst: '172.17.0.3', dport: 80 });
    roundTrip(w, c1, { proto: 'icmp', dst: '172.17.0.3', dport: null, icmpId: 56, icmpSeq: 0 });
    const [syn, synack, echo, reply] = seen.filter((f) => f.ip).map((f) => f.ip!);
    expect(syn!.sport).toBeGreaterThanOrEqual(32768);
    expect(syn!.sport).toBeLessThanOrEqual(60999);
    expect(synack).toMatchObject({ src: '172.17.0.3', sport: 80, dport: syn!.sport, reply: true });
    expect(echo).toMatchObject({ icmpId: 56, icmpSeq: 0, sport: null, reply: false });
    expect(reply).toMatchObject({ icmpId: 56, icmpSeq: 0, reply: true, ttl: 64 });
  });

  it('report nothing once closed, and lo shows local traffic once, as "In"', () => {
    const { w, host } = lab();
    const seen: CapturedFrame[] = [];
    const close = openTap(w, { ns: host.id, dev: 'lo' }, (f) => seen.push(f));
    expect(ping(w, host, '172.17.0.1').ok).toBe(true);
    expect(seen.map((f) => `${f.dev} ${f.pktType} ${f.ip!.src}>${f.ip!.dst}`)).toEqual(['lo host 172.17.0.1>172.17.0.1', 'lo host 172.17.0.1>172.17.0.1']);
    close();
    ping(w, host, '172.17.0.1');
    expect(seen).toHaveLength(2);
    void addr;
    void link;
  });
});
