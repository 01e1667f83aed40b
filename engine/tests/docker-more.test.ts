/**
 * More of the docker CLI: the advanced --network name=...,alias=...,ip=...,gw-priority=... form, docker ps -s
 * and the PORTS column of host-mode containers, Go value printing in inspect templates, template errors,
 * IPAM validation, drivers the lab does not have, and legacy link environment variables
 * (reference §1.1, §1.4, §2, §3.3, §4.3, §7).
 */
import { describe, expect, it } from 'vitest';
import { lines, newTerm, type Term } from './helpers';

async function routes(t: Term, c: string): Promise<string[]> {
  return lines((await t.run(`docker exec ${c} ip route`)).out);
}

/** The container interface that holds an address, from busybox `ip -4 a`. */
async function ifaceOf(t: Term, c: string, ip: string): Promise<string> {
  const out = lines((await t.run(`docker exec ${c} ip -4 a`)).out);
  const inet = out.find((l) => l.startsWith(`    inet ${ip}/`));
  expect(inet, `${ip} in ${c}`).toBeDefined();
  return inet!.split(' ').pop()!;
}

describe('docker run --network name=...,alias=...,ip=...,gw-priority=...', () => {
  // The CLI refuses to mix user-defined and built-in networks in one `docker run`
  // (docker/cli@v28.5.2 cli/command/container/opts.go:770-805), so the default bridge joins
  // through `docker network connect` before the start.
  async function lab(): Promise<Term> {
    const t = newTerm();
    await t.setup(
      'docker network create --subnet 10.5.0.0/24 n1',
      'docker create -it --name c1 --network name=n1,alias=web,ip=10.5.0.9 alpine',
      'docker network connect --gw-priority 3 bridge c1',
      'docker start c1',
      'docker run -dit --name c2 --network n1 alpine',
    );
    return t;
  }

  it('the ip and the alias are honoured on n1', async () => {
    const t = await lab();
    const ip = await t.run(`docker inspect -f '{{.NetworkSettings.Networks.n1.IPAddress}} {{json .NetworkSettings.Networks.n1.IPAMConfig}} {{json .NetworkSettings.Networks.n1.Aliases}}' c1`);
    expect(ip.out).toBe('10.5.0.9 {"IPv4Address":"10.5.0.9"} ["web"]\n');
    const dns = await t.run(`docker inspect -f '{{json .NetworkSettings.Networks.n1.DNSNames}}' c1`);
    expect(dns.out).toMatch(/^\["c1","web","[0-9a-f]{12}"\]\n$/);
    const p = await t.run('docker exec c2 ping -c 1 web');
    expect(p.code).toBe(0);
    expect(p.out).toMatch(/^PING web \(10\.5\.0\.9\): 56 data bytes\n/);
    expect((await t.run('docker exec c2 nslookup web')).out).toContain('Name:\tweb\nAddress: 10.5.0.9\n');
  });

  it('the bridge endpoint gets 172.17.0.2 and GwPriority 3; n1 keeps 0', async () => {
    const t = await lab();
    const r = await t.run(`docker inspect -f '{{.NetworkSettings.Networks.bridge.IPAddress}} {{.NetworkSettings.Networks.bridge.GwPriority}} {{.NetworkSettings.Networks.n1.GwPriority}}' c1`);
    expect(r.out).toBe('172.17.0.2 3 0\n');
  });

  it('the default route goes through the network with the higher gw-priority (bridge)', async () => {
    const t = await lab();
    const brIf = await ifaceOf(t, 'c1', '172.17.0.2');
    const n1If = await ifaceOf(t, 'c1', '10.5.0.9');
    expect(await routes(t, 'c1')).toEqual([
      `default via 172.17.0.1 dev ${brIf}`,
      `10.5.0.0/24 dev ${n1If} scope link  src 10.5.0.9`,
      `172.17.0.0/16 dev ${brIf} scope link  src 172.17.0.2`,
    ]);
  });

  it('the default bridge is always connected first, so it is eth0 whatever the order of the networks', async () => {
    const t = await lab();
    expect(await ifaceOf(t, 'c1', '172.17.0.2')).toBe('eth0');
    expect(await ifaceOf(t, 'c1', '10.5.0.9')).toBe('eth1');
  });

  it('gw-priority on a user network moves the default route there', async () => {
    const t = newTerm();
    await t.setup(
      'docker network create --subnet 10.5.0.0/24 n1',
      'docker network create --subnet 10.6.0.0/24 n2',
      'docker run -dit --name hi --network name=n2 --network name=n1,gw-priority=3 alpine',
      'docker run -dit --name lo --network name=n2 --network name=n1 alpine',
    );
    const hiIf = await ifaceOf(t, 'hi', '10.5.0.2');
    expect((await routes(t, 'hi'))[0]).toBe(`default via 10.5.0.1 dev ${hiIf}`);
    // Same priority: the network whose name sorts first (n1 < n2) wins.
    const loIf = await ifaceOf(t, 'lo', '10.5.0.3');
    expect((await routes(t, 'lo'))[0]).toBe(`default via 10.5.0.1 dev ${loIf}`);
  });

  it('user-defined and built-in networks in one run are refused by the CLI; a network twice too (docker/cli opts.go:770-805)', async () => {
    const t = newTerm();
    await t.setup('docker pull alpine', 'docker network create un');
    const hint = "\n\nRun 'docker run --help' for more information\n";
    expect(await t.run('docker run --rm --network un --network bridge alpine true')).toMatchObject({
      out: '',
      err: `docker: conflicting options: cannot attach both user-defined and non-user-defined network-modes${hint}`,
      code: 125,
    });
    expect(await t.run('docker run --rm --network un --network un alpine true')).toMatchObject({ out: '', err: `docker: network "un" is specified multiple times${hint}`, code: 125 });
    // Two built-in networks pass the CLI; the daemon's answer is unverified, so the lab says so (fidelity plan A11).
    expect(await t.run('docker run --rm --network bridge --network host alpine true')).toMatchObject({
      out: '',
      err: 'sim: this lab does not model a container on bridge and host at once; give one --network\n',
      code: 125,
    });
    expect((await t.run('docker ps -aq')).out).toBe('');
  });

  it('one network named twice (name and id) passes the CLI; the start refuses the second endpoint (moby libnetwork/network.go:1189, daemon/start_linux.go:38)', async () => {
    const t = newTerm();
    await t.setup('docker pull alpine', 'docker network create un');
    const id = (await t.run('docker network inspect -f "{{.Id}}" un')).out.trim();
    for (const second of [id, id.slice(0, 6)]) {
      const r = await t.run(`docker run -d --name twice --network un --network ${second} alpine sleep 1000`);
      expect(r.code).toBe(125);
      expect(r.err).toBe("docker: Error response from daemon: failed to set up container networking: endpoint with name twice already exists in network un\n\nRun 'docker run --help' for more information\n");
      // The container was made but never started: no interface, nothing on the network.
      expect((await t.run('docker ps -a --format "{{.Names}} {{.State}}"')).out).toBe('twice created\n');
      expect((await t.run('docker network inspect -f "{{len .Containers}}" un')).out).toBe('0\n');
      expect((await t.run('docker start twice')).err).toBe('Error response from daemon: failed to set up container networking: endpoint with name twice already exists in network un\nError: failed to start containers: twice\n');
      await t.setup('docker rm twice');
    }
    expect((await t.run('ip -br link')).out).not.toMatch(/veth/);
  });

  it('alias= on the default bridge is refused by the CLI before any API call, as --network-alias is (exit 125)', async () => {
    const t = newTerm();
    await t.setup('docker pull alpine', 'docker network create n1');
    const cli = "docker: network-scoped aliases are only supported for user-defined networks\n\nRun 'docker run --help' for more information\n";
    expect(await t.run('docker run -d --network bridge --network-alias x alpine')).toMatchObject({ out: '', err: cli, code: 125 });
    expect(await t.run('docker run -d --network name=bridge,alias=x alpine')).toMatchObject({ out: '', err: cli, code: 125 });
    expect(await t.run('docker run -d --network name=n1,alias=x --network name=bridge,alias=y alpine')).toMatchObject({ out: '', err: cli, code: 125 });
    expect((await t.run('docker ps -aq')).out).toBe('');
  });
});

