import { describe, expect, it } from 'vitest';
import { lines, newTerm } from './helpers';

/**
 * What the kernel's link kinds and netfilter show through the host's tools: the bridge FDB as
 * traffic teaches it, counters that move (fidelity-plan B3, B14; captures in
 * /work/team/fidelity-evidence and iproute2 6.15 / iptables 1.8.11 on Linux 6.18).
 */

async function twoContainers() {
  const t = newTerm();
  await t.setup('docker run -dit --name c1 alpine', 'docker run -dit --name c2 alpine');
  const mac = async (c: string) => (await t.run(`docker inspect -f '{{.NetworkSettings.MacAddress}}' ${c}`)).out.trim();
  return { t, mac1: await mac('c1'), mac2: await mac('c2') };
}

describe('bridge fdb show (iproute2 6.15; docs/evidence/kernel-links.md)', () => {
  it('a container MAC is learned on its veth once it has sent a frame', async () => {
    const { t, mac1, mac2 } = await twoContainers();
    const before = lines((await t.run('bridge fdb show br docker0')).out);
    expect(before.some((l) => l.startsWith(mac1))).toBe(false);
    const ip2 = (await t.run(`docker inspect -f '{{.NetworkSettings.IPAddress}}' c2`)).out.trim();
    await t.setup(`docker exec c1 ping -c 1 ${ip2}`);
    const after = lines((await t.run('bridge fdb show br docker0')).out);
    const learned = after.filter((l) => / master docker0 $/.test(l));
    expect(learned.map((l) => l.split(' ')[0]).sort()).toEqual([mac1, mac2].sort());
    expect(learned[0]).toMatch(/^[0-9a-f:]{17} dev veth[0-9a-f]{7} master docker0 $/);
    // Each port: learned entries, its own MAC (permanent), then its multicast groups.
    const i = after.indexOf(learned[0]!);
    expect(after[i + 1]).toMatch(/^[0-9a-f:]{17} dev veth[0-9a-f]{7} master docker0 permanent$/);
    expect(after[i + 2]).toMatch(/^33:33:00:00:00:01 dev veth[0-9a-f]{7} self permanent$/);
    expect(after.slice(0, 2)).toEqual(['33:33:00:00:00:01 dev docker0 self permanent', '01:00:5e:00:00:6a dev docker0 self permanent']);
  });

  it('dev DEV filters and drops the dev field; an unknown device is an error', async () => {
    const { t } = await twoContainers();
    const eth0 = lines((await t.run('bridge fdb show dev eth0')).out);
    expect(eth0[0]).toBe('33:33:00:00:00:01 self permanent');
    expect(await t.run('bridge fdb show dev nope')).toMatchObject({ err: 'Cannot find device "nope"\n', code: 1 });
  });
});

describe('iptables counters move as packets pass (fidelity-plan B3)', () => {
  it('a ping from a container to the LAN counts in FORWARD, DOCKER-FORWARD and nat POSTROUTING', async () => {
    const t = newTerm();
    await t.setup('docker run -dit --name c1 alpine', 'docker exec c1 ping -c 2 192.168.1.1');
    const fwd = lines((await t.run('iptables -L FORWARD -v -n')).out);
    // Two requests and two answers crossed FORWARD, 84 bytes each.
    expect(fwd[2]).toBe('    4   336 DOCKER-USER  all  --  *      *       0.0.0.0/0            0.0.0.0/0           ');
    const masq = (await t.run('iptables -t nat -S POSTROUTING -v')).out;
    // nat sees the first packet of each connection only.
    expect(masq).toMatch(/-A POSTROUTING -s 172\.17\.0\.0\/16 ! -o docker0 -c 2 168 -j MASQUERADE/);
  });

  it('-Z zeroes them; a DOCKER-USER DROP counts what it drops', async () => {
    const t = newTerm();
    await t.setup('docker run -dit --name c1 alpine', 'docker exec c1 ping -c 1 192.168.1.1');
    await t.setup('iptables -Z');
    expect(lines((await t.run('iptables -L FORWARD -v -n')).out)[2]).toMatch(/^ {4}0 {5}0 DOCKER-USER/);
    await t.setup('iptables -I DOCKER-USER -p icmp -j DROP');
    expect((await t.run('docker exec c1 ping -c 1 -W 1 192.168.1.1')).code).toBe(1);
    expect((await t.run('iptables -S DOCKER-USER -v')).out).toContain('-A DOCKER-USER -p icmp -c 1 84 -j DROP\n');
  });

  it('the daemon rebuilding its rules keeps their counters', async () => {
    const t = newTerm();
    await t.setup('docker run -dit --name c1 alpine', 'docker exec c1 ping -c 1 192.168.1.1', 'docker network create other', 'docker run -dit --name c2 --network other alpine');
    expect(lines((await t.run('iptables -L FORWARD -v -n')).out)[2]).toMatch(/^ {4}2 {3}168 DOCKER-USER/);
  });
});

