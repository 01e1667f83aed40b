/**
 * JSON shapes and field order of `docker inspect` / `docker network inspect`, and -f/--format templates
 * (reference §0.1, §0.3, §1.3, §1.4; docker/cli cli/command/inspect/inspector.go).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { lines, newTerm, type Term } from './helpers';

/** Go's json.Indent(…, "", "    ") output equals JS JSON.stringify(…, null, 4) for this data. */
function expectGoIndented(out: string): unknown {
  const parsed = JSON.parse(out) as unknown;
  expect(out).toBe(JSON.stringify(parsed, null, 4) + '\n');
  return parsed;
}

let t: Term;
let webId = '';
beforeAll(async () => {
  t = newTerm();
  await t.setup(
    'docker network create mynet',
    'docker run -d --name web -p 8080:80 nginx',
    'docker run -dit --name c1 --network mynet --network-alias al alpine',
    'docker run -d --name exposed nginx',
  );
  webId = (await t.run(`docker inspect -f '{{.Id}}' web`)).out.trim();
});

describe('docker inspect <container>', () => {
  it('is a 4-space indented JSON array with Docker 28 top-level field order', async () => {
    const r = await t.run('docker inspect web');
    expect(r.code).toBe(0);
    const [c] = expectGoIndented(r.out) as Array<Record<string, any>>;
    expect(Object.keys(c!)).toEqual([
      'Id', 'Created', 'Path', 'Args', 'State', 'Image', 'ResolvConfPath', 'HostnamePath', 'HostsPath', 'LogPath', 'Name',
      'RestartCount', 'Driver', 'Platform', 'MountLabel', 'ProcessLabel', 'AppArmorProfile', 'ExecIDs', 'HostConfig',
      'GraphDriver', 'Mounts', 'Config', 'NetworkSettings',
    ]);
    expect(c!.Id).toMatch(/^[0-9a-f]{64}$/);
    expect(c!.Name).toBe('/web');
    expect(c!.Image).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(c!.Created).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d+Z$/);
    expect(c!.State.Status).toBe('running');
    expect(c!.Config.Hostname).toBe(c!.Id.slice(0, 12));
    expect(c!.Config.Image).toBe('nginx');
    expect(c!.HostConfig.NetworkMode).toBe('bridge');
  });

  it('NetworkSettings (≤28 order): the deprecated top-level copy mirrors the bridge endpoint', async () => {
    const [c] = JSON.parse((await t.run('docker inspect web')).out) as Array<Record<string, any>>;
    const ns = c!.NetworkSettings;
    expect(Object.keys(ns)).toEqual([
      'Bridge', 'SandboxID', 'SandboxKey', 'Ports', 'HairpinMode', 'LinkLocalIPv6Address', 'LinkLocalIPv6PrefixLen',
      'SecondaryIPAddresses', 'SecondaryIPv6Addresses', 'EndpointID', 'Gateway', 'GlobalIPv6Address', 'GlobalIPv6PrefixLen',
      'IPAddress', 'IPPrefixLen', 'IPv6Gateway', 'MacAddress', 'Networks',
    ]);
    expect(ns.SandboxKey).toMatch(/^\/var\/run\/docker\/netns\/[0-9a-f]{12}$/);
    expect(ns.Ports).toEqual({ '80/tcp': [{ HostIp: '0.0.0.0', HostPort: '8080' }, { HostIp: '::', HostPort: '8080' }] });
    const b = ns.Networks.bridge;
    expect(Object.keys(b)).toEqual([
      'IPAMConfig', 'Links', 'Aliases', 'MacAddress', 'DriverOpts', 'GwPriority', 'NetworkID', 'EndpointID', 'Gateway',
      'IPAddress', 'IPPrefixLen', 'IPv6Gateway', 'GlobalIPv6Address', 'GlobalIPv6PrefixLen', 'DNSNames',
    ]);
    expect(b).toMatchObject({ IPAMConfig: null, Aliases: null, Gateway: '172.17.0.1', IPAddress: '172.17.0.2', IPPrefixLen: 16, DNSNames: null });
    expect(ns).toMatchObject({ EndpointID: b.EndpointID, Gateway: '172.17.0.1', IPAddress: '172.17.0.2', IPPrefixLen: 16, MacAddress: b.MacAddress });
    expect(b.NetworkID).toMatch(/^[0-9a-f]{64}$/);
    expect(b.EndpointID).toMatch(/^[0-9a-f]{64}$/);
    expect(b.MacAddress).toMatch(/^([0-9a-f]{2}:){5}[0-9a-f]{2}$/);
  });

  it('on a user network only: empty top-level copy, HostConfig.NetworkMode is the network name', async () => {
    const [c] = JSON.parse((await t.run('docker inspect c1')).out) as Array<Record<string, any>>;
    expect(c!.HostConfig.NetworkMode).toBe('mynet');
    expect(c!.NetworkSettings).toMatchObject({ EndpointID: '', Gateway: '', IPAddress: '', IPPrefixLen: 0, MacAddress: '', Ports: {} });
    expect(c!.NetworkSettings.Networks.mynet).toMatchObject({ Aliases: ['al'], Gateway: '172.18.0.1', IPAddress: '172.18.0.2', IPPrefixLen: 16 });
    expect(c!.NetworkSettings.Networks.mynet.DNSNames).toEqual(['c1', 'al', c!.Id.slice(0, 12)]);
  });

  it('an exposed but unpublished port maps to null', async () => {
    expect((await t.run(`docker inspect -f '{{json .NetworkSettings.Ports}}' exposed`)).out).toBe('{"80/tcp":null}\n');
  });

  it('docker inspect finds networks too; --type narrows the search', async () => {
    expect((await t.run(`docker inspect -f '{{.Driver}}' bridge`)).out).toBe('bridge\n');
    expect((await t.run(`docker inspect --type network -f '{{.Name}}' mynet`)).out).toBe('mynet\n');
    expect(await t.run('docker inspect --type container bridge')).toMatchObject({
      out: '[]\n',
      err: 'Error response from daemon: No such container: bridge\n',
      code: 1,
    });
  });
});

