/**
 * busybox applets and host tools (fidelity plan D1-D3, findings 8 and 20), against the captures in
 * team/fidelity-evidence: bb-musl-applets.txt, bb-musl-nc.txt (alpine = musl), bb-srv-nc2.txt
 * (busybox:latest = glibc), real-D5-busybox-httpd-nc.txt, real-B6-ss.txt.
 */
import { describe, expect, it } from 'vitest';
import { createLab } from '../index';
import { lines, newTerm, Term } from './helpers';

describe('busybox httpd (plan D1, real-D5)', () => {
  it('httpd -f -p 8080 -h /www serves files written in the container; 404 page; -v logs each response', async () => {
    const t = newTerm();
    await t.setup('docker run -d --name srv -p 8080:8080 busybox httpd -f -v -p 8080 -h /www', "docker exec srv sh -c 'echo hello > /www/index.html'");
    expect((await t.run('curl -s localhost:8080')).out).toBe('hello\n');
    const nf = await t.run('curl -s localhost:8080/nope');
    expect(nf.out).toBe('<HTML><HEAD><TITLE>404 Not Found</TITLE></HEAD>\n<BODY><H1>404 Not Found</H1>\nThe requested URL was not found\n</BODY></HTML>\n');
    expect(lines((await t.run('docker logs srv')).output)).toEqual([
      expect.stringMatching(/^\[::ffff:172\.17\.0\.1\]:\d+: response:200$/),
      expect.stringMatching(/^\[::ffff:172\.17\.0\.1\]:\d+: response:404$/),
    ]);
  });

  it('wget -S shows busybox httpd\'s own header set: Connection: close, Content-type, ETag mtime-size', async () => {
    const t = newTerm();
    await t.setup('docker run -d --name srv busybox httpd -f -p 80', "docker exec srv sh -c 'echo hi > /index.html'", 'docker pull alpine');
    const r = await t.run('docker run --rm alpine wget -S -O /dev/null http://172.17.0.2/');
    expect(lines(r.err)).toEqual([
      'Connecting to 172.17.0.2 (172.17.0.2:80)',
      '  HTTP/1.1 200 OK',
      expect.stringMatching(/^ {2}Date: Fri, 20 Nov 2026 09:00:\d\d GMT$/),
      '  Connection: close',
      '  Content-type: text/html',
      '  Accept-Ranges: bytes',
      expect.stringMatching(/^ {2}Last-Modified: /),
      expect.stringMatching(/^ {2}ETag: "[0-9a-f]+-3"$/),
      '  Content-Length: 3',
      '  ',
      "saving to '/dev/null'",
      'null                 100% |********************************|     3  0:00:00 ETA',
      "'/dev/null' saved",
    ]);
  });

  it('without -f it daemonizes: as PID 1 the container exits 0 at once', async () => {
    const t = newTerm();
    await t.setup('docker run -d --name bg busybox httpd -p 8080');
    expect((await t.run("docker ps -a --format '{{.Status}}'")).out).toMatch(/^Exited \(0\) /);
  });

  it('httpd -h with no argument: getopt\'s complaint and the usage; alpine has no httpd at all', async () => {
    const t = newTerm();
    await t.setup('docker pull busybox');
    const r = await t.run('docker run --rm busybox httpd -h');
    expect(r.output).toMatch(/^httpd: option requires an argument -- 'h'\nBusyBox v1\.37\.0 \(2024-09-26 21:31:42 UTC\) multi-call binary\.\n\nUsage: httpd \[-ifv\[v\]\]/);
    await t.setup('docker run -d --name al alpine sleep 100');
    expect(await t.run("docker exec al sh -c 'httpd -p 80'")).toMatchObject({ err: 'sh: httpd: not found\n', code: 127 });
  });
});