describe('iptables -t mangle (administrator rules survive Docker rebuilds)', () => {
  it('-A with MARK prints back as iptables does, and stays after Docker changes its rules', async () => {
    const t = newTerm();
    await t.setup('iptables -t mangle -A PREROUTING -p tcp --dport 80 -j MARK --set-mark 0x100');
    await t.setup('docker network create n1');
    expect((await t.run('iptables -t mangle -S PREROUTING')).out).toBe('-P PREROUTING ACCEPT\n-A PREROUTING -p tcp -m tcp --dport 80 -j MARK --set-xmark 0x100/0xffffffff\n');
  });
});

describe('bridged traffic meets iptables only once br_netfilter is on (moby libnetwork/drivers/bridge/bridge_linux.go, enableBrNfCallIptables)', () => {
  it('by default a DOCKER-USER DROP stops routed traffic but not container-to-container on one bridge; after an icc=false network it does', async () => {
    const t = newTerm();
    await t.setup('docker run -dit --name c1 alpine', 'docker run -dit --name c2 alpine', 'iptables -I DOCKER-USER -p icmp -j DROP');
    const ip2 = (await t.run(`docker inspect -f '{{.NetworkSettings.IPAddress}}' c2`)).out.trim();
    expect((await t.run(`docker exec c1 ping -c 1 -W 1 ${ip2}`)).code).toBe(0);
    expect((await t.run('docker exec c1 ping -c 1 -W 1 192.168.1.1')).code).toBe(1);
    await t.setup('docker network create -o com.docker.network.bridge.enable_icc=false noicc');
    expect((await t.run(`docker exec c1 ping -c 1 -W 1 ${ip2}`)).code).toBe(1);
  });
});

describe('ip -d link (iproute2 6.15 on Linux 6.18; fidelity-plan B8)', () => {
  it('a bridge, its port and the NIC: promiscuity line, the kind line, bridge_slave for a port', async () => {
    const t = newTerm();
    await t.setup('docker run -dit --name c1 alpine');
    const br = lines((await t.run('ip -d link show docker0')).out);
    expect(br[1]).toMatch(/^ {4}link\/ether [0-9a-f:]{17} brd ff:ff:ff:ff:ff:ff promiscuity 0 allmulti 0 minmtu 68 maxmtu 65535 $/);
    expect(br[2]).toMatch(/^ {4}bridge forward_delay 1500 hello_time 200 max_age 2000 ageing_time 30000 stp_state 0 priority 32768 vlan_filtering 0 bridge_id 8000\.[0-9a-f:]+ designated_root 8000\.[0-9a-f:]+ root_port 0 /);
    expect(br[2]).toMatch(/ nf_call_iptables 0 nf_call_ip6tables 0 nf_call_arptables 0 addrgenmode eui64 numtxqueues 1 numrxqueues 1 gso_max_size 65536 gso_max_segs 65535 tso_max_size 524280 tso_max_segs 65535 gro_max_size 65536 gso_ipv4_max_size 65536 gro_ipv4_max_size 65536 $/);
    const veth = (await t.run('ip -br link show type veth')).out.split(/[@ ]/)[0]!;
    const port = lines((await t.run(`ip -d link show ${veth}`)).out);
    expect(port[1]).toMatch(/ link-netnsid 0 promiscuity 1 allmulti 1 minmtu 68 maxmtu 65535 $/);
    expect(port[2]).toBe('    veth ');
    expect(port[3]).toMatch(/^ {4}bridge_slave state forwarding priority 32 cost 2 hairpin off guard off root_block off fastleave off learning on flood on port_id 0x8001 port_no 0x1 designated_port 32769 designated_cost 0 /);
    expect(port[3]).toMatch(/ mab off addrgenmode eui64 numtxqueues 2 numrxqueues 2 /);
    const eth0 = lines((await t.run('ip -d link show eth0')).out);
    expect(eth0[1]).toMatch(/ promiscuity 0 allmulti 0 minmtu 68 maxmtu 65535 addrgenmode eui64 numtxqueues 1 numrxqueues 1 .* parentbus virtio parentdev virtio0 $/);
  });
});
