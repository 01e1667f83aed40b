import { describe, expect, it } from 'vitest';
import { lines, newTerm } from './helpers';

/**
 * iptables 1.8.11 (nf_tables) commands, errors and exit codes (fidelity-plan B3-B5, finding 16).
 * Expected texts are the real binary's: /work/team/fidelity-evidence/iptables-errors.txt,
 * iptables-save.txt, iptables-save-c.txt (Debian 13 chroot), iptables/xshared.c do_parse.
 */

const TRY = "Try `iptables -h' or 'iptables --help' for more information.\n";

describe('iptables -P and error texts (iptables-errors.txt)', () => {
  it('-P FORWARD ACCEPT changes the policy; the daemon keeps it when it rebuilds its rules', async () => {
    const t = newTerm();
    expect(await t.run('iptables -P FORWARD ACCEPT')).toMatchObject({ out: '', err: '', code: 0 });
    await t.setup('docker network create n1');
    expect(lines((await t.run('iptables -S FORWARD')).out)).toEqual(['-P FORWARD ACCEPT', '-A FORWARD -j DOCKER-USER', '-A FORWARD -j DOCKER-FORWARD']);
  });

  it('with every rule flushed, the DROP policy stops container egress and -P FORWARD ACCEPT lets it through', async () => {
    const t = newTerm();
    await t.setup('docker run -dit --name c1 alpine', 'iptables -F');
    expect((await t.run('docker exec c1 ping -c 1 -W 1 192.168.1.1')).code).toBe(1);
    await t.setup('iptables -P FORWARD ACCEPT');
    expect((await t.run('docker exec c1 ping -c 1 -W 1 192.168.1.1')).code).toBe(0);
  });

  it.each([
    ['iptables -P DOCKER ACCEPT', 'iptables: Bad built-in chain name.\n', 1],
    ['iptables -P FORWARD FOO', "iptables: Bad policy name. Run `dmesg' for more information.\n", 1],
    ['iptables -P FORWARD RETURN', "iptables: Bad policy name. Run `dmesg' for more information.\n", 1],
    ['iptables -P FORWARD', `iptables v1.8.11 (nf_tables): -P requires a chain and a policy\n${TRY}`, 2],
    ['iptables -t nat -P PREROUTING DROP', `iptables v1.8.11 (nf_tables): \nThe "nat" table is not intended for filtering, the use of DROP is therefore inhibited.\n\n\n${TRY}`, 2],
    ['iptables -L NOPE', 'iptables: No chain/target/match by that name.\n', 1],
    ['iptables -A NOPE -j DROP', 'iptables: No chain/target/match by that name.\n', 1],
    ['iptables -t foo -L', "iptables v1.8.11 (nf_tables): table 'foo' does not exist\nPerhaps iptables or your kernel needs to be upgraded.\n", 3],
    ['iptables -X DOCKER-USER', 'iptables v1.8.11 (nf_tables):  CHAIN_DEL failed (Device or resource busy): chain DOCKER-USER\n', 4],
    ['iptables -D DOCKER-USER 1', 'iptables: Index of deletion too big.\n', 1],
    ['iptables -L -n -v FORWARD', `Bad argument \`FORWARD'\n${TRY}`, 2],
    ['iptables', `iptables v1.8.11 (nf_tables): no command specified\n${TRY}`, 2],
    // Captured in the Debian 13 chroot (iptables 1.8.11): "-Lnv" takes "nv" as the chain.
    ['iptables -Lnv', 'iptables: No chain/target/match by that name.\n', 1],
    ['iptables -A INPUT --dport 80 -j DROP', `iptables v1.8.11 (nf_tables): unknown option "--dport"\n${TRY}`, 2],
    ['iptables -A INPUT -p foo -j DROP', `iptables v1.8.11 (nf_tables): unknown protocol "foo" specified\n${TRY}`, 2],
    ['iptables -A INPUT -j FOO', `iptables v1.8.11 (nf_tables): Chain 'FOO' does not exist\n${TRY}`, 2],
    ['iptables -I INPUT 5 -j DROP', 'iptables: Index of insertion too big.\n', 1],
    ['iptables -A INPUT -L', `iptables v1.8.11 (nf_tables): Cannot use -L with -A\n${TRY}`, 2],
    ['iptables -N DOCKER', 'iptables: Chain already exists.\n', 1],
    ['iptables -t nat -A POSTROUTING -j DROP', `iptables v1.8.11 (nf_tables): \nThe "nat" table is not intended for filtering, the use of DROP is therefore inhibited.\n\n\n${TRY}`, 2],
  ])('%s', async (line, err, code) => {
    const t = newTerm();
    const r = await t.run(line as string);
    expect(r).toMatchObject({ out: '', err, code });
  });

  it('--version and -V print 1.8.11 (nf_tables)', async () => {
    const t = newTerm();
    expect(await t.run('iptables --version')).toMatchObject({ out: 'iptables v1.8.11 (nf_tables)\n', code: 0 });
    expect((await t.run('iptables -V')).out).toBe('iptables v1.8.11 (nf_tables)\n');
    expect((await t.run('iptables-save --version')).out).toBe('iptables-save v1.8.11 (nf_tables)\n');
  });
});

