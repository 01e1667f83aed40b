/**
 * `ip link add|del|set` and `ip route add|del|replace` on a host, with iproute2 6.15's own texts
 * (ip/iplink.c, iplink_macvlan.c, iplink_ipvlan.c, iplink_vlan.c, iproute.c, lib/utils.c) and the
 * kernel's refusals ("RTNETLINK answers: …", or its extended ack "Error: ….", exit 2).
 */
import { describe, expect, it } from 'vitest';
import { lines, newTerm } from './helpers';

const ok = { code: 0, output: '' };

describe('ip link add', () => {
  it('macvlan, ipvlan, vlan, dummy, bridge and veth devices appear with their kind in ip -d link', async () => {
    const t = newTerm();
    for (const l of [
      'ip link add mac0 link eth0 type macvlan mode bridge',
      'ip link add link eth0 name eth0.30 type vlan id 30',
      'ip link add iv0 link eth0.30 type ipvlan mode l2',
      'ip link add dum0 type dummy',
      'ip link add br9 type bridge',
      'ip link add va type veth peer name vb',
    ]) {
      expect(await t.run(l), l).toMatchObject(ok);
    }
    const d = (await t.run('ip -d link')).out;
    expect(d).toMatch(/\d+: mac0@eth0: <BROADCAST,MULTICAST> mtu 1500 qdisc noqueue state DOWN mode DEFAULT group default\n/);
    expect(d).toContain('    macvlan mode bridge bcqueuelen 1000 usedbcqueuelen 1000 ');
    expect(d).toContain('    vlan protocol 802.1Q id 30 <REORDER_HDR> ');
    expect(d).toMatch(/iv0@eth0\.30: /);
    expect(d).toContain('    ipvlan  mode l2 bridge ');
    expect(d).toMatch(/\d+: va@vb: /);
    expect((await t.run('ip link show mac0')).out).not.toContain('UP');
  });

  it('defaults are the kernel\'s: macvlan vepa, ipvlan l3 bridge; an ipvlan wears its lower\'s MAC', async () => {
    const t = newTerm();
    await t.setup('ip link add m1 link eth0 type macvlan', 'ip link add link eth0 name eth0.9 type vlan id 9', 'ip link add i1 link eth0.9 type ipvlan');
    expect((await t.run('ip -d link show m1')).out).toContain('macvlan mode vepa ');
    const i1 = (await t.run('ip -d link show i1')).out;
    expect(i1).toContain('ipvlan  mode l3 bridge ');
    expect(i1).toContain('<BROADCAST,MULTICAST,NOARP>');
    const eth0 = (await t.run('ip link show eth0')).out.match(/link\/ether (\S+)/)![1];
    expect(i1).toContain(`link/ether ${eth0} `);
  });

  it('argument errors from iproute2 (exit 1 or 255)', async () => {
    const t = newTerm();
    expect(await t.run('ip link add foo')).toMatchObject({ code: 1, err: 'Not enough information: "type" argument is required\n' });
    expect(await t.run('ip link add m1 link eth9 type macvlan')).toMatchObject({ code: 1, err: 'Cannot find device "eth9"\n' });
    expect(await t.run('ip link add m1 link eth0 type macvlan mode foo')).toMatchObject({
      code: 1,
      err: 'Error: argument of "mode" must be "private", "vepa", "bridge", "passthru" or "source", not "foo"\n',
    });
    expect(await t.run('ip link add i1 link eth0 type ipvlan mode l4')).toMatchObject({ code: 1, err: 'Error: argument of "mode" must be either "l2", "l3" or "l3s"\n' });
    expect(await t.run('ip link add link eth0 name v1 type vlan id x')).toMatchObject({ code: 255, err: 'Error: argument "x" is wrong: id is invalid\n' });
    expect(await t.run('ip link add name thisnameiswaytoolong type dummy')).toMatchObject({ code: 255, err: 'Error: argument "thisnameiswaytoolong" is wrong: "name" not a valid ifname\n' });
    expect(await t.run('ip link set eth0 promisc maybe')).toMatchObject({ code: 1, err: 'Error: argument of "promisc" must be "on" or "off", not "maybe"\n' });
    expect(await t.run('ip link set eth9 up')).toMatchObject({ code: 1, err: 'Cannot find device "eth9"\n' });
  });

  it('the kernel\'s refusals (exit 2)', async () => {
    const t = newTerm();
    await t.setup('ip link add mac0 link eth0 type macvlan mode bridge');
    expect(await t.run('ip link add mac0 link eth0 type macvlan')).toMatchObject({ code: 2, err: 'RTNETLINK answers: File exists\n' });
    expect(await t.run('ip link add m2 type macvlan')).toMatchObject({ code: 2, err: 'RTNETLINK answers: Invalid argument\n' });
    expect(await t.run('ip link add m2 link lo type macvlan')).toMatchObject({ code: 2, err: 'RTNETLINK answers: Invalid argument\n' });
    // One rx handler per device: macvlan children hold eth0, so an ipvlan cannot stack on it.
    expect(await t.run('ip link add i1 link eth0 type ipvlan mode l2')).toMatchObject({ code: 2, err: 'RTNETLINK answers: Device or resource busy\n' });
    expect(await t.run('ip link add m3 link eth0 type macvlan mode passthru')).toMatchObject({ code: 2, err: 'RTNETLINK answers: Invalid argument\n' });
    await t.setup('ip link add link eth0 name eth0.10 type vlan id 10');
    expect(await t.run('ip link add link eth0 name v10 type vlan id 10')).toMatchObject({ code: 2, err: 'Error: 8021q: VLAN device already exists.\n' });
    expect(await t.run('ip link add link eth0 name v11 type vlan')).toMatchObject({ code: 2, err: 'Error: 8021q: VLAN properties not specified.\n' });
    expect(await t.run('ip link add link eth0 name v11 type vlan id 4095')).toMatchObject({ code: 2, err: 'Error: 8021q: Invalid VLAN id.\n' });
    expect(await t.run('ip link del eth0')).toMatchObject({ code: 2, err: 'RTNETLINK answers: Operation not supported\n' });
    expect(await t.run('ip link set mac0 mtu 9000')).toMatchObject({ code: 2, err: 'RTNETLINK answers: Invalid argument\n' });
  });

  it('ip link del removes a device with its children; a rename needs the device down', async () => {
    const t = newTerm();
    await t.setup('ip link add link eth0 name eth0.10 type vlan id 10', 'ip link add m1 link eth0.10 type macvlan mode bridge', 'ip link set m1 up');
    expect(await t.run('ip link set m1 name shim')).toMatchObject({ code: 2, err: 'RTNETLINK answers: Device or resource busy\n' });
    await t.setup('ip link set m1 down', 'ip link set m1 name shim');
    expect((await t.run('ip link show shim')).code).toBe(0);
    expect(await t.run('ip link del eth0.10')).toMatchObject(ok);
    expect((await t.run('ip link show shim')).err).toBe('Device "shim" does not exist.\n');
    expect(await t.run('ip link del nothere')).toMatchObject({ code: 1, err: 'Cannot find device "nothere"\n' });
  });

  it('containers need NET_ADMIN, as before', async () => {
    const t = newTerm();
    await t.setup('docker run -dit --name c1 alpine');
    expect(await t.run('docker exec c1 ip link add d0 type dummy')).toMatchObject({ code: 1, err: 'ip: RTNETLINK answers: Operation not permitted\n' });
  });
});

