/**
 * The host and none drivers, and container:<name> network mode (reference §1.4, §2, §3.6–3.8, §4.2–4.4).
 */
import { describe, expect, it } from 'vitest';
import { lines, newTerm } from './helpers';

describe('--network host', () => {
  it('-p is discarded with Docker\'s warning on stderr; the container still starts and its id is printed', async () => {
    const t = newTerm();
    const r = await t.run('docker run -d --name hweb --network host -p 8080:80 nginx');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^[0-9a-f]{64}\n$/);
    expect(r.err.endsWith('WARNING: Published ports are discarded when using host network mode\n')).toBe(true);
    expect((await t.run('docker port hweb')).out).toBe('');
    expect((await t.run(`docker inspect -f '{{.State.Status}} {{.HostConfig.NetworkMode}}' hweb`)).out).toBe('running host\n');
  });

  it('nginx on the host network answers on the host\'s own port 80, also from the LAN', async () => {
    const t = newTerm();
    await t.setup('docker run -d --name hweb --network host nginx');
    expect((await t.run('curl -s localhost | grep title')).out).toBe('<title>Welcome to nginx!</title>\n');
    expect((await t.run('curl -s localhost:8080')).code).toBe(7);
    await t.setup('ssh laptop');
    expect((await t.run('curl -s http://192.168.1.11 | grep title')).out).toBe('<title>Welcome to nginx!</title>\n');
  });

  it('adds no interface on the host and sees the host\'s interfaces, hostname and /etc/hosts', async () => {
    const t = newTerm();
    const before = await t.run('ip -br link');
    await t.setup('docker run -dit --name hc --network host alpine');
    expect((await t.run('ip -br link')).out).toBe(before.out);
    expect((await t.run('docker exec hc hostname')).out).toBe('host1\n');
    expect((await t.run(`docker inspect -f '{{.Config.Hostname}}' hc`)).out).toBe('host1\n');
    const ip = await t.run('docker exec hc ip -br addr');
    expect(ip.out).toMatch(/^eth0 +UP +192\.168\.1\.11\/24/m);
    expect(ip.out).toMatch(/^docker0 +\S+ +172\.17\.0\.1\/16/m);
    const hosts = await t.run('docker exec hc cat /etc/hosts');
    expect(hosts.out).toBe((await t.run('cat /etc/hosts')).out);
    const route = await t.run('docker exec hc ip route');
    expect(lines(route.out)[0]).toBe('default via 192.168.1.1 dev eth0');
  });

  it('inspect: Networks.host with empty addresses; network inspect host lists the container', async () => {
    const t = newTerm();
    await t.setup('docker run -dit --name hc --network host alpine');
    const n = await t.run(`docker inspect -f '{{json .NetworkSettings.Networks.host.IPAddress}} {{json .NetworkSettings.Networks.host.MacAddress}} {{.NetworkSettings.Networks.host.IPPrefixLen}}' hc`);
    expect(n.out).toBe('"" "" 0\n');
    const h = await t.run(`docker network inspect -f '{{range .Containers}}{{.Name}} [{{.IPv4Address}}] [{{.MacAddress}}]{{end}}' host`);
    expect(h.out).toBe('hc [] []\n');
    const ipam = await t.run(`docker network inspect -f '{{json .IPAM}}' host`);
    expect(ipam.out).toBe('{"Driver":"default","Options":null,"Config":[]}\n');
  });

  it('a second nginx on the host network cannot bind port 80 and exits', async () => {
    const t = newTerm();
    await t.setup('docker run -d --name h1 --network host nginx', 'docker run -d --name h2 --network host nginx');
    await t.run('sleep 2');
    const st = await t.run(`docker ps -a --format '{{.Names}} {{.State}}'`);
    expect(lines(st.out)).toContain('h2 exited');
    expect(lines(st.out)).toContain('h1 running');
    const logs = await t.run('docker logs h2');
    expect(logs.output).toContain('bind() to 0.0.0.0:80 failed (98: Address already in use)');
  });

  it('refuses --link, and network connect/disconnect with Docker 28.0.2+ texts', async () => {
    const t = newTerm();
    await t.setup('docker run -dit --name b1 alpine', 'docker network create other', 'docker run -dit --name hc --network host alpine');
    const link = await t.run('docker run --network host --link b1 alpine true');
    expect(link).toMatchObject({
      out: '',
      err: "docker: Error response from daemon: conflicting options: host type networking can't be used with links. This would result in undefined behavior\n\nRun 'docker run --help' for more information\n",
      code: 125,
    });
    expect(await t.run('docker network connect other hc')).toMatchObject({
      err: 'Error response from daemon: container sharing network namespace with another container or host cannot be connected to any other network\n',
      code: 1,
    });
    expect(await t.run('docker network connect host b1')).toMatchObject({
      err: 'Error response from daemon: cannot connect container to host network - container must be created in host network mode\n',
      code: 1,
    });
    expect(await t.run('docker network disconnect host hc')).toMatchObject({
      err: 'Error response from daemon: cannot disconnect container from host network - container was created in host network mode\n',
      code: 1,
    });
  });
});

