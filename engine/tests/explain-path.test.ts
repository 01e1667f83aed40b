import { describe, expect, it } from 'vitest';
import { createLab, type Lab, type PathExplanation } from '../index';

/**
 * "Why can't A reach B?" (Lab.explainPath) through labs built with commands: the verdict, each
 * hop's namespace, device, route and rule as `ip route` and `iptables -S` print them, names
 * resolved as the source resolves them, and a lab left exactly as it was. The last probe typed
 * in a terminal (Lab.lastProbe) is read from the line.
 */

async function lab(lines: string[], hosts = ['host1']): Promise<{ lab: Lab; run: (line: string) => Promise<string> }> {
  const l = createLab({ seed: 4, hosts });
  const s = l.openSession();
  const run = async (line: string) => {
    const r = await s.run(line);
    if (r.exitCode !== 0 && !line.startsWith('docker exec')) throw new Error(`${line}: ${r.output}`);
    return r.output;
  };
  for (const line of lines) await run(line);
  return { lab: l, run };
}

const TWO_NETS = [
  'docker network create front',
  'docker network create back',
  'docker run -d --name web --net front nginx',
  'docker run -dit --name db --net back alpine',
  'docker run -dit --name app --net front alpine',
];

const last = (e: PathExplanation) => e.hops[e.hops.length - 1]!;
const steps = (e: PathExplanation) => e.hops.map((h) => `${h.direction} ${h.step} ${h.namespace}${h.device ? ` ${h.device}` : ''}`);

describe('Lab.explainPath', () => {
  it('a ping by name on a user network: resolved by the embedded DNS, bridged there and back', async () => {
    const { lab: l } = await lab(TWO_NETS);
    const e = l.explainPath({ from: 'app', to: 'web' });
    expect(e.verdict).toBe('delivered');
    expect(e.proto).toBe('icmp');
    expect(e.address).toMatch(/^172\.18\.0\.\d+$/);
    expect(e.hops[0]).toMatchObject({ step: 'resolve', namespace: 'container app', container: { name: 'app' } });
    expect(e.hops[0]!.text).toContain("Docker's embedded DNS (127.0.0.11)");
    expect(steps(e)).toEqual([
      'there resolve container app',
      'there out container app eth0',
      expect.stringMatching(/^there bridge host1 veth/),
      'there in container web eth0',
      'back out container web eth0',
      expect.stringMatching(/^back bridge host1 veth/),
      'back in container app eth0',
    ]);
    expect(e.hops[1]!.route).toBe(`172.18.0.0/16 dev eth0 proto kernel scope link src ${l.topology().hosts[0]!.containers.find((c) => c.name === 'app')!.endpoints[0]!.ipv4}`);
  });

  it('between two user networks: dropped by the rule that decided, printed as iptables -S prints it', async () => {
    const { lab: l } = await lab(TWO_NETS);
    const e = l.explainPath({ from: 'web', to: 'db', by: 'address' });
    expect(e.verdict).toBe('dropped');
    const drop = last(e);
    expect(drop.step).toBe('drop');
    expect(drop.namespace).toBe('host1');
    const rule = drop.rule!;
    // Docker 28's direct-access rule in raw PREROUTING (moby v28.5.2 libnetwork/drivers/bridge/setup_ip_tables_linux.go).
    expect(rule).toMatchObject({ table: 'raw', chain: 'PREROUTING', verdict: 'DROP', policy: false });
    const printed = (await l.openSession().run('iptables -t raw -S PREROUTING')).output.split('\n');
    expect(printed).toContain(rule.text);
    expect(e.reason).toContain(rule.text);
  });

  it('a name the source cannot resolve is no-name, and says which resolver had no record', async () => {
    const { lab: l } = await lab(TWO_NETS);
    const e = l.explainPath({ from: 'app', to: 'db' });
    expect(e.verdict).toBe('no-name');
    expect(e.hops).toHaveLength(1);
    expect(e.reason).toBe("app cannot resolve the name db: Docker's embedded DNS (127.0.0.11) has no record for it.");
  });

  it('an /etc/hosts line the learner added is how the source resolves, as ping would', async () => {
    const { lab: l, run } = await lab(TWO_NETS);
    const ip = l.topology().hosts[0]!.containers.find((c) => c.name === 'db')!.endpoints[0]!.ipv4!;
    await run(`docker exec app sh -c "echo '${ip} db' >> /etc/hosts"`);
    const e = l.explainPath({ from: 'app', to: 'db' });
    expect(e.address).toBe(ip);
    expect(e.hops[0]!.text).toBe(`app: db resolves to ${ip} (answered by /etc/hosts)`);
    expect(e.verdict).toBe('dropped');
  });

  it('TCP: accepted where a server listens, refused where none does (the reset comes back)', async () => {
    const { lab: l } = await lab(TWO_NETS);
    expect(l.explainPath({ from: 'app', to: 'web', port: 80 }).verdict).toBe('delivered');
    const e = l.explainPath({ from: 'app', to: 'web', port: 81 });
    expect(e.verdict).toBe('refused');
    expect(e.proto).toBe('tcp');
    expect(e.hops.map((h) => h.step)).toEqual(['resolve', 'out', 'bridge', 'in', 'refused', 'out', 'bridge', 'in']);
    expect(e.reason).toContain('nothing listens on tcp port 81: connection refused');
  });

  it('a published port from the laptop: DNAT to the container, accepted by the DOCKER chain', async () => {
    const { lab: l } = await lab(['docker run -d --name pub -p 8080:80 nginx']);
    const e = l.explainPath({ from: 'laptop', to: '192.168.1.11', port: 8080 });
    expect(e.verdict).toBe('delivered');
    const fwd = e.hops.find((h) => h.step === 'forward' && h.direction === 'there')!;
    expect(fwd).toMatchObject({ namespace: 'host1', device: 'eth0', to: 'docker0' });
    expect(fwd.rule).toMatchObject({ table: 'filter', chain: 'DOCKER', verdict: 'ACCEPT' });
    expect(fwd.rule!.text).toMatch(/^-A DOCKER -d 172\.17\.0\.2\/32 ! -i docker0 -o docker0 -p tcp -m tcp --dport 80 -j ACCEPT$/);
    expect(e.hops[0]).toMatchObject({ nsKind: 'machine', namespace: 'laptop', device: 'eth0' });
  });

  it('localhost on the host goes through docker-proxy, which opens its own connection', async () => {
    const { lab: l } = await lab(['docker run -d --name pub -p 8080:80 nginx']);
    const e = l.explainPath({ from: 'host1', to: 'localhost', port: 8080 });
    expect(e.verdict).toBe('delivered');
    expect(e.hops.find((h) => h.step === 'proxy')?.text).toBe('host1: docker-proxy accepted on port 8080 and connects to 172.17.0.2:80');
    expect(last(e).namespace).toBe('host1');
  });

  it("a learner's DOCKER-USER rule is named as the drop; no route and a stopped source say so", async () => {
    const { lab: l, run } = await lab([...TWO_NETS, 'docker run -dit --name loner --network none alpine', 'docker run -dit --name gone alpine', 'docker stop gone']);
    const ip = l.topology().hosts[0]!.containers.find((c) => c.name === 'app')!.endpoints[0]!.ipv4!;
    await run(`iptables -I DOCKER-USER -s ${ip} -j DROP`);
    const e = l.explainPath({ from: 'app', to: '8.8.8.8' });
    expect(e.verdict).toBe('dropped');
    expect(last(e).rule).toMatchObject({ table: 'filter', chain: 'DOCKER-USER', index: 1, text: `-A DOCKER-USER -s ${ip}/32 -j DROP` });
    const none = l.explainPath({ from: 'loner', to: '8.8.8.8' });
    expect(none.verdict).toBe('no-route');
    expect(last(none).text).toBe('loner: lost: no route to 8.8.8.8');
    expect(l.explainPath({ from: 'gone', to: '8.8.8.8' })).toMatchObject({ verdict: 'no-route', hops: [], reason: 'gone is not running: it cannot send anything.' });
    expect(l.explainPath({ from: 'nobody', to: '8.8.8.8' })).toMatchObject({ verdict: 'no-name', reason: 'there is no container named nobody.' });
    expect(l.explainPath({ from: '', to: '' }).verdict).toBe('no-name');
  });

  it('across hosts: out of host1, across the LAN, into host2', async () => {
    const { lab: l } = await lab(['docker run -dit --name c1 alpine'], ['host1', 'host2']);
    const e = l.explainPath({ from: 'c1', to: 'host2', by: 'address' });
    expect(e.verdict).toBe('delivered');
    expect(e.address).toBe('192.168.1.12');
    expect(e.hops.filter((h) => h.direction === 'there').map((h) => `${h.step} ${h.namespace}`)).toEqual([
      'out container c1',
      'in host1',
      'forward host1',
      'in host2',
    ]);
  });

  it('leaves the lab as it was: no counters, neighbours or learned MACs', async () => {
    const { lab: l } = await lab(TWO_NETS);
    const before = JSON.stringify(l.snapshot());
    l.explainPath({ from: 'app', to: 'web', port: 80 });
    l.explainPath({ from: 'web', to: 'db', by: 'address' });
    l.explainPath({ from: 'laptop', to: '192.168.1.11', port: 8080 });
    expect(JSON.stringify(l.snapshot())).toBe(before);
  });
});

