import { describe, expect, it } from 'vitest';
import { lines, newTerm } from './helpers';

/**
 * Docker 28.5's iptables layout with several bridges (fidelity-plan B1, B2; findings 2, 15, 25).
 * Sources: moby v28.5.2 integration/network/bridge/iptablesdoc/generated/{new-daemon,usernet-portmap,
 * usernet-portmap-noicc,usernet-internal}.md, libnetwork/firewall_linux.go setupUserChain,
 * libnetwork/drivers/bridge/internal/iptabler/port.go setPerPortForwarding (per-port rules inserted
 * at the head of DOCKER).
 */

async function bridgeId(t: ReturnType<typeof newTerm>, net: string): Promise<string> {
  return 'br-' + (await t.run(`docker network inspect -f '{{.Id}}' ${net}`)).out.slice(0, 12);
}

describe('DOCKER-USER is created empty (finding 2; new-daemon.md, firewall_linux.go setupUserChain)', () => {
  it('-S shows only -N, -L only the headers; an appended DROP is the first rule and takes effect', async () => {
    const t = newTerm({ hosts: ['host1', 'host2'] });
    expect((await t.run('iptables -S DOCKER-USER')).out).toBe('-N DOCKER-USER\n');
    expect((await t.run('iptables -L DOCKER-USER')).out).toBe(
      'Chain DOCKER-USER (1 references)\ntarget     prot opt source               destination         \n',
    );
    await t.setup('docker run -d --name web -p 8080:80 nginx');
    await t.setup('iptables -A DOCKER-USER -p tcp --dport 80 -j DROP');
    // iptables adds the implicit `-m tcp` for --dport (iptables-errors.txt).
    expect((await t.run('iptables -S DOCKER-USER')).out).toBe('-N DOCKER-USER\n-A DOCKER-USER -p tcp -m tcp --dport 80 -j DROP\n');
    await t.setup('ssh host2');
    const r = await t.run('curl -s -m 2 http://192.168.1.11:8080');
    expect(r.code).toBe(28);
  });
});

