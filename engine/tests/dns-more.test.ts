/**
 * More DNS: reverse lookups (PTR) answered by the embedded server and by the upstream, --internal networks that
 * do not forward (SERVFAIL), and --add-host with the host-gateway keyword (reference §3.7, §3.8, §4.1).
 */
import { describe, expect, it } from 'vitest';
import { lines, newTerm, type Term } from './helpers';

async function userNet(): Promise<Term> {
  const t = newTerm();
  await t.setup(
    'docker network create n1',
    'docker run -dit --name c1 --network n1 --network-alias db alpine',
    'docker run -dit --name c2 --network n1 alpine',
  );
  return t;
}

describe('reverse lookups: nslookup IP', () => {
  it('from a container on the same user network: name = <container>.<network> (busybox, no final dot)', async () => {
    const t = await userNet();
    const r = await t.run('docker exec c2 nslookup 172.18.0.2');
    expect(r).toMatchObject({ err: '', code: 0 });
    expect(r.out).toBe('Server:\t\t127.0.0.11\nAddress:\t127.0.0.11:53\n\nNon-authoritative answer:\n2.0.18.172.in-addr.arpa\tname = c1.n1\n\n');
    // A container's own address; the alias is not what the PTR record names.
    expect((await t.run('docker exec c1 nslookup 172.18.0.3')).out).toContain('3.0.18.172.in-addr.arpa\tname = c2.n1\n');
    expect((await t.run('docker exec c1 nslookup 172.18.0.2')).out).toContain('\tname = c1.n1\n');
  });

  it('an unused address on the network: NXDOMAIN, exit 1', async () => {
    const t = await userNet();
    const r = await t.run('docker exec c2 nslookup 172.18.0.9');
    expect(r.code).toBe(1);
    expect(r.out).toBe("Server:\t\t127.0.0.11\nAddress:\t127.0.0.11:53\n\n** server can't find 9.0.18.172.in-addr.arpa: NXDOMAIN\n\n");
  });

  it('from another network the embedded server does not know the address: NXDOMAIN', async () => {
    const t = await userNet();
    await t.setup('docker network create n2', 'docker run -dit --name o1 --network n2 alpine');
    const r = await t.run('docker exec o1 nslookup 172.18.0.2');
    expect(r.code).toBe(1);
    expect(r.out).toContain("** server can't find 2.0.18.172.in-addr.arpa: NXDOMAIN\n");
  });

  it('nslookup 8.8.8.8 is forwarded upstream: dns.google (user network and default bridge)', async () => {
    const t = await userNet();
    const u = await t.run('docker exec c1 nslookup 8.8.8.8');
    expect(u).toMatchObject({ code: 0 });
    expect(u.out).toBe('Server:\t\t127.0.0.11\nAddress:\t127.0.0.11:53\n\nNon-authoritative answer:\n8.8.8.8.in-addr.arpa\tname = dns.google\n\n');
    await t.setup('docker run -dit --name d1 alpine');
    const d = await t.run('docker exec d1 nslookup 8.8.8.8');
    expect(d.code).toBe(0);
    expect(d.out).toBe('Server:\t\t192.168.1.1\nAddress:\t192.168.1.1:53\n\nNon-authoritative answer:\n8.8.8.8.in-addr.arpa\tname = dns.google\n\n');
  });

  it('on the default bridge nobody answers for container addresses', async () => {
    const t = newTerm();
    await t.setup('docker run -dit --name d1 alpine', 'docker run -dit --name d2 alpine');
    const r = await t.run('docker exec d1 nslookup 172.17.0.3');
    expect(r.code).toBe(1);
    expect(r.out).toContain("** server can't find 3.0.17.172.in-addr.arpa: NXDOMAIN\n");
  });

  it('BIND nslookup in netshoot prints the PTR name with its final dot', async () => {
    const t = await userNet();
    await t.setup('docker run -dit --name ns --network n1 nicolaka/netshoot');
    const r = await t.run('docker exec ns nslookup 172.18.0.3');
    expect(r.code).toBe(0);
    expect(r.out).toContain('3.0.18.172.in-addr.arpa\tname = c2.n1.\n');
    expect((await t.run('docker exec ns nslookup 8.8.8.8')).out).toContain('8.8.8.8.in-addr.arpa\tname = dns.google.\n');
  });
});