describe('nc (plan D2): alpine\'s musl busybox and busybox:latest (glibc)', () => {
  it('-zv: open prints the line, refused is silent with one -v and explained with -vv (bb-musl-nc.txt, bb-alp-nc2.txt)', async () => {
    const t = newTerm();
    await t.setup('docker run -d --name srv busybox httpd -f -p 8080', 'docker pull alpine');
    expect(await t.run('docker run --rm alpine nc -zv 172.17.0.2 8080')).toMatchObject({ err: '172.17.0.2 (172.17.0.2:8080) open\n', code: 0 });
    expect(await t.run('docker run --rm alpine nc -zv 172.17.0.2 81')).toMatchObject({ output: '', code: 1 });
    expect(await t.run('docker run --rm alpine nc -zvv 172.17.0.2 81')).toMatchObject({ err: 'nc: 172.17.0.2 (172.17.0.2:81): Connection refused\nsent 0, rcvd 0\n', code: 1 });
    expect(await t.run('docker run --rm alpine nc -zv nosuchhost 80')).toMatchObject({ err: "nc: bad address 'nosuchhost'\n", code: 1 });
    expect(await t.run('docker run --rm alpine nc -zv 172.17.0.2 8079-8081')).toMatchObject({ err: "nc: bad port '8079-8081'\n", code: 1 });
  });

  it('-w 1 to a silent host: musl says "Operation timed out", glibc "Connection timed out" (finding 5)', async () => {
    const t = newTerm();
    await t.setup('docker pull alpine', 'docker pull busybox');
    expect(await t.run('docker run --rm alpine nc -zvw1 10.255.255.1 80')).toMatchObject({ err: 'nc: 10.255.255.1 (10.255.255.1:80): Operation timed out\n', code: 1 });
    expect(await t.run('docker run --rm busybox nc -zvw1 10.255.255.1 80')).toMatchObject({ err: 'nc: 10.255.255.1 (10.255.255.1:80): Connection timed out\n', code: 1 });
    expect(await t.run('docker run --rm alpine nc -zw1 10.255.255.1 80')).toMatchObject({ output: '', code: 1 });
  });

  it('nc -l -p 9000 in one terminal prints what a client in another terminal sends, then exits 0', async () => {
    const lab = createLab({ seed: 1 });
    const one = new Term(lab, lab.openSession());
    const two = new Term(lab, lab.openSession());
    await one.setup('docker run -d --name srv alpine sleep 1000', 'docker run -d --name cli alpine sleep 1000');
    const server = one.run('docker exec srv nc -l -p 9000');
    const client = await two.run("docker exec cli sh -c 'echo hello | nc 172.17.0.2 9000'");
    expect(client).toMatchObject({ output: '', code: 0 });
    expect(await server).toMatchObject({ out: 'hello\n', code: 0 });
    // One-shot: the port is closed again.
    expect((await two.run('docker exec cli nc -zvv 172.17.0.2 9000')).err).toContain('Connection refused');
  });

  it('a detached listener writes what it receives to docker logs; -lk keeps listening', async () => {
    const t = newTerm();
    await t.setup('docker run -d --name ncl alpine nc -lk -p 9000');
    await t.setup("docker run --rm alpine sh -c 'echo one | nc 172.17.0.2 9000'", "docker run --rm alpine sh -c 'echo two | nc 172.17.0.2 9000'");
    expect((await t.run('docker logs ncl')).out).toBe('one\ntwo\n');
  });

  it('-lv: "listening on [::]:PORT ..."; a second listener on the port: bind fails (musl: "Address in use")', async () => {
    const t = newTerm();
    await t.setup('docker run -d --name ncl alpine nc -lv -p 9000');
    expect((await t.run('docker logs ncl')).output).toBe('listening on [::]:9000 ...\n');
    expect(await t.run('docker exec ncl nc -l -p 9000')).toMatchObject({ err: 'nc: bind: Address in use\n', code: 1 });
    await t.setup('docker run -d --name ncb busybox nc -l -p 9000');
    expect(await t.run('docker exec ncb nc -l -p 9000')).toMatchObject({ err: 'nc: bind: Address already in use\n', code: 1 });
  });

  it('nc -h: busybox\'s usage, exit 1 (bb-musl-applets.txt)', async () => {
    const t = newTerm();
    await t.setup('docker pull alpine');
    const r = await t.run('docker run --rm alpine nc -h');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^nc: unrecognized option: h\nBusyBox v1\.37\.0 \(2024-09-26 21:31:42 UTC\) multi-call binary\.\n\nUsage: nc \[OPTIONS\] HOST PORT {2}- connect\n/);
  });
});

