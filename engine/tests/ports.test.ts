/**
 * Published ports: -p forms, -P, ephemeral ports, conflicts, `docker port`, the PORTS column, reachability
 * from the host and from a LAN machine, and the NAT rules (reference §1.1, §1.8, §2, §3.4, §4.2, §5.3, §5.4).
 */
import { describe, expect, it } from 'vitest';
import { lines, newTerm, type Term } from './helpers';

async function webLab(): Promise<Term> {
  const t = newTerm();
  await t.setup('docker run -d --name web -p 8080:80 nginx');
  return t;
}

describe('-p hostPort:containerPort', () => {
  it('docker port lists IPv4 and IPv6 bindings; with a port, only the host side', async () => {
    const t = await webLab();
    expect(await t.run('docker port web')).toMatchObject({ out: '80/tcp -> 0.0.0.0:8080\n80/tcp -> [::]:8080\n', err: '', code: 0 });
    expect(await t.run('docker port web 80')).toMatchObject({ out: '0.0.0.0:8080\n[::]:8080\n', code: 0 });
    expect(await t.run('docker port web 80/tcp')).toMatchObject({ out: '0.0.0.0:8080\n[::]:8080\n', code: 0 });
  });

  it('docker port for an unpublished port repeats the argument as typed', async () => {
    const t = await webLab();
    expect(await t.run('docker port web 443')).toMatchObject({ out: '', err: "Error: No public port '443' published for web\n", code: 1 });
    expect(await t.run('docker port web 443/tcp')).toMatchObject({ err: "Error: No public port '443/tcp' published for web\n", code: 1 });
  });

  it('docker port on a container without ports prints nothing and exits 0', async () => {
    const t = newTerm();
    await t.setup('docker run -dit --name plain alpine');
    expect(await t.run('docker port plain')).toMatchObject({ out: '', err: '', code: 0 });
  });

  it('docker ps shows the PORTS column as in the reference sample', async () => {
    const t = await webLab();
    const r = await t.run('docker ps');
    const [head, row] = lines(r.out);
    expect(head).toMatch(/^CONTAINER ID   IMAGE     COMMAND                  CREATED +STATUS +PORTS                                     NAMES$/);
    expect(row).toMatch(/^[0-9a-f]{12}   nginx     "\/docker-entrypoint\.…"   \d+ seconds? ago +Up \d+ seconds? +0\.0\.0\.0:8080->80\/tcp, \[::\]:8080->80\/tcp   web$/);
    expect(row!.indexOf('0.0.0.0:8080')).toBe(head!.indexOf('PORTS'));
    expect(row!.indexOf('Up ')).toBe(head!.indexOf('STATUS'));
    expect(row!.lastIndexOf('web')).toBe(head!.indexOf('NAMES'));
  });

  it('inspect shows Ports and PortBindings', async () => {
    const t = await webLab();
    const r = await t.run(`docker inspect -f '{{json .NetworkSettings.Ports}}' web`);
    expect(r.out).toBe('{"80/tcp":[{"HostIp":"0.0.0.0","HostPort":"8080"},{"HostIp":"::","HostPort":"8080"}]}\n');
    const b = await t.run(`docker inspect -f '{{json .HostConfig.PortBindings}}' web`);
    expect(b.out).toBe('{"80/tcp":[{"HostIp":"","HostPort":"8080"}]}\n');
  });

  it('curl from the host reaches nginx through the published port', async () => {
    const t = await webLab();
    const r = await t.run('curl -s localhost:8080');
    expect(r.code).toBe(0);
    expect(r.out).toContain('<title>Welcome to nginx!</title>');
    const head = await t.run('curl -sI http://127.0.0.1:8080');
    expect(lines(head.out)[0]).toBe('HTTP/1.1 200 OK');
    expect(head.out).toMatch(/^Server: nginx\/\d+\.\d+\.\d+$/m);
    const own = await t.run('curl -s http://192.168.1.11:8080 | grep title');
    expect(own.out).toBe('<title>Welcome to nginx!</title>\n');
  });

  it('curl from the LAN machine laptop (ssh laptop) reaches the published port on host1', async () => {
    const t = await webLab();
    const s = await t.run('ssh laptop');
    expect(s.code).toBe(0);
    expect(t.prompt()).toBe('root@laptop:~# ');
    const r = await t.run('curl -s http://192.168.1.11:8080 | head -4');
    expect(r.out).toBe('<!DOCTYPE html>\n<html>\n<head>\n<title>Welcome to nginx!</title>\n');
    const closed = await t.run('curl http://192.168.1.11:9999');
    expect(closed.code).toBe(7);
    expect(closed.err).toMatch(/^curl: \(7\) Failed to connect to 192\.168\.1\.11 port 9999 after \d+ ms: Could not connect to server\n$/);
    const direct = await t.run('curl -s -m 2 http://172.17.0.2');
    expect(direct.code).toBe(28);
    await t.run('exit');
    expect(t.prompt()).toBe('root@host1:~# ');
  });

  it('the host can reach the container address directly, published or not', async () => {
    const t = await webLab();
    await t.setup('docker run -d --name hidden nginx');
    const r = await t.run('curl -s http://172.17.0.3 | grep title');
    expect(r.out).toBe('<title>Welcome to nginx!</title>\n');
    const peer = await t.run('docker run --rm alpine wget -qO- http://172.17.0.3');
    expect(peer.out).toContain('<title>Welcome to nginx!</title>');
  });

  it('removing the container frees the port and its rules', async () => {
    const t = await webLab();
    await t.setup('docker rm -f web');
    const nat = await t.run('iptables -t nat -S');
    expect(nat.out).not.toContain('--dport 8080');
    const refused = await t.run('curl -s localhost:8080');
    expect(refused.code).toBe(7);
    await t.setup('docker run -d --name again -p 8080:80 nginx');
    expect((await t.run('docker port again 80')).out).toBe('0.0.0.0:8080\n[::]:8080\n');
  });
});