describe('--network none', () => {
  it('has only lo, with no IPv6 loopback, and no routes', async () => {
    const t = newTerm();
    await t.setup('docker run -dit --name nn --network none alpine');
    const r = await t.run('docker exec nn ip addr');
    expect(r.out).toBe(
      '1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN qlen 1000\n    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00\n    inet 127.0.0.1/8 scope host lo\n       valid_lft forever preferred_lft forever\n',
    );
    expect(await t.run('docker exec nn ip route')).toMatchObject({ out: '', code: 0 });
  });

  it('cannot reach anything but itself', async () => {
    const t = newTerm();
    await t.setup('docker run -dit --name nn --network none alpine', 'docker run -dit --name peer alpine');
    const out = await t.run('docker exec nn ping -c 1 8.8.8.8');
    expect(out.code).toBe(1);
    expect(out.err).toMatch(/^ping: sendto: Network (is )?unreachable\n$/);
    const peer = await t.run('docker exec nn ping -c 1 172.17.0.2');
    expect(peer.code).toBe(1);
    const self = await t.run('docker exec nn ping -c 1 127.0.0.1');
    expect(self.code).toBe(0);
    expect(self.out).toContain('1 packets transmitted, 1 packets received, 0% packet loss');
    const back = await t.run('docker exec peer ping -c 1 -W 1 172.17.0.3');
    expect(back.out).toContain('100% packet loss');
  });

  it('/etc/hosts has the default lines and no own address; inspect shows Networks.none with empty fields', async () => {
    const t = newTerm();
    await t.setup('docker run -dit --name nn --network none alpine');
    const hosts = await t.run('docker exec nn cat /etc/hosts');
    expect(lines(hosts.out)[0]).toBe('127.0.0.1\tlocalhost');
    expect(hosts.out).not.toMatch(/^\d+\.\d+\.\d+\.\d+\t[0-9a-f]{12}$/m);
    const n = await t.run(`docker inspect -f '{{.HostConfig.NetworkMode}} {{range $k, $v := .NetworkSettings.Networks}}{{$k}}:[{{$v.IPAddress}}]{{end}}' nn`);
    expect(n.out).toBe('none none:[]\n');
    const listed = await t.run(`docker network inspect -f '{{range .Containers}}{{.Name}}{{end}}' none`);
    expect(listed.out).toBe('nn\n');
  });

  it('cannot be connected to another network, and nobody can connect to none', async () => {
    const t = newTerm();
    await t.setup('docker network create other', 'docker run -dit --name nn --network none alpine', 'docker run -dit --name b1 alpine');
    const msg = 'Error response from daemon: container cannot be connected to multiple networks with one of the networks in private (none) mode\n';
    expect(await t.run('docker network connect other nn')).toMatchObject({ out: '', err: msg, code: 1 });
    expect(await t.run('docker network connect none b1')).toMatchObject({ out: '', err: msg, code: 1 });
  });
});

describe('--network container:<name>', () => {
  it('shares the other container\'s stack: same interfaces, hostname, and its localhost', async () => {
    const t = newTerm();
    await t.setup('docker run -d --name web nginx', 'docker run -dit --name side --network container:web alpine');
    const a = await t.run('docker exec side ip -br addr');
    expect(a.out).toMatch(/^eth0@if\d+ +UP +172\.17\.0\.2\/16/m);
    const webHost = (await t.run(`docker inspect -f '{{.Config.Hostname}}' web`)).out;
    expect((await t.run('docker exec side hostname')).out).toBe(webHost);
    const page = await t.run('docker exec side wget -qO- http://localhost');
    expect(page.out).toContain('<title>Welcome to nginx!</title>');
    const mode = await t.run(`docker inspect -f '{{.HostConfig.NetworkMode}} {{json .NetworkSettings.Networks}}' side`);
    expect(mode.out).toMatch(/^container:(web|[0-9a-f]{64}) \{\}\n$/);
    expect((await t.run('ip -br link')).out.match(/veth/g)).toHaveLength(1);
  });

  it('refuses -p and --hostname with Docker\'s "conflicting options" texts', async () => {
    const t = newTerm();
    await t.setup('docker run -dit --name base alpine', 'docker pull nginx');
    const p = await t.run('docker run -d --network container:base -p 80:80 nginx');
    expect(p).toMatchObject({
      err: "docker: Error response from daemon: conflicting options: port publishing and the container type network mode\n\nRun 'docker run --help' for more information\n",
      code: 125,
    });
    const h = await t.run('docker run -d --network container:base --hostname x1 alpine');
    expect(h.err).toContain('conflicting options: hostname and the network mode');
    expect(h.code).toBe(125);
    const other = await t.run('docker network connect bridge base');
    expect(other.code).toBe(1);
    await t.setup('docker run -dit --name joined --network container:base alpine');
    expect(await t.run('docker network connect bridge joined')).toMatchObject({
      err: 'Error response from daemon: container sharing network namespace with another container or host cannot be connected to any other network\n',
      code: 1,
    });
  });
});