describe('rule order with several bridges (finding 25; usernet-portmap.md)', () => {
  it('DROPs, DOCKER-BRIDGE, DOCKER-CT, DOCKER-FORWARD and STAGE-1 are appended (docker0 first); per-port ACCEPTs newest first', async () => {
    const t = newTerm();
    await t.setup('docker run -d -p 8080:80 --name web nginx', 'docker network create n1', 'docker network create n2', 'docker run -d --network n1 -p 8081:80 --name c1 nginx');
    const n1 = await bridgeId(t, 'n1');
    const n2 = await bridgeId(t, 'n2');
    const l = lines((await t.run('iptables -S')).out);
    const chain = (name: string) => l.filter((x) => x.startsWith(`-A ${name} `));
    expect(chain('DOCKER')).toEqual([
      `-A DOCKER -d 172.18.0.2/32 ! -i ${n1} -o ${n1} -p tcp -m tcp --dport 80 -j ACCEPT`,
      '-A DOCKER -d 172.17.0.2/32 ! -i docker0 -o docker0 -p tcp -m tcp --dport 80 -j ACCEPT',
      '-A DOCKER ! -i docker0 -o docker0 -j DROP',
      `-A DOCKER ! -i ${n1} -o ${n1} -j DROP`,
      `-A DOCKER ! -i ${n2} -o ${n2} -j DROP`,
    ]);
    expect(chain('DOCKER-BRIDGE')).toEqual(['-A DOCKER-BRIDGE -o docker0 -j DOCKER', `-A DOCKER-BRIDGE -o ${n1} -j DOCKER`, `-A DOCKER-BRIDGE -o ${n2} -j DOCKER`]);
    expect(chain('DOCKER-CT').map((x) => x.split(' ')[3])).toEqual(['docker0', n1, n2]);
    expect(chain('DOCKER-FORWARD').slice(3)).toEqual(['-A DOCKER-FORWARD -i docker0 -j ACCEPT', `-A DOCKER-FORWARD -i ${n1} -j ACCEPT`, `-A DOCKER-FORWARD -i ${n2} -j ACCEPT`]);
    expect(chain('DOCKER-ISOLATION-STAGE-1').map((x) => x.split(' ')[3])).toEqual(['docker0', n1, n2]);
    // STAGE-2, MASQUERADE and the nat RETURNs are inserted: newest first.
    expect(chain('DOCKER-ISOLATION-STAGE-2').map((x) => x.split(' ')[3])).toEqual([n2, n1, 'docker0']);
    const nat = lines((await t.run('iptables -t nat -S')).out);
    expect(nat.filter((x) => x.includes('-j RETURN'))).toEqual([`-A DOCKER -i ${n2} -j RETURN`, `-A DOCKER -i ${n1} -j RETURN`, '-A DOCKER -i docker0 -j RETURN']);
    expect(nat.filter((x) => x.includes('DNAT'))).toEqual([
      '-A DOCKER ! -i docker0 -p tcp -m tcp --dport 8080 -j DNAT --to-destination 172.17.0.2:80',
      `-A DOCKER ! -i ${n1} -p tcp -m tcp --dport 8081 -j DNAT --to-destination 172.18.0.2:80`,
    ]);
  });

  it('enable_icc=false: the DROP inside the bridge comes before the ACCEPT out of it (usernet-portmap-noicc.md)', async () => {
    const t = newTerm();
    await t.setup('docker network create -o com.docker.network.bridge.enable_icc=false noicc');
    const br = await bridgeId(t, 'noicc');
    const fwd = lines((await t.run('iptables -S DOCKER-FORWARD')).out).filter((x) => x.includes(br));
    expect(fwd).toEqual([`-A DOCKER-FORWARD -i ${br} -o ${br} -j DROP`, `-A DOCKER-FORWARD -i ${br} ! -o ${br} -j ACCEPT`]);
  });

  it('--internal: only DOCKER-FORWARD and two STAGE-1 DROPs at the head, nothing in DOCKER, DOCKER-BRIDGE, DOCKER-CT or nat (finding 15; usernet-internal.md)', async () => {
    const t = newTerm();
    await t.setup('docker network create --internal --subnet 192.0.2.0/24 i1', 'docker network create --internal --subnet 198.51.100.0/24 i2', 'docker run -dit --network i1 --name c1 alpine');
    const b1 = await bridgeId(t, 'i1');
    const b2 = await bridgeId(t, 'i2');
    const all = (await t.run('iptables -S')).out + (await t.run('iptables -t nat -S')).out;
    const mentions = lines(all).filter((x) => x.includes(b1) || x.includes(b2));
    expect(mentions).toEqual([
      `-A DOCKER-FORWARD -i ${b1} -o ${b1} -j ACCEPT`,
      `-A DOCKER-FORWARD -i ${b2} -o ${b2} -j ACCEPT`,
      `-A DOCKER-ISOLATION-STAGE-1 ! -s 198.51.100.0/24 -o ${b2} -j DROP`,
      `-A DOCKER-ISOLATION-STAGE-1 ! -d 198.51.100.0/24 -i ${b2} -j DROP`,
      `-A DOCKER-ISOLATION-STAGE-1 ! -s 192.0.2.0/24 -o ${b1} -j DROP`,
      `-A DOCKER-ISOLATION-STAGE-1 ! -d 192.0.2.0/24 -i ${b1} -j DROP`,
    ]);
    expect(lines((await t.run('iptables -S DOCKER-ISOLATION-STAGE-1')).out).at(-1)).toBe('-A DOCKER-ISOLATION-STAGE-1 -i docker0 ! -o docker0 -j DOCKER-ISOLATION-STAGE-2');
    // The container on the internal network still talks to nobody outside it.
    expect((await t.run('docker exec c1 ping -c 1 -W 1 192.168.1.1')).code).toBe(1);
  });
});