describe('docker ps -s and host-mode PORTS', () => {
  it('-s adds a SIZE column: writable layer, then the image as "(virtual ...)"', async () => {
    const t = newTerm();
    await t.setup('docker run -dit --name c1 alpine');
    const [head, row] = lines((await t.run('docker ps -s')).out);
    expect(head).toMatch(/^CONTAINER ID   IMAGE     COMMAND     CREATED +STATUS +PORTS     NAMES     SIZE$/);
    expect(row).toMatch(/ c1        0B \(virtual 8\.31MB\)$/);
    expect(row!.indexOf('0B (virtual')).toBe(head!.indexOf('SIZE'));
    expect((await t.run(`docker ps -s --format '{{.Names}} {{.Size}}'`)).out).toBe('c1 0B (virtual 8.31MB)\n');
  });

  it('without -s there is no SIZE column', async () => {
    const t = newTerm();
    await t.setup('docker run -dit --name c1 alpine');
    expect(lines((await t.run('docker ps')).out)[0]).toMatch(/PORTS     NAMES$/);
  });

  it('a host-mode container shows an empty PORTS cell, even when -p was given', async () => {
    const t = newTerm();
    await t.setup('docker run -d --name hweb --network host -p 9090:80 nginx', 'docker run -d --name web -p 8080:80 nginx');
    expect((await t.run(`docker ps --filter name=hweb --format '[{{.Ports}}]'`)).out).toBe('[]\n');
    const [head, ...rows] = lines((await t.run('docker ps')).out);
    const hweb = rows.find((r) => r.endsWith('hweb'))!;
    const portsAt = head!.indexOf('PORTS');
    const namesAt = head!.indexOf('NAMES');
    expect(hweb.slice(portsAt, namesAt).trim()).toBe('');
    expect(hweb.slice(namesAt)).toBe('hweb');
  });

  it('a host-mode container has no port map in inspect: Ports is {}', async () => {
    const t = newTerm();
    await t.setup('docker run -d --name hweb --network host nginx');
    expect((await t.run(`docker inspect -f '{{json .NetworkSettings.Ports}}' hweb`)).out).toBe('{}\n');
  });
});