describe('port conflicts', () => {
  it('a second container on the same host port fails with "port is already allocated" and stays Created', async () => {
    const t = await webLab();
    const r = await t.run('docker run -d --name web2 -p 8080:80 nginx');
    expect(r.code).toBe(125);
    expect(r.out).toMatch(/^([0-9a-f]{64}\n)?$/);
    expect(r.err).toMatch(
      /^docker: Error response from daemon: failed to set up container networking: driver failed programming external connectivity on endpoint web2 \([0-9a-f]{64}\): Bind for 0\.0\.0\.0:8080 failed: port is already allocated\n\nRun 'docker run --help' for more information\n$/,
    );
    const ps = await t.run(`docker ps -a --format '{{.Names}} {{.State}}'`);
    expect(lines(ps.out)).toEqual(['web2 created', 'web running']);
    const start = await t.run('docker start web2');
    expect(start.code).toBe(1);
    expect(start.err).toContain('Bind for 0.0.0.0:8080 failed: port is already allocated');
    expect(start.err).toContain('Error: failed to start containers: web2\n');
  });

  it('the conflict holds across networks, and a freed port can be taken', async () => {
    const t = await webLab();
    await t.setup('docker network create other');
    const r = await t.run('docker run -d --name web3 --network other -p 8080:80 nginx');
    expect(r.code).toBe(125);
    expect(r.err).toContain('port is already allocated');
    await t.setup('docker stop web', 'docker start web3');
    expect((await t.run('curl -s localhost:8080 | grep -c nginx')).out.trim()).not.toBe('0');
  });
});