describe('ifconfig, route, arp, netstat -r, ps (plan D3, bb-musl-applets.txt)', () => {
  it('ifconfig: eth0 then lo, upper-case HWaddr, Bcast from the address, no IPv6 on eth0', async () => {
    const t = newTerm();
    await t.setup('docker run -d --name b1 busybox sleep 1000');
    const mac = (await t.run("docker inspect -f '{{.NetworkSettings.MacAddress}}' b1")).out.trim().toUpperCase();
    const out = (await t.run('docker exec b1 ifconfig')).out;
    expect(out).toBe(
      `eth0      Link encap:Ethernet  HWaddr ${mac}  \n` +
        '          inet addr:172.17.0.2  Bcast:172.17.255.255  Mask:255.255.0.0\n' +
        '          UP BROADCAST RUNNING MULTICAST  MTU:1500  Metric:1\n' +
        '          RX packets:0 errors:0 dropped:0 overruns:0 frame:0\n' +
        '          TX packets:0 errors:0 dropped:0 overruns:0 carrier:0\n' +
        '          collisions:0 txqueuelen:1000 \n' +
        '          RX bytes:0 (0.0 B)  TX bytes:0 (0.0 B)\n' +
        '\n' +
        'lo        Link encap:Local Loopback  \n' +
        '          inet addr:127.0.0.1  Mask:255.0.0.0\n' +
        '          inet6 addr: ::1/128 Scope:Host\n' +
        '          UP LOOPBACK RUNNING  MTU:65536  Metric:1\n' +
        '          RX packets:0 errors:0 dropped:0 overruns:0 frame:0\n' +
        '          TX packets:0 errors:0 dropped:0 overruns:0 carrier:0\n' +
        '          collisions:0 txqueuelen:1000 \n' +
        '          RX bytes:0 (0.0 B)  TX bytes:0 (0.0 B)\n' +
        '\n',
    );
    expect(await t.run('ifconfig')).toMatchObject({ err: 'bash: ifconfig: command not found\n', code: 127 });
  });

  it('route, route -n and netstat -rn', async () => {
    const t = newTerm();
    await t.setup('docker run -d --name b1 alpine sleep 1000');
    expect((await t.run('docker exec b1 route')).out).toBe(
      'Kernel IP routing table\n' +
        'Destination     Gateway         Genmask         Flags Metric Ref    Use Iface\n' +
        'default         172.17.0.1      0.0.0.0         UG    0      0        0 eth0\n' +
        '172.17.0.0      *               255.255.0.0     U     0      0        0 eth0\n',
    );
    expect((await t.run('docker exec b1 route -n')).out).toContain('\n0.0.0.0         172.17.0.1      0.0.0.0         UG    0      0        0 eth0\n172.17.0.0      0.0.0.0         255.255.0.0     U     0      0        0 eth0\n');
    expect((await t.run('docker exec b1 netstat -rn')).out).toBe(
      'Kernel IP routing table\n' +
        'Destination     Gateway         Genmask         Flags   MSS Window  irtt Iface\n' +
        '0.0.0.0         172.17.0.1      0.0.0.0         UG        0 0          0 eth0\n' +
        '172.17.0.0      0.0.0.0         255.255.0.0     U         0 0          0 eth0\n',
    );
  });

  it('arp lists the neighbour cache the walks filled (two spaces before "on"); empty at first', async () => {
    const t = newTerm();
    await t.setup('docker run -d --name b1 alpine sleep 1000');
    expect((await t.run('docker exec b1 arp -a')).out).toBe('');
    await t.setup('docker exec b1 ping -c 1 172.17.0.1');
    expect((await t.run('docker exec b1 arp -n')).out).toMatch(/^\? \(172\.17\.0\.1\) at [0-9a-f:]{17} \[ether\] {2}on eth0\n$/);
  });

  it('ps in a container: its own PIDs, PID 1 first, the exec\'d ps last; -o pid,user,comm', async () => {
    const t = newTerm();
    await t.setup('docker run -d --name b1 busybox sleep 1000');
    expect(lines((await t.run('docker exec b1 ps -ef')).out)).toEqual(['PID   USER     TIME  COMMAND', '    1 root      0:00 sleep 1000', expect.stringMatching(/^ {3,4}\d\d? root {6}0:00 ps -ef$/)]);
    expect(lines((await t.run('docker exec b1 ps -o pid,user,comm')).out)).toEqual(['PID   USER     COMMAND', '    1 root     sleep', expect.stringMatching(/^ {3,4}\d\d? root {5}ps$/)]);
  });

  it('ps aux on the host: dockerd, containerd, one docker-proxy per published address and a shim per container (plan D3)', async () => {
    const t = newTerm();
    await t.setup('docker run -d --name web -p 8080:80 nginx');
    const out = (await t.run('ps aux')).out;
    expect(lines(out)[0]).toBe('USER         PID %CPU %MEM    VSZ   RSS TTY      STAT START   TIME COMMAND');
    expect(out).toMatch(/\nroot +1021 .* \/usr\/bin\/dockerd -H fd:\/\/ --containerd=\/run\/containerd\/containerd\.sock\n/);
    const proxies = lines(out).filter((l) => l.includes('/usr/bin/docker-proxy'));
    expect(proxies).toEqual([
      expect.stringMatching(/docker-proxy -proto tcp -host-ip 0\.0\.0\.0 -host-port 8080 -container-ip 172\.17\.0\.2 -container-port 80 -use-listen-fd$/),
      expect.stringMatching(/docker-proxy -proto tcp -host-ip :: -host-port 8080 -container-ip 172\.17\.0\.2 -container-port 80 -use-listen-fd$/),
    ]);
    expect(out).toMatch(/\n101 +\d+ .* nginx: worker process\n/);
    expect(out).toContain('/usr/bin/containerd-shim-runc-v2 -namespace moby -id ');
  });
});