describe('inspect templates: Go value printing, -f json, errors', () => {
  it('{{.NetworkSettings.Ports}} prints Go structs: {ip port}, IPv6 as ::', async () => {
    const t = newTerm();
    await t.setup('docker run -d --name web -p 8080:80 nginx', 'docker run -d --name auto -P nginx');
    expect((await t.run(`docker inspect -f '{{.NetworkSettings.Ports}}' web`)).out).toBe('map[80/tcp:[{0.0.0.0 8080} {:: 8080}]]\n');
    expect((await t.run(`docker inspect -f '{{.NetworkSettings.Ports}}' auto`)).out).toBe('map[80/tcp:[{0.0.0.0 32768} {:: 32768}]]\n');
  });

  it('an exposed but unpublished port: a nil []PortBinding prints as []', async () => {
    const t = newTerm();
    await t.setup('docker run -d --name ex nginx');
    expect((await t.run(`docker inspect -f '{{json .NetworkSettings.Ports}}' ex`)).out).toBe('{"80/tcp":null}\n');
    expect((await t.run(`docker inspect -f '{{.NetworkSettings.Ports}}' ex`)).out).toBe('map[80/tcp:[]]\n');
  });

  it('Config.ExposedPorts is a set: each value is an empty struct, printed {}', async () => {
    const t = newTerm();
    await t.setup('docker run -d --name ex nginx');
    expect((await t.run(`docker inspect -f '{{json .Config.ExposedPorts}}' ex`)).out).toBe('{"80/tcp":{}}\n');
    expect((await t.run(`docker inspect -f '{{.Config.ExposedPorts}}' ex`)).out).toBe('map[80/tcp:{}]\n');
  });

  it('-f json prints one compact line for each command, containers and networks alike', async () => {
    const t = newTerm();
    await t.setup('docker run -dit --name c1 alpine', 'docker network create n1');
    const c = await t.run('docker inspect -f json c1');
    expect(lines(c.out)).toHaveLength(1);
    expect(c.out).not.toMatch(/\n\s/);
    const parsed = JSON.parse(c.out) as Array<{ Name: string }>;
    expect(parsed.map((x) => x.Name)).toEqual(['/c1']);
    const n = await t.run('docker network inspect -f json n1');
    expect(lines(n.out)).toHaveLength(1);
    expect((JSON.parse(n.out) as Array<{ Name: string }>)[0]!.Name).toBe('n1');
  });

  it('templates that do not parse: "template parsing error: " on stderr, nothing on stdout, exit 64', async () => {
    const t = newTerm();
    await t.setup('docker run -dit --name c1 alpine', 'docker network create n1');
    for (const line of [
      `docker inspect -f '{{.State.Status' c1`,
      `docker inspect -f '{{.State.Status}' c1`,
      `docker inspect -f '{{if}}' c1`,
      `docker inspect -f '{{end}}' c1`,
      `docker network inspect -f '{{.Name' n1`,
      `docker container inspect --format '{{range .Mounts}}' c1`,
    ]) {
      const r = await t.run(line);
      expect(r.out, line).toBe('');
      expect(r.code, line).toBe(64);
      expect(r.err, line).toMatch(/^template parsing error: template: :1: [^\n]+\n$/);
    }
  });
});