describe('docker network inspect', () => {
  it('user network: Docker 28 field order, IPAM Options {}, the container keyed by full id', async () => {
    const r = await t.run('docker network inspect mynet');
    const [n] = expectGoIndented(r.out) as Array<Record<string, any>>;
    expect(Object.keys(n!)).toEqual([
      'Name', 'Id', 'Created', 'Scope', 'Driver', 'EnableIPv4', 'EnableIPv6', 'IPAM', 'Internal', 'Attachable', 'Ingress',
      'ConfigFrom', 'ConfigOnly', 'Containers', 'Options', 'Labels',
    ]);
    expect(n).toMatchObject({ Scope: 'local', Driver: 'bridge', EnableIPv4: true, EnableIPv6: false, Internal: false, Attachable: false, Ingress: false, ConfigFrom: { Network: '' }, ConfigOnly: false, Options: {}, Labels: {} });
    const c1 = (await t.run(`docker inspect -f '{{.Id}}' c1`)).out.trim();
    expect(Object.keys(n!.Containers)).toEqual([c1]);
    expect(Object.keys(n!.Containers[c1])).toEqual(['Name', 'EndpointID', 'MacAddress', 'IPv4Address', 'IPv6Address']);
    expect(n!.Containers[c1]).toMatchObject({ Name: 'c1', IPv4Address: '172.18.0.2/16', IPv6Address: '' });
  });

  it('host and none: IPAM with Options null and no Config', async () => {
    for (const name of ['host', 'none']) {
      const [n] = JSON.parse((await t.run(`docker network inspect ${name}`)).out) as Array<Record<string, any>>;
      expect(n!.IPAM, name).toEqual({ Driver: 'default', Options: null, Config: [] });
      expect(n!.Driver).toBe(name === 'host' ? 'host' : 'null');
    }
  });

  it('several networks: one array, in the order asked', async () => {
    const r = await t.run('docker network inspect none bridge');
    const arr = expectGoIndented(r.out) as Array<Record<string, any>>;
    expect(arr.map((n) => n.Name)).toEqual(['none', 'bridge']);
  });

  it('a network found by an id prefix', async () => {
    const id = (await t.run(`docker network inspect -f '{{.Id}}' mynet`)).out.trim();
    expect((await t.run(`docker network inspect -f '{{.Name}}' ${id.slice(0, 5)}`)).out).toBe('mynet\n');
  });
});