describe('-p ip:host:container, -p container, -P, ranges, udp', () => {
  it('-p 127.0.0.1:8081:80 binds loopback only: reachable on the host, not from the LAN', async () => {
    const t = newTerm();
    await t.setup('docker run -d --name lo -p 127.0.0.1:8081:80 nginx');
    expect((await t.run('docker port lo')).out).toBe('80/tcp -> 127.0.0.1:8081\n');
    expect((await t.run(`docker ps --format '{{.Ports}}'`)).out).toBe('127.0.0.1:8081->80/tcp\n');
    expect((await t.run('curl -s http://127.0.0.1:8081 | grep title')).out).toBe('<title>Welcome to nginx!</title>\n');
    await t.setup('ssh laptop');
    const r = await t.run('curl -s http://192.168.1.11:8081');
    expect(r.code).toBe(7);
    expect(r.out).toBe('');
  });

  it('-p 80 and -P take host ports from 32768 on, round robin without reuse', async () => {
    const t = newTerm();
    await t.setup('docker run -d --name r1 -p 80 nginx', 'docker run -d --name r2 -p 80 nginx', 'docker rm -f r2', 'docker run -d --name r3 -P nginx');
    expect((await t.run('docker port r1')).out).toBe('80/tcp -> 0.0.0.0:32768\n80/tcp -> [::]:32768\n');
    expect((await t.run('docker port r3')).out).toBe('80/tcp -> 0.0.0.0:32770\n80/tcp -> [::]:32770\n');
    expect((await t.run(`docker ps --format '{{.Names}} {{.Ports}}'`)).out).toBe(
      'r3 0.0.0.0:32770->80/tcp, [::]:32770->80/tcp\nr1 0.0.0.0:32768->80/tcp, [::]:32768->80/tcp\n',
    );
    expect((await t.run('curl -s localhost:32770 | grep title')).out).toBe('<title>Welcome to nginx!</title>\n');
  });

  it('-P on an image that exposes nothing publishes nothing', async () => {
    const t = newTerm();
    await t.setup('docker run -dit -P --name p1 alpine');
    expect((await t.run('docker port p1')).out).toBe('');
  });

  it('-p 127.0.0.1::80 picks an ephemeral port on loopback', async () => {
    const t = newTerm();
    await t.setup('docker run -d --name e1 -p 127.0.0.1::80 nginx');
    expect((await t.run('docker port e1')).out).toBe('80/tcp -> 127.0.0.1:32768\n');
  });

  // docker/cli@v28.5.2 cli/command/formatter/container.go DisplayablePorts: only ports published on
  // the same host port are grouped; any other mapping is listed on its own, after the groups.
  it('PORTS groups ranges published on the same port numbers and lists other mappings one by one, last', async () => {
    const t = newTerm();
    await t.setup('docker run -d --name same -p 9000-9002:9000-9002 -p 127.0.0.1:53:53/udp --expose 443 --expose 7000-7001 -p 8080:80 nginx');
    expect((await t.run(`docker ps --format '{{.Ports}}'`)).out).toBe(
      // 443 is printed first: the tcp group it starts is closed (and printed) when 7000 does not follow it.
      '443/tcp, 127.0.0.1:53->53/udp, 7000-7001/tcp, 0.0.0.0:9000-9002->9000-9002/tcp, [::]:9000-9002->9000-9002/tcp, 0.0.0.0:8080->80/tcp, [::]:8080->80/tcp\n',
    );
  });

  it('ranges mapped to other host ports are listed port by port, in PORTS and in docker port', async () => {
    const t = newTerm();
    await t.setup('docker run -d --name rng -p 9000-9001:80-81 nginx');
    expect((await t.run(`docker ps --format '{{.Ports}}'`)).out).toBe('0.0.0.0:9000->80/tcp, [::]:9000->80/tcp, 0.0.0.0:9001->81/tcp, [::]:9001->81/tcp\n');
    expect((await t.run('docker port rng')).out).toBe('80/tcp -> 0.0.0.0:9000\n80/tcp -> [::]:9000\n81/tcp -> 0.0.0.0:9001\n81/tcp -> [::]:9001\n');
  });

  it('udp mappings say /udp and get a -p udp DNAT rule', async () => {
    const t = newTerm();
    await t.setup('docker run -dit --name dns -p 5353:53/udp alpine');
    expect((await t.run(`docker ps --format '{{.Ports}}'`)).out).toBe('0.0.0.0:5353->53/udp, [::]:5353->53/udp\n');
    expect((await t.run('iptables -t nat -S DOCKER')).out).toContain('-A DOCKER ! -i docker0 -p udp -m udp --dport 5353 -j DNAT --to-destination 172.17.0.2:53\n');
  });

  it('invalid port specs are refused by the CLI with exit 125', async () => {
    const t = newTerm();
    const r = await t.run('docker run -d -p 99999:80 nginx');
    expect(r).toMatchObject({ out: '', code: 125 });
    expect(r.err).toBe("docker: invalid hostPort: 99999\n\nRun 'docker run --help' for more information\n");
    expect((await t.run('docker ps -aq')).out).toBe('');
  });
});