describe('iptables rules the administrator writes (Debian 13 chroot captures)', () => {
  it('REJECT, --sport, comments, -m state print back as iptables does; -S CHAIN N prints one rule', async () => {
    const t = newTerm();
    await t.setup(
      'iptables -A INPUT -s 10.0.0.1 -j REJECT',
      'iptables -A INPUT -m state --state ESTABLISHED,RELATED -j ACCEPT',
      'iptables -A INPUT -p tcp --sport 80 -j ACCEPT',
      'iptables -A INPUT -m comment --comment "hi there" -j ACCEPT',
    );
    expect((await t.run('iptables -S INPUT')).out).toBe(
      '-P INPUT ACCEPT\n' +
        '-A INPUT -s 10.0.0.1/32 -j REJECT --reject-with icmp-port-unreachable\n' +
        '-A INPUT -m state --state RELATED,ESTABLISHED -j ACCEPT\n' +
        '-A INPUT -p tcp -m tcp --sport 80 -j ACCEPT\n' +
        '-A INPUT -m comment --comment "hi there" -j ACCEPT\n',
    );
    expect(lines((await t.run('iptables -L INPUT')).out).slice(2)).toEqual([
      'REJECT     all  --  10.0.0.1             anywhere             reject-with icmp-port-unreachable',
      'ACCEPT     all  --  anywhere             anywhere             state RELATED,ESTABLISHED',
      'ACCEPT     tcp  --  anywhere             anywhere             tcp spt:http',
      'ACCEPT     all  --  anywhere             anywhere             /* hi there */',
    ]);
    expect((await t.run('iptables -S INPUT 3')).out).toBe('-A INPUT -p tcp -m tcp --sport 80 -j ACCEPT\n');
    expect(await t.run('iptables -C INPUT -p tcp --sport 80 -j ACCEPT')).toMatchObject({ code: 0, err: '' });
    expect(await t.run('iptables -C INPUT -p tcp --sport 81 -j ACCEPT')).toMatchObject({ code: 1, err: 'iptables: Bad rule (does a matching rule exist in that chain?).\n' });
    await t.setup('iptables -D INPUT 1', 'iptables -D INPUT -p tcp --sport 80 -j ACCEPT');
    expect(lines((await t.run('iptables -S INPUT')).out)).toHaveLength(3);
  });

  it('a chain of your own: -N, a jump to it, -X refused while referenced, then -F/-D/-X', async () => {
    const t = newTerm();
    await t.setup('iptables -N MINE', 'iptables -A MINE -p icmp -j DROP', 'iptables -I DOCKER-USER -j MINE', 'docker run -dit --name c1 alpine');
    expect((await t.run('docker exec c1 ping -c 1 -W 1 192.168.1.1')).code).toBe(1);
    expect((await t.run('iptables -L MINE')).out).toMatch(/^Chain MINE \(1 references\)\n/);
    expect((await t.run('iptables -X MINE')).code).toBe(4);
    await t.setup('iptables -D DOCKER-USER -j MINE', 'iptables -F MINE', 'iptables -X MINE');
    expect((await t.run('iptables -S')).out).not.toContain('MINE');
    expect((await t.run('docker exec c1 ping -c 1 -W 1 192.168.1.1')).code).toBe(0);
  });
});