describe('ss and netstat attribution (finding 20, real-B6-ss.txt)', () => {
  it('two published ports: four docker-proxy processes, each with its own PID; sshd backlog 128', async () => {
    const t = newTerm();
    await t.setup('docker run -d --name w1 -p 8000:80 nginx', 'docker run -d --name w2 -p 8001:80 nginx');
    const out = lines((await t.run('ss -tlnp')).out);
    const pids = out.filter((l) => l.includes('docker-proxy')).map((l) => /pid=(\d+)/.exec(l)![1]);
    expect(pids).toHaveLength(4);
    expect(new Set(pids).size).toBe(4);
    expect(out[1]).toMatch(/^LISTEN 0 {6}128 +0\.0\.0\.0:22 +0\.0\.0\.0:\* +users:\(\("sshd",pid=612,fd=3\)\)$/);
    expect(out[2]).toMatch(/^LISTEN 0 {6}128 +\[::\]:22 +\[::\]:\* +users:\(\("sshd",pid=612,fd=4\)\)$/);
    const psPids = lines((await t.run('ps aux')).out).filter((l) => l.includes('docker-proxy')).map((l) => l.split(/\s+/)[1]);
    expect(new Set(psPids)).toEqual(new Set(pids));
  });

  it('inside a container the embedded DNS sockets belong to no visible process; a container: sidecar cannot name nginx', async () => {
    const t = newTerm();
    await t.setup('docker network create n1', 'docker run -d --name web --network n1 nginx:alpine');
    const inside = lines((await t.run('docker exec web netstat -tulpn')).out);
    expect(inside).toContainEqual(expect.stringMatching(/^tcp +0 +0 0\.0\.0\.0:80 +0\.0\.0\.0:\* +LISTEN +1\/nginx$/));
    expect(inside).toContainEqual(expect.stringMatching(/^tcp +0 +0 127\.0\.0\.11:\d+ +0\.0\.0\.0:\* +LISTEN +-$/));
    const sidecar = lines((await t.run('docker run --rm --net container:web nicolaka/netshoot ss -tlnp')).out);
    expect(sidecar).toContainEqual(expect.stringMatching(/^LISTEN 0 {6}511 +0\.0\.0\.0:80 +0\.0\.0\.0:\* *$/));
    expect(sidecar.join('\n')).not.toContain('users:');
  });

  it('servers that open one dual-stack socket show as *:PORT (httpd, whoami)', async () => {
    const t = newTerm();
    await t.setup('docker run -d --name who --network host traefik/whoami');
    expect((await t.run('ss -tlnp')).out).toMatch(/\nLISTEN 0 {6}4096 +\*:80 +\*:\* +users:\(\("whoami",pid=\d+,fd=3\)\)/);
  });
});