describe('dig -x in netshoot', () => {
  async function netshoot(): Promise<Term> {
    const t = await userNet();
    await t.setup('docker run -dit --name ns --network n1 nicolaka/netshoot');
    return t;
  }

  it('+short gives the PTR name with its final dot', async () => {
    const t = await netshoot();
    expect(await t.run('docker exec ns dig -x 172.18.0.2 +short')).toMatchObject({ out: 'c1.n1.\n', err: '', code: 0 });
    expect((await t.run('docker exec ns dig -x 172.18.0.3 +short')).out).toBe('c2.n1.\n');
    expect((await t.run('docker exec ns dig -x 8.8.8.8 +short')).out).toBe('dns.google.\n');
  });

  it('the full answer: PTR question and answer, TTL 600, served by 127.0.0.11', async () => {
    const t = await netshoot();
    const r = await t.run('docker exec ns dig -x 172.18.0.2');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^;; ->>HEADER<<- opcode: QUERY, status: NOERROR\b/m);
    expect(r.out).toMatch(/^;2\.0\.18\.172\.in-addr\.arpa\.\s+IN\s+PTR$/m);
    expect(r.out).toMatch(/^2\.0\.18\.172\.in-addr\.arpa\.\s+600\s+IN\s+PTR\s+c1\.n1\.$/m);
    expect(r.out).toContain(';; SERVER: 127.0.0.11#53(127.0.0.11) (UDP)\n');
  });

  it('dig -x prints the same banner and statistics as a forward dig', async () => {
    const t = await netshoot();
    const fwd = lines((await t.run('docker exec ns dig c1')).out);
    expect(fwd.some((l) => l.startsWith('; <<>> DiG '))).toBe(true);
    const r = await t.run('docker exec ns dig -x 172.18.0.2');
    const l = lines(r.out);
    expect(l.find((x) => x.startsWith('; <<>> DiG '))).toMatch(/^; <<>> DiG [\d.]+ <<>> -x 172\.18\.0\.2$/);
    expect(l).toContain(';; global options: +cmd');
    expect(l).toContain(';; Got answer:');
    expect(l).toContainEqual(expect.stringMatching(/^;; ->>HEADER<<- opcode: QUERY, status: NOERROR, id: \d+$/));
    expect(l.some((x) => /^;; flags: qr .*; QUERY: 1, ANSWER: 1, AUTHORITY: 0, ADDITIONAL: 0$/.test(x))).toBe(true);
    expect(l.some((x) => /^;; Query time: \d+ msec$/.test(x))).toBe(true);
  });
});