describe('-f / --format templates', () => {
  it('fields, nested fields, and several objects one per line', async () => {
    expect((await t.run(`docker inspect -f '{{.Name}} {{.State.Status}} {{.State.Running}}' web c1`)).out).toBe('/web running true\n/c1 running true\n');
    expect((await t.run(`docker inspect --format='{{.NetworkSettings.Networks.mynet.IPAddress}}' c1`)).out).toBe('172.18.0.2\n');
  });

  it('range over a map, with and without variables', async () => {
    expect((await t.run(`docker inspect -f '{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}' web`)).out).toBe('172.17.0.2\n');
    await t.setup('docker network connect bridge c1');
    expect((await t.run(`docker inspect -f '{{range $name, $ep := .NetworkSettings.Networks}}{{$name}}={{$ep.IPAddress}};{{end}}' c1`)).out).toBe('bridge=172.17.0.4;mynet=172.18.0.2;\n');
    await t.setup('docker network disconnect bridge c1');
    const names = (await t.run(`docker network inspect -f '{{range .Containers}}{{.Name}} {{end}}' bridge`)).out;
    expect(names.trim().split(' ').sort()).toEqual(['exposed', 'web']);
  });

  it('json of a field, of a list, and of the whole object', async () => {
    expect((await t.run(`docker inspect -f '{{json .Config.Cmd}}' c1`)).out).toBe('["/bin/sh"]\n');
    expect((await t.run(`docker network inspect -f '{{json .IPAM.Config}}' mynet`)).out).toBe('[{"Subnet":"172.18.0.0/16","Gateway":"172.18.0.1"}]\n');
    const whole = await t.run(`docker inspect -f '{{json .}}' web`);
    expect(lines(whole.out)).toHaveLength(1);
    expect((JSON.parse(whole.out) as { Id: string }).Id).toBe(webId);
  });

  it('-f json prints the array compacted on one line', async () => {
    const r = await t.run('docker inspect -f json web');
    expect(lines(r.out)).toHaveLength(1);
    expect(r.out.startsWith('[{"Id":"')).toBe(true);
    expect((JSON.parse(r.out) as Array<{ Id: string }>)[0]!.Id).toBe(webId);
  });

  it('index, len, if/else, printf and Docker\'s extra functions', async () => {
    expect((await t.run(`docker network inspect -f '{{index .Options "com.docker.network.bridge.name"}}' bridge`)).out).toBe('docker0\n');
    expect((await t.run(`docker network inspect -f '{{len .Containers}}' mynet`)).out).toBe('1\n');
    expect((await t.run(`docker network inspect -f '{{if .Internal}}internal{{else}}external{{end}}' mynet`)).out).toBe('external\n');
    expect((await t.run(`docker inspect -f '{{printf "%s:%d" .Name .RestartCount}}' c1`)).out).toBe('/c1:0\n');
    expect((await t.run(`docker inspect -f '{{upper .Config.Image}} {{join .Config.Cmd ","}} {{lower "AB"}} {{title "ab"}} {{split "a,b" ","}}' c1`)).out).toBe('ALPINE /bin/sh ab Ab [a b]\n');
  });

  it('Go value printing: a slice prints as [a b], a port map prints its structs as {ip port}', async () => {
    expect((await t.run(`docker inspect -f '{{.Config.Cmd}}' web`)).out).toBe('[nginx -g daemon off;]\n');
    expect((await t.run(`docker inspect -f '{{.NetworkSettings.Ports}}' web`)).out).toBe('map[80/tcp:[{0.0.0.0 8080} {:: 8080}]]\n');
  });

  it('docker ps and network ls --format: custom lines, table headers, json lines', async () => {
    expect((await t.run(`docker ps --format '{{.Names}}\t{{.Networks}}' --filter name=c1`)).out).toBe('c1\tmynet\n');
    const table = await t.run(`docker network ls --format 'table {{.Name}}\t{{.Driver}}'`);
    expect(table.out).toBe('NAME      DRIVER\nbridge    bridge\nhost      host\nmynet     bridge\nnone      null\n');
    const j = await t.run('docker network ls --format json');
    const rows = lines(j.out).map((l) => JSON.parse(l) as Record<string, string>);
    expect(rows.map((r) => r.Name)).toEqual(['bridge', 'host', 'mynet', 'none']);
    expect(Object.keys(rows[0]!)).toEqual([...Object.keys(rows[0]!)].sort());
    const ps = await t.run(`docker ps --format json --filter name=web`);
    const row = JSON.parse(ps.out) as Record<string, string>;
    expect(row).toMatchObject({ Names: 'web', Image: 'nginx', State: 'running', Ports: '0.0.0.0:8080->80/tcp, [::]:8080->80/tcp', Networks: 'bridge' });
    expect(row.ID).toMatch(/^[0-9a-f]{12}$/);
  });
});
