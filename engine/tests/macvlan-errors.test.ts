/**
 * Every text and rule of reference §4 for creating macvlan and ipvlan networks, from the v28.5.2
 * sources: libnetwork/drivers/macvlan/macvlan_network.go (parseNetworkOptions, createNetwork,
 * DeleteNetwork, GetSkipGwAlloc), macvlan_setup.go (createVlanLink, parseVlan, dummies),
 * macvlan_joinleave.go, the same files under drivers/ipvlan, and
 * libnetwork/ipams/defaultipam/address_space.go (allocateSubnet with --ip-range).
 */
import { describe, expect, it } from 'vitest';
import { lines, newTerm as bareTerm, type Term } from './helpers';

/** A lab whose host already has alpine, so `docker run` prints only what the test is about. */
async function newTerm(): Promise<Term> {
  const t = bareTerm();
  await t.setup('docker pull alpine');
  return t;
}

const daemon = (msg: string) => `Error response from daemon: ${msg}\n`;

async function refused(t: Term, line: string, msg: string): Promise<void> {
  const r = await t.run(line);
  expect(r, line).toMatchObject({ code: 1, out: '', err: daemon(msg) });
}

async function id(t: Term, name: string): Promise<string> {
  return (await t.run(`docker network inspect -f '{{.Id}}' ${name}`)).out.trim();
}

describe('parent interface errors (macvlan_setup.go, macvlan_network.go)', () => {
  it('each malformed or missing parent has its own text; nothing is created', async () => {
    const t = await newTerm();
    await refused(t, 'docker network create -d macvlan -o parent=eth9 n1', 'invalid subinterface vlan name eth9, example formatting is eth0.10');
    await refused(t, 'docker network create -d macvlan -o parent=eth9.10 n1', '-o parent interface was not found on the host: eth9');
    await refused(t, 'docker network create -d macvlan -o parent=eth0.5000 n1', 'vlan id must be between 1-4094, received: 5000');
    await refused(t, 'docker network create -d macvlan -o parent=eth0.0 n1', 'vlan id must be between 1-4094, received: 0');
    await refused(t, 'docker network create -d macvlan -o parent=eth0.x n1', 'unable to parse a valid vlan id from: x (ex. eth0.10 for vlan 10)');
    await refused(t, 'docker network create -d macvlan -o parent=eth9.x n1', 'unable to parse a valid vlan id from: x (ex. eth0.10 for vlan 10)');
    await refused(t, 'docker network create -d macvlan -o parent=eth0.1.2 n1', 'required interface name format is: name.vlan_id, ex. eth0.10 for vlan 10, instead received eth0.1.2');
    await refused(t, 'docker network create -d macvlan -o parent=lo n1', 'loopback interface is not a valid macvlan parent link');
    await refused(t, 'docker network create -d macvlan -o macvlan_mode=x n1', "requested macvlan mode 'x' is not valid, 'bridge' mode is the macvlan driver default");
    expect((await t.run('docker network ls -q')).out.trim().split('\n')).toHaveLength(3);
    expect(lines((await t.run('ip -br link')).out).map((l) => l.split(' ')[0])).toEqual(['lo', 'eth0', 'docker0']);
  });

  it('the mode is read before IPAM, the parent after it (GetSkipGwAlloc, ipamAllocate, then the driver\'s CreateNetwork)', async () => {
    const t = await newTerm();
    await refused(t, 'docker network create -d macvlan --subnet 172.17.0.0/16 -o macvlan_mode=x n1', "requested macvlan mode 'x' is not valid, 'bridge' mode is the macvlan driver default");
    await refused(t, 'docker network create -d macvlan --subnet 172.17.0.0/16 -o parent=eth9 n1', 'invalid pool request: Pool overlaps with other one on this address space');
  });

  it('a VLAN id the kernel already has under another name is refused by the kernel', async () => {
    const t = await newTerm();
    await t.setup('ip link add link eth0 name vl10 type vlan id 10');
    await refused(t, 'docker network create -d macvlan -o parent=eth0.10 n1', 'failed to create eth0.10 vlan link: file exists');
  });
});

