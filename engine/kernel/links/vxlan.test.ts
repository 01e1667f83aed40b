import { describe, expect, it } from 'vitest';
import { addr, attach, bridge, nic, ns, ping, testWorld, type TestWorld } from '../testkit';
import { moveLink } from '../netns';
import type { Link, NetNs } from '../types';
import { addVxlan, vxlanFdbAdd, ZERO_MAC } from './vxlan';
import { openTap, type CapturedFrame } from '../taps';
import { roundTrip } from '../deliver';
import { fdbDump, fdbLineText } from './fdb-show';

/**
 * Docker's overlay shape on two hosts: per host a namespace with br0 (the gateway) and vxlan0
 * (created in the host, so its UDP socket stays there, then moved in), a container on br0.
 */
function overlay(opts: { proxy?: boolean; encrypted?: boolean; learning?: boolean; staticMacs?: boolean } = {}) {
  const w = testWorld();
  const hosts: { host: NetNs; ov: NetNs; vx: Link; ctr: NetNs; eth0: Link }[] = [];
  for (const [i, hostIp] of [[1, '192.168.1.11'], [2, '192.168.1.12']] as const) {
    const host = ns(w, `h${i}`);
    nic(w, host, 'eth0', 'lan', `${hostIp}/24`);
    const ov = ns(w, `ov${i}`);
    const br = bridge(w, ov, 'br0', '10.0.1.1/24');
    const vx = addVxlan(w, host, { name: `vx-001001-abcde`, mac: `02:42:00:00:0${i}:ff`, vni: 4097, local: hostIp, proxy: opts.proxy, l2miss: opts.proxy, l3miss: opts.proxy, learning: opts.learning ?? false, encrypted: opts.encrypted });
    moveLink(w, host, vx, ov, 'vxlan0');
    vx.master = br.ifindex;
    vx.up = true;
    w.netVersion++;
    const ctr = ns(w, `c${i}`, 'container');
    const { eth0 } = attach(w, ov, br, ctr, `10.0.1.${i + 1}/24`, '10.0.1.1');
    hosts.push({ host, ov, vx, ctr, eth0 });
  }
  const [a, b] = hosts as [(typeof hosts)[0], (typeof hosts)[0]];
  for (const [me, peer, peerIp] of [[a, b, '192.168.1.12'], [b, a, '192.168.1.11']] as const) {
    vxlanFdbAdd(w, me.vx, { mac: ZERO_MAC, dst: peerIp });
    if (opts.staticMacs !== false) vxlanFdbAdd(w, me.vx, { mac: peer.eth0.mac, dst: peerIp });
    if (opts.proxy) me.ov.neigh = { [peer.ctr.links[1]!.addrs[0]!.ip]: { dev: 'vxlan0', mac: peer.eth0.mac, permanent: true } };
  }
  return { w, a, b };
}

function capture(w: TestWorld, nsId: string, dev: string): CapturedFrame[] {
  const seen: CapturedFrame[] = [];
  openTap(w, { ns: nsId, dev }, (f) => seen.push(f));
  return seen;
}