describe('ip route add / del / replace', () => {
  it('device routes need the device up; via needs an on-link gateway; host bits are refused', async () => {
    const t = newTerm();
    await t.setup('ip link add d0 type dummy');
    expect(await t.run('ip route add 10.9.0.0/24 dev d0')).toMatchObject({ code: 2, err: 'Error: Device for nexthop is not up.\n' });
    await t.setup('ip link set d0 up', 'ip route add 10.9.0.0/24 dev d0');
    expect((await t.run('ip route')).out).toContain('10.9.0.0/24 dev d0 scope link\n');
    expect(await t.run('ip route add 10.9.0.0/24 dev d0')).toMatchObject({ code: 2, err: 'RTNETLINK answers: File exists\n' });
    expect(await t.run('ip route add 10.8.0.0/24 via 10.7.7.7')).toMatchObject({ code: 2, err: 'Error: Nexthop has invalid gateway.\n' });
    expect(await t.run('ip route add 10.8.0.5/24 via 192.168.1.5')).toMatchObject({ code: 2, err: 'Error: Invalid prefix for given prefix length.\n' });
    expect(await t.run('ip route add bogus via 192.168.1.5')).toMatchObject({ code: 1, err: 'Error: inet prefix is expected rather than "bogus".\n' });
    expect(await t.run('ip route add 10.8.0.0/24 dev nope')).toMatchObject({ code: 1, err: 'Cannot find device "nope"\n' });
  });

  it('a second route to the same prefix takes another metric; replace swaps it; del removes one, then says No such process', async () => {
    const t = newTerm();
    // Its own address is no gateway.
    expect(await t.run('ip route add 10.50.0.0/24 via 192.168.1.11')).toMatchObject({ code: 2, err: 'Error: Nexthop has invalid gateway.\n' });
    await t.setup('ip route add 10.50.0.0/24 via 192.168.1.14', 'ip route add 10.50.0.0/24 via 192.168.1.12 metric 50');
    expect(lines((await t.run('ip route')).out).filter((l) => l.startsWith('10.50.'))).toEqual(['10.50.0.0/24 via 192.168.1.14 dev eth0', '10.50.0.0/24 via 192.168.1.12 dev eth0 metric 50']);
    await t.setup('ip route replace 10.50.0.0/24 via 192.168.1.13');
    expect((await t.run('ip route get 10.50.0.9')).out).toBe('10.50.0.9 via 192.168.1.13 dev eth0 src 192.168.1.11 uid 0 \n    cache \n');
    await t.setup('ip route del 10.50.0.0/24', 'ip route del 10.50.0.0/24 metric 50');
    expect(await t.run('ip route del 10.50.0.0/24')).toMatchObject({ code: 2, err: 'RTNETLINK answers: No such process\n' });
  });
});
