/**
 * conntrack -L on a Docker host, against /work/team/fidelity-evidence/real-B3-conntrack.txt
 * (conntrack-tools v1.4.8; texts from src/conntrack.c: entries on stdout, the summary on stderr
 * after them, exit_error's "conntrack v1.4.8 (conntrack-tools): …"). The entries are what the
 * lab's packet walks made: a published port DNATed to the container, a container's ping
 * masqueraded to the LAN.
 */
import { describe, expect, it } from 'vitest';
import { Term, lines, newTerm } from './helpers';

const SUMMARY = (n: number) => `conntrack v1.4.8 (conntrack-tools): ${n} flow entries have been shown.\n`;
const ICMP = /^icmp {5}1 29 src=172\.17\.0\.3 dst=192\.168\.1\.12 type=8 code=0 id=(\d+) src=192\.168\.1\.12 dst=192\.168\.1\.11 type=0 code=0 id=\1 mark=0 use=1$/;
const TCP = /^tcp {6}6 11\d TIME_WAIT src=192\.168\.1\.12 dst=192\.168\.1\.11 sport=(\d+) dport=8080 src=172\.17\.0\.2 dst=192\.168\.1\.12 sport=80 dport=\1 \[ASSURED\] mark=0 use=1$/;

/** The capture's set-up: host2 fetches host1:8080 (httpd in 172.17.0.2), a container pings host2. */
async function captureLab(): Promise<Term> {
  const t = newTerm({ hosts: ['host1', 'host2'] });
  await t.setup('docker run -d --name web -p 8080:80 httpd', 'docker run -d --name c1 alpine sleep 1000');
  const t2 = new Term(t.lab, t.lab.openSession('host2'));
  await t2.setup('curl -s -o /dev/null 192.168.1.11:8080');
  await t.setup('docker exec c1 ping -c 1 192.168.1.12');
  return t;
}

describe('conntrack -L on a Docker host (conntrack-tools 1.4.8 src/conntrack.c; nf_conntrack timeouts)', () => {
  it('lists the DNATed published port and the masqueraded ping with both tuples, the summary on stderr', async () => {
    const t = await captureLab();
    const r = await t.run('conntrack -L');
    expect(r.code).toBe(0);
    expect(r.err).toBe(SUMMARY(2));
    const [tcp, icmp] = lines(r.out);
    expect(tcp).toMatch(TCP);
    expect(icmp).toMatch(ICMP);
    // The terminal shows the entries, then the summary (stdout is line-buffered there).
    expect(r.output.endsWith(SUMMARY(2))).toBe(true);
  });

  it('-p tcp, -n (source-NATed only), -g (destination-NATed), -o extended, -C', async () => {
    const t = await captureLab();
    const tcp = await t.run('conntrack -L -p tcp');
    expect([lines(tcp.out).length, tcp.err]).toEqual([1, SUMMARY(1)]);
    expect(lines(tcp.out)[0]).toMatch(TCP);
    const snat = await t.run('conntrack -L -n');
    expect(snat.err).toBe(SUMMARY(1));
    expect(lines(snat.out)[0]).toMatch(/^icmp {5}1 2\d src=172\.17\.0\.3 /);
    expect(lines((await t.run('conntrack -L -g')).out)[0]).toMatch(/^tcp {6}6 \d+ TIME_WAIT src=192\.168\.1\.12 /);
    const ext = lines((await t.run('conntrack -L -o extended')).out);
    expect(ext).toHaveLength(2);
    expect(ext[0]).toMatch(/^ipv4 {5}2 tcp {6}6 \d+ TIME_WAIT src=192\.168\.1\.12 dst=192\.168\.1\.11 /);
    expect(ext[1]).toMatch(/^ipv4 {5}2 icmp {5}1 \d+ src=172\.17\.0\.3 /);
    const count = await t.run('conntrack -C');
    expect([count.out, count.err, count.code]).toEqual(['2\n', '', 0]);
  });

  it('entries count down on lab time and expire: icmp after 30 s, the TIME_WAIT after 120 s', async () => {
    const t = await captureLab();
    await t.run('sleep 40');
    const r = await t.run('conntrack -L');
    expect(r.err).toBe(SUMMARY(1));
    expect(lines(r.out)[0]).toMatch(/^tcp {6}6 7\d TIME_WAIT /);
    await t.run('sleep 80');
    expect(await t.run('conntrack -L')).toMatchObject({ out: '', err: SUMMARY(0), code: 0 });
  });

  it('an unanswered SYN is SYN_SENT [UNREPLIED]; a refused one CLOSE', async () => {
    const t = newTerm({ hosts: ['host1', 'host2'] });
    await t.run('curl -s -m 1 192.168.1.12:81');
    const r = await t.run('conntrack -L -p tcp');
    expect(lines(r.out)[0]).toMatch(/^tcp {6}6 \d+ CLOSE src=192\.168\.1\.11 dst=192\.168\.1\.12 sport=\d+ dport=81 src=192\.168\.1\.12 dst=192\.168\.1\.11 sport=81 dport=\d+ mark=0 use=1$/);
    await t.setup('ssh host2 iptables -I INPUT -p tcp --dport 82 -j DROP');
    await t.run('curl -s -m 1 192.168.1.12:82');
    const s = await t.run('conntrack -L -p tcp --dport 82');
    expect(lines(s.out)[0]).toMatch(/^tcp {6}6 1\d\d SYN_SENT src=192\.168\.1\.11 dst=192\.168\.1\.12 sport=(\d+) dport=82 \[UNREPLIED\] src=192\.168\.1\.12 dst=192\.168\.1\.11 sport=82 dport=\1 mark=0 use=1$/);
  });

  it('-D deletes and prints what it deleted; -F empties the table', async () => {
    const t = await captureLab();
    const d = await t.run('conntrack -D -p icmp');
    expect(lines(d.out)[0]).toMatch(/^icmp /);
    expect(d.err).toBe('conntrack v1.4.8 (conntrack-tools): 1 flow entries have been deleted.\n');
    expect((await t.run('conntrack -D -p icmp')).code).toBe(1);
    const f = await t.run('conntrack -F');
    expect([f.err, f.code]).toEqual(['conntrack v1.4.8 (conntrack-tools): connection tracking table has been emptied.\n', 0]);
    expect((await t.run('conntrack -C')).out).toBe('0\n');
  });

  it('bad input gets exit_error\'s texts', async () => {
    const t = newTerm();
    expect(await t.run('conntrack -L -p sctpx')).toMatchObject({
      err: "conntrack v1.4.8 (conntrack-tools): `sctpx' unsupported protocol\nTry `conntrack -h' or 'conntrack --help' for more information.\n",
      code: 2,
    });
    expect((await t.run('conntrack -L -C')).err).toMatch(/^conntrack v1\.4\.8 \(conntrack-tools\): Invalid commands combination\n/);
  });

  it('inside a container without NET_ADMIN ctnetlink refuses (err2str EPERM); with it the container\'s own table', async () => {
    const t = newTerm();
    await t.setup('docker run -d --name shoot nicolaka/netshoot sleep infinity', 'docker run -d --name admin --cap-add NET_ADMIN nicolaka/netshoot sleep infinity');
    expect(await t.run('docker exec shoot conntrack -L')).toMatchObject({
      out: '',
      err: 'conntrack v1.4.8 (conntrack-tools): Operation failed: sorry, you must be root or get CAP_NET_ADMIN capability to do this\n',
      code: 1,
    });
    expect(await t.run('docker exec admin conntrack -L')).toMatchObject({ out: '', err: SUMMARY(0), code: 0 });
  });
});