describe('vxlan: frames in UDP 4789 over the underlay', () => {
  it('containers on two hosts reach each other through the tunnel; the path shows the underlay', () => {
    const { w, a } = overlay();
    const r = ping(w, a.ctr, '10.0.1.3');
    expect(r.ok).toBe(true);
    const encap = r.there.path.find((h) => h.step === 'encap')!;
    expect(encap).toMatchObject({ ns: 'ov1', dev: 'vxlan0', to: '192.168.1.12' });
    expect(encap.underlay!.map((h) => `${h.step} ${h.ns} ${h.dev}`)).toEqual(['out h1 eth0', 'in h2 eth0']);
    expect(r.there.ok && r.there.lanHops).toBe(1);
  });

  it('the wire carries UDP from VTEP to VTEP port 4789 with the VNI and the inner packet; the source port is the same both ways', () => {
    const { w, a } = overlay();
    const seen = capture(w, 'h1', 'eth0');
    ping(w, a.ctr, '10.0.1.3');
    const icmp = seen.filter((f) => f.encap?.kind === 'vxlan' && f.encap.inner.ip);
    expect(icmp).toHaveLength(2);
    const [out, back] = icmp as [CapturedFrame, CapturedFrame];
    expect(out.ip).toMatchObject({ src: '192.168.1.11', dst: '192.168.1.12', proto: 'udp', dport: 4789 });
    expect(back.ip).toMatchObject({ src: '192.168.1.12', dst: '192.168.1.11', proto: 'udp', dport: 4789, sport: out.ip!.sport });
    expect(out.encap).toMatchObject({ kind: 'vxlan', vni: 4097, inner: { ip: { src: '10.0.1.2', dst: '10.0.1.3', proto: 'icmp', reply: false } } });
    expect(out.ip!.len).toBe(84 + 50);
  });

  it('`iptables -I INPUT -p udp --dport 4789 -j DROP` on the receiver breaks the overlay, and says where', () => {
    const { w, a, b } = overlay({ proxy: true });
    b.host.nf.filter.find((c) => c.name === 'INPUT')!.rules = [{ match: { proto: 'udp', dport: 4789 }, target: 'DROP' }];
    const r = ping(w, a.ctr, '10.0.1.3');
    expect(r.ok).toBe(false);
    if (r.there.ok) throw new Error('should fail');
    expect(r.there.reason).toBe('dropped');
    expect(r.there.where).toBe('h2: filter INPUT DROP');
    expect(r.there.at.underlay?.map((h) => h.step)).toEqual(['out', 'in', 'drop']);
    expect(b.host.nf.filter.find((c) => c.name === 'INPUT')!.rules[0]!.pkts).toBe(1);
    // Without proxy ARP the request itself crosses the tunnel and dies there: no neighbour at all.
    const plain = overlay();
    plain.b.host.nf.filter.find((c) => c.name === 'INPUT')!.rules = [{ match: { proto: 'udp', dport: 4789 }, target: 'DROP' }];
    const r2 = ping(plain.w, plain.a.ctr, '10.0.1.3');
    expect(r2.there.ok ? '' : r2.there.reason).toBe('host-unreachable');
  });

  it('learning: the far end notes which VTEP an inner MAC is behind', () => {
    const { w, a, b } = overlay({ learning: true, staticMacs: false });
    expect(ping(w, a.ctr, '10.0.1.3').ok).toBe(true);
    const lines = fdbDump(w, b.ov).filter((l) => l.dev === 'vxlan0').map((l) => fdbLineText(l));
    // vxlan0 is a port of br0 too: what br0 learned behind it comes first.
    expect(lines).toEqual([
      `${a.eth0.mac} dev vxlan0 master br0 `,
      `${b.vx.mac} dev vxlan0 master br0 permanent`,
      `00:00:00:00:00:00 dev vxlan0 dst 192.168.1.11 self permanent`,
      `${a.eth0.mac} dev vxlan0 dst 192.168.1.11 self `,
    ]);
  });

  it('without proxy the ARP request crosses the tunnel; with proxy (Docker) it is answered locally', () => {
    const plain = overlay();
    const seen = capture(plain.w, 'h1', 'eth0');
    ping(plain.w, plain.a.ctr, '10.0.1.3');
    expect(seen.some((f) => f.encap?.kind === 'vxlan' && f.encap.inner.arp?.op === 'request')).toBe(true);
    const proxied = overlay({ proxy: true });
    const seen2 = capture(proxied.w, 'h1', 'eth0');
    expect(ping(proxied.w, proxied.a.ctr, '10.0.1.3').ok).toBe(true);
    expect(seen2.some((f) => f.encap?.kind === 'vxlan' && f.encap.inner.arp)).toBe(false);
  });

  it('encrypted: the wire shows ESP, and the UDP inside still meets INPUT after decryption', () => {
    const { w, a, b } = overlay({ encrypted: true });
    const seen = capture(w, 'h1', 'eth0');
    expect(ping(w, a.ctr, '10.0.1.3').ok).toBe(true);
    const esp = seen.filter((f) => f.ip?.proto === 'esp');
    expect(esp.length).toBeGreaterThanOrEqual(2);
    expect(esp[0]!.encap).toMatchObject({ kind: 'esp' });
    expect(seen.some((f) => f.ip?.proto === 'udp')).toBe(false);
    b.host.nf.filter.find((c) => c.name === 'INPUT')!.rules = [{ match: { proto: 'udp', dport: 4789 }, target: 'DROP' }];
    expect(ping(w, a.ctr, '10.0.1.3').ok).toBe(false);
    b.host.nf.filter.find((c) => c.name === 'INPUT')!.rules = [{ match: { proto: 'esp' }, target: 'DROP' }];
    expect(ping(w, a.ctr, '10.0.1.3').ok).toBe(false);
  });

  it('the tunnel overhead: 50 bytes, 26 more with ESP; a packet that no longer fits the underlay MTU is lost', () => {
    const clear = overlay({ proxy: true });
    const big = { proto: 'icmp' as const, dst: '10.0.1.3', dport: null, len: 1450 };
    expect(roundTrip(clear.w, clear.a.ctr, big).ok).toBe(true);
    const enc = overlay({ proxy: true, encrypted: true });
    const r = roundTrip(enc.w, enc.a.ctr, big);
    expect(r.there.ok ? '' : r.there.where).toBe('h1: message too long, mtu=1500');
    // Docker sets encrypted overlays to 1424 (1450 - 26): the container learns it at its own device.
    for (const h of [enc.a, enc.b]) h.eth0.mtu = h.vx.mtu = 1424;
    expect(roundTrip(enc.w, enc.a.ctr, { ...big, len: 1424 }).ok).toBe(true);
    expect(roundTrip(enc.w, enc.a.ctr, big).there.ok ? '' : 'lost').toBe('lost');
  });

  it('nothing listening on the far host: the frame dies there', () => {
    const { w, a, b } = overlay({ proxy: true });
    b.vx.vni = 5000;
    w.netVersion++;
    const r = ping(w, a.ctr, '10.0.1.3');
    expect(r.there.ok ? '' : r.there.where).toBe('h2: nothing listens on udp 4789 for vni 4097');
    void addr;
  });
});
