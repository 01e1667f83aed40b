import { describe, expect, it } from 'vitest';
import { roundTrip } from './deliver';
import { addIpvsDest, addIpvsService } from './ipvs';
import { addAddr } from './netns';
import { attach, bridge, ns, testWorld } from './testkit';

/** A director `lb` (swarm's ingress sandbox / lb_ namespace) on br0 with a VIP, three tasks and a client. */
function lab() {
  const w = testWorld();
  const lb = ns(w, 'lb', 'host', { forward: true });
  const br = bridge(w, lb, 'br0', '10.0.0.1/24');
  addAddr(w, lb, br, { ip: '10.0.0.100', prefix: 32, scope: 'global' });
  const tasks = [2, 3, 4].map((i) => {
    const t = ns(w, `t${i}`, 'container');
    attach(w, lb, br, t, `10.0.0.${i}/24`, '10.0.0.1');
    return t;
  });
  const client = ns(w, 'client', 'container');
  attach(w, lb, br, client, '10.0.0.10/24', '10.0.0.1');
  // Docker's ingress_sbox: answers of scheduled connections must come back through the director.
  lb.nf.nat[3]!.rules = [{ match: { dst: '10.0.0.0/24', ipvs: true }, target: 'SNAT', toSource: '10.0.0.1' }];
  return { w, lb, tasks, client };
}

function connect(w: ReturnType<typeof lab>['w'], from: ReturnType<typeof lab>['client']) {
  return roundTrip(w, from, { proto: 'tcp', dst: '10.0.0.100', dport: 80 });
}

describe('IPVS: virtual services with NAT forwarding', () => {
  it('a VIP:port service sends connections round-robin to its real servers, and answers come from the VIP', () => {
    const { w, lb, client } = lab();
    const svc = addIpvsService(w, lb, { proto: 'tcp', vip: '10.0.0.100', port: 80 });
    addIpvsDest(svc, { ip: '10.0.0.2', port: 80 });
    addIpvsDest(svc, { ip: '10.0.0.3', port: 80 });
    const served: string[] = [];
    for (let i = 0; i < 4; i++) {
      const rt = connect(w, client);
      expect(rt.ok).toBe(true);
      if (!rt.there.ok || !rt.back?.ok) throw new Error('walk failed');
      served.push(rt.there.ns.id);
      expect(rt.there).toMatchObject({ src: '10.0.0.1', dst: rt.there.ns.id === 't2' ? '10.0.0.2' : '10.0.0.3', dport: 80 });
      expect(rt.back).toMatchObject({ src: '10.0.0.100', sport: 80, dst: '10.0.0.10' });
    }
    expect(served).toEqual(['t2', 't3', 't2', 't3']);
    expect(svc.dests.map((d) => d.conns)).toEqual([2, 2]);
    expect(connect(w, client).there.path.find((h) => h.step === 'ipvs')).toMatchObject({ ns: 'lb', to: '10.0.0.2:80' });
  });

  it('a firewall-mark service: mangle marks the VIP traffic, IPVS schedules by mark (swarm ingress)', () => {
    const { w, lb, client } = lab();
    lb.nf.mangle![0]!.rules = [{ match: { dst: '10.0.0.100/32', proto: 'tcp', dport: 80 }, target: 'MARK', setMark: 0x100 }];
    const svc = addIpvsService(w, lb, { fwmark: 0x100 });
    addIpvsDest(svc, { ip: '10.0.0.4' });
    const rt = connect(w, client);
    expect(rt.ok).toBe(true);
    expect(rt.there.ok && rt.there.ns.id).toBe('t4');
    expect(rt.there.ok && rt.there.dport).toBe(80);
  });

  it('locally sent connections to a VIP are scheduled at LOCAL_OUT (the VIP in a container sandbox)', () => {
    const { w, client } = lab();
    const svc = addIpvsService(w, client, { proto: 'tcp', vip: '10.0.0.200', port: 80 });
    addIpvsDest(svc, { ip: '10.0.0.3', port: 80 });
    client.routes.push({ dst: '10.0.0.200/32', via: null, dev: 'eth0', src: null, proto: 'static', scope: 'link', metric: null });
    w.netVersion++;
    const rt = roundTrip(w, client, { proto: 'tcp', dst: '10.0.0.200', dport: 80 });
    expect(rt.ok).toBe(true);
    expect(rt.back?.ok && rt.back.src).toBe('10.0.0.200');
  });

  it('a service without real servers drops, and says so', () => {
    const { w, lb, client } = lab();
    addIpvsService(w, lb, { proto: 'tcp', vip: '10.0.0.100', port: 80 });
    const rt = connect(w, client);
    expect(rt.there.ok ? '' : rt.there.where).toBe('lb: IPVS service 10.0.0.100:80 has no real server');
  });
});