describe('--internal networks do not forward outside names', () => {
  async function internal(): Promise<Term> {
    const t = newTerm();
    await t.setup(
      'docker network create --internal in1',
      'docker run -dit --name c1 --network in1 alpine',
      'docker run -dit --name c2 --network in1 alpine',
    );
    return t;
  }

  it('busybox nslookup google.com: SERVFAIL for both queries, exit 1', async () => {
    const t = await internal();
    const r = await t.run('docker exec c1 nslookup google.com');
    expect(r.code).toBe(1);
    expect(r.out).toBe(
      "Server:\t\t127.0.0.11\nAddress:\t127.0.0.11:53\n\n** server can't find google.com: SERVFAIL\n\n** server can't find google.com: SERVFAIL\n\n",
    );
  });

  it("busybox ping google.com: ping: bad address 'google.com', exit 1", async () => {
    const t = await internal();
    expect(await t.run('docker exec c1 ping -c 1 google.com')).toMatchObject({ out: '', err: "ping: bad address 'google.com'\n", code: 1 });
  });

  it('names on the network still resolve and answer', async () => {
    const t = await internal();
    const n = await t.run('docker exec c1 nslookup c2');
    expect(n.code).toBe(0);
    expect(n.out).toContain('Name:\tc2\nAddress: 172.18.0.3\n');
    const p = await t.run('docker exec c1 ping -c 1 c2');
    expect(p.code).toBe(0);
    expect(p.out).toMatch(/^PING c2 \(172\.18\.0\.3\): 56 data bytes\n64 bytes from 172\.18\.0\.3: /);
  });

  it('netshoot: BIND nslookup SERVFAIL, iputils ping "Temporary failure in name resolution" (2), curl 6', async () => {
    const t = await internal();
    await t.setup('docker run -dit --name ns --network in1 nicolaka/netshoot');
    const n = await t.run('docker exec ns nslookup google.com');
    expect(n.code).toBe(1);
    expect(n.out).toContain("** server can't find google.com: SERVFAIL\n");
    expect(await t.run('docker exec ns ping -c 1 google.com')).toMatchObject({ err: 'ping: google.com: Temporary failure in name resolution\n', code: 2 });
    expect((await t.run('docker exec ns curl -s google.com')).code).toBe(6);
    expect((await t.run('docker exec ns dig google.com')).out).toMatch(/status: SERVFAIL/);
  });

  it('dig on an internal network prints the full SERVFAIL answer, question section included', async () => {
    const t = await internal();
    await t.setup('docker run -dit --name ns --network in1 nicolaka/netshoot');
    const r = await t.run('docker exec ns dig google.com');
    expect(r.out).toMatch(/^;; ->>HEADER<<- opcode: QUERY, status: SERVFAIL, id: \d+$/m);
    expect(r.out).toContain(';; QUESTION SECTION:\n;google.com.\t\t\tIN\tA\n');
    expect(r.out).toContain(';; SERVER: 127.0.0.11#53(127.0.0.11) (UDP)\n');
  });
});

describe('--add-host NAME:host-gateway', () => {
  it('writes "172.17.0.1<TAB>host.docker.internal" before the own line, and ping works', async () => {
    const t = newTerm();
    await t.setup('docker run -dit --name c1 --add-host host.docker.internal:host-gateway alpine');
    const hosts = lines((await t.run('docker exec c1 cat /etc/hosts')).out);
    expect(hosts.slice(-2)).toEqual(['172.17.0.1\thost.docker.internal', expect.stringMatching(/^172\.17\.0\.2\t[0-9a-f]{12}$/)]);
    const p = await t.run('docker exec c1 ping -c 1 host.docker.internal');
    expect(p.code).toBe(0);
    expect(p.out).toMatch(/^PING host\.docker\.internal \(172\.17\.0\.1\): 56 data bytes\n64 bytes from 172\.17\.0\.1: seq=0 ttl=64 /);
    expect(p.out).toContain('1 packets transmitted, 1 packets received, 0% packet loss\n');
  });

  it('on a user network host-gateway is still the docker0 address 172.17.0.1', async () => {
    const t = newTerm();
    await t.setup('docker network create n1', 'docker run -dit --name c1 --network n1 --add-host host.docker.internal:host-gateway alpine');
    const hosts = lines((await t.run('docker exec c1 cat /etc/hosts')).out);
    expect(hosts).toContain('172.17.0.1\thost.docker.internal');
    expect(hosts[hosts.length - 1]).toMatch(/^172\.18\.0\.2\t[0-9a-f]{12}$/);
    expect((await t.run('docker exec c1 ping -c 1 host.docker.internal')).code).toBe(0);
  });

  it('the --add-host=NAME:host-gateway spelling works too; inspect keeps the keyword', async () => {
    const t = newTerm();
    await t.setup('docker run -dit --name c1 --add-host=foo:host-gateway alpine');
    expect((await t.run('docker exec c1 cat /etc/hosts')).out).toContain('\n172.17.0.1\tfoo\n');
    expect((await t.run(`docker inspect -f '{{.HostConfig.ExtraHosts}}' c1`)).out).toBe('[foo:host-gateway]\n');
  });

  it('nginx on the host answers at host.docker.internal from the container', async () => {
    const t = newTerm();
    await t.setup(
      'docker run -d --name web -p 8080:80 nginx',
      'docker run -dit --name c1 --add-host host.docker.internal:host-gateway alpine',
    );
    const r = await t.run('docker exec c1 wget -qO- http://host.docker.internal:8080');
    expect(r.code).toBe(0);
    expect(r.out).toContain('<title>Welcome to nginx!</title>');
  });
});