describe('sharing a parent (macvlan since v27; passthru and ipvlan still refuse)', () => {
  it('several macvlan networks share eth0; passthru refuses both ways, naming the other network\'s full id', async () => {
    const t = await newTerm();
    await t.setup('docker network create -d macvlan --subnet 10.1.0.0/24 -o parent=eth0 a', 'docker network create -d macvlan --subnet 10.2.0.0/24 -o parent=eth0 b');
    await refused(t, 'docker network create -d macvlan --subnet 10.3.0.0/24 -o parent=eth0 -o macvlan_mode=passthru p', `cannot use mode passthru, macvlan network ${await id(t, 'a')} is already using parent interface eth0`);
    await t.setup('docker network create -d macvlan --subnet 10.4.0.0/24 -o parent=eth0.40 -o macvlan_mode=passthru p');
    await refused(t, 'docker network create -d macvlan --subnet 10.5.0.0/24 -o parent=eth0.40 q', `macvlan network ${await id(t, 'p')} is already using parent interface eth0.40 in mode passthru`);
  });

  it('ipvlan: network di-<12hex> is already using parent interface eth0 (the existing network\'s short id)', async () => {
    const t = await newTerm();
    await t.setup('docker network create -d ipvlan --subnet 10.1.0.0/24 -o parent=eth0 flat');
    const first = (await id(t, 'flat')).slice(0, 12);
    await refused(t, 'docker network create -d ipvlan --subnet 10.99.0.0/24 -o parent=eth0 other', `network di-${first} is already using parent interface eth0`);
  });

  it('ipvlan\'s own option texts (ipvlan_network.go parseNetworkOptions)', async () => {
    const t = await newTerm();
    await refused(t, 'docker network create -d ipvlan -o ipvlan_mode=l4 n1', "requested ipvlan mode 'l4' is not valid, 'l2' mode is the ipvlan driver default");
    await refused(t, 'docker network create -d ipvlan -o ipvlan_flag=x n1', "requested ipvlan flag 'x' is not valid, 'bridge' is the ipvlan driver default");
    await refused(t, 'docker network create -d ipvlan -o parent=lo n1', 'loopback interface is not a valid ipvlan parent link');
    await refused(t, 'docker network create -d ipvlan -o parent=eth9 n1', 'invalid subinterface vlan name eth9, example formatting is eth0.10');
  });

  it('macvlan and ipvlan children cannot share one parent: the second kind fails at start (macvlan_setup.go createMacVlan)', async () => {
    const t = await newTerm();
    await t.setup('docker network create -d ipvlan --subnet 10.1.0.0/24 -o parent=eth0 iv', 'docker network create -d macvlan --subnet 10.2.0.0/24 -o parent=eth0 mv', 'docker run -dit --name ca --network iv alpine');
    const r = await t.run('docker run -dit --name cb --network mv alpine');
    expect(r.code).toBe(125);
    expect(r.err).toBe("docker: Error response from daemon: failed to set up container networking: failed to create the macvlan port: device or resource busy\n\nRun 'docker run --help' for more information\n");
  });
});

describe('the 802.1q sub-interface\'s life (createVlanLink, DeleteNetwork, parentHasSingleUser)', () => {
  it('eth0.50 is made for the first network, kept while another uses it, deleted with the last', async () => {
    const t = await newTerm();
    await t.setup('docker network create -d macvlan --subnet 10.1.0.0/24 -o parent=eth0.50 a', 'docker network create -d macvlan --subnet 10.2.0.0/24 -o parent=eth0.50 b');
    await t.setup('docker network rm a');
    expect((await t.run('ip link show eth0.50')).code).toBe(0);
    await t.setup('docker network rm b');
    expect((await t.run('ip link show eth0.50')).err).toBe('Device "eth0.50" does not exist.\n');
  });

  it('a sub-interface the administrator made stays after the network goes', async () => {
    const t = await newTerm();
    await t.setup('ip link add link eth0 name eth0.50 type vlan id 50', 'ip link set eth0.50 up', 'docker network create -d macvlan --subnet 10.1.0.0/24 -o parent=eth0.50 a', 'docker network rm a');
    expect((await t.run('ip link show eth0.50')).code).toBe(0);
  });

  it('a container cannot start once its parent was deleted behind Docker\'s back', async () => {
    const t = await newTerm();
    await t.setup('docker network create -d macvlan --subnet 10.1.0.0/24 -o parent=eth0.50 a', 'ip link del eth0.50');
    const r = await t.run('docker run -d --name cc --network a alpine');
    expect(r.err).toBe("docker: Error response from daemon: failed to set up container networking: the requested parent interface eth0.50 was not found on the Docker host\n\nRun 'docker run --help' for more information\n");
  });
});

