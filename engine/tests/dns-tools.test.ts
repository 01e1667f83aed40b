/**
 * DNS tools against Docker's embedded server (fidelity plan D4-D6, findings 22 and 37):
 * busybox nslookup (networking/nslookup.c), dig 9.20 and host (real-D2), drill (real-D6),
 * getent (musl-utils, glibc); moby libnetwork/resolver.go for what 127.0.0.11 answers.
 */
import { describe, expect, it } from 'vitest';
import { lines, newTerm, type Term } from './helpers';

async function withWeb(): Promise<Term> {
  const t = newTerm();
  await t.setup('docker network create un', 'docker run -d --name web --network un nginx', 'docker pull alpine', 'docker pull nicolaka/netshoot');
  return t;
}

describe('busybox nslookup -type (plan D4)', () => {
  it('-type=a sends only the A query: no AAAA block', async () => {
    const t = await withWeb();
    const r = await t.run('docker run --rm --network un alpine nslookup -type=a web');
    expect(r).toMatchObject({ code: 0, out: 'Server:\t\t127.0.0.11\nAddress:\t127.0.0.11:53\n\nNon-authoritative answer:\nName:\tweb\nAddress: 172.18.0.2\n\n' });
  });

  it('-type=aaaa: only the AAAA part, which Docker answers with no data', async () => {
    const t = await withWeb();
    const r = await t.run('docker run --rm --network un alpine nslookup -type=aaaa web');
    expect(r.out).toBe("Server:\t\t127.0.0.11\nAddress:\t127.0.0.11:53\n\nNon-authoritative answer:\n*** Can't find web: No answer\n\n");
  });

  it('without -type both queries go out, each reply printed (kept: the double Non-authoritative answer)', async () => {
    const t = await withWeb();
    const r = await t.run('docker run --rm --network un alpine nslookup web');
    expect(r.out).toBe("Server:\t\t127.0.0.11\nAddress:\t127.0.0.11:53\n\nNon-authoritative answer:\nName:\tweb\nAddress: 172.18.0.2\n\nNon-authoritative answer:\n*** Can't find web: No answer\n\n");
  });

  it('--dns to a dead server: the embedded DNS answers SERVFAIL after its upstream timeout (finding 22, resolver.go:441-452,492)', async () => {
    const t = newTerm();
    await t.setup('docker network create dead', 'docker pull alpine');
    const r = await t.run('docker run --rm --network dead --dns 10.9.9.9 alpine nslookup google.com');
    expect(r).toMatchObject({
      code: 1,
      out: "Server:\t\t127.0.0.11\nAddress:\t127.0.0.11:53\n\n** server can't find google.com: SERVFAIL\n\n** server can't find google.com: SERVFAIL\n\n",
    });
  });
});

describe('dig (plan D6)', () => {
  it('a container name: blank line first, no OPT, TTL 600, 40 bytes, WHEN in strftime form', async () => {
    const t = await withWeb();
    const r = await t.run('docker run --rm --network un nicolaka/netshoot dig web');
    expect(r.out).toMatch(
      new RegExp(
        '^\\n; <<>> DiG 9\\.20\\.15 <<>> web\\n;; global options: \\+cmd\\n;; Got answer:\\n' +
          ';; ->>HEADER<<- opcode: QUERY, status: NOERROR, id: \\d+\\n' +
          ';; flags: qr rd ra; QUERY: 1, ANSWER: 1, AUTHORITY: 0, ADDITIONAL: 0\\n\\n' +
          ';; QUESTION SECTION:\\n;web\\.\\t\\t\\t\\tIN\\tA\\n\\n' +
          ';; ANSWER SECTION:\\nweb\\.\\t\\t\\t600\\tIN\\tA\\t172\\.18\\.0\\.2\\n\\n' +
          ';; Query time: 0 msec\\n;; SERVER: 127\\.0\\.0\\.11#53\\(127\\.0\\.0\\.11\\) \\(UDP\\)\\n' +
          ';; WHEN: Fri Nov 20 09:00:\\d\\d UTC 2026\\n;; MSG SIZE {2}rcvd: 40\\n\\n$',
      ),
    );
  });

  it('a forwarded answer is the upstream\'s: OPT pseudosection, ADDITIONAL 1, compressed size', async () => {
    const t = await withWeb();
    const r = await t.run('docker run --rm --network un nicolaka/netshoot dig google.com');
    expect(r.out).toContain(';; flags: qr rd ra; QUERY: 1, ANSWER: 1, AUTHORITY: 0, ADDITIONAL: 1\n\n;; OPT PSEUDOSECTION:\n; EDNS: version: 0, flags:; udp: 1232\n;; QUESTION SECTION:\n;google.com.\t\t\tIN\tA\n');
    expect(r.out).toContain(';; MSG SIZE  rcvd: 55\n');
  });

  it('query ids are not round numbers; -x and +short', async () => {
    const t = await withWeb();
    const ids = [];
    for (let i = 0; i < 3; i++) ids.push(Number(/id: (\d+)/.exec((await t.run('docker run --rm --network un nicolaka/netshoot dig web')).out)![1]));
    expect(ids.some((id) => id % 1000 !== 0)).toBe(true);
    expect((await t.run('docker run --rm --network un nicolaka/netshoot dig +short web')).out).toBe('172.18.0.2\n');
    const x = await t.run('docker run --rm --network un nicolaka/netshoot dig -x 172.18.0.2');
    expect(x.out).toContain(';2.0.18.172.in-addr.arpa.\tIN\tPTR\n\n;; ANSWER SECTION:\n2.0.18.172.in-addr.arpa. 600\tIN\tPTR\tweb.un.\n');
  });

  it('on the host: Debian\'s version string; LAN names come authoritative from the router', async () => {
    const t = newTerm();
    const r = await t.run('dig host1');
    expect(r.out).toMatch(/^\n; <<>> DiG 9\.20\.15-1~deb13u1-Debian <<>> host1\n/);
    expect(r.out).toContain(';; flags: qr aa rd ra;');
  });
});