describe('servers survive a snapshot and restore', () => {
  it('busybox httpd and nc -lk start again in their sockets; image servers keep theirs and do not greet again', async () => {
    const t = newTerm();
    await t.setup(
      'docker run -d --name srv busybox httpd -f -p 8080',
      "docker exec srv sh -c 'echo hi > /index.html'",
      'docker run -d --name ncl alpine nc -lk -p 9000',
      'docker run -d --name cache redis',
    );
    const logs = (await t.run('docker logs cache')).output;
    const snap = JSON.stringify(t.lab.snapshot());
    const { restoreLab } = await import('../index');
    const r = await restoreLab(snap);
    if (!r.ok) throw new Error(r.error);
    const u = new Term(r.lab, r.lab.openSession());
    expect((await u.run('curl -s 172.17.0.2:8080')).out).toBe('hi\n');
    await u.setup("docker run --rm alpine sh -c 'echo after | nc 172.17.0.3 9000'");
    expect((await u.run('docker logs ncl')).out).toBe('after\n');
    expect((await u.run('docker exec cache redis-cli ping')).out).toBe('PONG\n');
    expect((await u.run('docker logs cache')).output).toBe(logs);
  });
});

describe('nc -lv: who connected (real-D5; glibc prints "(null)" for the peer\'s name)', () => {
  it('busybox:latest (glibc) and alpine (musl)', async () => {
    const t = newTerm();
    await t.setup('docker run -d --name lg busybox nc -lv -p 9003', 'docker run -d --name lm alpine nc -lv -p 9002');
    await t.setup("docker run --rm alpine sh -c 'echo x | nc 172.17.0.2 9003'", "docker run --rm alpine sh -c 'echo y | nc 172.17.0.3 9002'");
    expect(lines((await t.run('docker logs lg')).output)).toEqual([
      'listening on [::]:9003 ...',
      expect.stringMatching(/^connect to \[::ffff:172\.17\.0\.2\]:9003 from \(null\) \(\[::ffff:172\.17\.0\.\d+\]:\d+\)$/),
      'x',
    ]);
    expect(lines((await t.run('docker logs lm')).output)).toEqual([
      'listening on [::]:9002 ...',
      expect.stringMatching(/^connect to \[::ffff:172\.17\.0\.3\]:9002 from \[::ffff:(172\.17\.0\.\d+)\]:(\d+) \(\[::ffff:\1\]:\2\)$/),
      'y',
    ]);
  });
});

describe('netcat-openbsd (hosts, netshoot) words it its own way', () => {
  it('-zv: "Connection to ... succeeded!" or "connect to ... failed: Connection refused"', async () => {
    const t = newTerm();
    await t.setup('docker run -d --name web nginx');
    expect(await t.run('nc -zv 172.17.0.2 80')).toMatchObject({ err: 'Connection to 172.17.0.2 80 port [tcp/http] succeeded!\n', code: 0 });
    expect(await t.run('nc -zv 172.17.0.2 81')).toMatchObject({ err: 'nc: connect to 172.17.0.2 port 81 (tcp) failed: Connection refused\n', code: 1 });
  });
});

describe('nc as a chat between two terminals', () => {
  it('lines typed into the client appear at the listener; Ctrl-D (end of input) ends both', async () => {
    const lab = createLab({ seed: 1 });
    const one = new Term(lab, lab.openSession());
    const two = new Term(lab, lab.openSession());
    await one.setup('docker run -d --name srv alpine sleep 1000');
    const server = one.run('docker exec srv nc -l -p 9000');
    // The listener opens its socket while the second terminal's first command runs.
    await two.run('true');
    const client = await two.run('nc 172.17.0.2 9000', ['hello', 'second line']);
    expect(client.code).toBe(0);
    expect(await server).toMatchObject({ out: 'hello\nsecond line\n', code: 0 });
  });
});