describe('iptables-save (iptables-save.txt, iptables-save-c.txt)', () => {
  it('raw, filter, nat in that order, each between Generated/Completed lines with the lab date; policy counters always, rule counters with -c', async () => {
    const t = newTerm();
    await t.setup('docker run -d -p 8080:80 --name web nginx', 'curl -s -o /dev/null localhost:8080');
    const out = (await t.run('iptables-save')).out;
    const l = lines(out);
    expect(l[0]).toMatch(/^# Generated by iptables-save v1\.8\.11 \(nf_tables\) on (Mon|Tue|Wed|Thu|Fri|Sat|Sun) [A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d \d{4}$/);
    expect(l.filter((x) => x.startsWith('*'))).toEqual(['*raw', '*filter', '*nat']);
    expect(l.filter((x) => x === 'COMMIT')).toHaveLength(3);
    const filter = l.slice(l.indexOf('*filter') + 1, l.indexOf('*filter') + 11);
    expect(filter.slice(0, 3).map((x) => x.replace(/\[\d+:\d+\]$/, '[P:B]'))).toEqual([':INPUT ACCEPT [P:B]', ':FORWARD DROP [P:B]', ':OUTPUT ACCEPT [P:B]']);
    expect(filter.slice(3)).toEqual([
      ':DOCKER - [0:0]',
      ':DOCKER-BRIDGE - [0:0]',
      ':DOCKER-CT - [0:0]',
      ':DOCKER-FORWARD - [0:0]',
      ':DOCKER-ISOLATION-STAGE-1 - [0:0]',
      ':DOCKER-ISOLATION-STAGE-2 - [0:0]',
      ':DOCKER-USER - [0:0]',
    ]);
    expect(filter[1]).toMatch(/^:FORWARD DROP \[\d+:\d+\]$/);
    expect(l).toContain('-A DOCKER ! -i docker0 -p tcp -m tcp --dport 8080 -j DNAT --to-destination 172.17.0.2:80');
    expect(l).toContain('-A PREROUTING -d 172.17.0.2/32 ! -i docker0 -j DROP');
    const withCounters = lines((await t.run('iptables-save -c -t filter')).out);
    expect(withCounters.filter((x) => x.startsWith('*'))).toEqual(['*filter']);
    expect(withCounters).toContain('[0:0] -A DOCKER-ISOLATION-STAGE-2 -o docker0 -j DROP');
    expect(withCounters.find((x) => x.endsWith('-A FORWARD -j DOCKER-USER'))).toMatch(/^\[\d+:\d+\] -A FORWARD -j DOCKER-USER$/);
  });

  it('errors: an unknown table, a bad option', async () => {
    const t = newTerm();
    expect(await t.run('iptables-save -t foo')).toMatchObject({ err: "Table `foo' does not exist\n", code: 1 });
    expect(await t.run('iptables-save -x')).toMatchObject({ err: "iptables-save: invalid option -- 'x'\nLook at manual page `iptables-save.8' for more information.\n", code: 1 });
  });
});

describe('iptables counters (B3; iptables-views.txt)', () => {
  it('a LAN client through the DNAT counts in nat PREROUTING/DOCKER and filter DOCKER; -x prints exact widths', async () => {
    const t = newTerm({ hosts: ['host1', 'host2'] });
    await t.setup('docker run -d -p 8080:80 --name web nginx', 'ssh host2', 'curl -s -o /dev/null http://192.168.1.11:8080', 'curl -s -o /dev/null http://192.168.1.11:8080', 'exit');
    const nat = lines((await t.run('iptables -t nat -L DOCKER -n -v')).out);
    expect(nat.at(-1)).toBe('    2   120 DNAT       tcp  --  !docker0 *       0.0.0.0/0            0.0.0.0/0            tcp dpt:8080 to:172.17.0.2:80');
    const filter = lines((await t.run('iptables -L DOCKER -n -v -x')).out);
    expect(filter[1]).toBe('    pkts      bytes target     prot opt in     out     source               destination         ');
    expect(filter[2]).toBe('       2      120 ACCEPT     tcp  --  !docker0 docker0  0.0.0.0/0            172.17.0.2           tcp dpt:80');
  });
});