describe('host, drill, getent (plan D5)', () => {
  it('host: address lines, PTR, NXDOMAIN (exit 1)', async () => {
    const t = await withWeb();
    expect((await t.run('docker run --rm --network un nicolaka/netshoot host web')).out).toBe('web has address 172.18.0.2\n');
    expect((await t.run('docker run --rm --network un nicolaka/netshoot host 172.18.0.2')).out).toBe('2.0.18.172.in-addr.arpa domain name pointer web.un.\n');
    expect(await t.run('docker run --rm --network un nicolaka/netshoot host nothere')).toMatchObject({ out: 'Host nothere not found: 3(NXDOMAIN)\n', code: 1 });
  });

  it('drill: ldns\'s layout with empty sections and a zone-less WHEN (real-D6)', async () => {
    const t = await withWeb();
    const r = await t.run('docker run --rm --network un nicolaka/netshoot drill web');
    expect(lines(r.out)).toEqual([
      expect.stringMatching(/^;; ->>HEADER<<- opcode: QUERY, rcode: NOERROR, id: \d+$/),
      ';; flags: qr rd ra ; QUERY: 1, ANSWER: 1, AUTHORITY: 0, ADDITIONAL: 0 ',
      ';; QUESTION SECTION:',
      ';; web.\tIN\tA',
      '',
      ';; ANSWER SECTION:',
      'web.\t600\tIN\tA\t172.18.0.2',
      '',
      ';; AUTHORITY SECTION:',
      '',
      ';; ADDITIONAL SECTION:',
      '',
      ';; Query time: 0 msec',
      ';; SERVER: 127.0.0.11',
      expect.stringMatching(/^;; WHEN: Fri Nov 20 09:00:\d\d 2026$/),
      ';; MSG SIZE  rcvd: 40',
    ]);
  });

  it('getent: Alpine pads the address to 16 and two spaces; glibc to 15 and one; not found exits 2', async () => {
    const t = await withWeb();
    expect((await t.run('docker run --rm --network un alpine getent hosts web')).out).toBe('172.18.0.2        web\n');
    expect(await t.run('docker run --rm --network un alpine getent hosts nothere')).toMatchObject({ out: '', code: 2 });
    expect((await t.run('docker run --rm alpine getent passwd nobody')).out).toBe('nobody:x:65534:65534:nobody:/:/sbin/nologin\n');
    expect((await t.run('docker exec web getent hosts web')).out).toBe('172.18.0.2      web\n');
    expect((await t.run('docker exec web getent ahosts web')).out).toBe('172.18.0.2      STREAM web\n172.18.0.2      DGRAM  \n172.18.0.2      RAW    \n');
    expect(await t.run('docker run --rm busybox getent hosts web')).toMatchObject({ code: 127 });
  });
});