describe('no parent: a dm-/di- dummy and a network that acts internal', () => {
  it('macvlan without -o parent: dm-<12hex> exists while the network does; containers talk, nothing leaves (testMacvlanInternalMode)', async () => {
    const t = await newTerm();
    await t.setup('docker network create -d macvlan dmz');
    const dm = `dm-${(await id(t, 'dmz')).slice(0, 12)}`;
    expect((await t.run(`ip link show ${dm}`)).out).toMatch(new RegExp(`^\\d+: ${dm}: <BROADCAST,NOARP,UP,LOWER_UP> mtu 1500 qdisc noqueue state UNKNOWN`));
    const inspect = JSON.parse((await t.run('docker network inspect dmz')).out)[0];
    // The next free local pool, with no gateway (GetSkipGwAlloc), yet not marked Internal (only the driver knows).
    expect(inspect.IPAM.Config).toEqual([{ Subnet: '172.18.0.0/16' }]);
    expect(inspect.Internal).toBe(false);
    expect(inspect.Options).toEqual({});
    await t.setup('docker run -dit --name ca --network dmz alpine', 'docker run -dit --name cb --network dmz alpine');
    expect((await t.run('docker exec ca ip route')).out).toBe('172.18.0.0/16 dev eth0 scope link  src 172.18.0.1\n');
    expect((await t.run('docker exec ca ping -c 1 cb')).out).toContain('1 packets received');
    expect((await t.run('docker exec ca ping -c 1 8.8.8.8')).err).toBe('ping: sendto: Network unreachable\n');
    await t.setup('docker rm -f ca cb', 'docker network rm dmz');
    expect((await t.run(`ip link show ${dm}`)).code).toBe(1);
  });

  it('ipvlan without -o parent: a di-<12hex> dummy', async () => {
    const t = await newTerm();
    await t.setup('docker network create -d ipvlan flat');
    expect((await t.run(`ip link show di-${(await id(t, 'flat')).slice(0, 12)}`)).code).toBe(0);
  });

  it('--internal with a parent keeps it: no gateway, no default route, the LAN on-link still reachable', async () => {
    const t = await newTerm();
    await t.setup('docker network create -d macvlan --internal --subnet 192.168.1.0/24 --ip-range 192.168.1.192/27 -o parent=eth0 lan', 'docker run -dit --name cc --network lan alpine');
    expect(JSON.parse((await t.run('docker network inspect lan')).out)[0].IPAM.Config).toEqual([{ Subnet: '192.168.1.0/24', IPRange: '192.168.1.192/27' }]);
    expect((await t.run('docker exec cc ip route')).out).toBe('192.168.1.0/24 dev eth0 scope link  src 192.168.1.192\n');
    expect((await t.run("docker inspect -f 'gateway=[{{.NetworkSettings.Networks.lan.Gateway}}]' cc")).out).toBe('gateway=[]\n');
    expect((await t.run('docker exec cc ping -c 1 192.168.1.100')).out).toContain('1 packets received');
    expect((await t.run('docker exec cc ping -c 1 8.8.8.8')).err).toBe('ping: sendto: Network unreachable\n');
    expect((await t.run('ip link show eth0')).code).toBe(0);
  });
});

