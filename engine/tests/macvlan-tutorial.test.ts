/**
 * Docker's macvlan tutorial (docs: content/manuals/engine/network/tutorials/macvlan.md), the bridge
 * example and the 802.1Q example, typed as a learner types them and checked against reference §5.2
 * and the v28.5.2 sources where the page is stale: random MACs (libnetwork/drivers/macvlan/
 * macvlan_endpoint.go, netutils.GenerateRandomMAC), `eth0.10` made up and without an address
 * (macvlan_setup.go createVlanLink) and deleted with the network (macvlan_network.go DeleteNetwork).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { lines, newTerm, type Term } from './helpers';

const HEX64 = /^[0-9a-f]{64}$/;

/** Steps 2-5 are the same in both examples; only the names and the parent differ. */
function tutorial(parent: string, net: string, ctr: string): void {
  let t: Term;
  beforeAll(async () => {
    t = newTerm();
    await t.setup('docker pull alpine');
  });

  it(`1. creates ${net} on parent ${parent}: the full id, listed as macvlan local, Options {"parent":"${parent}"}`, async () => {
    const r = await t.run(`docker network create -d macvlan --subnet=172.16.86.0/24 --gateway=172.16.86.1 -o parent=${parent} ${net}`);
    expect(r.code).toBe(0);
    expect(r.out.trim()).toMatch(HEX64);
    expect(r.err).toBe('');
    const ls = lines((await t.run('docker network ls')).out);
    expect(ls.find((l) => l.includes(` ${net} `))).toMatch(new RegExp(`^[0-9a-f]{12}   ${net}\\s+macvlan   local$`));
    const inspect = JSON.parse((await t.run(`docker network inspect ${net}`)).out)[0];
    expect(inspect).toMatchObject({ Name: net, Driver: 'macvlan', Scope: 'local', Internal: false, Options: { parent } });
    expect(inspect.IPAM.Config).toEqual([{ Subnet: '172.16.86.0/24', Gateway: '172.16.86.1' }]);
  });

  it('2. runs alpine on it with --rm -dit: the container id', async () => {
    const r = await t.run(`docker run --rm -dit --network ${net} --name ${ctr} alpine:latest ash`);
    expect(r.code).toBe(0);
    expect(r.out.trim()).toMatch(HEX64);
  });

  it('3. inspect: gateway 172.16.86.1, address 172.16.86.2/24, and a random MAC, not the docs\' 02:42:ac:10:56:02', async () => {
    const networks = JSON.parse((await t.run(`docker container inspect -f '{{json .NetworkSettings.Networks}}' ${ctr}`)).out);
    const ep = networks[net];
    expect(ep).toMatchObject({ Gateway: '172.16.86.1', IPAddress: '172.16.86.2', IPPrefixLen: 24, Aliases: null, DNSNames: [ctr, expect.any(String)] });
    expect(ep.MacAddress).toMatch(/^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/);
    expect(ep.MacAddress).not.toBe('02:42:ac:10:56:02');
    // GenerateRandomMAC: a locally administered unicast address.
    expect(parseInt(ep.MacAddress.slice(0, 2), 16) & 3).toBe(2);
  });

  it('4. inside: eth0@ifN on the parent with M-DOWN, the address, and a default route to the gateway', async () => {
    const addr = lines((await t.run(`docker exec ${ctr} ip addr show eth0`)).out);
    const parentIndex = (await t.run(`ip -o link show ${parent}`)).out.split(':')[0];
    expect(addr[0]).toMatch(new RegExp(`^\\d+: eth0@if${parentIndex}: <BROADCAST,MULTICAST,UP,LOWER_UP,M-DOWN> mtu 1500 qdisc noqueue state UP$`));
    expect(addr[1]).toMatch(/^ {4}link\/ether [0-9a-f:]{17} brd ff:ff:ff:ff:ff:ff$/);
    expect(addr.slice(2)).toEqual(['    inet 172.16.86.2/24 brd 172.16.86.255 scope global eth0', '       valid_lft forever preferred_lft forever']);
    expect((await t.run(`docker exec ${ctr} ip route`)).out).toBe('default via 172.16.86.1 dev eth0\n172.16.86.0/24 dev eth0 scope link  src 172.16.86.2\n');
  });

  it('5. stop removes the --rm container; network rm prints the name', async () => {
    expect(await t.run(`docker container stop ${ctr}`)).toMatchObject({ out: `${ctr}\n`, code: 0 });
    expect((await t.run('docker ps -aq')).out).toBe('');
    expect(await t.run(`docker network rm ${net}`)).toMatchObject({ out: `${net}\n`, code: 0 });
  });
}

describe('macvlan tutorial, bridge example (parent eth0)', () => {
  tutorial('eth0', 'my-macvlan-net', 'my-macvlan-alpine');
});

describe('macvlan tutorial, 802.1Q trunked bridge example (parent eth0.10)', () => {
  tutorial('eth0.10', 'my-8021q-macvlan-net', 'my-second-macvlan-alpine');
});

describe('the 802.1Q sub-interface itself (macvlan_setup.go createVlanLink / delVlanLink)', () => {
  it('appears up, tagged 10, with no address (the tutorial says "a separate IP address": it has none), and goes with the network', async () => {
    const t = newTerm();
    expect((await t.run('ip link show eth0.10')).err).toBe('Device "eth0.10" does not exist.\n');
    await t.setup('docker network create -d macvlan --subnet=172.16.86.0/24 --gateway=172.16.86.1 -o parent=eth0.10 my-8021q-macvlan-net');
    const link = lines((await t.run('ip -d link show eth0.10')).out);
    expect(link[0]).toMatch(/^\d+: eth0\.10@eth0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP mode DEFAULT group default$/);
    expect(link[2]).toMatch(/^ {4}vlan protocol 802\.1Q id 10 <REORDER_HDR> /);
    // Same MAC as eth0, as a vlan device has.
    const eth0 = (await t.run('ip link show eth0')).out.match(/link\/ether (\S+)/)![1];
    expect(link[1]).toContain(`link/ether ${eth0} `);
    // No IPv4 address; the kernel's addrconf gives it the fe80:: link-local of its (shared) MAC, as eth0's.
    const addr = lines((await t.run('ip addr show eth0.10')).out);
    expect(addr.filter((l) => l.startsWith('    inet '))).toEqual([]);
    const ll = lines((await t.run('ip addr show eth0')).out).filter((l) => l.startsWith('    inet6 fe80::'));
    expect(ll).toHaveLength(1);
    expect(addr.filter((l) => l.startsWith('    inet6 '))).toEqual(ll);
    await t.setup('docker network rm my-8021q-macvlan-net');
    expect((await t.run('ip link show eth0.10')).err).toBe('Device "eth0.10" does not exist.\n');
  });

  it('a leftover first network makes the second example fail on the pool, not on the parent (reference §5.2)', async () => {
    const t = newTerm();
    await t.setup('docker network create -d macvlan --subnet=172.16.86.0/24 --gateway=172.16.86.1 -o parent=eth0 my-macvlan-net');
    const r = await t.run('docker network create -d macvlan --subnet=172.16.86.0/24 --gateway=172.16.86.1 -o parent=eth0.10 my-8021q-macvlan-net');
    expect(r).toMatchObject({ code: 1, out: '', err: 'Error response from daemon: invalid pool request: Pool overlaps with other one on this address space\n' });
    // Nothing was made for the refused network.
    expect((await t.run('ip link show eth0.10')).code).toBe(1);
  });
});