describe('NAT and filter rules (Docker 28.1+ layout, reference §5.3/§5.4)', () => {
  it('iptables -t nat -S: PREROUTING/OUTPUT jumps, MASQUERADE, RETURN and one DNAT per published port', async () => {
    const t = await webLab();
    await t.setup('docker run -d --name lo -p 127.0.0.1:8081:80 nginx');
    const r = await t.run('iptables -t nat -S');
    expect(r.out).toBe(
      [
        '-P PREROUTING ACCEPT',
        '-P INPUT ACCEPT',
        '-P OUTPUT ACCEPT',
        '-P POSTROUTING ACCEPT',
        '-N DOCKER',
        '-A PREROUTING -m addrtype --dst-type LOCAL -j DOCKER',
        '-A OUTPUT ! -d 127.0.0.0/8 -m addrtype --dst-type LOCAL -j DOCKER',
        '-A POSTROUTING -s 172.17.0.0/16 ! -o docker0 -j MASQUERADE',
        '-A DOCKER -i docker0 -j RETURN',
        '-A DOCKER ! -i docker0 -p tcp -m tcp --dport 8080 -j DNAT --to-destination 172.17.0.2:80',
        '-A DOCKER -d 127.0.0.1/32 ! -i docker0 -p tcp -m tcp --dport 8081 -j DNAT --to-destination 172.17.0.3:80',
        '',
      ].join('\n'),
    );
  });

  it('iptables -t nat -L -n lists the same rules in iptables columns', async () => {
    const t = await webLab();
    const r = await t.run('iptables -t nat -L -n');
    const l = lines(r.out).map((x) => x.trimEnd());
    expect(l).toEqual([
      'Chain PREROUTING (policy ACCEPT)',
      'target     prot opt source               destination',
      'DOCKER     all  --  0.0.0.0/0            0.0.0.0/0            ADDRTYPE match dst-type LOCAL',
      '',
      'Chain INPUT (policy ACCEPT)',
      'target     prot opt source               destination',
      '',
      'Chain OUTPUT (policy ACCEPT)',
      'target     prot opt source               destination',
      'DOCKER     all  --  0.0.0.0/0           !127.0.0.0/8          ADDRTYPE match dst-type LOCAL',
      '',
      'Chain POSTROUTING (policy ACCEPT)',
      'target     prot opt source               destination',
      'MASQUERADE  all  --  172.17.0.0/16        0.0.0.0/0',
      '',
      'Chain DOCKER (2 references)',
      'target     prot opt source               destination',
      'RETURN     all  --  0.0.0.0/0            0.0.0.0/0',
      'DNAT       tcp  --  0.0.0.0/0            0.0.0.0/0            tcp dpt:8080 to:172.17.0.2:80',
    ]);
  });

  it('a published port on a user network DNATs to its address, excluding its own bridge', async () => {
    const t = newTerm();
    const id = (await t.run('docker network create pubnet')).out.slice(0, 12);
    await t.setup('docker run -d --name pubweb --network pubnet -p 8090:80 nginx');
    const nat = await t.run('iptables -t nat -S');
    expect(nat.out).toContain(`-A POSTROUTING -s 172.18.0.0/16 ! -o br-${id} -j MASQUERADE\n`);
    expect(nat.out).toContain(`-A DOCKER -i br-${id} -j RETURN\n`);
    expect(nat.out).toContain(`-A DOCKER ! -i br-${id} -p tcp -m tcp --dport 8090 -j DNAT --to-destination 172.18.0.2:80\n`);
    const filter = await t.run('iptables -S DOCKER');
    expect(filter.out).toContain(`-A DOCKER -d 172.18.0.2/32 ! -i br-${id} -o br-${id} -p tcp -m tcp --dport 80 -j ACCEPT\n`);
    expect(filter.out).toContain(`-A DOCKER ! -i br-${id} -o br-${id} -j DROP\n`);
    expect((await t.run('curl -s localhost:8090 | grep title')).out).toBe('<title>Welcome to nginx!</title>\n');
  });

  it('filter table: FORWARD -> DOCKER-USER, DOCKER-FORWARD; per-port ACCEPT then DROP in DOCKER; raw PREROUTING drop', async () => {
    const t = await webLab();
    const r = await t.run('iptables -S');
    const l = lines(r.out);
    expect(l.filter((x) => x.startsWith('-A FORWARD'))).toEqual(['-A FORWARD -j DOCKER-USER', '-A FORWARD -j DOCKER-FORWARD']);
    expect(l.filter((x) => x.startsWith('-A DOCKER '))).toEqual([
      '-A DOCKER -d 172.17.0.2/32 ! -i docker0 -o docker0 -p tcp -m tcp --dport 80 -j ACCEPT',
      '-A DOCKER ! -i docker0 -o docker0 -j DROP',
    ]);
    expect(l.filter((x) => x.startsWith('-A DOCKER-FORWARD'))).toEqual([
      '-A DOCKER-FORWARD -j DOCKER-CT',
      '-A DOCKER-FORWARD -j DOCKER-ISOLATION-STAGE-1',
      '-A DOCKER-FORWARD -j DOCKER-BRIDGE',
      '-A DOCKER-FORWARD -i docker0 -j ACCEPT',
    ]);
    expect(l).toContain('-A DOCKER-CT -o docker0 -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT');
    expect(l).toContain('-A DOCKER-BRIDGE -o docker0 -j DOCKER');
    // Docker 28 leaves DOCKER-USER empty (moby v28.5.2 libnetwork/firewall_linux.go setupUserChain); this used to expect a RETURN.
    expect(l).toContain('-N DOCKER-USER');
    expect(l.filter((x) => x.startsWith('-A DOCKER-USER'))).toEqual([]);
    const raw = await t.run('iptables -t raw -S');
    expect(raw.out).toContain('-A PREROUTING -d 172.17.0.2/32 ! -i docker0 -j DROP\n');
  });
});