describe('Lab.lastProbe', () => {
  it('reads ping, curl, wget and nc lines, inside a container or on the host, and on another host', async () => {
    const { lab: l } = await lab([], ['host1', 'host2']);
    const s1 = l.openSession('host1');
    expect(l.lastProbe()).toBeNull();
    await s1.run('docker run -dit --name app alpine');
    await s1.run('docker exec app ping -c 1 -W 1 web');
    expect(l.lastProbe()).toMatchObject({ command: 'ping', from: 'app', to: 'web', proto: 'icmp', sessionId: s1.id, line: 'docker exec app ping -c 1 -W 1 web' });
    await s1.run('curl -s -o /dev/null http://localhost:8080/index.html');
    expect(l.lastProbe()).toMatchObject({ command: 'curl', from: 'host1', to: 'localhost', port: 8080, proto: 'tcp' });
    await s1.run('docker exec -it app wget -qO- web');
    expect(l.lastProbe()).toMatchObject({ command: 'wget', from: 'app', to: 'web', port: 80 });
    const s2 = l.openSession('host2');
    await s2.run('docker run -dit --name c2 alpine');
    await s2.run('docker exec c2 nc -zv -w 1 192.168.1.11 22');
    expect(l.lastProbe()).toMatchObject({ command: 'nc', from: 'c2@host2', to: '192.168.1.11', port: 22, proto: 'tcp' });
    expect(l.lastProbe(s1.id)).toMatchObject({ command: 'wget' });
    await s1.run('docker ps');
    expect(l.lastProbe()?.command).toBe('nc');
    // Ready for explainPath as it is.
    expect(l.explainPath(l.lastProbe()!).verdict).toBe('delivered');
  });
});