describe('IPAM for LAN networks (address_space.go allocateSubnet)', () => {
  it('no --subnet takes the next free local pool; without --gateway the first address is the gateway', async () => {
    const t = await newTerm();
    await t.setup('docker network create -d macvlan -o parent=eth0 a', 'docker network create -d macvlan --subnet 10.9.0.0/24 -o parent=eth0 b');
    expect(JSON.parse((await t.run('docker network inspect a')).out)[0].IPAM.Config).toEqual([{ Subnet: '172.18.0.0/16', Gateway: '172.18.0.1' }]);
    expect(JSON.parse((await t.run('docker network inspect b')).out)[0].IPAM.Config).toEqual([{ Subnet: '10.9.0.0/24', Gateway: '10.9.0.1' }]);
  });

  it('--ip-range skips the overlap check; the same subnet and range again is refused; one pool, one set of addresses', async () => {
    const t = await newTerm();
    await t.setup('docker network create -d macvlan --subnet 192.168.1.0/24 --gateway 192.168.1.1 --ip-range 192.168.1.192/27 -o parent=eth0 a');
    // Without a range: the pool exists, refused.
    await refused(t, 'docker network create -d macvlan --subnet 192.168.1.0/24 -o parent=eth0 b', 'invalid pool request: Pool overlaps with other one on this address space');
    await refused(t, 'docker network create -d macvlan --subnet 192.168.1.0/24 --ip-range 192.168.1.192/27 -o parent=eth0 b', 'invalid pool request: Pool overlaps with other one on this address space');
    // Another range shares the pool, so its gateway address is already taken...
    await refused(t, 'docker network create -d macvlan --subnet 192.168.1.0/24 --gateway 192.168.1.1 --ip-range 192.168.1.224/27 -o parent=eth0 b', 'failed to allocate gateway (192.168.1.1): Address already in use');
    // ...and without one it gets the next free address of the pool.
    await t.setup('docker network create -d macvlan --subnet 192.168.1.0/24 --ip-range 192.168.1.224/27 -o parent=eth0 b');
    expect(JSON.parse((await t.run('docker network inspect b')).out)[0].IPAM.Config[0].Gateway).toBe('192.168.1.2');
    // A different, overlapping subnet with a range is not checked at all (moby#46756).
    await t.setup('docker network create -d macvlan --subnet 192.168.0.0/16 --ip-range 192.168.5.0/24 -o parent=eth0 c');
    await t.setup('docker run -dit --name cx --network a --ip 192.168.1.230 alpine');
    const r = await t.run('docker run -dit --name cy --network b --ip 192.168.1.230 alpine');
    expect(r.err).toContain('failed to set up container networking: Address already in use');
  });

  it('bridges overlapping through --ip-range are refused by the bridge driver instead (bridge_linux.go checkConflict)', async () => {
    const t = await newTerm();
    await t.setup('docker network create --subnet 10.10.0.0/16 b1');
    const first = await id(t, 'b1');
    const r = await t.run('docker network create --subnet 10.10.0.0/16 --ip-range 10.10.5.0/24 b2');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(new RegExp(`^Error response from daemon: cannot create network [0-9a-f]{64} \\(br-[0-9a-f]{12}\\): conflicts with network ${first} \\(br-${first.slice(0, 12)}\\): networks have overlapping IPv4\\n$`));
  });

  it('--aux-address reserves an address: containers skip it, a second network of the pool cannot take it', async () => {
    const t = await newTerm();
    await t.setup('docker network create -d macvlan --subnet 192.168.1.0/24 --gateway 192.168.1.1 --ip-range 192.168.1.192/27 --aux-address host-shim=192.168.1.192 -o parent=eth0 a');
    await t.setup('docker run -dit --name cc --network a alpine');
    expect((await t.run("docker inspect -f '{{.NetworkSettings.Networks.a.IPAddress}}' cc")).out).toBe('192.168.1.193\n');
    await refused(t, 'docker network create -d macvlan --subnet 192.168.1.0/24 --ip-range 192.168.1.224/27 --aux-address x=192.168.1.193 -o parent=eth0 b', 'failed to allocate secondary ip address (x:192.168.1.193): Address already in use');
  });
});

describe('endpoints', () => {
  it('macvlan honours --mac-address; ipvlan refuses one (ipvlan_endpoint.go)', async () => {
    const t = await newTerm();
    await t.setup('docker network create -d macvlan --subnet 10.1.0.0/24 -o parent=eth0 mv', 'docker network create -d ipvlan --subnet 10.2.0.0/24 -o parent=eth0.20 iv');
    await t.setup('docker run -dit --name ca --network mv --mac-address 02:11:22:33:44:55 alpine');
    expect((await t.run('docker exec ca ip link show eth0')).out).toContain('link/ether 02:11:22:33:44:55 ');
    const r = await t.run('docker run -dit --name cb --network iv --mac-address 02:11:22:33:44:56 alpine');
    expect(r.err).toBe("docker: Error response from daemon: failed to set up container networking: ipvlan interfaces do not support custom mac address assignment\n\nRun 'docker run --help' for more information\n");
  });

  it('network connect and disconnect plumb and remove the child of a running container', async () => {
    const t = await newTerm();
    await t.setup('docker network create -d macvlan --subnet 192.168.1.0/24 --gateway 192.168.1.1 --ip-range 192.168.1.192/27 -o parent=eth0 lan', 'docker run -dit --name cc alpine');
    await t.setup('docker network connect lan cc');
    const ifaces = lines((await t.run('docker exec cc ip link')).out).filter((l) => /^\d+:/.test(l)).map((l) => l.split(': ')[1]);
    expect(ifaces).toEqual(['lo', expect.stringMatching(/^eth0@if\d+$/), 'eth1@if2']);
    expect((await t.run('ssh laptop ping -c 1 192.168.1.192')).out).toContain('1 received');
    await t.setup('docker network disconnect lan cc');
    expect((await t.run('docker exec cc ip link')).out).not.toContain('eth1');
  });
});