describe('network create: IPAM validation and drivers the lab lacks', () => {
  it('--subnet 10.0.0.0/33 is not CIDR notation', async () => {
    const t = newTerm();
    expect(await t.run('docker network create --subnet 10.0.0.0/33 x')).toMatchObject({
      out: '',
      err: 'Error response from daemon: invalid network config:\ninvalid subnet 10.0.0.0/33: invalid CIDR block notation\n',
      code: 1,
    });
    expect((await t.run('docker network create --subnet 300.1.0.0/16 y')).err).toBe(
      'Error response from daemon: invalid network config:\ninvalid subnet 300.1.0.0/16: invalid CIDR block notation\n',
    );
    expect((await t.run('docker network ls -q')).out.split('\n').filter(Boolean)).toHaveLength(3);
  });

  it('-d macvlan is a driver of its own now: the network is listed as macvlan, local (moby@v28.5.2 libnetwork/drivers/macvlan)', async () => {
    const t = newTerm();
    const r = await t.run('docker network create -d macvlan -o parent=eth0 mv');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^[0-9a-f]{64}\n$/);
    expect((await t.run('docker network ls --filter driver=macvlan --format "{{.Name}} {{.Driver}} {{.Scope}}"')).out).toBe('mv macvlan local\n');
  });
});

describe('legacy links: environment variables (28.x keeps them)', () => {
  async function withDb(): Promise<Term> {
    const t = newTerm();
    await t.setup('docker run -d --name db nginx', 'docker pull alpine');
    return t;
  }

  it('--link db:database sets DATABASE_NAME=/<name>/database and the port variables of nginx', async () => {
    const t = await withDb();
    const r = await t.run('docker run --rm --name app --link db:database alpine env');
    expect(r.code).toBe(0);
    const env = lines(r.out);
    for (const v of [
      'DATABASE_NAME=/app/database',
      'DATABASE_PORT=tcp://172.17.0.2:80',
      'DATABASE_PORT_80_TCP=tcp://172.17.0.2:80',
      'DATABASE_PORT_80_TCP_ADDR=172.17.0.2',
      'DATABASE_PORT_80_TCP_PORT=80',
      'DATABASE_PORT_80_TCP_PROTO=tcp',
    ]) {
      expect(env).toContain(v);
    }
    expect(env).toContainEqual(expect.stringMatching(/^DATABASE_ENV_NGINX_VERSION=\d+\.\d+\.\d+$/));
    expect(env.filter((l) => l.startsWith('DATABASE_ENV_PATH=') || l.startsWith('DATABASE_ENV_HOME='))).toEqual([]);
  });

  it('an unnamed container gets its generated name in <ALIAS>_NAME; --link db uses DB_', async () => {
    const t = await withDb();
    const env = lines((await t.run('docker run --rm --link db alpine env')).out);
    expect(env).toContainEqual(expect.stringMatching(/^DB_NAME=\/[a-z]+_[a-z]+\d?\/db$/));
    expect(env).toContain('DB_PORT_80_TCP_ADDR=172.17.0.2');
  });

  it('a target that exposes no port gives only <ALIAS>_NAME', async () => {
    const t = newTerm();
    await t.setup('docker run -dit --name red alpine');
    const env = lines((await t.run('docker run --rm --name app --link red:r alpine env')).out);
    expect(env.filter((l) => l.startsWith('R_'))).toEqual(['R_NAME=/app/r']);
  });

  it('the link also writes "IP alias hostname name" into /etc/hosts', async () => {
    const t = await withDb();
    const hosts = lines((await t.run('docker run --rm --link db:database alpine cat /etc/hosts')).out);
    expect(hosts).toContainEqual(expect.stringMatching(/^172\.17\.0\.2\tdatabase [0-9a-f]{12} db$/));
  });

  it("env order is Docker's: PATH, HOSTNAME, the link's PORT variables, _NAME, _ENV_*, then HOME", async () => {
    const t = await withDb();
    const env = lines((await t.run('docker run --rm --name app --link db:database alpine env')).out);
    expect(env[0]).toBe('PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin');
    expect(env[1]).toMatch(/^HOSTNAME=[0-9a-f]{12}$/);
    expect(env.slice(2, 8)).toEqual([
      'DATABASE_PORT=tcp://172.17.0.2:80',
      'DATABASE_PORT_80_TCP=tcp://172.17.0.2:80',
      'DATABASE_PORT_80_TCP_ADDR=172.17.0.2',
      'DATABASE_PORT_80_TCP_PORT=80',
      'DATABASE_PORT_80_TCP_PROTO=tcp',
      'DATABASE_NAME=/app/database',
    ]);
    expect(env[8]).toMatch(/^DATABASE_ENV_NGINX_VERSION=/);
    expect(env[env.length - 1]).toBe('HOME=/root');
  });

  it('plain env in alpine: PATH, HOSTNAME, HOME; with -t, TERM=xterm comes after HOSTNAME', async () => {
    const t = newTerm();
    await t.setup('docker pull alpine');
    const plain = lines((await t.run('docker run --rm alpine env')).out);
    expect(plain.map((l) => l.split('=')[0])).toEqual(['PATH', 'HOSTNAME', 'HOME']);
    const tty = lines((await t.run('docker run --rm -t alpine env')).out);
    expect(tty.map((l) => l.split('=')[0])).toEqual(['PATH', 'HOSTNAME', 'TERM', 'HOME']);
  });
});
